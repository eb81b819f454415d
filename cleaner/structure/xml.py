"""Structure in trafilatura's document tree: its XML body (head, p, list, item, table, row,
cell, quote, code) as drafts, and the text the rules clean.

The text has one line per unit, its text without marks (a list item without
its bullet, a table row's cells apart by tabs), so that the rules read each
unit as they read a line of text; each draft names its lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cleaner.structure.draft import Draft, Writer

Rows = tuple[tuple[str, ...], ...]

# Elements whose text is read into the block around them (a ``hi``, a ``ref``...) are
# all others; these start blocks of their own, or hold them.
_BLOCKS = frozenset({"head", "p", "list", "item", "table", "row", "cell", "quote", "code",
                     "div", "section", "article", "body", "doc", "main", "text"})
_SKIPPED = frozenset({"graphic", "note"})
# HTML table elements trafilatura sometimes leaves in its tree as they were, the
# table around them gone (a table inside a collapsed section).
_STRAY_CELLS = frozenset({"td", "th", "tr"})


class _TreeWriter(Writer):
    """A writer that knows the page's tables, by `table_key`, to restore stray cells' rows."""

    def __init__(self, tables: Mapping[tuple[str, ...], Rows]) -> None:
        super().__init__()
        self.tables = tables
        self.starts: dict[str, list[tuple[str, ...]]] = {}  # first cell → keys
        for key in tables:
            self.starts.setdefault(key[0], []).append(key)


def table_key(cells: list[str]) -> tuple[str, ...]:
    """What identifies a table by its cells' text: the non-empty cells, white space off.

    >>> table_key(["", "Prix ", "12  €"])
    ('Prix', '12€')
    """
    return tuple(key for key in ("".join(cell.split()) for cell in cells) if key)


def tree_drafts(body: Any, tables: Mapping[tuple[str, ...], Rows] | None = None
                ) -> tuple[str, list[Draft]]:
    """The text to clean and the drafts of a trafilatura body (an lxml element).

    `tables`: the page's tables, rows by `table_key`, for the cells trafilatura
    left without their table (each cell a paragraph when the page has none that
    matches).
    """
    writer = _TreeWriter(tables or {})
    _container(body, writer, quote=False)
    return writer.text(), writer.drafts


def _container(element: Any, writer: Writer, quote: bool) -> None:
    """The blocks of an element that holds blocks; loose text between them is a paragraph."""
    loose = [element.text or ""]
    stray: list[Any] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _STRAY_CELLS:
            writer.paragraph(loose, quote)
            loose = []
            stray.append(child)
            if (child.tail or "").strip():
                _stray_table(stray, writer)
                stray = []
            loose.append(child.tail or "")
            continue
        if stray:
            _stray_table(stray, writer)
            stray = []
        if tag in _BLOCKS or tag in _SKIPPED or tag == "lb":
            writer.paragraph(loose, quote)
            loose = []
            _block(child, tag, writer, quote)
        elif tag:
            loose.append(_raw(child))
        loose.append(child.tail or "")
    if stray:
        _stray_table(stray, writer)
    writer.paragraph(loose, quote)


def _stray_table(elements: list[Any], writer: Writer) -> None:
    """A run of cells and rows without their table: the page's tables they are, in
    turn (one run may hold several); a cell of none of them is a paragraph."""
    cells = [text for element in elements
             for text in ([_inline(element)] if element.tag != "tr"
                          else [_inline(cell) for cell in element])]
    keys = table_key(cells)
    texts = [text for text in cells if "".join(text.split())]
    tables = writer.tables if isinstance(writer, _TreeWriter) else {}
    starts = writer.starts if isinstance(writer, _TreeWriter) else {}
    index = 0
    while index < len(keys):
        found = next((key for key in starts.get(keys[index], ())
                      if keys[index:index + len(key)] == key), None)
        if found:
            rows = tables[found]
            writer.add("table", ["\t".join(row) for row in rows], cells=rows)
            index += len(found)
        else:
            writer.add("paragraph", [texts[index]])
            index += 1


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
        first = bool(pieces) and isinstance(pieces[0], str)
        for index, piece in enumerate(pieces):
            if isinstance(piece, list):  # a table inside the item
                if piece[0].tag == "table":
                    _table(piece[0], writer)
                else:
                    _stray_table(piece, writer)
            elif index == 0:
                writer.add("list_item", [piece], level=depth, ordered=ordered)
            else:  # a paragraph of the item, after its first line
                writer.add("paragraph", [piece], level=depth)
        for sub in nested:
            _list(sub, writer, depth + 1 if first else depth)


def _item_pieces(item: Any) -> list[str | list[Any]]:
    """An item's lines: its text up to a line break or a block inside it (a paragraph),
    then each paragraph after (nested lists left out); a table inside it, or a run of
    cells without their table, is the list of its elements.

    A "term<lb/>its description" item is the term, then the description, as the
    page shows it.
    """
    pieces: list[str | list[Any]] = []
    current = [item.text or ""]
    for child in item:
        if child.tag == "list" or child.tag == "lb" or child.tag in _BLOCKS \
                or child.tag in _STRAY_CELLS:
            text = _fold("".join(current))
            if text:
                pieces.append(text)
            last = pieces[-1] if pieces else None
            if child.tag == "table":
                pieces.append([child])
            elif child.tag in _STRAY_CELLS:
                if isinstance(last, list) and last[0].tag in _STRAY_CELLS:
                    last.append(child)  # the run goes on
                else:
                    pieces.append([child])
            elif child.tag not in ("list", "lb"):
                pieces.append(_inline(child))
            current = []
        elif child.tag not in _SKIPPED:
            current.append(_raw(child))
        current.append(child.tail or "")
    pieces.append(_fold("".join(current)))
    return [piece for piece in pieces if piece]


def _table(element: Any, writer: Writer) -> None:
    _table_rows(list(element.iter("row")), writer)


def _table_rows(elements: list[Any], writer: Writer) -> None:
    rows: list[tuple[str, ...]] = []
    for row in elements:
        cells = tuple(_inline(cell) for cell in row if cell.tag in ("cell", "td", "th"))
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
