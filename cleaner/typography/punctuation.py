"""Punctuation: the ellipsis, spaces before ; : ! ?, dashes, and plain ASCII punctuation.

Spacing rules only act before a space or the end of the paragraph, so times
(10:30), ratios (3:1), URLs, ``?id=`` queries and emoticons (:-) ;)) stay as
they are, and text between backticks is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import regex

from cleaner.text.chardata import HSPACES, NBSP, NNBSP
from cleaner.text.chardata import plain_punctuation as _plain_punctuation
from cleaner.typography.context import char_at, code_spans, inside, is_word

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
    return bool(code) and inside(code, index)


def fix_ellipsis(text: str) -> str:
    """Three periods become an ellipsis character; URLs and paths are left alone.

    >>> fix_ellipsis("Attendez... [...] ou .... voir https://x.fr/a...b")
    'Attendez… […] ou .... voir https://x.fr/a...b'
    """
    if "..." not in text:
        return text
    code = code_spans(text)
    return _ELLIPSIS.sub(lambda m: m.group() if _technical(text, m.start(), code) else "…", text)


_HIGH_PUNCTUATION = re.compile(f"[{HSPACES}]*[;:!?]+")
_DIGIT_AHEAD = re.compile(f"[{HSPACES}]*\\d")
_PUNCT_AFTER = set(")]»”’›'\"")
_PUNCT_BEFORE_EXTRA = set(")]»”’›'\"…%°.*")


def _spacing_applies(text: str, match: re.Match[str], code: list[tuple[int, int]]) -> bool:
    start, end = match.span()
    punct = match.group().lstrip(HSPACES)
    before, after = char_at(text, start - 1), char_at(text, end)
    if before is None or before.isspace() or not (
            is_word(before) or before in _PUNCT_BEFORE_EXTRA):
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
    return _respace(text, lambda punct: (NBSP if punct[0] == ":" else NNBSP) + punct)


def unspace_high_punctuation(text: str) -> str:
    """English and German spacing: no space before ; : ! ?.

    >>> unspace_high_punctuation("Quoi ?! Attention\\u00a0: voici ; mais 3 : 1 et :) ok")
    'Quoi?! Attention: voici; mais 3 : 1 et :) ok'
    """
    return _respace(text, lambda punct: punct)


def _respace(text: str, spaced: Callable[[str], str]) -> str:
    """Each ; : ! ? run where spacing applies, with the space before it made `spaced(punct)`."""
    if not any(char in text for char in ";:!?"):
        return text

    code = code_spans(text)

    def respace(match: re.Match[str]) -> str:
        if not _spacing_applies(text, match, code):
            return match.group()
        return spaced(match.group().lstrip(HSPACES))

    return _HIGH_PUNCTUATION.sub(respace, text)


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


def plain_punctuation(text: str) -> str:
    """ASCII punctuation and ordinary spaces, for indexing; letters and signs unchanged.

    >>> plain_punctuation("«\\u202fVoilà\\u202f» — l’été… 12\\u00a0000 € ¿Qué? §3")
    '" Voilà " - l\\'été... 12 000 € Qué? §3'
    """
    if text.isascii():
        return text.replace("\t", " ") if "\t" in text else text
    return _plain_targets().sub(_plain_char, text)
