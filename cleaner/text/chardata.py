"""Character tables: invisible and control characters, mojibake signatures, punctuation.

Data only (and the few helpers that build it), as ftfy's ``chardata``: the
fixes in `cleaner.text.fixes` and `cleaner.typography` read
these tables, and tests can enumerate them.
"""

from __future__ import annotations

import functools
import unicodedata

# --- invisible characters ---------------------------------------------------

#: Characters that have no business in body text, removed by `remove_invisibles`.
INVISIBLES: dict[str, str] = {
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\u2061": "function application",
    "\u2062": "invisible times",
    "\u2063": "invisible separator",
    "\u2064": "invisible plus",
    "\u206a": "inhibit symmetric swapping",
    "\u206b": "activate symmetric swapping",
    "\u206c": "inhibit Arabic form shaping",
    "\u206d": "activate Arabic form shaping",
    "\u206e": "national digit shapes",
    "\u206f": "nominal digit shapes",
    "\ufeff": "byte order mark",
    "\ufff9": "interlinear annotation anchor",
    "\ufffa": "interlinear annotation separator",
    "\ufffb": "interlinear annotation terminator",
    "\ufffc": "object replacement character",
}

#: Zero-width (non-)joiners: kept between letters of scripts that shape with
#: them (Arabic, Persian, Indic...) and inside emoji sequences, removed elsewhere.
JOINERS: dict[str, str] = {
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
}

#: Scripts whose letters never need a joiner: one between them is debris.
NO_JOINER_SCRIPTS = ("Latin", "Greek", "Cyrillic", "Armenian", "Georgian", "Common", "Inherited")

# --- control characters -----------------------------------------------------

#: C0 controls but tab and the line breaks (LF, CR, VT, FF: see `fix_line_endings`),
#: DEL, and the two non-characters U+FFFE and U+FFFF: never a byte of mojibake,
#: so they can go before the mojibake repair (where they would stop ftfy).
NON_C1_CONTROL_CHARS = "\x00-\x08\x0e-\x1f\x7f\ufffe\uffff"
#: C1 controls: bytes 80-9F of Latin-1 mojibake ('â\x80\x99'), removed only once
#: the mojibake repair has read what it could of them.
C1_CONTROL_CHARS = "\x80-\x9f"
#: Every control character `fix_controls` removes.
CONTROL_CHARS = NON_C1_CONTROL_CHARS + C1_CONTROL_CHARS

#: An ANSI terminal escape ("\x1b[31m"), removed as a whole.
ANSI_ESCAPE = r"\x1b\[[0-9;?]*[ -/]*[@-~]"

# --- line breaks and spaces -------------------------------------------------

#: What `fix_line_endings` turns into LF (CRLF first).
LINE_BREAKS = "\r\x0b\x0c\u2028\u2029"

#: Spaces that must not break a line; they carry meaning in French typography.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
NBSP = "\u00a0"
NNBSP = "\u202f"

#: Horizontal spaces typography may replace (never LF: paragraphs are lines).
HSPACES = (" \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
           "\u205f\u3000")

# --- mojibake ---------------------------------------------------------------


def _decoded(data: bytes, encoding: str) -> str:
    """The characters bytes decode to, undefined bytes read as Latin-1 (as ftfy's sloppy codecs).

    >>> _decoded(bytes([0x80, 0x81]), "cp1252")
    '€\\x81'
    """
    return "".join(bytes([b]).decode(encoding, errors="replace").replace("\ufffd", chr(b))
                   for b in data)


#: UTF-8 lead bytes C2-F4 read as Latin-1 or Windows-1252 (the two agree there): 'Â'-'ô'.
MOJIBAKE_LEADS_1252 = _decoded(bytes(range(0xC2, 0xF5)), "cp1252")
#: UTF-8 continuation bytes 80-BF read as Windows-1252 or as Latin-1, and U+FFFD
#: (a continuation byte lost on the way: 'â€\ufffd').
MOJIBAKE_CONTINUATIONS_1252 = "".join(sorted(set(
    _decoded(bytes(range(0x80, 0xC0)), "cp1252")
    + bytes(range(0x80, 0xC0)).decode("latin-1")
    + "\ufffd"
)))
#: Lead bytes of two-byte Cyrillic (D0-D3) read as Windows-1251: 'Р', 'С', 'Т', 'У'.
MOJIBAKE_LEADS_1251 = bytes(range(0xD0, 0xD4)).decode("cp1251")
MOJIBAKE_CONTINUATIONS_1251 = _decoded(bytes(range(0x80, 0xC0)), "cp1251")
#: Leads of 'à' (C3 A0) and NBSP (C2 A0) whose A0 byte became a plain space ('voilÃ le').
MOJIBAKE_LOST_A0 = "\u00c2\u00c3"


def _sequence_lengths() -> dict[str, int]:
    """Each mojibake lead character, with the length in bytes of the UTF-8 sequence it starts.

    >>> lengths = _sequence_lengths()
    >>> lengths["Ã"], lengths["â"], lengths["ð"], lengths["Р"]
    (2, 3, 4, 2)
    """
    lengths = {lead: 2 if ord(lead) < 0xE0 else 3 if ord(lead) < 0xF0 else 4
               for lead in MOJIBAKE_LEADS_1252}
    lengths.update(dict.fromkeys(MOJIBAKE_LEADS_1251, 2))
    return lengths


#: The lead characters of every mixup above, with the length of their sequence.
MOJIBAKE_SEQUENCE_LENGTHS: dict[str, int] = _sequence_lengths()
#: The continuation characters of every mixup above (no lead is one of them).
MOJIBAKE_CONTINUATIONS = frozenset(MOJIBAKE_CONTINUATIONS_1252 + MOJIBAKE_CONTINUATIONS_1251)


def _class(chars: str) -> str:
    """A regex character class matching exactly `chars` (every char escaped).

    >>> _class("a-]")
    '[\\\\x61\\\\x2d\\\\x5d]'
    """
    return "[" + "".join(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                         for c in chars) + "]"


#: The fast mojibake check: a continuation character right after a lead
#: character of the same mixup, a lead before a space that was an A0 byte, or a
#: lone C1 control. Clean text in any language almost never contains one; a hit
#: only sends the line to ftfy, which decides. Written with one leading
#: character class, so that the regex engine skips ahead at C speed; that class
#: holds the continuations rather than the leads, because the leads include the
#: accented letters of every Latin-script language ('é', 'à', 'ö') and each stop costs.
MOJIBAKE_SIGNATURE = (
    "[" + _class(MOJIBAKE_CONTINUATIONS_1252 + MOJIBAKE_CONTINUATIONS_1251
                 + MOJIBAKE_LOST_A0)[1:-1] + r"\x80-\x9f]"
    + r"(?:(?<=[\x80-\x9f])"
    + "|(?<=" + _class(MOJIBAKE_LEADS_1252) + _class(MOJIBAKE_CONTINUATIONS_1252) + ")"
    + "|(?<=" + _class(MOJIBAKE_LEADS_1251) + _class(MOJIBAKE_CONTINUATIONS_1251) + ")"
    + "|(?<=" + _class(MOJIBAKE_LOST_A0) + ") )"
)

#: Characters some repair step acts on, mojibake aside: controls, tab, line
#: breaks, '&', invisible characters, joiners and surrogates.
SPECIAL_CHARS = (
    CONTROL_CHARS + "\x1b\t" + LINE_BREAKS + "&" + "".join(INVISIBLES) + "".join(JOINERS)
    + "\ud800-\udfff"
)

#: Blocks of characters that NFC never changes and that never combine with the
#: character before them (NFC_Quick_Check=Yes and combining class 0; every one
#: assigned, so that a newer Unicode cannot make one a combining mark): text made
#: of these alone is NFC. Latin (all of U+0000-U+02FF), Cyrillic but its combining
#: marks, general punctuation but U+2000 and U+2001 (NFC makes them U+2002 and
#: U+2003) and unassigned U+2065, currency signs, arrows. Tests check each one.
NFC_INERT_RANGES = ((0x0000, 0x02FF), (0x0400, 0x0482), (0x048A, 0x04FF), (0x2002, 0x2064),
                    (0x2066, 0x206F), (0x20A0, 0x20BF), (0x2190, 0x21FF))

#: Either of the above, in one scan (one leading class again).
REPAIR_SIGNATURE = (
    "[" + SPECIAL_CHARS + _class(MOJIBAKE_CONTINUATIONS_1252 + MOJIBAKE_CONTINUATIONS_1251
                                 + MOJIBAKE_LOST_A0)[1:-1] + "]"
    + "(?:(?<=[" + SPECIAL_CHARS + "])"
    + "|(?<=" + _class(MOJIBAKE_LEADS_1252) + _class(MOJIBAKE_CONTINUATIONS_1252) + ")"
    + "|(?<=" + _class(MOJIBAKE_LEADS_1251) + _class(MOJIBAKE_CONTINUATIONS_1251) + ")"
    + "|(?<=" + _class(MOJIBAKE_LOST_A0) + ") )"
)

# --- quotes, dashes, punctuation --------------------------------------------

#: Double quotation marks (straight, curly, low-9, guillemets).
DOUBLE_QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"
#: Single quotation marks and apostrophes (straight, curly, low-9, single guillemets).
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2039\u203a"
#: Dashes typography may swap between words.
DASHES = "-\u2013\u2014"

# Punctuation that has an ASCII spelling, for the `plain` profile.
_PLAIN_EXPLICIT: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2039": "'", "\u203a": "'", "\uff07": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u301d": '"', "\u301e": '"', "\u301f": '"',
    "\u300c": '"', "\u300d": '"', "\u300e": '"', "\u300f": '"', "\uff02": '"',
    "\u2026": "...", "\u2025": "..", "\u22ef": "...",
    "\u2212": "-", "\u2043": "-", "\u2011": "-",
    "\u00b7": ".", "\u2022": "*", "\u2023": "*", "\u2219": "*",
    "\u00a1": "", "\u00bf": "",
    "\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%", "\u06d4": ".",
    "\u0964": ".", "\u0965": ".", "\u3001": ",", "\u3002": ".",
}

# Fallback by character name, first match wins (SEMICOLON before COLON...).
_PLAIN_BY_NAME: tuple[tuple[str, str], ...] = (
    ("QUOTATION", '"'), ("DOUBLE PRIME", '"'), ("APOSTROPHE", "'"), ("PRIME", "'"),
    ("ELLIPSIS", "..."), ("SEMICOLON", ";"), ("COLON", ":"), ("COMMA", ","),
    ("FULL STOP", "."), ("PERIOD", "."), ("QUESTION", "?"), ("EXCLAMATION", "!"),
    ("REVERSE SOLIDUS", "\\"), ("SOLIDUS", "/"), ("ASTERISK", "*"), ("NUMBER SIGN", "#"),
    ("PERCENT", "%"), ("AMPERSAND", "&"), ("COMMERCIAL AT", "@"), ("LOW LINE", "_"),
    ("HYPHEN", "-"), ("DASH", "-"), ("BULLET", "*"), ("DANDA", "."), ("MIDDLE DOT", "."),
)

_BY_CATEGORY = {"Pd": "-", "Ps": "(", "Pe": ")", "Pi": '"', "Pf": '"', "Pc": "_"}


@functools.lru_cache(maxsize=4096)
def plain_punctuation(char: str) -> str | None:
    """The ASCII spelling of a punctuation mark or space, None when it has none.

    Spaces of every kind become a plain space; quotes, dashes, ellipses and the
    punctuation of other scripts their ASCII counterpart. Signs with no ASCII
    counterpart (§, ¶, †, ‰) and characters that are not punctuation give None.
    The result never holds a letter or a digit.

    >>> [plain_punctuation(c) for c in "’«—…\\u202f。"]
    ["'", '"', '-', '...', ' ', '.']
    >>> plain_punctuation("§") is None, plain_punctuation("é") is None, plain_punctuation("!")
    (True, True, '!')
    """
    if char.isascii():
        return char if not char.isalnum() else None
    if char in _PLAIN_EXPLICIT:
        return _PLAIN_EXPLICIT[char]
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category[0] != "P":
        return None
    folded = unicodedata.normalize("NFKC", char)
    if folded.isascii() and not any(c.isalnum() or c.isspace() for c in folded):
        return folded
    name = unicodedata.name(char, "")
    if "SINGLE" in name and category in ("Pi", "Pf"):
        return "'"
    for key, ascii_form in _PLAIN_BY_NAME:
        if key in name:
            return ascii_form
    return _BY_CATEGORY.get(category)
