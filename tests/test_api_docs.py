"""The public API documents itself in every build: mypyc drops docstrings, so it stays Python."""

from __future__ import annotations

import inspect

import pytest

import cleaner
from cleaner import Cleaner, CleanerConfig, HtmlConfig, RepairConfig, Result


@pytest.mark.parametrize("obj", [
    Cleaner, Cleaner.clean, Cleaner.clean_bytes, Cleaner.clean_html, Result, CleanerConfig,
    HtmlConfig, RepairConfig, cleaner.clean, cleaner.clean_bytes, cleaner.clean_html,
    cleaner.clean_records,
])
def test_public_api_has_docstring_and_signature(obj: object) -> None:
    assert (obj.__doc__ or "").strip(), f"{obj!r} has no docstring"
    assert callable(obj) and inspect.signature(obj)  # type: ignore[arg-type]


def test_help_of_cleaner_shows_its_methods() -> None:
    text = inspect.getdoc(Cleaner) or ""
    assert "rules" in text
    assert "Clean one document" in (inspect.getdoc(Cleaner.clean) or "")
