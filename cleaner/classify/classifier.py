"""The generic line classifier: junk on pages no site rule knows, decided from the text alone.

A whole-page dump is navigation, then the article, then lists, footers and
notices. The article is the one long run of prose: each line is scored
(prose for, by its words; short lines, lexicon junk and headline lists
against) and the body is the stretch of lines with the highest total (a
maximum-sum run), so a short line *between* paragraphs (a subheading, a
quote's attribution) stays with the body. Then, every removal named:

- ``classifier.lexicon.<category>``: a junk phrase from the lexicons
  (advertising, share, subscribe, cookie, read more, ...), anywhere; a
  navigation word ("World", "Sport") only outside the body, since inside it
  may be a subheading;
- ``classifier.head-zone`` / ``classifier.tail-zone``: lines before / after
  the body that do not read as prose, when that zone is a real one (several
  lines), so that one subtitle above an article is not taken;
- ``classifier.menu-run``: inside the body, a run of several short or
  headline-like lines (a menu, a "Most read" list) that no paragraph breaks,
  marked by a lexicon line in it or right above it.

Position never takes what `guards` protects: a lede above a dateline, prose
just after the body, a list the body announces, a subheading under a list.
Cookie, newsletter and licence notices weigh as junk in the search for the
body (long ones too, which are not removed for it), so that it is never found
on one; and when the position decisions would leave less than a third of the
page's prose (the span missed the article), they take no prose line at all.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass

from cleaner.classify.features import (
    CONTAINS_MAX_WORDS,
    JUNK_SCORE,
    Features,
    Kind,
    LineView,
    not_plain_prose,
    read_lines,
)
from cleaner.classify.guards import MAX_LIST, headline, protected, standfirst
from cleaner.classify.lexicon import Lexicon, default_lexicon

MIN_BODY_SCORE = 20.0  # below this, no line reads as an article: decide nothing by position
MIN_ZONE_LINES = 3  # a head or tail zone of fewer lines is left alone
MIN_PAGE_HITS = 3  # lexicon lines that show a text is a whole page
MIN_PAGE_HEAD = 10  # or lines before the body
SECOND_BODY = 0.5  # a run outside the body this strong is body too
KEPT_PROSE = 1 / 3  # the share of a page's prose words position decisions must leave
_FIGURE = re.compile(r"\d")
MIN_ROWS = 2  # lines cut into the same cells that make a table
MIN_RUN = 3  # lines in a run before it is a menu or a list (two may be a subheading pair)
# Categories whose phrases are junk wherever they stand; others (navigation) only outside.
_ANYWHERE = frozenset({"ad", "share", "subscribe", "newsletter", "cookie", "read_more",
                       "comments", "copyright"})
_NOTICES = frozenset({"cookie", "newsletter", "copyright"})


# What each lexicon category holds, for `clean rules list` (a new category shows its name).
CATEGORY_HELP = {
    "ad": "advertising markers (Advertisement, PUBLICITÉ)",
    "share": "share and follow buttons",
    "subscribe": "subscription and log-in prompts",
    "newsletter": "newsletter sign-up prompts",
    "cookie": "cookie consent and ad-blocker notices",
    "read_more": "links to other articles (Read more, Most read)",
    "comments": "comment-section headers",
    "copyright": "copyright notices",
    "nav": "navigation words (Home, World, Sport)",
}
# The name under which the headline is kept, against the head zone (`Result.kept`).
HEADLINE_RULE = "classifier.headline"
# The rule ids of the decisions made by position, and what each removes (`decision_ids`).
POSITION_DECISIONS: tuple[tuple[str, str], ...] = (
    ("classifier.head-zone", "Before the body of a page, the lines, when there are at "
                             f"least {MIN_ZONE_LINES} of them; not a lede above a dateline, "
                             f"nor the headline (kept as {HEADLINE_RULE}) and its standfirst."),
    ("classifier.tail-zone", "After the body of a page, the lines, when there are at least "
                             f"{MIN_ZONE_LINES} of them; not prose going on after a line or "
                             "two, nor a list the body announces."),
    ("classifier.menu-run", f"Inside the body, a run of {MIN_RUN} or more short or "
                            "headline-like lines no paragraph breaks (a menu, a list), with "
                            "a lexicon line in it or right above it; not a list the body "
                            "announces, nor a subheading under a list."),
)


def decision_ids(lexicon: Lexicon | None = None) -> list[tuple[str, str]]:
    """Every rule id the classifier gives a removal, with what it removes.

    >>> [rule for rule, _ in decision_ids()][-3:]
    ['classifier.head-zone', 'classifier.tail-zone', 'classifier.menu-run']
    """
    ids = []
    for category in (lexicon or default_lexicon()).categories():
        where = "anywhere" if category in _ANYWHERE else "outside the body of a page"
        what = CATEGORY_HELP.get(category, f"phrases filed under {category!r}")
        ids.append((f"classifier.lexicon.{category}",
                    f"A line of the lexicons' {what}, {where}."))
    ids.extend(POSITION_DECISIONS)
    return ids


@dataclass(frozen=True, slots=True)
class Decision:
    """One line to remove: its position among the lines given, the rule, and why."""

    index: int
    rule: str
    detail: str


def classify(lines: Sequence[LineView], lang: str | None,
             lexicon: Lexicon | None = None, *, whole_page: bool = True) -> list[Decision]:
    """The lines to remove among `lines` (the kept lines, in order), each with its reason.

    `whole_page=False` for text an extractor already cut down to the article
    (the HTML path): only lexicon decisions then, never zones or runs, which
    would take a table or a list the extractor rightly kept for furniture.

    >>> from cleaner.classify.features import Text
    >>> menu = [Text.of(word) for word in ("Home", "World", "Sport")]
    >>> body = [Text.of("The minister said on Monday that the talks would resume soon.")] * 3
    >>> [(d.index, d.rule) for d in classify(menu + body, "en")]
    [(0, 'classifier.lexicon.nav'), (1, 'classifier.lexicon.nav'), (2, 'classifier.lexicon.nav')]
    >>> classify(body, "en")
    []
    """
    return judge(lines, lang, lexicon, whole_page=whole_page).decisions


class Judgement:
    """`classify`'s decisions, and whether they may depend on the language it was given.

    A plain class, not a dataclass: compiled, a dataclass's generated ``__init__``
    stays interpreted, and one is built for every document.
    """

    __slots__ = ("by_language", "decisions", "headline", "headline_why")

    def __init__(self, decisions: list[Decision], by_language: bool,
                 headline: int | None = None, headline_why: str = "") -> None:
        self.decisions = decisions
        self.by_language = by_language
        # The page's headline above the body, by index, kept by position; and why it is one.
        self.headline = headline
        self.headline_why = headline_why


def judge(lines: Sequence[LineView], lang: str | None,
          lexicon: Lexicon | None = None, *, whole_page: bool = True,
          bylined: Container[int] = ()) -> Judgement:
    """`classify`, telling whether another language could change its decisions: never for
    an article (`is_article` finds one whatever the language), else when a line was read
    by its share of stopwords. `bylined`: the lines, by index, a rule removed a byline or
    date under (see `guards.headline`).
    """
    lexicon = lexicon or default_lexicon()
    stopwords = lexicon.stopwords.get(lang or "", lexicon.all_stopwords)
    if is_article(lines, lexicon, stopwords):
        return Judgement([], by_language=False)
    feats = read_lines(lines, lexicon, stopwords)
    weights = scores(lines, feats)
    start, end, total = body_span(weights)
    page = whole_page and is_page(feats, start)
    notices, long_notices = _notices(lines, feats, lexicon) if page else ({}, [])
    heavy = [*notices, *long_notices]
    if any(weights[index] > 0 for index in heavy):
        # A cookie or licence notice written as sentences weighs as junk in the search,
        # so that the body is never found on it.
        for index in heavy:
            weights[index] = JUNK_SCORE
        start, end, total = body_span(weights)
    decisions: dict[int, Decision] = {}
    for index, feat in enumerate(feats):
        hit = feat.hit
        if hit is None or (not page and hit.how in ("starts", "ends")):
            continue
        if hit.category in _ANYWHERE or not start <= index < end:
            decisions[index] = Decision(index, f"classifier.lexicon.{hit.category}", feat.why)
    for index, decision in notices.items():
        decisions.setdefault(index, decision)
    title = headline(lines, feats, start, decisions, bylined) if page else None
    if page and total >= MIN_BODY_SCORE:
        keep = protected(lines, feats, start, end)
        if title is not None:
            keep.setdefault(title[0], "headline")
            standfirst(feats, title[0], start, keep)
        placed: dict[int, Decision] = {}
        for zone, name in ((range(0, start), "head"), (range(end, len(feats)), "tail")):
            for piece, part_start, part_end in _outside(weights, zone, total):
                _zone(feats, piece, name, placed)
                _runs(feats, part_start, part_end, placed)
        _runs(feats, start, end, placed)
        if not enough_prose(feats, placed, decisions):
            # The span missed the article (a sidebar, a notice outweighed it): position
            # takes no prose line then, so a page with prose never comes out near-empty.
            placed = {index: decision for index, decision in placed.items()
                      if feats[index].kind is not Kind.BODY}
        for index, decision in placed.items():
            if index not in keep:
                decisions.setdefault(index, decision)
    if title is not None and title[0] in decisions:
        title = None
    return Judgement([decisions[i] for i in sorted(decisions)],
                     any(feat.by_stopwords for feat in feats),
                     *(title if title is not None else (None, "")))


def is_article(lines: Sequence[LineView], lexicon: Lexicon, stopwords: frozenset[str]) -> bool:
    """True when the lines hold no lexicon line and too few lines that are not prose to
    make a page (see `is_page`): an article, with nothing for the classifier to decide.

    Only the lines that may not be plain prose are read: the others give no reason and
    no hit, and on a clean article they are nearly all of them.

    >>> from cleaner.classify.features import Text
    >>> is_article([Text.of("The minister said on Monday that the talks would resume soon.")],
    ...            default_lexicon(), frozenset())
    True
    >>> is_article([Text.of("Accueil")], default_lexicon(), frozenset())
    False
    """
    feats = read_lines(not_plain_prose(lines), lexicon, stopwords)
    return not any(feat.hit for feat in feats) and sum(
        1 for feat in feats if feat.why) < MIN_PAGE_HEAD


def is_page(feats: list[Features], start: int) -> bool:
    """True when the text is a whole page, not an article: its furniture shows.

    Several lexicon lines (menus, share bars, footers), or a long head of
    lines that are not prose before the body. An article alone, however many
    lists it holds, shows neither; then only lexicon lines go.
    """
    hits = sum(1 for feat in feats if feat.hit is not None)
    return hits >= MIN_PAGE_HITS or start >= MIN_PAGE_HEAD


def scores(lines: Sequence[LineView], feats: list[Features]) -> list[float]:
    """Each line's weight in the search for the body; a short line alone between two
    paragraphs weighs nothing: it is most likely a subheading, and the body goes on. Nor
    do the items of a list or table a paragraph announces (it ends in ":"), up to the
    next paragraph or lexicon line, nor the rows of a table: they may be the body's, and
    must not split it."""
    out = [f.score for f in feats]
    for index in range(1, len(feats) - 1):
        if (feats[index].kind is Kind.SHORT and feats[index - 1].kind is Kind.BODY
                and feats[index + 1].kind is Kind.BODY):
            out[index] = 0.0
    for index in [*announced_items(lines, feats), *table_rows(lines)]:
        out[index] = 0.0
    return out


def table_rows(lines: Sequence[LineView]) -> list[int]:
    """The rows of tables: runs of MIN_ROWS or more lines cut into the same number (two or
    more) of cells by " | ", each with a figure. A breadcrumb is one such line; a footer's
    menu may be several, but of words only.

    >>> from cleaner.classify.features import Text
    >>> table_rows([Text.of(t) for t in ("Home | News | Sport", "About | Jobs | Help",
    ...                                  "Text.", "Oslo | 12 | 3 %", "Rome | 40 | 7 %")])
    [3, 4]
    """
    cells = [key.count(" | ") if " | " in (key := line.key) and _FIGURE.search(key) else 0
             for line in lines]
    rows: list[int] = []
    index = 0
    while index < len(cells):
        stop = index + 1
        while stop < len(cells) and cells[stop] == cells[index]:
            stop += 1
        if cells[index] >= 2 and stop - index >= MIN_ROWS:
            rows.extend(range(index, stop))
        index = stop
    return rows


def announced_items(lines: Sequence[LineView], feats: list[Features]) -> list[int]:
    """The items of the lists that paragraphs announce: after a prose line ending in ":",
    the lines up to the next paragraph or lexicon line, at most MAX_LIST of them.

    >>> from cleaner.classify.features import Text
    >>> lines = [Text.of(t) for t in ("The plan has three parts, as follows:", "A new roof",
    ...          "Oslo | 12 | 3 %", "It was approved by the council on Monday.", "Home")]
    >>> announced_items(lines, read_lines(lines, default_lexicon(), frozenset()))
    [1, 2]
    """
    items: list[int] = []
    index = 0
    while index < len(feats):
        feat = feats[index]
        index += 1
        if feat.kind is not Kind.BODY or feat.hit is not None \
                or not lines[index - 1].key.endswith(":"):
            continue
        first = index
        while (index < len(feats) and index - first < MAX_LIST and feats[index].hit is None
               and feats[index].kind is not Kind.BODY):
            items.append(index)
            index += 1
    return items


def body_span(scores: list[float]) -> tuple[int, int, float]:
    """(start, end, total) of the run of lines with the highest total score (the longest on ties).

    >>> body_span([-3, -3, 10, -1, 12, -3])
    (2, 5, 21.0)
    >>> body_span([-1, -1])
    (0, 0, 0.0)
    """
    best_total, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total < 0:
            total, start = 0.0, index
        total += score
        if total > best_total or (total == best_total and total > 0
                                  and index + 1 - start > best_end - best_start):
            best_total, best_start, best_end = total, start, index + 1
    return best_start, best_end, best_total


def _notices(lines: Sequence[LineView], feats: list[Features],
             lexicon: Lexicon) -> tuple[dict[int, Decision], list[int]]:
    """In a page, lines that carry site-speak (`contains` phrases): cookie consent, newsletter,
    copyright; written as sentences, only those three notices. And the paragraphs too long
    to be removed for a phrase (over CONTAINS_MAX_WORDS) that hold one of those three: a
    consent dialog's "When you visit our website, we store cookies..." weighs as junk in the
    search for the body, but an article about cookies may write such a paragraph, so only
    its zone removes it.

    Only in a page: in an article alone, a sentence that mentions cookies is prose.
    """
    decisions: dict[int, Decision] = {}
    long: list[int] = []
    for index, feat in enumerate(feats):
        if feat.hit is not None:
            continue
        hit = lexicon.match_contains(lines[index].folded)
        if hit is None:
            continue
        if feat.words > CONTAINS_MAX_WORDS:
            if hit.category in _NOTICES:
                long.append(index)
        elif hit.category in _NOTICES or feat.kind is not Kind.BODY:
            decisions[index] = Decision(index, f"classifier.lexicon.{hit.category}",
                                        f"lexicon {hit.category}/{hit.lang} contains "
                                        f"{hit.phrase!r}, in a page")
    return decisions, long


def enough_prose(feats: list[Features], placed: dict[int, Decision],
                 decisions: dict[int, Decision]) -> bool:
    """True when the position decisions `placed` leave at least KEPT_PROSE of the page's
    prose words (lines read as prose, not lexicon lines nor notices)."""
    prose = kept = 0
    for index, feat in enumerate(feats):
        if feat.kind is Kind.BODY and index not in decisions:
            prose += feat.words
            if index not in placed:
                kept += feat.words
    return kept >= KEPT_PROSE * prose


def _outside(weights: list[float], zone: range,
             total: float) -> list[tuple[range, int, int]]:
    """A zone split around further bodies (runs at least SECOND_BODY of the first's score).

    An article broken by long lists or a gallery still reads as several long runs
    of prose: each is kept (only its menus go), the rest of the zone goes.
    Returns (lines to remove, start and end of a further body or an empty range).
    """
    start, end, second = body_span(weights[zone.start:zone.stop])
    if second < SECOND_BODY * total:
        return [(zone, 0, 0)]
    start, end = zone.start + start, zone.start + end
    return [*_outside(weights, range(zone.start, start), total), (range(start, start), start, end),
            *_outside(weights, range(end, zone.stop), total)]


def _zone(feats: list[Features], zone: range, name: str, decisions: dict[int, Decision]) -> None:
    """Outside the body of a page: everything goes, when the zone is a real one."""
    if len(zone) < MIN_ZONE_LINES:
        return
    for index in zone:
        if index not in decisions:
            decisions[index] = Decision(index, f"classifier.{name}-zone",
                                        f"{name} of the page, outside the body; "
                                        f"{feats[index].explain()}")


def _runs(feats: list[Features], start: int, end: int, decisions: dict[int, Decision]) -> None:
    """Inside the body: runs of MIN_RUN or more lines that are not prose, marked as furniture
    by a lexicon line in them or right above them ("Most read", "Related", a menu word).
    An unmarked run inside the body is more often the article's own list (specifications,
    steps, a schedule) than a menu: on the public sets, about as many body words as junk."""
    index = start
    while index < end:
        if feats[index].kind > Kind.MIDDLE:
            index += 1
            continue
        stop = index
        while stop < end and feats[stop].kind <= Kind.MIDDLE:
            stop += 1
        if stop - index >= MIN_RUN and any(feats[k].hit is not None
                                           for k in range(max(index - 1, start), stop)):
            for victim in range(index, stop):
                decisions.setdefault(victim, Decision(
                    victim, "classifier.menu-run",
                    f"run of {stop - index} lines that are not prose; {feats[victim].explain()}"))
        index = stop
