"""The character tables of `cleaner.normalize.chardata` that are written out by hand."""

from __future__ import annotations

import sys

from cleaner.normalize.chardata import FOLDS_TO_ASCII


def test_folds_to_ascii_is_every_character_a_case_mapping_takes_to_an_ascii_letter() -> None:
    found = "".join(
        chr(code) for code in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF and any(
            c.isascii() and c.isalpha()
            for c in chr(code).casefold() + chr(code).lower() + chr(code).upper()))
    assert found == FOLDS_TO_ASCII
