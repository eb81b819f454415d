"""The removal steps, one per rule kind. Each takes a document and a plan.

Steps only *mark* lines removed (or strip fragments); they never rewrite kept
prose, and they only look at lines still kept. The order of the first pass
is fixed in `STEPS`: fragments first (so a line emptied of junk counts as
removed), blocks (they claim their lines before the whole-line rules do),
whole lines, captions, then the positional steps (head, tail) that need to
know what is already junk, and duplicates. The `CONTEXTUAL` steps then run
again until nothing changes, which is what makes cleaning idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import compress, pairwise
from operator import eq
from typing import Protocol, TypeVar, cast

import regex

from cleaner.classify import HEADLINE_RULE, judge
from cleaner.classify.guards import is_byline_or_date
from cleaner.lines.document import Document, Line
from cleaner.lines.index import KeyIndex
from cleaner.result import Removal
from cleaner.steps.fragments import strip_fragments
from cleaner.steps.plan import Plan

Step = Callable[[Document, Plan], None]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# A closing quote or bracket of any script may stand after the final stop.
_CLOSERS = "\"'’”“»«›‹」』)\\]"
_SENTENCE_END = regex.compile(rf"[.:;。．][\s{_CLOSERS}]*$")
_INNER_SENTENCE = regex.compile(
    rf"[.!?…][{_CLOSERS}]* +[\"'‘“„«»‹(\[]?\p{{Lu}}|[。！？][”」』]*\S"
)


class _Prefilter(Protocol):
    """A compiled matcher's first look: the lines of a document worth trying (None: all)."""

    def candidates(self, index: KeyIndex) -> set[int] | None: ...


class _Matches(Protocol[T_co]):
    """A compiled matcher: `match(key, folded)`, and whether it runs any regex."""

    literal_only: bool

    def match(self, key: str, folded: str | None = None) -> T_co | None: ...


def _cached(doc: Document, role: str, index: int, matcher: _Matches[T]) -> T | None:
    """A line's match for one role, computed once per document.

    Positional steps run until nothing changes; caching keeps the repeats
    down to cheap bookkeeping instead of regex work. A matcher of literals
    only is a dict lookup: asking it again is cheaper than the cache. Callers
    ask only about the role's candidate lines (`_candidates`).
    """
    line = doc.lines[index]
    if matcher.literal_only:
        return matcher.match(line.key, line.folded_if_known)
    key = (role, index)
    if key in doc.memo:
        return cast("T | None", doc.memo[key])
    value = matcher.match(line.key, line.folded_if_known)
    doc.memo[key] = value
    return value


def _candidates(doc: Document, role: str, matcher: _Prefilter) -> set[int] | None:
    return doc.candidates(role, matcher.candidates)


def _kept_candidates(doc: Document, role: str, matcher: _Prefilter) -> Iterator[Line]:
    """The kept lines among the role's candidates, in order."""
    candidates = _candidates(doc, role, matcher)
    lines = doc.lines
    for index in range(len(lines)) if candidates is None else sorted(candidates):
        line = lines[index]
        if line.removed_by is None:
            yield line


def remove_blocks(doc: Document, plan: Plan) -> None:
    """Block rules: a start marker, the lines after it, up to an end marker.

    Nothing is removed unless the end marker is found within `max_lines`
    kept lines and no line on the way is longer than `max_words`: a block
    whose end is missing must not swallow the article.
    """
    if not plan.block_start:
        return
    starts = _candidates(doc, "block", plan.block_start)
    if starts is not None and not starts:
        return
    kept = list(doc.kept())
    for position, (index, line) in enumerate(kept):
        if not line.kept or (starts is not None and index not in starts):
            continue
        rule_id = _cached(doc, "block", index, plan.block_start)
        if rule_id is None:
            continue
        block = plan.blocks[rule_id]
        end_role = f"end:{rule_id}"
        ends_at = _candidates(doc, end_role, block.end)
        window = kept[position + 1 : position + 1 + block.rule.max_lines]
        for offset, (cand_index, candidate) in enumerate(window):
            ends = (None if ends_at is not None and cand_index not in ends_at
                    else _cached(doc, end_role, cand_index, block.end))
            if not ends:
                if candidate.words > block.rule.max_words:
                    break
                continue
            stop = position + 1 + offset + (1 if block.rule.include_end else 0)
            for _, victim in kept[position:stop]:
                doc.remove(victim, rule_id)
            break


def remove_lines(doc: Document, plan: Plan) -> None:
    """Whole-line rules: literal lookups, then one combined pattern."""
    if not plan.line:
        return
    for line in _kept_candidates(doc, "line", plan.line):
        rule_id = plan.line.match(line.key, line.folded_if_known)
        if rule_id is not None:
            doc.remove(line, rule_id)


def remove_captions(doc: Document, plan: Plan) -> None:
    """Caption rules: a line ending in a credit, and the caption printed alone before it.

    A `doubled` rule (a credit with no keyword, such as "Jane Doe/Sputnik")
    only acts when the caption stands alone on the line before: that repeat
    is what shows the line is a caption and not prose.
    """
    if not plan.caption:
        return
    candidates = doc.candidates("caption", plan.caption.candidates)
    previous: Line | None = None
    for index, line in enumerate(doc.lines):
        if line.removed_by is not None:
            continue
        if candidates is not None and index not in candidates:
            previous = line
            continue
        credit = _cached(doc, "caption", index, plan.caption)
        if credit is not None:
            rule = plan.rules[credit.rule]
            repeated = bool(credit.caption) and previous is not None and (
                previous.key == credit.caption)
            if line.words <= rule.max_words and (repeated or not rule.doubled):
                doc.remove(line, rule.id)
                if repeated and previous is not None:
                    doc.remove(previous, rule.id)
                continue
        previous = line


def remove_head(doc: Document, plan: Plan) -> None:
    """Head rules: navigation lines, only before the first kept line (the headline)."""
    if not plan.head:
        return
    candidates = _candidates(doc, "head", plan.head)
    for index, line in list(doc.kept()):
        if candidates is not None and index not in candidates:
            return
        rule_id = _cached(doc, "head", index, plan.head)
        if rule_id is None:
            return
        doc.remove(line, rule_id)


def is_headline_like(line: Line, max_words: int) -> bool:
    """Short, one sentence, not ending like a sentence or a lead-in: a list item.

    Body paragraphs end with a period; related-article headlines do not.
    """
    return (
        line.words <= max_words
        and not _SENTENCE_END.search(line.key)
        and not _INNER_SENTENCE.search(line.key)
    )


def remove_tail_lists(doc: Document, plan: Plan) -> None:
    """Tail rules: a "Read more" marker and the list of headlines it introduces.

    Two shapes are recognised. Items written right under the marker (no blank
    line between) in a text that otherwise separates paragraphs with blank
    lines form a list: its headline-like lines go. Items that stand as
    separate paragraphs go only when every line from the marker to the end of
    the text is headline-like, so a mid-article marker never takes a
    subheading or a paragraph with it.
    """
    if not plan.tail:
        return
    lines = doc.lines
    candidates = _candidates(doc, "tail", plan.tail)
    spaced_text = None
    for index in range(len(lines)) if candidates is None else sorted(candidates):
        line = lines[index]
        if not line.kept:
            continue
        rule_id = _cached(doc, "tail", index, plan.tail)
        if rule_id is None:
            continue
        if spaced_text is None:  # as it stands before this step removes anything
            spaced_text = doc.uses_blank_lines()
        rule = plan.rules[rule_id]
        doc.remove(line, rule_id)
        following = [item for item in lines[index + 1:] if item.kept]
        if not following:
            continue
        items: list[Line] = []
        if spaced_text and not following[0].blank_before:
            for item in following:
                if (items and item.blank_before) or len(items) >= rule.max_lines:
                    break
                if not is_headline_like(item, rule.max_words):
                    break
                items.append(item)
        elif len(following) <= rule.max_lines and all(
                is_headline_like(item, rule.max_words) for item in following):
            items = following
        for item in items:
            doc.remove(item, rule_id)


def remove_duplicates(doc: Document, plan: Plan) -> None:
    """Duplicate rules: a line printed again right away (headline ×3, caption ×2) goes.

    Only a copy within `max_lines` kept lines of the previous copy is removed:
    an interview that asks every guest the same question repeats it, each time
    before a different answer, and that is body text. In text an extractor already
    cut down to the article (HTML input), a copy of the rule's `extracted_keep_words`
    words or more is the page's own text and stays; in a whole-page dump such copies
    are mostly a slideshow's captions or the page's text printed twice.
    """
    for rule in plan.duplicates:
        kept = [line for line in doc.lines if line.removed_by is None]
        spared = 0 if doc.whole_page else rule.extracted_keep_words
        for position in copy_positions(kept, rule.min_words, rule.max_lines):
            if spared and kept[position].words >= spared:
                continue
            doc.remove(kept[position], rule.id)


def copy_positions(kept: list[Line], min_words: int, max_lines: int) -> list[int]:
    """The positions in `kept` of the lines of at least `min_words` words that repeat a
    line at most `max_lines` positions before them, the same or differing only in case.

    Copies have as many words (case folding never adds or removes a space): only
    lines with as many words as a line close before them are compared. The counts
    are the lines' own (`Line.words`, counted once for every step); most documents
    have no such pair and stop there.

    >>> lines = [Line(n, t, t, t, False) for n, t in enumerate(
    ...     ["Un deux trois quatre", "UN DEUX TROIS QUATRE", "Fin du texte ici.", "x"])]
    >>> copy_positions(lines, 4, 1), copy_positions(lines, 5, 1)
    ([1], [])
    """
    words = [line.words for line in kept]
    if len(set(words)) == len(words):
        return []
    near: set[int] = set()
    for gap in range(1, min(max_lines, len(words) - 1) + 1):
        near.update(compress(range(gap, len(words)), map(eq, words[gap:], words)))
    copies = []
    for position in sorted(near):
        line = kept[position]
        if words[position] < min_words:
            continue
        for earlier in range(position - 1, max(position - max_lines, 0) - 1, -1):
            other = kept[earlier]
            if words[earlier] == words[position] and (
                    other.key == line.key or (_may_fold_alike(other.key, line.key)
                                              and other.folded == line.folded)):
                copies.append(position)
                break
    return copies


def _may_fold_alike(one: str, other: str) -> bool:
    """False when the two texts surely differ once case-folded, from their openings alone.

    Folding maps each character on its own, so the folded openings of two texts
    that fold alike are both prefixes of the one folded text: one starts the
    other. Two paragraphs with as many words rarely open alike, and this spares
    folding both whole.

    >>> _may_fold_alike("STRASSE und mehr", "straße UND"), _may_fold_alike("Le chat", "Un chat")
    (True, False)
    """
    head, other_head = one[:8].casefold(), other[:8].casefold()
    return head.startswith(other_head) or other_head.startswith(head)


class _Bylined:
    """The kept lines, by their index among the kept, right under which a rule removed a
    byline or a date: a headline may stand there (`cleaner.classify.guards.headline`).
    Found when first asked: only the headline search asks, and most documents read as
    articles before it."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._found: set[int] | None = None

    def __contains__(self, index: object) -> bool:
        if self._found is None:
            self._found = set()
            position = -1
            for line, below in pairwise(self._doc.lines):
                if line.removed_by is None:
                    position += 1
                    if below.removed_by is not None and not below.removed_by.startswith(
                            "classifier.") and is_byline_or_date(below.key):
                        self._found.add(position)
        return index in self._found


def classify_lines(doc: Document, plan: Plan) -> None:
    """The generic classifier (`cleaner.classify`), on the lines no rule removed."""
    if not doc.classify:
        return
    # Its decisions depend only on the kept lines: unchanged since its last run, nothing to do.
    # Its own removals count as a change: a line kept beside one it removed has lost
    # that neighbour, and must be judged again among the lines a second cleaning sees.
    removed = len(doc.removals)
    if doc.memo.get(("classify", -1)) == removed:
        return
    kept = [line for line in doc.lines if line.removed_by is None]
    judgement = judge(kept, doc.lang, whole_page=doc.whole_page,
                     bylined=_Bylined(doc))
    for decision in judgement.decisions:
        doc.remove(kept[decision.index], decision.rule, decision.detail)
    doc.memo[("classify", -1)] = removed
    doc.lang_matters = judgement.by_language
    # Found once, the headline stays: a later round sees it without the head zone it
    # stood in, and may not find it again.
    if judgement.headline is not None:
        line = kept[judgement.headline]
        doc.title = line.text
        doc.headline = Removal(line.number, line.original.strip(), HEADLINE_RULE,
                                detail=f"the headline: {judgement.headline_why}")


# Every step, in order, for the first pass.
STEPS: tuple[Step, ...] = (
    strip_fragments,
    remove_blocks,
    remove_lines,
    remove_captions,
    remove_head,
    remove_tail_lists,
    remove_duplicates,
    classify_lines,
)
# The steps whose decisions depend on which other lines are kept.
CONTEXTUAL: tuple[Step, ...] = (
    remove_blocks,
    remove_captions,
    remove_head,
    remove_tail_lists,
    remove_duplicates,
    classify_lines,
)


def run_steps(doc: Document, plan: Plan) -> Document:
    """Apply every step, then the contextual ones again until nothing changes.

    Each step looks only at lines still kept, so once a round removes nothing
    the kept lines are exactly what a second cleaning would see, and it would
    remove nothing either: ``clean(clean(x)) == clean(x)`` by construction.
    A line removal (not a fragment) is what can change a contextual decision.
    """
    doc.scopes = plan.scopes
    settled = 0
    for step in STEPS:
        step(doc, plan)
        if step is CONTEXTUAL[0]:
            settled = _lines_removed(doc)
    if _lines_removed(doc) == settled:
        return doc  # nothing changed since the first contextual step looked
    # Every round but the last removes a line: it ends, at the latest with no line kept.
    before = -1
    while _lines_removed(doc) != before:
        before = _lines_removed(doc)
        for step in CONTEXTUAL:
            step(doc, plan)
    return doc


def _lines_removed(doc: Document) -> int:
    return sum(1 for removal in doc.removals if not removal.fragment)
