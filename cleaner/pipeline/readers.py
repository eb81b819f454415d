"""Finding inputs and reading them as items: folders, JSONL (plain, .gz, .zst), WARC.

Formats are inferred from the file name (``--input-format`` forces one):
``.jsonl``/``.ndjson`` (optionally ``.gz``/``.zst``) are JSON lines,
``.warc``/``.warc.gz`` web crawls, anything else a text document. A folder is
walked recursively in sorted order (so every run sees the same order); hidden
files, and the output folder when it lies inside the input, are skipped.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cleaner.pipeline.items import Failed, Item, JsonLine, TextFile, WarcDoc

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
    """A file (or ``-``, stdin) for reading, decompressed by its suffix (.gz, .zst)."""
    if path == "-":
        return sys.stdin.buffer
    _, compression = split_compression(path)
    if compression == ".gz":
        return gzip.open(path, "rb")
    if compression == ".zst":
        import zstandard

        raw = open(path, "rb")  # noqa: SIM115 - closed with the reader below
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader, buffer_size=1 << 16)  # type: ignore[arg-type]
    return open(path, "rb", buffering=1 << 16)  # noqa: SIM115 - the caller closes it


def read_jsonl(path: str, where: str) -> Iterator[Item]:
    """One `JsonLine` per line; a read error (truncated gzip...) ends with a `Failed`."""
    number = 0
    try:
        with open_binary(path) as stream:
            for number, line in enumerate(stream, 1):  # noqa: B007 - used after the loop
                yield JsonLine(line, f"{where}:{number}")
    except (OSError, EOFError, ValueError) as exc:
        yield Failed(f"input broken after line {number}: {_reason(exc)}", where)
    except Exception as exc:  # zstandard.ZstdError and other codec errors
        yield Failed(f"input broken after line {number}: {type(exc).__name__}: {exc}", where)


def read_text(path: str, where: str) -> Iterator[Item]:
    """A text document: the worker reads it (so reading happens in parallel too)."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    yield TextFile(path, where, size)


def read_warc(path: str, where: str) -> Iterator[Item]:
    """The HTML responses of a WARC (plain or gzipped, detected), in file order.

    Each becomes a `WarcDoc` with its target URI, record id, date, HTTP content
    type and charset. Other records (requests, metadata, images...) are skipped.
    A broken file ends with a `Failed` item after the records read before the damage.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        with open(path, "rb") as raw:
            records = ArchiveIterator(raw, record_types=WarcRecordType.response,
                                      parse_http=True)
            for record in records:
                content_type = (record.http_content_type or "").lower()
                if not content_type.startswith(HTML_TYPES):
                    record.reader.consume()
                    continue
                count += 1
                headers = record.headers
                yield WarcDoc(
                    url=headers.get("WARC-Target-URI"),
                    record_id=headers.get("WARC-Record-ID"),
                    date=headers.get("WARC-Date"),
                    content_type=record.http_content_type,
                    charset=record.http_charset,
                    payload=record.reader.read(),
                    where=f"{where}#{count}",
                )
    except Exception as exc:  # fastwarc raises its own exception types on broken input
        yield Failed(f"input broken after {count} HTML records: {type(exc).__name__}: "
                     f"{_reason(exc)}", where)


def read_items(path: str, fmt: str, where: str) -> Iterator[Item]:
    """The items of one input of a given format."""
    if fmt == "jsonl":
        return read_jsonl(path, where)
    if fmt == "warc":
        return read_warc(path, where)
    return read_text(path, where)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
