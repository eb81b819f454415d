"""Where cleaned output goes: files written atomically (plain, .gz, .zst), or stdout.

An output file is written to a hidden temporary file in its own folder and
renamed over the target only once complete, so an interrupted run leaves
complete files or none, never half of one; ``--resume`` then trusts any file
that exists. A device, FIFO or ``/dev/stdout`` is written in place. Compressed
output is deterministic (no time stamp in the gzip header), so that two runs
give byte-identical files.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Protocol

from cleaner.batch.readers import split_compression
from cleaner.io.writing import _current_umask, _fsync_directory, in_place_stream


class Sink(Protocol):
    """An output being written: bytes in, then committed or aborted."""

    def write(self, data: bytes) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


class AtomicFile:
    """A file that appears under its name only when `commit` is called.

    A target that is not a regular file (``/dev/null``, a FIFO, ``/dev/stdout``)
    is written in place instead: it is never replaced (`in_place_stream`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temp: Path | None = None
        raw = in_place_stream(path)
        if raw is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(suffix=".tmp", prefix=f".{path.name}.", dir=path.parent)
            self.temp = Path(temp)
            raw = os.fdopen(fd, "wb", buffering=1 << 20)
        self._raw = raw
        self._stream: IO[bytes] = _compressor(self._raw, split_compression(path.name)[1])

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self) -> None:
        """Finish the file (flushed to disk) and rename it into place."""
        try:
            if self._stream is not self._raw:
                self._stream.close()
            self._raw.flush()
            if self.temp is None:
                self._raw.close()
                return
            os.fsync(self._raw.fileno())
            self._raw.close()
            os.chmod(self.temp, 0o666 & ~_current_umask())
            os.replace(self.temp, self.path)
        except BaseException:
            self.abort()
            raise
        _fsync_directory(self.path.parent)

    def abort(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        for stream in (self._stream, self._raw):
            with contextlib.suppress(Exception):
                stream.close()
        if self.temp is not None:
            with contextlib.suppress(OSError):
                self.temp.unlink()


class StdoutSink:
    """Standard output, shared by every input that has no output file."""

    def __init__(self) -> None:
        self._stream: IO[bytes] = sys.stdout.buffer

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self) -> None:
        self._stream.flush()

    def abort(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()


def _compressor(raw: IO[bytes], compression: str) -> IO[bytes]:
    if compression == ".gz":
        import gzip  # here, as zstandard below: most outputs are not compressed

        # mtime=0 and no file name: the same content gives the same bytes.
        gz: IO[bytes] = gzip.GzipFile(  # type: ignore[assignment]
            filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
        return gz
    if compression == ".zst":
        import zstandard

        writer: IO[bytes] = zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False)
        return writer
    return raw
