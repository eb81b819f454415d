"""Every example of every bundled rule file behaves as its file says."""

from __future__ import annotations

import pytest

from cleaner.rules.load import load_rules
from cleaner.steps.examples import check_rule

RULES = list(load_rules(env=False).all_rules())


@pytest.mark.parametrize(("scope", "rule"), RULES, ids=[rule.id for _, rule in RULES])
def test_rule_examples(scope: str, rule: object) -> None:
    failures = [str(f) for f in check_rule(scope, rule)]  # type: ignore[arg-type]
    assert not failures, "\n".join(failures)


def test_every_rule_has_examples_and_description() -> None:
    for _, rule in RULES:
        assert rule.description and rule.remove_examples, rule.id
