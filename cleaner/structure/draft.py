"""Blocks as found in the source, tied to the lines the text rules see, and what is left
of them once the rules have run.

The text rules work on lines. A draft says which lines of the cleaned text
hold each of a block's units (a paragraph's line, a list item's, each row
of a table, each line of code), so that a rule that removes a line removes
that unit, explained like any removed line, and the block keeps the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.blocks import Block, table

# Marks a unit's line carries in the text the rules see, taken off its cleaned text.
_MARKS = {
    "heading": re.compile(r"^#{1,6}(?:\s+|$)|\s+#+\s*$"),
    "quote": re.compile(r"^>\s?"),
    "list_item": re.compile(r"^(?:[-*+•–]|\d{1,9}[.)])\s+"),
}
# A backslash that keeps a paragraph's first character from reading as a mark.
_ESCAPED_START = re.compile(r"^(\d{0,9})\\(?=[#>|`~*+.)-])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
# Line breaks other than LF: where a text holds one, the engine splits it as
# `str.splitlines` does (`Document.from_text`), and so must the line numbers here.
_OTHER_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(frozen=True, slots=True)
class Draft:
    """A block before cleaning: its kind, and the line numbers (1-based) of its units.

    `cells`: a table's cells per row, as found (used when a cleaned row no
    longer splits into as many); `raw`: a code block's lines as written
    (cleaning tidies spaces, which code must keep).
    """

    kind: str
    lines: tuple[int, ...]
    level: int = 0
    ordered: bool = False
    cells: tuple[tuple[str, ...], ...] = ()
    raw: tuple[str, ...] = ()


class Writer:
    """The text the rules clean, written unit by unit, and the drafts naming its lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.drafts: list[Draft] = []

    def add(self, kind: str, units: list[str], **fields: Any) -> None:
        start = len(self.lines) + 1
        self.lines.extend(units)
        self.drafts.append(Draft(kind, tuple(range(start, start + len(units))), **fields))

    def paragraph(self, parts: list[str], quote: bool) -> None:
        """The loose text between two blocks, its spaces folded: a paragraph (a quote's
        inside a quote), when there is any."""
        text = " ".join("".join(parts).split())
        if text:
            self.add("quote" if quote else "paragraph", [text])

    def text(self) -> str:
        return "\n".join(self.lines)


def kept_lines(source: str, cleaned: str, removed: Iterable[int]) -> dict[int, str]:
    """Line number → cleaned text, for each non-blank line of `source` no rule removed.

    The cleaned text holds the kept lines in order, one blank line between
    them (`Document.text`); when their number differs (which a cleaning
    that rewrites lines could cause), each kept line's source text stands in.
    """
    gone = set(removed)
    lines = source_lines(source)
    numbers = [n for n, line in enumerate(lines, start=1) if line.strip() and n not in gone]
    parts = cleaned.rstrip("\n").split("\n\n") if cleaned.strip() else []
    if len(parts) != len(numbers):
        return {n: lines[n - 1].strip() for n in numbers}
    return dict(zip(numbers, parts, strict=True))


def source_lines(text: str) -> list[str]:
    """The lines of `text`, numbered as the engine numbers them (from 1).

    >>> source_lines("un\\r\\ndeux\\n\\ntrois"), source_lines("un\\ndeux")
    (['un', 'deux', '', 'trois'], ['un', 'deux'])
    """
    if _OTHER_BREAKS.isdisjoint(text):
        return text.split("\n")
    return text.splitlines()


def settle(drafts: Sequence[Draft], kept: Mapping[int, str]) -> list[Block]:
    """The blocks left when only the `kept` lines (number → cleaned text) stay."""
    blocks: list[Block] = []
    for draft in drafts:
        block = _settle_one(draft, kept)
        if block is not None:
            blocks.append(block)
    return blocks


def _settle_one(draft: Draft, kept: Mapping[int, str]) -> Block | None:
    if draft.kind == "code":
        # Blank lines of code are no line of the rules': they stay when code around them does.
        lines = [raw for n, raw in zip(draft.lines, draft.raw, strict=True)
                 if n in kept or not raw.strip()]
        text = "\n".join(lines).strip("\n")
        return Block("code", text) if text.strip() else None
    if draft.kind == "table":
        rows = tuple(_cells(kept[n], cells) for n, cells in zip(draft.lines, draft.cells,
                                                                 strict=True) if n in kept)
        return table(rows) if rows else None
    texts = [unmark(draft.kind, kept[n]) for n in draft.lines if n in kept]
    text = " ".join(t for t in texts if t)
    if not text:
        return None
    return Block(draft.kind, text, level=draft.level, ordered=draft.ordered)


def unmark(kind: str, line: str) -> str:
    """A unit's text without the marks its kind puts on its line.

    >>> unmark("heading", "## Les chiffres ##"), unmark("list_item", "12. Douze")
    ('Les chiffres', 'Douze')
    >>> unmark("paragraph", "\\\\- pas une liste"), unmark("paragraph", "2024\\\\. Oui")
    ('- pas une liste', '2024. Oui')
    >>> unmark("quote", "> Cité")
    'Cité'
    """
    line = line.strip()
    mark = _MARKS.get(kind)
    if mark is not None:
        line = mark.sub("", line)
    elif kind == "paragraph":
        line = _ESCAPED_START.sub(r"\1", line)
    return line.strip()


def split_row(line: str) -> list[str]:
    """A pipe table row's cells (escaped pipes are text).

    >>> split_row("| a | b \\\\| c |  |")
    ['a', 'b \\\\| c', '']
    """
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in _CELL_SPLIT.split(line)]


def _cells(line: str, found: tuple[str, ...]) -> tuple[str, ...]:
    """A kept row's cells from its cleaned line, as long as it still splits into as many
    (by its tabs or pipes; else, tabs having become spaces, by each cell's number of
    words); otherwise as found.

    >>> _cells("Poste Montant total", ("Poste", "Montant  total"))
    ('Poste', 'Montant total')
    >>> _cells("| a | b |", ("a", "b")), _cells("a b", ("a", "b c"))
    (('a', 'b'), ('a', 'b c'))
    """
    if "\t" in line:
        cells = [cell.strip() for cell in line.split("\t")]
    elif line.lstrip().startswith("|"):
        cells = [cell.replace("\\|", "|") for cell in split_row(line)]
    else:
        words = line.split(" ")
        sizes = [len(cell.split()) for cell in found]
        if sum(sizes) != len(words):
            return found
        cells, start = [], 0
        for size in sizes:
            cells.append(" ".join(words[start:start + size]))
            start += size
    return tuple(cells) if len(cells) == len(found) else found
