"""Structure in trafilatura's document tree: its XML body (head, p, list, item, table, row,
cell, quote, code) as drafts, and the text the rules clean.

The text has one line per unit, its text without marks (a list item without
its bullet, a table row's cells apart by tabs), so that the rules read each
unit as they read a line of text; each draft names its lines.
"""

from __future__ import annotations

from typing import Any

from cleaner.structure.draft import Draft, Writer

# Elements whose text is read into the block around them (a ``hi``, a ``ref``...) are
# all others; these start blocks of their own, or hold them.
_BLOCKS = frozenset({"head", "p", "list", "item", "table", "row", "cell", "quote", "code",
                     "div", "section", "article", "body", "doc", "main", "text"})
_SKIPPED = frozenset({"graphic", "note"})


def tree_drafts(body: Any) -> tuple[str, list[Draft]]:
    """The text to clean and the drafts of a trafilatura body (an lxml element)."""
    writer = Writer()
    _container(body, writer, quote=False)
    return writer.text(), writer.drafts


def _container(element: Any, writer: Writer, quote: bool) -> None:
    """The blocks of an element that holds blocks; loose text between them is a paragraph."""
    loose = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS or tag in _SKIPPED or tag == "lb":
            writer.paragraph(loose, quote)
            loose = []
            _block(child, tag, writer, quote)
        elif tag:
            loose.append(_raw(child))
        loose.append(child.tail or "")
    writer.paragraph(loose, quote)


def _block(element: Any, tag: str, writer: Writer, quote: bool) -> None:
    if tag in _SKIPPED or tag == "lb":
        return
    if tag == "head":
        text = _inline(element)
        if text:
            writer.add("heading", [text], level=_heading_level(element))
    elif tag == "p":
        _container(element, writer, quote)
    elif tag == "list":
        _list(element, writer, depth=1)
    elif tag == "table":
        _table(element, writer)
    elif tag == "quote":
        _container(element, writer, quote=True)
    elif tag == "code":
        raw = "".join(element.itertext()).strip("\n").splitlines()
        if any(line.strip() for line in raw):
            writer.add("code", raw, raw=tuple(raw))
    else:
        _container(element, writer, quote)


def _list(element: Any, writer: Writer, depth: int) -> None:
    ordered = element.get("rend") == "ol"
    for item in element:
        if item.tag != "item":
            continue
        nested = [child for child in item if child.tag == "list"]
        pieces = _item_pieces(item)
        if pieces:
            writer.add("list_item", [pieces[0]], level=depth, ordered=ordered)
        for piece in pieces[1:]:  # paragraphs of the item, after its first line
            writer.add("paragraph", [piece], level=depth)
        for sub in nested:
            _list(sub, writer, depth + 1 if pieces else depth)


def _item_pieces(item: Any) -> list[str]:
    """An item's lines: its text up to a line break or a block inside it (a paragraph),
    then each paragraph after (nested lists left out).

    A "term<lb/>its description" item is the term, then the description, as the
    page shows it.
    """
    pieces: list[str] = []
    current = [item.text or ""]
    for child in item:
        if child.tag == "list" or child.tag == "lb" or child.tag in _BLOCKS:
            pieces.append(_fold("".join(current)))
            if child.tag not in ("list", "lb"):
                pieces.append(_inline(child))
            current = []
        elif child.tag not in _SKIPPED:
            current.append(_raw(child))
        current.append(child.tail or "")
    pieces.append(_fold("".join(current)))
    return [piece for piece in pieces if piece]


def _table(element: Any, writer: Writer) -> None:
    rows: list[tuple[str, ...]] = []
    for row in element.iter("row"):
        cells = tuple(_inline(cell) for cell in row if cell.tag == "cell")
        if any(cells):
            rows.append(cells)
    if rows:
        units = ["\t".join(row) for row in rows]
        writer.add("table", units, cells=tuple(rows))


def _heading_level(element: Any) -> int:
    rend = element.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 2


def _inline(element: Any, skip: frozenset[str] = frozenset()) -> str:
    """An element's text, its children's included (but those in `skip`), on one line."""
    return _fold(_raw(element, skip))


def _raw(element: Any, skip: frozenset[str] = frozenset()) -> str:
    parts = [element.text or ""]
    for child in element:
        # a block inside inline text (a paragraph in a cell) is set apart, as a line break is
        apart = " " if child.tag in _BLOCKS or child.tag == "lb" else ""
        if child.tag not in skip and child.tag not in _SKIPPED:
            parts.append(apart + _raw(child, skip))
        parts.append(apart + (child.tail or ""))
    return "".join(parts)


def _fold(text: str) -> str:
    """Runs of white space as one space, trimmed."""
    return " ".join(text.split())
