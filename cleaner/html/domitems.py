"""The page's own list items, read from the pruned DOM, for the lists trafilatura flattened.

When trafilatura falls back to its other extractors (readability, jusText), a
list comes back as a run of paragraphs; the pruned page still says they are
the items of one list.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.metadata import squash
from cleaner.structure.build import DomItem


def dom_items(tree: LexborHTMLParser) -> dict[str, DomItem]:
    """Text → its list and place of the page's ``li`` elements that hold no list (the
    first, for a text seen twice).

    >>> found = dom_items(LexborHTMLParser("<ol><li>Un <b>deux</b></li><li>Trois</li></ol>"
    ...                                    "<ul><li>Quatre<ul><li>Cinq</li></ul></li></ul>"))
    >>> [(text, item.ordered, item.depth) for text, item in found.items()]
    [('Un deux', True, 1), ('Trois', True, 1), ('Cinq', False, 2)]
    >>> found["Un deux"].list == found["Trois"].list != found["Cinq"].list
    True
    """
    found: dict[str, DomItem] = {}
    for node in tree.css("li"):
        parent = node.parent
        if parent is None or parent.tag not in ("ul", "ol") or node.css_first("ul, ol"):
            continue
        text = squash(node.text(separator=" "))
        if not text:
            continue
        depth, up = 0, node.parent
        while up is not None:
            depth += up.tag in ("ul", "ol")
            up = up.parent
        found.setdefault(text, DomItem(parent.mem_id, parent.tag == "ol", depth))
    return found
