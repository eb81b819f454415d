"""Why an HTML document could not be cleaned: one clear error per document, never a hang."""

from __future__ import annotations


class HTMLError(ValueError):
    """An HTML document could not be cleaned (too big, too slow, not HTML, undecodable)."""


class HTMLTooLarge(HTMLError):
    """The document is bigger than the size limit (`HtmlConfig.max_bytes`)."""


class HTMLTimeout(HTMLError):
    """Cleaning the document took longer than the time limit (`HtmlConfig.timeout`)."""


class NotHTML(HTMLError):
    """The input is binary or cannot be decoded as a web page."""
