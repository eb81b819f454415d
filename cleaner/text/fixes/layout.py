"""Layout: line endings, tabs and runs of spaces, no-break spaces where plain ones belong."""

from __future__ import annotations

import re
from collections import Counter

import regex

from cleaner.text.chardata import LINE_BREAKS
from cleaner.text.fixes.fixed import Fixed, summary
from cleaner.text.spaces import EXOTIC_SPACES

# --- line endings -----------------------------------------------------------

_LINE_BREAK = re.compile(f"\r\n?|[{LINE_BREAKS}]")


def fix_line_endings_and_explain(text: str) -> Fixed:
    """CRLF, CR, VT, FF, LINE SEPARATOR and PARAGRAPH SEPARATOR become LF.

    >>> fix_line_endings_and_explain("a\\r\\nb\\rc\\u2028d")
    Fixed(text='a\\nb\\nc\\nd', changes=3, detail='CRLF, CR, U+2028')
    """
    if not any(char in text for char in LINE_BREAKS):  # a C-speed scan per char
        return Fixed(text)
    names = {"\r\n": "CRLF", "\r": "CR", "\x0b": "VT", "\x0c": "FF"}
    found: Counter[str] = Counter(
        names[m] if m in names else f"U+{ord(m):04X}" for m in _LINE_BREAK.findall(text))
    return Fixed(_LINE_BREAK.sub("\n", text), sum(found.values()), summary(found))


def fix_line_endings(text: str) -> str:
    """Every line break as LF.

    >>> fix_line_endings("un\\r\\ndeux\\r\\n\\r\\ntrois")
    'un\\ndeux\\n\\ntrois'
    """
    return fix_line_endings_and_explain(text).text


# --- tabs and runs of spaces ------------------------------------------------

_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)
_SPACE_RUN = re.compile(r" {2,}")


def fix_spaces_and_explain(text: str) -> Fixed:
    """Tabs become spaces, runs of plain spaces one, and then spaces at line ends go.

    Only U+0020 and tab: no-break and other exotic spaces are left to the
    engine's line tidying and to typography. Text without a tab or a double
    space is left as it is (a lone space at a line end is the engine's job).

    >>> fix_spaces_and_explain("  un\\t deux  \\n trois ")
    Fixed(text='un deux\\ntrois', changes=8, detail='tab, space')
    >>> fix_spaces_and_explain("un deux ")
    Fixed(text='un deux ', changes=0, detail='')
    """
    tabs = text.count("\t") if "\t" in text else 0
    if not tabs and "  " not in text:
        return Fixed(text)
    fixed = text.replace("\t", " ") if tabs else text
    fixed = _SPACE_RUN.sub(" ", _EDGE_SPACES.sub("", fixed))
    if fixed == text:
        return Fixed(text)
    removed = len(text) - len(fixed)
    detail = "tab, space" if tabs and removed else ("tab" if tabs else "space")
    return Fixed(fixed, tabs + removed, detail)


def fix_spaces(text: str) -> str:
    """Tabs and runs of ordinary spaces tidied; NBSP and NNBSP untouched.

    >>> fix_spaces("12\\u00a0000  euros\\t!")
    '12\\xa0000 euros !'
    """
    return fix_spaces_and_explain(text).text


# --- no-break spaces where plain ones belong --------------------------------

# A no-break space between a word of 3+ letters and a letter: 'Partager\u00a0cet'.
_STRAY_NBSP = regex.compile(r"(?<=\p{L}\p{M}*\p{L}\p{M}*\p{L}\p{M}*)[\u00a0\u202f](?=\p{L})")
# The same around a run of spaces that holds one ('Partager \u00a0cet'), which the
# engine's line tidying collapses into its first no-break space.
_AFTER_WORD = regex.compile(r"(?<=\p{L}\p{M}*\p{L}\p{M}*\p{L}\p{M}*)")
_LETTER = regex.compile(r"\p{L}")
_RUN_SPACES = frozenset(" \t" + EXOTIC_SPACES)
_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}]+$")
_ROMAN_AFTER = regex.compile(r"[IVXLCDM]+(?![\p{L}\p{M}])")
#: Titles a no-break space rightly binds to the name after them.
TITLES = frozenset("""
    Mme Mmes Mlle Mlles Mgr Mgrs Mrs Miss Prof Pre Dre Maitre Maître Sainte Saint Sir Dame Lady
    Lord Fr Sgt Capt Col Gen Gal Cdt Lt Cpt
    """.split())


def fix_stray_nbsp_and_explain(text: str) -> Fixed:
    """A no-break space between two words, where a plain one belongs, becomes plain.

    A run of spaces holding one counts as that one, as the engine's line
    tidying makes it ('Partager \\u00a0cet' would become 'Partager\\u00a0cet').

    >>> fix_stray_nbsp_and_explain("Partager\\u00a0cet\\u202farticle")
    Fixed(text='Partager cet article', changes=2, detail='NBSP, NNBSP')
    >>> fix_stray_nbsp_and_explain("Partager \\u00a0cet, à \\u00a0la, Louis\\u00a0 XIV").text
    'Partager cet, à \\xa0la, Louis\\xa0 XIV'
    """
    # No-break spaces are few: find them at C speed, then look around each.
    positions = [i for char in ("\u00a0", "\u202f") for i in _positions(text, char)]
    if not positions:
        return Fixed(text)
    found: Counter[str] = Counter()
    plain: list[tuple[int, int]] = []
    last_end = 0
    for index in sorted(positions):
        if index < last_end:  # in the run of the one before
            continue
        start, end = _space_run(text, index)
        last_end = end
        if end - start == 1:
            if not _STRAY_NBSP.match(text, index):
                continue
        elif not (" " in text[start:end] or "\t" in text[start:end]) or (
                "\u2007" in text[start:index]) or not (  # the engine keeps a figure space
                _AFTER_WORD.match(text, start) and _LETTER.match(text, end)):
            continue
        word = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if (word and word.group() in TITLES) or _ROMAN_AFTER.match(text, end):
            continue
        found["NBSP" if text[index] == "\u00a0" else "NNBSP"] += 1
        plain.append((start, end))
    if not plain:
        return Fixed(text)
    pieces = []
    last = 0
    for start, end in plain:
        pieces.append(text[last:start])
        pieces.append(" ")
        last = end
    pieces.append(text[last:])
    return Fixed("".join(pieces), len(plain), ", ".join(sorted(found)))


def _space_run(text: str, index: int) -> tuple[int, int]:
    """The run of horizontal spaces around `index` (the first no-break space in it).

    >>> _space_run("ab \\u00a0 \\u202fc", 3)
    (2, 6)
    """
    start = index
    while start > 0 and text[start - 1] in _RUN_SPACES:
        start -= 1
    end = index + 1
    while end < len(text) and text[end] in _RUN_SPACES:
        end += 1
    return start, end


def _positions(text: str, char: str) -> list[int]:
    """Every index of `char` in `text`.

    >>> _positions("a-b-c", "-")
    [1, 3]
    """
    found = []
    index = text.find(char)
    while index >= 0:
        found.append(index)
        index = text.find(char, index + 1)
    return found


def fix_stray_nbsp(text: str) -> str:
    """Plain spaces for no-break spaces between words, typographic ones kept.

    Kept: after a word of one or two letters ('à\\u00a0la', 'M.\\u00a0X'), after a
    title ('Mme\\u00a0Dupont'), before a Roman numeral ('Louis\\u00a0XIV'), next
    to a digit or a sign ('12\\u00a0000', '50\\u00a0km', 'Photo\\u00a0:').

    >>> fix_stray_nbsp("Par\\u00a0Euronews\\u00a0avec AP, Photo\\u00a0: Louis\\u00a0XIV")
    'Par Euronews avec AP, Photo\\xa0: Louis\\xa0XIV'
    >>> fix_stray_nbsp("à\\u00a0la Mme\\u00a0Dupont 50\\u00a0km")
    'à\\xa0la Mme\\xa0Dupont 50\\xa0km'
    """
    return fix_stray_nbsp_and_explain(text).text
