"""One immutable object for every cleaning option, instead of flag soup."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CleanerConfig:
    """Options of a `Cleaner`.

    `fix_punctuation` mends the narrow slips scraping introduces (a doubled
    final period, a period glued to the next word); it never rewrites prose.
    """

    fix_punctuation: bool = True
