"""Compile many rules into few matchers: one set lookup and one alternation per role.

A document is matched line by line; looping over hundreds of regexes per line
would make the cleaner as slow as its rule list is long. Instead the literals of
every rule of one role (whole-line, head, tail marker, ...) go into a dict and
its patterns into a single alternation whose named groups say which rule won.
This module compiles whole-line rules (`LineMatcher`); `cleaner.rules.fragments`
and `cleaner.rules.credits` build on it for inline and caption rules.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from cleaner.lines.index import KeyIndex, TextFinder
from cleaner.rules.model import Matcher
from cleaner.rules.shape import (
    UNBOUNDED,
    first_chars,
    max_width,
    prefixes,
    required_literal,
)
from cleaner.text.spaces import match_key

# How many opening characters of a line the prefilter looks at.
OPENING = 4


def _openings(pattern: str) -> frozenset[str] | None:
    """`prefixes` of OPENING characters, or the first characters when those are too many."""
    found = prefixes(pattern, OPENING)
    if found is None:
        first = first_chars(pattern)
        return None if first is None else first
    return found


def literal_key(literal: str) -> str:
    return match_key(unicodedata.normalize("NFC", literal))


def group(pattern: str, ignore_case: bool) -> str:
    return f"(?{'i' if ignore_case else '-i'}:{pattern})"


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One rule pattern, wrapped as a named group, with what its shape tells."""

    order: int
    group: str
    width: int
    first: frozenset[str] | None
    # Checked only for patterns that may start with any character.
    literal: str | None
    # The case-folded openings (up to OPENING characters) every match starts with.
    openings: frozenset[str] | None


class LineMatcher:
    """Match a whole line's key against many (id, Matcher) entries at once.

    Literals go in a dict. Patterns are compiled into one alternation per kind
    of line: a line is tried only against the patterns wide enough for it and
    able to start with its first character (`cleaner.rules.shape`), so a
    long body paragraph skips most of the work. Within an alternation the rule
    written first wins.

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
                key = literal_key(literal)
                table = self._folded if matcher.ignore_case else self._exact
                table.setdefault(key.casefold() if matcher.ignore_case else key, owner)
            for k, pattern in enumerate(matcher.patterns):
                name = f"r{number}_{k}"
                self._names[name] = owner
                self._patterns.append(_Pattern(
                    len(self._patterns), f"(?P<{name}>{group(pattern, matcher.ignore_case)})",
                    max_width(pattern), first_chars(pattern), required_literal(pattern),
                    _openings(pattern)))
        self.literal_only = not self._patterns
        self._first_union = frozenset().union(*(p.first for p in self._patterns if p.first))
        # No key longer than these can equal a literal or match a pattern: long
        # body lines are turned away before any case folding or regex work.
        self._exact_max = max(map(len, self._exact), default=0)
        self._folded_max = max(map(len, self._folded), default=0)
        self._widest = max((p.width for p in self._patterns), default=0)
        # A line may equal a literal only if it is no longer and its first character
        # folds to a literal's first: folding maps each character on its own and never
        # shortens a text.
        self._literal_max = max(self._exact_max, self._folded_max)
        self._literal_firsts = frozenset(
            literal[:1].casefold()[:1] for literal in [*self._exact, *self._folded])
        # Up to `_short` characters a line may match some pattern, whatever it holds.
        # A longer line may only match the patterns its opening characters start
        # (`_reach`), or whose required text it holds (`_wide_gated`). Patterns that
        # may start anywhere but need a text, and are no wider than the longest
        # literal, are covered by length too: searching each document for their
        # texts would cost more than trying the short lines.
        anywhere = [p for p in self._patterns if p.openings is None]
        ungated = max((p.width for p in anywhere if p.literal is None), default=0)
        covered = max(ungated, self._literal_max)
        self._short = max([ungated, *(p.width for p in anywhere if p.width <= covered)])
        self._starts: dict[int, dict[str, int]] = {}
        for p in self._patterns:
            if p.width > self._short and p.openings is not None:
                for opening in p.openings:
                    by_opening = self._starts.setdefault(len(opening), {})
                    by_opening[opening] = max(by_opening.get(opening, 0), p.width)
        self._reach_cache: dict[str, int] = {}
        self._wide_gated = tuple((TextFinder(p.literal), p.width) for p in self._patterns
                                 if p.openings is None and p.literal and p.width > self._short)
        # Built on first use per (length tier, first character); a race only
        # compiles the same selection twice.
        self._tiers: dict[tuple[int, str], _Tier] = {}

    def __bool__(self) -> bool:
        return bool(self._exact or self._folded or self._patterns)

    def could_match(self, key: str) -> bool:
        """A cheap first look: False when `key` surely matches no entry.

        >>> m = LineMatcher([("ad", Matcher(literals=("Publicité",))),
        ...                  ("by", Matcher(patterns=(r"Par [^.]{1,200}",))),
        ...                  ("cr", Matcher(patterns=(r".{1,200} a contribué",)))])
        >>> [m.could_match(t) for t in ("Pub", "x" * 100, "par " + "x" * 100, "y a contribué" * 9)]
        [True, False, True, True]
        """
        return bool(self.candidates(KeyIndex([key])))

    def _reach(self, opening: str) -> int:
        """The widest pattern a line opening with these characters may match, or 0.

        Remembered per opening seen, up to a bound (body lines open with few
        distinct words: "Le ", "The", "Die"...).
        """
        reach = self._reach_cache.get(opening)
        if reach is None:
            folded = opening.casefold()
            reach = max((table.get(folded[:size], 0) for size, table in self._starts.items()),
                        default=0)
            if len(self._reach_cache) < 4096:
                self._reach_cache[opening] = reach
        return reach

    def candidates(self, index: KeyIndex) -> set[int]:
        """Indexes of the lines of a document that `could_match` (the same answer, faster).

        >>> m = LineMatcher([("ad", Matcher(literals=("Publicité",))),
        ...                  ("cr", Matcher(patterns=(r".{1,200} a contribué",)))])
        >>> sorted(m.candidates(KeyIndex(["Pub", "x" * 100, "y a contribué" * 9])))
        [0, 2]
        """
        short, widest = self._short, self._widest
        literal_max, literal_firsts = self._literal_max, self._literal_firsts
        starts = bool(self._starts)
        found = set()
        cache, reach = self._reach_cache, self._reach
        for i, key in enumerate(index.keys):
            length = len(key)
            if length <= short or (length <= literal_max
                                   and key[:1].casefold()[:1] in literal_firsts):
                found.add(i)
            elif starts and length <= widest:
                opening = key[:OPENING]
                known = cache.get(opening)
                if length <= (reach(opening) if known is None else known):
                    found.add(i)
        for finder, width in self._wide_gated:
            found.update(index.lines_with(finder, width=width))
        return found

    def _tier(self, tier: int, first: str) -> _Tier:
        found = self._tiers.get((tier, first))
        if found is None:
            floor = _BOUNDS[tier - 1] + 1 if tier else 0
            chosen = [p for p in self._patterns if p.width >= floor and (
                p.first is None or first in p.first)]
            found = _Tier(chosen)
            self._tiers[(tier, first)] = found
        return found

    def fullmatch(self, key: str, folded: str | None = None) -> str | None:
        if not key or len(key) > self._widest:
            return None
        first = key[0].casefold()[:1]
        if first not in self._first_union:
            first = ""  # no pattern starts with it: one cache entry for all such characters
        tier = self._tier(bisect_left(_BOUNDS, len(key)), first)
        if tier.gated:
            # Patterns that may start anywhere are tried only when their required text is there.
            folded = key.casefold() if folded is None else folded
            selection = tier.select(tuple(order for literal, order in tier.gated
                                          if literal in folded))
        else:
            selection = tier.always
        found = selection.fullmatch(key) if selection is not None else None
        return self._names[found.lastgroup] if found is not None and found.lastgroup else None

    def match(self, key: str, folded: str | None = None) -> str | None:
        """The id of the first entry whose literal or pattern is the whole key.

        `folded` is ``key.casefold()`` when the caller has it already; it is
        computed only when needed.
        """
        length = len(key)
        if length <= self._exact_max:
            found = self._exact.get(key)
            if found is not None:
                return found
        # Case folding never shortens a text, so a longer key cannot fold to a literal.
        if length <= self._folded_max:
            folded = key.casefold() if folded is None else folded
            found = self._folded.get(folded)
            if found is not None:
                return found
        return self.fullmatch(key, folded)

    def match_all(self, key: str, folded: str | None = None) -> set[str]:
        """Every entry id whose literal or pattern is the whole key (for fingerprints)."""
        found = set()
        length = len(key)
        if length <= self._exact_max and key in self._exact:
            found.add(self._exact[key])
        if length <= self._folded_max:
            folded = key.casefold() if folded is None else folded
            if folded in self._folded:
                found.add(self._folded[folded])
        owner = self.fullmatch(key, folded)
        if owner is not None:
            found.add(owner)
        return found


class _Tier:
    """The patterns a line of one length tier and first character may match.

    Patterns that can start with any character but need some text are
    `gated`: which of them apply depends on the texts the line holds, so
    those selections are compiled per set of texts present (bounded by the
    few such patterns).
    """

    def __init__(self, chosen: list[_Pattern]) -> None:
        self._chosen = chosen
        self.gated = tuple((p.literal, p.order) for p in chosen
                           if p.first is None and p.literal is not None)
        # Texts present -> their selection, compiled; None: no pattern applies.
        self._selections: dict[tuple[int, ...], regex.Pattern[str] | None] = {}
        self.always = self.select(())

    def select(self, present: tuple[int, ...]) -> regex.Pattern[str] | None:
        if present in self._selections:
            return self._selections[present]
        chosen = [p for p in self._chosen
                  if p.first is not None or p.literal is None or p.order in present]
        found = (regex.compile("|".join(p.group for p in chosen), regex.V0)
                 if chosen else None)
        self._selections[present] = found
        return found


# Line-length tiers for pattern matching (the last one catches everything).
_BOUNDS = (48, 96, 192, 384, 768, UNBOUNDED)
