"""Main content: trafilatura on the pruned page, with a fallback when it finds too little."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode
from trafilatura.core import determine_returnstring
from trafilatura.settings import Extractor

from cleaner.html.dom import block_text, densest_block, has_ancestor, prose_words, words

PROSE_LINE_WORDS = 15  # a paragraph, longer than a menu entry, a headline or a cell's label


@dataclass(frozen=True, slots=True)
class Extraction:
    """The extracted text and how it was found.

    `method`: 'trafilatura', 'body-selector' or 'densest-block'. `body`:
    trafilatura's document tree (an lxml element) when it was asked for;
    `nodes`: the fallback's elements.
    """

    text: str
    method: str
    body: Any = None
    nodes: tuple[LexborNode, ...] = ()


def run_trafilatura(html: str, url: str | None, extraction: str = "fast-recall") -> str:
    """trafilatura's main text with one of `cleaner.html.config.PASSES` ('' when it finds none).

    Comments off, tables kept; the duplicate-line and metadata handling is the
    text rules' and `read_metadata`'s.
    """
    speed, _, favor = extraction.partition("-")
    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True,
                               deduplicate=False, with_metadata=False, fast=speed == "fast",
                               favor_recall=favor == "recall",
                               favor_precision=favor == "precision")
    return text or ""


def run_trafilatura_tree(html: str, url: str | None, extraction: str = "fast-recall"
                         ) -> tuple[str, Any]:
    """`run_trafilatura`'s text and the document tree it is written from (None: none).

    One extraction: the text is written from the tree as ``trafilatura.extract``
    writes it, so it is the same text.
    """
    speed, _, favor = extraction.partition("-")
    options = Extractor(output_format="txt", fast=speed == "fast", recall=favor == "recall",
                        precision=favor == "precision", comments=False, tables=True,
                        dedup=False, url=url)
    document = trafilatura.bare_extraction(html, options=options)
    if document is None or isinstance(document, dict):
        return "", None
    return determine_returnstring(document, options) or "", document.body


def fallback(tree: LexborHTMLParser, body_selectors: Sequence[str],
             avoid: Set[int] = frozenset()) -> Extraction | None:
    """The site's body selector's text, else the densest block of paragraphs (None: nothing)."""
    for selector in body_selectors:
        nodes = tree.css(selector)
        text = "\n".join(t for t in map(block_text, nodes) if t)
        if text:
            return Extraction(text, "body-selector", nodes=tuple(nodes))
    node = densest_block(tree, avoid)
    if node is None:
        return None
    text = block_text(node)
    return Extraction(text, "densest-block", nodes=(node,)) if text else None


def misses_prose(extracted: str, tree: LexborHTMLParser, avoid: Set[int], share: float) -> bool:
    """Whether an extraction holds less than `share` of the words of the page's prose
    paragraphs, all of them (a thread's other posts; not those inside `avoid`).

    Not on a page of several ``<article>`` elements: a blog's page puts each of its
    other posts' teasers in one, and the full pass takes them all.
    """
    if len(tree.css("article")) > 1:
        return False
    return words(extracted) < share * prose_words(tree, avoid)


def keeps_layout_cells(extracted: str, tree: LexborHTMLParser, layout: float,
                       min_prose: float) -> bool:
    """Whether an extraction of a page laid out in tables (over `layout` of its words in
    tables) holds under `min_prose` of its words in prose lines: the fast pass takes a
    layout table's cell whole, its menus and teasers with the article, where the full
    pass, with its own fallbacks, finds the article alone.

    >>> page = LexborHTMLParser("<table><tr><td>" + "<p>Un mot de plus dans la phrase.</p>" * 9
    ...              + "<p>Accueil</p><p>Sports</p></td></tr></table>")
    >>> text = "Un mot de plus dans la phrase. " * 3 + "\\nAccueil\\nSports\\nMonde"
    >>> keeps_layout_cells(text, page, 0.5, 0.9), keeps_layout_cells(text, page, 0.5, 0.8)
    (True, False)
    """
    return prose_line_share(extracted) < min_prose and table_share(tree) > layout


def prose_line_share(text: str) -> float:
    """The share of a text's words in lines of `PROSE_LINE_WORDS` words or more.

    >>> prose_line_share("Accueil\\n" + "mot " * 19)
    0.95
    """
    lines = [len(line.split()) for line in text.splitlines()]
    total = sum(lines)
    return sum(n for n in lines if n >= PROSE_LINE_WORDS) / total if total else 1.0


def too_little(extracted: str, alternative: str, min_words: int, min_share: float) -> bool:
    """Whether an extraction misses the article: shorter than `min_words`, or than
    `min_share` of what the fallback finds (which must find more).

    >>> too_little("", "Un texte.", 25, 0.5)
    True
    >>> too_little("Un texte.", "Un texte.", 25, 0.5)
    False
    >>> too_little("un " * 30, "deux " * 50, 25, 0.5)
    False
    >>> too_little("un " * 30, "deux " * 100, 25, 0.5)
    True
    """
    found, other = words(extracted), words(alternative)
    return other > found and (found < min_words or found < min_share * other)


def table_share(tree: LexborHTMLParser) -> float:
    """The share of the page's visible words inside tables (the outermost ones): near 1 on
    a page laid out in tables, as much of the web was before style sheets.

    >>> table_share(LexborHTMLParser("<table><tr><td>un deux trois</td></tr></table>"
    ...                              "<p>quatre</p>"
    ...                              "<script>var x = 1;</script>"))
    0.75
    """
    body = tree.body
    total = _visible_words(body) if body is not None else 0
    if not total:
        return 0.0
    return sum(_visible_words(table) for table in tree.css("table")
               if not has_ancestor(table, "table")) / total


def _visible_words(node: LexborNode) -> int:
    hidden = node.css("script, style, noscript, template")
    return words(node.text(separator=" ")) - sum(words(h.text(separator=" ")) for h in hidden)
