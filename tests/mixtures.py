"""Realistic mixtures for the idempotence properties: real lines, real junk, real damage.

A mixture is a page stitched from what the cleaner meets: paragraphs and
furniture of the seed articles (inputs and golds), the rule files' own
examples, cookie notices, menu and "read more" words of the lexicons, inline
junk (markdown images, share prompts) dropped anywhere inside a line, even
between two bytes of mojibake, and the damage of `tests.corrupt` on whole
lines or on part of one. Lines are joined by one or two line breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from cleaner.classify import default_lexicon
from cleaner.steps.examples import context_free_junk
from tests import corrupt
from tests.strategies import RULES

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


SEED_LINES: list[str] = sorted({line for path in sorted(SEEDS.glob("*/*.txt"))
                                for line in _lines(path.read_text(encoding="utf-8"))})
EXAMPLE_LINES: list[str] = sorted(
    {line for _scope, rule in RULES.all_rules()
     for example in (*rule.remove_examples, *rule.keep_examples)
     for line in _lines(example.text)}
    | {line for scope in ("generic", *sorted(RULES.site_rules))
       for _rule, line in context_free_junk(RULES, scope)})
COOKIE_NOTICES: list[str] = [
    "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre "
    "navigation, vous acceptez leur utilisation.",
    "We use cookies to improve your experience. By continuing to browse, you agree to our "
    "use of cookies.",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
    "Accepter les cookies",
    "Manage cookie settings",
    "Tous droits réservés.",
    "© 2024 Example Media. All rights reserved.",
]
_LEXICON = default_lexicon()
MENU_WORDS: list[str] = sorted(
    {hit.phrase for hit in _LEXICON.lines.values()
     if hit.category in ("nav", "read_more", "share", "comments", "ad")})
INLINE_JUNK: list[str] = ["![](x)", "![](g)", "![photo](https://ex.com/a.jpg)",
                          " ![](https://ex.com/b.png) ", "Partager", " Share ", "|", "."]
DAMAGE: list[Callable[[str], str]] = [
    corrupt.mojibake_cp1252,
    corrupt.mojibake_latin1,
    corrupt.double_mojibake,
    corrupt.mojibake_lost_nbsp,
    corrupt.sprinkle_invisibles,
    corrupt.sprinkle_nbsp,
    corrupt.escape_entities,
    corrupt.decompose,
    corrupt.typographic_nbsp,
    str.upper,
]


@st.composite
def mixture_line(draw: st.DrawFn) -> str:
    """One line: real text, maybe damaged (whole or in part), maybe with junk inside."""
    line = draw(st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(EXAMPLE_LINES),
                          st.sampled_from(COOKIE_NOTICES), st.sampled_from(MENU_WORDS)))
    if draw(st.integers(0, 3)) == 0:
        damage = draw(st.sampled_from(DAMAGE))
        cut = draw(st.integers(0, len(line)))
        line = damage(line) if draw(st.booleans()) else line[:cut] + damage(line[cut:])
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from(INLINE_JUNK)) + line[at:]
    return line


@st.composite
def mixtures(draw: st.DrawFn, max_lines: int = 14) -> str:
    """A page of 1 to `max_lines` mixture lines, one or two line breaks between them."""
    lines = draw(st.lists(mixture_line(), min_size=1, max_size=max_lines))
    text = lines[0]
    for line in lines[1:]:
        text += draw(st.sampled_from(["\n", "\n\n"])) + line
    return text
