"""Bytes of a web page to text: BOM, then the page's own charset declaration, then detection."""

from __future__ import annotations

import codecs
import re

import webencodings

from cleaner.html.errors import NotHTML
from cleaner.text.decode import DecodeError, decode_bytes

# Browsers look for the declaration in the first 1024 bytes; be a little more lenient.
_PRESCAN = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE)
# Every byte order mark starts with one of these (UTF-32 LE's with UTF-16 LE's).
_BOM_STARTS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
# Encodings (by their WHATWG name) that browsers decode otherwise than with the
# Python codec webencodings names: the standard's gbk decoder is its gb18030
# decoder, and a page cannot declare UTF-16 in ASCII bytes, so the HTML
# standard reads that declaration as UTF-8.
_DECODERS = {"gbk": "gb18030", "utf-16be": "utf-8", "utf-16le": "utf-8"}
_HTML_START = re.compile(
    r"\A(?:\s|<!--.{0,2000}?-->)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, as a Python codec name.

    Labels mean what the WHATWG Encoding Standard says, as in browsers
    (`webencodings`): ISO-8859-1 is Windows-1252, ISO-8859-9 Windows-1254,
    TIS-620 Windows-874. A label it does not know, or one of an encoding
    Python has no codec for ("replacement", "x-user-defined"), is no
    declaration.

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    >>> declared_charset(b'<meta charset="no-such-thing">') is None
    True
    """
    found = _META_CHARSET.search(data[:_PRESCAN])
    if not found:
        return None
    encoding = webencodings.lookup(found.group(1).decode("ascii"))
    if encoding is None:
        return None
    try:
        return codecs.lookup(_DECODERS.get(encoding.name, encoding.codec_info.name)).name
    except LookupError:
        return None


STRAY_NULS = 1000  # a page with at most one NUL byte in this many is text with stray NULs


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: a BOM wins, then the meta charset, then `decode_bytes`'s detection.

    A page labelled with a single-byte charset whose bytes are valid UTF-8 is
    read as UTF-8 (a common mislabel); a label the bytes contradict is
    ignored. A few stray NUL bytes (at most one in a thousand) are dropped, as
    an HTML parser ignores them, where text input would be refused as binary.
    Raises `NotHTML` for binary input.

    >>> decode_html('<meta charset="windows-1252"><p>Déjà</p>'.encode("cp1252"))
    ('<meta charset="windows-1252"><p>Déjà</p>', 'cp1252')
    >>> decode_html('<meta charset="iso-8859-1"><p>Déjà</p>'.encode("utf-8"))[1]
    'utf-8'
    >>> decode_html(b"<p>Un texte" + b" " * 2000 + b"\\x00</p>")[0].endswith("</p>")
    True
    """
    declared = None if data.startswith(_BOM_STARTS) else declared_charset(data)
    single_byte = declared and declared not in ("utf-8", "utf-16", "utf-32")
    if declared and single_byte and not _valid_multibyte_utf8(data):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        try:
            return decode_bytes(data)
        except DecodeError:
            if not 0 < data.count(b"\x00") * STRAY_NULS <= len(data):
                raise
            return decode_bytes(data.replace(b"\x00", b""))
    except DecodeError as exc:
        raise NotHTML(str(exc)) from None


def _valid_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def looks_like_html(text: str) -> bool:
    """Whether text starts like a web page (a doctype, ``<html``, ``<head``, ...).

    >>> looks_like_html("<!DOCTYPE html>\\n<html><body>x</body></html>")
    True
    >>> looks_like_html("  <!-- saved -->\\n<HTML>")
    True
    >>> looks_like_html("Le président a dit <html> hier.")
    False
    """
    return _HTML_START.match(text[:4096]) is not None
