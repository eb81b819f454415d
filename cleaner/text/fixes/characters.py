"""Characters that are debris: controls, terminal escapes, invisibles; and Unicode normalisation."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import regex

from cleaner.text.chardata import (
    ANSI_ESCAPE,
    CONTROL_CHARS,
    INVISIBLES,
    JOINERS,
    NO_JOINER_SCRIPTS,
    NON_C1_CONTROL_CHARS,
)
from cleaner.text.detect import continues_mojibake
from cleaner.text.fixes.fixed import Fixed, summary

# --- control characters -----------------------------------------------------

_CONTROL = re.compile(f"{ANSI_ESCAPE}|[{CONTROL_CHARS}\x1b]")


_NON_C1_CONTROL = re.compile(f"{ANSI_ESCAPE}|[{NON_C1_CONTROL_CHARS}\x1b]")


def fix_controls_and_explain(text: str, *, c1: bool = True) -> Fixed:
    """Remove control characters and terminal escapes (but tab and line breaks).

    With ``c1=False``, C1 controls stay: that is the pass before the mojibake
    repair, where '\\x9d' may be the last byte of 'â€\\x9d' ('”') and a stray
    '\\x01' inside it would stop ftfy.

    >>> fix_controls_and_explain("a\\x00b\\x1b[1mc\\x1b[0m\\x7f")
    Fixed(text='abc', changes=4, detail='ANSI escape ×2, U+0000, U+007F')
    >>> fix_controls_and_explain("â€\\x01\\x9d", c1=False)
    Fixed(text='â€\\x9d', changes=1, detail='U+0001')
    """
    pattern = _CONTROL if c1 else _NON_C1_CONTROL
    match = pattern.search(text)
    if match is None:
        return Fixed(text)
    found: Counter[str] = Counter(
        "ANSI escape" if len(m) > 1 else f"U+{ord(m):04X}" for m in pattern.findall(text))
    return Fixed(pattern.sub("", text), sum(found.values()), summary(found))


def fix_controls(text: str) -> str:
    """Text without C0/C1 control characters, DEL, non-characters or ANSI escapes.

    >>> fix_controls("ligne\\x0b\\tun\\x08\\x9d\\r\\n")
    'ligne\\x0b\\tun\\r\\n'
    """
    return fix_controls_and_explain(text).text


# --- invisible characters ---------------------------------------------------

_INVISIBLE = re.compile("[" + "".join(INVISIBLES) + "".join(JOINERS) + "]")
_JOINING_LETTER = regex.compile(
    r"[[\p{L}\p{M}]--[" + "".join(rf"\p{{scx={s}}}" for s in NO_JOINER_SCRIPTS) + "]]",
    regex.V1,
)
_EMOJI_BEFORE_JOINER = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\u20e3]")
_EMOJI_AFTER_JOINER = regex.compile(r"\p{Extended_Pictographic}")


def _joiner_needed(text: str, index: int) -> bool:
    """True when the ZWJ/ZWNJ at `index` joins two letters of a shaping script or two emoji."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if _JOINING_LETTER.match(before) and _JOINING_LETTER.match(after):
        return True
    return bool(_EMOJI_BEFORE_JOINER.match(before) and _EMOJI_AFTER_JOINER.match(after))


def fix_invisibles_and_explain(text: str, *, before_mojibake: bool = False) -> Fixed:
    """Remove invisible characters; keep ZWJ/ZWNJ where a script or an emoji needs them.

    With ``before_mojibake=True`` (the pass before the mojibake repair, so that
    ftfy sees 'oui\\u00adâ€\\x9d' as 'ouiâ€\\x9d'), joiners all stay (the
    letters around them may not be decoded yet), and so does a soft hyphen
    that may be byte AD of a mojibake sequence ('Ã\\u00ad' is 'í').

    >>> fix_invisibles_and_explain("\\ufeffPUBLI\\u00adCITÉ\\u200b")
    Fixed(text='PUBLICITÉ', changes=3, detail='byte order mark, soft hyphen, zero-width space')
    >>> fix_invisibles_and_explain("oui\\u00adâ€\\x9d Ã\\u00adndice", before_mojibake=True).text
    'ouiâ€\\x9d Ã\\xadndice'
    """
    if text.isascii() or _INVISIBLE.search(text) is None:
        return Fixed(text)
    removed: Counter[str] = Counter()

    def drop(match: re.Match[str]) -> str:
        char = match.group()
        if before_mojibake and (char in JOINERS or (
                char == "\u00ad" and continues_mojibake(text, match.start()))):
            return char
        if char in JOINERS and _joiner_needed(text, match.start()):
            return char
        removed[INVISIBLES.get(char) or JOINERS[char]] += 1
        return ""

    fixed = _INVISIBLE.sub(drop, text)
    return Fixed(fixed, sum(removed.values()), summary(removed)) if removed else Fixed(text)


def fix_invisibles(text: str) -> str:
    """Text without zero-width spaces, soft hyphens, BOMs, word joiners...

    ZWNJ stays in Persian 'می\\u200cخواهم', ZWJ in the emoji '👨\\u200d💻';
    between Latin letters both are debris.

    >>> fix_invisibles("Parta\\u200bger\\u2060 cet\\u00ad article\\u200d")
    'Partager cet article'
    >>> fix_invisibles("می\\u200cخواهم 👨\\u200d💻 ab\\u200cc")
    'می\\u200cخواهم 👨\\u200d💻 abc'
    """
    return fix_invisibles_and_explain(text).text


# --- Unicode normalisation --------------------------------------------------


def fix_normalization_and_explain(text: str, form: str = "NFC") -> Fixed:
    """Normalise to `form` ("NFC", or "NFKC" when asked: it folds NBSP, '²' and 'ﬁ').

    >>> fix_normalization_and_explain("de\\u0301ja\\u0300")
    Fixed(text='déjà', changes=2, detail='NFC')
    """
    if text.isascii():
        return Fixed(text)
    if form == "NFC":
        if unicodedata.is_normalized("NFC", text):
            return Fixed(text)
        fixed = unicodedata.normalize("NFC", text)
    elif form == "NFKC":
        if unicodedata.is_normalized("NFKC", text):
            return Fixed(text)
        fixed = unicodedata.normalize("NFKC", text)
    else:
        raise ValueError(f"unknown normalisation form {form!r} (NFC or NFKC)")
    if fixed == text:
        return Fixed(text)
    changed = max(1, len(text) - len(fixed)) if len(fixed) < len(text) else sum(
        a != b for a, b in zip(text, fixed, strict=False)) or 1
    return Fixed(fixed, changed, form)


def fix_nfc(text: str) -> str:
    """Compose decomposed accents (NFC); NBSP, NNBSP and '²' are kept as they are.

    >>> fix_nfc("Le pre\\u0301sident\\u00a0: 2\\u00b2")
    'Le président\\xa0: 2²'
    """
    return fix_normalization_and_explain(text, "NFC").text
