"""Typography profiles: how quotes, apostrophes, dashes and punctuation spaces look.

`apply_typography(text, profile, lang)` works paragraph by paragraph (text
with LF between paragraphs), after repair and junk removal:

- ``preserve`` (the default) returns the text as it is: the source's quote,
  apostrophe and dash characters are kept, and the narrow slips the engine
  mends line by line (spacing, doubled periods) are all it needs.
- ``plain``: ASCII punctuation for indexing (' " - ...), every space ordinary.
- ``fr``: « » with narrow no-break spaces inside, NNBSP before ; ! ?, NBSP
  before :, ’ as apostrophe, '...' -> '…', spaced dashes as '–'.
- ``en``: “ ” and ‘ ’, ’ as apostrophe, no space before ; : ! ?, '…', '—'.
- ``de``: „ “ and ‚ ‘, ’ as apostrophe, no space before ; : ! ?, '…', '–'.
- ``auto``: the profile of the detected language (`lang`), else ``preserve``.

Guarantees, checked by property tests: every profile is idempotent; no
profile adds, removes or changes a letter, a digit or a combining mark;
`plain` leaves no non-ASCII punctuation that has an ASCII spelling. Nothing
here collapses spaces with ``\\s+`` or ``str.split()``: both eat NBSP and NNBSP.

Curling reads each quote in context. An apostrophe sits between two letters
(l’homme, rock’n’roll) or starts an elision (’90s, ’n’, ’tis); a straight
quote after a digit is an inch or foot mark (27", 5'10) unless it closes a
quotation; a closing quote touches the text before it. Spacing rules only
act before a space or the end of the paragraph, so times (10:30), ratios
(3:1), URLs, ``?id=`` queries and emoticons (:-) ;)) stay as they are, and
text between backticks is left alone.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Callable

import regex

from cleaner.text.chardata import DOUBLE_QUOTES, HSPACES, NBSP, NNBSP, SINGLE_QUOTES
from cleaner.text.chardata import plain_punctuation as _plain_punctuation

PROFILES = ("preserve", "plain", "fr", "en", "de", "auto")
#: The profile `auto` picks for a detected language; others get `preserve`.
LANGUAGE_PROFILES = {"fr": "fr", "en": "en", "de": "de"}


def resolve_profile(profile: str, lang: str | None = None) -> str:
    """The concrete profile: `auto` becomes the language's profile, or `preserve`.

    >>> [resolve_profile("auto", lang) for lang in ("fr", "en-GB", "it")]
    ['fr', 'en', 'preserve']
    >>> resolve_profile("auto"), resolve_profile("plain", "fr")
    ('preserve', 'plain')
    >>> resolve_profile("fancy")
    Traceback (most recent call last):
    ...
    ValueError: unknown typography profile 'fancy'; choose one of preserve, plain, fr, en, de, auto
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown typography profile {profile!r}; "
                         f"choose one of {', '.join(PROFILES)}")
    if profile != "auto":
        return profile
    if not lang:
        return "preserve"
    return LANGUAGE_PROFILES.get(lang.replace("_", "-").split("-")[0].lower(), "preserve")


def apply_typography(text: str, profile: str = "preserve", lang: str | None = None) -> str:
    """Apply a typography profile to every paragraph of `text` (LF between paragraphs).

    >>> apply_typography('Il a dit : "Pourquoi?" L\\'homme...', "fr")
    'Il a dit\\xa0: «\\u202fPourquoi\\u202f?\\u202f» L’homme…'
    >>> apply_typography("« Non » , dit-il : l’été - 10:30, 3:1, https://x.fr/?id=2 :)", "en")
    '“Non” , dit-il: l’été — 10:30, 3:1, https://x.fr/?id=2 :)'
    >>> apply_typography("„Ja“, sagte er ‚leise‘.", "plain")
    '"Ja", sagte er \\'leise\\'.'
    >>> apply_typography("Er sagte “yes” and 'no' in the ’90s", "de")
    'Er sagte „yes“ and ‚no‘ in the ’90s'
    >>> apply_typography("l'homme \\"27\\"", "preserve")
    'l\\'homme "27"'
    """
    resolved = resolve_profile(profile, lang)
    if resolved == "preserve" or not text:
        return text
    fix = _PARAGRAPH[resolved]
    return "\n".join(fix(paragraph) if paragraph else paragraph for paragraph in text.split("\n"))


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
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def _is_word(char: str | None) -> bool:
    """Letters, digits and combining marks: what curling and spacing never touch."""
    if char is None:
        return False
    return char.isalnum() or unicodedata.category(char)[0] == "M"


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


def _code_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """True when `index` falls in one of the sorted, disjoint `spans`.

    >>> _inside([(2, 5), (9, 12)], 4), _inside([(2, 5), (9, 12)], 7)
    (True, False)
    """
    at = bisect.bisect_right(spans, (index, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


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
    spans = _code_spans(text)
    chars_outside = [(i, c) for i, c in chars if not _inside(spans, i)] if spans else chars
    low9_double = any(c == "„" for _, c in chars_outside)
    low9_single = any(c == "‚" and not (_is_word(_at(text, i - 1)) and _is_word(_at(text, i + 1)))
                      for i, c in chars_outside)
    closers = [i for i, c in chars if c in _SINGLE_CLOSERS
               and (_is_word(_at(text, i - 1)) or _at(text, i - 1) in _SENTENCE_END)
               and not _is_word(_at(text, i + 1))]
    roles: list[tuple[int, int, bool]] = []
    double_depth = single_depth = 0
    for index, char in chars:
        before, after = _at(text, index - 1), _at(text, index + 1)
        if spans and _inside(spans, index):
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


def _at(text: str, index: int) -> str | None:
    return text[index] if 0 <= index < len(text) else None


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
    word_before, word_after = _is_word(before), _is_word(after)
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

_Marks = dict[tuple[int, bool], str]

_FR: _Marks = {
    (OPEN_DOUBLE, False): "«", (CLOSE_DOUBLE, True): "»", (CLOSE_DOUBLE, False): "»",
    (OPEN_SINGLE, False): "‘", (CLOSE_SINGLE, True): "’", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
_EN: _Marks = {
    (OPEN_DOUBLE, False): "“", (CLOSE_DOUBLE, True): "”", (CLOSE_DOUBLE, False): "”",
    (OPEN_SINGLE, False): "‘", (CLOSE_SINGLE, True): "’", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
# A German close with no open quote before it keeps the English-style closer,
# so that reading the output again gives the same roles (idempotence).
_DE: _Marks = {
    (OPEN_DOUBLE, False): "„", (CLOSE_DOUBLE, True): "“", (CLOSE_DOUBLE, False): "”",
    (OPEN_SINGLE, False): "‚", (CLOSE_SINGLE, True): "‘", (CLOSE_SINGLE, False): "’",
    (APOSTROPHE, False): "’",
}
_HSPACE_SET = frozenset(HSPACES)


def curl_quotes(text: str, marks: _Marks, *, inner_space: str | None = None) -> str:
    """Rewrite the quotes of one paragraph with `marks`, by the roles `read_quotes` gives.

    Double quotes take `inner_space` inside (French NNBSP), or none at all:
    the spaces between a double quote and what it quotes are replaced.

    >>> curl_quotes('"Oui" , l\\'été', _FR, inner_space="\\u202f")
    '«\\u202fOui\\u202f» , l’été'
    >>> curl_quotes("« Oui », the '90s", _EN)
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


# --- ellipsis, punctuation spacing, dashes ----------------------------------

_ELLIPSIS = re.compile(r"(?<![.…])\.\.\.(?![.…])")
_TECHNICAL = set("/\\=@&`<>{}|~^$#_")


def _token_before(text: str, index: int) -> str:
    start = index
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:index]


def _technical(text: str, index: int, code: list[tuple[int, int]]) -> bool:
    """True inside a URL, a path, a query, an e-mail address or `code` (backtick spans)."""
    token = _token_before(text, index)
    if any(char in _TECHNICAL for char in token):
        return True
    return bool(code) and _inside(code, index)


def fix_ellipsis(text: str) -> str:
    """Three periods become an ellipsis character; URLs and paths are left alone.

    >>> fix_ellipsis("Attendez... [...] ou .... voir https://x.fr/a...b")
    'Attendez… […] ou .... voir https://x.fr/a...b'
    """
    if "..." not in text:
        return text
    code = _code_spans(text)
    return _ELLIPSIS.sub(lambda m: m.group() if _technical(text, m.start(), code) else "…", text)


_HIGH_PUNCTUATION = re.compile(f"[{HSPACES}]*[;:!?]+")
_DIGIT_AHEAD = re.compile(f"[{HSPACES}]*\\d")
_PUNCT_AFTER = set(")]»”’›'\"")
_PUNCT_BEFORE_EXTRA = set(")]»”’›'\"…%°.*")


def _spacing_applies(text: str, match: re.Match[str], code: list[tuple[int, int]]) -> bool:
    start, end = match.span()
    punct = match.group().lstrip(HSPACES)
    before, after = _at(text, start - 1), _at(text, end)
    if before is None or before.isspace() or not (
            _is_word(before) or before in _PUNCT_BEFORE_EXTRA):
        return False
    if after is not None and not after.isspace() and (
            punct[0] in ":;" or after not in _PUNCT_AFTER):
        return False  # 10:30, 3:1, http://, ?id=, :-) ;)
    if before.isdigit() and _DIGIT_AHEAD.match(text, end):
        return False  # a score or a ratio written "3 : 1"
    return not _technical(text, start, code)


def space_high_punctuation_fr(text: str) -> str:
    """French spacing: NNBSP before ; ! ?, NBSP before :, in place of any space there.

    >>> space_high_punctuation_fr("Quoi?! Attention: voici ; 10:30 3:1 ?id=4 :) https://a.b")
    'Quoi\\u202f?! Attention\\xa0: voici\\u202f; 10:30 3:1 ?id=4 :) https://a.b'
    """
    if not any(char in text for char in ";:!?"):
        return text

    code = _code_spans(text)

    def space(match: re.Match[str]) -> str:
        if not _spacing_applies(text, match, code):
            return match.group()
        punct = match.group().lstrip(HSPACES)
        return (NBSP if punct[0] == ":" else NNBSP) + punct

    return _HIGH_PUNCTUATION.sub(space, text)


def unspace_high_punctuation(text: str) -> str:
    """English and German spacing: no space before ; : ! ?.

    >>> unspace_high_punctuation("Quoi ?! Attention\\u00a0: voici ; mais 3 : 1 et :) ok")
    'Quoi?! Attention: voici; mais 3 : 1 et :) ok'
    """
    if not any(char in text for char in ";:!?"):
        return text

    code = _code_spans(text)

    def unspace(match: re.Match[str]) -> str:
        punct = match.group().lstrip(HSPACES)
        if punct == match.group() or not _spacing_applies(text, match, code):
            return match.group()
        return punct

    return _HIGH_PUNCTUATION.sub(unspace, text)


# A dash between spaces, between words (not between two numbers: "2 - 1").
_SPACED_DASH = regex.compile(
    r"(?<=[\p{L}\p{M}\p{N},.;:!?»”’)\]][ \u00a0\u202f])[-–—](?=[ \u00a0\u202f][\p{L}\p{N}«“„‘‚(\[])"
)


def fix_dashes(text: str, dash: str) -> str:
    """A dash set between spaces inside a sentence becomes `dash`; numbers keep theirs.

    >>> fix_dashes("Paris - la ville — et 2 - 1, en 2020-2021", "–")
    'Paris – la ville – et 2 - 1, en 2020-2021'
    """
    if not any(char in text for char in "-–—"):
        return text

    def swap(match: regex.Match[str]) -> str:
        start = match.start()
        if text[start - 2].isdigit() and text[start + 2].isdigit():
            return str(match.group())
        return dash

    result: str = _SPACED_DASH.sub(swap, text)
    return result


# --- plain ------------------------------------------------------------------


@functools.cache
def _plain_targets() -> re.Pattern[str]:
    """A character class of every character `plain` rewrites (built on first use, ~20 ms).

    BMP punctuation and spaces with another ASCII spelling, tab, and the
    astral planes (whose rare punctuation is looked up one by one).
    """
    targets = [
        char for char in map(chr, range(0x80, 0x10000))
        if not "\ud800" <= char <= "\udfff" and (unicodedata.category(char)[0] == "P"
                                              or unicodedata.category(char) == "Zs"
                                              or char in _PLAIN_EXTRA)
        and _plain_punctuation(char) not in (None, char)
    ]
    return re.compile("[\t" + re.escape("".join(targets)) + "\U00010000-\U0010ffff]")


# Symbols (not punctuation by category) that `plain_punctuation` spells in ASCII.
_PLAIN_EXTRA = frozenset("\u2212\u2219\u22ef")


def _plain_char(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return " "
    plain = _plain_punctuation(char)
    return char if plain is None else plain


_SPACE_RUN = re.compile(r" {2,}")


def plain_punctuation(text: str) -> str:
    """ASCII punctuation and ordinary spaces, for indexing; letters and signs unchanged.

    >>> plain_punctuation("«\\u202fVoilà\\u202f» — l’été… 12\\u00a0000 € ¿Qué? §3")
    '" Voilà " - l\\'été... 12 000 € Qué? §3'
    """
    if text.isascii():
        return text.replace("\t", " ") if "\t" in text else text
    return _plain_targets().sub(_plain_char, text)


# --- the profiles -----------------------------------------------------------


def _fr(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, _FR, inner_space=NNBSP)
    paragraph = fix_ellipsis(paragraph)
    paragraph = space_high_punctuation_fr(paragraph)
    return fix_dashes(paragraph, "–")


def _en(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, _EN)
    paragraph = fix_ellipsis(paragraph)
    paragraph = unspace_high_punctuation(paragraph)
    return fix_dashes(paragraph, "—")


def _de(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, _DE)
    paragraph = fix_ellipsis(paragraph)
    paragraph = unspace_high_punctuation(paragraph)
    return fix_dashes(paragraph, "–")


_GUILLEMET_INSIDE = re.compile(f"(?<=[«‹])[{HSPACES}]+|[{HSPACES}]+(?=[»›])")


def _plain(paragraph: str) -> str:
    # No quote reading here: every mark becomes ' or ", only the spaces French
    # puts inside guillemets go (and guillemets are gone after one pass).
    if any(char in paragraph for char in "«»‹›"):
        paragraph = _GUILLEMET_INSIDE.sub("", paragraph)
    paragraph = plain_punctuation(paragraph)
    if "  " in paragraph:
        paragraph = _SPACE_RUN.sub(" ", paragraph)
    return paragraph.strip(" ")


_PARAGRAPH: dict[str, Callable[[str], str]] = {"fr": _fr, "en": _en, "de": _de, "plain": _plain}
