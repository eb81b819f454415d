"""XPath to CSS, for the shapes community site rules use, where the translation is exact.

Community rule sets (ftr-site-config) write their selectors in XPath. Most of them are
simple (``//div[@class='x']``, ``//*[contains(@class,'x')]``), and a CSS selector that
matches exactly the same elements runs in lexbor, the parser the page is already in.
`to_css` translates those and answers None for anything else (positions, text tests,
axes, functions other than the few below), which is then kept as XPath and run with lxml.

Translated, per location step (``//`` is a descendant step, ``/`` a child step, and the
path must start with ``//``):

- a lowercase tag name or ``*``;
- predicates joined by ``and`` / ``or`` (an ``or`` becomes a selector list), of tests on
  a lowercase attribute: ``@a`` (present), ``@a='v'`` (equal), ``contains(@a,'v')``,
  ``starts-with(@a,'v')`` and the whole-token idiom
  ``contains(concat(' ',normalize-space(@a),' '),' v ')``;
- unions of such paths (``|``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import product

# The most selectors one XPath may become (its `or`s and unions multiplied out).
MAX_SELECTORS = 8

_TOKEN = re.compile(r"""\s*(?:(//|/|\[|\]|\(|\)|,|=|@|\||\*)   # punctuation
                          |('[^']*'|"[^"]*")                    # a string
                          |([A-Za-z_][\w.\-]*)                  # a name
                          |(\S))                                # anything else""", re.X)
_LOWER_NAME = re.compile(r"^[a-z][a-z0-9_\-]*$")
_TOKEN_VALUE = re.compile(r"^ (\S+) $")


class _Untranslatable(Exception):
    """The expression uses something CSS cannot say exactly."""


def to_css(xpath: str) -> str | None:
    """The CSS selector list matching exactly what `xpath` matches, or None.

    >>> to_css("//div[@class='x']"), to_css('//*[contains(@class, "ad")]')
    ('div[class="x"]', '[class*="ad"]')
    >>> to_css("//div[@id='main']//p | //aside/ul")
    'div[id="main"] p, aside > ul'
    >>> to_css("//span[contains(@class,'a') or starts-with(@id,'b')]")
    'span[class*="a"], span[id^="b"]'
    >>> to_css("//div[contains(concat(' ',normalize-space(@class),' '),' story ')]")
    'div[class~="story"]'
    >>> to_css("//article[1]"), to_css("//p[contains(text(), 'Credit')]"), to_css("/html/body")
    (None, None, None)
    """
    try:
        tokens = _tokens(xpath)
        selectors = [s for branch in _split(tokens, "|") for s in _path(branch)]
    except _Untranslatable:
        return None
    if not selectors or len(selectors) > MAX_SELECTORS:
        return None
    return ", ".join(dict.fromkeys(selectors))


def _tokens(xpath: str) -> list[str]:
    out = []
    position = 0
    text = xpath.strip()
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None or found.group(4) is not None:
            raise _Untranslatable
        out.append(found.group(1) or found.group(2) or found.group(3))
        position = found.end()
    return out


def _split(tokens: list[str], separator: str) -> Iterator[list[str]]:
    """The tokens between top-level `separator`s (outside brackets and parentheses)."""
    depth = 0
    start = 0
    for index, token in enumerate(tokens):
        depth += token in ("[", "(")
        depth -= token in ("]", ")")
        if token == separator and depth == 0:
            yield tokens[start:index]
            start = index + 1
    yield tokens[start:]


def _path(tokens: list[str]) -> list[str]:
    """A location path's selectors (several when a predicate holds an ``or``)."""
    if not tokens or tokens[0] != "//":
        raise _Untranslatable
    steps: list[list[str]] = []
    combinators: list[str] = []
    index = 0
    while index < len(tokens):
        axis = tokens[index]
        if axis not in ("//", "/"):
            raise _Untranslatable
        combinators.append(" " if axis == "//" else " > ")
        index, alternatives = _step(tokens, index + 1)
        steps.append(alternatives)
    out = []
    for choice in product(*steps):
        parts = [choice[0]]
        for combinator, step in zip(combinators[1:], choice[1:], strict=True):
            parts.append(f"{combinator}{step}")
        out.append("".join(parts))
    if len(out) > MAX_SELECTORS:
        raise _Untranslatable
    return out


def _step(tokens: list[str], index: int) -> tuple[int, list[str]]:
    """One step from `index`: (where the next step starts, its selector alternatives)."""
    if index >= len(tokens):
        raise _Untranslatable
    name = tokens[index]
    if name != "*" and not _LOWER_NAME.match(name):
        raise _Untranslatable
    tag = "" if name == "*" else name
    alternatives = [""]
    index += 1
    while index < len(tokens) and tokens[index] == "[":
        end = _closing(tokens, index, "[", "]")
        tests = _or(tokens[index + 1:end])
        alternatives = [a + t for a in alternatives for t in tests]
        index = end + 1
    selectors = [f"{tag}{a}" or "*" for a in alternatives]
    return index, selectors


def _closing(tokens: list[str], index: int, opening: str, closing: str) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position] == opening
        depth -= tokens[position] == closing
        if depth == 0:
            return position
    raise _Untranslatable


def _or(tokens: list[str]) -> list[str]:
    """A predicate as alternatives, each a string of CSS attribute tests."""
    return [alternative for part in _split_word(tokens, "or") for alternative in _and(part)]


def _and(tokens: list[str]) -> list[str]:
    alternatives = [""]
    for part in _split_word(tokens, "and"):
        tests = _test(part)
        alternatives = [a + t for a in alternatives for t in tests]
    return alternatives


def _split_word(tokens: list[str], word: str) -> list[list[str]]:
    parts = list(_split(tokens, word))
    if any(not part for part in parts):
        raise _Untranslatable
    return parts


def _test(tokens: list[str]) -> list[str]:
    """One test: an attribute test, or a parenthesised ``or``/``and`` (alternatives)."""
    if tokens[0] == "(" and _closing(tokens, 0, "(", ")") == len(tokens) - 1:
        return _or(tokens[1:-1])
    if tokens[0] == "@":
        return [_attribute_test(tokens)]
    if len(tokens) >= 2 and tokens[1] == "(" and tokens[-1] == ")":
        return [_function_test(tokens[0], tokens[2:-1])]
    raise _Untranslatable


def _attribute_test(tokens: list[str]) -> str:
    if len(tokens) == 2:
        return f"[{_attribute(tokens)}]"
    if len(tokens) == 4 and tokens[2] == "=":
        return f'[{_attribute(tokens[:2])}="{_value(tokens[3], empty=True)}"]'
    raise _Untranslatable


def _attribute(tokens: list[str]) -> str:
    if len(tokens) != 2 or tokens[0] != "@" or not _LOWER_NAME.match(tokens[1]):
        raise _Untranslatable
    return tokens[1]


def _function_test(name: str, arguments: list[str]) -> str:
    parts = list(_split(arguments, ","))
    if len(parts) != 2 or len(parts[1]) != 1:
        raise _Untranslatable
    subject, (literal,) = parts
    if name == "contains" and subject[0] == "concat":
        # contains(concat(' ', normalize-space(@a), ' '), ' v '): `v` is one of @a's tokens.
        shape = ["concat", "(", " ", ",", "normalize-space", "(", "@", "?", ")", ",", " ", ")"]
        seen = [t[1:-1] if t in ("' '", '" "') else t for t in subject]
        token = _TOKEN_VALUE.match(_literal(literal))
        if len(seen) != len(shape) or token is None or any(
                a != b for a, b in zip(seen, shape, strict=True) if b != "?"):
            raise _Untranslatable
        return f'[{_attribute(subject[6:8])}~="{_css_string(token.group(1))}"]'
    operator = {"contains": "*=", "starts-with": "^="}.get(name)
    if operator is None:
        raise _Untranslatable
    return f'[{_attribute(subject)}{operator}"{_value(literal)}"]'


def _literal(token: str) -> str:
    if token[:1] not in ("'", '"'):
        raise _Untranslatable
    return token[1:-1]


def _value(token: str, *, empty: bool = False) -> str:
    """A quoted XPath literal as the inside of a CSS double-quoted string.

    An empty value is refused where CSS and XPath disagree on it (``contains(@a, '')``
    is true of every element, ``[a*=""]`` of none).
    """
    value = _literal(token)
    if not value and not empty:
        raise _Untranslatable
    return _css_string(value)


def _css_string(value: str) -> str:
    if any(c in value for c in "\n\r\f\\"):
        raise _Untranslatable
    return value.replace('"', '\\"')
