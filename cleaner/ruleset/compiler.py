"""Compile many rules into few matchers: one set lookup and one alternation per role.

A document is matched line by line; looping over hundreds of regexes per line
would make the cleaner as slow as its rule list is long. Instead the literals of
every rule of one role (whole-line, head, tail marker, ...) go into a dict and
its patterns into a single alternation whose named groups say which rule won.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

from cleaner.normalize.spaces import match_key
from cleaner.ruleset.model import Matcher
from cleaner.ruleset.shape import (
    UNBOUNDED,
    first_chars,
    is_tame,
    max_width,
    required_literal,
)

# No single match may take longer than this; a pattern that slipped through the
# load-time probe then costs a skipped match, not a hung worker.
MATCH_TIMEOUT = 0.25


class MatchTimeout(Exception):
    """A pattern exceeded MATCH_TIMEOUT on some input; the line was not matched."""


def _literal_key(literal: str) -> str:
    return match_key(unicodedata.normalize("NFC", literal))


def _group(pattern: str, ignore_case: bool) -> str:
    return f"(?{'i' if ignore_case else '-i'}:{pattern})"


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One rule pattern, wrapped as a named group, with what its shape tells."""

    order: int
    group: str
    width: int
    first: frozenset[str] | None
    tame: bool
    # Checked only for patterns that may start with any character.
    literal: str | None


@dataclass(frozen=True, slots=True)
class _Selection:
    """The patterns one kind of line must be tried against, compiled."""

    tame: regex.Pattern[str] | None
    risky: regex.Pattern[str] | None


class LineMatcher:
    """Match a whole line's key against many (id, Matcher) entries at once.

    Literals go in a dict. Patterns are compiled into one alternation per kind
    of line: a line is tried only against the patterns wide enough for it and
    able to start with its first character (`cleaner.ruleset.shape`), so a
    long body paragraph skips most of the work. Tame patterns run without the
    per-call timeout; risky ones (unbounded, nested repeats) keep it.

    >>> m = LineMatcher([("ad", Matcher(literals=("Publicité",))),
    ...                  ("time", Matcher(patterns=(r"\\d{1,2}:\\d{2}",)))])
    >>> m.match("PUBLICITÉ"), m.match("2:01"), m.match("2:01 pm")
    ('ad', 'time', None)
    """

    def __init__(self, entries: Iterable[tuple[str, Matcher]]) -> None:
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._patterns: list[_Pattern] = []
        for number, (owner, matcher) in enumerate(entries):
            for literal in matcher.literals:
                key = _literal_key(literal)
                table = self._folded if matcher.ignore_case else self._exact
                table.setdefault(key.casefold() if matcher.ignore_case else key, owner)
            for k, pattern in enumerate(matcher.patterns):
                name = f"r{number}_{k}"
                self._names[name] = owner
                self._patterns.append(_Pattern(
                    len(self._patterns), f"(?P<{name}>{_group(pattern, matcher.ignore_case)})",
                    max_width(pattern), first_chars(pattern), is_tame(pattern),
                    required_literal(pattern)))
        self._anywhere = [p for p in self._patterns if p.first is None and p.literal]
        self.literal_only = not self._patterns
        self._first_union = frozenset().union(*(p.first for p in self._patterns if p.first))
        # Built on first use per (length tier, first character, required texts
        # present); a race only compiles the same selection twice.
        self._selections: dict[tuple[int, str, tuple[int, ...]], _Selection] = {}

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded or self._patterns)

    def _select(self, key: str, folded: str) -> _Selection:
        tier = bisect_left(_BOUNDS, len(key))
        first = folded[:1]
        if first not in self._first_union:
            first = ""  # no pattern starts with it: one cache entry for all such characters
        # Patterns that may start anywhere are gated by their required text.
        present = tuple(p.order for p in self._anywhere
                        if p.literal is not None and p.literal in folded) if self._anywhere else ()
        found = self._selections.get((tier, first, present))
        if found is None:
            floor = _BOUNDS[tier - 1] + 1 if tier else 0
            chosen = [p for p in self._patterns if p.width >= floor and (
                first in p.first if p.first is not None
                else p.literal is None or p.order in present)]
            found = _Selection(_compile([p for p in chosen if p.tame]),
                               _compile([p for p in chosen if not p.tame]))
            self._selections[(tier, first, present)] = found
        return found

    def _fullmatch(self, key: str, folded: str | None = None) -> str | None:
        if not key or not self._patterns:
            return None
        selection = self._select(key, key.casefold() if folded is None else folded)
        tame = selection.tame.fullmatch(key) if selection.tame is not None else None
        if selection.risky is None:
            return self._names[tame.lastgroup] if tame is not None and tame.lastgroup else None
        risky = None
        if selection.risky is not None:
            try:
                risky = selection.risky.fullmatch(key, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                raise MatchTimeout(key[:80]) from None
        winners = [m.lastgroup for m in (tame, risky) if m is not None and m.lastgroup]
        if not winners:
            return None
        # The rule written first wins, as in one big alternation.
        return self._names[min(winners, key=_group_order)]

    def match(self, key: str, folded: str | None = None) -> str | None:
        """The id of the first entry whose literal or pattern is the whole key.

        `folded` is ``key.casefold()`` when the caller has it already.
        """
        found = self._exact.get(key)
        if found is not None:
            return found
        folded = key.casefold() if folded is None else folded
        found = self._folded.get(folded)
        if found is not None:
            return found
        return self._fullmatch(key, folded)

    def match_all(self, key: str, folded: str | None = None) -> set[str]:
        """Every entry id whose literal or pattern is the whole key (for fingerprints)."""
        found = set()
        if key in self._exact:
            found.add(self._exact[key])
        folded = key.casefold() if folded is None else folded
        if folded in self._folded:
            found.add(self._folded[folded])
        owner = self._fullmatch(key, folded)
        if owner is not None:
            found.add(owner)
        return found


def _compile(patterns: list[_Pattern]) -> regex.Pattern[str] | None:
    if not patterns:
        return None
    return regex.compile("|".join(p.group for p in sorted(patterns, key=lambda p: p.order)),
                         regex.V0)


def _group_order(name: str) -> tuple[int, int]:
    number, _, k = name[1:].partition("_")
    return int(number), int(k)


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
        literals: list[str | None] = []
        for number, (owner, matcher) in enumerate(entries):
            alternatives = [regex.escape(_literal_key(lit)) for lit in matcher.literals]
            alternatives += list(matcher.patterns)
            for k, pattern in enumerate(alternatives):
                name = f"r{number}_{k}"
                self._names[name] = owner
                parts.append(f"(?P<{name}>{_group(pattern, matcher.ignore_case)})")
                literals.append(required_literal(pattern))
        self._pattern = regex.compile("|".join(parts), regex.V0) if parts else None
        # When every fragment pattern needs some text, a line with none of it is skipped.
        self._gate = None if None in literals else tuple(lit for lit in literals if lit)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str, folded: str | None = None) -> Iterator[Fragment]:
        """Non-overlapping fragments, left to right (`folded`: the line's case-folded key)."""
        if self._pattern is None:
            return
        if self._gate is not None:
            folded = text.casefold() if folded is None else folded
            if not any(literal in folded for literal in self._gate):
                return
        try:
            for m in self._pattern.finditer(text, timeout=MATCH_TIMEOUT):
                if m.end() > m.start() and m.lastgroup is not None:
                    yield Fragment(m.start(), m.end(), self._names[m.lastgroup])
        except TimeoutError:
            raise MatchTimeout(text[:80]) from None


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
        self._anywhere: list[str] = []
        self._ungated = False
        # A line whose tail holds none of the texts every credit needs has no credit.
        # Each credit's required text, and how far from the line's end it can stand.
        required = [(required_literal(p), max_width(p)) for p in patterns]
        self._gate = (None if any(text is None for text, _ in required)
                      else _widest_per_text((text, width) for text, width in required if text))
        for pattern in patterns:
            first = first_chars(pattern)
            if first is not None:
                self._firsts |= first
            elif (literal := required_literal(pattern)) is not None:
                self._anywhere.append(literal)
            else:
                self._ungated = True

    def __bool__(self) -> bool:
        return bool(self._credits)

    def match(self, key: str, folded: str | None = None) -> Credit | None:
        """The credit that ends `key`, if any (`folded` is accepted for symmetry)."""
        if not self._credits or not key:
            return None
        # A credit no wider than _width can only start that close to the end.
        first = max(0, len(key) - self._width - 2)
        if folded is None or len(folded) != len(key):
            folded = key.casefold()  # positions no longer line up: fold afresh
            aligned = len(folded) == len(key)
        else:
            aligned = True
        length = len(folded)
        if self._gate is not None and all(folded.find(text, max(0, length - reach)) < 0
                                          for text, reach in self._gate):
            return None
        starts = [0] if first == 0 else []
        starts += [m.end() for m in _CREDIT_STARTS.finditer(key, first)]
        open_all = self._ungated or any(folded.find(lit, first) >= 0 for lit in self._anywhere)
        for start in starts:
            if not open_all and folded[start:start + 1] not in self._firsts:
                continue
            suffix = key[start:]
            rule = self._credits._fullmatch(suffix, folded[start:] if aligned else None)
            if rule is not None:
                return Credit(key[:start].rstrip(" "), rule)
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
