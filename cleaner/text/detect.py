"""The fast gate in front of ftfy: which lines might hold mojibake at all.

ftfy is thorough and slow (about 1 MB/s); clean text must never pay for it.
UTF-8 mojibake always shows a lead byte read as a letter ('Ã', 'Â', 'â', 'Ð')
*followed by* a continuation byte read as punctuation, a symbol or a C1
control ('©', '€', '™', '\\x9d'). One precompiled regex finds those pairs;
text without any (and pure-ASCII text, checked first) never reaches ftfy,
and when some line has one only that line does. A false alarm costs one
ftfy call on one line, never a wrong repair: ftfy has the last word.
"""

from __future__ import annotations

import re

from cleaner.text.chardata import (
    MOJIBAKE_CONTINUATIONS,
    MOJIBAKE_SEQUENCE_LENGTHS,
    MOJIBAKE_SIGNATURE,
    REPAIR_SIGNATURE,
    SPECIAL_CHARS,
)
from cleaner.text.scan import scan_text

_SIGNATURE = re.compile(MOJIBAKE_SIGNATURE)
_REPAIR = re.compile(REPAIR_SIGNATURE)


def might_be_mojibake(text: str) -> bool:
    """True when some part of `text` looks like UTF-8 mojibake.

    >>> might_be_mojibake("Le président a parlé à l’ONU.")
    False
    >>> [might_be_mojibake(t) for t in ("Le prÃ©sident", "lâ€™ONU", "voilÃ le")]
    [True, True, True]
    >>> might_be_mojibake("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), might_be_mojibake("РџСЂРёРІРµС‚")
    (True, True)
    """
    return not text.isascii() and _SIGNATURE.search(text) is not None


def suspect_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the lines of `text` that might hold mojibake.

    A span covers one line without its line break (LF or CR: repair runs
    before line endings are fixed), in order, each line once.

    >>> text = "clean line\\nprÃ©sident\\r\\nclean\\râ€œhiâ€\\x9d"
    >>> [text[a:b] for a, b in suspect_lines(text)]
    ['prÃ©sident', 'â€œhiâ€\\x9d']
    >>> suspect_lines("déjà vu")
    []
    """
    if text.isascii():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        match = _SIGNATURE.search(text, pos)
        if match is None:
            return spans
        # Searches bounded by the LF around the match: linear on any text.
        start = text.rfind("\n", 0, match.start()) + 1
        start = text.rfind("\r", start, match.start()) + 1 or start
        end = text.find("\n", match.end())
        if end < 0:
            end = len(text)
        cr = text.find("\r", match.end(), end)
        if cr >= 0:
            end = cr
        spans.append((start, end))
        pos = end + 1


def continues_mojibake(text: str, index: int) -> bool:
    """True when `text[index]` may be a byte of the mojibake sequence it stands in.

    That is, when the characters before it are a lead ('Ã', 'â', 'Р') and
    fewer continuations than the lead's UTF-8 sequence needs, and the
    continuations after it do not complete the sequence without it. Used for
    the soft hyphen, which is also byte AD: 'Ã\\u00ad' is the mojibake of 'í',
    'ä¸\\u00ad' of '中'; but one after 'i' or after a whole 'Ã©' is only a
    soft hyphen, and so is one inside 'Ã\\u00ad©' ('é') or 'â€\\u00ad™' ('’').

    >>> [continues_mojibake(t, t.index("\\u00ad")) for t in ("Ã\\u00ad", "ä¸\\u00ad", "Р\\u00ad",
    ...                                                  "Ã\\u00ad\\u00ad", "Ã\\u00adÂ»")]
    [True, True, True, True, True]
    >>> [continues_mojibake(t, t.index("\\u00ad")) for t in ("oui\\u00ad", "Ã©\\u00ad", "©\\u00ad",
    ...                                                  "Ã\\u00ad©", "â€\\u00ad™")]
    [False, False, False, False, False]
    """
    length = before = 0  # a lead 0 to 3 characters back, and the continuations after it
    for position in range(index - 1, max(-1, index - 4), -1):
        char = text[position]
        if char in MOJIBAKE_SEQUENCE_LENGTHS:
            length = MOJIBAKE_SEQUENCE_LENGTHS[char]
            break
        if char not in MOJIBAKE_CONTINUATIONS:
            return False
        before += 1
    if before + 1 >= length:  # no lead (length 0), or its sequence is already whole
        return False
    after = 0
    for char in text[index + 1:index + length]:
        if char not in MOJIBAKE_CONTINUATIONS or char == "\u00ad":
            break
        after += 1
    return before + after != length - 1


def needs_char_repair(text: str) -> bool:
    """True when some character-level repair may apply.

    That is mojibake, or a control character, tab, line break other than LF,
    '&', invisible character, joiner or surrogate. Spaces and normalisation
    have their own, cheaper checks. (`chardata.REPAIR_SIGNATURE` says the same
    in one regex, at several nanoseconds a character; here the special
    characters are looked for among the text's rare ones, and the scan that
    found those saw the mojibake pairs (`Scan.pairs`); text mostly made of
    rare characters, Cyrillic say, gets the one regex.)

    >>> needs_char_repair("Le président a parlé à l’ONU : « Non ».\\nFin.")
    False
    >>> [needs_char_repair(t) for t in ("AT&T", "a\\tb", "a\\u00adb", "Ã©", "x\\r\\n", "Ã le")]
    [True, True, True, True, True, True]
    >>> needs_char_repair("Привет, мир"), needs_char_repair("РџСЂРёРІРµС‚")
    (False, True)
    """
    found = scan_text(text)
    if found.dense:  # mostly rare characters: one scan of the text is cheaper
        return _REPAIR.search(text) is not None
    if not found.plain and _SPECIAL.search(found.rare) is not None:
        return True
    return found.pairs


_SPECIAL = re.compile(f"[{SPECIAL_CHARS}]")


