"""The page's own headings, read from the pruned DOM, for the blocks trafilatura flattened.

trafilatura writes some headings as paragraphs (a heading inside a link, or in a
container it reads as text); the pruned page still says they are headings.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.metadata import squash

# Longer than this, an element marked as a heading is a paragraph set in large type.
HEADING_MAX_WORDS = 20


def dom_headings(tree: LexborHTMLParser) -> dict[str, int]:
    """Text → level of the page's ``h1``–``h6`` elements (the first level, for a text seen
    twice).

    >>> dom_headings(LexborHTMLParser("<h2>Les <a>chiffres</a> clés</h2><h3></h3><p>x</p>"))
    {'Les chiffres clés': 2}
    """
    found: dict[str, int] = {}
    for node in tree.css("h1, h2, h3, h4, h5, h6"):
        text = squash(node.text(separator=" "))
        if text and len(text.split()) <= HEADING_MAX_WORDS:
            found.setdefault(text, int((node.tag or "h2")[1]))
    return found
