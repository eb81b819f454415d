"""The compiled matchers agree with the plain, one-pattern-at-a-time reading of the rules."""

from __future__ import annotations

from itertools import permutations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.rules.compile import LineMatcher
from cleaner.rules.load import load_rules
from cleaner.rules.model import Kind, Matcher
from cleaner.rules.shape import UNBOUNDED, max_width
from cleaner.text.spaces import match_key

RULES = [rule for _, rule in load_rules(env=False).all_rules() if rule.kind is Kind.LINE]
MATCHER = LineMatcher((rule.id, rule.match) for rule in RULES)
SAMPLES = [match_key(line) for rule in RULES for ex in (*rule.remove_examples,
           *rule.keep_examples) for line in ex.text.split("\n") if match_key(line)]


def naive(key: str) -> set[str]:
    """Every LINE rule whose literal or pattern is the whole key, tried one by one."""
    hits = set()
    for rule in RULES:
        flags = regex.IGNORECASE if rule.match.ignore_case else 0
        fold = str.casefold if rule.match.ignore_case else str
        if any(fold(match_key(lit)) == fold(key) for lit in rule.match.literals) or any(
                regex.fullmatch(p, key, flags=flags) for p in rule.match.patterns):
            hits.add(rule.id)
    return hits


@given(st.one_of(st.sampled_from(SAMPLES),
                 st.builds(lambda a, b: a + " " + b, st.sampled_from(SAMPLES),
                           st.sampled_from(SAMPLES)),
                 st.text(min_size=1, max_size=400).map(match_key)))
def test_line_matcher_agrees_with_naive_matching(key: str) -> None:
    found = MATCHER.match(key)
    expected = naive(key)
    assert (found is None) == (not expected)
    assert found is None or found in expected


def test_width_bounds_are_upper_bounds() -> None:
    for rule in RULES:
        for example in rule.remove_examples:
            key = match_key(example.text)
            for pattern in rule.match.patterns:
                if regex.fullmatch(pattern, key, flags=regex.IGNORECASE):
                    assert len(key) <= max_width(pattern) or max_width(pattern) == UNBOUNDED


def test_long_lines_still_reach_unbounded_patterns() -> None:
    matcher = LineMatcher([("long", RULES[0].match.__class__(patterns=("x+",)))])
    assert matcher.match("x" * 5000) == "long"


def test_selection_cache_stays_small_on_many_scripts() -> None:
    # One compiled selection per (length tier, first character) would grow with
    # every CJK character seen; characters no pattern starts with share one entry.
    matcher = LineMatcher((rule.id, rule.match) for rule in RULES)
    for code in range(0x4E00, 0x4E00 + 2000):
        matcher.match(chr(code) + "的新闻报道")
    assert len(matcher._tiers) <= 3


def test_regex_only_syntax_is_never_prefiltered_away() -> None:
    # Python's parser would read "[[:alpha:]]" as a set of '[', ':', 'a', ...:
    # trusting it would skip lines starting with any other letter.
    matcher = LineMatcher([("posix", RULES[0].match.__class__(patterns=("[[:alpha:]]{1,10}",)))])
    assert matcher.match("Zebra") == "posix"


def test_the_rule_written_first_wins_whatever_the_shapes() -> None:
    # Bounded, unbounded and nested-repeat patterns share one alternation per selection.
    patterns = {"bounded": r"Photo : \w{1,20}", "unbounded": r"Photo : .+",
                "nested": r"Photo(?: : (?:\w{1,5}){1,3})", "anywhere": r".{0,10}: AFP"}
    for order in permutations(patterns):
        matcher = LineMatcher([(name, Matcher(patterns=(patterns[name],))) for name in order])
        assert matcher.match("Photo : AFP") == order[0], order
