"""The units of work a pipeline moves around: input items, and what cleaning one gives.

Items are small, picklable values: the parent process reads them and ships
them to workers (in chunks); a worker turns each into an `Outcome`. Decoding
JSON, reading text files and cleaning all happen in the worker, so the parent
does little more than read lines and write bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, NamedTuple

Record = dict[str, Any]

# Byte strings this long are pickled out of band where the pickler takes buffers
# (protocol 5, as Dask's): cheaper than copying them into the pickle and out.
OUT_OF_BAND_BYTES = 1 << 14


def _bytes_arg(data: bytes, protocol: int) -> Any:
    """`data` as a pickle argument: out of band where the pickle protocol allows it."""
    if protocol >= 5 and len(data) >= OUT_OF_BAND_BYTES:
        from pickle import PickleBuffer

        return PickleBuffer(data)
    return data


class JsonLine(NamedTuple):
    """One line of a JSONL input, undecoded; `where` is ``FILE:LINE`` for messages.

    A named tuple, not a frozen dataclass like the other items: one is made for
    every line and pickled to a worker, and a tuple is several times cheaper to
    build (a frozen dataclass sets each field through ``object.__setattr__``) and
    to pickle (no per-object ``__getstate__`` walking the fields).
    """

    data: bytes
    where: str


class JsonBlock(NamedTuple):
    """Whole lines of one JSONL input, undecoded, which a worker process splits.

    The process executor reads JSONL in blocks: the parent then handles one
    item, one message and one outcome per block instead of per line (reading,
    pickling and writing a line cost the parent a tenth of what cleaning it
    costs a worker). `first` is the number of its first line.
    """

    data: bytes
    where: str
    first: int

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (JsonBlock, (_bytes_arg(self.data, protocol), self.where, self.first))

    def lines(self) -> list[JsonLine]:
        """One `JsonLine` per line, as `read_jsonl` reads them (each with its LF).

        >>> [(line.data, line.where) for line in JsonBlock(b'{}\\n\\n{"a"', "x", 7).lines()]
        [(b'{}\\n', 'x:7'), (b'\\n', 'x:8'), (b'{"a"', 'x:9')]
        """
        # find() runs memchr; split() would read the bytes one by one (5 instructions each).
        data, where, number = self.data, self.where, self.first
        lines = []
        start = 0
        end = data.find(b"\n")
        while end >= 0:
            lines.append(JsonLine(data[start:end + 1], f"{where}:{number}"))
            start, number = end + 1, number + 1
            end = data.find(b"\n", start)
        if start < len(data):  # the end of an input that does not end with a LF
            lines.append(JsonLine(data[start:], f"{where}:{number}"))
        return lines


class JsonRange(NamedTuple):
    """Whole lines of a plain JSONL file, by position: the worker reads them itself.

    What the process executor's workers get for a plain file instead of a
    `JsonBlock`: the bytes then cross to them from the page cache, not through
    the parent's pickles and pipes. `first` is the number of its first line.
    """

    path: str
    where: str
    first: int
    offset: int
    size: int

    def read(self) -> JsonBlock | Failed:
        """The lines, read now, as the `JsonBlock` the parent would have sent; a `Failed`
        if they cannot be read as they were (the file changed during the run)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
            try:
                data = os.pread(fd, self.size, self.offset)
            finally:
                os.close(fd)
        except OSError as exc:
            return Failed(f"input broken: {' '.join(str(exc).split())}", self.where)
        if len(data) != self.size:
            return Failed(f"input broken: {self.size - len(data)} bytes fewer than read "
                          f"before (the file changed during the run)", self.where)
        return JsonBlock(data, self.where, self.first)


@dataclass(frozen=True, slots=True)
class TextFile:
    """A text file of a folder, read by the worker that cleans it."""

    path: str
    where: str
    size: int = 0


@dataclass(frozen=True, slots=True)
class WarcDoc:
    """An HTML response of a WARC file: its payload and what the headers say about it."""

    url: str | None
    record_id: str | None
    date: str | None
    content_type: str | None
    charset: str | None
    payload: bytes
    where: str


@dataclass(frozen=True, slots=True)
class RecordItem:
    """A record given as a dict (the `clean_records` library API)."""

    record: Record
    where: str


@dataclass(frozen=True, slots=True)
class Failed:
    """An input that broke while it was read (truncated gzip...): becomes an error record."""

    message: str
    where: str


@dataclass(frozen=True, slots=True)
class EndOfInput:
    """Marks the end of one input's items, so that its output is finished at once."""

    where: str


Item = JsonLine | JsonBlock | JsonRange | TextFile | WarcDoc | RecordItem | Failed | EndOfInput


@dataclass(slots=True)
class Outcome:
    """What cleaning one item gives.

    `data` is the encoded output (a JSON line, or a text file's clean content);
    `record` the output record for the library API. A failed item has an
    `error`; for a record it is also in the output record, which keeps every
    input field. `documents` is 0 for input that holds no document (a blank
    line); `end` marks the end of an input. The outcome of a `JsonBlock` sums
    its lines' and keeps their errors, in order, in `errors`. `notes` are the
    ``--explain`` lines of what was cleaned, when they were asked for.
    """

    data: bytes = b""
    record: Record | None = None
    bytes_in: int = 0
    rules: tuple[str, ...] = ()
    error: str | None = None
    documents: int = 1
    end: bool = False
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def bytes_out(self) -> int:
        return len(self.data)

    def all_errors(self) -> tuple[str, ...]:
        """Every error this outcome reports: its own, or its lines'."""
        return self.errors if self.error is None else (self.error, *self.errors)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Every outcome travels from a worker to the parent: its fields as arguments
        # pickle several times faster than the state dataclasses give slotted classes.
        return (Outcome, (_bytes_arg(self.data, protocol), self.record, self.bytes_in,
                          self.rules, self.error, self.documents, self.end, self.errors,
                          self.notes))


def combined(parts: list[Outcome]) -> Outcome:
    """One outcome for the lines of a block: their data joined, their counts summed.

    >>> one = combined([Outcome(b"a\\n", bytes_in=2, rules=("x",)),
    ...                 Outcome(b"b\\n", bytes_in=3, error="bad", documents=1)])
    >>> one.data, one.bytes_in, one.rules, one.documents, one.all_errors()
    (b'a\\nb\\n', 5, ('x',), 2, ('bad',))
    """
    rules: list[str] = []
    errors: list[str] = []
    notes: list[str] = []
    for part in parts:
        if part.rules:
            rules.extend(part.rules)
        if part.error is not None:
            errors.append(part.error)
        if part.notes:
            notes.extend(part.notes)
    return Outcome(data=b"".join([part.data for part in parts]),
                   bytes_in=sum([part.bytes_in for part in parts]), rules=tuple(rules),
                   documents=sum([part.documents for part in parts]), errors=tuple(errors),
                   notes=tuple(notes))


def item_size(item: Item) -> int:
    """Roughly how many bytes an item weighs, to cut chunks of even weight.

    >>> item_size(JsonLine(b'{"text": "abc"}', "x:1"))
    15
    """
    if isinstance(item, JsonLine | JsonBlock):
        return len(item.data)
    if isinstance(item, JsonRange):
        return item.size
    if isinstance(item, WarcDoc):
        return len(item.payload)
    if isinstance(item, TextFile):
        return item.size
    if isinstance(item, RecordItem):
        text = item.record.get("text")
        return len(text) if isinstance(text, str) else 64
    return 64
