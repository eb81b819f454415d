"""The ``[[html]]`` tables of a rule file: CSS selectors applied to the DOM, validated at load.

A rule file may hold, beside its text rules::

    [[html]]
    id = "html.share-bar"
    description = "Share and follow buttons around the article."
    remove = ['[class*="share" i]', '[class*="partage" i]']
    examples.remove = ['<div class="share-buttons">Partager</div>']
    examples.keep = ['<p class="lede">Les actionnaires ont partagé…</p>']

    [[html]]
    id = "example.body"
    description = "Where this site prints the article."
    body = ["div.article-content"]

    [[html]]
    id = "example.container"
    description = "The article's container: the text is extracted from it alone."
    container_xpath = ["//div[@id='story'][1]"]

``route = "captions"`` keeps the text of the removed elements in
``Result.captions`` (captions and credits are routed, not destroyed).
Selectors are compiled by lexbor (the engine selectolax uses) when the file
loads, so a typo is reported with the file, the line and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from cleaner.rules.model import HtmlRule, RuleError

_KEYS = {"id", "description", "remove", "body", "examples", "enabled", "route", "remove_xpath",
         "container", "container_xpath", "origin"}
_ROUTES = {"captions"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@cache
def _probe() -> Any:
    """A parsed page to try selectors on.

    Made on first use, so that importing this module does not import lexbor.
    """
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser("<html><body><p>probe</p></body></html>")


def parse_html_rules(path: Path, raw: Any, lines: Sequence[int], *, imported: bool = False
                     ) -> tuple[HtmlRule, ...]:
    """Validate the ``[[html]]`` entries of one file (a single ``[html]`` table is one entry).

    An `imported` file's rules (converted from a community rule set) need no examples.
    """
    entries = [raw] if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise RuleError(path, "'html' must be tables: write [[html]]")
    rules = []
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else None
        rules.append(_parse_one(path, entry, line, RuleError, imported=imported))
    return tuple(rules)


def _parse_one(path: Path, raw: Any, line: int | None, error: Any, *, imported: bool = False
               ) -> HtmlRule:
    if not isinstance(raw, dict):
        raise error(path, "each [[html]] must be a table", line=line)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise error(path, "[[html]] needs an 'id' (lowercase letters, digits, '.', '-', '_')",
                    line=line, rule=rule_id if isinstance(rule_id, str) else None)

    def fail(message: str) -> Exception:
        return error(path, message, line=line, rule=rule_id)  # type: ignore[no-any-return]

    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise fail(f"unknown field {', '.join(map(repr, unknown))} in [[html]]; "
                   f"allowed: {', '.join(sorted(_KEYS))}")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("'enabled' must be true or false")
    if not enabled and set(raw) <= {"id", "enabled"}:
        return HtmlRule(id=rule_id, description="disabled", enabled=False, source=path, line=line)
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise fail("every [[html]] rule needs a 'description' saying what it removes and why")
    remove = _selectors(raw.get("remove"), "remove", fail)
    body = _selectors(raw.get("body"), "body", fail)
    container = _selectors(raw.get("container"), "container", fail)
    remove_xpath = _xpaths(raw.get("remove_xpath"), "remove_xpath", fail)
    container_xpath = _xpaths(raw.get("container_xpath"), "container_xpath", fail)
    if not (remove or body or container or remove_xpath or container_xpath):
        raise fail("an [[html]] rule needs 'remove' or 'body' selectors ('container', "
                   "or their XPath twins)")
    origin = raw.get("origin")
    if origin is not None and not isinstance(origin, str):
        raise fail("'origin' must be a string: the upstream directive")
    route = raw.get("route")
    if route is not None and route not in _ROUTES:
        raise fail(f"'route' must be one of {', '.join(sorted(_ROUTES))}")
    examples = raw.get("examples", {})
    if not isinstance(examples, dict) or not set(examples) <= {"remove", "keep"}:
        raise fail("'examples' must be a table with 'remove' and 'keep' lists of HTML snippets")
    remove_examples = _snippets(examples.get("remove", []), fail)
    keep_examples = _snippets(examples.get("keep", []), fail)
    if (remove or remove_xpath) and not remove_examples and not imported:
        raise fail("a 'remove' rule needs at least one HTML snippet in examples.remove")
    return HtmlRule(id=rule_id, description=description.strip(), remove=remove, body=body,
                    remove_examples=remove_examples, keep_examples=keep_examples,
                    enabled=enabled, source=path, line=line, route=route,
                    remove_xpath=remove_xpath, container=container,
                    container_xpath=container_xpath, origin=origin)


def _selectors(value: Any, what: str, fail: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"'{what}' must be a CSS selector or a list of them")
    for selector in value:
        check_selector(selector, fail)
    return tuple(value)


def check_selector(selector: str, fail: Any) -> None:
    """Raise `fail(message)` when lexbor cannot parse the selector."""
    try:
        _probe().css(selector)
    except Exception as exc:  # selectolax raises its own error type for a bad selector
        raise fail(f"CSS selector {selector!r} does not parse ({exc})") from None


def _xpaths(value: Any, what: str, fail: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"'{what}' must be an XPath expression or a list of them")
    for expression in value:
        check_xpath(expression, fail)
    return tuple(value)


def check_xpath(expression: str, fail: Any) -> None:
    """Raise `fail(message)` when lxml cannot compile the XPath expression."""
    from lxml import etree  # only rule files with XPath (imported ones) need lxml

    try:
        etree.XPath(expression)
    except etree.XPathError as exc:
        raise fail(f"XPath {expression!r} does not compile ({exc})") from None


def _snippets(value: Any, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("examples.remove and examples.keep must be lists of HTML snippets")
    return tuple(value)
