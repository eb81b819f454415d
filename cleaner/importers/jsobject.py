"""Just enough of a JavaScript object literal to read Postlight's custom extractors.

An extractor file is ``export const X = { domain: '...', content: { selectors: [...],
clean: [...] }, ... }``; functions sit among the data (``transforms``). `read_object`
finds a key's value by walking the source with brackets, strings and comments matched,
and `read_array` reads an array of strings (or of arrays of strings) into Python lists.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*|'[^']*'|\"[^\"]*\")\s*:")
_OPEN = {"{": "}", "[": "]", "(": ")"}
_STRING = re.compile(r"""'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`""", re.S)
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def strip_comments(source: str) -> str:
    """The source with comments blanked (strings kept: a ``//`` inside a URL stays).

    >>> strip_comments("a: 'http://x', // note\\nb: 1 /* c */")
    "a: 'http://x', \\nb: 1 "
    """
    out = []
    position = 0
    pattern = re.compile(f"{_STRING.pattern}|{_COMMENT.pattern}", re.S)
    for found in pattern.finditer(source):
        out.append(source[position:found.start()])
        token = found.group(0)
        out.append(token if token[0] in "'\"`" else "")
        position = found.end()
    out.append(source[position:])
    return "".join(out)


def value_of(source: str, key: str, start: int = 0) -> str | None:
    """The source text of `key`'s value at the top level of the object at `start`
    (None: no such key).

    >>> value_of("{ a: { b: [1, 2] }, b: 'x' }", "b")
    "'x'"
    >>> value_of("{ a: { b: [1, 2] }, b: 'x' }", "a")
    '{ b: [1, 2] }'
    """
    opening = source.find("{", start)
    if opening < 0:
        return None
    depth = 0
    position = opening
    while position < len(source):
        char = source[position]
        if char in "'\"`":
            found = _STRING.match(source, position)
            position = found.end() if found else position + 1
            continue
        if char in _OPEN:
            depth += 1
        elif char in _OPEN.values():
            depth -= 1
            if depth == 0:
                return None
        elif depth == 1:
            name = _KEY.match(source, position)
            if name and name.group(1).strip("'\"") == key:
                return _value_at(source, name.end())
        position += 1
    return None


def _value_at(source: str, position: int) -> str:
    while source[position].isspace():
        position += 1
    start = position
    depth = 0
    while position < len(source):
        char = source[position]
        if char in "'\"`":
            found = _STRING.match(source, position)
            position = found.end() if found else position + 1
            if depth == 0:
                break
            continue
        if char in _OPEN:
            depth += 1
        elif char in _OPEN.values():
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                position += 1
                break
        elif char == "," and depth == 0:
            break
        position += 1
    return source[start:position].strip()


def read_array(text: str) -> list[str | list[str]] | None:
    """An array literal of strings (or arrays of strings), None when it holds anything else.

    >>> read_array("['.a', \\"div[x='y']\\", ['meta', 'value'],]")
    ['.a', "div[x='y']", ['meta', 'value']]
    >>> read_array("[$node => 1]") is None
    True
    """
    text = text.strip()
    if not text.startswith("[") or not text.endswith("]"):
        return None
    out: list[str | list[str]] = []
    for part in _items(text[1:-1]):
        if part.startswith("["):
            inner = read_array(part)
            if inner is None or not all(isinstance(i, str) for i in inner):
                return None
            out.append([str(i) for i in inner])
        else:
            string = read_string(part)
            if string is None:
                return None
            out.append(string)
    return out


def read_string(text: str) -> str | None:
    """A JavaScript string literal's value (None: not one string literal).

    >>> read_string("'it\\\\'s'"), read_string("x")
    ("it's", None)
    """
    found = _STRING.fullmatch(text.strip())
    if found is None or text.strip()[0] == "`":
        return None
    return re.sub(r"\\(.)", r"\1", text.strip()[1:-1])


def _items(text: str) -> list[str]:
    items = []
    position = 0
    while True:
        part = _value_at(text + ",", position) if position < len(text) else ""
        if not part:
            break
        items.append(part)
        position = text.find(part, position) + len(part)
        while position < len(text) and (text[position].isspace() or text[position] == ","):
            position += 1
    return items
