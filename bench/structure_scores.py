"""Structure scores of a Markdown output against a Markdown gold: headings, list items, table
cells, and the text with its marks stripped.

Used by bench/bench_sets.py (``--structure``). Nothing here imports the project.

- **headings**: the text of ``#`` lines, level ignored; **list items**: the text of ``-``,
  ``*``, ``+`` and ``1.`` lines (nested ones too); **table cells**: the non-empty cells of
  pipe rows (rule rows left out). Each is matched as a multiset after inline marks
  (emphasis, links, code, escapes) are taken off and white space is folded, case kept.
  Counted over all pages together (micro average): a page without gold headings still
  counts its output's headings as false ones.
- **text**: the Markdown with its marks stripped (links as their text, images dropped), for
  the sets' shingle F1 against the plain gold body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_ROW = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|~~|`+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
KINDS = ("heading", "item", "cell")


@dataclass
class Parts:
    """What a Markdown text holds: its headings, list items and table cells, and its text."""

    heading: list[str] = field(default_factory=list)
    item: list[str] = field(default_factory=list)
    cell: list[str] = field(default_factory=list)
    text: str = ""


def inline(text: str) -> str:
    """Text without inline marks, white space folded.

    >>> inline(r"**Gras** et [lien](http://x) \\- `code`  !")
    'Gras et lien - code !'
    """
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def parse(markdown: str) -> Parts:
    """The headings, list items, table cells and plain text of a Markdown text.

    >>> p = parse("# Titre\\n\\n- un\\n  1. deux\\n\\n| a | b |\\n|---|---|\\n| 1 |  |\\n")
    >>> p.heading, p.item, p.cell
    (['Titre'], ['un', 'deux'], ['a', 'b', '1'])
    """
    parts = Parts()
    lines = []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            lines.append(line)
            continue
        line = _QUOTE.sub("", line)
        heading, item = _HEADING.match(line), _ITEM.match(line)
        if heading:
            text = inline(heading.group(1))
            parts.heading.append(text)
        elif _ROW.match(line):
            if _RULE_ROW.match(line):
                continue
            cells = [inline(c) for c in _CELL_SPLIT.split(line.strip().strip("|"))]
            parts.cell.extend(c for c in cells if c)
            text = "\n".join(c for c in cells if c)
        elif item:
            text = inline(item.group(1))
            parts.item.append(text)
            # numbers stay in the text: the plain gold keeps them
            number = line.strip().split()[0]
            text = f"{number.rstrip('.)')}. {text}" if number[0].isdigit() else text
        else:
            text = inline(line)
        lines.append(text)
    parts.heading = [h for h in parts.heading if h]
    parts.item = [i for i in parts.item if i]
    parts.text = "\n".join(lines)
    return parts


Counts = dict[str, tuple[int, int, int]]  # kind -> (matched, output's, gold's)


def counts(output: Parts, gold: Parts) -> Counts:
    """Matches of each kind between an output and its gold."""
    out = {}
    for kind in KINDS:
        mine, theirs = Counter(getattr(output, kind)), Counter(getattr(gold, kind))
        out[kind] = (sum((mine & theirs).values()), sum(mine.values()), sum(theirs.values()))
    return out


def scores(pages: list[Counts]) -> dict[str, float]:
    """Heading and list-item precision, recall and F1, table-cell recall, over all pages."""
    out = {}
    for kind in KINDS:
        matched = sum(page[kind][0] for page in pages)
        found = sum(page[kind][1] for page in pages)
        gold = sum(page[kind][2] for page in pages)
        p = matched / found if found else 0.0
        r = matched / gold if gold else 0.0
        out[f"{kind} P"], out[f"{kind} R"] = p, r
        out[f"{kind} F1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out
