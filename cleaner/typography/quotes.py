"""Quotes: what each quote mark of a paragraph is (`read_quotes`), then its marks (`curl_quotes`).

An apostrophe sits between two letters (l’homme, rock’n’roll) or starts an
elision (’90s, ’n’, ’tis); a straight quote after a digit is an inch or foot
mark (27", 5'10) unless it closes a quotation; a closing quote touches the
text before it; quotes between backticks stay as they are.
"""

from __future__ import annotations

import bisect
import re

from cleaner.text.chardata import DOUBLE_QUOTES, HSPACES, SINGLE_QUOTES
from cleaner.typography.context import char_at, code_spans, inside, is_word

# --- reading quotes ---------------------------------------------------------

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE, APOSTROPHE, KEEP = range(6)
Role = tuple[int, bool]  # (role, matched): a close is matched when a quote was open

# Every quote mark but an apostrophe ’ between two letters or digits: that one
# is an apostrophe (or a prime) in any reading, and the commonest mark by far.
# (One leading character class, so that the regex engine skips ahead fast.)
_QUOTE = re.compile("[" + re.escape(DOUBLE_QUOTES + SINGLE_QUOTES) + "]"
                    + r"(?:(?<!’)|(?<![^\W_]’)|(?![^\W_]))")
# A straight apostrophe between a letter and a letter or digit, or a digit and a letter.
_INNER_APOSTROPHE = re.compile(r"'(?:(?<=[^\W\d_]')(?=[^\W_])|(?<=\d')(?=[^\W\d_]))")
_BEFORE_OPENING = set("([{</-–—" + DOUBLE_QUOTES + SINGLE_QUOTES)
_AFTER_CLOSING = set(".,;:!?…)]}>-–—" + DOUBLE_QUOTES + SINGLE_QUOTES)
_SENTENCE_END = set(".,;:!?…")
_SINGLE_CLOSERS = set("'’‘›")
# Words that begin with an elision apostrophe: 'n' (rock 'n' roll), 'tis, 'em...
_ELISIONS = frozenset("n tis twas em cause til bout round cos nuff kay sup ol neath".split())
_ELISION_WORD = re.compile(r"[^\W\d_]+")
_DECADE = re.compile(r"\d\d(?:s|\b|’s|'s)")


def _left_flank(char: str | None) -> bool:
    return char is None or char.isspace() or char in _BEFORE_OPENING


def _right_flank(char: str | None) -> bool:
    return char is None or char.isspace() or char in _AFTER_CLOSING


def _leading_apostrophe(text: str, index: int) -> bool:
    """True when the quote before text[index] elides: ’90s, ’n’, ’tis, ’em."""
    if _DECADE.match(text, index):
        return True
    word = _ELISION_WORD.match(text, index)
    return word is not None and word.group().lower() in _ELISIONS


def read_quotes(text: str) -> list[tuple[int, int, bool]]:
    """(index, role, matched) for every quote mark of one paragraph.

    Roles: OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE, APOSTROPHE,
    KEEP (inch and foot marks, quotes inside backticks, stray marks).
    `matched` tells a close that had an open quote before it.

    >>> [role for _, role, _ in read_quotes("\\"l'homme\\" 'n' the '90s, 27\\" 5'10")]
    [0, 4, 1, 4, 4, 4, 5, 5]
    """
    chars = [(m.start(), m.group()) for m in _QUOTE.finditer(text)]
    if not chars:
        return []
    spans = code_spans(text)
    chars_outside = [(i, c) for i, c in chars if not inside(spans, i)] if spans else chars
    low9_double = any(c == "„" for _, c in chars_outside)
    low9_single = any(c == "‚" and not (is_word(char_at(text, i - 1))
                                         and is_word(char_at(text, i + 1)))
                      for i, c in chars_outside)
    closers = [i for i, c in chars if c in _SINGLE_CLOSERS
               and (is_word(char_at(text, i - 1)) or char_at(text, i - 1) in _SENTENCE_END)
               and not is_word(char_at(text, i + 1))]
    roles: list[tuple[int, int, bool]] = []
    double_depth = single_depth = 0
    for index, char in chars:
        before, after = char_at(text, index - 1), char_at(text, index + 1)
        if spans and inside(spans, index):
            role = KEEP
        elif char in DOUBLE_QUOTES:
            role = _double_role(char, before, after, double_depth, low9_double)
        else:
            role = _single_role(text, index, char, before, after, single_depth, low9_single,
                                bisect.bisect_right(closers, index) < len(closers))
        matched = False
        if role == OPEN_DOUBLE:
            double_depth += 1
        elif role == CLOSE_DOUBLE:
            matched = double_depth > 0
            double_depth = max(0, double_depth - 1)
        elif role == OPEN_SINGLE:
            single_depth += 1
        elif role == CLOSE_SINGLE:
            matched = single_depth > 0
            single_depth = max(0, single_depth - 1)
        roles.append((index, role, matched))
    return roles


def _double_role(char: str, before: str | None, after: str | None, depth: int,
                 low9: bool) -> int:
    if char in "«„‟":
        return OPEN_DOUBLE
    if char in "»”":
        return CLOSE_DOUBLE
    if char == "“":  # English opener, German closer
        return CLOSE_DOUBLE if low9 else OPEN_DOUBLE
    # The straight quote: an inch mark after a number, else by its flanks.
    if before is not None and before.isdigit() and depth == 0 and _right_flank(after):
        return KEEP
    left, right = _left_flank(before), _right_flank(after)
    if left and not right:
        return OPEN_DOUBLE
    if right and not left:
        return CLOSE_DOUBLE
    return CLOSE_DOUBLE if depth > 0 else OPEN_DOUBLE


def _single_role(text: str, index: int, char: str, before: str | None, after: str | None,
                 depth: int, low9: bool, closer_follows: bool) -> int:
    # Each rule reads the marks the profiles write the same way again (idempotence):
    # an apostrophe ’ never opens, a German ‘ closes only where a closer can stand.
    word_before, word_after = is_word(before), is_word(after)
    if word_before and word_after:
        if char == "‚" or (before is not None and after is not None
                           and before.isdigit() and after.isdigit()):
            return KEEP  # 5'10, or a low-9 mark used as a comma
        return APOSTROPHE  # l'homme, rock'n'roll, 1990's
    if not word_before and word_after and _leading_apostrophe(text, index + 1):
        return APOSTROPHE  # '90s, 'n', 'tis
    if char in "‹‚":
        return OPEN_SINGLE
    if char in "‘‛":  # English opener, German closer
        return CLOSE_SINGLE if low9 and not word_after else OPEN_SINGLE
    # ' ’ ›
    if not word_after:
        if depth > 0:
            return CLOSE_SINGLE
        if word_before:
            return KEEP if char == "'" and before is not None and before.isdigit() else APOSTROPHE
        return KEEP
    if char == "'":
        return OPEN_SINGLE if closer_follows else APOSTROPHE
    return APOSTROPHE if char == "’" else KEEP


# --- writing quotes ---------------------------------------------------------

Marks = dict[tuple[int, bool], str]

FRENCH: Marks = {
    (OPEN_DOUBLE, False): "«", (CLOSE_DOUBLE, True): "»", (CLOSE_DOUBLE, False): "»",
    (OPEN_SINGLE, False): "‘", (CLOSE_SINGLE, True): "’", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
ENGLISH: Marks = {
    (OPEN_DOUBLE, False): "“", (CLOSE_DOUBLE, True): "”", (CLOSE_DOUBLE, False): "”",
    (OPEN_SINGLE, False): "‘", (CLOSE_SINGLE, True): "’", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
# A German close with no open quote before it keeps the English-style closer,
# so that reading the output again gives the same roles (idempotence).
GERMAN: Marks = {
    (OPEN_DOUBLE, False): "„", (CLOSE_DOUBLE, True): "“", (CLOSE_DOUBLE, False): "”",
    (OPEN_SINGLE, False): "‚", (CLOSE_SINGLE, True): "‘", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
_HSPACE_SET = frozenset(HSPACES)


def curl_quotes(text: str, marks: Marks, *, inner_space: str | None = None) -> str:
    """Rewrite the quotes of one paragraph with `marks`, by the roles `read_quotes` gives.

    Double quotes take `inner_space` inside (French NNBSP), or none at all:
    the spaces between a double quote and what it quotes are replaced.

    >>> curl_quotes('"Oui" , l\\'été', FRENCH, inner_space="\\u202f")
    '«\\u202fOui\\u202f» , l’été'
    >>> curl_quotes("« Oui », the '90s", ENGLISH)
    '“Oui”, the ’90s'
    """
    if "'" in text and "`" not in text and marks[(APOSTROPHE, False)] == "’":
        text = _INNER_APOSTROPHE.sub("’", text)  # what read_quotes would say, faster
    roles = read_quotes(text)
    if not roles:
        return text
    pieces: list[str] = []
    last = 0
    for index, role, matched in roles:
        if role == KEEP:
            continue
        pieces.append(text[last:index])
        last = index + 1
        mark = marks[(role, matched if role in (CLOSE_DOUBLE, CLOSE_SINGLE) else False)]
        if role == OPEN_DOUBLE:
            while last < len(text) and text[last] in _HSPACE_SET:
                last += 1
            pieces.append(mark + (inner_space if inner_space and last < len(text) else ""))
        elif role == CLOSE_DOUBLE:
            _strip_end(pieces)
            pieces.append((inner_space if inner_space and any(pieces) else "") + mark)
        else:
            pieces.append(mark)
    pieces.append(text[last:])
    return "".join(pieces)


def _strip_end(pieces: list[str]) -> None:
    """Remove horizontal spaces at the end of what `pieces` join to."""
    while pieces:
        stripped = pieces[-1].rstrip(HSPACES)
        if stripped:
            pieces[-1] = stripped
            return
        pieces.pop()
