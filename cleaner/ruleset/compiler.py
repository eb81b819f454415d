"""Compile many rules into few matchers: one set lookup and one alternation per role.

A document is matched line by line; looping over hundreds of regexes per line
would make the cleaner as slow as its rule list is long. Instead the literals of
every rule of one role (whole-line, head, tail marker, ...) go into a dict and
its patterns into a single alternation whose named groups say which rule won.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from cleaner.normalize.spaces import match_key
from cleaner.ruleset.model import Matcher
from cleaner.ruleset.width import UNBOUNDED, max_width

# No single match may take longer than this; a pattern that slipped through the
# load-time probe then costs a skipped match, not a hung worker.
MATCH_TIMEOUT = 0.25


class MatchTimeout(Exception):
    """A pattern exceeded MATCH_TIMEOUT on some input; the line was not matched."""


def _literal_key(literal: str) -> str:
    return match_key(unicodedata.normalize("NFC", literal))


def _group(pattern: str, ignore_case: bool) -> str:
    return f"(?{'i' if ignore_case else '-i'}:{pattern})"


class LineMatcher:
    """Match a whole line's key against many (id, Matcher) entries at once.

    Literals go in a dict. Patterns are grouped by how long a line they can
    match at all (`max_width`): a line is tried only against the alternation
    of the patterns wide enough for it, so long body paragraphs skip most of
    the work.

    >>> m = LineMatcher([("ad", Matcher(literals=("Publicité",))),
    ...                  ("time", Matcher(patterns=(r"\\d{1,2}:\\d{2}",)))])
    >>> m.match("PUBLICITÉ"), m.match("2:01"), m.match("2:01 pm")
    ('ad', 'time', None)
    """

    def __init__(self, entries: Iterable[tuple[str, Matcher]]) -> None:
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._names: dict[str, str] = {}
        parts: list[tuple[int, str]] = []
        for number, (owner, matcher) in enumerate(entries):
            for literal in matcher.literals:
                key = _literal_key(literal)
                table = self._folded if matcher.ignore_case else self._exact
                table.setdefault(key.casefold() if matcher.ignore_case else key, owner)
            for k, pattern in enumerate(matcher.patterns):
                name = f"r{number}_{k}"
                self._names[name] = owner
                parts.append((max_width(pattern),
                              f"(?P<{name}>{_group(pattern, matcher.ignore_case)})"))
        # _tiers[i] holds every pattern that can match a line longer than
        # _BOUNDS[i - 1]; a line of length L uses the first tier whose bound >= L.
        self._tiers: list[regex.Pattern[str] | None] = []
        floor = 0
        for bound in _BOUNDS:
            wide = [part for width, part in parts if width >= floor]
            self._tiers.append(regex.compile("|".join(wide), regex.V0) if wide else None)
            floor = bound + 1
        self._has_patterns = bool(parts)

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded or self._has_patterns)

    def _pattern_for(self, key: str) -> regex.Pattern[str] | None:
        length = len(key)
        for bound, tier in zip(_BOUNDS, self._tiers, strict=True):
            if length <= bound:
                return tier
        return self._tiers[-1]

    def _fullmatch(self, key: str) -> str | None:
        pattern = self._pattern_for(key) if key else None
        if pattern is None:
            return None
        try:
            m = pattern.fullmatch(key, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise MatchTimeout(key[:80]) from None
        if m is None or m.lastgroup is None:
            return None
        return self._names[m.lastgroup]

    def match(self, key: str, folded: str | None = None) -> str | None:
        """The id of the first entry whose literal or pattern is the whole key.

        `folded` is ``key.casefold()`` when the caller has it already.
        """
        found = self._exact.get(key)
        if found is None and self._folded:
            found = self._folded.get(key.casefold() if folded is None else folded)
        if found is not None or not self._has_patterns:
            return found
        return self._fullmatch(key)

    def match_all(self, key: str, folded: str | None = None) -> set[str]:
        """Every entry id whose literal or pattern is the whole key (for fingerprints)."""
        found = set()
        if key in self._exact:
            found.add(self._exact[key])
        folded = key.casefold() if folded is None else folded
        if folded in self._folded:
            found.add(self._folded[folded])
        if self._has_patterns:
            owner = self._fullmatch(key)
            if owner is not None:
                found.add(owner)
        return found


# Line-length tiers for pattern matching (the last one catches everything).
_BOUNDS = (48, 96, 192, 384, 768, UNBOUNDED)


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
        for number, (owner, matcher) in enumerate(entries):
            alternatives = [regex.escape(_literal_key(lit)) for lit in matcher.literals]
            alternatives += list(matcher.patterns)
            for k, pattern in enumerate(alternatives):
                name = f"r{number}_{k}"
                self._names[name] = owner
                parts.append(f"(?P<{name}>{_group(pattern, matcher.ignore_case)})")
        self._pattern = regex.compile("|".join(parts), regex.V0) if parts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> Iterator[Fragment]:
        """Non-overlapping fragments, left to right."""
        if self._pattern is None:
            return
        try:
            for m in self._pattern.finditer(text, timeout=MATCH_TIMEOUT):
                if m.end() > m.start() and m.lastgroup is not None:
                    yield Fragment(m.start(), m.end(), self._names[m.lastgroup])
        except TimeoutError:
            raise MatchTimeout(text[:80]) from None


@dataclass(frozen=True, slots=True)
class Credit:
    """A line that ends with a credit: the caption before it, and the rule that saw it."""

    caption: str
    rule: str


# Where a credit may start: the line's start, or just after a sentence end.
_CREDIT_STARTS = regex.compile(r"[.!?…»”\"')\]] +")


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

    def __init__(self, entries: Sequence[tuple[str, Matcher]]) -> None:
        self._names: dict[str, str] = {}
        parts = []
        for number, (owner, matcher) in enumerate(entries):
            for k, pattern in enumerate(matcher.patterns):
                name = f"r{number}_{k}"
                self._names[name] = owner
                parts.append(f"(?P<{name}>{_group(pattern, matcher.ignore_case)})")
        self._pattern = regex.compile("|".join(parts), regex.V0) if parts else None
        self._width = max((max_width(p) for _, m in entries for p in m.patterns), default=0)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def match(self, key: str) -> Credit | None:
        if self._pattern is None or not key:
            return None
        # A credit no wider than _width can only start that close to the end.
        first = max(0, len(key) - self._width - 2)
        starts = [0] if first == 0 else []
        starts += [m.end() for m in _CREDIT_STARTS.finditer(key, first)]
        try:
            for start in starts:
                m = self._pattern.fullmatch(key, pos=start, timeout=MATCH_TIMEOUT)
                if m is not None and m.lastgroup is not None:
                    return Credit(key[:start].rstrip(" "), self._names[m.lastgroup])
        except TimeoutError:
            raise MatchTimeout(key[:80]) from None
        return None
