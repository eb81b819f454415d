"""Read an input (a file or stdin) as bytes and decode it, with one-line errors.

Every way an input can be unusable (missing, a directory, unreadable, binary,
undecodable) raises `InputError`, whose message is one line naming the path:
the command line prints it as ``clean: PATH: reason`` and goes on with the
next input. An empty input is not an error: it cleans to empty output.

Decoding is kept in `decode_bytes`, small and separate, so that a fuller
encoding detection can replace it without touching the reading.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

STDIN = "-"
STDIN_NAME = "<stdin>"

# How much of the start of an input the binary sniffing looks at.
SNIFF_BYTES = 8192
# Above this share of control bytes (other than whitespace) the input is binary.
MAX_CONTROL_RATIO = 0.3
# Bytes below 0x20 that text legitimately contains: \t \n \v \f \r and ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CONTROLS = (frozenset(range(0x20)) - _TEXT_CONTROLS) | {0x7F}

# Byte order marks, longest first: the UTF-32 LE mark begins like the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be cleaned; ``str()`` is ``PATH: reason`` on one line."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class DecodeError(ValueError):
    """Bytes that `decode_bytes` cannot turn into text; the message is the reason."""


def display_name(path: str | os.PathLike[str]) -> str:
    """How an input is named in messages: its path, or ``<stdin>`` for ``-``."""
    text = os.fspath(path)
    return STDIN_NAME if text == STDIN else text


def read_input(path: str | os.PathLike[str]) -> str:
    """The text of a file, or of stdin for ``-``, decoded; `InputError` if unusable."""
    name = display_name(path)
    data = read_bytes(path)
    if is_binary(data):
        raise InputError(name, "binary file (not text)")
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise InputError(name, str(exc)) from None


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


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text: a NUL, or mostly control bytes, near the start.

    Text with a UTF-16/32 byte order mark is full of NULs and is not binary.

    >>> is_binary(b"Le texte.\\n"), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    (False, True)
    >>> is_binary("Texte".encode("utf-16")), is_binary(b"")
    (False, False)
    """
    if not data or _bom_encoding(data) not in (None, "utf-8-sig"):
        return False
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROLS)
    return controls > MAX_CONTROL_RATIO * len(head)


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16/32; `DecodeError` otherwise.

    >>> decode_bytes("café".encode("utf-8-sig")), decode_bytes("café".encode("utf-16"))
    ('café', 'café')
    >>> decode_bytes("Le président a parlé à l'Élysée.".encode("cp1252"))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleaner.io.reading.DecodeError: not valid UTF-8 (looks like ...?)
    """
    encoding = _bom_encoding(data) or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise DecodeError(f"not valid {encoding.upper()} despite its byte order mark "
                              f"(byte {exc.start})") from None
        guess = guess_encoding(data)
        hint = f" (looks like {guess}?)" if guess else ""
        raise DecodeError(f"not valid UTF-8{hint}") from None


def guess_encoding(data: bytes) -> str | None:
    """A likely name for the encoding of bytes that are not UTF-8 (for the message only)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    # Without a byte order mark UTF-16/32 text is full of NULs: sniffed as binary before.
    matches = list(from_bytes(data[: 64 * 1024], cp_exclusion=_NOT_GUESSED))
    if not matches:
        return None
    best = matches[0]
    # Short samples tie between many code pages: prefer the commonest legacy one.
    tied = [m.encoding for m in matches
            if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    encoding = _PREFERRED if _PREFERRED in tied else str(best.encoding)
    if encoding in ("utf_8", "ascii"):
        return None
    return encoding.replace("_", "-")


_PREFERRED = "cp1252"
_NOT_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
