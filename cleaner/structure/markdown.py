"""Blocks as GitHub-flavoured Markdown, and as JSON-ready dicts.

Headings by level, ``-`` and ``1.`` lists (nested items, and an item's
further paragraphs, indented under the parent item's text), pipe tables whose
first row is the header, ``>`` quotes, fenced code. A paragraph whose first
characters would read as one of these marks gets a backslash, so that reading
the Markdown again (`cleaner.structure.text`) gives back the same blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cleaner.blocks import Block

# The starts of a line that Markdown reads as a block mark rather than text.
_MARK_START = re.compile(r"^(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|\||```|~~~)")


def to_markdown(blocks: Sequence[Block]) -> str:
    """The blocks as Markdown: one blank line between blocks, items of a list together.

    >>> print(to_markdown([Block("heading", "Titre", level=2),
    ...                    Block("list_item", "un", level=1, ordered=True),
    ...                    Block("list_item", "a", level=2),
    ...                    Block("list_item", "deux", level=1, ordered=True)]), end="")
    ## Titre
    <BLANKLINE>
    1. un
       - a
    2. deux
    """
    parts: list[str] = []
    previous: Block | None = None
    items = _Items()
    for block in blocks:
        if block.type == "list_item":
            text = items.line(block)
        elif block.type == "paragraph" and block.level and items.open:
            text = items.continuation(block)
        else:
            items.reset()
            text = _render(block)
        if previous is None:
            parts.append(text)
        elif block.type == "list_item" and previous.type == "list_item":
            parts.append("\n" + text)
        elif block.type == "quote" and previous.type == "quote":
            parts.append("\n>\n" + text)
        else:
            parts.append("\n\n" + text)
        previous = block
    return "".join(parts) + "\n" if parts else ""


def to_json(blocks: Sequence[Block]) -> list[dict[str, Any]]:
    """The blocks as JSON-ready dicts, in order."""
    return [block.to_dict() for block in blocks]


def _render(block: Block) -> str:
    if block.type == "heading":
        return f"{'#' * min(max(block.level, 1), 6)} {linked(block)}"
    if block.type == "quote":
        return f"> {linked(block)}"
    if block.type == "code":
        fence = "```"
        while fence in block.text:
            fence += "`"
        return f"{fence}\n{block.text}\n{fence}"
    if block.type == "table":
        return _table(block.rows)
    return escape_start(linked(block))


def linked(block: Block) -> str:
    """A block's text with its links as ``[words](url)``, each at the first place its words
    are found after the link before (a link whose words are not there is left out).

    >>> linked(Block("paragraph", "Voir le budget et le budget [2024].",
    ...              links=(("budget", "/b"), ("budget [2024]", "/b (2024)"))))
    'Voir le [budget](/b) et le [budget \\\\[2024\\\\]](/b%20%282024%29).'
    """
    text, out, start = block.text, [], 0
    for words, url in block.links:
        found = text.find(words, start)
        if not words or found < 0:
            continue
        label = words.replace("[", "\\[").replace("]", "\\]")
        target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        out.append(f"{text[start:found]}[{label}]({target})")
        start = found + len(words)
    return "".join(out) + text[start:]


def escape_start(text: str) -> str:
    """`text` with a backslash before a first character Markdown would read as a mark.

    >>> escape_start("- non"), escape_start("2024. Une année"), escape_start("Oui")
    ('\\\\- non', '2024\\\\. Une année', 'Oui')
    """
    if not _MARK_START.match(text):
        return text
    digits = len(text) - len(text.lstrip("0123456789"))
    return f"{text[:digits]}\\{text[digits:]}"


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(row) for row in rows)
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.replace("|", "\\|") for cell in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append("|" + "---|" * width)
    return "\n".join(lines)


class _Items:
    """Numbers and indentation of list items: a nested item is indented to its parent's
    text, and each ordered list counts from 1."""

    def __init__(self) -> None:
        # One entry per open depth: (indentation of its items, its marker width, the
        # number of its last item, 0 after an unordered one).
        self.open: list[tuple[int, int, int]] = []

    def reset(self) -> None:
        self.open.clear()

    def line(self, block: Block) -> str:
        depth = max(block.level, 1)
        del self.open[depth:]
        while len(self.open) < depth:  # a deeper item than the list so far holds
            indent = self.open[-1][0] + self.open[-1][1] if self.open else 0
            self.open.append((indent, 2, 0))
        indent, _, count = self.open[-1]
        count = count + 1 if block.ordered else 0
        marker = f"{count}. " if block.ordered else "- "
        self.open[-1] = (indent, len(marker), count)
        return " " * indent + marker + linked(block)

    def continuation(self, block: Block) -> str:
        """A paragraph of the item at depth `block.level`, indented to its text."""
        del self.open[block.level:]
        indent, width, _ = self.open[-1]
        return " " * (indent + width) + escape_start(linked(block))
