"""What a pattern's shape tells before it runs: its widest match, its first characters, its risk.

Most junk is short and most body text is long, so three static facts about a
whole-line pattern let the engine skip it on most lines:

- `max_width`: a line longer than the widest match cannot match;
- `first_chars`: a line whose first character the pattern cannot start with
  cannot match;
- `required_literal`: a line without the text every match contains cannot
  match.

And one fact that decides whether a rule file loads: `backtracking_risk`.

This is the prefilter idea of RE2 and Hyperscan, kept to what Python's own
regex parser can tell. When the parser cannot read a pattern (``regex``-only
syntax), the prefilters' answers are the safe ones: unbounded, any first
character, no required text.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

# Python's own regex parser: private, but stable across 3.11+ and the only
# one that exposes a parse tree. If it ever moves, every pattern gets the
# safe answers: slower, never wrong.
try:
    _parser: Any = importlib.import_module("re._parser")
    _c: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _parser = _c = None

UNBOUNDED = 1 << 30

# `regex` syntax that Python's parser does not know, mapped to something of the
# same width and no narrower first-character set (`\w` is a category: any).
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
# A repeat wider than this counts as "large" when judging backtracking risk.
_LARGE_REPEAT = 20


# Syntax only the `regex` module reads (POSIX classes, set operations, fuzzy
# matching, reverse search, \X, word-boundary and named-list escapes...), which
# Python's parser would misread rather than reject: such a pattern gets the safe answers.
_REGEX_ONLY = re.compile(r"\[\[:|\\[XmMLGKN]|\(\?[rV]|\(\?\||--|&&|\|\||~~|\{[eids]\s*[<=]")


# Each question below parses the pattern, and the compiler asks five of them per
# pattern: a parse costs more than the answers, so one is kept per pattern. The
# tree is only read (its `getwidth` caches a width it computes the same each time).
@functools.lru_cache(maxsize=2048)
def _parse(pattern: str) -> Any:
    """Python's parse tree of the pattern, or None when it cannot be trusted.

    >>> _parse("[[:alpha:]]+") is None, _parse("Publicité") is None
    (True, False)
    """
    if _parser is None or _REGEX_ONLY.search(pattern):
        return None
    try:
        return _parser.parse(_PROPERTY.sub(r"\\w", pattern))
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        return None


def _items(node: Any) -> list[Any]:
    """The items of a parse-tree node (a SubPattern), as its own list.

    Only read, never changed. ``list(node)`` would give the same, calling the
    node's ``__getitem__`` (Python code) once per item: most of the time the
    questions below took.
    """
    items: list[Any] = node.data
    return items


def max_width(pattern: str) -> int:
    """The most characters `pattern` can match, or UNBOUNDED when it cannot be told.

    >>> max_width(r"Publicité|PUBLICITÉ")
    9
    >>> max_width(r"\\p{Lu}\\p{Ll}{1,20}")
    21
    >>> max_width(r"Par .{1,40}") , max_width(r"Par .+") == UNBOUNDED
    (44, True)
    """
    tree = _parse(pattern)
    if tree is None:
        return UNBOUNDED
    high: int = tree.getwidth()[1]
    return high if high < _parser.MAXREPEAT else UNBOUNDED


def first_chars(pattern: str) -> frozenset[str] | None:
    """The case-folded characters a match can start with, or None for "any".

    >>> sorted(first_chars(r"(?:Publié|Mis à jour) le"))
    ['m', 'p']
    >>> sorted(first_chars(r"!\\[[^\\]]{0,9}\\]|>{0,3} ?Suivez"))
    [' ', '!', '>', 's']
    >>> first_chars(r".{3,300}? contribué") is None, first_chars(r"\\p{Lu}\\w+") is None
    (True, True)
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    chars = _first(_items(tree))
    return None if chars is None else frozenset(c.casefold() for c in chars)


def _first(items: list[Any]) -> set[str] | None:
    """First characters of a sequence of parse items (None: any)."""
    found: set[str] = set()
    for op, arg in items:
        here, nullable = _first_of(op, arg)
        if here is None:
            return None
        found |= here
        if not nullable:
            return found
    return None  # the whole sequence may match empty: anything may follow


def _first_of(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) of one parse item."""
    if op is _c.LITERAL:
        char = chr(arg)
        return {char, char.upper(), char.lower()}, False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                chars |= {chr(value), chr(value).upper(), chr(value).lower()}
            elif kind is _c.RANGE and value[1] - value[0] < 64:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
                chars |= {c.upper() for c in list(chars)} | {c.lower() for c in list(chars)}
            else:
                return None, False
        return chars, False
    if op is _c.SUBPATTERN:
        body = _items(arg[-1])
        return _first(body), _nullable(body)
    if op is _c.BRANCH:
        union: set[str] = set()
        nullable = False
        for alternative in arg[1]:
            alt = _items(alternative)
            chars_alt = _first(alt)
            if chars_alt is None:
                return None, False
            union |= chars_alt
            nullable = nullable or _nullable(alt)
        return union, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, body = arg
        return _first(_items(body)), low == 0 or _nullable(_items(body))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width: the next item decides
    return None, False


_MAX_PREFIXES = 256


def prefixes(pattern: str, length: int = 2) -> frozenset[str] | None:
    """The case-folded texts of `length` characters every match starts with, or None.

    A match shorter than `length` gives a shorter text. None when the
    pattern may start with almost anything (a class of letters, ``.``) or
    the set would be large. Sharper than `first_chars`: most body lines
    start with a letter some pattern may start with, far fewer with a pair.

    >>> sorted(prefixes(r"(?:Publié|Mis à jour)(?: le)? \\d{1,2}"))
    ['mi', 'pu']
    >>> sorted(prefixes(r"\\[?(?:Read|See) more"))
    ['[r', '[s', 're', 'se']
    >>> prefixes(r"\\p{Lu}\\w+") is None, prefixes(r"a?") == frozenset({"", "a"})
    (True, True)
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    found = _prefixes_of_sequence(_items(tree), length)
    return None if found is None else frozenset(found)


def _prefixes_of_sequence(items: list[Any], length: int) -> set[str] | None:
    if length <= 0 or not items:
        return {""}
    heads = _prefixes_of_item(items[0], length)
    if heads is None:
        return None
    found: set[str] = set()
    for head in heads:
        if len(head) >= length:
            found.add(head[:length])
            continue
        tails = _prefixes_of_sequence(items[1:], length - len(head))
        if tails is None:
            return None
        found |= {head + tail for tail in tails}
        if len(found) > _MAX_PREFIXES:
            return None
    return found


def _prefixes_of_item(item: Any, length: int) -> set[str] | None:
    op, arg = item
    if op is _c.LITERAL:
        return {chr(arg).casefold()}
    if op is _c.IN:
        chars = _first_of(op, arg)[0]
        return None if chars is None else {c.casefold() for c in chars}
    if op is _c.SUBPATTERN:
        return _prefixes_of_sequence(_items(arg[-1]), length)
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _prefixes_of_sequence(_items(alternative), length)
            if found is None:
                return None
            union |= found
        return union
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = arg
        if _nullable(_items(body)):
            return None
        # Each repetition takes at least one character: `length` of them say all.
        union = set()
        for count in range(min(low, length), min(high, length) + 1):
            found = _prefixes_of_sequence(_items(body) * count, length)
            if found is None:
                return None
            union |= found
        return union
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}
    return None


def _nullable(items: list[Any]) -> bool:
    return all(_first_of(op, arg)[1] for op, arg in items)


def required_literal(pattern: str) -> str | None:
    """The longest text every match must contain, case-folded, or None.

    A line that lacks it cannot match, and ``in`` finds that out faster than
    any regex: the prefilter of patterns that may start anywhere.

    >>> required_literal(r".{3,300}? (?:ont|a) contribué à (?:ce rapport|cet article)")
    ' contribué à ce'
    >>> required_literal(r"\\p{Lu}\\w{0,9}/\\w{2,9}"), required_literal(r"(?:a|b)c?")
    ('/', None)
    >>> required_literal("(?x: Mis \\\\ à \\\\ jour  # a verbose pattern is one group\\n)")
    'mis à jour'
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    items = _items(tree)
    # A pattern that is one group (a verbose one is `(?x:…)`) holds its text inside.
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = _items(items[0][1][-1])
    best = run = ""
    for op, arg in items:
        if op is _c.LITERAL:
            run += chr(arg)
            best = max(best, run, key=len)
        else:
            run = ""
    return best.casefold() or None


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` may backtrack catastrophically, or None when its shape is safe.

    Decided from the parse tree alone, so the verdict is the same on every
    machine and under any load (a probe timed with a clock is not). Two shapes
    are refused, each inside a repeat of more than a few rounds, where the
    engine can split the same text between rounds in exponentially many ways:
    a repeat of a part that itself repeats (``(a+)+``, ``(\\w+\\s?)*``), and a
    repeat of alternatives that can start alike (``(a|aa)+``). A pattern only
    ``regex`` can read gets None: its shape cannot be told.

    >>> backtracking_risk(r"(a+)+$") is not None, backtracking_risk(r"(a|aa)+$") is not None
    (True, True)
    >>> backtracking_risk(r"(\\w+\\s?)*$") is not None, backtracking_risk(r"(.*a){12}") is not None
    (True, True)
    >>> backtracking_risk(r"(?: \\p{Lu}[\\p{L}-]{0,30}){0,8}"), backtracking_risk(r"(?:Foo|Bar)+")
    (None, None)
    """
    tree = _parse(pattern)
    return None if tree is None else _risk(_items(tree))


_NESTED = "a repeated part that repeats inside, such as (a+)+"
_OVERLAP = "repeated alternatives that can start alike, such as (a|aa)+"


def _risk(items: list[Any], outer: int = 0) -> str | None:
    """`outer`: 0 outside any repeat, 1 inside a repeat of a few rounds, 2 of many."""
    for op, arg in items:
        found: str | None = None
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, body = arg
            unbounded = high == _parser.MAXREPEAT
            many = unbounded or high - low > _LARGE_REPEAT
            if high > 1 and (outer == 2 or (outer == 1 and unbounded)):
                return _NESTED
            if many and _alternatives_overlap(_items(body)):
                return _OVERLAP
            found = _risk(_items(body), 2 if many else max(outer, 1 if high > 1 else 0))
        elif op is _c.SUBPATTERN:
            found = _risk(_items(arg[-1]), outer)
        elif op is _c.BRANCH:
            found = next(filter(None, (_risk(_items(alt), outer) for alt in arg[1])), None)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _risk(_items(arg[1]), outer)
        if found:
            return found
    return None


def _alternatives_overlap(items: list[Any]) -> bool:
    """True when a branch of `items` (looked into through groups) has two alternatives
    that can start with the same character."""
    for op, arg in items:
        if op is _c.SUBPATTERN and _alternatives_overlap(_items(arg[-1])):
            return True
        if op is _c.BRANCH:
            seen: set[str] = set()
            for alternative in arg[1]:
                chars = _first(_items(alternative))
                if chars is None or chars & seen:
                    return True
                seen |= chars
    return False
