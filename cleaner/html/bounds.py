"""What a page may hold before it is parsed: a parse that cannot be interrupted stays short.

Parsing is one call into C (lexbor, then lxml for trafilatura), which no time
limit can stop. Both take time that grows with the square of the number of
attributes of one element: one element with 200,000 attributes (a 2.3 MB page)
kept them busy for minutes; and lxml spends about a microsecond on each
attribute of the page. Counting the attributes of each start tag first, as
the HTML tokenizer reads them, refuses such a page at once
(`HtmlConfig.max_attributes`, `HtmlConfig.max_total_attributes`).

Other shapes stay linear in both parsers (many tags, long names, values, text
or comments): `HtmlConfig.max_bytes` bounds them, and deep nesting has its
own limit (`HtmlConfig.max_depth`).
"""

from __future__ import annotations

import re

# An attribute as the tokenizer reads it: a name (anything up to a space, "/", ">" or
# "="), then maybe "=" and a value, quoted (to the closing quote, or the end of the
# page) or not. Possessive throughout: a match never backtracks.
_ATTRIBUTE = r"""[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?+"""
# Elements whose content is text to the tokenizer, up to their end tag (outside SVG
# and MathML): a "<" in a script is no tag. noscript is not one of them (the parser
# runs without scripting: its content is markup).
_RAW_TEXT = "script|style|textarea|title|xmp|iframe|noembed|noframes"
# One token of the page: a comment, an end tag of svg or math, or a start tag (its
# name, its attributes, the "/" and ">" that close it).
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))"
    r"|</(svg|math)(?=[\s/>])"
    rf"|<([A-Za-z][^\s/>]*+)((?:[\s/]++|{_ATTRIBUTE})*+)(>?)", re.DOTALL | re.IGNORECASE)
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_RAW_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE)
            for name in _RAW_TEXT.split("|")}
_FOREIGN = ("svg", "math")


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
    foreign = 0  # how many svg or math elements are open, roughly
    position = 0
    while token := _TOKEN.search(html, position):
        position = token.end()
        closing, name, attributes, end = token.groups()
        if closing:
            foreign = max(0, foreign - 1)
            continue
        if name is None:
            continue  # a comment
        if attributes:
            count = len(_ATTRIBUTES.findall(attributes))
            most = max(most, count)
            total += count
        name = name.lower()
        if name in _FOREIGN and not (end and attributes.endswith("/")):
            foreign += 1
        elif name in _RAW_END and not foreign:
            found = _RAW_END[name].search(html, position)
            position = found.start() if found else len(html)
    return most, total
