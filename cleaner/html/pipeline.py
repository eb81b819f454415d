"""HTML in, clean body out: decode, prune the DOM, extract, then the same text rules as text input.

Order, under the document's time limit (see `cleaner.html.deadline`)::

    bytes ─decode─> str ─parse─> DOM ─metadata─> fields
                                 └─prune (html rules)─> trafilatura ─(too little?)─> fallback
                                                         └─> text rules + normaliser (`clean_text`)

The front end knows nothing of the Cleaner: `Cleaner.clean_html` hands it the
text-cleaning step and the HTML side of its rule set (`PageRules`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from selectolax.lexbor import LexborHTMLParser

from cleaner.html.bounds import attributes_over, close_title, nests_deeper_than
from cleaner.html.config import HtmlConfig
from cleaner.html.deadline import Deadline
from cleaner.html.decode import decode_html
from cleaner.html.dom import ScopedRule, parse, prune, words
from cleaner.html.domblocks import dom_drafts, dom_tables
from cleaner.html.domitems import dom_items
from cleaner.html.domlinks import dom_links
from cleaner.html.errors import HTMLError, HTMLTooLarge
from cleaner.html.extract import (
    Extraction,
    fallback,
    keeps_layout_cells,
    misses_prose,
    run_trafilatura,
    run_trafilatura_tree,
    too_little,
)
from cleaner.html.headings import dom_headings
from cleaner.html.links import prune_link_cells
from cleaner.html.metadata import Metadata, read_metadata, squash
from cleaner.html.sites import CONTAINER, SiteSelection, container_page, select, unmark
from cleaner.result import Pruned, Removal, Repair, Result
from cleaner.rules.model import HtmlRule
from cleaner.structure.build import with_blocks
from cleaner.structure.text import text_drafts
from cleaner.structure.xml import tree_drafts

TITLE_RULE = "html.title"

CleanText = Callable[[str, str | None], Result]
"""The text rules run on the extracted body: ``clean_text(text, url)``."""


@dataclass(frozen=True, slots=True)
class PageRules:
    """What the HTML front end needs of a rule set."""

    # [[html]] rules by scope: "generic" or a site name.
    html: Mapping[str, Sequence[HtmlRule]]
    # Every site name the rules know: a forced `site` outside them has no HTML rules.
    sites: Collection[str]
    # The site whose hosts cover a URL's host, if any.
    site_for_url: Callable[[str], str | None]
    # The imported site rules covering a URL's host: (scope, rules) per rule set.
    imported: Callable[[str], Sequence[tuple[str, Sequence[HtmlRule]]]] = lambda url: ()


def clean_html(html: str | bytes, clean_text: CleanText, rules: PageRules, *,
               url: str | None, site: str | Sequence[str] | None,
               config: HtmlConfig, output_format: str = "text", links: bool = False
               ) -> Result:
    """Clean one web page; see `Cleaner.clean_html`.

    The site's HTML rules apply when the site is known before extraction
    (`site`, the URL's host, the page's canonical URL). A site recognised only
    afterwards, by its fingerprints in the extracted text, sends the page
    through once more with its HTML rules (within the same time limit). A page
    whose host imported rules cover is also cleaned without them: their result is
    kept unless it holds under `HtmlConfig.imported_share` of the words of that one
    (a container or a strip the site's redesign turned against its article).
    """
    deadline = Deadline(config.timeout)
    with deadline.running():
        text, repairs = _decode(html, config)
        deadline.begin("parsing")
        tree = parse(text)
        deadline.begin("pruning")
        meta = read_metadata(tree)
        sites = _dom_sites(rules, url or meta.canonical_url, site)
        page_url = url or meta.canonical_url
        imported = [ScopedRule(scope, rule) for scope, found in
                    (rules.imported(page_url) if config.imported_rules and page_url else ())
                    for rule in found]
        result = _clean_page(clean_text, rules, tree, text, meta, sites, url=url,
                             config=config, deadline=deadline, output_format=output_format,
                             links=links, imported=imported)
        late = [s for s in result.sites if s not in sites and s in rules.html]
        if late and not site:
            deadline.begin("parsing")
            sites = [*sites, *late]
            result = _clean_page(clean_text, rules, parse(text), text, meta, sites,
                                 url=url, config=config, deadline=deadline,
                                 output_format=output_format, links=links,
                                 imported=imported)
        if imported:
            deadline.begin("parsing")
            plain = _clean_page(clean_text, rules, parse(text), text, meta, sites, url=url,
                                config=config, deadline=deadline, output_format=output_format,
                                links=links)
            result = _with_or_without(result, plain, imported, config.imported_share)
    return replace(result, repairs=(*repairs, *result.repairs))


def _with_or_without(result: Result, plain: Result, imported: Sequence[ScopedRule],
                     share: float) -> Result:
    """The page cleaned with its imported rules, unless it keeps under `share` of the
    words the page keeps without them (then that, with a warning naming the rules)."""
    found, without = words(result.text), words(plain.text)
    if found >= share * without:
        return _with_head(result, plain)
    scopes = ", ".join(dict.fromkeys(r.scope for r in imported))
    warning = (f"html: the imported rules of {scopes} kept {found} words, under "
               f"{share:.0%} of the {without} kept without them: not applied")
    return replace(plain, warnings=(*plain.warnings, warning))


HEAD_LINES = 2


def _with_head(result: Result, plain: Result) -> Result:
    """`result` with the lines the page's own extraction (`plain`) holds above the
    first line they share, when there are at most `HEAD_LINES` (a headline that is not
    the page's title, a standfirst): community containers start at the first
    paragraph. Only for text output (blocks are written from the extractor's tree)."""
    lines = result.text.split("\n\n")
    theirs = plain.text.split("\n\n")
    if result.blocks is not None or not lines[0] or lines[0] not in theirs:
        return result
    head = theirs[:theirs.index(lines[0])]
    if not head or len(head) > HEAD_LINES or any(line in lines for line in head):
        return result
    return replace(result, text="\n\n".join([*head, result.text]))


def _clean_page(clean_text: CleanText, page_rules: PageRules, tree: LexborHTMLParser,
                text: str, meta: Metadata, sites: Sequence[str], *, url: str | None,
                config: HtmlConfig, deadline: Deadline, output_format: str = "text",
                links: bool = False, imported: Sequence[ScopedRule] = ()) -> Result:
    """Prune `tree` (the parsed `text`) with the generic and `sites`' HTML rules, extract, clean.

    The `imported` site rules strip first, and their container, when one is on the
    page, is what the text is extracted from.

    With an `output_format` other than ``text``, the text cleaned is written
    from trafilatura's tree, one line per block unit (`tree_drafts`), and the
    blocks are what of them the rules keep; with `links`, each with the page's
    links in its text.
    """
    rules = [ScopedRule(scope, rule) for scope in ("generic", *sites)
             for rule in page_rules.html.get(scope, ())]
    body_selectors = [s for r in rules for s in r.rule.body]
    deadline.begin("pruning")
    selection = select(tree, imported) if imported else SiteSelection()
    protect = [*body_selectors, CONTAINER] if selection.container_rule else body_selectors
    # The site's own strips first, as upstream applies them.
    pruning = prune(tree, [*imported, *rules], protect=protect, source=text,
                    matched=selection.removals)
    container = container_page(tree) if selection.container_rule else ""
    if imported:
        unmark(tree)
    warnings = pruning.warnings
    if config.link_cells and not body_selectors:  # the site says where its body is
        pruning.pruned.extend(prune_link_cells(tree, pruning.suspects))
    deadline.begin("extraction")
    structured = output_format != "text"
    if container:
        extraction = _extract(parse(container), url, (), set(), config, warnings, structured)
    else:
        extraction = _extract(tree, url, body_selectors, pruning.suspects, config, warnings,
                              structured)
    if selection.stale and not container:
        warnings.append(f"html: site rule{'s' * (len(selection.stale) > 1)} "
                        f"{', '.join(selection.stale)} found no container on the page (the "
                        "site may have changed): extracted from the whole page")
    deadline.begin("text rules")
    source = extraction.text
    if extraction.body is not None:
        source, drafts = tree_drafts(extraction.body, dom_tables(tree))
    elif structured and extraction.nodes:
        source, drafts = dom_drafts(extraction.nodes)
    elif structured:
        drafts = text_drafts(source)
    body, title_removal = _drop_title(source, meta)
    result = clean_text(body, url or meta.canonical_url)
    removed = (title_removal, *result.removed) if title_removal else result.removed
    if structured:
        result = with_blocks(replace(result, removed=removed), source, drafts, output_format,
                             known=dom_headings(tree), items=dom_items(tree),
                             links=dom_links(tree, url or meta.canonical_url) if links else None)
    return replace(
        result, removed=removed, warnings=(*warnings, *result.warnings), title=meta.title,
        author=meta.author, date=meta.date, sitename=meta.sitename,
        canonical_url=meta.canonical_url, captions=_captions(meta, pruning.pruned, rules),
        pruned=tuple(pruning.pruned))


def _captions(meta: Metadata, pruned: Sequence[Pruned], rules: Sequence[ScopedRule]
              ) -> tuple[str, ...]:
    """The page's figcaptions, then the text of elements a `route = "captions"` rule removed."""
    routed = {r.rule.id for r in rules if r.rule.route == "captions"}
    found = dict.fromkeys(meta.captions)
    for item in pruned:
        if item.rule in routed and item.text:
            found.setdefault(item.text, None)
    return tuple(found)


def _decode(html: str | bytes, config: HtmlConfig) -> tuple[str, list[Repair]]:
    size = len(html)
    if size > config.max_bytes:
        unit = "bytes" if isinstance(html, bytes) else "characters"
        raise HTMLTooLarge(f"HTML is {size:,} {unit}, over the {config.max_bytes:,} limit")
    if isinstance(html, str):
        text, repairs = html, []
    else:
        text, encoding = decode_html(html)
        repairs = [] if encoding in ("utf-8", "ascii") else [Repair("decode", 1, encoding)]
    closed = close_title(text)
    if closed is not None:
        text = closed
        repairs.append(Repair("html-title", 1, "closed a <title> the page never closes"))
    if nests_deeper_than(text, config.max_depth):
        raise HTMLTooLarge(f"HTML nests elements over {config.max_depth:,} deep")
    most, total = attributes_over(text, config.max_attributes, config.max_total_attributes)
    if most:
        raise HTMLTooLarge(f"HTML has an element with {most:,} attributes, over the "
                           f"{config.max_attributes:,} limit")
    if total > config.max_total_attributes:
        raise HTMLTooLarge(f"HTML has {total:,} attributes, over the "
                           f"{config.max_total_attributes:,} limit")
    return text, repairs


def _dom_sites(rules: PageRules, url: str | None, site: str | Sequence[str] | None
               ) -> list[str]:
    if site:
        # Unknown names are reported by the text rules (`clean_text`) with the known sites.
        names = [site] if isinstance(site, str) else list(site)
        return [n for n in names if n in rules.sites]
    found = rules.site_for_url(url) if url else None
    return [found] if found else []


def _extract(tree: LexborHTMLParser, url: str | None, body_selectors: Sequence[str],
             suspects: set[int], config: HtmlConfig, warnings: list[str],
             structured: bool = False) -> Extraction:
    """trafilatura's passes in turn, the first that finds enough; else the fallback.

    A later pass runs only when the earlier one finds too little: trafilatura
    with its own fallbacks recovers most pages its fast pass misses, and does
    so better than the one-element fallback. Enough is at least `min_words` and
    `min_share` of the fallback's text, and, but for the last pass,
    `min_prose_share` of the words of all the page's prose paragraphs (a
    forum thread of which the fast pass keeps one post), and, on a page laid out
    in tables, `min_prose_lines` of its words in prose lines. A text that misses
    only the prose, or keeps the layout's cells, is kept when no later pass finds
    enough.
    """
    html = tree.html or ""
    alternative = fallback(tree, body_selectors, suspects)
    partial: Extraction | None = None
    for extraction in config.passes:
        body = None
        try:
            if structured:  # the tree as well: the blocks are read from it
                text, body = run_trafilatura_tree(html, url, extraction)
            else:
                text = run_trafilatura(html, url, extraction)
        except HTMLError:
            raise
        except Exception as exc:  # a crash in the extractor must not lose the page
            warnings.append(f"html: trafilatura ({extraction}) failed ({type(exc).__name__}: "
                            f"{exc})")
            text = ""
        if alternative is not None and too_little(text, alternative.text, config.min_words,
                                                  config.min_share):
            warnings.append(f"html: trafilatura ({extraction}) kept {len(text.split())} words")
        elif extraction != config.passes[-1] and (doubt := _doubt(text, tree, suspects,
                                                                   config)):
            warnings.append(f"html: trafilatura ({extraction}) kept {doubt}")
            partial = Extraction(text, "trafilatura", body) if partial is None else partial
        else:
            return Extraction(text, "trafilatura", body)
    if partial is not None:
        return partial
    assert alternative is not None  # every pass found enough when there is none
    warnings.append(f"html: used the {alternative.method} ({len(alternative.text.split())} "
                    "words)")
    return alternative


def _doubt(text: str, tree: LexborHTMLParser, suspects: set[int], config: HtmlConfig
           ) -> str | None:
    """Why a text of enough words may still not be the article (a later pass may do
    better), or None."""
    if misses_prose(text, tree, suspects, config.min_prose_share):
        return f"{words(text)} words, under {config.min_prose_share:.0%} of the page's prose"
    if keeps_layout_cells(text, tree, config.layout_tables, config.min_prose_lines):
        return (f"a layout table's cells (under {config.min_prose_lines:.0%} of its words "
                "in prose)")
    return None


def _drop_title(text: str, meta: Metadata) -> tuple[str, Removal | None]:
    """The headline goes to `Result.title`: blank the first line when it repeats the title.

    Blanked rather than cut, so that line numbers in explanations stay those
    of the extracted text.
    """
    titles = [t for t in (meta.title, meta.headline) if t]
    first, sep, rest = text.partition("\n")
    if not first.strip() or not any(_same_title(first, t) for t in titles):
        return text, None
    return "\n" + rest if sep else "", Removal(line=1, text=first, rule=TITLE_RULE)


def _same_title(line: str, title: str) -> bool:
    """Whether a line is the page's title (its first part before " | " or " - " counts).

    >>> _same_title("Le président parle", "Le président parle | Le Monde")
    True
    >>> _same_title("Le président parle aux Français", "Le président parle")
    False
    """
    key = squash(line).casefold()
    title = squash(title).casefold()
    if key == title:
        return True
    return any(key == title.partition(sep)[0].strip() for sep in (" | ", " - ", " – ", " — "))
