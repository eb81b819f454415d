"""A page laid out in tables: a fast pass that takes a layout cell whole is retried."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.html import extract as extract_module

STORY = [
    "The council voted on Tuesday to extend the river walk by two miles, a plan that "
    "residents of both banks have debated at public meetings for more than a decade.",
    "Work on the first stretch, from the old mill to the footbridge, starts in the spring "
    "and should be finished before the summer festival draws its usual crowds to the town.",
    "The mayor said the cost would be shared with the county, which has set aside money "
    "for paths and lighting in its budget for the next three years of public works.",
]
CELL = [f"Section {n}" for n in ("News", "Sport", "Weather", "Traffic", "Jobs", "Homes", "Cars",
                                  "Travel", "Letters", "Archive")]


def page(tables: bool) -> str:
    menu = "".join(f"<p><a href='/{n}'>{n}</a></p>" for n in CELL)
    story = "".join(f"<p>{p}</p>" for p in STORY)
    layout = (f"<table><tr><td>{menu}</td><td>{story}</td></tr></table>" if tables
              else f"<div>{menu}</div><div>{story}</div>")
    return f"<html><head><title>River walk</title></head><body>{layout}</body></html>"


def fast_takes_the_cell(full: str | None) -> tuple[list[bool], object]:
    calls: list[bool] = []

    def extract(html: str, **kwargs: object) -> str | None:
        calls.append(bool(kwargs["fast"]))
        return "\n".join(CELL + STORY) if kwargs["fast"] else full

    return calls, extract


def test_a_layout_cell_taken_whole_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_takes_the_cell("\n".join(STORY))
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    result = Cleaner().clean_html(page(tables=True))
    assert calls == [True, False]
    assert all(p in result.text for p in STORY)
    assert not any(label in result.text for label in CELL)
    assert any("layout table's cells" in w for w in result.warnings)


def test_the_fast_text_stays_when_the_retry_finds_too_little(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_takes_the_cell(None)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    result = Cleaner().clean_html(page(tables=True))
    assert calls == [True, False]
    assert all(p in result.text for p in STORY)


def test_a_page_not_laid_out_in_tables_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_takes_the_cell("\n".join(STORY))
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    Cleaner().clean_html(page(tables=False))
    assert calls == [True]
