"""What a page may hold before it is parsed: a parse that cannot be interrupted stays short.

Parsing is one call into C (lexbor, then lxml for trafilatura), which no time
limit can stop. Both take time that grows with the square of the number of
attributes of one element: one element with 200,000 attributes (a 2.3 MB page)
kept them busy for minutes; and lxml spends about a microsecond on each
attribute of the page. Counting the attributes of each start tag first, as
the HTML tokenizer reads them, refuses such a page at once
(`HtmlConfig.max_attributes`, `HtmlConfig.max_total_attributes`). Every page
pays for that count, so the common case is one regular expression over the
page (`_quiet`), with Python looking only at the tags it stops at; the exact
total is counted only on a page long enough, and with enough spaces, to need it.

Other shapes stay linear in both parsers (many tags, long names, values, text
or comments): `HtmlConfig.max_bytes` bounds them, and deep nesting has its
own limit (`HtmlConfig.max_depth`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# The tokenizer's white space; and the characters that may end an attribute's name.
_SPACE = r"[\t\n\f\r ]"
_END = r"[\t\n\f\r />]"
# An attribute as the tokenizer reads it: a name (anything up to a space, "/", ">" or
# "="), then maybe "=" and a value, quoted (to the closing quote, or the end of the
# page) or not. Possessive throughout: a match never backtracks.
_ATTRIBUTE = (rf"""[^\t\n\f\r />][^\t\n\f\r />=]*+(?:{_SPACE}*+={_SPACE}*+"""
              r"""(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+))?+""")
# Elements whose content is text to the tokenizer, up to their end tag (outside SVG
# and MathML): a "<" in a script is no tag. noscript is not one of them (the parser
# runs without scripting: its content is markup).
_RAW_TEXT = "script|style|textarea|title|xmp|iframe|noembed|noframes"
_FOREIGN = ("svg", "math")
_COMMENT = r"<!--(?:-?>|.*?(?:--!?>|\Z))"
# One token of the page: a comment, an end tag of svg or math, or a start tag (its
# name, its attributes, the "/" and ">" that close it).
_TOKEN = re.compile(
    rf"{_COMMENT}|</(svg|math)(?={_END})"
    rf"|<([A-Za-z][^\t\n\f\r />]*+)((?:[\t\n\f\r /]++|{_ATTRIBUTE})*+)(>?)",
    re.DOTALL | re.IGNORECASE)
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_RAW_END = {name: re.compile(rf"</{name}(?={_END})", re.IGNORECASE)
            for name in _RAW_TEXT.split("|")}
# Where an attribute can start: after one of these (or the tag's name, which ends at one).
_BEFORE_ATTRIBUTE = " \t\n\r\f/\"'"


def attributes_over(html: str, limit: int, total_limit: int) -> tuple[int, int]:
    """How many attributes the first element over `limit` has (0: none is), and how many
    the page has in all when that may be over `total_limit` (else 0).

    >>> attributes_over("<div " + " ".join(f"a{i}" for i in range(30)) + ">", 10, 100)
    (30, 0)
    >>> attributes_over('<p a=1 b="x > y" c>t</p>' * 20, 10, 59)
    (0, 60)
    """
    crowded = crowded_element(html, limit)
    if crowded:
        return crowded, 0
    # An attribute takes two characters, and follows one of `_BEFORE_ATTRIBUTE`: a page
    # short enough, or with few of them, has few attributes.
    if len(html) <= 2 * total_limit or sum(map(html.count, _BEFORE_ATTRIBUTE)) <= total_limit:
        return 0, 0
    return 0, count_attributes(html)[1]


@functools.lru_cache(maxsize=4)
def _quiet(limit: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What `crowded_element` skips without a look, out of SVG and MathML, and in them:
    text, comments, end tags, and start tags of at most `limit` attributes (other than
    those of raw text elements and of svg or math, whose content reads differently)."""
    attributes = rf"(?:[\t\n\f\r /]*+{_ATTRIBUTE}){{0,{limit}}}+[\t\n\f\r /]*+"
    # A raw text element, whole: its start tag, its text, its end tag. (One alternative
    # a name: a group in a possessive repeat breaks re's spans.)
    raw = "".join(rf"|<{name}(?={_END}){attributes}>(?:[^<]++|<(?!/{name}{_END}))*+"
                  for name in _RAW_TEXT.split("|"))

    def skipped(special: str, stops: str, raw: str) -> re.Pattern[str]:
        return re.compile(
            rf"(?:[^<]++|{_COMMENT}|<(?![A-Za-z]|!--{stops}){raw}"
            rf"|<(?!(?:{special}){_END}|(?:{special})\Z)[A-Za-z][^\t\n\f\r />]*+"
            rf"{attributes}(?![^>]))*+", re.DOTALL | re.IGNORECASE)

    return (skipped(f"{_RAW_TEXT}|svg|math", "", raw),
            skipped("svg|math", f"|/(?:svg|math)(?:{_END}|\\Z)", ""))


def crowded_element(html: str, limit: int) -> int:
    """How many attributes the first start tag of `html` with more than `limit` has (0: none).

    Where the page is ambiguous (is this script in an SVG image?) the count errs on
    the high side, never the low.

    >>> crowded_element('<p a=1 b="x > y" c>t</p><br/>', 2)
    3
    >>> crowded_element("<script>if (i <n a b c) x()</script><!-- <p a b> -->", 1)
    0
    >>> crowded_element("<svg><script>if (i <n a b c) x()</script></svg>", 4)  # c) x()< script
    5
    """
    return next((count for count in _start_tags(html, _quiet(limit)) if count > limit), 0)


def count_attributes(html: str) -> tuple[int, int]:
    """The most attributes one start tag of `html` has, and how many all of them have.

    Where the page is ambiguous (is this script in an SVG image?) the counts err on
    the high side, never the low.

    >>> count_attributes('<p a=1 b="x > y" c>t</p><br/><img src=a.png>')
    (3, 4)
    >>> count_attributes("<div " + " ".join(f"a{i}" for i in range(30)) + ">")
    (30, 30)
    >>> count_attributes("<script>if (i <n a b c) x()</script><!-- <p a b> -->")
    (0, 0)
    >>> count_attributes("<svg><script>if (i <n a b c) x()</script></svg>")  # c) x()< script
    (5, 5)
    """
    most = total = 0
    for count in _start_tags(html):
        most, total = max(most, count), total + count
    return most, total


def _start_tags(html: str, quiet: tuple[re.Pattern[str], re.Pattern[str]] | None = None,
                ) -> Iterator[int]:
    """The attribute count of each start tag of `html`, in order, skipping raw text
    (script, style...) out of SVG and MathML; with `quiet` (`_quiet`), only of the
    tags it does not skip."""
    foreign = 0  # how many svg or math elements are open, roughly
    position = 0
    while True:
        if quiet is None:
            token = _TOKEN.search(html, position)
        else:
            skipped = quiet[1 if foreign else 0].match(html, position)  # never None
            token = _TOKEN.match(html, skipped.end() if skipped else position)
        if token is None:
            return
        position = token.end()
        closing, name, attributes, end = token.groups()
        if closing:
            foreign = max(0, foreign - 1)
            continue
        if name is None:
            continue  # a comment
        yield len(_ATTRIBUTES.findall(attributes)) if attributes else 0
        name = name.lower()
        if name in _FOREIGN and not (end and attributes.endswith("/")):
            foreign += 1
        elif name in _RAW_END and not foreign:
            found = _RAW_END[name].search(html, position)
            position = found.start() if found else len(html)


# Elements that never hold others, or that the parser closes by itself: they add no depth.
_FLAT = ("area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|dt|dd|tr|td|th"
         "|option")
_TAG = re.compile(rf"<(/?)(?!(?:{_FLAT})\b)[A-Za-z][\w\-]*(?=[\s/>])[^>]*?(/?)>")


def nests_deeper_than(html: str, limit: int) -> bool:
    """Whether a page's elements nest deeper than `limit` (counting as the parser would,
    roughly: end tags the page leaves out make it an upper bound).

    A page with fewer tags than the limit is answered without a scan.

    >>> nests_deeper_than("<div><div><p>a<br><b>b</b></div></div>", 2)
    True
    >>> nests_deeper_than("<div>" * 50 + "</div>" * 50, 60), nests_deeper_than("<div>" * 50, 10)
    (False, True)
    """
    if html.count("<") <= limit:
        return False
    depth = 0
    for closing, self_closing in _TAG.findall(html):
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing:
            depth += 1
            if depth > limit:
                return True
    return False


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title\s*>", re.IGNORECASE)


def close_title(html: str) -> str | None:
    """The page with its never-closed ``<title>`` closed at the next tag (None: nothing to do).

    An HTML parser reads everything after an unclosed ``<title>`` as the
    title's text, so the page has no body at all; lxml, and the people who
    wrote the page, end the title at the next tag.

    >>> close_title("<html><head><title>News<script>x()</script></head><body><p>Text</p>")
    '<html><head><title>News</title><script>x()</script></head><body><p>Text</p>'
    >>> close_title("<title>News</title><p>Text</p>") is None
    True
    """
    opened = _TITLE_OPEN.search(html)
    if opened is None or _TITLE_CLOSE.search(html, opened.end()):
        return None
    end = html.find("<", opened.end())
    if end < 0:
        return None
    return f"{html[:end]}</title>{html[end:]}"
