"""One pass over a text for the rare characters that the clean-text checks ask about.

Repair and line building ask many "does the text contain X?" questions, X a
control character, a tab, '&', an invisible character, an exotic space, a line
break other than LF, a character NFC could change. On clean news text every
answer is no, and each question used to cost a scan of the whole text: a regex
character class costs several nanoseconds a character, and even `in` is a slow
loop on a UCS-2 string when the character's low byte is 0 (U+2000, U+3000).
Here one pass keeps the text's characters but the harmless ASCII ones; what
remains, `Scan.rare`, is a few hundred characters long, and those questions are
asked of it instead. The same pass answers the questions about neighbours
(two spaces in a row, a mojibake pair), which `rare` cannot: deleting
characters made neighbours of characters that were apart.

The pass is C (`cleaner/_cscan.c`, compiled into wheels: one read of each
character) when it is there, else Python (`_scan_python`: an encode, a
translate and a few searches, each at C speed, about 6x as many instructions);
a test holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from cleaner.text.chardata import (
    MOJIBAKE_CONTINUATIONS_1251,
    MOJIBAKE_CONTINUATIONS_1252,
    MOJIBAKE_LEADS_1251,
    MOJIBAKE_LEADS_1252,
    MOJIBAKE_LOST_A0,
    NFC_INERT_RANGES,
    SPECIAL_CHARS,
)
from cleaner.text.spaces import EXOTIC_SPACES

_c_scan: Callable[[str, bytes],
                  tuple[str, bool | None, bool, bool, bool, bool, tuple[int, ...]]] | None
try:  # the same scan in C, compiled into wheels (cleaner/_cscan.c)
    from cleaner._cscan import scan as _c_scan
except ImportError:  # pure Python: sources, editable installs, no compiler
    _c_scan = None

_SPECIAL = re.compile(f"[{SPECIAL_CHARS}]")

#: The ASCII characters no check looks for one by one: LF and the printable ones
#: but '&'. (Spaces, LF and periods matter only next to one another, which a
#: text without them cannot show: those checks read the text itself.)
HARMLESS_ASCII = "".join(chr(b) for b in range(128) if not _SPECIAL.match(chr(b)))
_HARMLESS_BYTES = HARMLESS_ASCII.encode("ascii")


def _plain_ranges() -> list[tuple[int, int]]:
    """The characters outside every rare-character check, as ranges of code points.

    That is NFC-inert characters that are neither special (controls, tab, line
    breaks, '&', invisibles: see `SPECIAL_CHARS`) nor exotic spaces.

    >>> _plain_ranges()[:3]
    [(10, 10), (32, 37), (39, 126)]
    """
    chars = [chr(code) for low, high in NFC_INERT_RANGES for code in range(low, high + 1)]
    keep = [c for c in chars if not _SPECIAL.match(c) and c not in EXOTIC_SPACES]
    ranges: list[tuple[int, int]] = []
    for code in map(ord, keep):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def _plain_class() -> str:
    """A regex class of the characters outside every rare-character check.

    >>> plain = re.compile(_plain_class())
    >>> [bool(plain.match(c)) for c in "é’«–\\u00a0\\u2009\\u00ad&\\u2000e\\u0301"]
    [True, True, True, True, False, False, False, False, False, True, False]
    """
    # Ranges rather than characters, so that the class stays short.
    return "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _PLAIN_RANGES) + "]"


_PLAIN_RANGES = _plain_ranges()
_NOT_PLAIN = re.compile(_plain_class().replace("[", "[^", 1))
_NOT_INERT = re.compile("[^" + "".join(f"\\U{low:08x}-\\U{high:08x}"
                                       for low, high in NFC_INERT_RANGES) + "]")


class Scan(NamedTuple):
    """What one pass over a text found (see `scan_text`)."""

    #: Its characters but `HARMLESS_ASCII`, in order: the rare ones (the whole
    #: text when `dense`: what it contains, `rare` contains).
    rare: str
    #: True when `rare` holds only characters no check asks about: no special
    #: character (`SPECIAL_CHARS`), no exotic space, nothing NFC could change.
    plain: bool
    #: True when the text holds two plain spaces in a row.
    double_space: bool
    #: True when the text is a good deal longer in UTF-8 than in characters
    #: (Cyrillic, Greek, Asian scripts): the rare characters would be most of
    #: it, and asking them no cheaper than asking the text. `rare` is then the
    #: text itself, and `plain` False without a look.
    dense: bool
    #: True when a mojibake lead stands right before one of its continuations
    #: ('Ã©', 'â€', 'Рџ') or before a space that was an A0 byte ('Ã '); always
    #: False when `dense` (`cleaner.text.detect` then asks the text).
    pairs: bool
    #: True when a plain space stands right before or after a LF (a line's edge).
    edge_space: bool
    #: How many plain spaces each line holds (the text split on LF): a line's
    #: word count, counted in the same pass (`Document.from_text`).
    line_spaces: tuple[int, ...]


def _scan_python(text: str) -> Scan:
    data = text.encode("utf-8", "surrogatepass")
    double_space = b"  " in data  # a little cheaper than in the (UCS-2) text
    edge_space = b" \n" in data or b"\n " in data
    line_spaces = tuple(line.count(b" ") for line in data.split(b"\n"))
    # Every non-ASCII character takes one byte more at least.
    if (len(data) - len(text)) * 4 > len(text):
        return Scan(text, False, double_space, True, False, edge_space, line_spaces)
    rare = data.translate(None, _HARMLESS_BYTES).decode("utf-8", "surrogatepass")
    # Deleting characters made neighbours of characters that were apart: pairs are
    # looked for in the bytes, the rarer mixups only when their leads are there.
    pairs = len(data) > len(text) and (_PAIRS_1252.search(data) is not None or (
        any(lead in rare for lead in MOJIBAKE_LOST_A0)
        and _PAIRS_LOST_A0.search(data) is not None) or (
        any(lead in rare for lead in MOJIBAKE_LEADS_1251)
        and _PAIRS_1251.search(data) is not None))
    return Scan(rare, _NOT_PLAIN.search(rare) is None, double_space, False, pairs, edge_space,
                line_spaces)


def _scan(text: str) -> Scan:
    """The scan of `text`: in C when the compiled module is there, else in Python.

    >>> found = _scan("Il a dit\\u00a0: «\\u2009oui »  prÃ©sident.\\n Fin")
    >>> found.rare, found.plain, found.double_space, found.dense, found.pairs, found.edge_space
    ('\\xa0«\\u2009»Ã©', False, True, False, True, True)
    >>> found.line_spaces
    (6, 1)
    """
    if _c_scan is None:
        return _scan_python(text)
    rare, plain, double_space, dense, pairs, edge_space, line_spaces = _c_scan(text, _classes())
    if plain is None:  # a character beyond the BMP, which the class table leaves out
        plain = _NOT_PLAIN.search(rare) is None
    return Scan(rare, plain, double_space, dense, pairs, edge_space, line_spaces)


# Class bits of a BMP character for the C scan (cleaner/_cscan.c says the same).
_HARMLESS, _NOT_PLAIN_BIT, _LEAD_1252, _FOLLOW_1252 = 1, 2, 4, 8
_LEAD_1251, _FOLLOW_1251, _LOST_A0, _SPACE = 16, 32, 64, 128
_class_table: bytes | None = None


def _classes() -> bytes:
    """One class byte per BMP character, built on first use (a fraction of a millisecond).

    'a' is harmless, ' ' harmless and the space, '&' not plain, 'é' a Windows-1252
    lead, '©' a continuation in both mixups:

    >>> table = _classes()
    >>> [table[ord(c)] for c in "a &é©"]
    [1, 129, 2, 4, 40]
    """
    global _class_table
    if _class_table is None:
        table = bytearray([_NOT_PLAIN_BIT]) * 0x10000
        for low, high in _PLAIN_RANGES:
            table[low:high + 1] = bytes(high + 1 - low)
        marks = ((HARMLESS_ASCII, _HARMLESS), (" ", _SPACE),
                 (MOJIBAKE_LEADS_1252, _LEAD_1252), (MOJIBAKE_CONTINUATIONS_1252, _FOLLOW_1252),
                 (MOJIBAKE_LEADS_1251, _LEAD_1251), (MOJIBAKE_CONTINUATIONS_1251, _FOLLOW_1251),
                 (MOJIBAKE_LOST_A0, _LOST_A0))
        for chars, bit in marks:
            for char in chars:
                table[ord(char)] |= bit
        # LF takes the scan's slower path, where it looks for a space on either side
        # (`Scan.edge_space`); it stays out of `rare` all the same.
        table[ord("\n")] = 0
        _class_table = bytes(table)
    return _class_table


def _alternatives(encodings: set[bytes]) -> bytes:
    """A bytes regex matching any of `encodings` and nothing else.

    Those sharing all but their last byte make one alternative, that byte a class.

    >>> _alternatives({"é".encode(), "è".encode(), "€".encode(), b"a"})
    b'\\\\x61|\\\\xc3[\\\\xa8\\\\xa9]|\\\\xe2\\\\x82\\\\xac'
    """
    groups: dict[bytes, list[int]] = {}
    for encoded in sorted(encodings):
        groups.setdefault(encoded[:-1], []).append(encoded[-1])
    return b"|".join(
        _escaped(head) + (_escaped(last) if len(last) == 1 else b"[" + _escaped(last) + b"]")
        for head, last in groups.items())


def _escaped(data: bytes | list[int]) -> bytes:
    return b"".join(b"\\x%02x" % byte for byte in data)


def _pairs(leads: str, followers: str) -> re.Pattern[bytes]:
    """The UTF-8 form of a lead character followed by one of `followers`: the
    mojibake pairs of `chardata.REPAIR_SIGNATURE`, one mixup's.

    Every lead of one mixup starts with the same byte ('Ã', 'é', 'â' with C3),
    written first and alone, so that the regex engine skips to its next
    occurrence in a tight loop rather than trying each position; at one, a
    follower that is not there costs a byte comparison per alternative.

    >>> _pairs("РС", "Ђ").pattern
    b'\\\\xd0(?:[\\\\xa0\\\\xa1])(?:\\\\xd0\\\\x82)'
    """
    encoded = [lead.encode("utf-8") for lead in leads]
    first = {lead[:1] for lead in encoded}
    assert len(first) == 1, first  # one literal first byte: the fast search
    tails = _alternatives({lead[1:] for lead in encoded})
    return re.compile(_escaped(first.pop()) + b"(?:" + tails + b")(?:"
                      + _alternatives({char.encode() for char in followers}) + b")")


_PAIRS_1252 = _pairs(MOJIBAKE_LEADS_1252, MOJIBAKE_CONTINUATIONS_1252)
_PAIRS_1251 = _pairs(MOJIBAKE_LEADS_1251, MOJIBAKE_CONTINUATIONS_1251)
# A lead whose A0 byte became a plain space ('voilÃ le'), looked for only when a text
# holds such a lead ('Â', 'Ã'): rare in any language.
_PAIRS_LOST_A0 = _pairs(MOJIBAKE_LOST_A0, " ")


# The last text scanned and its scan. `Cleaner.clean` hands the text repair
# returns (the very same object when it needed no repair) to `Document.from_text`,
# which then finds its scan here. Keyed by identity: holding the text keeps its
# id from being reused while the entry lives. One tuple, swapped whole: thread-safe.
_last: tuple[str, Scan] = ("", Scan("", True, False, False, False, False, (0,)))


def scan_text(text: str) -> Scan:
    """The `Scan` of `text`, computed once for a text asked about several times in a row.

    >>> found = scan_text("Le président\\u00a0: «\\tNon\\u00a0».\\n")
    >>> found.rare, found.plain, found.double_space
    ('é\\xa0«\\t\\xa0»', False, False)
    >>> found = scan_text("Voilà  l’été, dit-il")
    >>> found.rare, found.plain, found.double_space, found.dense
    ('à’éé', True, True, False)
    >>> found = scan_text("Привет, мир")
    >>> found.rare, found.plain, found.dense
    ('Привет, мир', False, True)
    >>> scan_text(" & ").rare
    '&'
    """
    global _last
    last_text, last = _last
    if last_text is text:
        return last
    found = _scan(text)
    _last = (text, found)
    return found


def nfc_inert(found: Scan) -> bool:
    """True when the text `found` is the scan of is surely NFC: all its characters are
    NFC-inert (`chardata.NFC_INERT_RANGES`). False may still be NFC: ask unicodedata.

    `unicodedata.is_normalized` reads every character; this reads only the rare ones.

    >>> texts = ("Le président du conseil a dit\\u00a0: « Oui », à 5\\u2009%.",
    ...          "le pre\\u0301sident", "en quad: \\u2000", "Ohm: \\u2126")
    >>> [nfc_inert(scan_text(t)) for t in texts]
    [True, False, False, False]
    """
    return found.plain or (not found.dense and _NOT_INERT.search(found.rare) is None)
