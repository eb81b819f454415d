"""What cleaning a document returns: the text, and why each removed piece went."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from cleaner.blocks import Block


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line (or fragment of a line), attributed to the rule that removed it.

    `line` is the 1-based line number in the input text; `text` is the line
    (or fragment) as it stood there; `scope` is 'generic' or the site name;
    `detail`, for decisions not written in a rule file (the generic classifier,
    batch repetition), what decided it.
    """

    line: int
    text: str
    rule: str
    scope: str = "generic"
    fragment: bool = False
    detail: str = ""  # what decided it, when not a rule file (the classifier's features)


@dataclass(frozen=True, slots=True)
class Repair:
    """One repair applied to the text before matching (mojibake, entities, spaces...)."""

    step: str
    count: int = 1
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Pruned:
    """One HTML element removed from the page before extraction, and the rule that matched it.

    `selector` is the rule's selector that matched; `text` the element's text
    (shortened), so that what went can be read, not only where.
    """

    rule: str
    selector: str
    text: str
    scope: str = "generic"


@dataclass(frozen=True, slots=True)
class Result:
    """The cleaned text with its explanation.

    `site` is the main detected (or forced) site, `sites` every site whose
    rules applied; `lang` the detected language when known; `warnings` what
    went wrong without failing (an HTML rule that matched the whole page, a failed
    extractor replaced by the fallback).

    From HTML (`Cleaner.clean_html`), the page's metadata comes as fields, not
    body: `title`, `author`, `date` (ISO 8601 as the page wrote it),
    `sitename`, `canonical_url`, `captions` (image captions and credits), and
    `pruned`, the elements the HTML rules removed before extraction.

    `blocks`, when an output format other than ``text`` was asked for: the
    body's headings, paragraphs, list items, tables, quotes and code, in order
    (`cleaner.blocks.Block`); None otherwise.
    """

    text: str
    removed: tuple[Removal, ...] = ()
    site: str | None = None
    sites: tuple[str, ...] = ()
    lang: str | None = None
    repairs: tuple[Repair, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    captions: tuple[str, ...] = ()
    pruned: tuple[Pruned, ...] = ()
    # Lines a position decision would have taken, kept, each with why: the headline.
    kept: tuple[Removal, ...] = ()
    blocks: tuple[Block, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (what ``clean --format json`` prints)."""
        return {
            "text": self.text,
            "site": self.site,
            "sites": list(self.sites),
            "lang": self.lang,
            # `detail` only when there is one: rule removals keep their documented shape.
            "removed": [{k: v for k, v in asdict(r).items() if k != "detail" or v}
                        for r in self.removed],
            "repairs": [asdict(r) for r in self.repairs],
            "warnings": list(self.warnings),
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "sitename": self.sitename,
            "canonical_url": self.canonical_url,
            "captions": list(self.captions),
            "pruned": [asdict(p) for p in self.pruned],
            "kept": [asdict(k) for k in self.kept],
            # only when asked for: the record keeps its documented shape otherwise
            **({} if self.blocks is None else {"blocks": [b.to_dict() for b in self.blocks]}),
        }
