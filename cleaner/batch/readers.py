"""Finding inputs and reading them as items: folders, JSONL (plain, .gz, .zst), WARC.

Formats are inferred from the file name (``--input-format`` forces one):
``.jsonl``/``.ndjson`` (optionally ``.gz``/``.zst``) are JSON lines,
``.warc``/``.warc.gz`` web crawls, anything else a text document. A folder is
walked recursively in sorted order (so every run sees the same order); hidden
files, and the output folder when it lies inside the input, are skipped.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from cleaner.batch.http import decode_http_body
from cleaner.batch.inflate import Inflating, damage, open_binary
from cleaner.batch.inflate import split_compression as split_compression
from cleaner.batch.items import Failed, Item, JsonBlock, JsonLine, JsonRange, TextFile, WarcDoc

FORMATS = ("jsonl", "warc", "text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def infer_format(name: str) -> str:
    """The input format a file name implies: jsonl, warc or text.

    >>> [infer_format(n) for n in ("x.jsonl.zst", "crawl.warc.gz", "CC.WARC", "a.txt", "a.gz")]
    ['jsonl', 'warc', 'warc', 'text', 'text']
    """
    base, _ = split_compression(name.lower())
    if base.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if base.endswith(WARC_SUFFIXES):
        return "warc"
    return "text"


def walk(folder: Path, pattern: str | None = None, exclude: Path | None = None) -> Iterator[Path]:
    """Every file under `folder` matching `pattern`, sorted, recursively.

    A pattern without ``/`` matches the file name, one with ``/`` the path
    relative to the folder. Hidden entries (``.name``, such as the temporary
    files of atomic writes) are skipped, and so is `exclude` (the output folder).
    """
    skip = exclude.resolve() if exclude is not None else None
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and (here / d).resolve() != skip)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            if pattern is None or _matches(path.relative_to(folder).as_posix(), pattern):
                yield path


def _matches(relative: str, pattern: str) -> bool:
    """Whether a relative path matches a --glob pattern.

    >>> _matches("a/b.jsonl", "*.jsonl"), _matches("a/b.jsonl", "a/*.jsonl")
    (True, True)
    >>> _matches("a/b.txt", "*.jsonl"), _matches("a/b/c.jsonl", "**/*.jsonl")
    (False, True)
    """
    if "/" not in pattern:
        return fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], pattern)
    return fnmatch.fnmatchcase(relative, pattern) or (
        pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]))


BLOCK_BYTES = 1 << 17


class _LongLine(NamedTuple):
    """A line longer than the limit, read past without being held: its length."""

    size: int


def too_large(size: int, limit: int) -> str:
    """Why a document is refused unread (the message of `--max-size`)."""
    return f"document too large ({size} bytes > {limit})"


def _line_batches(path: str, where: str, size: int, max_line: int = 0
                  ) -> Iterator[list[bytes] | _LongLine | Failed]:
    """The lines of a JSONL input in lists of about `size` bytes; a line over `max_line`
    bytes (0: no limit) as a `_LongLine`; a damaged input (truncated gzip...) ends with a
    `Failed`."""
    number = 0  # lines given so far
    try:
        with open_binary(path) as stream:
            # readlines() finds the lines with memchr, but holds a line of any length.
            batches = (_bounded_batches(stream, size, max_line) if max_line
                       else iter(lambda: stream.readlines(size), []))
            for batch in batches:
                yield batch
                number += 1 if isinstance(batch, _LongLine) else len(batch)
            broken = damage(stream)
            if broken:
                yield Failed(f"input broken after line {number}: {broken}", where)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # OSError, zstandard.ZstdError and other codec errors
        yield Failed(f"input broken after line {number}: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


def _bounded_batches(stream: IO[bytes], size: int, max_line: int
                     ) -> Iterator[list[bytes] | _LongLine]:
    """`_line_batches` with a limit: no more than `max_line` + 1 bytes of a line are held."""
    batch: list[bytes] = []
    held = 0
    while line := stream.readline(max_line + 1):
        if len(line) > max_line:
            if batch:
                yield batch
                batch, held = [], 0
            yield _LongLine(len(line) + _skip_line(stream, line))
            continue
        batch.append(line)
        held += len(line)
        if held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _skip_line(stream: IO[bytes], start: bytes) -> int:
    """Read past the rest of a line that begins with `start`; how many bytes that was."""
    skipped = 0
    while not start.endswith(b"\n") and (start := stream.readline(1 << 20)):
        skipped += len(start)
    return skipped


def read_jsonl(path: str, where: str, max_line: int = 0) -> Iterator[Item]:
    """One `JsonLine` per line; a damaged input (truncated gzip...) ends with a `Failed`,
    and a line over `max_line` bytes (0: no limit) is one, unread."""
    for number, batch in _numbered_batches(path, where, 1 << 16, max_line):
        if isinstance(batch, Failed):
            yield batch
        else:
            for offset, line in enumerate(batch):
                yield JsonLine(line, f"{where}:{number + offset}")


def read_jsonl_blocks(path: str, where: str, size: int | None = None,
                      max_line: int = 0) -> Iterator[Item]:
    """`JsonBlock`s of whole lines, about `size` bytes each (default `BLOCK_BYTES`): the
    lines `read_jsonl` gives. A line longer than `size` makes a block of its own."""
    for number, batch in _numbered_batches(path, where, size or BLOCK_BYTES, max_line):
        yield batch if isinstance(batch, Failed) else JsonBlock(b"".join(batch), where, number)


def _numbered_batches(path: str, where: str, size: int, max_line: int
                      ) -> Iterator[tuple[int, list[bytes] | Failed]]:
    """`_line_batches` with the number of each batch's first line; a line over `max_line`
    becomes its `Failed`, numbered."""
    number = 1
    for batch in _line_batches(path, where, size, max_line):
        if isinstance(batch, _LongLine):
            yield number, Failed(too_large(batch.size, max_line), f"{where}:{number}")
            number += 1
        elif isinstance(batch, Failed):
            yield number, batch
        else:
            yield number, batch
            number += len(batch)


def read_jsonl_ranges(path: str, where: str, size: int | None = None,
                      max_line: int = 0) -> Iterator[Item]:
    """The blocks of `read_jsonl_blocks` as `JsonRange`s (positions in the file) when it is
    a plain file: the workers read them; else the blocks themselves. A line over
    `max_line` bytes (0: no limit) is left out of the ranges, as a `Failed`."""
    if path == "-" or split_compression(path)[1] or not os.path.isfile(path):
        yield from read_jsonl_blocks(path, where, size, max_line)
        return
    number = 1  # the number of the first line not given yet
    start = end = 0  # where that line starts; how far the file is read
    try:
        with open(path, "rb", buffering=0) as stream:
            while data := stream.read(size or BLOCK_BYTES):
                base, end = end, end + len(data)
                cut = data.rfind(b"\n") + 1
                if not cut:
                    continue
                first = number
                if max_line and base + cut - start > max_line:
                    for line_start, line_end in _lines(data, base, start, cut):
                        if line_end - line_start > max_line:
                            if line_start > start:
                                yield JsonRange(path, where, first, start, line_start - start)
                            yield Failed(too_large(line_end - line_start, max_line),
                                         f"{where}:{number}")
                            first, start = number + 1, line_end
                        number += 1
                else:
                    number += data.count(b"\n", 0, cut)
                if base + cut > start:
                    yield JsonRange(path, where, first, start, base + cut - start)
                start = base + cut
        if end > start:  # the last line has no LF
            if max_line and end - start > max_line:
                yield Failed(too_large(end - start, max_line), f"{where}:{number}")
            else:
                yield JsonRange(path, where, number, start, end - start)
    except OSError as exc:
        yield Failed(f"input broken after line {number - 1}: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


def _lines(data: bytes, base: int, start: int, cut: int) -> Iterator[tuple[int, int]]:
    """The (start, end) file positions of the lines that end in `data[:cut]` (`data` read
    at `base`; the first line starts at `start`, maybe in an earlier read)."""
    at = data.find(b"\n")
    while 0 <= at < cut:
        yield start, base + at + 1
        start = base + at + 1
        at = data.find(b"\n", at + 1)


def read_text(path: str, where: str) -> Iterator[Item]:
    """A text document: the worker reads it (so reading happens in parallel too)."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    yield TextFile(path, where, size)


def read_warc(path: str, where: str, max_size: int = 0) -> Iterator[Item]:
    """The HTML responses of a WARC (plain or gzipped), in file order.

    Each becomes a `WarcDoc` with its target URI, record id, date, HTTP content
    type and charset, and the payload decoded from its transfer and content
    encodings. Other records (requests, metadata, images...) are skipped. A
    record cut short becomes a `Failed` item naming it, and a damaged file (a
    truncated gzip, a torn last record) ends with one, after every record
    read before the damage. A record over `max_size` bytes (0: no limit) is a
    `Failed`, unread.
    """
    count = 0
    try:
        with open(path, "rb") as raw:
            compressed = split_compression(path)[1] == ".gz"
            stream: IO[bytes] = (Inflating(raw, "gzip")  # type: ignore[assignment]
                                 if compressed else raw)
            reader = _WarcReader(stream, where, max_size)
            for item in reader.items():
                count += 1
                yield item
            if isinstance(stream, Inflating):
                damage = stream.broken
            elif reader.last_cut_short:
                damage = None  # already reported, with the record's name
            else:
                damage = _damage_after(path, reader.last_start)
            if damage:
                yield Failed(f"input broken after {count} HTML records: {damage}", where)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # OSError, fastwarc's errors (a Rust panic is no Exception)
        yield Failed(f"input broken after {count} HTML records: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


class _WarcReader:
    """The HTML responses of a WARC stream; remembers where the last record started."""

    def __init__(self, stream: IO[bytes], where: str, max_size: int = 0) -> None:
        self.stream = stream
        self.where = where
        self.max_size = max_size
        self.last_start = -1
        self.last_cut_short = False

    def items(self) -> Iterator[Item]:
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        records = ArchiveIterator(self.stream, parse_http=False, auto_decode="none",
                                  stream_detect=False)
        count = 0
        for record in records:
            self.last_start = record.stream_pos
            self.last_cut_short = False
            if record.record_type != WarcRecordType.response:
                continue
            record.parse_http()
            content_type = record.http_content_type
            if not (content_type or "").lower().startswith(HTML_TYPES):
                continue
            count += 1
            yield self._item(record, content_type or "", count)

    def _item(self, record: Any, content_type: str, count: int) -> Item:
        headers = record.headers
        url = headers.get("WARC-Target-URI")
        name = f"{self.where}#{count}" + (f" ({url})" if url else "")
        if self.max_size and record.content_length > self.max_size:
            return Failed(too_large(record.content_length, self.max_size), name)
        body = record.reader.read()
        if len(body) < record.content_length:
            self.last_cut_short = True
            return Failed(f"record cut short ({len(body)} of {record.content_length} bytes)",
                          name)
        try:
            payload = decode_http_body(body, record.http_headers.get("Transfer-Encoding"),
                                       record.http_headers.get("Content-Encoding"),
                                       self.max_size)
        except ValueError as exc:
            return Failed(str(exc), name)
        return WarcDoc(url=url, record_id=headers.get("WARC-Record-ID"),
                       date=headers.get("WARC-Date"), content_type=content_type,
                       charset=record.http_charset, payload=payload, where=name)


def _damage_after(path: str, last_start: int) -> str | None:
    """What is wrong past the last record of a plain WARC file (None: nothing).

    The reader stops quietly at a torn record header or at trailing garbage:
    the file must end where the last record it read ends.
    """
    size = os.path.getsize(path)
    with open(path, "rb") as stream:
        start = max(0, last_start)
        stream.seek(start)
        head = stream.read(1 << 16)
    if last_start < 0:
        return "no WARC record could be read" if head.strip() else None
    end_of_headers = head.find(b"\r\n\r\n")
    length = _content_length(head[:end_of_headers])
    if end_of_headers < 0 or length is None:
        return "its last record has a broken header"
    end = start + end_of_headers + 4 + length
    if end > size:
        return f"its last record is cut short ({end - size} bytes missing)"
    with open(path, "rb") as stream:
        stream.seek(end)
        rest = stream.read(1 << 16)
    if rest.strip(b"\r\n"):
        return f"{size - end} bytes after the last record are not a WARC record"
    return None


def _content_length(headers: bytes) -> int | None:
    for line in headers.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return int(value.strip())
            except ValueError:
                return None
    return None


def read_items(path: str, fmt: str, where: str, *, blocks: bool = False,
               max_size: int = 0) -> Iterator[Item]:
    """The items of one input of a given format (`blocks`: JSONL in blocks of lines,
    `JsonRange`s of a plain file, else `JsonBlock`s). A JSON line or WARC record over
    `max_size` bytes (0: no limit) is a `Failed`, never held in memory."""
    if fmt == "jsonl":
        return (read_jsonl_ranges(path, where, max_line=max_size) if blocks
                else read_jsonl(path, where, max_size))
    if fmt == "warc":
        return read_warc(path, where, max_size)
    return read_text(path, where)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
