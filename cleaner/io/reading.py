"""Read an input (a file or stdin) as bytes, with one-line errors.

Every way an input can be unusable (missing, a directory, unreadable, binary,
undecodable) raises `InputError`, whose message is one line naming the path:
the command line prints it as ``clean: PATH: reason`` and goes on with the
next input. An empty input is not an error: it cleans to empty output. An
input over `MAX_INPUT_BYTES` (64 MB) is one, found without reading all of it.

Decoding is not done here: the project has one decoder,
`cleaner.text.decode.decode_bytes` (byte order marks, UTF-8, Windows-1252
and Latin-1, charset-normalizer's guess; binary refused). The command line
hands the bytes to `Cleaner.clean_bytes`, which decodes them and records a
non-UTF-8 encoding as a repair; `read_input` is the same decoding for callers
that want the text alone.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from cleaner.text.decode import DecodeError, decode_bytes

STDIN = "-"
STDIN_NAME = "<stdin>"
# The most a document run reads of one input, as a batch's default `--max-size`: enough for
# any real document, and the memory a run needs stays bounded (/dev/zero has no end).
MAX_INPUT_BYTES = 64_000_000
_CHUNK = 1 << 20


class InputError(Exception):
    """An input that cannot be cleaned; ``str()`` is ``PATH: reason`` on one line."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputTooLarge(InputError):
    """An input over the reading limit: `size` bytes (None: not known, it was not all read).

    >>> str(InputTooLarge("a.txt", None, 64_000_000))
    'a.txt: input is larger than 64 MB'
    """

    def __init__(self, path: str, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(path, f"input is larger than {limit / 1_000_000:g} MB")


def display_name(path: str | os.PathLike[str]) -> str:
    """How an input is named in messages: its path, or ``<stdin>`` for ``-``."""
    text = os.fspath(path)
    return STDIN_NAME if text == STDIN else text


def read_input(path: str | os.PathLike[str]) -> str:
    """The text of a file, or of stdin for ``-``, decoded; `InputError` if unusable.

    Decoded by `cleaner.text.decode.decode_bytes`, in any common encoding;
    binary or undecodable bytes are an `InputError` with the decoder's reason.
    """
    data = read_bytes(path)
    try:
        text, _ = decode_bytes(data)
    except DecodeError as exc:
        raise InputError(display_name(path), str(exc)) from None
    return text


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES) -> bytes:
    """The raw bytes of a file, or of stdin for ``-``; `InputError` if it cannot be read.

    No more than `limit` bytes are read (0: no limit): a bigger input is an
    `InputTooLarge`, found before it is read when it is a regular file, else
    after `limit` + 1 bytes (``/dev/zero`` has no end).
    """
    if os.fspath(path) == STDIN:
        return _read_stdin(limit)
    target = Path(path)
    if target.is_dir():
        raise InputError(str(path), "is a directory")
    try:
        with open(target, "rb") as stream:
            info = os.fstat(stream.fileno())
            if limit and stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise InputTooLarge(str(path), info.st_size, limit)
            return _read_capped(stream, str(path), limit)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or type(exc).__name__) from None


def _read_capped(stream: BinaryIO, name: str, limit: int) -> bytes:
    """All of `stream`, or `InputTooLarge` once it gives more than `limit` bytes (0: none)."""
    if not limit:
        return stream.read()
    parts = []
    held = 0
    while held <= limit and (part := stream.read(min(limit + 1 - held, _CHUNK))):
        parts.append(part)
        held += len(part)
    if held > limit:
        raise InputTooLarge(name, None, limit)
    return b"".join(parts)


def _read_stdin(limit: int) -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN_NAME, "no standard input")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return _read_capped(buffer, STDIN_NAME, limit)
        return str(stream.read()).encode("utf-8")
    except OSError as exc:
        raise InputError(STDIN_NAME, exc.strerror or type(exc).__name__) from None
