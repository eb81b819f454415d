"""Bytes to text: `decode_bytes` finds the encoding, or says clearly why it cannot.

In order:

1. a byte order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), strictly;
2. known binary formats (PDF, PNG, JPEG, GIF, ZIP/DOCX, gzip, bzip2, xz, 7z,
   ELF, OLE/DOC...) and NUL bytes outside UTF-16 are refused;
3. strict UTF-8;
4. UTF-8 with a few stray Windows-1252 bytes (a file pieced together from
   two sources) keeps its UTF-8 and reads the stray bytes as Windows-1252;
5. Windows-1252 (the superset of Latin-1 that browsers use for both), when
   the result looks like Western text;
6. otherwise charset-normalizer's best guess (Windows-1251, KOI8-R, GB18030,
   Shift-JIS...);
7. otherwise `DecodeError`.

Decoded text full of control characters is refused as binary too. The text
comes back as decoded: `repair_text` then removes a BOM left inside,
controls, and any mojibake the bytes already carried.
"""

from __future__ import annotations

import codecs
import re

SAMPLE_BYTES = 1 << 16

_BOMS = (  # UTF-32 first: its LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX, XLSX, ODT, EPUB)"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC, XLS, MSG)"),
    (b"OggS", "Ogg media"),
    (b"\x00asm", "WebAssembly module"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_RIFF = re.compile(rb"RIFF....(?:WAVE|AVI |WEBP)", re.DOTALL)

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Symbols that a wrong single-byte guess puts between two letters ('Za¿ó³æ').
_MISREAD_BETWEEN_LETTERS = re.compile(
    r"(?<=[^\W\d_])[¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶¸¹º»¼½¾¿˜†‡‰Œ™šœžŸ](?=[^\W\d_])")

# cp1252 for every byte, the five it leaves undefined as Latin-1 (as browsers).
_CP1252 = "".join(
    bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256))
# Bytes that strict UTF-8 refused, after surrogateescape, read as cp1252.
_ESCAPED_AS_CP1252 = {0xDC00 + b: _CP1252[b] for b in range(0x80, 0x100)}
_ESCAPED = re.compile("[\udc80-\udcff]")


class DecodeError(ValueError):
    """The input is binary, or no encoding gives plausible text."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes in any common encoding; return (text, encoding name).

    >>> decode_bytes("Déjà vu".encode("utf-8"))
    ('Déjà vu', 'utf-8')
    >>> decode_bytes(b"\\xef\\xbb\\xbfD\\xc3\\xa9j\\xc3\\xa0")
    ('Déjà', 'utf-8-sig')
    >>> decode_bytes("Déjà ‘vu’".encode("utf-16"))
    ('Déjà ‘vu’', 'utf-16-le')
    >>> decode_bytes("L’été à Noël".encode("cp1252"))
    ('L’été à Noël', 'cp1252')
    >>> decode_bytes("Déjà vu, ".encode("utf-8") + "café".encode("cp1252"))
    ('Déjà vu, café', 'utf-8+cp1252')
    >>> decode_bytes(b"\\x1f\\x8b\\x08\\x00 compressed")
    Traceback (most recent call last):
    ...
    cleaner.text.decode.DecodeError: input is binary (gzip data), not text
    """
    if not data:
        return "", "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], name.removesuffix("-sig"), name), name
    _refuse_binary_formats(data)
    if b"\x00" in data:
        utf16 = _sniff_utf16(data)
        if utf16 is None:
            raise DecodeError("input is binary: it holds NUL bytes and is neither UTF-16 "
                              "nor UTF-32 text (no byte order mark, no UTF-16 pattern)")
        return _strict(data, utf16, utf16), utf16
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    stray = len(_ESCAPED.findall(escaped))
    utf8_chars = sum(1 for char in escaped if "\x7f" < char < "\udc80" or char > "\udcff")
    if utf8_chars >= stray:
        return _checked(escaped.translate(_ESCAPED_AS_CP1252), "utf-8+cp1252"), "utf-8+cp1252"
    western = data.decode("latin-1").translate(_LATIN1_TO_CP1252)
    if _looks_western(western):
        return _checked(western, "cp1252"), "cp1252"
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    raise DecodeError("cannot decode input: it is not UTF-8, does not read as Windows-1252 "
                      "text, and charset-normalizer found no plausible encoding")


_LATIN1_TO_CP1252 = {b: _CP1252[b] for b in range(0x80, 0xA0)}


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(f"input does not decode as {name}: {error.reason} "
                          f"at byte {error.start}") from None
    return _checked(text, name)


def _refuse_binary_formats(data: bytes) -> None:
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DecodeError(f"input is binary ({what}), not text")
    if _BZIP2.match(head):
        raise DecodeError("input is binary (bzip2 data), not text")
    if _RIFF.match(head):
        raise DecodeError("input is binary (RIFF media), not text")


def _sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 of mostly Latin text, else None.

    >>> _sniff_utf16("plain text".encode("utf-16-le")), _sniff_utf16(b"ab\\x00\\x00cd\\x01")
    ('utf-16-le', None)
    """
    sample = data[:SAMPLE_BYTES]
    if len(data) % 2 or len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _checked(text: str, name: str) -> str:
    """`text`, unless control characters make it look binary."""
    controls = len(_CONTROL.findall(text[:SAMPLE_BYTES]))
    if controls > max(4, len(text[:SAMPLE_BYTES]) // 20):
        raise DecodeError(f"input is binary: decoded as {name}, "
                          f"{controls} of its first {min(len(text), SAMPLE_BYTES)} "
                          "characters are control characters")
    return text


def _looks_western(text: str) -> bool:
    """True when Windows-1252 reading gives Latin text, not letter runs or symbol soup.

    Cyrillic, Greek or CJK bytes read as Windows-1252 give runs of accented
    capitals and symbols ('Ïðèâåò'); Central European ones symbols between
    letters ('Za¿ó³æ'). Western text has its accents one at a time.

    >>> _looks_western("L’été à Noël"), _looks_western("Das Mädchen aß Käse – „schön“")
    (True, True)
    >>> _looks_western("Za¿ó³æ gêœl¹ jaŸñ"), _looks_western("Ïðèâåò, êàê äåëà")
    (False, False)
    """
    sample = text[:SAMPLE_BYTES]
    non_ascii = sum(1 for char in sample if char > "\x7f")
    if not non_ascii:
        return True
    letters = sum(1 for char in sample if char.isalpha())
    accented = sum(1 for char in sample if char > "\x7f" and char.isalpha())
    if accented > 0.5 * letters + 4 or any("\x80" <= char <= "\x9f" for char in sample):
        return False
    if _NON_ASCII_RUN.search(sample):
        return False
    return len(_MISREAD_BETWEEN_LETTERS.findall(sample)) * 50 < non_ascii + 50


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\W\d_]{3}")


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    encoding = str(best.encoding)
    try:
        return _checked(text, encoding), encoding
    except DecodeError:
        return None
