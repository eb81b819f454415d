"""Spaces: the matching key of a line, and tidying the spaces of kept text.

Two different jobs. Matching must see every exotic space as a plain one
("Par\u00a0Euronews\u00a0avec\u00a0AP" is a byline); kept text must keep its
no-break spaces, because they carry meaning (French "12\u00a0000", "Photo\u00a0:").
Never ``\\s+`` or ``str.split()`` on kept text: both eat NBSP and NNBSP.
"""

from __future__ import annotations

import re

# Every Unicode space separator but U+0020, plus tab. Zero-width characters are
# not spaces (they are removed by the repair step, not mapped).
EXOTIC_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

_HAS_EXOTIC = re.compile(f"[{EXOTIC_SPACES}]")
_TO_SPACE = str.maketrans(dict.fromkeys(EXOTIC_SPACES, " "))
_RUN = re.compile(r"  +")
_ORDINARY_RUN = re.compile(r"[ \t]+")
_MIXED_RUN = re.compile(rf"[ \t{EXOTIC_SPACES}]*[{NO_BREAK_SPACES}][ \t{EXOTIC_SPACES}]*")
_STRIP = " " + EXOTIC_SPACES + "\r\n\f\v\u2028\u2029\u0085"


def match_key(line: str) -> str:
    """The form of a line that rules are matched against.

    >>> match_key("Par\\u00a0Euronews\\u00a0avec\\u00a0AP")
    'Par Euronews avec AP'
    >>> match_key("  Tous droits réservés\\u00a0 John  ")
    'Tous droits réservés John'
    >>> match_key("\\u00a0")
    ''
    """
    key = line.translate(_TO_SPACE) if _HAS_EXOTIC.search(line) else line
    if "  " in key:
        key = _RUN.sub(" ", key)
    return key.strip(" ")


def tidy_spaces(line: str) -> str:
    """Strip a line and collapse its space runs, keeping no-break spaces.

    A run of ordinary spaces and tabs becomes one space; a run that holds a
    no-break space becomes that no-break space, so "12\\u00a0 000" keeps its
    meaning; other exotic spaces (thin, em, ideographic) are left alone.

    >>> tidy_spaces(" un  \\t deux ")
    'un deux'
    >>> tidy_spaces("réservés\\u00a0 John")
    'réservés\\xa0John'
    >>> tidy_spaces("\\u00a0")
    ''
    """
    line = line.strip(_STRIP)
    if "\t" in line or "  " in line:
        line = _ORDINARY_RUN.sub(" ", line)
    if " \u00a0" in line or "\u00a0 " in line or " \u202f" in line or "\u202f " in line:
        line = _MIXED_RUN.sub(lambda m: _first_no_break(m.group()), line)
    return line


def _first_no_break(run: str) -> str:
    for char in run:
        if char in NO_BREAK_SPACES:
            return char
    return " "


def is_blank(line: str) -> bool:
    """True for a line of nothing but spaces of any kind.

    >>> is_blank("\\u00a0 \\u202f")
    True
    >>> is_blank(" x ")
    False
    """
    return not line.strip(_STRIP)
