"""Properties of the block structure: random blocks written as Markdown or HTML come back.

- Markdown: `to_markdown`, read again as text (`text_drafts`, every line kept), gives the
  same blocks, whatever the texts start with.
- HTML: blocks written as a page, through trafilatura's tree (`tree_drafts`), give the same
  blocks, every text included.
"""

from __future__ import annotations

import html
import os
from dataclasses import replace

import trafilatura
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block, table
from cleaner.structure.draft import kept_lines, settle
from cleaner.structure.markdown import to_markdown
from cleaner.structure.text import text_drafts
from cleaner.structure.xml import tree_drafts

SCALE = int(os.environ.get("CLEANER_PROPERTY_SCALE", "1"))
PROPS = settings(max_examples=40 * SCALE, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
WORDS = ("conseil budget commune école Straße Haushalt année écoles travaux Gemeinde voirie "
         "quartier Mehrheit opposition débat habitants 2025 euros Viertel prochain").split()
# What a text may start with that Markdown would read as a mark, were it not escaped.
STARTS = ("", "", "", "- ", "* ", "+ ", "1. ", "2) ", "# ", "> ", "| ", "```", "2024. ", "\\")

word = st.sampled_from(WORDS)


@st.composite
def phrase(draw: st.DrawFn, least: int = 1, most: int = 8, marks: bool = True) -> str:
    start = draw(st.sampled_from(STARTS)) if marks else ""
    return start + " ".join(draw(st.lists(word, min_size=least, max_size=most)))


@st.composite
def block_list(draw: st.DrawFn, marks: bool = True) -> list[Block]:
    """Blocks as a page shows them: lists start at depth 1 and deepen one level at a time."""
    blocks: list[Block] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(("heading", "paragraph", "list", "table", "quote", "code")))
        if kind == "heading":
            blocks.append(Block("heading", draw(phrase(1, 6, marks=False)),
                                level=draw(st.integers(1, 6))))
        elif kind == "paragraph":
            blocks.append(Block("paragraph", draw(phrase(12, 30, marks=marks)) + "."))
        elif kind == "list":
            ordered = draw(st.booleans())
            level = 1
            for _ in range(draw(st.integers(1, 5))):
                blocks.append(Block("list_item", draw(phrase(1, 8, marks=False)), level=level,
                                    ordered=ordered))
                if draw(st.integers(0, 3)) == 0:  # a further paragraph of the item
                    blocks.append(Block("paragraph", draw(phrase(3, 12, marks=marks)),
                                        level=level))
                level = draw(st.integers(1, min(level + 1, 3)))
            blocks.append(Block("paragraph", draw(phrase(12, 30, marks=False)) + "."))
        elif kind == "table":
            width = draw(st.integers(2, 3))
            rows = draw(st.lists(st.tuples(*[phrase(1, 3, marks=False)] * width),
                                 min_size=2, max_size=4))
            blocks.append(table(tuple(rows)))
        elif kind == "quote":
            blocks.append(Block("quote", draw(phrase(12, 30, marks=False)) + "."))
        else:
            lines = draw(st.lists(phrase(1, 5, marks=False), min_size=1, max_size=3))
            blocks.append(Block("code", "\n".join(f"    {line}" if i else line
                                                  for i, line in enumerate(lines))))
    return blocks


def read_back(markdown: str) -> list[Block]:
    """The blocks of a Markdown text, every line kept."""
    return settle(text_drafts(markdown), kept_lines(markdown, "", []))


@PROPS
@given(block_list())
def test_markdown_reads_back_as_the_same_blocks(blocks: list[Block]) -> None:
    markdown = to_markdown(blocks)
    assert read_back(markdown) == blocks
    assert to_markdown(read_back(markdown)) == markdown


def to_html(blocks: list[Block]) -> str:
    """A page holding the blocks, with a long paragraph first and last (an article)."""
    parts = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.type == "list_item":
            end = index
            while end < len(blocks) and (blocks[end].type == "list_item" or blocks[end].level):
                end += 1
            parts.append(_html_list(blocks[index:end], 1))
            index = end
            continue
        text = html.escape(block.text)
        if block.type == "heading":
            parts.append(f"<h{block.level}>{text}</h{block.level}>")
        elif block.type == "paragraph":
            parts.append(f"<p>{text}</p>")
        elif block.type == "quote":
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        elif block.type == "code":
            parts.append(f"<pre><code>{text}</code></pre>")
        else:
            head, *rest = block.rows
            cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row)
                           + "</tr>" for row in rest)
            parts.append(f"<table><tr>{cells}</tr>{body}</table>")
        index += 1
    return ("<html><body><article>" + "".join(parts) + "</article></body></html>")


def _html_list(items: list[Block], level: int) -> str:
    tag = "ol" if items[0].ordered else "ul"
    out = [f"<{tag}>"]
    index = 0
    while index < len(items):
        item = items[index]
        end = index + 1
        while end < len(items) and (items[end].level > level or (
                items[end].type == "paragraph" and items[end].level == level)):
            end += 1
        more = ""
        while index + 1 < end and items[index + 1].type == "paragraph":
            more += f"<p>{html.escape(items[index + 1].text)}</p>"
            index += 1
        nested = _html_list(items[index + 1:end], level + 1) if end > index + 1 else ""
        out.append(f"<li>{html.escape(item.text)}{more}{nested}</li>")
        index = end
    return "".join(out) + f"</{tag}>"


def numbered(blocks: list[Block]) -> list[Block]:
    """Every text made unique by a number (trafilatura keeps a repeated text once)."""
    out = []
    for index, block in enumerate(blocks):
        if block.type == "table":
            out.append(table(tuple(tuple(f"{cell} n{index}x{r}x{c}" for c, cell in enumerate(row))
                                   for r, row in enumerate(block.rows))))
        else:
            first, sep, rest = block.text.partition("\n")
            out.append(replace(block, text=f"n{index} {first}{sep}{rest}"))
    return out


@PROPS
@given(block_list(marks=False))
def test_html_reads_back_as_the_same_blocks(blocks: list[Block]) -> None:
    first = Block("paragraph", " ".join(WORDS[:15]) + ".")
    blocks = numbered([first, *blocks, Block("paragraph", " ".join(WORDS[5:]) + ".")])
    page = to_html(blocks)
    document = trafilatura.bare_extraction(page, fast=True, favor_recall=True,
                                           include_comments=False, include_tables=True)
    assert document is not None
    source, drafts = tree_drafts(document.body)
    assert settle(drafts, kept_lines(source, "", [])) == blocks
