"""The page's DOM: parse once with selectolax (lexbor), prune junk by the rules' selectors.

A removal is guarded: an element that holds the article (``<article>``,
``<main>``, ``itemprop=articleBody``, the site's body selector) or several
paragraphs of prose is never removed, whatever the selector says, so a
too-wide class name (``[class*=share]`` on ``article-share-wrapper``) costs a
junk block at worst, never the body.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.metadata import node_text, squash
from cleaner.result import Pruned
from cleaner.rules.model import HtmlRule

_NEVER_REMOVED = frozenset({"html", "head", "body", "main", "article"})
_HOLDS_ARTICLE = 'article, main, [itemprop="articleBody"], [role="main"]'
# A paragraph of prose: a sentence-long run of words.
PROSE_WORDS = 20
_MAX_PROSE_PARAGRAPHS = 1
_MAX_PROSE_WORDS = 120
# Running text in short blocks (a live blog's updates): lines that end as sentences do.
_SENTENCE_WORDS = 8
_MAX_SENTENCES = 3
_SENTENCE_END = (".", "!", "?", "…", ".\u201d", ".\"", "»", "\u3002")
_WORD = re.compile(r"\w+")
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3",
                     "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "dd",
                     "dt", "dl", "figure", "figcaption", "header", "footer", "aside", "nav",
                     "address", "br", "hr", "body", "form", "fieldset", "details", "summary"})
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "button",
                      "select", "option", "textarea", "head"})


@dataclass(frozen=True, slots=True)
class ScopedRule:
    """An HTML rule with the scope it runs under ('generic' or a site name)."""

    scope: str
    rule: HtmlRule


def parse(html: str) -> LexborHTMLParser:
    """The page's DOM."""
    return LexborHTMLParser(html)


def words(text: str) -> int:
    """How many words a text has (``\\w+`` runs, as the benchmark counts them).

    >>> words("Le président, l'homme.")
    4
    """
    return len(_WORD.findall(text))


@dataclass
class Pruning:
    """What `prune` did: the removed elements, the warnings, and the elements a rule
    matched but the guard kept (a comment section full of prose): the fallback
    does not look for the article inside those."""

    pruned: list[Pruned]
    warnings: list[str]
    suspects: set[int]


def prune(tree: LexborHTMLParser, rules: Iterable[ScopedRule],
          protect: Sequence[str] = (), source: str | None = None, *,
          matched: Mapping[str, str] | None = None) -> Pruning:
    """Remove every element a rule's selector matches, unless it holds the article.

    `source`, the page's HTML, lets a selector whose required text (the class
    name it looks for) appears nowhere in the page be skipped: most of a
    multilingual list never applies to a given page, and lexbor's cost is per
    selector and element. `matched`: rule id -> a selector of the elements its
    XPath selectors matched, marked beforehand (`cleaner.html.sites`).
    """
    names = attribute_names(source) if source is not None else None
    pruned: list[Pruned] = []
    warnings: list[str] = []
    suspects: set[int] = set()
    protected = _protected_ids(tree, protect)
    for scoped in rules:
        selectors = [s for s in scoped.rule.remove
                     if names is None or required_text(s) in names]
        marked = matched.get(scoped.rule.id) if matched else None
        if not selectors and not marked:
            continue
        # One query per rule (lexbor walks the tree once for a selector list).
        nodes = tree.css(", ".join(selectors)) if selectors else []
        by_xpath = tree.css(marked) if marked else []
        xpath_ids = {n.mem_id for n in by_xpath} - {n.mem_id for n in nodes}
        targets = [*nodes, *(n for n in by_xpath if n.mem_id in xpath_ids)]
        imported = scoped.rule.origin is not None
        if imported and (reason := _prose_together(targets)):
            warnings.append(f"html rule '{scoped.rule.id}' not applied: {reason}")
            continue
        for node in targets:
            if not _attached(node):
                continue  # inside an element already removed
            reason = _guard(node, protected) or (_imported_guard(node) if imported else None)
            if reason:
                if node.mem_id not in suspects:
                    suspects.add(node.mem_id)
                    warnings.append(f"html rule '{scoped.rule.id}' matched <{node.tag}"
                                    f"{_describe_attrs(node)}> but kept it: {reason}")
                continue
            which = (", ".join(scoped.rule.remove_xpath) if node.mem_id in xpath_ids
                     else _which(node, scoped.rule.remove))
            pruned.append(Pruned(rule=scoped.rule.id, selector=which,
                                 text=node_text(node)[:1000], scope=scoped.scope))
            node.decompose()
    return Pruning(pruned, warnings, suspects)


_CLASS_OR_ID = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
                          re.IGNORECASE)


def attribute_names(html: str) -> str:
    """Every class and id value of a page, lowercased, one per line: what a selector's
    required text is looked for in.

    >>> attribute_names('<div class="Share-Bar x" id=top><p CLASS="lede">').split()
    ['share-bar', 'x', 'top', 'lede']
    """
    return "\n".join("".join(groups) for groups in _CLASS_OR_ID.findall(html)).lower()


_QUOTED = re.compile(r'''["\']([^"\']+)["\']''')
_NAME = re.compile(r"[#.]?([A-Za-z][\w\-]*)")


@functools.lru_cache(maxsize=4096)
def required_text(selector: str) -> str:
    """Lowercase text a page's class or id values must contain for the selector to match
    ('' when the selector is not a simple class or id test: every page "contains" it).

    >>> required_text('[class*="Partage" i]'), required_text("#comments"), required_text(".ads")
    ('partage', 'comments', 'ads')
    >>> required_text("figcaption"), required_text("div > p"), required_text('[data-x="y"]')
    ('', '', '')
    """
    if selector.startswith(("[class", "[id")):
        if selector.count("]") != 1 or not selector.endswith("]"):
            return ""
        quoted = _QUOTED.search(selector)
        return quoted.group(1).lower() if quoted else ""
    name = _NAME.fullmatch(selector)
    if name and selector[0] in "#.":
        return name.group(1).lower()
    return ""


def _which(node: LexborNode, selectors: Sequence[str]) -> str:
    """The first of a rule's selectors that matches the node (for the explanation)."""
    scope = node.parent or node
    for selector in selectors:
        if any(match.mem_id == node.mem_id for match in scope.css(selector)):
            return selector
    return ", ".join(selectors)


def _attached(node: LexborNode) -> bool:
    return has_ancestor(node, "html")


def has_ancestor(node: LexborNode, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _protected_ids(tree: LexborHTMLParser, selectors: Sequence[str]) -> set[int]:
    """The article's elements and all their ancestors: removing any of them loses the body."""
    ids: set[int] = set()
    for node in tree.css(", ".join((_HOLDS_ARTICLE, *selectors))):
        current: LexborNode | None = node
        while current is not None and current.mem_id not in ids:
            ids.add(current.mem_id)
            current = current.parent
    return ids


def _guard(node: LexborNode, protected: set[int]) -> str | None:
    if node.tag in _NEVER_REMOVED:
        return f"a <{node.tag}> element is never removed"
    if node.mem_id in protected:
        return "it holds the article body"
    return running_text(node)


def running_text(node: LexborNode) -> str | None:
    """Why an element holds running text (None: it does not): two paragraphs of prose, or
    over 120 words of them, or over three sentence-long blocks (live-blog updates).

    A caption, a comment counter, a related box's headlines hold none; a figcaption
    holding a teaser's paragraphs or a live blog in a "comments" container do.

    >>> running_text(parse("<div><p>Photo: a bridge over the river at dusk, 2019.</p></div>"))
    >>> running_text(parse("<div>" + "<div>A short update that ends as a sentence does.</div>" * 4
    ...                    + "</div>").css_first("div"))
    'it holds 4 blocks of running text (36 words)'
    """
    if words(node.text()) <= _SENTENCE_WORDS * _MAX_SENTENCES:
        return None  # too short for either test (most junk): skip splitting it into blocks
    lines = [words(line) for line in block_text(node).splitlines()
             if line.rstrip().endswith(_SENTENCE_END)]
    prose = [n for n in lines if n >= PROSE_WORDS]
    if len(prose) > _MAX_PROSE_PARAGRAPHS or sum(prose) > _MAX_PROSE_WORDS:
        return f"it holds {len(prose)} paragraphs of prose ({sum(prose)} words)"
    sentences = [n for n in lines if n >= _SENTENCE_WORDS]
    if len(sentences) > _MAX_SENTENCES:
        return f"it holds {len(sentences)} blocks of running text ({sum(sentences)} words)"
    return None


def _prose_together(nodes: Sequence[LexborNode]) -> str | None:
    """Why an imported rule's matches, taken together, hold running text (None: they do
    not): a class name a site's build tool regenerates lands on every paragraph, each
    too short for the per-element guard (`running_text`).

    >>> tree = parse(("<p class=a>" + "Une phrase de sept mots et plus. " * 3 + "</p>") * 2)
    >>> _prose_together(tree.css("p.a"))
    'its 2 matches hold 2 paragraphs of prose (42 words)'
    """
    prose = [n for node in nodes if _attached(node) for line in block_text(node).splitlines()
             if line.rstrip().endswith(_SENTENCE_END) and (n := words(line)) >= PROSE_WORDS]
    if len(prose) > _MAX_PROSE_PARAGRAPHS or sum(prose) > _MAX_PROSE_WORDS:
        return (f"its {len(nodes)} matches hold {len(prose)} paragraphs of prose "
                f"({sum(prose)} words)")
    return None


_INLINE = frozenset({"a", "span", "b", "strong", "em", "i", "u", "s", "small", "sup", "sub",
                     "abbr", "cite", "code", "mark", "q", "time", "font", "var", "kbd"})


_HEADINGS = "h1, h2, h3, h4, h5, h6"


def _imported_guard(node: LexborNode) -> str | None:
    """Why an imported strip must keep this element (None: it may go): a line break, a
    heading (the community rules strip the headline, which they extract apart; here the
    headline is `Result.title`, and a subheading is the body's), or a piece of a sentence.

    >>> tree = parse("<div class=t><h2>Data at scale</h2></div><div class=t>Share</div>")
    >>> [_imported_guard(n) for n in tree.css("div.t")]
    ['it is a heading', None]
    """
    if node.tag == "br":
        return "a line break joins the lines around it when removed"
    if node.tag in _HEADINGS.split(", "):
        return "it is a heading"
    heading = node.css_first(_HEADINGS)
    if heading is not None and words(heading.text()) == words(node.text()) > 0:
        return "it is a heading"
    return _in_sentence(node)


def _in_sentence(node: LexborNode) -> str | None:
    """Why an inline element is part of a sentence (None: it is not): words run on
    either side of it in the same block. An imported strip written for a link or a
    label the site has since moved must not cut a sentence in two.

    >>> tree = parse("<p>Il coûte <a>5 euros</a> par mois.</p><div><a>Partager</a></div>")
    >>> _in_sentence(tree.css("a")[0]), _in_sentence(tree.css("a")[1])
    ('it stands inside a sentence', None)
    """
    if node.tag not in _INLINE:
        return None
    for sibling in (node.prev, node.next):
        if sibling is not None and sibling.tag == "-text" and _WORD.search(
                sibling.text_content or ""):
            return "it stands inside a sentence"
    return None


def _describe_attrs(node: LexborNode) -> str:
    attrs = node.attributes
    shown = [f' {k}="{attrs[k]}"' for k in ("id", "class") if attrs.get(k)]
    return "".join(shown)[:120]


def block_text(node: LexborNode) -> str:
    """An element's text as paragraphs: one line per block element, inline tags joined.

    >>> tree = parse("<div><p>Un <b>gros</b> titre</p><ul><li>un</li><li>deux</li></ul></div>")
    >>> block_text(tree.css_first("div"))
    'Un gros titre\\nun\\ndeux'
    """
    paragraphs: dict[int, list[str]] = {}
    order: list[int] = []
    for text_node, block in _text_nodes(node):
        if block not in paragraphs:
            paragraphs[block] = []
            order.append(block)
        paragraphs[block].append(text_node)
    lines = (squash("".join(paragraphs[b])) for b in order)
    return "\n".join(line for line in lines if line)


def _text_nodes(root: LexborNode) -> Iterator[tuple[str, int]]:
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        block, skipped = _block_of(node, root)
        if not skipped:
            yield node.text_content or "", block


def _block_of(node: LexborNode, root: LexborNode) -> tuple[int, bool]:
    parent = node.parent
    block = root.mem_id
    found = False
    while parent is not None:
        if parent.tag in _SKIPPED:
            return 0, True
        if not found and parent.tag in _BLOCKS:
            block, found = parent.mem_id, True
        if parent.mem_id == root.mem_id:
            break
        parent = parent.parent
    return block, False


def densest_block(tree: LexborHTMLParser, avoid: Set[int] = frozenset()) -> LexborNode | None:
    """The element whose own paragraphs hold the most words: where the article usually is.

    Paragraphs inside an `avoid` element (one a rule matched but the guard
    kept, such as a comment section) do not count.
    """
    scores: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is None or (avoid and _inside(paragraph, avoid)):
            continue
        count = words(paragraph.text())
        if count:
            scores[parent.mem_id] = scores.get(parent.mem_id, 0) + count
            nodes[parent.mem_id] = parent
    if not scores:
        return None
    return nodes[max(scores, key=scores.__getitem__)]


def prose_words(tree: LexborHTMLParser, avoid: Set[int] = frozenset()) -> int:
    """The words of all the page's prose paragraphs, wherever they are (outside `avoid`).

    A thread of posts or a page of sections spreads its text over many
    containers, where the densest block holds one of them.

    >>> prose_words(parse("<div><p>" + "mot " * 25 + "</p></div><div><p>" + "mot " * 30
    ...                   + "</p><p>Accueil</p></div>"))
    55
    """
    total = 0
    for paragraph in tree.css("p"):
        count = words(paragraph.text())
        if (count >= PROSE_WORDS and not (avoid and _inside(paragraph, avoid))
                and not has_ancestor(paragraph, "li")):
            total += count
    return total


def _inside(node: LexborNode, ids: Set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False
