"""Run the examples written in rule files: each rule alone, on each of its examples.

This is what ``clean rules test [DIR]`` and the test suite run, so a rule
file's examples are executable documentation: a rule that stops removing
what it claims to remove, or starts removing what it promises to keep, fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cleaner.lines.document import Document
from cleaner.rules.load import RuleSet
from cleaner.rules.model import Example, Kind, Rule
from cleaner.steps.plan import Plan
from cleaner.steps.run import run_steps


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    """One example that did not behave as its rule file says."""

    rule: Rule
    example: Example
    expected: str
    got: str

    def __str__(self) -> str:
        where = f"{self.rule.source}:{self.rule.line}" if self.rule.source else "<rules>"
        return (f"{where}: rule '{self.rule.id}': example {self.example.text!r}: "
                f"expected {self.expected}, got {self.got!r}")


def run_plan(text: str, plan: Plan) -> Document:
    """Apply every step of the engine with one plan (no site detection)."""
    return run_steps(Document.from_text(text), plan)


def _kept_lines(text: str) -> list[str]:
    return [line.text for line in Document.from_text(text).lines]


def _matches_expect(doc: Document, example: Example) -> bool:
    assert example.expect is not None
    return [line.text for line in doc.lines if line.kept] == _kept_lines(example.expect)


def check_rule(scope: str, rule: Rule) -> Iterator[ExampleFailure]:
    """Every failing example of one rule, run with that rule alone."""
    plan = Plan([(scope, rule)])
    for keep, examples in ((False, rule.remove_examples), (True, rule.keep_examples)):
        for example in examples:
            doc = run_plan(example.text, plan)
            got = doc.text().rstrip("\n")
            if example.expect is not None:
                if not _matches_expect(doc, example):
                    yield ExampleFailure(rule, example, repr(example.expect), got)
            elif keep:
                if doc.removals:
                    yield ExampleFailure(rule, example, "nothing removed", got)
            elif rule.kind is Kind.INLINE:
                if not any(r.rule == rule.id for r in doc.removals):
                    yield ExampleFailure(rule, example, "a fragment removed", got)
            elif any(line.kept or line.removed_by != rule.id for line in doc.lines):
                yield ExampleFailure(rule, example, "every line removed by this rule", got)


def check_examples(ruleset: RuleSet) -> list[ExampleFailure]:
    """Every failing example of every enabled rule of a rule set."""
    return [failure for scope, rule in ruleset.all_rules() for failure in check_rule(scope, rule)]


def context_free_junk(ruleset: RuleSet, scope: str = "generic") -> list[tuple[str, str]]:
    """(rule id, line) for remove examples that are junk wherever they stand.

    Whole-line rules and credit-keyword captions remove their examples in any
    context; positional kinds (head, tail, block, doubled captions) do not,
    so property tests that scatter junk through a body draw only from these.
    """
    rules = ruleset.generic if scope == "generic" else ruleset.site_rules.get(scope, [])
    out = []
    for rule in rules:
        if rule.kind is Kind.LINE or (rule.kind is Kind.CAPTION and not rule.doubled):
            out += [(rule.id, ex.text) for ex in rule.remove_examples
                    if ex.expect is None and "\n" not in ex.text.strip()]
    return out
