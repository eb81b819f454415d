"""A rule file's patterns as written: named fragments expanded, then checked.

A file may name a piece of pattern once and use it in many::

    [define]
    month = '(?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)[\\p{L}.]{0,8}'
    date = '\\d{1,2}(?:er)? {month}(?: \\d{4})?'

    [[rule]]
    pattern = ['Publié le {date}']

``{name}`` (a letter first, then letters, digits or ``_``) stands for the
fragment's text, pasted as it is: a fragment with alternatives needs its own
group, ``(?:a|b)``; in a verbose pattern, a fragment's spaces still count.
Counts such as ``\\d{1,2}`` and escapes such as ``\\p{Lu}`` are never
references; ``\\{name}`` is a literal brace. A fragment may use other
fragments of the same file, in any order, but not itself, even through others.
Fragments belong to their file: a file reads on its own, and a user's file
cannot change what a bundled one means.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex

from cleaner.rules.model import RuleError
from cleaner.rules.shape import backtracking_risk

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Escapes come first so that their braces (`\p{Lu}`, `\x{e9}`) and an escaped
# `\{` are skipped; what is left of `{…}` with a letter first is a reference.
_TOKEN = re.compile(r"\\[pPNx]\{[^}]*\}|\\.|\{([A-Za-z][A-Za-z0-9_]*)\}", re.DOTALL)
# A group or a flag that turns verbose mode on: `(?x:`, `(?ix)`…, not `(?-x:`.
_VERBOSE = re.compile(r"\(\?[A-Za-z]*x[A-Za-z]*(?:-[A-Za-z]*)?[:)]")
# A back-reference: \1, (?P=name) or \g<name>.
_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


def references(pattern: str) -> list[str]:
    """The fragment names `pattern` refers to, in order.

    >>> references(r"\\d{1,2} {month}(?: \\d{4})? \\p{Lu}\\{word}")
    ['month']
    """
    return [m.group(1) for m in _TOKEN.finditer(pattern) if m.group(1)]


def expand(pattern: str, fragments: Mapping[str, str], *, path: Path, line: int | None,
           rule: str | None) -> str:
    """`pattern` with each ``{name}`` replaced by the (expanded) fragment it names.

    In a pattern that uses verbose mode, a fragment with spaces or ``#`` is
    pasted inside ``(?-x:…)``, so that it means what it means on its own.
    """
    verbose = _VERBOSE.search(pattern) is not None

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group(0)
        if name not in fragments:
            known = ", ".join(sorted(fragments)) or "none: the file has no [define] table"
            raise RuleError(path, f"unknown fragment {{{name}}} (defined: {known}); "
                            "write \\{ for a literal brace", line=line, rule=rule)
        text = fragments[name]
        if verbose and any(char.isspace() or char == "#" for char in text):
            return f"(?-x:{text})"
        return text

    return _TOKEN.sub(substitute, pattern)


def parse_defines(path: Path, raw: Any, text: str) -> dict[str, str]:
    """The ``[define]`` table of a file: each name with its fragment fully expanded."""
    lines = _define_lines(text)
    if not isinstance(raw, dict):
        raise RuleError(path, "[define] must be a table of name = 'pattern'")
    for name, value in raw.items():
        line = lines.get(name)
        if not _NAME.fullmatch(name):
            raise RuleError(path, f"fragment name {name!r}: a letter first, then letters, "
                            "digits or _", line=line)
        if not isinstance(value, str):
            raise RuleError(path, f"fragment {name!r} must be a string", line=line)
    done: dict[str, str] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        if name in chain:
            circle = " → ".join((*chain[chain.index(name):], name))
            # Named where the reference that closes the circle is written.
            raise RuleError(path, f"fragments refer to each other in a circle: {circle}",
                            line=lines.get(chain[-1]))
        for used in references(raw[name]):
            if used in raw:
                resolve(used, (*chain, name))
        done[name] = expand(raw[name], done, path=path, line=lines.get(name),
                            rule=f"[define] {name}")
        return done[name]

    for name in raw:
        _check_fragment(resolve(name, ()), path=path, line=lines.get(name), name=name)
    return done


def _define_lines(text: str) -> dict[str, int]:
    """Line numbers of the keys of the ``[define]`` table (tomllib does not give them)."""
    found: dict[str, int] = {}
    inside = False
    header = re.compile(r"[ \t]*\[\[?[ \t]*([\w.\-]+)[ \t]*\]\]?[ \t]*(?:#.*)?")
    key = re.compile(r"""[ \t]*["']?([\w\-]+)["']?[ \t]*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if table := header.fullmatch(line):
            inside = table.group(1) == "define"
        elif inside and (name := key.match(line)):
            found.setdefault(name.group(1), number)
    return found


def _check_fragment(fragment: str, *, path: Path, line: int | None, name: str) -> None:
    # Read, not compiled: compiling every fragment costs as much as compiling
    # the patterns, which are compiled anyway and name their rule when they fail.
    problem = _structure_problem(fragment)
    if problem:
        raise RuleError(path, f"fragment {name!r} = {fragment!r} {problem}", line=line)


def _structure_problem(fragment: str) -> str | None:
    """What makes a fragment unfit to paste into a pattern, read from its groups and classes.

    >>> [_structure_problem(f) is None for f in ("a|b", r"(?:a|b)[|(]\\|", "[]|]|x")]
    [False, True, False]
    >>> _structure_problem("a)(b"), _structure_problem("(a")
    ('closes a group it did not open', 'opens a group it does not close')
    """
    depth = 0
    bar = False
    class_start = -1  # where the character class being read opened, or -1
    chars = iter(enumerate(fragment))
    for i, char in chars:
        if char == "\\":
            next(chars, None)
        elif class_start >= 0:
            # A `]` right after `[` or `[^` is a member, not the end.
            if char == "]" and fragment[class_start + 1 : i] not in ("", "^"):
                class_start = -1
        elif char == "[":
            class_start = i
        elif char in "()":
            depth += 1 if char == "(" else -1
            if depth < 0:
                return "closes a group it did not open"
        elif char == "|" and depth == 0:
            bar = True
    if class_start >= 0:
        return "opens a character class [ it does not close"
    if depth:
        return "opens a group it does not close"
    if bar:
        return ("has alternatives outside a group: write it as (?:…|…), or it splits the "
                "patterns using it")
    return None


def check_pattern(pattern: str, *, path: Path, line: int | None, rule: str | None) -> None:
    """Reject a pattern that does not compile, refers back, or backtracks catastrophically.

    Patterns are combined into one alternation per kind, so a back-reference
    would point at another rule's group, and a verbose pattern must not end
    inside a ``#`` comment (it would swallow the group closing it). The
    backtracking check reads the pattern's shape
    (`cleaner.rules.shape.backtracking_risk`), never a clock: a rule file
    loads or fails the same way on every machine.
    """
    try:
        regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise RuleError(path, f"pattern {pattern!r} does not compile: {exc}",
                        line=line, rule=rule) from None
    try:
        if _VERBOSE.search(pattern):
            regex.compile(f"(?:{pattern})", regex.V0)
    except regex.error:
        raise RuleError(path, f"pattern {pattern!r} does not compile inside a group: end a "
                        "verbose pattern's last comment with a new line", line=line,
                        rule=rule) from None
    if _BACKREF.search(pattern):
        raise RuleError(path, f"pattern {pattern!r}: back-references are not supported",
                        line=line, rule=rule)
    risk = backtracking_risk(pattern)
    if risk:
        raise RuleError(path, f"pattern {pattern!r} backtracks catastrophically ({risk}); "
                        "bound the repeat or make the alternatives start differently",
                        line=line, rule=rule)
