"""A covered site's imported rules on the page: XPath matches, and the article's container.

Imported rules (`cleaner.rules.catalogue`) say where a site prints its article
(``container``, ``container_xpath``: tried in order, the first that holds text wins) and
what to strip (``remove``, ``remove_xpath``). The strips go through the same guarded
pruning as every HTML rule (with guards of their own, `cleaner.html.dom`); the container,
when one matches, is what the text is extracted from (`cleaner.html.pipeline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.dom import ScopedRule, block_text
from cleaner.html.xpath import xpath_select

STRIP_MARK = "data-cleaner-strip"
CONTAINER_MARK = "data-cleaner-container"
CONTAINER = f"[{CONTAINER_MARK}]"


@dataclass
class SiteSelection:
    """What a page's imported rules select before pruning, marked on the elements.

    Marked rather than held: pruning frees the elements it removes, and a held
    element inside one would be freed memory. `removals`: rule id -> the selector
    of the elements its XPath strips matched; `container_rule`: the rule that found
    the article's container (its outermost elements carry `CONTAINER`); `stale`: the
    container rules tried that matched nothing with text.
    """

    removals: dict[str, str] = field(default_factory=dict)
    container_rule: str | None = None
    stale: list[str] = field(default_factory=list)


def select(tree: LexborHTMLParser, rules: Sequence[ScopedRule]) -> SiteSelection:
    """Mark what the rules' XPath strips match, and the first container that holds text."""
    expressions = [x for r in rules for x in (*r.rule.remove_xpath, *r.rule.container_xpath)]
    found = xpath_select(tree, expressions) if expressions else {}
    selection = SiteSelection()
    for number, scoped in enumerate(rules):
        rule = scoped.rule
        nodes = [n for x in rule.remove_xpath for n in found[x]]
        for node in nodes:
            marks = node.attrs.get(STRIP_MARK)
            node.attrs[STRIP_MARK] = f"{marks} {number}" if marks else str(number)
        if nodes:
            selection.removals[rule.id] = f'[{STRIP_MARK}~="{number}"]'
        if selection.container_rule or not (rule.container or rule.container_xpath):
            continue
        matched = [n for s in rule.container for n in tree.css(s)]
        matched += [n for x in rule.container_xpath for n in found[x]]
        outermost = _outermost(matched)
        if any(block_text(n) for n in outermost):
            selection.container_rule = rule.id
            for node in outermost:
                node.attrs[CONTAINER_MARK] = ""
        else:
            selection.stale.append(rule.id)
    return selection


def unmark(tree: LexborHTMLParser) -> None:
    """Take `select`'s marks off the page (the extractor must see it as it was)."""
    for node in tree.css(f"[{STRIP_MARK}], {CONTAINER}"):
        for mark in (STRIP_MARK, CONTAINER_MARK):
            if mark in node.attrs:
                del node.attrs[mark]


def _outermost(nodes: Sequence[LexborNode]) -> tuple[LexborNode, ...]:
    """The nodes none of whose ancestors is among them, each once, in their order."""
    ids = {n.mem_id for n in nodes}
    out: dict[int, LexborNode] = {}
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.setdefault(node.mem_id, node)
    return tuple(out.values())


def container_page(tree: LexborHTMLParser) -> str:
    """The page with only its marked container left in its body: every element beside
    the container and its ancestors is removed (the ancestors stay, so the extractor sees
    the page's structure around the article), and the marks are taken off.

    >>> tree = LexborHTMLParser("<html><head><title>T</title></head><body><nav>Menu</nav>"
    ...                         "<main>Top<div data-cleaner-container><p>Text</p></div>"
    ...                         "<aside>Ads</aside></main></body></html>")
    >>> container_page(tree)
    '<html><head><title>T</title></head><body><main><div><p>Text</p></div></main></body></html>'
    """
    copy = LexborHTMLParser(tree.html or "")
    keep: set[int] = set()
    containers = copy.css(CONTAINER)
    for node in containers:
        parent = node.parent
        while parent is not None and parent.mem_id not in keep:
            keep.add(parent.mem_id)
            parent = parent.parent
    contained = {n.mem_id for n in containers}
    body = copy.body
    if body is not None:
        _keep_only(body, keep, contained)
    unmark(copy)
    return copy.html or ""


def _keep_only(node: LexborNode, path: set[int], containers: set[int]) -> None:
    """Remove the children of `node` off the path to a container, recursively."""
    for child in list(node.iter(include_text=True)):
        if child.mem_id in containers:
            continue
        if child.mem_id in path:
            _keep_only(child, path, containers)
        else:
            child.decompose()
