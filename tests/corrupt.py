"""Break clean text the way scraping does, so tests can check that repair undoes it.

Each corruption is a pure function of the text (and of a seeded
`random.Random` where it sprinkles), and `repair_text` must undo it up to
what the engine's line tidying normalises anyway (see `same_text`).

>>> mojibake_cp1252("l’été à 10 €")
'lâ€™Ã©tÃ© Ã\\xa0 10 â‚¬'
>>> mojibake_latin1("l’été")
'lâ\\x80\\x99Ã©tÃ©'
>>> escape_entities("R&D à 5 €", double=True)
'R&amp;amp;D &amp;agrave; 5 &amp;euro;'
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from html.entities import codepoint2name

from cleaner.normalize.spaces import is_blank, tidy_spaces

# Byte -> character in Windows-1252, the five undefined bytes as Latin-1 (as ftfy's
# "sloppy" codec and as browsers do).
_CP1252 = "".join(
    bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256))


def mojibake_cp1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252: 'é' -> 'Ã©', '’' -> 'â€™', 'à' -> 'Ã' + NBSP."""
    return "".join(_CP1252[b] for b in text.encode("utf-8"))


def mojibake_latin1(text: str) -> str:
    """UTF-8 bytes read as Latin-1: '’' -> 'â' + two C1 controls."""
    return text.encode("utf-8").decode("latin-1")


def double_mojibake(text: str) -> str:
    """Mojibake of mojibake: 'é' -> 'ÃƒÂ©'."""
    return mojibake_cp1252(mojibake_cp1252(text))


def crlf_tabs_trailing(text: str, rng: random.Random | None = None) -> str:
    """CRLF line ends, a tab for some spaces, spaces at line ends and starts.

    >>> crlf_tabs_trailing("a b\\nc", random.Random(1))
    ' a\\tb  \\r\\n c  '
    """
    rng = rng or random.Random(0)
    lines = []
    for line in text.split("\n"):
        line = "".join("\t" if c == " " and rng.random() < 0.3 else c for c in line)
        lines.append(" " + line + "  ")
    return "\r\n".join(lines)


_INVISIBLE = ("\u200b", "\u00ad", "\u2060", "\u200d")


def sprinkle_invisibles(text: str, rng: random.Random | None = None, rate: float = 0.05) -> str:
    """A BOM in front, zero-width spaces, soft hyphens, word joiners, stray ZWJ inside words."""
    rng = rng or random.Random(0)
    out = ["\ufeff"]
    previous = ""
    for char in text:
        if previous.isalpha() and char.isalpha() and rng.random() < rate:
            out.append(rng.choice(_INVISIBLE))
        out.append(char)
        previous = char
    return "".join(out)


def sprinkle_nbsp(text: str, rng: random.Random | None = None, rate: float = 0.2) -> str:
    """NBSP or NNBSP for some spaces between two lowercase words where a plain one belongs.

    Only where the left word has three or more letters and the right one is
    lowercase: the cases `repair_text` maps back (it keeps 'à\\u00a0la',
    'Louis\\u00a0XIV' and titles, as typographers mean those).
    """
    rng = rng or random.Random(0)
    chars = list(text)
    for i in range(3, len(chars) - 1):
        if (chars[i] == " " and chars[i + 1].islower()
                and all(c.isalpha() and c.islower() for c in chars[i - 3:i])
                and rng.random() < rate):
            chars[i] = rng.choice(("\u00a0", "\u202f"))
    return "".join(chars)


def escape_entities(text: str, *, double: bool = False, numeric: bool = False) -> str:
    """HTML-escape '&', '<', '>' and every non-ASCII character; `double` escapes twice."""
    out = []
    for char in text:
        code = ord(char)
        if char in "&<>" or code > 127:
            name = codepoint2name.get(code)
            out.append(f"&#{code};" if numeric or name is None else f"&{name};")
        else:
            out.append(char)
    escaped = "".join(out)
    return escaped.replace("&", "&amp;") if double else escaped


def decompose(text: str) -> str:
    """NFD: 'é' -> 'e' + U+0301."""
    return unicodedata.normalize("NFD", text)


def control_chars(text: str, rng: random.Random | None = None, rate: float = 0.01) -> str:
    """Stray C0 controls and DEL between characters."""
    rng = rng or random.Random(0)
    controls = "\x00\x01\x07\x08\x1b\x7f"
    return "".join(c + (rng.choice(controls) if rng.random() < rate else "") for c in text)


#: Every corruption, by name: what the round-trip tests iterate over.
CORRUPTIONS: dict[str, Callable[[str], str]] = {
    "mojibake_cp1252": mojibake_cp1252,
    "mojibake_latin1": mojibake_latin1,
    "double_mojibake": double_mojibake,
    "crlf_tabs_trailing": crlf_tabs_trailing,
    "invisibles": sprinkle_invisibles,
    "nbsp": sprinkle_nbsp,
    "entities": escape_entities,
    "numeric_entities": lambda t: escape_entities(t, numeric=True),
    "double_entities": lambda t: escape_entities(t, double=True),
    "nfd": decompose,
    "controls": control_chars,
    # Several at once, in the order the damage happens on the way.
    "nfd+mojibake+entities+crlf": lambda t: crlf_tabs_trailing(
        escape_entities(mojibake_cp1252(decompose(t)))),
    "invisibles+mojibake": lambda t: mojibake_cp1252(sprinkle_invisibles(t)),
    "mojibake+invisibles": lambda t: sprinkle_invisibles(mojibake_cp1252(t)),
    "controls+nbsp+entities": lambda t: escape_entities(sprinkle_nbsp(control_chars(t))),
}


def same_text(text: str) -> list[str]:
    """The lines as the engine will see them: tidied, blank ones dropped.

    >>> same_text(" a  b \\n\\u00a0\\n c")
    ['a b', 'c']
    """
    return [tidy_spaces(line) for line in text.split("\n") if not is_blank(line)]
