"""What a repair returns: `Fixed`, the text with how many things were mended and how."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple


class Fixed(NamedTuple):
    """What a repair returned: the text, how many things it mended, and how."""

    text: str
    changes: int = 0
    detail: str = ""


def summary(counter: Counter[str], limit: int = 4) -> str:
    """'a ×2, b' from a Counter, the most common first.

    >>> summary(Counter({"soft hyphen": 2, "zero-width space": 1}))
    'soft hyphen ×2, zero-width space'
    """
    parts = [f"{key} ×{n}" if n > 1 else key for key, n in counter.most_common(limit)]
    if len(counter) > limit:
        parts.append("…")
    return ", ".join(parts)
