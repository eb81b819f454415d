"""The units of work a pipeline moves around: input items, and what cleaning one gives.

Items are small, picklable values: the parent process reads them and ships
them to workers (in chunks); a worker turns each into an `Outcome`. Decoding
JSON, reading text files and cleaning all happen in the worker, so the parent
does little more than read lines and write bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

Record = dict[str, Any]


class JsonLine(NamedTuple):
    """One line of a JSONL input, undecoded; `where` is ``FILE:LINE`` for messages.

    A named tuple, not a frozen dataclass like the other items: one is made for
    every line and pickled to a worker, and a tuple is several times cheaper to
    build (a frozen dataclass sets each field through ``object.__setattr__``) and
    to pickle (no per-object ``__getstate__`` walking the fields).
    """

    data: bytes
    where: str


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


Item = JsonLine | TextFile | WarcDoc | RecordItem | Failed | EndOfInput


@dataclass(slots=True)
class Outcome:
    """What cleaning one item gives.

    `data` is the encoded output (a JSON line, or a text file's clean content);
    `record` the output record for the library API. A failed item has an
    `error`; for a record it is also in the output record, which keeps every
    input field. `documents` is 0 for input that holds no document (a blank
    line); `end` marks the end of an input.
    """

    data: bytes = b""
    record: Record | None = None
    bytes_in: int = 0
    rules: tuple[str, ...] = ()
    error: str | None = None
    documents: int = 1
    end: bool = False

    @property
    def bytes_out(self) -> int:
        return len(self.data)

    def __reduce__(self) -> tuple[Any, ...]:
        # Every outcome travels from a worker to the parent: its fields as arguments
        # pickle several times faster than the state dataclasses give slotted classes.
        return (Outcome, (self.data, self.record, self.bytes_in, self.rules, self.error,
                          self.documents, self.end))


def item_size(item: Item) -> int:
    """Roughly how many bytes an item weighs, to cut chunks of even weight.

    >>> item_size(JsonLine(b'{"text": "abc"}', "x:1"))
    15
    """
    if isinstance(item, JsonLine):
        return len(item.data)
    if isinstance(item, WarcDoc):
        return len(item.payload)
    if isinstance(item, TextFile):
        return item.size
    if isinstance(item, RecordItem):
        text = item.record.get("text")
        return len(text) if isinstance(text, str) else 64
    return 64
