"""The page's links, read from the pruned DOM, for Markdown's ``[text](url)``.

Each link belongs to the block element around it (a paragraph, an item, a
heading...); a block of the output that says what that element says gets
its links. Read from the page rather than the extractor's tree, so that asking
for links changes nothing of what is extracted.
"""

from __future__ import annotations

from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.metadata import squash

# The elements a link's block is: the nearest of them around it.
_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th",
                     "dd", "dt", "figcaption", "div", "section", "article", "main", "body"})


def dom_links(tree: LexborHTMLParser, base: str | None) -> dict[str, tuple[tuple[str, str], ...]]:
    """Block text (white space off, as `key`) → its links (words, URL), in order; URLs
    made absolute against `base` when there is one. In-page anchors (``#...``) and
    scripts are not links to keep.

    >>> page = LexborHTMLParser('<p>Le <a href="/budget">budget</a> voté, <a href="#n">1</a>'
    ...                         ' et <a href="https://a.fr/x">la carte</a>.</p>')
    >>> dom_links(page, "https://ville.fr/actu/")
    {'Lebudgetvoté,1etlacarte.': (('budget', 'https://ville.fr/budget'), ('la carte', 'https://a.fr/x'))}
    """
    found: dict[int, list[tuple[str, str]]] = {}
    owners: dict[int, LexborNode] = {}
    for anchor in tree.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        words = squash(anchor.text(separator=" "))
        if not words or not href or href.startswith("#") or href.lower().startswith(
                "javascript:"):
            continue
        owner = anchor.parent
        while owner is not None and owner.tag not in _BLOCKS:
            owner = owner.parent
        if owner is None:
            continue
        owners.setdefault(owner.mem_id, owner)
        found.setdefault(owner.mem_id, []).append((words, urljoin(base, href) if base else href))
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for mem_id, links in found.items():
        out.setdefault(key(owners[mem_id].text(separator="")), tuple(links))
    return out


def key(text: str) -> str:
    """What matches a block's text to its element's: the text without white space."""
    return "".join(text.split())
