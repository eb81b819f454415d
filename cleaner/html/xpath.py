"""XPath selectors run on the lexbor DOM, through lxml.

The page lives in lexbor (selectolax) for pruning; XPath needs lxml. Each element is
numbered in an attribute, the numbered page is serialised once and parsed by lxml, and
what an expression matches is read back by number: the XPath sees the same document as
the CSS selectors, whatever the parsers would make of the raw page.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

_MARK = "data-cleaner-node"


def xpath_select(tree: LexborHTMLParser, expressions: Sequence[str]
                 ) -> dict[str, list[LexborNode]]:
    """The elements each expression matches (in document order; [] for an expression
    that fails or selects no elements, such as a string).

    >>> tree = LexborHTMLParser("<div><p>a</p><p class='x'>b</p></div>")
    >>> found = xpath_select(tree, ["//p[2]", "//p[@class='x']/text()"])
    >>> [n.text() for n in found["//p[2]"]], found["//p[@class='x']/text()"]
    (['b'], [])
    >>> "data-cleaner-node" in tree.html
    False
    """
    from lxml import etree, html

    root = tree.root
    if root is None or not expressions:
        return {e: [] for e in expressions}
    nodes = [n for n in root.traverse() if n.tag and n.tag[0] not in "-_!"]
    for number, node in enumerate(nodes):
        node.attrs[_MARK] = str(number)
    try:
        document = html.document_fromstring(tree.html or "")
    finally:
        for node in nodes:
            del node.attrs[_MARK]
    found: dict[str, list[LexborNode]] = {}
    for expression in expressions:
        try:
            matches = document.xpath(expression)
        except (etree.XPathError, ValueError):
            matches = []
        if not isinstance(matches, list):
            matches = []  # a string or a number: nothing to remove or extract from
        numbers = [m.get(_MARK) for m in matches if isinstance(m, etree._Element)]
        found[expression] = [nodes[int(n)] for n in numbers if n is not None]
    return found
