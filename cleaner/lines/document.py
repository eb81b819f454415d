"""A document as the engine sees it: its non-blank lines, each with a matching key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import cast

from cleaner.lines.index import KeyIndex
from cleaner.lines.punctuation import fix_punctuation, may_need_punctuation_fix
from cleaner.result import Removal, Repair
from cleaner.text.config import RepairConfig
from cleaner.text.repair import repair_text
from cleaner.text.scan import Scan, nfc_inert, scan_text
from cleaner.text.spaces import EXOTIC_SPACES, match_key, tidy_spaces

# Line breaks other than LF, which `str.splitlines` also splits on (each a rare character).
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A no-break space beside a plain one: `tidy_spaces` keeps one of the two.
_MIXED = (" \u00a0", "\u00a0 ", " \u202f", "\u202f ")
# A space of any kind at the start or the end of a line but the first and the last,
# looked for in text with exotic spaces (the scan finds plain ones, `Scan.edge_space`):
# one regex scan from LF to LF, where the substring tests cost a nanosecond a
# character each.
_INNER_EDGE = re.compile(f"\n(?:[ {EXOTIC_SPACES}]|(?<=[ {EXOTIC_SPACES}]\n))")
# Repairing and normalising a line again settles in one round, two when the first made
# mojibake whole; more would be a pathological swing between the two.
MEND_ROUNDS = 4


def _has_any(text: str, needles: Iterable[str]) -> bool:
    """Substring tests rather than one regex: each is a fast C scan (a regex
    character class costs several nanoseconds per character on non-ASCII text).
    """
    return any(map(text.__contains__, needles))


def _exotic_spaces(found: Scan) -> list[str]:
    """The exotic spaces of the text `found` is the scan of, asked of its rare characters.

    >>> _exotic_spaces(scan_text("12\u00a0000 euros")), _exotic_spaces(scan_text("plain"))
    (['\\xa0'], [])
    """
    return [] if found.plain else [char for char in EXOTIC_SPACES if char in found.rare]


def _is_tidy(text: str, found: Scan, exotic: list[str]) -> bool:
    """True when `tidy_spaces` leaves every line of `text` (split on LF) as it is.

    `found` is the scan of `text`, `exotic` its exotic spaces.

    >>> [_is_tidy(t, scan_text(t), []) for t in ("un deux\\ntrois", "un  deux", "un \\ndeux")]
    [True, False, False]
    >>> _is_tidy("Photo\\u00a0: AP", scan_text("Photo\\u00a0: AP"), ["\\u00a0"])
    True
    >>> _is_tidy("Photo \\u00a0: AP", scan_text("Photo \\u00a0: AP"), ["\\u00a0"])
    False
    """
    edges = [" ", *exotic]
    if found.double_space or "\t" in exotic or text[:1] in edges or text[-1:] in edges:
        return False
    if not exotic:  # the scan looked for plain spaces at lines' edges
        return not found.edge_space
    return _INNER_EDGE.search(text) is None and not _has_any(text, _MIXED)


def normalise_line(text: str, fix_punct: bool = True) -> str:
    """The kept form of a line: spaces tidied, punctuation slips mended (both idempotent)."""
    text = tidy_spaces(text)
    return fix_punctuation(text) if fix_punct else text


# `init=False` and a written `__init__`: compiled by mypyc, where the one dataclass
# generates is interpreted Python (a Line is built for every line of every document).
@dataclass(slots=True, init=False)
class Line:
    """A non-blank input line. `text` is its kept form, `key` what rules match."""

    number: int
    original: str
    text: str
    key: str
    blank_before: bool
    removed_by: str | None
    # The case-folded key, computed on first use: most long body lines never need it.
    _folded: str | None
    # The word count, counted once: several steps and the classifier ask for it.
    _words: int

    def __init__(self, number: int, original: str, text: str, key: str, blank_before: bool,
                 removed_by: str | None = None) -> None:
        self.number, self.original, self.text, self.key = number, original, text, key
        self.blank_before, self.removed_by = blank_before, removed_by
        self._folded, self._words = None, -1

    @property
    def folded(self) -> str:
        """``key.casefold()``, for case-insensitive matching."""
        folded = self._folded
        if folded is None:
            folded = self._folded = self.key.casefold()
        return folded

    @property
    def folded_if_known(self) -> str | None:
        """`folded` if something asked for it already, else None: matchers given None fold
        only when a rule needs it, which most long lines never reach."""
        return self._folded

    def set_text(self, text: str, key: str) -> None:
        """Replace the kept text (after an inline cut), keeping the key in step."""
        self.text, self.key, self._folded, self._words = text, key, None, -1

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    @property
    def words(self) -> int:
        words = self._words
        if words < 0:
            words = self._words = self.key.count(" ") + 1 if self.key else 0
        return words


@dataclass(slots=True, init=False)  # a compiled `__init__`, as for Line
class Document:
    """The lines of one text and the removals decided so far."""

    lines: list[Line]
    removals: list[Removal]
    warnings: list[str]
    scopes: dict[str, str]
    # (role, line index) -> that line's match for the role, computed once.
    memo: dict[tuple[str, int] | tuple[str, str], object]
    fix_punct: bool
    # The generic classifier (cleaner.classify) runs only when the Cleaner asks for it.
    classify: bool
    # False for text an extractor already cut down to the article: the classifier
    # then keeps to its lexicon (zones and menu runs are for whole-page dumps).
    whole_page: bool
    lang: str | None
    # Set by the classifier step: its last decisions may depend on `lang`; the page's
    # headline (`Result.title`), and that line with why it was kept (`Result.kept`).
    lang_matters: bool
    title: str | None
    headline: Removal | None
    # How the text was read (`from_text`), so that a line an inline cut rewrote is
    # read again the same way (`mend`): the repairs (None: none), and NFC.
    repair: RepairConfig | None
    nfc: bool
    # The repairs `mend` made, and the lines inline cuts rewrote, in order.
    repairs: list[Repair]
    cut: list[Line]

    def __init__(self, lines: list[Line], *, fix_punct: bool = True) -> None:
        self.lines, self.fix_punct = lines, fix_punct
        self.removals, self.warnings, self.scopes, self.memo = [], [], {}, {}
        self.classify, self.whole_page, self.lang, self.lang_matters = False, True, None, False
        self.repair, self.nfc, self.repairs, self.cut = None, True, [], []
        self.title, self.headline = None, None

    @classmethod
    def from_text(cls, text: str, *, fix_punct: bool = True, nfc: bool = True,
                  repair: RepairConfig | None = None) -> Document:
        """Split into lines, normalise each minimally (NFC, spaces, punctuation slips).

        `nfc=False` when the caller's repair step already normalised the text;
        `repair`, the configuration it repaired the text with: a line the
        normalisation changed is then repaired again (`mend`).
        Each per-line normalisation is skipped when one scan of the whole text
        shows it has nothing to do, which is the common case for clean text.

        >>> doc = Document.from_text("Titre\\n\\n  Par\\u00a0AP  \\nFin.selon X")
        >>> [(line.number, line.text, line.key) for line in doc.lines]
        [(1, 'Titre', 'Titre'), (3, 'Par\\xa0AP', 'Par AP'), (4, 'Fin. selon X', 'Fin. selon X')]
        """
        found = scan_text(text)
        if nfc and not text.isascii() and not nfc_inert(found) and not unicodedata.is_normalized(
                "NFC", text):
            text = unicodedata.normalize("NFC", text)
            found = scan_text(text)
        exotic = _exotic_spaces(found)
        if not found.plain and _has_any(found.rare, _OTHER_BREAKS):
            raws, untidy = text.splitlines(), True
        else:
            raws, untidy = text.split("\n"), not _is_tidy(text, found, exotic)
        punct = fix_punct and may_need_punctuation_fix(text)
        # The scan counted each LF line's spaces: a key that is its raw line has that
        # many words but one (`Line.words`).
        spaces = None if untidy or exotic or len(found.line_spaces) != len(raws) else \
            found.line_spaces
        doc = cls([], fix_punct=fix_punct)
        doc.nfc, doc.repair = nfc, repair
        lines = doc.lines
        blank_before = False
        for number, raw in enumerate(raws, start=1):
            tidy = tidy_spaces(raw) if untidy else raw
            if punct and "." in tidy:
                tidy = fix_punctuation(tidy)
            if repair is not None and tidy is not raw and not tidy.isascii() and tidy != raw:
                tidy = doc.mend(tidy)
            if not tidy:
                blank_before = True
                continue
            key = match_key(tidy) if exotic else tidy
            line = Line(number, raw, tidy, key, blank_before)
            if spaces is not None and key is raw:
                line._words = spaces[number - 1] + 1
            lines.append(line)
            blank_before = False
        return doc

    def candidates(self, role: str,
                   find: Callable[[KeyIndex], set[int] | None]) -> set[int] | None:
        """The indexes of lines that may match `role` (None: any line), found once by `find`.

        Searched over every line's key, joined: no step changes a key after
        the inline cuts (the first step), so the answer holds for every later
        round. `strip_fragments` drops the index when it cuts.
        """
        memo_key = ("candidates", role)
        if memo_key not in self.memo:
            index = self.memo.get(("index", ""))
            if index is None:
                index = self.memo[("index", "")] = KeyIndex([line.key for line in self.lines])
            self.memo[memo_key] = find(cast(KeyIndex, index))
        return cast("set[int] | None", self.memo[memo_key])

    def forget_candidates(self) -> None:
        """Drop the searches over line keys, after a step changed some keys."""
        for key in [k for k in self.memo if k[0] in ("candidates", "index")]:
            del self.memo[key]

    def mend(self, text: str) -> str:
        """The kept form of a line an inline cut or the normalisation changed: repaired and
        normalised until a second cleaning would read it as it is.

        A cut may join two halves of mojibake ('â€' and '™'); tidying spaces may
        make some ('ÃÂ \u00a0' becomes 'ÃÂ\u00a0', which reads as 'à').
        """
        for _round in range(MEND_ROUNDS):
            repaired = text
            if self.repair is not None:
                repaired, repairs = repair_text(text, self.repair)
                self.repairs.extend(repairs)
            mended = repaired
            if self.nfc and not mended.isascii():
                mended = unicodedata.normalize("NFC", mended)
            mended = normalise_line(mended, self.fix_punct)
            if mended == repaired:  # what a repair gives back it gives back unchanged
                return mended
            text = mended
        return text

    def kept(self) -> Iterator[tuple[int, Line]]:
        """(index, line) for every line not yet removed."""
        for index, line in enumerate(self.lines):
            if line.removed_by is None:
                yield index, line

    def kept_lines(self) -> list[Line]:
        """Every line not yet removed, in order."""
        return [line for line in self.lines if line.removed_by is None]

    def remove(self, line: Line, rule: str, detail: str = "") -> None:
        """Mark a whole line removed by `rule` (the first rule to claim it wins)."""
        if line.removed_by is None:
            line.removed_by = rule
            self.removals.append(Removal(line.number, line.original.strip(), rule,
                                         self.scopes.get(rule, "generic"), detail=detail))

    def remove_fragment(self, line: Line, fragment: str, rule: str) -> None:
        self.removals.append(Removal(line.number, fragment, rule,
                                     self.scopes.get(rule, "generic"), fragment=True))

    def uses_blank_lines(self) -> bool:
        """True when paragraphs are separated by blank lines, so adjacency means a list."""
        kept = [line for line in self.lines[1:] if line.removed_by is None]
        return bool(kept) and sum(line.blank_before for line in kept) * 2 >= len(kept)

    def text(self) -> str:
        """Kept lines as paragraphs: one blank line between them, one final newline."""
        kept = [line.text for line in self.lines if line.removed_by is None]
        return "\n\n".join(kept) + "\n" if kept else ""
