"""What the classifier knows about one line: cheap text features, computed lazily.

A long line that ends like a sentence is body-like after two checks (its
length and its last character); only the other lines pay for the rest
(stopword share, link and counter density, the lexicon).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple, Protocol

import regex

from cleaner.classify.lexicon import Hit, Lexicon, folded_phrase_key

# Closing quotes and brackets that may follow the final stop of a sentence.
_CLOSERS = "\"'’‘”“»«›‹)]」』"  # German closes with “ and ‘, French may with »
# Also the stops of scripts that do not end a sentence with ".": Devanagari and Bengali
# (danda), Arabic and Urdu, Armenian, Ethiopic, Myanmar.
_SENTENCE_END = frozenset(".!?…。！？\u0964\u0965\u061f\u06d4\u0589\u1362\u104b")
# Scripts written without spaces between words (Han, kana, with their punctuation and
# full-width forms), whose words are counted by length. Not Hangul: Korean spaces its
# words; nor emoji, which end many a line of English.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff01-\uff60]")
# Every such character is at or above U+2E80: a range (fast to scan for) finds the lines
# that may hold one, before the script lookups (slow, per character) run.
_WIDE = regex.compile("[\u2e80-\U0010ffff]")
# An emoji ending a line stands for its stop ("… known to the world 🙂"), or follows it
# ("Book your tickets today! 🙂"); one opening a line is an icon, not a sign of prose.
# Modifiers, joiners and variation selectors belong to the emoji; © ® ™ are no emoji here.
_TRAILING_EMOJI = regex.compile(
    r"(?![©®™])\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Sk}\p{Cf}\p{M}\s]*$")
_CLOSERS_SPACE = _CLOSERS + " "  # "… fin. »": a (no-break) space may stand before the quote
BODY_WORDS = 6  # a line ending like a sentence with at least this many words is body-like
SHORT_WORDS = 6  # a line of at most this many words, not ending like a sentence, is short
LONG_WORDS = 25  # a line this long without a final stop reads as prose if stopwords say so
MIN_STOP_SHARE = 0.2
START_MAX_WORDS = 14  # a `starts` phrase marks only a line this short as junk
CONTAINS_MAX_WORDS = 60
SHORT_SCORE = -8.0
MIDDLE_SCORE = -10.0
JUNK_SCORE = -12.0  # a lexicon phrase, a counter, links: the strongest sign of page furniture
_LINKISH = regex.compile(r"https?://|www\.|@\w|#\w|\.(?:com|org|net|html?)\b")
_COUNTER = regex.compile(r"[\d\s.,:/()+%-]*\p{L}{0,12}[\d\s.,:/()+%-]*")


def _domain_hint(folded: str) -> bool:
    return ".com" in folded or ".org" in folded or ".net" in folded or ".htm" in folded


class Kind(IntEnum):
    """How a line reads, from most junk-like to most body-like."""

    JUNK = 0  # a lexicon phrase, a counter, a run of links
    SHORT = 1  # a few words, no sentence end: a menu item, a label, a subheading
    MIDDLE = 2  # a headline-length line, no sentence end
    SENTENCE = 3  # a short sentence (ends like one, few words)
    BODY = 4  # prose: ends like a sentence with enough words, or long with stopwords


_SCORES = {Kind.SENTENCE: 1.0, Kind.MIDDLE: MIDDLE_SCORE, Kind.SHORT: SHORT_SCORE,
           Kind.JUNK: JUNK_SCORE}


# A written `__init__` (`init=False`): mypyc compiles it, not the one dataclass generates.
@dataclass(slots=True, init=False)
class Features:
    """One line's reading, with what decided it (for `--explain`)."""

    kind: Kind
    words: int
    why: str  # empty for plain prose: written out only if a decision needs it
    hit: Hit | None
    score: float  # its weight in the search for the body: prose for, junk against
    # Read by its share of stopwords: the document's language may change the reading.
    by_stopwords: bool

    def __init__(self, kind: Kind, words: int, why: str = "", hit: Hit | None = None,
                 by_stopwords: bool = False) -> None:
        self.kind, self.words, self.why, self.hit = kind, words, why, hit
        self.score = float(words) if kind is Kind.BODY else _SCORES[kind]
        self.by_stopwords = by_stopwords

    def explain(self) -> str:
        return self.why or f"sentence of {self.words} words"


def effective_words(key: str, words: int) -> int:
    """Words, or a length-based count for scripts written without spaces (Chinese and
    Japanese: about two characters a word; any other long unspaced run: eight).

    >>> effective_words("Home", 1)
    1
    >>> effective_words("俄罗斯总统普京周一表示政府将继续支持乌克兰的和平进程。", 1)
    13
    >>> effective_words("3.14 1.000.000 政府武器政府总统总统总统.", 3)  # Han inside, too
    14
    >>> effective_words("‘골목식당’ 결국 대폭발한 백종.", 4)  # Korean spaces its words
    4
    >>> effective_words("👁 Prepare for the deepfake era of video", 8)
    8
    """
    wide = None if key.isascii() else _WIDE.search(key)
    if wide is not None and _UNSPACED.search(key, wide.start()) is not None:
        return max(words, len(key) // 2)
    return max(words, len(key) // 8)


def ends_like_sentence(key: str) -> bool:
    """True when the line ends with a sentence stop (closing quotes allowed after it).

    >>> ends_like_sentence("He left."), ends_like_sentence('"He left."'), ends_like_sentence("Home")
    (True, True, False)
    >>> ends_like_sentence("« Il est parti. »")
    True
    >>> ends_like_sentence("पुलिस ने दोनों को गिरफ्तार कर लिया।")  # Hindi ends with a danda
    True
    >>> ends_like_sentence("Book it today! 🙂"), ends_like_sentence("Come and see 👍🏽")
    (True, True)
    >>> ends_like_sentence("Read more ►"), ends_like_sentence("Example Media ©")
    (False, False)
    """
    end = key.rstrip(_CLOSERS_SPACE)
    if not end:
        return False
    return end[-1] in _SENTENCE_END or (
        end[-1] >= "\u00a9" and _TRAILING_EMOJI.search(end) is not None)


def stop_share(folded: str, stopwords: frozenset[str]) -> float:
    """The share of the line's words that are function words.

    >>> stop_share("the cat and the hat", frozenset({"the", "and"}))
    0.6
    """
    words = folded.split()
    return sum(map(stopwords.__contains__, words)) / len(words) if words else 0.0


# A line at least this long has BODY_WORDS effective words whatever its word count
# (`effective_words` counts at least a word per eight characters).
PLAIN_PROSE_CHARS = BODY_WORDS << 3
_SENTENCE_ENDINGS = tuple(sorted(_SENTENCE_END))


def not_plain_prose(lines: Sequence[LineView]) -> list[LineView]:
    """The lines that may not read as plain prose: all but those long enough and ending
    with a sentence stop (no closing quote after it), which `read_lines` surely reads as
    plain prose (no reason given, no lexicon hit). Two C calls a line, no word count.

    >>> lines = [Text.of(text) for text in ("Most read", "x" * 46 + ".", "x" * 47 + ".",
    ...                                     "x" * 47 + '."')]
    >>> [len(line.key) for line in not_plain_prose(lines)]
    [9, 47, 49]
    """
    return [line for line in lines
            if len(key := line.key) < PLAIN_PROSE_CHARS or not key.endswith(_SENTENCE_ENDINGS)]


# One shared (never modified) reading per length for plain prose: no allocation per line.
_PROSE: dict[int, Features] = {}


class LineView(Protocol):
    """What the classifier reads of a line: the engine's `Line`, or a `Text`."""

    @property
    def key(self) -> str: ...  # spaces folded
    @property
    def folded(self) -> str: ...  # key, casefolded
    @property
    def words(self) -> int: ...


class Text(NamedTuple):
    """A line given as text, for callers outside the engine.

    >>> Text.of("  Most   read ")
    Text(key='Most read', folded='most read', words=2)
    """

    key: str
    folded: str
    words: int

    @classmethod
    def of(cls, text: str) -> Text:
        key = " ".join(text.split())
        return cls(key, key.casefold(), len(key.split()))


def read_lines(lines: Sequence[LineView], lexicon: Lexicon,
               stopwords: frozenset[str]) -> list[Features]:
    """The features of every line; plain prose pays only for its length and last character."""
    feats: list[Features] = []
    append = feats.append
    prose = _PROSE.get
    for line in lines:
        key = line.key
        last = key[-1:]
        if last in _CLOSERS and last:
            last = key.rstrip(_CLOSERS_SPACE)[-1:]
        if last and last in _SENTENCE_END:
            # Inline `effective_words` (words counted as the engine's Line does): this loop
            # is the classifier's whole cost on clean prose.
            count = line.words
            if len(key) >> 3 > count:
                count = len(key) >> 3
            if count < BODY_WORDS:
                count = effective_words(key, count)
            if count >= BODY_WORDS:
                feat = prose(count)
                if feat is None:
                    feat = _PROSE[count] = Features(Kind.BODY, count)
                append(feat)
                continue
        append(read_line(key, line.folded, line.words, lexicon, stopwords))
    return feats


def read_line(key: str, folded: str, words: int, lexicon: Lexicon,
              stopwords: frozenset[str]) -> Features:
    """The features of one line (`key`: spaces folded, `folded`: casefolded too).

    >>> from cleaner.classify.lexicon import default_lexicon
    >>> read_line("Accueil", "accueil", 1, default_lexicon(), frozenset()).why
    "lexicon nav/fr lines 'accueil'"
    >>> read_line("Lire aussi : la réforme", "lire aussi : la réforme", 5,
    ...           default_lexicon(), frozenset()).kind.name
    'JUNK'
    """
    count = effective_words(key, words)
    sentence = ends_like_sentence(key)
    if sentence and count >= BODY_WORDS:
        # Prose is never lexicon junk: "Tous droits réservés ou non, ..." is a sentence.
        # A cookie notice written as sentences goes with the zone it stands in.
        return Features(Kind.BODY, count)
    if count <= START_MAX_WORDS:
        key_form = folded_phrase_key(folded)
        hit = lexicon.match_line(key_form)
        if hit is None:
            hit = lexicon.match_start(key_form)
        if hit is None and not sentence:
            hit = lexicon.match_end(folded)
        if hit is not None:
            return Features(Kind.JUNK, count, f"lexicon {hit.category}/{hit.lang} "
                            f"{hit.how} {hit.phrase!r}", hit)
    if count >= BODY_WORDS and key.endswith(":"):
        # A sentence that announces what follows ("... here is how:"): prose, not a title.
        return Features(Kind.BODY, count)
    if count <= 3 and _COUNTER.fullmatch(key) and any(c.isdigit() for c in key):
        return Features(Kind.JUNK, count, "counter or date")
    if sentence:  # a short sentence, links or not: "Write to press@un.org."
        return Features(Kind.SENTENCE, count, f"short sentence of {count} words")
    if "@" in key or "#" in key or "://" in key or "www." in folded or _domain_hint(folded):
        links = len(_LINKISH.findall(key))
        if links and links * 4 >= words:
            return Features(Kind.JUNK, count, f"{links} links in {words} words")
    if ("|" in key or "/" in key or "•" in key or "·" in key) and (
            key.count(" | ") + key.count(" / ") + key.count(" • ") + key.count(" · ")) >= 2:
        return Features(Kind.JUNK, count, "list of items separated by | or /")
    if count >= LONG_WORDS:
        share = stop_share(folded, stopwords)
        if share >= MIN_STOP_SHARE:
            return Features(Kind.BODY, count, f"{count} words, {share:.0%} stopwords",
                            by_stopwords=True)
        return Features(Kind.MIDDLE, count, f"{count} words, {share:.0%} stopwords, no stop",
                        by_stopwords=True)
    if count <= SHORT_WORDS:
        return Features(Kind.SHORT, count, f"{count} words, no sentence end")
    return Features(Kind.MIDDLE, count, f"{count} words, no sentence end")
