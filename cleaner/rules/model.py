"""The rule model: what a rule file says, as plain immutable data.

A rule file is data a non-programmer can read; this module is its typed
mirror. Compiling rules into fast matchers is `cleaner.rules.compile`'s job,
reading TOML is `cleaner.rules.load`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    """What a rule removes, and so which part of the engine applies it."""

    LINE = "line"  # a whole line matching a literal or a pattern
    HEAD = "head"  # a whole line, only in the navigation zone before the headline
    INLINE = "inline"  # a fragment inside a line that is otherwise kept
    TAIL = "tail"  # a marker line and the list of short headlines after it
    BLOCK = "block"  # from a start marker to an end marker
    CAPTION = "caption"  # a caption ending with a credit, and its printed-twice copy
    DUPLICATE = "duplicate"  # a line printed again keeps its first copy


@dataclass(frozen=True, slots=True)
class Matcher:
    """Whole-line (or fragment) text to match: exact literals and/or patterns.

    Matching is done on the line's *key*: NFC, every kind of space mapped to
    U+0020, runs of spaces collapsed, ends stripped.
    """

    literals: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    ignore_case: bool = True

    def __bool__(self) -> bool:
        return bool(self.literals or self.patterns)


@dataclass(frozen=True, slots=True)
class Example:
    """A rule example: `text` cleaned by the rule alone.

    For a *remove* example with no `expect`, every non-blank line of `text`
    must be removed by the rule; for a *keep* example with no `expect`, the
    text must come out unchanged. With `expect`, the output must equal it.
    """

    text: str
    expect: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule. `source` and `line` say where it was written."""

    id: str
    kind: Kind
    description: str
    match: Matcher = field(default_factory=Matcher)
    # TAIL: the list marker is `match`; BLOCK: `match` starts, `end` ends.
    end: Matcher = field(default_factory=Matcher)
    include_end: bool = True
    max_lines: int = 12
    max_words: int = 20
    # CAPTION: credits that end a caption line; `doubled` means the line counts
    # only when the caption alone stands on the line before it.
    doubled: bool = False
    # DUPLICATE: lines shorter than this are never deduplicated ("Oui.", "***").
    min_words: int = 4
    # DUPLICATE: in text an extractor cut down to the article, copies of this many words
    # or more stay (0: none does).
    extracted_keep_words: int = 0
    remove_examples: tuple[Example, ...] = ()
    keep_examples: tuple[Example, ...] = ()
    enabled: bool = True
    source: Path | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Site:
    """A site's identity: how to recognise its documents."""

    name: str
    hosts: tuple[str, ...] = ()
    fingerprints: Matcher = field(default_factory=Matcher)
    min_fingerprints: int = 1
    description: str = ""
    source: Path | None = None


@dataclass(frozen=True, slots=True)
class HtmlRule:
    """A named set of CSS selectors applied to a page's DOM before extraction.

    `remove` selectors drop the elements they match (share bars, ad slots,
    related boxes...); `body` selectors name the article body, the fallback
    when the extractor finds too little; `route = "captions"` keeps the
    removed elements' text in Result.captions. Examples are HTML snippets: each
    remove example must be matched, no keep example may be. `container`
    (and `container_xpath`) name the element the article is extracted from
    when it matches (an imported site's ``body:``); `remove_xpath` are XPath
    removals; `origin` is the upstream directive of an imported rule.
    """

    id: str
    description: str
    remove: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    remove_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    enabled: bool = True
    source: Path | None = None
    line: int | None = None
    # "captions": the text of what `remove` matches goes to Result.captions.
    route: str | None = None
    # XPath twins of `remove` (run with lxml, for what CSS cannot say).
    remove_xpath: tuple[str, ...] = ()
    # The article's container: when it matches, the text is extracted from it alone.
    container: tuple[str, ...] = ()
    container_xpath: tuple[str, ...] = ()
    # Imported from a community rule set: the upstream directive it was converted from.
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class RuleFile:
    """One TOML file: generic (no site) or site-specific rules."""

    path: Path
    rules: tuple[Rule, ...]
    site: Site | None = None
    lang: str | None = None
    html: tuple[HtmlRule, ...] = ()
    # An imported file's provenance and the upstream fields it keeps ([imported] table).
    imported: dict[str, object] | None = None

    @property
    def scope(self) -> str:
        """The scope name rules of this file run under: a site name or 'generic'."""
        return self.site.name if self.site else "generic"


class RuleError(ValueError):
    """A rule file is broken. The message names the file, the line and the rule."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None,
                 rule: str | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.rule = rule
        self.reason = message
        where = f"{path}:{line}" if line else str(path)
        who = f" rule '{rule}':" if rule else ""
        super().__init__(f"{where}:{who} {message}")
