"""Collection from the checkout: an adapter's doctests run only where its extra is installed."""

from __future__ import annotations

import importlib.util

collect_ignore = [] if importlib.util.find_spec("datatrove") else [
    "cleaner/integrations/datatrove.py"]
