"""The ``clean`` command's HTML side: recognising a web page, and explaining what went."""

from __future__ import annotations

from pathlib import PurePath

from cleaner.result import Result

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


def explain_html(name: str, result: Result) -> list[str]:
    """The --explain lines of a page's metadata and pruned elements."""
    lines = []
    for field in ("title", "author", "date", "sitename", "canonical_url"):
        value = getattr(result, field)
        if value:
            lines.append(f"{name}: {field}: {value}")
    lines.extend(f"{name}: caption: {caption}" for caption in result.captions)
    lines.extend(f"{name}: html: {p.rule} [{p.scope}] {p.selector}: {p.text}"
                 for p in result.pruned)
    return lines
