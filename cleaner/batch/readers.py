"""Finding inputs and reading them as items: folders, JSONL (plain, .gz, .zst), WARC.

Formats are inferred from the file name (``--input-format`` forces one):
``.jsonl``/``.ndjson`` (optionally ``.gz``/``.zst``) are JSON lines,
``.warc``/``.warc.gz`` web crawls, anything else a text document. A folder is
walked recursively in sorted order (so every run sees the same order); hidden
files, and the output folder when it lies inside the input, are skipped.
"""

from __future__ import annotations

import fnmatch
import io
import os
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cleaner.batch.http import decode_http_body
from cleaner.batch.items import Failed, Item, JsonBlock, JsonLine, JsonRange, TextFile, WarcDoc

FORMATS = ("jsonl", "warc", "text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)
COMPRESSIONS = (".gz", ".zst")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def split_compression(name: str) -> tuple[str, str]:
    """The name without its compression suffix, and that suffix ('' if none).

    >>> split_compression("a/b.jsonl.gz")
    ('a/b.jsonl', '.gz')
    >>> split_compression("b.jsonl")
    ('b.jsonl', '')
    """
    for suffix in COMPRESSIONS:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


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


def open_binary(path: str) -> IO[bytes]:
    """A file (or ``-``, stdin) for reading, decompressed by its suffix (.gz, .zst).

    A truncated .gz or .zst gives every byte it could recover, then ends;
    `damage` says what went wrong.
    """
    if path == "-":
        return sys.stdin.buffer
    _, compression = split_compression(path)
    raw = open(path, "rb")  # noqa: SIM115 - closed with the returned stream
    if compression:
        codec = "gzip" if compression == ".gz" else "zstd"
        return io.BufferedReader(_Inflating(raw, codec), buffer_size=1 << 16)
    return io.BufferedReader(raw, buffer_size=1 << 16)


def damage(stream: IO[bytes]) -> str | None:
    """Why a stream from `open_binary` ended early (None: it did not)."""
    raw = getattr(stream, "raw", None)
    return raw.broken if isinstance(raw, _Inflating) else None


BLOCK_BYTES = 1 << 17


def _line_batches(path: str, where: str, size: int) -> Iterator[list[bytes] | Failed]:
    """The lines of a JSONL input in lists of about `size` bytes (`readlines` finds them
    with memchr); a damaged input (truncated gzip...) ends with a `Failed`."""
    number = 0  # lines given so far
    try:
        with open_binary(path) as stream:
            while lines := stream.readlines(size):
                yield lines
                number += len(lines)
            broken = damage(stream)
            if broken:
                yield Failed(f"input broken after line {number}: {broken}", where)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # OSError, zstandard.ZstdError and other codec errors
        yield Failed(f"input broken after line {number}: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


def read_jsonl(path: str, where: str) -> Iterator[Item]:
    """One `JsonLine` per line; a damaged input (truncated gzip...) ends with a `Failed`."""
    number = 0
    for batch in _line_batches(path, where, 1 << 16):
        if isinstance(batch, Failed):
            yield batch
            continue
        for line in batch:
            number += 1
            yield JsonLine(line, f"{where}:{number}")


def read_jsonl_blocks(path: str, where: str, size: int | None = None) -> Iterator[Item]:
    """`JsonBlock`s of whole lines, about `size` bytes each (default `BLOCK_BYTES`): the
    lines `read_jsonl` gives. A line longer than `size` makes a block of its own."""
    number = 0
    for batch in _line_batches(path, where, size or BLOCK_BYTES):
        if isinstance(batch, Failed):
            yield batch
            continue
        yield JsonBlock(b"".join(batch), where, number + 1)
        number += len(batch)


def read_jsonl_ranges(path: str, where: str, size: int | None = None) -> Iterator[Item]:
    """The blocks of `read_jsonl_blocks` as `JsonRange`s (positions in the file) when it is
    a plain file: the workers read them; else the blocks themselves."""
    if path == "-" or split_compression(path)[1] or not os.path.isfile(path):
        yield from read_jsonl_blocks(path, where, size)
        return
    number = offset = 0
    pending = 0  # bytes read of a line whose end is not read yet
    try:
        with open(path, "rb", buffering=0) as stream:
            while data := stream.read(size or BLOCK_BYTES):
                cut = data.rfind(b"\n") + 1
                if not cut:
                    pending += len(data)
                    continue
                yield JsonRange(path, where, number + 1, offset, pending + cut)
                number += data.count(b"\n", 0, cut)
                offset += pending + cut
                pending = len(data) - cut
        if pending:  # the last line has no LF
            yield JsonRange(path, where, number + 1, offset, pending)
    except OSError as exc:
        yield Failed(f"input broken after line {number}: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


def read_text(path: str, where: str) -> Iterator[Item]:
    """A text document: the worker reads it (so reading happens in parallel too)."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    yield TextFile(path, where, size)


def read_warc(path: str, where: str) -> Iterator[Item]:
    """The HTML responses of a WARC (plain or gzipped), in file order.

    Each becomes a `WarcDoc` with its target URI, record id, date, HTTP content
    type and charset, and the payload decoded from its transfer and content
    encodings. Other records (requests, metadata, images...) are skipped. A
    record cut short becomes a `Failed` item naming it, and a damaged file (a
    truncated gzip, a torn last record) ends with one, after every record
    read before the damage.
    """
    count = 0
    try:
        with open(path, "rb") as raw:
            compressed = split_compression(path)[1] == ".gz"
            stream: IO[bytes] = (_Inflating(raw, "gzip")  # type: ignore[assignment]
                                 if compressed else raw)
            reader = _WarcReader(stream, where)
            for item in reader.items():
                count += 1
                yield item
            if isinstance(stream, _Inflating):
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


class _Inflating(io.RawIOBase):
    """A compressed stream (any number of members/frames) that ends quietly where it breaks.

    Python's gzip drops what it decompressed of a truncated member and raises,
    and zstandard's reader ends a truncated frame without a word: this gives
    every byte it could recover, then an end, and says why in `broken` (so
    that the records before the damage are still cleaned and the damage reported).
    """

    def __init__(self, source: IO[bytes], codec: str) -> None:
        self.source = source
        self.codec = codec
        self.broken: str | None = None
        self.position = 0
        self._inflate = self._decompressor()
        self._pending = b""
        self._ended = False
        self._in_member = False

    def _decompressor(self) -> Any:
        if self.codec == "zstd":
            import zstandard

            return zstandard.ZstdDecompressor().decompressobj()
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def close(self) -> None:
        self.source.close()
        super().close()

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        # The WARC reader asks where it is; it never moves.
        if (whence, offset) in ((io.SEEK_CUR, 0), (io.SEEK_SET, self.position)):
            return self.position
        raise io.UnsupportedOperation("seek")

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._ended:
            self._pending = self._inflate_more()
        data = self._pending[: len(buffer)]
        self._pending = self._pending[len(data):]
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)

    def _inflate_more(self) -> bytes:
        chunk = self.source.read(1 << 16)
        if not chunk:
            self._ended = True
            if self._in_member:
                self.broken = f"truncated {self.codec} (the last frame has no end)"
            return b""
        out = []
        try:
            while chunk:
                self._in_member = True
                out.append(self._inflate.decompress(chunk))
                if not self._inflate.eof:
                    break
                self._in_member = False
                chunk = self._inflate.unused_data
                self._inflate = self._decompressor()
        except Exception as exc:  # zlib.error, zstandard.ZstdError
            self._ended = True
            self.broken = f"corrupt {self.codec} data ({_reason(exc)})"
        return b"".join(out)


class _WarcReader:
    """The HTML responses of a WARC stream; remembers where the last record started."""

    def __init__(self, stream: IO[bytes], where: str) -> None:
        self.stream = stream
        self.where = where
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
        body = record.reader.read()
        if len(body) < record.content_length:
            self.last_cut_short = True
            return Failed(f"record cut short ({len(body)} of {record.content_length} bytes)",
                          name)
        try:
            payload = decode_http_body(body, record.http_headers.get("Transfer-Encoding"),
                                       record.http_headers.get("Content-Encoding"))
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


def read_items(path: str, fmt: str, where: str, *, blocks: bool = False) -> Iterator[Item]:
    """The items of one input of a given format (`blocks`: JSONL in blocks of lines,
    `JsonRange`s of a plain file, else `JsonBlock`s)."""
    if fmt == "jsonl":
        return read_jsonl_ranges(path, where) if blocks else read_jsonl(path, where)
    if fmt == "warc":
        return read_warc(path, where)
    return read_text(path, where)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
