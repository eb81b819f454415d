"""Where the data shipped with the package lives: rule files and lexicons.

A leaf module (it imports no other part of cleaner), so that every layer,
down to language detection, may read that data.
"""

from __future__ import annotations

from pathlib import Path


def bundled_rules_dir() -> Path:
    """Where the rules shipped with the package live.

    A wheel carries them as ``cleaner/_rules``; a source checkout (editable
    install, tests run from the repository) has them at the top as ``rules/``.
    """
    # The package's own folder, as `importlib.resources.files("cleaner")` would
    # say for an installed package, without importing it (~10 ms with tempfile
    # and zipfile, which it imports).
    packaged = Path(__file__).resolve().parent / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "rules"


def bundled_lexicons_dir() -> Path:
    """The lexicons (``rules/lexicons/*.toml``): junk vocabulary and stopwords per language."""
    return bundled_rules_dir() / "lexicons"
