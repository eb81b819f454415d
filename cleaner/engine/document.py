"""A document as the engine sees it: its non-blank lines, each with a matching key."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from cleaner.normalize.punctuation import fix_punctuation
from cleaner.normalize.spaces import match_key, tidy_spaces
from cleaner.result import Removal


def normalise_line(text: str, fix_punct: bool = True) -> str:
    """The kept form of a line: spaces tidied, punctuation slips mended (both idempotent)."""
    text = tidy_spaces(text)
    return fix_punctuation(text) if fix_punct else text


@dataclass(slots=True)
class Line:
    """A non-blank input line. `text` is its kept form, `key` what rules match."""

    number: int
    original: str
    text: str
    key: str
    blank_before: bool
    removed_by: str | None = None
    folded: str = ""

    def __post_init__(self) -> None:
        self.folded = self.key.casefold()

    def set_text(self, text: str, key: str) -> None:
        """Replace the kept text (after an inline cut), keeping key and folded key in step."""
        self.text, self.key, self.folded = text, key, key.casefold()

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    @property
    def words(self) -> int:
        return self.key.count(" ") + 1 if self.key else 0


@dataclass(slots=True)
class Document:
    """The lines of one text and the removals decided so far."""

    lines: list[Line]
    removals: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scopes: dict[str, str] = field(default_factory=dict)
    # (role, line index) -> that line's match for the role, computed once.
    memo: dict[tuple[str, int], object] = field(default_factory=dict)
    fix_punct: bool = True
    # The generic classifier (cleaner.classify) runs only when the Cleaner asks for it.
    classify: bool = False
    lang: str | None = None

    @classmethod
    def from_text(cls, text: str, *, fix_punct: bool = True, nfc: bool = True) -> Document:
        """Split into lines, normalise each minimally (NFC, spaces, punctuation slips).

        `nfc=False` when the caller's repair step already normalised the text.
        """
        if nfc and not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        lines = []
        blank_before = False
        for number, raw in enumerate(text.splitlines(), start=1):
            tidy = tidy_spaces(raw)
            if not tidy:
                blank_before = True
                continue
            if fix_punct:
                tidy = fix_punctuation(tidy)
            lines.append(Line(number, raw, tidy, match_key(tidy), blank_before))
            blank_before = False
        return cls(lines, fix_punct=fix_punct)

    def normalise(self, text: str) -> str:
        """The kept form of a line's text (see `normalise_line`)."""
        return normalise_line(text, self.fix_punct)

    def kept(self) -> Iterator[tuple[int, Line]]:
        """(index, line) for every line not yet removed."""
        for index, line in enumerate(self.lines):
            if line.removed_by is None:
                yield index, line

    def remove(self, line: Line, rule: str, detail: str = "") -> None:
        """Mark a whole line removed by `rule` (the first rule to claim it wins)."""
        if line.removed_by is None:
            line.removed_by = rule
            self.removals.append(Removal(line.number, line.original.strip(), rule,
                                         self.scopes.get(rule, "generic"), detail=detail))

    def remove_fragment(self, line: Line, fragment: str, rule: str) -> None:
        self.removals.append(Removal(line.number, fragment, rule,
                                     self.scopes.get(rule, "generic"), fragment=True))

    def previous_kept(self, index: int) -> Line | None:
        for j in range(index - 1, -1, -1):
            if self.lines[j].removed_by is None:
                return self.lines[j]
        return None

    def uses_blank_lines(self) -> bool:
        """True when paragraphs are separated by blank lines, so adjacency means a list."""
        kept = [line for line in self.lines[1:] if line.removed_by is None]
        return bool(kept) and sum(line.blank_before for line in kept) * 2 >= len(kept)

    def text(self) -> str:
        """Kept lines as paragraphs: one blank line between them, one final newline."""
        kept = [line.text for line in self.lines if line.removed_by is None]
        return "\n\n".join(kept) + "\n" if kept else ""
