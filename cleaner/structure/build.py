"""A cleaning's Result with its blocks: the drafts settled on the lines the rules kept.

Used by the engine for text (drafts from `cleaner.structure.text`) and by the
HTML front end (drafts from trafilatura's tree, `cleaner.structure.xml`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from cleaner.blocks import Block
from cleaner.result import Result
from cleaner.structure.draft import Draft, kept_lines, settle, source_lines
from cleaner.structure.markdown import to_markdown
from cleaner.structure.text import promote_headings, text_drafts

# A heading's permalink, the mark its anchor link shows: "¶", "§", "🔗" at either end,
# "#" before a letter at the start or apart at the end (not the "#" of "C#", "#1").
_ANCHOR = re.compile(r"^(?:[¶§🔗]\s*|#(?=[^\W\d_]))|(?:\s*[¶§🔗]|\s+#)$")


@dataclass(frozen=True, slots=True)
class DomItem:
    """Where the page has a list item: its list (any id, the same for one list), whether
    the list is numbered, and its depth (1: a top-level list)."""

    list: int
    ordered: bool
    depth: int


def with_blocks(result: Result, source: str, drafts: Sequence[Draft], output_format: str, *,
                headings: bool = False, known: Mapping[str, int] | None = None,
                items: Mapping[str, DomItem] | None = None,
                links: Mapping[str, tuple[tuple[str, str], ...]] | None = None) -> Result:
    """`result` (the cleaning of `source`) with its blocks; its text Markdown for `markdown`.

    `headings`: promote clearly title-like paragraphs to headings (text input,
    where no mark says which lines are headings). `known`: text → level of
    headings the source page marks as such; a paragraph that says exactly one
    of them is that heading. `items`: text → place of the list items the page
    has; a run of paragraphs that are items of one list is that list. `links`:
    the page's links by the text of their element, white space off; a block
    that says that text gets them (`Block.links`, Markdown's ``[text](url)``).
    """
    removed = (r.line for r in result.removed if not r.fragment)
    blocks = settle(drafts, kept_lines(source, result.text, removed))
    if known:
        blocks = _card_headings([_known_heading(block, known) for block in blocks], known)
    if items:
        blocks = _known_items(blocks, items)
    if headings:
        blocks = promote_headings(blocks)
    blocks = [_without_anchor(block) for block in blocks]
    if links:
        blocks = [_with_links(block, links) for block in blocks]
    text = to_markdown(blocks) if output_format == "markdown" else result.text
    return replace(result, text=text, blocks=tuple(blocks))


def with_text_blocks(result: Result, original: str, repaired: str, output_format: str
                     ) -> Result:
    """`with_blocks` for text input: the blocks its lines show.

    Read on the `original` text, whose indentation (nested items, code) the
    repairs tidy away, unless the repairs changed its number of lines.
    """
    source = original if len(source_lines(original)) == len(source_lines(repaired)) else repaired
    return with_blocks(result, source, text_drafts(source), output_format, headings=True)


def _known_heading(block: Block, known: Mapping[str, int]) -> Block:
    level = known.get(block.text) if block.type == "paragraph" else None
    return block if level is None else Block("heading", block.text, level=level)


def _card_headings(blocks: list[Block], known: Mapping[str, int]) -> list[Block]:
    """Blocks where a list item that says one of the page's headings, followed by a
    paragraph of its own, is that heading and its paragraphs plain ones.

    A grid of cards (a heading and its text in each ``li``) is sections laid out
    as a list; a menu's item that repeats a heading has no paragraph of its own
    and stays an item, as does an item with items inside (a nested list's).

    >>> cards = [Block("list_item", "Coaching", level=1),
    ...          Block("paragraph", "Une séance.", level=1),
    ...          Block("list_item", "Coaching", level=1), Block("list_item", "Aide", level=1)]
    >>> [(b.type, b.level) for b in _card_headings(cards, {"Coaching": 3})]
    [('heading', 3), ('paragraph', 0), ('list_item', 1), ('list_item', 1)]
    """
    out: list[Block] = []
    card = 0  # the depth of the item turned into a heading, whose paragraphs follow
    for index, block in enumerate(blocks):
        after = blocks[index + 1] if index + 1 < len(blocks) else None
        if card and block.type == "paragraph" and block.level == card:
            out.append(replace(block, level=0))
            continue
        card = 0
        level = known.get(block.text) if block.type == "list_item" else None
        if (level is not None and after is not None and after.type == "paragraph"
                and after.level == block.level and not _has_subitems(blocks, index)):
            card = block.level
            out.append(Block("heading", block.text, level=level))
        else:
            out.append(block)
    return out


def _has_subitems(blocks: list[Block], index: int) -> bool:
    """Whether the list item at `index` holds list items, after its paragraphs."""
    depth = blocks[index].level
    for block in blocks[index + 1:]:
        if block.type != "paragraph" or block.level != depth:
            return block.type == "list_item" and block.level > depth
    return False


def _without_anchor(block: Block) -> Block:
    """A heading without the permalink mark its anchor link shows.

    >>> [_without_anchor(Block("heading", t, level=2)).text
    ...  for t in ("Events¶", "§ Exemples", "#Choisir", "C#", "#1 du classement", "Fin #")]
    ['Events', 'Exemples', 'Choisir', 'C#', '#1 du classement', 'Fin']
    """
    if block.type != "heading":
        return block
    text = _ANCHOR.sub("", block.text).strip()
    return replace(block, text=text) if text and text != block.text else block


def _known_items(blocks: list[Block], items: Mapping[str, DomItem]) -> list[Block]:
    """Blocks where a run of two or more paragraphs that are each an item of the same list
    of the page are those items (a list an extractor wrote as paragraphs).

    >>> page = {"Un": DomItem(7, True, 1), "Deux": DomItem(7, True, 1),
    ...         "Seul": DomItem(8, False, 1)}
    >>> blocks = [Block("paragraph", t) for t in ("Un", "Deux", "Seul", "Texte")]
    >>> [(b.type, b.level) for b in _known_items(blocks, page)]
    [('list_item', 1), ('list_item', 1), ('paragraph', 0), ('paragraph', 0)]
    """
    out: list[Block] = []
    run: list[tuple[Block, DomItem]] = []

    def close_run() -> None:
        if len(run) > 1:
            top = min(item.depth for _, item in run) - 1
            out.extend(Block("list_item", block.text, level=item.depth - top,
                             ordered=item.ordered) for block, item in run)
        else:
            out.extend(block for block, _ in run)
        run.clear()

    for block in blocks:
        place = items.get(block.text) if block.type == "paragraph" and not block.level else None
        if run and (place is None or place.list != run[0][1].list):
            close_run()
        if place is None:
            out.append(block)
        else:
            run.append((block, place))
    close_run()
    return out


def _with_links(block: Block, links: Mapping[str, tuple[tuple[str, str], ...]]) -> Block:
    if block.type not in ("paragraph", "heading", "list_item", "quote"):
        return block
    found = links.get("".join(block.text.split()))
    return replace(block, links=found) if found else block
