"""Caption rules compiled into one matcher: lines that end with a credit ("... Photo : AP")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cleaner.lines.index import KeyIndex, TextFinder
from cleaner.rules.compile import LineMatcher
from cleaner.rules.model import Matcher
from cleaner.rules.shape import first_chars, max_width, required_literal


def _widest_per_text(pairs: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """(text, reach) with, per text, the widest reach among the patterns that need it.

    >>> _widest_per_text([(":", 101), ("©", 82), (":", 95)])
    ((':', 103), ('©', 84))
    """
    widest: dict[str, int] = {}
    for text, width in pairs:
        widest[text] = max(widest.get(text, 0), width + 2)  # + the spaces before a credit
    return tuple(sorted(widest.items()))


@dataclass(frozen=True, slots=True)
class Credit:
    """A line that ends with a credit: the caption before it, and the rule that saw it."""

    caption: str
    rule: str


# Where a credit may start: the line's start, or just after a sentence end.
_CREDIT_STARTS = re.compile(r"[.!?…»”\"')\]] +")


class CreditMatcher:
    """Recognise "caption. CREDIT" lines, for every caption rule at once.

    The caption part must be empty (a credit alone on its line) or end like a
    sentence, so that a credit word inside a body sentence never triggers it.
    Only those few positions are tried, which keeps long body lines cheap.

    >>> m = CreditMatcher([("photo", Matcher(patterns=(r"Photo ?: [^.!?]{1,80}",),
    ...                                      ignore_case=False))])
    >>> m.match("Le maire à Kyiv. Photo : AP")
    Credit(caption='Le maire à Kyiv.', rule='photo')
    >>> m.match("La Photo : AP a dit") is None
    True
    """

    literal_only = False

    def __init__(self, entries: Sequence[tuple[str, Matcher]]) -> None:
        self._credits = LineMatcher(entries)
        patterns = [p for _, m in entries for p in m.patterns]
        self._width = max((max_width(p) for p in patterns), default=0)
        # A start is worth trying only if some credit can begin with its
        # character, or if a credit that may begin anywhere finds its text.
        self._firsts: set[str] = set()
        self._anywhere: list[TextFinder] = []
        self._ungated = False
        # A line whose tail holds none of the texts every credit needs has no credit.
        # Each credit's required text, and how far from the line's end it can stand.
        required = [(required_literal(p), max_width(p)) for p in patterns]
        self._gate = (None if any(text is None for text, _ in required)
                      else tuple((TextFinder(text), reach) for text, reach in _widest_per_text(
                          (text, width) for text, width in required if text)))
        for pattern in patterns:
            first = first_chars(pattern)
            if first is not None:
                self._firsts |= first
            elif (literal := required_literal(pattern)) is not None:
                self._anywhere.append(TextFinder(literal))
            else:
                self._ungated = True

    def __bool__(self) -> bool:
        return bool(self._credits)

    def candidates(self, index: KeyIndex) -> set[int] | None:
        """Indexes of the lines that may end with a credit (None: any of them may).

        >>> m = CreditMatcher([("photo", Matcher(patterns=(r"Photo ?: [^.!?]{1,80}",)))])
        >>> sorted(m.candidates(KeyIndex(["Le maire. Photo : AP", "Une : longue. " * 9, "x"])))
        [0]
        """
        if self._gate is None:
            return None
        found: set[int] = set()
        for finder, reach in self._gate:
            found.update(index.lines_with(finder, reach=reach))
        return found

    def could_match(self, key: str) -> bool:
        """A cheap first look: False when the end of `key` lacks every text a credit needs."""
        length = len(key)
        return self._gate is None or any(
            finder(key, max(0, length - reach)) for finder, reach in self._gate)

    def match(self, key: str, folded: str | None = None) -> Credit | None:
        """The credit that ends `key`, if any (`folded` is accepted for symmetry)."""
        if not self._credits or not key or not self.could_match(key):
            return None
        length = len(key)
        # A credit no wider than _width can only start that close to the end.
        first = max(0, length - self._width - 2)
        starts = [0] if first == 0 else []
        starts += [m.end() for m in _CREDIT_STARTS.finditer(key, first)]
        open_all = self._ungated or any(finder(key, first) for finder in self._anywhere)
        for start in starts:
            if not open_all and key[start:start + 1].casefold()[:1] not in self._firsts:
                continue
            rule = self._credits.fullmatch(key[start:])
            if rule is not None:
                return Credit(key[:start].rstrip(" "), rule)
        return None

