"""One immutable object for every cleaning option, instead of flag soup."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.html.config import HtmlConfig
from cleaner.text.config import RepairConfig
from cleaner.typography.profiles import PROFILES


@dataclass(frozen=True, slots=True)
class CleanerConfig:
    """Options of a `Cleaner`.

    `repair` switches each Unicode repair step (mojibake, entities, controls,
    invisibles, line ends, NFC...), all on by default. `typography` is the
    profile applied to the kept text: `preserve` (default: the source's quotes
    and dashes stay), `plain`, `fr`, `en`, `de` or `auto` (by detected
    language). `fix_punctuation` mends the narrow slips scraping introduces (a
    doubled final period, a period glued to the next word); it never rewrites
    prose. `html` holds the size and time limits of `Cleaner.clean_html`.
    `classify` runs the generic line classifier (`cleaner.classify`) on the
    lines no rule removed: menus, cookie notices, "Most read" lists of
    whole-page dumps from sites without rules.

    >>> CleanerConfig(typography="fancy")
    Traceback (most recent call last):
    ...
    ValueError: unknown typography profile 'fancy'; choose from preserve, plain, fr, en, de, auto
    """

    repair: RepairConfig = field(default_factory=RepairConfig)
    typography: str = "preserve"
    fix_punctuation: bool = True
    html: HtmlConfig = field(default_factory=HtmlConfig)
    classify: bool = True

    def __post_init__(self) -> None:
        check_profile(self.typography)


def check_profile(profile: str) -> str:
    """The profile itself, or ValueError naming the known ones."""
    if profile not in PROFILES:
        raise ValueError(f"unknown typography profile {profile!r}; choose from "
                         f"{', '.join(PROFILES)}")
    return profile
