"""Structure in the pruned DOM, for a page whose text comes from the fallback (the site's
body selector or the densest block) rather than from trafilatura's tree.

Headings, paragraphs, nested lists, tables, quotes and code as the elements say,
one line per unit as `cleaner.structure.xml` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.metadata import squash
from cleaner.structure.draft import Draft, Writer
from cleaner.structure.xml import Rows, table_key

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements whose text is no reader's (as for `cleaner.html.dom.block_text`).
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "button",
                      "select", "option", "textarea", "head", "-comment"})
# Elements that start a line of their own; the others are read into the text around them.
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2",
                     "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
                     "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "aside",
                     "nav", "address", "br", "hr", "body", "form", "fieldset", "details",
                     "summary", "tbody", "thead", "tfoot", "caption"})


def dom_drafts(nodes: Sequence[LexborNode]) -> tuple[str, list[Draft]]:
    """The text to clean and the drafts of the blocks inside `nodes`, in order.

    >>> from cleaner.html.dom import parse
    >>> tree = parse("<div><h2>Titre</h2><p>Un <b>mot</b>.</p><ul><li>un<ul><li>a</li></ul>"
    ...              "</li></ul><table><tr><th>x</th><td>1</td></tr></table></div>")
    >>> text, drafts = dom_drafts([tree.css_first("div")])
    >>> text.split("\\n"), [(d.kind, d.level) for d in drafts]
    (['Titre', 'Un mot.', 'un', 'a', 'x\\t1'], [('heading', 2), ('paragraph', 0), \
('list_item', 1), ('list_item', 2), ('table', 0)])
    """
    writer = Writer()
    for node in nodes:
        _container(node, writer, quote=False)
    return writer.text(), writer.drafts


def _container(node: LexborNode, writer: Writer, quote: bool) -> None:
    loose: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag or ""
        if tag == "-text":
            loose.append(child.text_content or "")
        elif tag in _SKIPPED:
            continue
        elif tag not in _BLOCKS:
            loose.append(_text(child))
        else:
            writer.paragraph(loose, quote)
            loose = []
            _block(child, tag, writer, quote)
    writer.paragraph(loose, quote)


def _block(node: LexborNode, tag: str, writer: Writer, quote: bool) -> None:
    if tag in _HEADINGS:
        text = squash(_text(node))
        if text:
            writer.add("heading", [text], level=_HEADINGS[tag])
    elif tag in ("ul", "ol"):
        _list(node, writer, 1)
    elif tag == "table":
        _table(node, writer)
    elif tag == "blockquote":
        _container(node, writer, quote=True)
    elif tag == "pre":
        raw = _text(node).strip("\n").splitlines()
        if any(line.strip() for line in raw):
            writer.add("code", raw, raw=tuple(raw))
    elif tag not in ("br", "hr"):
        _container(node, writer, quote)


def _list(node: LexborNode, writer: Writer, depth: int) -> None:
    ordered = node.tag == "ol"
    for item in node.iter():
        if item.tag in ("ul", "ol"):
            _list(item, writer, depth + 1)
            continue
        if item.tag != "li":
            continue
        parts = [(child.text_content or "") if child.tag == "-text"
                 else f" {_text(child)} " if child.tag in _BLOCKS else _text(child)
                 for child in item.iter(include_text=True)
                 if child.tag not in ("ul", "ol") and child.tag not in _SKIPPED]
        text = squash("".join(parts))
        if text:
            writer.add("list_item", [text], level=depth, ordered=ordered)
        for sub in item.iter():
            if sub.tag in ("ul", "ol"):
                _list(sub, writer, depth + 1 if text else depth)


def _table(node: LexborNode, writer: Writer) -> None:
    rows = table_rows(node)
    if rows:
        writer.add("table", ["\t".join(row) for row in rows], cells=rows)


def table_rows(node: LexborNode) -> Rows:
    """A table's rows that hold text, each its cells' text."""
    rows = []
    for row in node.css("tr"):
        cells = tuple(squash(cell.text(separator=" ")) for cell in row.iter()
                      if cell.tag in ("td", "th"))
        if any(cells):
            rows.append(cells)
    return tuple(rows)


def dom_tables(tree: LexborHTMLParser) -> dict[tuple[str, ...], Rows]:
    """The page's tables (those without a table inside), their rows by `table_key`.

    >>> dom_tables(LexborHTMLParser("<table><tr><th></th><th>Prix</th></tr>"
    ...                             "<tr><td>Pain</td><td>1 €</td></tr></table>"))
    {('Prix', 'Pain', '1€'): (('', 'Prix'), ('Pain', '1 €'))}
    """
    found: dict[tuple[str, ...], Rows] = {}
    for node in tree.css("table"):
        if len(node.css("table")) == 1:  # itself: no table inside
            rows = table_rows(node)
            if rows:
                found.setdefault(table_key([cell for row in rows for cell in row]), rows)
    return found


def _text(node: LexborNode) -> str:
    """An element's text, its children's included (not those no reader sees)."""
    if not any(child.tag in _SKIPPED for child in node.traverse()):
        return node.text(separator="") or ""
    return "".join(
        (child.text_content or "") for child in node.traverse(include_text=True)
        if child.tag == "-text" and not _under_skipped(child, node))


def _under_skipped(node: LexborNode, root: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if parent.tag in _SKIPPED:
            return True
        parent = parent.parent
    return False
