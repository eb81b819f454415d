"""Hypothesis strategies for whole-page dumps, shaped the way real scrapes look.

A naive scraper prints every visible block of a page on its own line: the
menu, the headline, a dateline, a byline and a share bar, the lede, the
body with its subheadings, lists and tables, a "Related" list, the lists
that follow an article (tour dates, a product box, ingredients), a cookie
notice written as prose, the footer. `pages` builds such dumps in seven
languages (en, fr, de, es, it, pt, nl) from small hand-written vocabularies:
the prose is made of whole sentences of 8 to 30 words with their function
words, capitalised and ended by a period, so that it reads as prose does.

Every line carries its role, so the properties can ask what became of the
lede, the body, the lists the body announces, a subheading after a related
list... The structures model pages, not any threshold of the classifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import assume
from hypothesis import strategies as st

from tests.page_words import CITIES, FURNITURE, GRAMMARS, NAMES, VENUES, choices

PAGE_LANGS = ["en", "fr", "de", "es", "it", "pt", "nl"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick(draw: st.DrawFn, pieces: str) -> str:
    return draw(st.sampled_from(choices(pieces)))


def _words(text: str) -> int:
    return len(text.split())


@st.composite
def clause(draw: st.DrawFn, lang: str, short: bool = False) -> str:
    """Subject, verb, maybe a time, object, maybe a place: the core of a sentence."""
    g = GRAMMARS[lang]
    parts = [_pick(draw, g.subjects), _pick(draw, g.verbs)]
    if not short and draw(st.booleans()):
        parts.append(_pick(draw, g.times))
    parts.append(_pick(draw, g.objects))
    if not short and draw(st.booleans()):
        parts.append(_pick(draw, g.places))
    return " ".join(parts)


@st.composite
def sentence(draw: st.DrawFn, lang: str, end: str = ".") -> str:
    """One sentence of 8 to 30 words, capitalised, ending with `end`."""
    g = GRAMMARS[lang]
    text = draw(clause(lang))
    if draw(st.booleans()):
        text += _pick(draw, g.tails)
    if draw(st.integers(0, 2)) == 0:
        other = draw(clause(lang))
        second = f"{_pick(draw, g.joins)} {other}"
        if other not in text and _words(text + second) <= 30:
            text += second
    if _words(text) < 8:
        text += " " + _pick(draw, g.places)
    return _cap(text) + end


@st.composite
def paragraph(draw: st.DrawFn, lang: str, max_sentences: int = 4) -> str:
    """A body paragraph: one to `max_sentences` sentences."""
    return " ".join(draw(st.lists(sentence(lang), min_size=1, max_size=max_sentences)))


@st.composite
def short_paragraph(draw: st.DrawFn, lang: str) -> str:
    """A short final paragraph: one or two sentences of a few words ("The club declined.")."""
    count = draw(st.integers(1, 2))
    return " ".join(_cap(draw(clause(lang, short=True))) + "." for _ in range(count))


@st.composite
def headline(draw: st.DrawFn, lang: str) -> str:
    """A headline: a clause with no final period."""
    return _cap(draw(clause(lang, short=True)))


@st.composite
def announcing_sentence(draw: st.DrawFn, lang: str) -> str:
    """A sentence that announces a list or a table: it ends with ':'."""
    g = GRAMMARS[lang]
    return _cap(f"{_pick(draw, g.subjects)} {_pick(draw, g.announce)}") + ":"


BULLETS = ["", "- ", "• ", "* ", "– "]


@st.composite
def date(draw: st.DrawFn, lang: str) -> str:
    day, month, year = draw(st.integers(1, 28)), draw(st.integers(1, 12)), 2024
    if draw(st.booleans()):
        return f"{day:02d}.{month:02d}.{year}" if lang in ("de", "nl") else f"{day}/{month}/{year}"
    name = choices(FURNITURE[lang].months)[month - 1]
    if lang == "en":
        return f"{name} {day}, {year}" if draw(st.booleans()) else f"{day} {name} {year}"
    if lang in ("es", "pt"):
        return f"{day} de {name} de {year}"
    return f"{day}. {name} {year}" if lang == "de" else f"{day} {name} {year}"


@st.composite
def dateline(draw: st.DrawFn, lang: str) -> str:
    time = f"{draw(st.integers(6, 22)):02d}:{draw(st.integers(0, 59)):02d}"
    template = _pick(draw, FURNITURE[lang].published)
    return template.format(date=draw(date(lang)), time=time)


@st.composite
def byline(draw: st.DrawFn, lang: str) -> str:
    return f"{FURNITURE[lang].by} {_pick(draw, NAMES)}"


@st.composite
def share_bar(draw: st.DrawFn, lang: str) -> list[str]:
    items = choices(FURNITURE[lang].share)
    return draw(st.lists(st.sampled_from(items), min_size=1, max_size=5, unique=True))


@st.composite
def nav_lines(draw: st.DrawFn, lang: str, min_size: int = 3) -> list[str]:
    items = choices(FURNITURE[lang].nav)
    return draw(st.lists(st.sampled_from(items), min_size=min_size, max_size=9, unique=True))


@st.composite
def footer_lines(draw: st.DrawFn, lang: str) -> list[str]:
    items = choices(FURNITURE[lang].footer)
    return draw(st.lists(st.sampled_from(items), min_size=1, max_size=6, unique=True))


@st.composite
def cookie_notice(draw: st.DrawFn, lang: str) -> list[str]:
    """A consent notice as a page prints it: prose, then maybe its buttons."""
    notice = [_pick(draw, FURNITURE[lang].cookie)]
    buttons = choices(FURNITURE[lang].buttons)
    return notice + draw(st.lists(st.sampled_from(buttons), max_size=3, unique=True))


@st.composite
def body_list(draw: st.DrawFn, lang: str) -> list[str]:
    """The items of a list a sentence announces: noun phrases, or table rows."""
    g = GRAMMARS[lang]
    bullet = draw(st.sampled_from(BULLETS))
    if draw(st.integers(0, 3)) == 0:  # a table: one row a line, cells by tabs or bars
        cell = draw(st.sampled_from([" | ", "\t"]))
        return [cell.join([_pick(draw, CITIES), str(draw(st.integers(1, 999))),
                           f"{draw(st.integers(0, 99))},{draw(st.integers(0, 9))} %"])
                for _ in range(draw(st.integers(2, 6)))]
    phrases = choices(g.objects) + choices(g.places)
    items = draw(st.lists(st.sampled_from(phrases), min_size=2, max_size=6, unique=True))
    return [bullet + _cap(item) for item in items]


@st.composite
def tail_list(draw: st.DrawFn, lang: str) -> list[str]:
    """A list that follows an article: tour dates, a product box or ingredients."""
    kind = draw(st.sampled_from(["tour", "product", "ingredients"]))
    count = draw(st.integers(2, 7))
    if kind == "tour":
        return [f"{draw(date(lang))} – {_pick(draw, CITIES)}, {_pick(draw, VENUES)}"
                for _ in range(count)]
    if kind == "product":
        labels = draw(st.lists(st.sampled_from(choices(FURNITURE[lang].specs)),
                               min_size=2, max_size=6, unique=True))
        return [f"{label}: {draw(st.integers(1, 999))}" for label in labels]
    foods = draw(st.lists(st.sampled_from(choices(FURNITURE[lang].ingredients)),
                          min_size=2, max_size=8, unique=True))
    bullet = draw(st.sampled_from(BULLETS))
    return [f"{bullet}{draw(st.integers(1, 500))} g {food}" for food in foods]


@st.composite
def related_block(draw: st.DrawFn, lang: str) -> list[str]:
    """A "Related" marker over two to five headlines of other articles."""
    marker = _pick(draw, FURNITURE[lang].related)
    return [marker, *draw(st.lists(headline(lang), min_size=2, max_size=5, unique=True))]


@st.composite
def subheading(draw: st.DrawFn, lang: str) -> str:
    """A subheading inside an article: a short noun phrase, no final period."""
    return _cap(_pick(draw, GRAMMARS[lang].objects))


# ------------------------------------------------------------------------ pages

FEATURES = ("nav", "cookie", "dateline", "byline", "share", "subheadings", "body_list",
            "related_mid", "short_final", "tail_list", "related_end", "footer")
# The roles of the article's own text: what a reader came for, and must find in the output.
BODY_ROLES = frozenset({"lede", "body", "announce", "list", "subheading", "after_related",
                        "short_final", "tail_list"})


@dataclass(frozen=True)
class Page:
    """A generated page dump: its text, its language, and every line with its role."""

    text: str
    lang: str
    lines: tuple[tuple[str, str], ...]  # (role, line) in page order

    def role(self, *roles: str) -> list[str]:
        """The lines of these roles, in page order."""
        return [line for role, line in self.lines if role in roles]

    def __repr__(self) -> str:  # hypothesis prints this on failure: make it copy-pastable
        return f"Page(lang={self.lang!r}, text={self.text!r})"


def _tagged(role: str, lines: list[str]) -> list[tuple[str, str]]:
    return [(role, line) for line in lines]


@st.composite
def pages(draw: st.DrawFn, lang: str | None = None, require: tuple[str, ...] = (),
          exclude: tuple[str, ...] = ()) -> Page:
    """A news page dump: menu, headline, dateline, byline, share bar, lede, body... footer.

    Each feature of `FEATURES` is drawn at random, but those of `require`
    are always there and those of `exclude` never.
    """
    lang = lang or draw(st.sampled_from(PAGE_LANGS))
    has = {f for f in FEATURES if f not in exclude and (f in require or draw(st.booleans()))}
    top: list[tuple[str, str]] = []
    if "nav" in has:
        top += _tagged("nav", draw(nav_lines(lang)))
    if "cookie" in has and draw(st.booleans()):
        top += _tagged("cookie", draw(cookie_notice(lang)))
    top.append(("headline", draw(headline(lang))))
    if "dateline" in has:
        top.append(("dateline", draw(dateline(lang))))
    if "byline" in has:
        top.append(("byline", draw(byline(lang))))
    if "share" in has:
        top += _tagged("share", draw(share_bar(lang)))

    paragraphs = draw(st.lists(paragraph(lang), min_size=2, max_size=6, unique=True))
    body: list[tuple[str, str]] = [("lede", paragraphs[0])]
    for text in paragraphs[1:]:
        if "subheadings" in has and draw(st.integers(0, 2)) == 0:
            body.append(("subheading", draw(subheading(lang))))
        body.append(("body", text))
    if "body_list" in has:  # announced by the body, then the body goes on
        at = draw(st.integers(1, len(body) - 1))
        body[at:at] = [("announce", draw(announcing_sentence(lang))),
                       *_tagged("list", draw(body_list(lang)))]
    if "related_mid" in has:  # a "Related" list, then a subheading and more body
        # Anywhere in the body but between a sentence that announces a list and its items.
        at = draw(st.sampled_from([i for i in range(1, len(body) + 1)
                                   if i == len(body) or body[i][0] != "list"]))
        more = draw(st.lists(paragraph(lang), min_size=1, max_size=3, unique=True))
        body[at:at] = [*_tagged("related", draw(related_block(lang))),
                       ("subheading", draw(subheading(lang))), *_tagged("after_related", more)]
    if "short_final" in has:
        body += _tagged("short_final", draw(st.lists(short_paragraph(lang), min_size=1,
                                                     max_size=2, unique=True)))
    if "tail_list" in has:
        body += [("announce", draw(announcing_sentence(lang))),
                 *_tagged("tail_list", draw(tail_list(lang)))]

    bottom: list[tuple[str, str]] = []
    if "related_end" in has:
        bottom += _tagged("related", draw(related_block(lang)))
    if "footer" in has:
        bottom += _tagged("footer", draw(footer_lines(lang)))
    if "cookie" in has and not any(role == "cookie" for role, _ in top):
        bottom += _tagged("cookie", draw(cookie_notice(lang)))
    return _page(draw, lang, top + body + bottom)


@st.composite
def list_pages(draw: st.DrawFn, lang: str | None = None) -> Page:
    """A page that is only a list under its headline: a recipe's ingredients, tour dates."""
    lang = lang or draw(st.sampled_from(PAGE_LANGS))
    lines = _tagged("nav", draw(nav_lines(lang))) if draw(st.booleans()) else []
    lines.append(("headline", draw(headline(lang))))
    lines += _tagged("tail_list", draw(tail_list(lang)))
    if draw(st.booleans()):
        lines += _tagged("footer", draw(footer_lines(lang)))
    return _page(draw, lang, lines)


_FURNITURE_ROLES = frozenset({"nav", "share", "footer", "cookie"})
_SENTENCE_END = re.compile(r"(?<=[.:])\s+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def _key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text).casefold().split())


def _page(draw: st.DrawFn, lang: str, lines: list[tuple[str, str]]) -> Page:
    """Join the lines as a dump does: one block a line, maybe blank lines between."""
    # A page does not repeat its sentences, and the engine rightly drops a repeated
    # line: every sentence and line of the page is distinct (menus and footers aside).
    keys = [_key(sentence) for role, line in lines if role not in _FURNITURE_ROLES
            for sentence in _SENTENCE_END.split(line)]
    assume(len(set(keys)) == len(keys))
    separator = draw(st.sampled_from(["\n", "\n", "\n\n"]))
    return Page(text=separator.join(line for _, line in lines), lang=lang, lines=tuple(lines))
