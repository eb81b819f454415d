"""What the review report counts over a corpus: removals per rule and per site, and the
documents shown in full.

Documents are added one at a time and only the counts, a few samples per rule
and the `max_documents` documents where the most was removed are held: a corpus
of any size makes a report of bounded size.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from cleaner.report.document import ReportDocument

SAMPLE_CHARS = 300  # a sample longer than this is cut (with an ellipsis)


@dataclass(slots=True)
class RuleCount:
    """What one rule removed in the corpus: `lines` (fragments included), of which
    `fragments`, HTML `elements` pruned, in how many `documents`, and a few `samples`
    (distinct texts, each with the name of the first document it was seen in)."""

    lines: int = 0
    fragments: int = 0
    elements: int = 0
    documents: int = 0
    samples: list[tuple[str, str]] = field(default_factory=list)
    scope: str = "generic"

    @property
    def total(self) -> int:
        return self.lines + self.elements


@dataclass(slots=True)
class SiteCount:
    """One site's documents, their non-blank lines, the lines that lost something, and the
    HTML elements pruned."""

    documents: int = 0
    lines: int = 0
    removed: int = 0
    pruned: int = 0


class Corpus:
    """Counts over every document added; the `max_documents` with most removed kept whole."""

    def __init__(self, max_documents: int = 100, samples: int = 5) -> None:
        if max_documents < 0 or samples < 0:
            raise ValueError("max_documents and samples cannot be negative")
        self.max_documents = max_documents
        self.samples = samples
        self.rules: dict[str, RuleCount] = {}
        self.sites: dict[str, SiteCount] = {}
        self.count = 0
        # (removed, -order, order, document): the smallest is the first to leave.
        self._kept: list[tuple[int, int, int, ReportDocument]] = []

    def add(self, document: ReportDocument) -> None:
        """Count one document's removals, and keep it if it is among the most removed."""
        order = self.count
        self.count += 1
        result = document.result
        touched: set[str] = set()
        for removal in result.removed:
            count = self._rule(removal.rule, removal.scope)
            count.lines += 1
            count.fragments += removal.fragment
            self._sample(count, removal.text, document.name)
            touched.add(removal.rule)
        for pruned in result.pruned:
            count = self._rule(pruned.rule, pruned.scope)
            count.elements += 1
            self._sample(count, pruned.text, document.name)
            touched.add(pruned.rule)
        for rule in touched:
            self.rules[rule].documents += 1
        site = self.sites.setdefault(document.site, SiteCount())
        site.documents += 1
        site.lines += document.lines
        site.removed += document.removed_lines
        site.pruned += len(result.pruned)
        entry = (document.removed, -order, order, document)
        if len(self._kept) < self.max_documents:
            heapq.heappush(self._kept, entry)
        elif self._kept and entry[:2] > self._kept[0][:2]:
            heapq.heapreplace(self._kept, entry)

    def _rule(self, rule: str, scope: str) -> RuleCount:
        count = self.rules.get(rule)
        if count is None:
            count = self.rules[rule] = RuleCount(scope=scope)
        return count

    def _sample(self, count: RuleCount, text: str, name: str) -> None:
        if len(count.samples) >= self.samples:
            return
        text = " ".join(text.split())
        if len(text) > SAMPLE_CHARS:
            text = text[:SAMPLE_CHARS - 1] + "…"
        if text and all(text != seen for seen, _ in count.samples):
            count.samples.append((text, name))

    @property
    def documents(self) -> list[ReportDocument]:
        """The documents shown in full: most removed first, then in the order added."""
        return [entry[3] for entry in sorted(self._kept, key=lambda e: (-e[0], e[2]))]

    @property
    def left_out(self) -> int:
        """How many documents were counted but are not shown in full."""
        return self.count - len(self._kept)

    def ranked_rules(self) -> list[tuple[str, RuleCount]]:
        """Every rule that removed something, most removals first, then by id."""
        return sorted(self.rules.items(), key=lambda item: (-item[1].total, item[0]))
