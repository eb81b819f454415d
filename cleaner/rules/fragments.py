"""Inline rules compiled into one matcher: the fragments they strip inside a line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from cleaner.lines.index import KeyIndex, TextFinder
from cleaner.rules.compile import group, literal_key
from cleaner.rules.model import Matcher
from cleaner.rules.shape import required_literal
from cleaner.text.spaces import match_key


@dataclass(frozen=True, slots=True)
class Fragment:
    """A span of a line that an inline rule removes."""

    start: int
    end: int
    rule: str


class FragmentMatcher:
    """Find fragments to strip inside a line, for every inline rule at once.

    >>> m = FragmentMatcher([("ad", Matcher(literals=("[PUBLICITÉ]",)))])
    >>> [(f.start, f.end, f.rule) for f in m.find("Texte [publicité] suite")]
    [(6, 17, 'ad')]
    """

    def __init__(self, entries: Iterable[tuple[str, Matcher]]) -> None:
        self._names: dict[str, str] = {}
        parts = []
        literals: list[str | None] = []
        for number, (owner, matcher) in enumerate(entries):
            alternatives = [regex.escape(literal_key(lit)) for lit in matcher.literals]
            alternatives += list(matcher.patterns)
            for k, pattern in enumerate(alternatives):
                name = f"r{number}_{k}"
                self._names[name] = owner
                parts.append(f"(?P<{name}>{group(pattern, matcher.ignore_case)})")
                literals.append(required_literal(pattern))
        self._pattern = regex.compile("|".join(parts), regex.V0) if parts else None
        # When every fragment pattern needs some text, a line with none of it is skipped.
        self._gate = (None if None in literals
                      else tuple(TextFinder(lit) for lit in dict.fromkeys(literals) if lit))

    def __bool__(self) -> bool:
        return self._pattern is not None

    def may_find(self, key: str) -> bool:
        """False when `key` (a line's, or a whole document's) lacks every text a fragment needs."""
        return self._pattern is not None and (
            self._gate is None or any(find(key, 0) for find in self._gate))

    def candidates(self, index: KeyIndex) -> set[int] | None:
        """Indexes of the lines holding some text a fragment needs (None: any line may)."""
        if self._gate is None:
            return None
        found: set[int] = set()
        for finder in self._gate:
            found.update(index.lines_with(finder))
        return found

    def find(self, text: str, key: str | None = None) -> Iterator[Fragment]:
        """Non-overlapping fragments, left to right (`key`: the line's matching key)."""
        if self._pattern is None or not self.may_find(match_key(text) if key is None else key):
            return
        for m in self._pattern.finditer(text):
            if m.end() > m.start() and m.lastgroup is not None:
                yield Fragment(m.start(), m.end(), self._names[m.lastgroup])

