"""The article's structure: a sequence of blocks (headings, paragraphs, list items, tables...).

A leaf module (it imports nothing of cleaner) so that `cleaner.result` can carry blocks;
building them is `cleaner.structure`'s work, rendering them `cleaner.structure.markdown`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BLOCK_TYPES = ("heading", "paragraph", "list_item", "table", "quote", "code")
OUTPUT_FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body, in reading order.

    `level`: a heading's level (1-6), a list item's depth (1: top level), the
    depth of the list item a paragraph belongs to (a second paragraph of an
    item; 0: none), else 0.
    `ordered`: a list item of a numbered list. `rows`: a table's cells, row by row,
    the first row its header. `links`: the links in `text` (its words, their URL),
    in order, when they were asked for. `text`: what the block says without marks (a table's
    cells joined by tabs, its rows by newlines; a code block's lines as written).
    """

    type: str
    text: str
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    ordered: bool = False
    links: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: type and text, with level, ordered and rows where they apply.

        >>> Block("list_item", "Un", level=1).to_dict()
        {'type': 'list_item', 'text': 'Un', 'level': 1, 'ordered': False}
        """
        out: dict[str, Any] = {"type": self.type, "text": self.text}
        if self.type in ("heading", "list_item") or self.level:
            out["level"] = self.level
        if self.type == "list_item":
            out["ordered"] = self.ordered
        if self.type == "table":
            out["rows"] = [list(row) for row in self.rows]
        if self.links:
            out["links"] = [{"text": text, "url": url} for text, url in self.links]
        return out


def table(rows: tuple[tuple[str, ...], ...]) -> Block:
    """A table block, its text derived from its rows."""
    return Block("table", "\n".join("\t".join(row) for row in rows), rows=rows)


def check_output_format(name: str) -> str:
    """`name` if it is an output format, else ValueError."""
    if name not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {name!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    return name
