"""One upstream selector as an ``[[html]]`` table: CSS where it translates, else XPath."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.importers.model import Counts, Upstream
from cleaner.rules.html import check_selector, check_xpath
from cleaner.rules.xpath import to_css

_WHAT = {"body": "The article's container", "strip": "Removed before extraction"}
_FIELDS = {"body": ("container", "container_xpath"), "strip": ("remove", "remove_xpath")}


class _Refused(Exception):
    pass


def _refuse(message: str) -> Exception:
    return _Refused(message)


def xpath_rule(rule_id: str, directive: str, xpath: str, origin: str, upstream: Upstream,
               counts: Counts) -> dict[str, object] | None:
    """An XPath directive as a rule: its CSS translation when exact, else the XPath
    (None, counted as skipped, when lxml cannot compile it)."""
    css = to_css(xpath)
    if css is not None and _parses(css, check_selector):
        return _rule(rule_id, directive, css, origin, upstream, counts)
    if not _parses(xpath, check_xpath):
        counts.skipped[f"{directive} XPaths that do not compile"] += 1
        return None
    counts.xpath += 1
    counts.rules += 1
    return {"id": rule_id, "description": _description(directive, upstream),
            _FIELDS[directive][1]: [xpath], "origin": origin}


def css_rule(rule_id: str, directive: str, css: str, origin: str, upstream: Upstream,
             counts: Counts) -> dict[str, object] | None:
    """A CSS selector as a rule (None, counted as skipped, when lexbor cannot parse it)."""
    if not _parses(css, check_selector):
        counts.skipped[f"{directive} selectors that do not parse"] += 1
        return None
    return _rule(rule_id, directive, css, origin, upstream, counts)


def _rule(rule_id: str, directive: str, css: str, origin: str, upstream: Upstream,
          counts: Counts) -> dict[str, object]:
    counts.css += 1
    counts.rules += 1
    return {"id": rule_id, "description": _description(directive, upstream),
            _FIELDS[directive][0]: [css], "origin": origin}


def _description(directive: str, upstream: Upstream) -> str:
    return f"{_WHAT[directive]}, imported from {upstream.project}."


def _parses(selector: str, check: Callable[[str, Callable[[str], Exception]], None]) -> bool:
    try:
        check(selector, _refuse)
    except _Refused:
        return False
    return True
