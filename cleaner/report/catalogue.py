"""What the review report says about each rule id: its scope, kind, description and examples.

Every id a removal or a pruned element may name has an entry: the rules of
the rule files, their ``[[html]]`` rules, the generic classifier's decisions
(the ids ``clean rules list`` prints), and the few decisions made in code
(the page's headline, lines a batch repeats).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cleaner.classify.classifier import decision_ids
from cleaner.learn.repeated import RULE as BATCH_RULE
from cleaner.rules.load import RuleSet

# Written here, not imported: cleaner.html.pipeline loads the HTML stack, which a report
# on text alone needs not (tests/test_report.py checks that the two ids agree).
TITLE_RULE = "html.title"

# Decisions made in code rather than in a rule file, with what they remove.
CODE_DECISIONS = {
    TITLE_RULE: ("html", "The page's headline, first line of the extracted text: it goes to "
                         "the title field, not the body."),
    BATCH_RULE: ("batch", "A line found in several documents of the same batch "
                          "(--batch-min-docs), unless it reads as body text."),
}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule id as a rule author reads it: where it is written and what it is for."""

    id: str
    scope: str = "generic"
    kind: str = ""
    description: str = ""
    remove_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    source: str = ""


def rule_catalogue(ruleset: RuleSet) -> dict[str, RuleInfo]:
    """Every rule id the rules in `ruleset` and the classifier may name, with its entry."""
    catalogue: dict[str, RuleInfo] = {}
    for scope, rule in ruleset.all_rules():
        catalogue[rule.id] = RuleInfo(
            rule.id, scope, str(rule.kind), _one_line(rule.description),
            tuple(example.text for example in rule.remove_examples),
            tuple(example.text for example in rule.keep_examples), _where(rule.source, rule.line))
    for scope, html_rules in ruleset.html.items():
        for html_rule in html_rules:
            catalogue[html_rule.id] = RuleInfo(
                html_rule.id, scope, "html", _one_line(html_rule.description),
                html_rule.remove_examples, html_rule.keep_examples,
                _where(html_rule.source, html_rule.line))
    for rule_id, what in decision_ids():
        catalogue[rule_id] = RuleInfo(rule_id, "generic", "classifier", what)
    for rule_id, (kind, what) in CODE_DECISIONS.items():
        catalogue.setdefault(rule_id, RuleInfo(rule_id, "generic", kind, what))
    return catalogue


def describe(rule_id: str, catalogue: Mapping[str, RuleInfo], scope: str = "generic") -> RuleInfo:
    """The entry of `rule_id`, or a bare one saying that no loaded rule has that id.

    >>> describe("x.gone", {}).description
    'No loaded rule has this id.'
    """
    return catalogue.get(rule_id) or RuleInfo(rule_id, scope, "", "No loaded rule has this id.")


def _where(source: Path | None, line: int | None) -> str:
    """Where a rule is written, as its folder and file name (``generic/fr.toml:12``): the
    report then reads the same wherever the rules are installed."""
    if source is None:
        return ""
    name = f"{source.parent.name}/{source.name}" if source.parent.name else source.name
    return f"{name}:{line}" if line is not None else name


def _one_line(text: str) -> str:
    return " ".join(text.split())
