"""Link cells: the cells of a layout table that hold nothing but links.

Pages laid out in tables (most news sites until about 2010) put their menus,
"most popular" lists and teasers of other stories in cells beside the article's
cell; trafilatura's fast pass keeps them with the article. A cell is pruned
(rule `html.link-cell`) when it holds two or more links, its words are mostly
their text, it holds no running text, and the outermost table around it holds
the article (running text): a data table of links, such as a listing page's, or
a link cell in a table with no article in it, stays.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.dom import running_text, words
from cleaner.html.metadata import node_text
from cleaner.result import Pruned

RULE = "html.link-cell"
_MIN_LINKS = 2
_LINK_SHARE = 0.8  # of the cell's words, in its links' text


def prune_link_cells(tree: LexborHTMLParser, keep: set[int]) -> list[Pruned]:
    """Remove the link cells of the page's layout tables (not those in `keep`, elements a
    rule matched but the guard kept); the removed cells, as `Pruned`.

    >>> prose = "<p>" + "The council voted on the new budget for the city's schools. " * 8 + "</p>"
    >>> menu = '<td><a href="/">Home</a> <a href="/news">World news</a></td>'
    >>> tree = LexborHTMLParser(f"<table><tr>{menu}<td>{prose}{prose}</td></tr></table>")
    >>> [p.text for p in prune_link_cells(tree, set())]
    ['Home World news']
    >>> tree = LexborHTMLParser(f"<table><tr>{menu}<td>Two short cells</td></tr></table>")
    >>> prune_link_cells(tree, set())
    []
    """
    pruned: list[Pruned] = []
    holds_article: dict[int, bool] = {}
    for cell in tree.css("td"):
        if cell.mem_id in keep or len(cell.css("td")) > 1:  # css() matches the cell itself too
            continue  # a cell of tables: its own cells are judged one by one
        if not _only_links(cell):
            continue
        layout = _outermost_table(cell)
        if layout is None:
            continue
        if layout.mem_id not in holds_article:
            holds_article[layout.mem_id] = running_text(layout) is not None
        if holds_article[layout.mem_id]:
            pruned.append(Pruned(rule=RULE, selector="td", text=node_text(cell)[:1000],
                                 scope="generic"))
            cell.decompose()
    return pruned


def _only_links(cell: LexborNode) -> bool:
    total = words(cell.text())
    links = cell.css("a")
    if not total or len(links) < _MIN_LINKS:
        return False
    linked = sum(words(link.text()) for link in links)
    return linked >= _LINK_SHARE * total and running_text(cell) is None


def _outermost_table(node: LexborNode) -> LexborNode | None:
    found = None
    parent = node.parent
    while parent is not None:
        if parent.tag == "table":
            found = parent
        parent = parent.parent
    return found
