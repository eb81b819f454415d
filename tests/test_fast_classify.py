"""The classifier's and the duplicate step's shortcuts give the answers of the plain code.

`is_article` reads only the lines `not_plain_prose` keeps, and `copy_positions`
compares only lines with as many spaces as a line close before them: each is
checked here against the computation it replaces, on lines built to hit its
edges (lengths around PLAIN_PROSE_CHARS, closing quotes after the stop, CJK,
lexicon phrases, case variants that change length such as 'Straße' / 'STRASSE',
empty keys).
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.classify.classifier import MIN_PAGE_HEAD, is_article
from cleaner.classify.features import PLAIN_PROSE_CHARS, Text, not_plain_prose, read_lines
from cleaner.classify.lexicon import default_lexicon
from cleaner.lines.document import Line
from cleaner.steps.run import copy_positions

_PIECES = ["Accueil", "Home", "Most read", "Lire aussi", "Partager", "12:30", "www.x.com",
           "a |", "b /", "Straße", "STRASSE", "strasse", "the", "and", "le", "la", "de",
           "président", "said", "x" * 9, "俄罗斯总统普京周一表示", ".", "!", "?", "…", "。",
           "»", "«", '"', "’", ")", ":", "Ǆ", "ǆ", "İ", "i̇", "ﬁ", "fi", "ΐ"]
_ENDINGS = ["", ".", '"', "!", "?", "…", "。", '."', ". »", ".”", ")", ":", "»", " ."]


@st.composite
def keys(draw: st.DrawFn) -> str:
    """A line's key (spaces folded), often near the length that makes prose plain."""
    words = draw(st.lists(st.sampled_from(_PIECES) | st.text(min_size=1, max_size=8).map(
        lambda t: "".join(t.split()) or "w"), max_size=14))
    key = " ".join(words)
    if draw(st.booleans()):  # pad around PLAIN_PROSE_CHARS
        target = draw(st.integers(PLAIN_PROSE_CHARS - 3, PLAIN_PROSE_CHARS + 2))
        key = (key + " " + "y" * max(0, target - len(key) - 2)).strip()
    return (key + draw(st.sampled_from(_ENDINGS))).strip()


def _reference_is_article(lines: list[Text]) -> bool:
    """The classifier's early exit as it was: every line read."""
    lexicon = default_lexicon()
    feats = read_lines(lines, lexicon, lexicon.all_stopwords)
    return not any(feat.hit for feat in feats) and sum(
        1 for feat in feats if feat.why) < MIN_PAGE_HEAD


@settings(max_examples=400, deadline=None)
@given(st.lists(keys(), max_size=30))
@example(["x" * 47 + ".", "y" * 48 + ".", "z" * 48 + '."', "w" * 48 + '"', "Accueil"])
def test_lines_left_out_read_as_plain_prose(texts: list[str]) -> None:
    lines = [Text.of(text) for text in texts]
    lexicon = default_lexicon()
    suspects = not_plain_prose(lines)
    for line in lines:
        if line not in suspects:
            (feat,) = read_lines([line], lexicon, lexicon.all_stopwords)
            assert feat.why == "" and feat.hit is None, line
    assert is_article(lines, lexicon, lexicon.all_stopwords) == _reference_is_article(lines)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12), keys())
def test_many_short_lines_make_a_page(count: int, key: str) -> None:
    lines = [Text.of(f"Item {key} {n}") for n in range(count)]
    lexicon = default_lexicon()
    assert is_article(lines, lexicon, lexicon.all_stopwords) == _reference_is_article(lines)


def _reference_copies(kept: list[Line], min_words: int, max_lines: int) -> list[int]:
    """The duplicate step as it was: lines grouped by word count, each group searched."""
    counts = [line.words for line in kept]
    if len(set(counts)) == len(counts):
        return []
    positions: dict[int, list[int]] = {}
    for position, words in enumerate(counts):
        if words >= min_words:
            positions.setdefault(words, []).append(position)

    def copies(group: list[int]) -> Iterator[int]:
        for later, position in enumerate(group):
            line = kept[position]
            for earlier in reversed(group[:later]):
                if position - earlier > max_lines:
                    break
                other = kept[earlier]
                if other.key == line.key or other.folded == line.folded:
                    yield position
                    break

    return sorted(position for group in positions.values() if len(group) > 1
                  for position in copies(group))


_LINE_KEYS = st.sampled_from(["", "a", "b", "A", "Straße", "STRASSE", "strasse", "x y", "X Y",
                              "Un deux trois quatre", "UN DEUX TROIS QUATRE",
                              "un deux trois cinq", "ﬁn de la", "FIN DE LA", "İ a", "i̇ a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINE_KEYS | keys(), max_size=25), st.integers(0, 4), st.integers(-1, 6))
@example(["Straße", "STRASSE"], 0, 1)
@example(["", "a"], 0, 1)
def test_copy_positions_match_the_grouped_search(texts: list[str], min_words: int,
                                                 max_lines: int) -> None:
    kept = [Line(number, text, text, text, False) for number, text in enumerate(texts)]
    assert copy_positions(kept, min_words, max_lines) == _reference_copies(
        kept, min_words, max_lines)
