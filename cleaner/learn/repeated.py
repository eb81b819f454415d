"""Lines that repeat across documents of one site: mined, counted, and removed in batches.

A site's template prints the same lines on every page (its menu, its
newsletter prompt, its footer); its articles do not repeat each other. A
line found in at least `min_docs` documents of a batch is junk, unless it
reads as body text (a long sentence: a quote shared by two stories, a
correction). Everything is computed from the documents given: no state
outlives a call, and the same documents give the same answer in any order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import regex

from cleaner.lines.document import Document
from cleaner.result import Removal, Result

BODY_WORDS = 10  # a repeated line ending like a sentence with this many words is kept
_DIGITS = regex.compile(r"\d+")
RULE = "batch.repeated-line"


@dataclass(frozen=True, slots=True)
class Repeated:
    """A line (or a shape of lines, digits aside) found in `docs` documents."""

    key: str  # casefolded line, or its shape with every number as "0"
    example: str  # the first line seen, as written
    docs: int
    variants: int = 1  # distinct lines of that shape (1 for an exact line)

    @property
    def is_pattern(self) -> bool:
        return self.variants > 1


def looks_like_body(text: str) -> bool:
    """A long line ending like a sentence: body text even if it repeats.

    >>> looks_like_body("The minister said on Monday that the talks would resume next week.")
    True
    >>> looks_like_body("Sign up for our newsletter"), looks_like_body("© 2024 Example Media.")
    (False, False)
    """
    stripped = text.rstrip("\"'’‘”“»«›‹)]」』 \u00a0")
    return len(text.split()) >= BODY_WORDS and stripped[-1:] in (".", "!", "?", "…", "。")


def shape(key: str) -> str:
    """A line with its numbers made alike: 'Posted 3 hours ago' and 'Posted 12 hours ago' agree.

    >>> shape("posted 3 hours ago · 12 comments")
    'posted 0 hours ago · 0 comments'
    """
    return str(_DIGITS.sub("0", key))


def _line_sets(texts: Iterable[str]) -> list[dict[str, str]]:
    """Per document: casefolded key -> the line as first written (each line once per document)."""
    out = []
    for text in texts:
        seen: dict[str, str] = {}
        for line in Document.from_text(text).lines:
            seen.setdefault(line.folded, line.key)
        out.append(seen)
    return out


def mine(texts: Sequence[str], *, min_docs: int = 3) -> list[Repeated]:
    """Lines and line shapes found in at least `min_docs` of `texts`, most widespread first.

    Exact lines come first; a shape is reported only for lines that vary
    (numbers aside) and are not already reported exactly.

    >>> story = "Story {} is told in full here, with every detail that matters."
    >>> docs = [f"Menu\\n{story.format(i)}\\nPosted {i} hours ago" for i in range(4)]
    >>> [(r.key, r.docs, r.variants) for r in mine(docs, min_docs=3)]
    [('menu', 4, 1), ('posted 0 hours ago', 4, 4)]
    """
    if min_docs < 2:
        raise ValueError("min_docs must be at least 2: a line in one document is not a repeat")
    sets = _line_sets(texts)
    counts: Counter[str] = Counter(key for seen in sets for key in seen)
    first: dict[str, str] = {}
    for seen in sets:
        for key, line in seen.items():
            first.setdefault(key, line)
    exact = {key for key, n in counts.items() if n >= min_docs and not looks_like_body(first[key])}
    found = [Repeated(key, first[key], counts[key]) for key in exact]
    shapes: Counter[str] = Counter()
    variants: dict[str, set[str]] = {}
    for seen in sets:
        doc_shapes = {shape(key) for key in seen if key not in exact and any(
            c.isdigit() for c in key)}
        shapes.update(doc_shapes)
        for key in seen:
            if key not in exact and any(c.isdigit() for c in key):
                variants.setdefault(shape(key), set()).add(key)
    for key, n in shapes.items():
        lines = variants[key]
        example = first[min(lines)]
        if n >= min_docs and len(lines) > 1 and not looks_like_body(example):
            found.append(Repeated(key, example, n, len(lines)))
    return sorted(found, key=lambda r: (-r.docs, r.is_pattern, r.key))


class RepeatedLines:
    """Cross-document repetition in one batch (or one site's batch): what to remove, and where.

    >>> batch = RepeatedLines(["Menu\\nA first story, told in full.", "Menu\\nAnother story.",
    ...                        "Menu\\nA third one."], min_docs=3)
    >>> batch.is_repeated("MENU"), batch.is_repeated("Another story.")
    (True, False)
    """

    def __init__(self, texts: Sequence[str], *, min_docs: int = 3) -> None:
        self.documents = len(texts)
        self.repeated = mine(texts, min_docs=min_docs)
        self._exact = {r.key: r for r in self.repeated if not r.is_pattern}
        self._shapes = {r.key: r for r in self.repeated if r.is_pattern}

    def find(self, key: str) -> Repeated | None:
        """The repeat a line belongs to, if any."""
        folded = key.casefold()
        found = self._exact.get(folded)
        if found is None and any(c.isdigit() for c in folded):
            found = self._shapes.get(shape(folded))
        return found

    def is_repeated(self, key: str) -> bool:
        return self.find(key) is not None

    def apply(self, text: str, result: Result) -> Result:
        """`result` (the cleaning of `text`) without the repeated lines it kept, each explained."""
        if not self.repeated:
            return result
        doc = Document.from_text(text)
        by_key: dict[str, list[int]] = {}
        for line in doc.lines:
            by_key.setdefault(line.folded, []).append(line.number)
        kept, removed = [], list(result.removed)
        for paragraph in result.text.split("\n\n"):
            paragraph = paragraph.strip("\n")
            if not paragraph:
                continue
            line = Document.from_text(paragraph).lines[0]
            repeat = self.find(line.key)
            if repeat is None:
                kept.append(paragraph)
                continue
            numbers = by_key.get(line.folded, [0])
            removed.append(Removal(numbers[0], paragraph, RULE, "batch", detail=(
                f"seen in {repeat.docs} of {self.documents} documents of the batch")))
        text_out = "\n\n".join(kept) + "\n" if kept else ""
        return replace(result, text=text_out,
                       removed=tuple(sorted(removed, key=lambda r: (r.line, r.fragment))))


def clean_batch(texts: Sequence[str], *, min_docs: int = 3, site: str | None = None,
                cleaner: object | None = None) -> list[Result]:
    """Clean documents of one batch (one site), then drop the lines repeated across them.

    A line kept by the rules and the classifier but present in at least
    `min_docs` of the documents, and not reading as body text, goes, with the
    rule id ``batch.repeated-line``. Deterministic, no state kept between calls.
    """
    from cleaner.cleaner import Cleaner, default_cleaner

    worker = cleaner if isinstance(cleaner, Cleaner) else default_cleaner()
    batch = RepeatedLines(texts, min_docs=min_docs)
    return [batch.apply(text, worker.clean(text, site=site)) for text in texts]
