"""The keys of a document's lines, searched as one text: which lines hold a rule's text.

Rules often need some text ("contributed reporting", "©", ":") that most
lines lack. `TextFinder` is one case-insensitive search for such a text;
`KeyIndex` runs it once over a whole document's joined line keys and maps
the hits back to their lines, instead of one search per line.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

import regex


class KeyIndex:
    """The keys of a document's lines, joined, for searches over the whole document.

    One search of a required text over the joined keys, then a bisection per
    hit, replaces one search per line: most lines of a document have none.

    >>> sorted(set(KeyIndex(["un deux", "trois", "deux"]).lines_with(TextFinder("deux"))))
    [0, 2]
    """

    __slots__ = ("_ends", "_holds", "keys", "text")

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = keys
        self.text = "\n".join(keys)
        self._ends = list(accumulate(len(key) + 1 for key in keys))  # past each line's LF
        # Finder text -> whether the document holds it: several matchers look for
        # the same texts, and for the same anchors (`TextFinder.anchor`).
        self._holds: dict[str, bool] = {}

    def holds(self, finder: TextFinder) -> bool:
        """``finder(self.text)``, searched once per text, and not at all when the finder's
        anchor (a word of its text) is missing.

        >>> index = KeyIndex(["Reuters contributed reporting."])
        >>> index.holds(TextFinder("contributed to this report")), index.holds(TextFinder(":"))
        (False, False)
        """
        text = finder.text
        found = self._holds.get(text)
        if found is None:
            anchor = finder.anchor()
            found = (anchor is None or self.holds(anchor)) and finder(self.text)
            self._holds[text] = found
        return found

    def lines_with(self, finder: TextFinder, reach: int | None = None,
                   width: int | None = None) -> Iterator[int]:
        """Lines holding `finder`'s text: within `reach` of their end, in lines up to `width` long.

        >>> index = KeyIndex(["Photo : AP", "Il a dit : oui, et bien plus encore.", "x : y"])
        >>> sorted(set(index.lines_with(TextFinder(":"), reach=5)))
        [0, 2]
        """
        if not self.holds(finder):
            return  # one quick search for the common case: the text is nowhere
        for start in finder.starts(self.text):
            line = bisect_right(self._ends, start)
            if reach is not None and self._ends[line] - 1 - start > reach:
                continue
            if width is not None and len(self.keys[line]) > width:
                continue
            yield line


# Anchor word -> the (case-folded) finder texts that hold it, and the finder searching
# for it (or for the stem anchor words share). Filled as matchers are built; a race only
# builds an anchor's finder twice, or finds a stem again.
_ANCHOR_USERS: dict[str, set[str]] = {}
_ANCHOR_FINDERS: dict[str, TextFinder] = {}
_STEMS: dict[str, str | None] = {}
# Finder text -> the text its search is anchored on (`anchor_text`), once worked out.
_PLANS: dict[str, str | None] = {}
MIN_STEM = 6
# The adjacent pairs, led by an ASCII letter, inside characters' full case foldings ("ß"
# folds to "ss", "ﬁ" to "fi", "ẚ" to "aʾ"): a text character may match such a pair of a
# search text as a whole. tests/test_fast_paths.py checks the list against every character.
_FOLDED_PAIRS = frozenset({"ss", "ff", "fi", "fl", "st", "a\u02be"})
# A whole word of six letters or more, between characters that are neither letters
# nor combining marks (or the ends of the text).
_ANCHOR = regex.compile(r"(?<![\p{L}\p{M}])\p{L}{6,}(?![\p{L}\p{M}])")


def _anchor_word(text: str) -> str | None:
    """The first long whole word of `text`, case-folded (None: it has none, or is one).

    >>> _anchor_word(" contributed reporting"), _anchor_word("contributed"), _anchor_word("© AP")
    ('contributed', None, None)
    """
    found = _ANCHOR.search(text)
    word: str | None = None if found is None else found.group()
    return None if word is None or word == text else word.casefold()


def anchor_text(text: str, word: str, users: Iterable[str], stemmed: bool) -> str | None:
    """What to search for before the case-folded `text`, whose anchor word is `word`
    shared by the texts `users` (case-folded, `text` among them), or None.

    The longest other user `text` holds (a document without it holds no `text`); else
    the word, when at least two users hold no other user (those the word answers
    for; the rest are anchored on them) or when the word is `stemmed` (its search
    answers for other words' texts too).

    >>> users = [". all rights reserved", "all rights reserved"]
    >>> [anchor_text(text, "rights", users, False) for text in users]
    ['all rights reserved', None]
    >>> anchor_text("reporting by", "reporting", ["reporting by", "reporting from"], False)
    'reporting'
    """
    inner = [other for other in users if other != text and holds_whole(text, other)]
    if inner:
        return max(inner, key=lambda other: (len(other), other))
    roots = [user for user in users
             if not any(other != user and holds_whole(user, other) for other in users)]
    return word if len(roots) >= 2 or stemmed else None


def holds_whole(text: str, part: str) -> bool:
    """Whether `part` stands in `text` where each of its ends touches an end of `text`
    or a character that is neither a letter nor a mark.

    Then a match of `text` holds a match of `part`: no character folds to a letter
    or mark and one that is neither (tests/test_fast_paths.py checks every one).

    >>> holds_whole(". all rights", "all rights"), holds_whole("overall rights", "all rights")
    (True, False)
    """
    start = text.find(part)
    while start >= 0:
        end = start + len(part)
        if _cut(text, start) and _cut(text, end):
            return True
        start = text.find(part, start + 1)
    return False


def _cut(text: str, at: int) -> bool:
    return at in (0, len(text)) or not (_letter_or_mark(text[at - 1])
                                        and _letter_or_mark(text[at]))


def _letter_or_mark(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _stem(word: str) -> str | None:
    """`shared_stem` of an anchor word among the anchor words known, remembered."""
    if word in _STEMS:
        return _STEMS[word]
    stem = _STEMS[word] = shared_stem(word, list(_ANCHOR_USERS))
    return stem


def shared_stem(word: str, others: Iterable[str]) -> str | None:
    """The start of the case-folded `word` it shares with another of the words `others`
    (all they have in common, in ASCII letters, shorter than both and at least MIN_STEM),
    the shortest such start, or None.

    Searching the stem first answers for every word that starts with it when it is
    missing (most documents), as an anchor word does for its texts. Sound when no
    character folds to a pair of letters across the stem's end (`_FOLDED_PAIRS`): a
    match of the word then holds a match of its stem.

    >>> shared_stem("contributed", ["contribué", "rights", "contributed", "contributions"])
    'contribu'
    >>> shared_stem("rights", ["righteous"]), shared_stem("classified", ["classique"])
    (None, 'classi')
    """
    best = 0
    for other in others:
        if other == word:
            continue
        size = 0
        limit = min(len(word), len(other)) - 1
        while size < limit and word[size] == other[size] and word[size].isascii():
            size += 1
        if size >= MIN_STEM and word[size - 1:size + 1] not in _FOLDED_PAIRS and (
                other[size - 1:size + 1] not in _FOLDED_PAIRS):
            best = min(best, size) if best else size
    return word[:best] if best else None


class TextFinder:
    """A case-insensitive search for one text, in a line or in a whole document.

    Text without cased letters is looked up as it is; otherwise one
    case-insensitive literal search, which the `regex` module runs fast and
    which spares case folding a whole line.

    >>> find = TextFinder("tous droits")
    >>> find("Photo. TOUS DROITS réservés"), find("Photo. Tous droits", 10)
    (True, False)
    >>> list(TextFinder(":").starts("a : b : c")), list(find.starts("x Tous Droits"))
    ([2, 6], [2])
    """

    __slots__ = ("_anchor", "_one_word", "_search", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        cased = text.upper() != text.casefold()
        self._search = (regex.compile(regex.escape(text), regex.IGNORECASE | regex.FULLCASE)
                        if cased else None)
        self._anchor = _anchor_word(text) if cased else None
        # A text that is one long word may be an anchor word, with a stem.
        self._one_word = cased and self._anchor is None and len(text) > MIN_STEM
        if self._anchor is not None:
            if self._anchor not in _ANCHOR_USERS:
                _STEMS.clear()  # a new word may share a stem with those known
            _PLANS.clear()  # and a new user may anchor, or be anchored on, those known
            _ANCHOR_USERS.setdefault(self._anchor, set()).add(text.casefold())

    @property
    def text(self) -> str:
        return self._text

    def anchor(self) -> TextFinder | None:
        """A finder for a word of this text that other finders' texts share, or for
        another of those texts that this one holds (`anchor_text`), or None.

        Rules' required texts repeat words ("contributed reporting", "contributed
        to this report"...): a document without the word holds none of them, and
        one case-insensitive search of the whole document answers for all.
        (Sound because the word stands between non-letters in the text: no
        character folds to a letter and a non-letter, so a match of the text
        holds a match of the word.) Not worth it for a word no other text holds.
        """
        word = self._anchor
        if word is None:
            if not self._one_word:
                return None
            # An anchor word's own finder: the stem it shares with another word, if any.
            word = _stem(self._text) if self._text in _ANCHOR_USERS else None
        elif self._text in _PLANS:
            word = _PLANS[self._text]
        else:
            word = _PLANS[self._text] = anchor_text(
                self._text.casefold(), word, list(_ANCHOR_USERS.get(word, ())),
                _stem(word) is not None)
        if word is None:
            return None
        anchor = _ANCHOR_FINDERS.get(word)
        if anchor is None:
            anchor = _ANCHOR_FINDERS[word] = TextFinder(word)
        return anchor

    def __call__(self, line: str, pos: int = 0) -> bool:
        if self._search is None:
            # A one-character search is a fast scan; a longer one is not, so the
            # text's first character is looked for first (usually absent: "![").
            text = self._text
            if len(text) == 1:
                return line.find(text, pos) >= 0
            return line.find(text[0], pos) >= 0 and line.find(text, pos) >= 0
        return self._search.search(line, pos) is not None

    def starts(self, text: str) -> Iterator[int]:
        """Where each occurrence in `text` starts, left to right."""
        if self._search is not None:
            yield from (m.start() for m in self._search.finditer(text, overlapped=True))
            return
        index = text.find(self._text)
        while index >= 0:
            yield index
            index = text.find(self._text, index + 1)

