"""What an importer produces: one converted file per upstream host file, and counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Upstream:
    """A community rule set: its name here, its project, its licence."""

    name: str  # the folder and id prefix: "ftr", "postlight"
    project: str
    url: str
    licence: str


@dataclass
class SiteFile:
    """One upstream host file, converted.

    `keys`: the index keys it covers (a host, or ``.parent`` for every subdomain of
    it); `fields`: the upstream fields kept in ``[imported]`` (title, test_url…);
    `rules`: the ``[[html]]`` tables, each with its ``origin`` directive.
    """

    keys: list[str]
    upstream_file: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    rules: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Counts:
    """What an import converted: per kind of selector, and what it left out, and why."""

    hosts: int = 0
    files: int = 0
    rules: int = 0
    css: int = 0
    xpath: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One paragraph for the command's output.

        >>> Counts(2, 2, 5, 4, 1).summary()
        '2 hosts in 2 files, 5 rules: 4 selectors as CSS, 1 kept as XPath; skipped: none'
        """
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items())) or "none"
        return (f"{self.hosts} hosts in {self.files} files, {self.rules} rules: {self.css} "
                f"selectors as CSS, {self.xpath} kept as XPath; skipped: {skipped}")
