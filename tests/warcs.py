"""Building small WARC files by hand for the tests (the format is a few header lines)."""

from __future__ import annotations

import gzip
import hashlib
import uuid


def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK", extra_headers: str = "") -> bytes:
    """A WARC/1.0 response record holding an HTTP response."""
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_headers}"
            f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1") + body
    return _record("response", url, http, "application/http; msgtype=response")


def request(url: str) -> bytes:
    http = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode("latin-1")
    return _record("request", url, http, "application/http; msgtype=request")


def warcinfo() -> bytes:
    return _record("warcinfo", None, b"software: tests\r\n", "application/warc-fields")


def _record(kind: str, url: str | None, block: bytes, content_type: str) -> bytes:
    record_id = uuid.UUID(hashlib.md5(block + kind.encode()).hexdigest())
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{record_id}>",
        "WARC-Date: 2024-11-18T10:00:00Z",
    ]
    if url:
        headers.append(f"WARC-Target-URI: {url}")
    headers += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("latin-1") + block + b"\r\n\r\n"


def gzipped(records: list[bytes]) -> bytes:
    """A .warc.gz: one gzip member per record, as crawlers write them."""
    return b"".join(gzip.compress(record, mtime=0) for record in records)
