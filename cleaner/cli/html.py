"""The ``clean`` command's HTML side: recognising a web page."""

from __future__ import annotations

from pathlib import PurePath

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def is_html_input(path: str, data: bytes, forced: bool) -> bool:
    """Whether to read an input as a web page: ``--html``, its extension, or its first bytes.

    >>> is_html_input("a.HTM", b"", False), is_html_input("-", b"<!DOCTYPE html><p>x", False)
    (True, True)
    >>> is_html_input("a.txt", b"Le <b> reste du texte.", False)
    False
    """
    if forced or PurePath(path).suffix.lower() in HTML_SUFFIXES:
        return True
    from cleaner.html.decode import looks_like_html

    head = data[:4096]
    for codec in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        return looks_like_html(text)
    return False
