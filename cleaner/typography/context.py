"""What surrounds a character: word characters, and code between backticks (left alone)."""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata

_CODE_SPAN = re.compile(r"`[^`\n]*`")


def is_word(char: str | None) -> bool:
    """Letters, digits and combining marks: what curling and spacing never touch."""
    if char is None:
        return False
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def char_at(text: str, index: int) -> str | None:
    """The character at `index`, None out of the text (before the start or past the end)."""
    return text[index] if 0 <= index < len(text) else None


def code_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every `code` span: quotes and punctuation there stay as they are."""
    return [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []


def inside(spans: list[tuple[int, int]], index: int) -> bool:
    """True when `index` falls in one of the sorted, disjoint `spans`.

    >>> inside([(2, 5), (9, 12)], 4), inside([(2, 5), (9, 12)], 7)
    (True, False)
    """
    at = bisect.bisect_right(spans, (index, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]
