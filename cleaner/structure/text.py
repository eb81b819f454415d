"""Structure in plain text: what a scraper's text, or Markdown, shows of its blocks.

Read line by line, the marks decide: ``#`` headings, ``>`` quotes, fenced
code, ``|`` or tab-separated rows (two or more, or a header row over its
``|---|`` line) as a table, and list items: ``-``, ``*``, ``+`` and ``1.``
as Markdown reads them, ``•`` and ``–`` only in a run of two or more (a
single ``– Oui, dit-il.`` is a line of dialogue), numbers only when they
count up from one line to the next (``2024. Une année`` alone is a paragraph).
A line indented under a list item, after it, is a further paragraph of that
item. Every other non-blank line is a paragraph: no line is dropped, and a
mark that is not clearly one is left as text.

A short title-like line between paragraphs becomes a heading only after the
rules have run (`promote_headings`), on the blocks that are left, so that the
same text read again gives the same blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from cleaner.blocks import Block
from cleaner.structure.draft import Draft, source_lines, split_row, unmark

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+\S")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r"^(\s*)([-*+•–]|\d{1,9}[.)])\s+\S")
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A heading has no sentence's end, and a body paragraph follows it.
_SENTENCE_END = ".,;:!?…"
HEADING_MAX_WORDS = 10
FOLLOWING_MIN_WORDS = 15


def text_drafts(text: str) -> list[Draft]:
    """The drafts of a text's blocks, each tied to its line numbers (from 1).

    >>> [(d.kind, d.lines, d.level) for d in text_drafts("# Titre\\n\\n- un\\n  - a\\nFin.")]
    [('heading', (1,), 1), ('list_item', (3,), 1), ('list_item', (4,), 2), ('paragraph', (5,), 0)]
    """
    lines = source_lines(text)
    drafts: list[Draft] = []
    indents: list[int] = []  # the open list levels' indentations
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if not line.strip():
            index += 1
            continue
        fence = _FENCE.match(line)
        if fence is not None:
            end = _closing_fence(lines, index, fence.group(1))
            if end is not None:
                inner = range(index + 1, end)
                drafts.append(Draft("code", tuple(n + 1 for n in inner),
                                    raw=tuple(lines[n] for n in inner)))
                index = end + 1
                continue
        rows = _table_rows(lines, index)
        if rows:
            drafts.append(_table(lines, rows))
            index = rows[-1] + 1
            indents.clear()
            continue
        item = _ITEM.match(line)
        if item is not None and (_is_item(lines, index, item.group(2))
                                 or _continues_numbered(drafts, item.group(2))):
            drafts.append(Draft("list_item", (number,), level=_level(indents, len(item.group(1))),
                                ordered=item.group(2)[0].isdigit()))
            index += 1
            continue
        indent = len(line) - len(line.lstrip())
        if indents and indent > indents[0] and _in_list(drafts):
            # a further paragraph of the item it is indented under
            drafts.append(Draft("paragraph", (number,), level=sum(i < indent for i in indents)))
            index += 1
            continue
        indents.clear()
        heading = _HEADING.match(line)
        if heading is not None:
            drafts.append(Draft("heading", (number,), level=len(heading.group(1))))
        elif line.lstrip().startswith(">"):
            _add_quote(drafts, lines, index)
        else:
            drafts.append(Draft("paragraph", (number,)))
        index += 1
    return drafts


def _in_list(drafts: Sequence[Draft]) -> bool:
    """Whether the last block is a list item or a paragraph of one."""
    return bool(drafts) and (drafts[-1].kind == "list_item" or (
        drafts[-1].kind == "paragraph" and drafts[-1].level > 0))


def _closing_fence(lines: Sequence[str], start: int, fence: str) -> int | None:
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence) and not stripped.strip(fence[0]):
            return index
    return None


def _table_rows(lines: Sequence[str], start: int) -> list[int]:
    """The indexes of the table starting at `start` (its rule line included), or none.

    Pipe rows: two or more, or one over its rule line. Tab rows: two or more of
    as many cells, two at least.
    """
    first = lines[start]
    if first.strip().startswith("|") and not _RULE_ROW.match(first):
        end = start
        while end + 1 < len(lines) and lines[end + 1].strip().startswith("|"):
            end += 1
        rows = list(range(start, end + 1))
        ruled = end > start and _RULE_ROW.match(lines[start + 1]) is not None
        body = [i for i in rows if not _RULE_ROW.match(lines[i])]
        return rows if len(body) >= 2 or ruled else []
    width = _tab_cells(first)
    if width < 2:
        return []
    end = start
    while end + 1 < len(lines) and _tab_cells(lines[end + 1]) == width:
        end += 1
    return list(range(start, end + 1)) if end > start else []


def _tab_cells(line: str) -> int:
    return len(line.strip().split("\t")) if "\t" in line.strip() else 0


def _table(lines: Sequence[str], rows: Sequence[int]) -> Draft:
    kept = [i for i in rows if not _RULE_ROW.match(lines[i])]
    cells = []
    for i in kept:
        line = lines[i]
        if line.strip().startswith("|"):
            cells.append(tuple(cell.replace("\\|", "|") for cell in split_row(line)))
        else:
            cells.append(tuple(cell.strip() for cell in line.strip().split("\t")))
    return Draft("table", tuple(i + 1 for i in kept), cells=tuple(cells))


def _is_item(lines: Sequence[str], index: int, marker: str) -> bool:
    """Whether a line with a list mark is a list item (see the module's docstring): with
    ``•`` or ``–``, when another line of its run (lines with list marks, none blank
    between) has the same; with a number, when it is one or the run has the one before
    or after it."""
    if marker in "-*+":
        return True
    others = _run(lines, index)
    if marker in "•–":
        return marker in others
    number = int(marker[:-1])
    return number == 1 or any(m[:-1].isdigit() and abs(int(m[:-1]) - number) == 1
                              for m in others)


def _continues_numbered(drafts: Sequence[Draft], marker: str) -> bool:
    """Whether a numbered line follows a numbered item or a paragraph of one (a loose list,
    blank lines between its items)."""
    if not marker[0].isdigit():
        return False
    for draft in reversed(drafts):
        if draft.kind == "list_item":
            return draft.ordered
        if not (draft.kind == "paragraph" and draft.level):
            return False
    return False


def _run(lines: Sequence[str], index: int) -> list[str]:
    """The list marks of the other lines of the run of marked lines around `index`."""
    marks = []
    for step in (-1, 1):
        other = index + step
        while 0 <= other < len(lines) and (item := _ITEM.match(lines[other])) is not None:
            marks.append(item.group(2))
            other += step
    return marks


def _level(indents: list[int], indent: int) -> int:
    """The depth of an item indented `indent`, given the open levels' indentations."""
    while indents and indents[-1] > indent:
        indents.pop()
    if not indents or indents[-1] < indent:
        indents.append(indent)
    return len(indents)


def _add_quote(drafts: list[Draft], lines: Sequence[str], index: int) -> None:
    """A ``>`` line: a line of the quote above (none between), a new quote, or, alone
    (``>``), the break between two quotes."""
    if not unmark("quote", lines[index]):
        return
    last = drafts[-1] if drafts else None
    if last is not None and last.kind == "quote" and last.lines[-1] == index:
        drafts[-1] = replace(last, lines=(*last.lines, index + 1))
    else:
        drafts.append(Draft("quote", (index + 1,)))


def promote_headings(blocks: Sequence[Block]) -> list[Block]:
    """Paragraphs that are clearly headings, made headings (level 2).

    Clearly: at most `HEADING_MAX_WORDS` words, starting with a capital or a
    digit, no punctuation at the end, after the start or a finished sentence
    or another kind of block, and before a paragraph of at least
    `FOLLOWING_MIN_WORDS` words.

    >>> body = Block("paragraph", "Le texte suit ici, " * 4 + "et il finit.")
    >>> [b.type for b in promote_headings([Block("paragraph", "Les chiffres clés"), body])]
    ['heading', 'paragraph']
    >>> [b.type for b in promote_headings([Block("paragraph", "les chiffres clés"), body])]
    ['paragraph', 'paragraph']
    """
    out = list(blocks)
    for index, block in enumerate(blocks):
        if block.type != "paragraph" or not _title_like(block.text):
            continue
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        before = blocks[index - 1] if index else None
        if after is None or after.type != "paragraph" or \
                len(after.text.split()) < FOLLOWING_MIN_WORDS:
            continue
        if before is not None and (before.type == "heading" or (
                before.type == "paragraph" and before.text.rstrip()[-1:] not in ".!?»\"”")):
            continue
        out[index] = Block("heading", block.text, level=2)
    return out


def _title_like(text: str) -> bool:
    words = text.split()
    return (0 < len(words) <= HEADING_MAX_WORDS and (text[0].isupper() or text[0].isdigit())
            and text[-1] not in _SENTENCE_END)
