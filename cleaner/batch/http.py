"""HTTP bodies of WARC responses: their transfer and content encodings undone."""

from __future__ import annotations

import zlib


def decode_http_body(body: bytes, transfer: str | None, content: str | None) -> bytes:
    r"""An HTTP body without its transfer (chunked) and content (gzip, deflate) encodings.

    `ValueError` for an encoding that cannot be undone.

    >>> decode_http_body(b"5\r\nhello\r\n0\r\n\r\n", "chunked", None)
    b'hello'
    >>> import gzip; decode_http_body(gzip.compress(b"<p>"), None, "gzip")
    b'<p>'
    >>> decode_http_body(b"x", None, "compress")
    Traceback (most recent call last):
    ...
    ValueError: unsupported Content-Encoding 'compress'
    """
    if transfer and "chunked" in transfer.lower():
        body = _dechunk(body)
    encoding = (content or "identity").strip().lower()
    try:
        if encoding in ("gzip", "x-gzip"):
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:  # raw deflate, as some servers send it
                return zlib.decompress(body, -zlib.MAX_WBITS)
        if encoding == "br":
            import brotli  # type: ignore[import-untyped,unused-ignore]

            data: bytes = brotli.decompress(body)
            return data
    except (zlib.error, ImportError, Exception) as exc:
        raise ValueError(f"cannot undo Content-Encoding {encoding!r}: {_reason(exc)}") from None
    if encoding in ("identity", ""):
        return body
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


def _dechunk(body: bytes) -> bytes:
    """A chunked body joined; a body that is not really chunked comes back as it was."""
    parts: list[bytes] = []
    position = 0
    while True:
        end = body.find(b"\r\n", position)
        if end < 0:
            return body
        try:
            size = int(body[position:end].split(b";")[0], 16)
        except ValueError:
            return body
        if size == 0:
            return b"".join(parts)
        parts.append(body[end + 2 : end + 2 + size])
        position = end + 2 + size + 2


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
