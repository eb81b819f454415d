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
import re
import unicodedata
from collections.abc import Callable
from html.entities import codepoint2name

from cleaner.text.spaces import is_blank, tidy_spaces

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


# --- More damage seen in the wild (used by test_roundtrip.py) -------------------------
# Not in CORRUPTIONS: test_repair.py iterates that table as it is.


def mojibake_lost_nbsp(text: str) -> str:
    """Windows-1252 mojibake, then the page's no-break spaces made plain: 'à' -> 'Ã '.

    >>> mojibake_lost_nbsp("voilà tout")
    'voilÃ  tout'
    """
    return mojibake_cp1252(text).replace("\u00a0", " ")


def mojibake_some_lines(text: str, rng: random.Random | None = None, rate: float = 0.5) -> str:
    """Windows-1252 mojibake on some lines only (a page stitched from two sources).

    >>> mojibake_some_lines("é\\né\\né", random.Random(3))
    'Ã©\\né\\nÃ©'
    """
    rng = rng or random.Random(0)
    return "\n".join(mojibake_cp1252(line) if rng.random() < rate else line
                     for line in text.split("\n"))


def escape_html(text: str) -> str:
    """What an HTML serialiser writes: named entities, and quotes escaped as well.

    >>> escape_html("l'été \\"chaud\\"")
    'l&#39;&eacute;t&eacute; &quot;chaud&quot;'
    """
    return escape_entities(text).replace('"', "&quot;").replace("'", "&#39;")


def hex_entities(text: str) -> str:
    """Every non-ASCII character as a hexadecimal character reference.

    >>> hex_entities("l’été")
    'l&#x2019;&#xE9;t&#xE9;'
    """
    return "".join(f"&#x{ord(c):X};" if ord(c) > 127 else c for c in text)


def cr_line_ends(text: str) -> str:
    r"""Old Mac line ends: CR alone.

    >>> cr_line_ends("a\n\nb")
    'a\r\rb'
    """
    return text.replace("\n", "\r")


def bom_every_line(text: str) -> str:
    """A BOM at the start of every line (pieces of UTF-8 files pasted together).

    >>> bom_every_line("a\\nb")
    '\\ufeffa\\n\\ufeffb'
    """
    return "\n".join("\ufeff" + line for line in text.split("\n"))


def nbsp_padding(text: str) -> str:
    """A no-break space at the end of every line; blank lines made of one (as '&nbsp;' lines).

    >>> nbsp_padding("a\\n\\nb")
    'a\\xa0\\n\\xa0\\nb\\xa0'
    """
    return "\n".join(line + "\u00a0" for line in text.split("\n"))


_TYPOGRAPHIC_SPACE = re.compile(r" (?=[:;!?»])|(?<=«) |(?<=\d) (?=\d{3}(?!\d))")


def typographic_nbsp(text: str) -> str:
    """French typography's no-break spaces where a plain space stood (not damage: style).

    NBSP before ':', NNBSP before ';', '!', '?', '»', after '«' and between digit
    groups. Deterministic, so it commutes with removing lines.

    >>> typographic_nbsp("« Non » : 12 000 soldats !")
    '«\\u202fNon\\u202f»\\xa0: 12\\u202f000 soldats\\u202f!'
    """
    return _TYPOGRAPHIC_SPACE.sub(
        lambda m: "\u00a0" if text[m.end()] == ":" else "\u202f", text)


def sprinkle_nbsp_anywhere(text: str, rng: random.Random | None = None,
                           rate: float = 0.2) -> str:
    """NBSP or NNBSP for any plain space, typographic places included ('à la', '12 000').

    >>> sprinkle_nbsp_anywhere("à la 12 000", random.Random(2), rate=1.0)
    'à\\xa0la\\u202f12\\u202f000'
    """
    rng = rng or random.Random(0)
    return "".join(rng.choice(("\u00a0", "\u202f")) if c == " " and rng.random() < rate else c
                   for c in text)


def mojibake_then_invisibles(text: str, rng: random.Random | None = None,
                             rate: float = 0.05, chars: tuple[str, ...] = _INVISIBLE) -> str:
    """Windows-1252 mojibake, then invisibles after some letters of the text it stands for.

    Unlike ``sprinkle_invisibles(mojibake_cp1252(text))``, never inside the two or
    three characters one character became ('Ã\\u00adª' is the mojibake of 'íª').

    >>> mojibake_then_invisibles("é”", random.Random(0), rate=1.0)
    'Ã©\\u200dâ€\\x9d'
    """
    rng = rng or random.Random(0)
    out = []
    for char, after in zip(text, text[1:] + "\n", strict=True):
        out.append(mojibake_cp1252(char))
        if char.isalpha() and after != "\n" and rng.random() < rate:
            out.append(rng.choice(chars))
    return "".join(out)
