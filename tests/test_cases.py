"""Table-driven real-world cases (tests/cases/*.toml), as ftfy keeps its cases as data."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleaner.text.repair import repair_text
from cleaner.typography.profiles import apply_typography

CASES = Path(__file__).resolve().parent / "cases"


def _load(name: str) -> list[Any]:
    with (CASES / name).open("rb") as handle:
        cases = tomllib.load(handle)["case"]
    return [pytest.param(case, id=f"{i:02d}-{case.get('profile', 'repair')}-{case['note'][:40]}")
            for i, case in enumerate(cases)]


@pytest.mark.parametrize("case", _load("typography.toml"))
def test_typography_case(case: dict[str, Any]) -> None:
    profile, lang = case["profile"], case.get("lang")
    assert apply_typography(case["input"], profile, lang) == case["expected"]
    assert apply_typography(case["expected"], profile, lang) == case["expected"]


@pytest.mark.parametrize("case", _load("repair.toml"))
def test_repair_case(case: dict[str, Any]) -> None:
    text, repairs = repair_text(case["input"])
    assert text == case["expected"]
    assert [r.step for r in repairs] == case["steps"]
    assert repair_text(case["expected"]) == (case["expected"], [])
