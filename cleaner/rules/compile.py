"""Compile many rules into few matchers: one set lookup and one alternation per role.

A document is matched line by line; looping over hundreds of regexes per line
would make the cleaner as slow as its rule list is long. Instead the literals of
every rule of one role (whole-line, head, tail marker, ...) go into a dict and
its patterns into a single alternation whose named groups say which rule won.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

import regex

from cleaner.rules.model import Matcher
from cleaner.rules.shape import (
    UNBOUNDED,
    first_chars,
    is_tame,
    max_width,
    prefixes,
    required_literal,
)
from cleaner.text.chardata import FOLDS_TO_ASCII_LETTERS
from cleaner.text.spaces import match_key

_c_trigrams: Callable[[str, bytes], bytes | None] | None
try:  # letter trigrams in C, compiled into wheels (cleaner/_cscan.c)
    from cleaner._cscan import trigrams as _c_trigrams
except ImportError:  # pure Python: every case-insensitive search runs
    _c_trigrams = None

# How many opening characters of a line the prefilter looks at.
OPENING = 4


def _openings(pattern: str) -> frozenset[str] | None:
    """`prefixes` of OPENING characters, or the first characters when those are too many."""
    found = prefixes(pattern, OPENING)
    if found is None:
        first = first_chars(pattern)
        return None if first is None else first
    return found


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
    # The case-folded openings (up to OPENING characters) every match starts with.
    openings: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class _Selection:
    """The patterns one kind of line must be tried against, compiled."""

    tame: regex.Pattern[str] | None
    risky: regex.Pattern[str] | None


class KeyIndex:
    """The keys of a document's lines, joined, for searches over the whole document.

    One search of a required text over the joined keys, then a bisection per
    hit, replaces one search per line: most lines of a document have none.

    >>> sorted(set(KeyIndex(["un deux", "trois", "deux"]).lines_with(TextFinder("deux"))))
    [0, 2]
    """

    __slots__ = ("_ends", "_holds", "_signature", "_signature_read", "keys", "text")

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = keys
        self.text = "\n".join(keys)
        self._ends = list(accumulate(len(key) + 1 for key in keys))  # past each line's LF
        # Finder text -> whether the document holds it: several matchers look for
        # the same texts, and for the same anchors (`TextFinder.anchor`).
        self._holds: dict[str, bool] = {}
        # The letter trigrams of `text` (see `_may_hold`), read on first need. (Not
        # named `_signed`: a C macro of that name breaks the mypyc build.)
        self._signature: bytes | None = None
        self._signature_read = False

    def holds(self, finder: TextFinder) -> bool:
        """``finder(self.text)``, searched once per text, and not at all when the finder's
        anchor (a word of its text) is missing.

        >>> index = KeyIndex(["Reuters contributed reporting."])
        >>> index.holds(TextFinder("contributed to this report")), index.holds(TextFinder(":"))
        (False, False)
        """
        text = finder.text
        found = self._holds.get(text)
        if found is None:
            anchor = finder.anchor()
            found = ((anchor is None or self.holds(anchor)) and self._may_hold(finder)
                     and finder(self.text))
            self._holds[text] = found
        return found

    def _may_hold(self, finder: TextFinder) -> bool:
        """False when the text lacks a trigram of ASCII letters that `finder`'s text holds.

        A case-insensitive search reads the whole text (a nanosecond a
        character); one C pass notes every letter trigram for all the finders.
        Sound because, in text without `FOLDS_TO_ASCII_LETTERS` (the pass gives
        up on one), ASCII letters match ASCII letters only, one for one.
        Without the C module every search runs.
        """
        wanted = finder.trigrams
        if not wanted:
            return True
        if not self._signature_read:
            self._signature_read = True
            if _c_trigrams is not None:
                self._signature = _c_trigrams(self.text, _letters())
        signature = self._signature
        if signature is None:
            return True
        for trigram in wanted:  # noqa: SIM110 - a plain loop compiles tighter than all()
            if not signature[trigram >> 3] >> (trigram & 7) & 1:
                return False
        return True

    def lines_with(self, finder: TextFinder, reach: int | None = None,
                   width: int | None = None) -> Iterator[int]:
        """Lines holding `finder`'s text: within `reach` of their end, in lines up to `width` long.

        >>> index = KeyIndex(["Photo : AP", "Il a dit : oui, et bien plus encore.", "x : y"])
        >>> sorted(set(index.lines_with(TextFinder(":"), reach=5)))
        [0, 2]
        """
        if not self.holds(finder):
            return  # one quick search for the common case: the text is nowhere
        for start in finder.starts(self.text):
            line = bisect_right(self._ends, start)
            if reach is not None and self._ends[line] - 1 - start > reach:
                continue
            if width is not None and len(self.keys[line]) > width:
                continue
            yield line


class LineMatcher:
    """Match a whole line's key against many (id, Matcher) entries at once.

    Literals go in a dict. Patterns are compiled into one alternation per kind
    of line: a line is tried only against the patterns wide enough for it and
    able to start with its first character (`cleaner.rules.shape`), so a
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
                    required_literal(pattern), _openings(pattern)))
        self._anywhere = [p for p in self._patterns if p.first is None and p.literal]
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

    def _fullmatch(self, key: str, folded: str | None = None) -> str | None:
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
        if selection.tame is None and selection.risky is None:
            return None
        tame = selection.tame.fullmatch(key) if selection.tame is not None else None
        if selection.risky is None:
            return self._names[tame.lastgroup] if tame is not None and tame.lastgroup else None
        risky = selection.risky.fullmatch(key)
        winners = [m.lastgroup for m in (tame, risky) if m is not None and m.lastgroup]
        if not winners:
            return None
        # The rule written first wins, as in one big alternation.
        return self._names[min(winners, key=_group_order)]

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
        return self._fullmatch(key, folded)

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
        owner = self._fullmatch(key, folded)
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
        self._selections: dict[tuple[int, ...], _Selection] = {}
        self.always = self.select(())

    def select(self, present: tuple[int, ...]) -> _Selection:
        found = self._selections.get(present)
        if found is None:
            chosen = [p for p in self._chosen
                      if p.first is not None or p.literal is None or p.order in present]
            found = _Selection(_compile([p for p in chosen if p.tame]),
                               _compile([p for p in chosen if not p.tame]))
            self._selections[present] = found
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
            rule = self._credits._fullmatch(key[start:])
            if rule is not None:
                return Credit(key[:start].rstrip(" "), rule)
        return None


# Anchor word -> the (case-folded) finder texts that hold it, and the finder searching
# for it. Filled as matchers are built; a race only builds an anchor's finder twice.
_ANCHOR_USERS: dict[str, set[str]] = {}
_ANCHOR_FINDERS: dict[str, TextFinder] = {}
# A whole word of six letters or more, between characters that are neither letters
# nor combining marks (or the ends of the text).
_ANCHOR = regex.compile(r"(?<![\p{L}\p{M}])\p{L}{6,}(?![\p{L}\p{M}])")


def _anchor_word(text: str) -> str | None:
    """The first long whole word of `text`, case-folded (None: it has none, or is one).

    >>> _anchor_word(" contributed reporting"), _anchor_word("contributed"), _anchor_word("© AP")
    ('contributed', None, None)
    """
    found = _ANCHOR.search(text)
    word: str | None = None if found is None else found.group()
    return None if word is None or word == text else word.casefold()


class TextFinder:
    """A case-insensitive search for one text, in a line or in a whole document.

    Text without cased letters is looked up as it is; otherwise one
    case-insensitive literal search, which the `regex` module runs fast and
    which spares case folding a whole line.

    >>> find = TextFinder("tous droits")
    >>> find("Photo. TOUS DROITS réservés"), find("Photo. Tous droits", 10)
    (True, False)
    >>> list(TextFinder(":").starts("a : b : c")), list(find.starts("x Tous Droits"))
    ([2, 6], [2])
    """

    __slots__ = ("_anchor", "_search", "_text", "trigrams")

    def __init__(self, text: str) -> None:
        self._text = text
        cased = text.upper() != text.casefold()
        self._search = (regex.compile(regex.escape(text), regex.IGNORECASE | regex.FULLCASE)
                        if cased else None)
        #: The letter trigrams a text matching this one holds (`KeyIndex._may_hold`).
        self.trigrams = letter_trigrams(text) if cased else ()
        self._anchor = _anchor_word(text) if cased else None
        if self._anchor is not None:
            _ANCHOR_USERS.setdefault(self._anchor, set()).add(text.casefold())

    @property
    def text(self) -> str:
        return self._text

    def anchor(self) -> TextFinder | None:
        """A finder for a word of this text that other finders' texts share, or None.

        Rules' required texts repeat words ("contributed reporting", "contributed
        to this report"...): a document without the word holds none of them, and
        one case-insensitive search of the whole document answers for all.
        (Sound because the word stands between non-letters in the text: no
        character folds to a letter and a non-letter, so a match of the text
        holds a match of the word.) Not worth it for a word no other text holds.
        """
        word = self._anchor
        if word is None or len(_ANCHOR_USERS.get(word, ())) < 2:
            return None
        anchor = _ANCHOR_FINDERS.get(word)
        if anchor is None:
            anchor = _ANCHOR_FINDERS[word] = TextFinder(word)
        return anchor

    def __call__(self, line: str, pos: int = 0) -> bool:
        if self._search is None:
            # A one-character search is a fast scan; a longer one is not, so the
            # text's first character is looked for first (usually absent: "![").
            text = self._text
            if len(text) == 1:
                return line.find(text, pos) >= 0
            return line.find(text[0], pos) >= 0 and line.find(text, pos) >= 0
        return self._search.search(line, pos) is not None

    def starts(self, text: str) -> Iterator[int]:
        """Where each occurrence in `text` starts, left to right."""
        if self._search is not None:
            yield from (m.start() for m in self._search.finditer(text, overlapped=True))
            return
        index = text.find(self._text)
        while index >= 0:
            yield index
            index = text.find(self._text, index + 1)


_ASCII_LETTER_RUNS = re.compile("[A-Za-z]{3,}")
_UNSAFE = 255
_letter_table: bytes | None = None


def letter_trigrams(text: str) -> tuple[int, ...]:
    """The trigrams of ASCII letters standing together in `text`, case ignored, as numbers.

    Numbered as `cleaner/_cscan.c` numbers them: letters 1-26, five bits each.

    >>> letter_trigrams("Abcd é xyz"), letter_trigrams("ab é")
    ((1091, 2148, 25402), ())
    """
    bits = {(ord(a) - 96) << 10 | (ord(b) - 96) << 5 | (ord(c) - 96)
            for run in map(str.lower, _ASCII_LETTER_RUNS.findall(text))
            for a, b, c in zip(run, run[1:], run[2:], strict=False)}
    return tuple(sorted(bits))


def _letters() -> bytes:
    """One byte per BMP character for the C pass: 1-26 for an ASCII letter, 255 when unsafe."""
    global _letter_table
    if _letter_table is None:
        table = bytearray(0x10000)
        for number in range(1, 27):
            table[96 + number] = table[64 + number] = number
        for char in FOLDS_TO_ASCII_LETTERS:
            table[ord(char)] = _UNSAFE
        _letter_table = bytes(table)
    return _letter_table
