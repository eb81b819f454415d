"""HTTP bodies of WARC responses: their transfer and content encodings undone."""

from __future__ import annotations

import contextlib
import io
import zlib


def decode_http_body(body: bytes, transfer: str | None, content: str | None,
                     limit: int = 0) -> bytes:
    r"""An HTTP body without its transfer (chunked) and content (gzip, deflate, br) encodings.

    FastWARC's decoders undo them, on this record's bytes alone: its
    `auto_decode` would stop the whole archive at the first body it cannot
    decode. `ValueError` for an encoding that cannot be undone, or for a body that
    decodes to over `limit` bytes (0: no limit; no more than that is decoded).

    >>> decode_http_body(b"5\r\nhello\r\n0\r\n\r\n", "chunked", None)
    b'hello'
    >>> import gzip; decode_http_body(gzip.compress(b"<p>"), None, "gzip")
    b'<p>'
    >>> decode_http_body(b"x", None, "compress")
    Traceback (most recent call last):
    ...
    ValueError: unsupported Content-Encoding 'compress'
    """
    from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader

    if transfer and "chunked" in transfer.lower():
        with contextlib.suppress(OSError):  # not really chunked: the body as it was
            body = ChunkedReader(io.BytesIO(body)).read()
    encoding = (content or "identity").strip().lower()
    if encoding in ("identity", ""):
        return body
    size = limit + 1 if limit else -1  # one byte over says it is too large
    try:
        if encoding in ("gzip", "x-gzip"):
            decoded = GzipReader(io.BytesIO(body)).read(size)
        elif encoding == "deflate":
            try:
                decoded = GzipReader(io.BytesIO(body), zlib=True).read(size)
            except OSError:  # raw deflate, as some servers send it (and browsers read)
                decoded = _inflate_raw(body, size)
        elif encoding == "br":
            decoded = BrotliReader(io.BytesIO(body)).read(size)
        else:
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    except (OSError, zlib.error) as exc:
        raise ValueError(f"cannot undo Content-Encoding {encoding!r}: {_reason(exc)}") from None
    if limit and len(decoded) > limit:
        raise ValueError(f"document too large (over {limit} bytes once decoded)")
    return decoded


def _inflate_raw(body: bytes, size: int) -> bytes:
    """Raw deflate, at most `size` bytes of it (-1: all); `zlib.error` if it is cut short."""
    if size < 0:
        return zlib.decompress(body, -zlib.MAX_WBITS)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    decoded = inflater.decompress(body, size)
    if not inflater.eof and len(decoded) < size:
        zlib.decompress(body, -zlib.MAX_WBITS)  # cut short: its error, as without a limit
    return decoded


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def decode_payload(payload: bytes, charset: str | None) -> str | bytes:
    """The HTML as text when the HTTP header names a usable charset, else the bytes.

    Bytes go to the HTML path as they are, which reads the ``<meta charset>``.

    >>> decode_payload("é".encode("cp1252"), "windows-1252")
    'é'
    >>> decode_payload(b"<p>x</p>", None)
    b'<p>x</p>'
    >>> decode_payload(b"<p>x</p>", "no-such-charset")
    b'<p>x</p>'
    """
    if not charset:
        return payload
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload
