"""HTTP bodies of WARC responses: their transfer and content encodings undone."""

from __future__ import annotations

import contextlib
import io
import zlib


def decode_http_body(body: bytes, transfer: str | None, content: str | None) -> bytes:
    r"""An HTTP body without its transfer (chunked) and content (gzip, deflate, br) encodings.

    FastWARC's decoders undo them, on this record's bytes alone: its
    `auto_decode` would stop the whole archive at the first body it cannot
    decode. `ValueError` for an encoding that cannot be undone.

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
    try:
        if encoding in ("gzip", "x-gzip"):
            return GzipReader(io.BytesIO(body)).read()
        if encoding == "deflate":
            try:
                return GzipReader(io.BytesIO(body), zlib=True).read()
            except OSError:  # raw deflate, as some servers send it (and browsers read)
                return zlib.decompress(body, -zlib.MAX_WBITS)
        if encoding == "br":
            return BrotliReader(io.BytesIO(body)).read()
    except (OSError, zlib.error) as exc:
        raise ValueError(f"cannot undo Content-Encoding {encoding!r}: {_reason(exc)}") from None
    raise ValueError(f"unsupported Content-Encoding {encoding!r}")


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
