"""Encoding damage: UTF-16 surrogates, and mojibake (UTF-8 read as a single-byte encoding)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from cleaner.text.detect import suspect_lines
from cleaner.text.fixes.fixed import Fixed, summary

# ftfy (with wcwidth, which it imports) takes ~70 ms to import, a fifth of the
# start-up of `clean`, and only lines that look like mojibake, or hold
# surrogates, need it: it is imported where they are repaired, on first use.
if TYPE_CHECKING:
    import ftfy


# --- surrogates -------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def fix_surrogates_and_explain(text: str) -> Fixed:
    """Surrogate pairs become the character they encode, lone surrogates U+FFFD.

    >>> fix_surrogates_and_explain("ok " + chr(0xD83D) + chr(0xDE00) + chr(0xDC00))
    Fixed(text='ok 😀\\ufffd', changes=3, detail='')
    """
    if text.isascii() or _SURROGATE.search(text) is None:
        return Fixed(text)
    from ftfy.fixes import fix_surrogates as ftfy_fix_surrogates

    count = len(_SURROGATE.findall(text))
    return Fixed(ftfy_fix_surrogates(text), count)


def fix_surrogates(text: str) -> str:
    """Text without UTF-16 surrogates (which cannot even be encoded as UTF-8).

    >>> fix_surrogates("a" + chr(0xDC00) + "b")
    'a\\ufffdb'
    """
    return fix_surrogates_and_explain(text).text


# --- mojibake ---------------------------------------------------------------

@cache
def ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy doing only the encoding repair: no HTML, no quote uncurling, no
    ligature or width folding, no normalisation (our other steps do those, or
    leave them to typography). Built on first use, as ftfy is imported then.
    """
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )


_C1 = re.compile("[\x80-\x9f]")


def _c1_as_cp1252(match: re.Match[str]) -> str:
    char = match.group()
    try:
        return char.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:  # 81, 8D, 8F, 90, 9D: undefined, left to fix_controls
        return char


def _non_ascii_lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if not line.isascii():
            spans.append((start, end))
        start = end + 1
    return spans


# A tab right after the lead of 'à' (C3 A0) or of NBSP (C2 A0): the A0 byte,
# made a plain space and then a tab. ftfy restores 'Ã ' but not 'Ã\t'.
_LEAD_TAB = re.compile("(?<=[\u00c2\u00c3])\t")
# A line of 'Â' and spaces only: no-break spaces ('Â\u00a0') whose A0 byte was lost.
_LOST_NBSP_LINE = re.compile("[ \t\u00a0]*\u00c2[ \t\u00a0\u00c2]*")
_LINE_BREAK_CHAR = re.compile("[\n\r]")


def _restore_nbsp_lines(text: str) -> tuple[str, int]:
    """Lines of only 'Â' and spaces (at least one) made blank: one NBSP per 'Â'; how many.

    Such a line was a blank line of no-break spaces ('Â\\u00a0' each) whose A0
    bytes became plain spaces, then got indented or tabbed: ftfy restores
    'Â ' alone, not ' Â ' or 'Â\\t', and the line would stay as a line 'Â'.
    Made of the no-break spaces it stood for, it is blank, as it was. A line
    'Â' with no space at all is left alone (a letter, as in a list of the
    Vietnamese alphabet).

    >>> _restore_nbsp_lines("Un.\\n Â \\r\\n\\tÂ\\u00a0Â\\nÂ\\nÂ bientôt")
    ('Un.\\n\\xa0\\r\\n\\xa0\\xa0\\nÂ\\nÂ bientôt', 2)
    """
    index = text.find("\u00c2")
    if index < 0:
        return text, 0
    pieces: list[str] = []
    last = end = 0
    while index >= 0:
        # Bounded searches: every line is looked at once, so this is linear.
        start = max(text.rfind("\n", end, index), text.rfind("\r", end, index), end - 1) + 1
        line_break = _LINE_BREAK_CHAR.search(text, index)
        end = line_break.start() if line_break else len(text)
        line = text[start:end]
        if line.strip("\u00c2") and _LOST_NBSP_LINE.fullmatch(line):
            pieces.append(text[last:start])
            pieces.append("\u00a0" * line.count("\u00c2"))
            last = end
        index = text.find("\u00c2", end)
    if not pieces:
        return text, 0
    pieces.append(text[last:])
    return "".join(pieces), len(pieces) // 2


def fix_mojibake_and_explain(text: str, *, gate: bool = True) -> Fixed:
    """Re-decode UTF-8 that was read as a single-byte encoding, line by line.

    Only the lines the fast check flags go to ftfy (every non-ASCII line with
    ``gate=False``); ftfy decides whether and how to re-decode each. C1
    controls left afterwards are read as Windows-1252, as browsers do.

    Two kinds of damage on top of mojibake are undone first, which ftfy
    would not: a tab where the A0 byte of 'à' or of a no-break space was
    ('Ã\\t', made 'Ã ' for ftfy, which keeps it only when ftfy then repairs
    the line), and a line holding only 'Â' and spaces (a no-break space that
    lost its A0 byte), made the blank line of no-break spaces it was.

    >>> fixed = fix_mojibake_and_explain("PUBLICITÃ‰\\nclean\\nlâ€™Ã©tÃ©")
    >>> fixed.text, fixed.changes
    ('PUBLICITÉ\\nclean\\nl’été', 2)
    >>> fixed.detail
    'encode sloppy-windows-1252, decode utf-8 ×2'
    >>> fix_mojibake_and_explain("Il s’est opposÃ© Ã\\tcette demande.\\n Â \\nFin").text
    'Il s’est opposé à cette demande.\\n\\xa0\\nFin'
    """
    if text.isascii():
        return Fixed(text)
    plans: Counter[str] = Counter()
    text, restored = _restore_nbsp_lines(text)
    if restored:
        plans["line of 'Â' and spaces read as no-break spaces"] += restored
    spans = suspect_lines(text) if gate else _non_ascii_lines(text)
    if spans:
        import ftfy

        config = ftfy_config()
        pieces = []
        last = 0
        for start, end in spans:
            segment = text[start:end]
            prepared = _LEAD_TAB.sub(" ", segment) if "\t" in segment else segment
            fixed, plan = ftfy.fix_encoding_and_explain(prepared, config)
            if fixed == prepared:
                fixed = segment
            if fixed != segment:
                plans[", ".join(f"{action} {param}" for action, param in plan or ())] += 1
            pieces.append(text[last:start])
            pieces.append(fixed)
            last = end
        pieces.append(text[last:])
        text = "".join(pieces)
    if _C1.search(text):
        fixed_c1 = _C1.sub(_c1_as_cp1252, text)
        if fixed_c1 != text:
            plans["C1 controls read as windows-1252"] += sum(
                a != b for a, b in zip(text, fixed_c1, strict=True))
            text = fixed_c1
    return Fixed(text, sum(plans.values()), summary(plans)) if plans else Fixed(text)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 mojibake (read as Windows-1252, Latin-1 or Windows-1251).

    >>> fix_mojibake("Le prÃ©sident a dÃ©clarÃ© : â€œvoilÃ\\u00a0â€\\x9d")
    'Le président a déclaré : “voilà”'
    >>> fix_mojibake("voilÃ le travail, ÐŸÑ€Ð¸Ð²ÐµÑ‚, donâ\\x80\\x99t")
    'voilà le travail, Привет, don’t'
    >>> fix_mojibake("Déjà vu, São Paulo, naïve")
    'Déjà vu, São Paulo, naïve'
    """
    return fix_mojibake_and_explain(text).text
