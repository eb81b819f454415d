"""A plan: the rules that apply to one set of sites, compiled into a few matchers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.rules.compile import LineMatcher
from cleaner.rules.credits import CreditMatcher
from cleaner.rules.fragments import FragmentMatcher
from cleaner.rules.model import Kind, Rule


@dataclass(frozen=True, slots=True)
class Block:
    rule: Rule
    end: LineMatcher


class Plan:
    """Compiled matchers for generic rules plus the rules of the given sites.

    A plan holds no per-document state, so one plan serves every thread.
    """

    def __init__(self, rules: Iterable[tuple[str, Rule]]) -> None:
        self.rules: dict[str, Rule] = {}
        self.scopes: dict[str, str] = {}
        by_kind: dict[Kind, list[Rule]] = {kind: [] for kind in Kind}
        for scope, rule in rules:
            self.rules[rule.id] = rule
            self.scopes[rule.id] = scope
            by_kind[rule.kind].append(rule)
        self.line = LineMatcher((r.id, r.match) for r in by_kind[Kind.LINE])
        self.head = LineMatcher((r.id, r.match) for r in by_kind[Kind.HEAD])
        self.inline = FragmentMatcher((r.id, r.match) for r in by_kind[Kind.INLINE])
        self.tail = LineMatcher((r.id, r.match) for r in by_kind[Kind.TAIL])
        self.block_start = LineMatcher((r.id, r.match) for r in by_kind[Kind.BLOCK])
        self.blocks = {r.id: Block(r, LineMatcher([(r.id, r.end)])) for r in by_kind[Kind.BLOCK]}
        self.caption = CreditMatcher([(r.id, r.match) for r in by_kind[Kind.CAPTION]])
        self.duplicates = tuple(by_kind[Kind.DUPLICATE])
