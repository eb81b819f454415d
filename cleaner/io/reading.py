"""Read an input (a file or stdin) as bytes, with one-line errors.

Every way an input can be unusable (missing, a directory, unreadable, binary,
undecodable) raises `InputError`, whose message is one line naming the path:
the command line prints it as ``clean: PATH: reason`` and goes on with the
next input. An empty input is not an error: it cleans to empty output.

Decoding is not done here: the project has one decoder,
`cleaner.text.decode.decode_bytes` (byte order marks, UTF-8, Windows-1252
and Latin-1, charset-normalizer's guess; binary refused). The command line
hands the bytes to `Cleaner.clean_bytes`, which decodes them and records a
non-UTF-8 encoding as a repair; `read_input` is the same decoding for callers
that want the text alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cleaner.text.decode import DecodeError, decode_bytes

STDIN = "-"
STDIN_NAME = "<stdin>"


class InputError(Exception):
    """An input that cannot be cleaned; ``str()`` is ``PATH: reason`` on one line."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


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


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The raw bytes of a file, or of stdin for ``-``; `InputError` if it cannot be read."""
    if os.fspath(path) == STDIN:
        return _read_stdin()
    target = Path(path)
    if target.is_dir():
        raise InputError(str(path), "is a directory")
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or type(exc).__name__) from None


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN_NAME, "no standard input")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return str(stream.read()).encode("utf-8")
    except OSError as exc:
        raise InputError(STDIN_NAME, exc.strerror or type(exc).__name__) from None
