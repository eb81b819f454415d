"""How long a string a pattern can match at most: lines longer than that skip it.

Most junk is short, most body text is long, and a whole-line pattern can only
match a line no longer than its widest match. Knowing that bound lets the
engine try, on a 600-character paragraph, only the few patterns that could
possibly match it. A pattern with an unbounded repeat (``*``, ``+``, ``{n,}``)
has no bound and is tried on every line, which is why the bundled rules write
``{0,5}`` rather than ``*``.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

# Python's own regex parser: private, but stable across 3.11+ and the only
# parser that computes widths. If it ever moves, every pattern counts as
# unbounded: slower, never wrong.
try:
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _parser = None

UNBOUNDED = 1 << 30

# `regex` syntax that Python's own parser does not know, mapped to something of
# the same width (a property class matches one character).
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")


def max_width(pattern: str) -> int:
    """The most characters `pattern` can match, or UNBOUNDED when it cannot be told.

    >>> max_width(r"Publicité|PUBLICITÉ")
    9
    >>> max_width(r"\\p{Lu}\\p{Ll}{1,20}")
    21
    >>> max_width(r"Par .{1,40}") , max_width(r"Par .+") == UNBOUNDED
    (44, True)
    """
    if _parser is None:  # pragma: no cover
        return UNBOUNDED
    try:
        high: int = _parser.parse(_PROPERTY.sub("x", pattern)).getwidth()[1]
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return UNBOUNDED
    return high if high < _parser.MAXREPEAT else UNBOUNDED
