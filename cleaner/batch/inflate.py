"""Compressed inputs (.gz, .zst) read as streams, in bounded memory and linear time.

A member or frame that breaks ends the stream quietly, after every byte that
could be recovered, and says why in `Inflating.broken`; so does data that
expands more than `MAX_RATIO` times (past the first `RATIO_FLOOR` bytes), a
compression bomb rather than a corpus: a megabyte of gzip can hold a gigabyte.
"""

from __future__ import annotations

import io
import sys
import zlib
from typing import IO, Any

COMPRESSIONS = (".gz", ".zst")

# Text and JSON lines compress 3 to 20 times; deflate cannot go past 1032.
MAX_RATIO = 200
# Below this, any ratio is let through: a small file of zeros harms no one.
RATIO_FLOOR = 64 * 1024 * 1024
# The most one call to the decompressor gives, so that memory stays bounded.
_OUT_BYTES = 1 << 20
# zstd has no output bound per call: it is fed this much at a time (a zstd block of
# 128 KB can come from 4 bytes, so this bounds one call to a few tens of MB).
_ZSTD_IN_BYTES = 1 << 10
_IN_BYTES = 1 << 16


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
        return io.BufferedReader(Inflating(raw, codec), buffer_size=1 << 16)
    return io.BufferedReader(raw, buffer_size=1 << 16)


def damage(stream: IO[bytes]) -> str | None:
    """Why a stream from `open_binary` ended early (None: it did not)."""
    raw = getattr(stream, "raw", None)
    return raw.broken if isinstance(raw, Inflating) else None


class Inflating(io.RawIOBase):
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
        self.position = 0  # bytes given out
        self.consumed = 0  # compressed bytes read from `source`
        self._inflate = self._decompressor()
        self._input = memoryview(b"")  # compressed bytes not yet decompressed
        # Decompressed bytes not yet given out: read from an offset, never re-sliced.
        self._pending = memoryview(b"")
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
            self._pending = memoryview(self._inflate_more())
            self._check_ratio()
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.position += size
        return size

    def _check_ratio(self) -> None:
        given = self.position + len(self._pending)
        if given > RATIO_FLOOR and given > MAX_RATIO * self.consumed:
            self._ended = True
            self._pending = memoryview(b"")
            self.broken = (f"{self.codec} data expands over {MAX_RATIO} times "
                           f"(a compression bomb?), stopped after {self.position:,} bytes")

    def _inflate_more(self) -> bytes:
        """Some more decompressed bytes (b"" at times); at most `_OUT_BYTES` or so."""
        if not self._input:
            chunk = self.source.read(_IN_BYTES)
            if not chunk:
                self._ended = True
                if self._in_member:
                    self.broken = f"truncated {self.codec} (the last frame has no end)"
                return b""
            self.consumed += len(chunk)
            self._input = memoryview(chunk)
        try:
            self._in_member = True
            if self.codec == "zstd":
                out = self._inflate.decompress(self._input[:_ZSTD_IN_BYTES])
                self._input = self._input[_ZSTD_IN_BYTES:]
            else:
                out = self._inflate.decompress(self._input, _OUT_BYTES)
                self._input = memoryview(self._inflate.unconsumed_tail)
            if self._inflate.eof:  # the next member or frame, if any, starts afresh
                self._in_member = False
                self._input = memoryview(self._inflate.unused_data + self._input.tobytes())
                self._inflate = self._decompressor()
        except Exception as exc:  # zlib.error, zstandard.ZstdError
            self._ended = True
            self.broken = f"corrupt {self.codec} data ({_reason(exc)})"
            return b""
        result: bytes = out
        return result


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
