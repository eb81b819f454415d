"""One cleaned document as the review report shows it: its lines, each kept or struck by a rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.result import Removal, Result


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """A document of the report: its `name`, the `source` text the text rules ran on (the
    decoded input; for a web page, the text extracted from it), its `result`, and its
    `site` (the URL's host, a folder name, or ``unknown``): the report's site filter."""

    name: str
    source: str
    result: Result
    site: str = "unknown"

    @property
    def removed(self) -> int:
        """How many lines and fragments the text rules removed, and elements the HTML rules
        pruned: what the report orders documents by."""
        return len(self.result.removed) + len(self.result.pruned)

    @property
    def lines(self) -> int:
        """The lines shown that are not blank: the source's, and those a removal blanked
        in it (a page's headline, moved to the title before the text rules ran)."""
        numbers = {n for n, line in enumerate(self.source.splitlines(), start=1) if line.strip()}
        numbers.update(r.line for r in self.result.removed if not r.fragment)
        return len(numbers)

    @property
    def removed_lines(self) -> int:
        """How many lines lost something: removed whole, or a fragment of them.

        >>> ReportDocument("a", "x\\ny\\n", Result("", removed=(Removal(1, "x", "t"),))
        ...                ).removed_lines
        1
        """
        return len({removal.line for removal in self.result.removed})

    @property
    def share(self) -> float:
        """The share of its lines that lost something (0 to 1)."""
        return self.removed_lines / self.lines if self.lines else 0.0


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a shown line: kept (`rule` None), or removed by `rule`."""

    text: str
    rule: str | None = None


def shown_lines(source: str, removed: Sequence[Removal]) -> list[tuple[Span, ...]]:
    """The lines of `source`, each as its kept and removed pieces, by line number.

    A line removed whole shows as the removal recorded it; a removed fragment is
    cut out of its line where it stands there (else it follows the line). A removal
    past the end of `source` (a caller's mismatch) is shown after its last line.
    Lines are split as the engine splits them (`str.splitlines`), so numbers agree.

    >>> lines = shown_lines("Pub\\nTexte. Lire aussi X\\n", [Removal(1, "Pub", "fr.ad"),
    ...     Removal(2, "Lire aussi X", "fr.read-more", fragment=True)])
    >>> [[(span.text, span.rule) for span in line] for line in lines]
    [[('Pub', 'fr.ad')], [('Texte. ', None), ('Lire aussi X', 'fr.read-more')]]
    """
    whole: dict[int, Removal] = {}
    fragments: dict[int, list[Removal]] = defaultdict(list)
    for removal in removed:
        if removal.fragment:
            fragments[removal.line].append(removal)
        else:
            whole.setdefault(removal.line, removal)
    raw = source.splitlines()
    last = max([len(raw), *whole, *fragments])
    lines: list[tuple[Span, ...]] = []
    for number in range(1, last + 1):
        if number in whole:
            lines.append((Span(whole[number].text, whole[number].rule),))
        elif number <= len(raw) or number in fragments:
            text = raw[number - 1] if number <= len(raw) else ""
            lines.append(_cut(text, fragments.get(number, ())))
    return lines


def _cut(line: str, fragments: Sequence[Removal]) -> tuple[Span, ...]:
    """`line` with each fragment struck where it first stands (after the previous one)."""
    spans: list[Span] = []
    rest = line
    missing = []
    for fragment in fragments:
        at = rest.find(fragment.text) if fragment.text else -1
        if at < 0:
            missing.append(fragment)
            continue
        if at:
            spans.append(Span(rest[:at]))
        spans.append(Span(fragment.text, fragment.rule))
        rest = rest[at + len(fragment.text):]
    if rest or not spans:
        spans.append(Span(rest))
    spans.extend(Span(fragment.text, fragment.rule) for fragment in missing)
    return tuple(spans)
