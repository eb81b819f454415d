"""A page's metadata (title, author, date, site name, canonical URL, captions), read from its DOM.

Read from the tags publishers write for search engines and social networks
(OpenGraph, ``article:*``, ``itemprop``, JSON-LD, ``<link rel=canonical>``)
with selectolax: no second parse, no date guessing over the whole page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SPACES = re.compile(r"\s+")
_MAX_FIELD = 300
_MAX_JSONLD = 200_000


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about its article, outside the body."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    captions: tuple[str, ...] = ()
    # The page's <h1>: the headline as printed, when og:title says it differently.
    headline: str | None = None


def squash(text: str | None) -> str:
    """Spaces of every kind folded to one, ends stripped.

    >>> squash("  Le\\n  président\\u00a0parle ")
    'Le président parle'
    """
    return _SPACES.sub(" ", text or "").strip()


def read_metadata(tree: LexborHTMLParser) -> Metadata:
    """The metadata of a parsed page (read before any element is pruned)."""
    meta = _meta_tags(tree)
    ld = list(_jsonld_objects(tree))
    return Metadata(
        title=_first(meta.get("og:title"), meta.get("twitter:title"),
                     _ld_value(ld, "headline"), _text(tree, "h1"), _text(tree, "title")),
        author=_first_name(_ld_person(ld, "author"), meta.get("author"), meta.get("article:author"),
                      meta.get("byl"), meta.get("parsely-author"), meta.get("sailthru.author"),
                      _text(tree, '[itemprop="author"] [itemprop="name"], [rel="author"]')),
        date=_first(meta.get("article:published_time"), _ld_value(ld, "datePublished"),
                    meta.get("date"), meta.get("pubdate"), meta.get("og:published_time"),
                    meta.get("dc.date"), meta.get("dcterms.created"),
                    _attr(tree, '[itemprop="datePublished"]', "content"),
                    _attr(tree, "time[datetime]", "datetime")),
        sitename=_first(meta.get("og:site_name"), _ld_person(ld, "publisher"),
                        meta.get("application-name")),
        canonical_url=_first(_attr(tree, 'link[rel="canonical"]', "href"), meta.get("og:url")),
        captions=_captions(tree),
        headline=_first(_text(tree, "h1")),
    )


def _first(*values: str | None) -> str | None:
    """The first value that is not empty, spaces squashed.

    >>> _first(None, "  ", " Le  Monde ")
    'Le Monde'
    """
    for value in values:
        text = squash(value)
        if text:
            return text[:_MAX_FIELD]
    return None


def _first_name(*values: str | None) -> str | None:
    """Like `_first`, skipping URLs: article:author often holds a profile link, not a name.

    >>> _first_name("https://www.facebook.com/x", "Jane Doe")
    'Jane Doe'
    """
    return _first(*(v for v in values if v and not v.strip().startswith(("http:", "https:"))))


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key:
            found.setdefault(key.strip().lower(), attrs.get("content") or "")
    return found


def _text(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    return node.text(separator=" ") if node is not None else None


def _attr(tree: LexborHTMLParser, selector: str, name: str) -> str | None:
    node = tree.css_first(selector)
    return node.attributes.get(name) if node is not None else None


def _jsonld_objects(tree: LexborHTMLParser) -> Iterator[dict[str, Any]]:
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if not raw or len(raw) > _MAX_JSONLD:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # broken JSON-LD is common; the other tags may still tell
        yield from _objects(data, depth=0)


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _ld_value(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in map(_ld_name, value) if n]
        return ", ".join(names) if names else None
    return None


def _ld_person(objects: list[dict[str, Any]], key: str) -> str | None:
    """The name under `key` ('author', 'publisher') of the first JSON-LD object that has one."""
    for obj in objects:
        name = _ld_name(obj.get(key))
        if name:
            return name
    return None


def _captions(tree: LexborHTMLParser) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for node in tree.css('figcaption, [itemprop="caption"]'):
        text = squash(node.text(separator=" "))
        if text:
            seen.setdefault(text[:1000], None)
    return tuple(seen)


def node_text(node: LexborNode) -> str:
    """An element's text on one line (for explanations)."""
    return squash(node.text(separator=" "))
