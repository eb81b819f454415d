"""Records as JSON lines: read exactly as the standard library reads them, written fast.

orjson does most of the work; the standard library takes over where orjson
would read or write a value differently (see `decode_json`).
"""

from __future__ import annotations

import json
import math
import re
import secrets
from typing import Any

import orjson

from cleaner.batch.items import Record

# Deeper JSON is refused, whichever reader reads it: orjson stops at 1024 levels and the
# standard library where the stack ends, which depends on who calls it; this is below both.
MAX_DEPTH = 512
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


class BigNumber:
    """A JSON number too large for a float (``1e400``), kept as written: the standard
    library would read it as infinity, and write that back as ``Infinity`` (not JSON)."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BigNumber) and other.literal == self.literal

    def __hash__(self) -> int:
        return hash(self.literal)

    def __repr__(self) -> str:
        return f"BigNumber({self.literal!r})"


def decode_json(data: bytes) -> tuple[Any, bool]:
    """A JSON value, and whether `encode` may write it back with orjson.

    The value is always the standard library's (exact: integers of any
    size, NaN and Infinity, lone surrogates, a BOM), except that a number
    too large for a float is a `BigNumber`, and that a value nested deeper
    than `MAX_DEPTH` is refused (`ValueError`). orjson reads a line first,
    2-3x as fast, and its value is kept when it must be the same: orjson
    refuses NaN, Infinity, lone surrogates and a BOM (the standard library
    then reads the line), and reads an integer beyond 64 bits as a float, so
    a value holding a float is read again.

    Writing is orjson's, 2.3x as fast here, except for a line that may hold
    NaN or Infinity, which orjson would write as null (a line orjson read
    holds neither; otherwise the test is on the raw bytes, strings included:
    a false alarm only costs speed). What orjson refuses to write (an
    integer beyond 64 bits, a lone surrogate) falls back to the standard
    library in `encode`.

    >>> decode_json(b'{"a": 1}'), decode_json(b'{"a": NaN}')
    (({'a': 1}, True), ({'a': nan}, False))
    >>> decode_json(b'[18446744073709551616, 0.5]')[0]
    [18446744073709551616, 0.5]
    >>> decode_json(b'[1e400, 1.5]')[0]
    [BigNumber('1e400'), 1.5]
    """
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        _check_depth(data)
        return _exact_loads(data), b"NaN" not in data and b"Infinity" not in data
    if not _holds_float(value):
        return value, True  # orjson read it: it holds no NaN nor Infinity
    _check_depth(data)  # `_holds_float` stops at the first float
    # orjson refuses the numbers a float cannot hold: the standard library reads none here.
    return _loads(data), b"NaN" not in data and b"Infinity" not in data


_FLAT = frozenset({str, int, bool, type(None)})
_INFINITIES = (math.inf, -math.inf)
# A JSON string (escapes included), or one bracket: brackets inside strings do not nest.
_NESTING = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def _check_depth(data: bytes) -> None:
    """`ValueError` if the JSON in `data` nests deeper than `MAX_DEPTH`.

    >>> _check_depth(b'[' * 600 + b']' * 600)
    Traceback (most recent call last):
    ValueError: nested more than 512 levels deep
    >>> _check_depth(b'["' + b'[' * 600 + b'"]')
    """
    if data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return  # too few brackets to nest that deep: the common case, at memchr speed
    depth = 0
    for match in _NESTING.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise ValueError(_TOO_DEEP)
        elif token in (b"]", b"}"):
            depth -= 1


def _holds_float(value: Any) -> bool:
    """True when a value orjson read holds a float anywhere (without recursion: any
    depth); else `ValueError` when it nests deeper than `MAX_DEPTH`.

    >>> _holds_float({"id": 1, "text": "x"}), _holds_float({"a": [{"b": 0.5}]})
    (False, True)
    """
    if type(value) is dict and _FLAT.issuperset(map(type, value.values())):
        return False  # the common record: a flat object of texts and numbers
    if type(value) is not dict and type(value) is not list:
        return type(value) is float
    level = [value]  # the containers at one depth, read a depth at a time
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise ValueError(_TOO_DEEP)
        below = []
        for item in level:
            for child in item.values() if type(item) is dict else item:
                kind = type(child)
                if kind is dict or kind is list:
                    below.append(child)
                elif kind is float:
                    return True
        level = below
    return False


def _loads(data: bytes, **options: Any) -> Any:
    """The standard library's reading: `ValueError` where it runs out of stack."""
    try:
        return json.loads(data, **options)
    except RecursionError:  # a caller that left less stack than MAX_DEPTH needs
        raise ValueError(_TOO_DEEP) from None


def _exact_loads(data: bytes) -> Any:
    """The standard library's reading, with a `BigNumber` for a number it reads as infinity."""
    value = _loads(data)
    return _loads(data, parse_float=_number) if _holds_infinity(value) else value


def _holds_infinity(value: Any) -> bool:
    """True when a decoded JSON value holds an infinite float (``Infinity``, ``1e400``)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and item in _INFINITIES:
            return True
    return False


def _number(literal: str) -> float | BigNumber:
    """A JSON number with a fraction or an exponent, as the standard library reads it,
    unless it is too large for a float."""
    number = float(literal)
    return BigNumber(literal) if number in _INFINITIES else number


def encode(record: Record, *, fast: bool = True) -> bytes:
    r"""One JSONL line, UTF-8, compact; a lone surrogate (from ``\ud800``) stays escaped.

    Keys, strings, integers and ``true``/``false``/``null`` come out as the standard library
    writes them (compactly); a float may be spelt differently (``1e-7`` for ``1e-07``), never
    with another value.

    >>> encode({"text": "é", "n": [1, 2.5, None]})
    b'{"text":"\xc3\xa9","n":[1,2.5,null]}\n'
    >>> encode({"text": "é"}, fast=False) == encode({"text": "é"})
    True
    >>> encode({"text": "\ud800"})
    b'{"text":"\\ud800"}\n'
    """
    if fast:
        try:
            return orjson.dumps(record, default=_fragment, option=orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # orjson.JSONEncodeError: a lone surrogate, a huge integer
            pass
    try:
        return _dumps(record, ascii_only=False).encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return _dumps(record, ascii_only=True).encode("ascii") + b"\n"


def _fragment(value: Any) -> orjson.Fragment:
    """What orjson writes for a value it does not know: a `BigNumber` as written."""
    if isinstance(value, BigNumber):
        return orjson.Fragment(value.literal)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _dumps(record: Record, *, ascii_only: bool) -> str:
    """The standard library's compact JSON, with each `BigNumber` as written.

    >>> _dumps({"a": [BigNumber("1e400"), float("nan")], "b": "1e400"}, ascii_only=True)
    '{"a":[1e400,NaN],"b":"1e400"}'
    """
    while True:
        marks = _Marks()
        line = json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":"),
                          default=marks)
        if not marks.numbers:
            return line
        pieces = line.split(json.dumps(marks.mark))
        if len(pieces) == len(marks.numbers) + 1:  # else the record holds the mark: another
            return "".join(piece + number
                           for piece, number in zip(pieces, [*marks.numbers, ""], strict=True))


class _Marks:
    """The standard library's `default` for a `BigNumber`, which it cannot write as given:
    a string holding a random mark, which `_dumps` replaces by the number."""

    def __init__(self) -> None:
        self.mark = f"\x00{secrets.token_hex(8)}\x00"
        self.numbers: list[str] = []

    def __call__(self, value: Any) -> str:
        if isinstance(value, BigNumber):
            self.numbers.append(value.literal)
            return self.mark
        raise TypeError(f"{type(value).__name__} is not JSON")
