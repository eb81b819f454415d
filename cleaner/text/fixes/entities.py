"""HTML entities, double-escaped ones too, decoded; a literal '&' left alone."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from cleaner.text.fixes.fixed import Fixed, summary


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
    return Fixed(text, sum(seen.values()), prefix + summary(seen))


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
