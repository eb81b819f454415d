"""The examples of ``[[html]]`` rules, run as tests (like the text rules' examples).

A remove example must have an element matched by one of the rule's
selectors; a keep example must have none matched.
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from cleaner.rules.load import RuleSet
from cleaner.rules.model import HtmlRule


def html_example_failures(ruleset: RuleSet) -> list[str]:
    """One message per failing example of every enabled ``[[html]]`` rule."""
    return [failure for rules in ruleset.html.values() for rule in rules
            for failure in check_html_rule(rule)]


def html_example_count(ruleset: RuleSet) -> int:
    """How many examples the ``[[html]]`` rules hold."""
    return sum(len(r.remove_examples) + len(r.keep_examples)
               for rules in ruleset.html.values() for r in rules)


def check_html_rule(rule: HtmlRule) -> Iterator[str]:
    """Messages for the examples of one rule that do not behave as written."""
    selector = ", ".join(rule.remove)
    where = f"{rule.source}:{rule.line}: html rule '{rule.id}'"
    for snippet in rule.remove_examples:
        if not selector or not _body(snippet).css(selector):
            yield f"{where}: example {snippet!r}: expected an element matched, none was"
    for snippet in rule.keep_examples:
        if selector and _body(snippet).css(selector):
            yield f"{where}: example {snippet!r}: expected nothing matched"


def _body(snippet: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body>{snippet}</body></html>")
