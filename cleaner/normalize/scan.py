"""One pass over a text for the rare characters that the clean-text checks ask about.

Repair and line building ask many "does the text contain X?" questions, X a
control character, a tab, '&', an invisible character, an exotic space, a line
break other than LF, a character NFC could change. On clean news text every
answer is no, and each question used to cost a scan of the whole text: a regex
character class costs several nanoseconds a character, and even `in` is a slow
loop on a UCS-2 string when the character's low byte is 0 (U+2000, U+3000).
Here the text is encoded once and its harmless ASCII bytes deleted, both at C
speed; what remains, `Scan.rare`, is a few hundred characters long, and those
questions are asked of it instead.

Deleting characters makes neighbours of characters that were apart, so `rare`
only tells which characters a text holds, never which stand side by side: the
mojibake check of `cleaner.normalize.detect` reads pairs in `Scan.data`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cleaner.normalize.chardata import NFC_INERT_RANGES, SPECIAL_CHARS
from cleaner.normalize.spaces import EXOTIC_SPACES

_SPECIAL = re.compile(f"[{SPECIAL_CHARS}]")

#: The ASCII characters no check looks for one by one: LF and the printable ones
#: but '&'. (Spaces, LF and periods matter only next to one another, which a
#: text without them cannot show: those checks read the text itself.)
HARMLESS_ASCII = "".join(chr(b) for b in range(128) if not _SPECIAL.match(chr(b)))
_HARMLESS_BYTES = HARMLESS_ASCII.encode("ascii")


def _plain_class() -> str:
    """A regex class of the characters outside every rare-character check.

    That is NFC-inert characters that are neither special (controls, tab, line
    breaks, '&', invisibles: see `SPECIAL_CHARS`) nor exotic spaces.

    >>> plain = re.compile(_plain_class())
    >>> [bool(plain.match(c)) for c in "é’«–\\u00a0\\u2009\\u00ad&\\u2000e\\u0301"]
    [True, True, True, True, False, False, False, False, False, True, False]
    """
    chars = [chr(code) for low, high in NFC_INERT_RANGES for code in range(low, high + 1)]
    keep = [c for c in chars if not _SPECIAL.match(c) and c not in EXOTIC_SPACES]
    # Ranges of consecutive code points, so that the class stays short.
    ranges: list[list[int]] = []
    for code in map(ord, keep):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges) + "]"


_NOT_PLAIN = re.compile(_plain_class().replace("[", "[^", 1))
_NOT_INERT = re.compile("[^" + "".join(f"\\U{low:08x}-\\U{high:08x}"
                                       for low, high in NFC_INERT_RANGES) + "]")


class Scan(NamedTuple):
    """What one pass over a text found (see `scan_text`)."""

    #: The text in UTF-8, lone surrogates passed through.
    data: bytes
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


def _scan(text: str) -> Scan:
    data = text.encode("utf-8", "surrogatepass")
    double_space = b"  " in data  # a little cheaper than in the (UCS-2) text
    # Every non-ASCII character takes one byte more at least.
    if (len(data) - len(text)) * 4 > len(text):
        return Scan(data, text, False, double_space, True)
    rare = data.translate(None, _HARMLESS_BYTES).decode("utf-8", "surrogatepass")
    return Scan(data, rare, _NOT_PLAIN.search(rare) is None, double_space, False)


# The last text scanned and its scan. `Cleaner.clean` hands the text repair
# returns (the very same object when it needed no repair) to `Document.from_text`,
# which then finds its scan here. Keyed by identity: holding the text keeps its
# id from being reused while the entry lives. One tuple, swapped whole: thread-safe.
_last: tuple[str, Scan] = ("", _scan(""))


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
