"""The repairs, one small pure function each, as ftfy's ``fixes``.

Each repair has two forms: ``fix_x(text) -> str``, and
``fix_x_and_explain(text) -> Fixed`` which also says how many things it
mended and how (what ``--explain`` and `Result.repairs` show). Every one
returns its input unchanged, and fast, when there is nothing to do: the
check comes first and is a C-speed substring test or a single-class regex.

None of them touches style: quotes, apostrophes, dashes and meaningful
no-break spaces are the business of `cleaner.typography.profiles`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleaner.text.chardata import (
    ANSI_ESCAPE,
    CONTROL_CHARS,
    INVISIBLES,
    JOINERS,
    LINE_BREAKS,
    NO_JOINER_SCRIPTS,
    NON_C1_CONTROL_CHARS,
)
from cleaner.text.detect import continues_mojibake, suspect_lines
from cleaner.text.spaces import EXOTIC_SPACES

# ftfy (with wcwidth, which it imports) takes ~70 ms to import, a fifth of the
# start-up of `clean`, and only lines that look like mojibake, or hold
# surrogates, need it: it is imported where they are repaired, on first use.
if TYPE_CHECKING:
    import ftfy


class Fixed(NamedTuple):
    """What a repair returned: the text, how many things it mended, and how."""

    text: str
    changes: int = 0
    detail: str = ""


def _summary(counter: Counter[str], limit: int = 4) -> str:
    """'a ×2, b' from a Counter, the most common first.

    >>> _summary(Counter({"soft hyphen": 2, "zero-width space": 1}))
    'soft hyphen ×2, zero-width space'
    """
    parts = [f"{key} ×{n}" if n > 1 else key for key, n in counter.most_common(limit)]
    if len(counter) > limit:
        parts.append("…")
    return ", ".join(parts)


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


# --- HTML entities ----------------------------------------------------------


def _build_entities() -> dict[str, str]:
    """Entity names (with their ';') to characters, plus uppercased names ('&EACUTE;').

    Uppercase variants are those of lowercase names whose uppercase is not an
    entity itself, as ftfy does: text that went through .upper() still decodes.

    >>> table = _build_entities()
    >>> table["eacute;"], table["EACUTE;"], table["Eacute;"], table["nbsp;"]
    ('é', 'É', 'É', '\\xa0')
    """
    from html.entities import html5

    table: dict[str, str] = {}
    for name, char in html5.items():
        if name.endswith(";"):
            table[name] = char
    for name, char in list(table.items()):
        upper = name.upper()
        if name == name.lower() and upper not in table and len(char.upper()) == len(char):
            table[upper] = char.upper()
    return table


# The table (and the standard library's of 2,231 entities it is built from, ~4 ms
# together) is made when a text first holds an entity, not at start-up.
_entities = cache(_build_entities)
# A named entity needs its ';' (so 'AT&T', 'R&D' and 'S&P' stay), but for the
# five that scraped text loses it on most ('&nbsp' before a space or the end).
_ENTITY = re.compile(
    r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};"
    r"|(?:nbsp|amp|quot|lt|gt)(?![A-Za-z0-9;=]))"
)
_MAX_ENTITY_PASSES = 4


def _entity(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] == "#":
        from html import unescape

        # html.unescape applies the HTML5 rules: &#150; is '–', &#0; is U+FFFD.
        return unescape(ref)
    name = ref[1:] if ref.endswith(";") else ref[1:] + ";"
    return _entities().get(name, ref)


def fix_entities_and_explain(text: str) -> Fixed:
    """Decode HTML entities until none is left (at most four passes).

    >>> fix_entities_and_explain("caf&amp;eacute; &amp; th&eacute;")
    Fixed(text='café & thé', changes=4, detail='2 passes: &amp; ×2, &eacute; ×2')
    """
    if "&" not in text:
        return Fixed(text)
    seen: Counter[str] = Counter()
    passes = 0
    while passes < _MAX_ENTITY_PASSES and "&" in text:
        found: list[str] = []

        def decode(match: re.Match[str], found: list[str] = found) -> str:
            replacement = _entity(match)
            if replacement != match.group():
                found.append(match.group())
            return replacement

        fixed = _ENTITY.sub(decode, text)
        if fixed == text:
            break
        seen.update(ref if ref.endswith(";") else ref + " (no ;)" for ref in found)
        text = fixed
        passes += 1
    if not seen:
        return Fixed(text)
    prefix = f"{passes} passes: " if passes > 1 else ""
    return Fixed(text, sum(seen.values()), prefix + _summary(seen))


def fix_entities(text: str) -> str:
    """Decode HTML entities, double-escaped ones too, leaving a literal '&' alone.

    >>> fix_entities("R&D chez AT&T : l&#x2019;&eacute;t&eacute;, PUBLI&shy;CIT&Eacute;")
    'R&D chez AT&T : l’été, PUBLI\\xadCITÉ'
    >>> fix_entities("Partager&nbsp;cet article &amp;nbsp;!")
    'Partager\\xa0cet article \\xa0!'
    >>> fix_entities("&unknown; &amp x=1&lt=2")
    '&unknown; & x=1&lt=2'
    """
    return fix_entities_and_explain(text).text


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
    return Fixed(text, sum(plans.values()), _summary(plans)) if plans else Fixed(text)


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
    return Fixed(pattern.sub("", text), sum(found.values()), _summary(found))


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
    return Fixed(fixed, sum(removed.values()), _summary(removed)) if removed else Fixed(text)


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
    return Fixed(_LINE_BREAK.sub("\n", text), sum(found.values()), _summary(found))


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
