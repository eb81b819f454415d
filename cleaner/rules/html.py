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

_KEYS = {"id", "description", "remove", "body", "examples", "enabled", "route"}
_ROUTES = {"captions"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@cache
def _probe() -> Any:
    """A parsed page to try selectors on.

    Made on first use, so that importing this module does not import lexbor.
    """
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser("<html><body><p>probe</p></body></html>")


def parse_html_rules(path: Path, raw: Any, lines: Sequence[int]) -> tuple[HtmlRule, ...]:
    """Validate the ``[[html]]`` entries of one file (a single ``[html]`` table is one entry)."""
    entries = [raw] if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise RuleError(path, "'html' must be tables: write [[html]]")
    rules = []
    for number, entry in enumerate(entries):
        line = lines[number] if number < len(lines) else None
        rules.append(_parse_one(path, entry, line, RuleError))
    return tuple(rules)


def _parse_one(path: Path, raw: Any, line: int | None, error: Any) -> HtmlRule:
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
    if not remove and not body:
        raise fail("an [[html]] rule needs 'remove' or 'body' selectors")
    route = raw.get("route")
    if route is not None and route not in _ROUTES:
        raise fail(f"'route' must be one of {', '.join(sorted(_ROUTES))}")
    examples = raw.get("examples", {})
    if not isinstance(examples, dict) or not set(examples) <= {"remove", "keep"}:
        raise fail("'examples' must be a table with 'remove' and 'keep' lists of HTML snippets")
    remove_examples = _snippets(examples.get("remove", []), fail)
    keep_examples = _snippets(examples.get("keep", []), fail)
    if remove and not remove_examples:
        raise fail("a 'remove' rule needs at least one HTML snippet in examples.remove")
    return HtmlRule(id=rule_id, description=description.strip(), remove=remove, body=body,
                    remove_examples=remove_examples, keep_examples=keep_examples,
                    enabled=enabled, source=path, line=line, route=route)


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


def _snippets(value: Any, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("examples.remove and examples.keep must be lists of HTML snippets")
    return tuple(value)
