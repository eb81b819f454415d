"""``clean rules import FORMAT SRC -o DIR``: convert a checkout of a community rule set."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cleaner.importers import ftr, postlight
from cleaner.importers.model import Counts
from cleaner.importers.write import write_all

FORMATS = ("ftr", "postlight")


def upstream_commit(source: Path) -> str:
    """The checkout's commit, by git ("unknown" when it is not a git work tree)."""
    try:
        done = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], check=True,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


def import_rules(kind: str, source: Path, output: Path, *, commit: str | None = None,
                 id_or_class: str = "token") -> Counts:
    """Convert the checkout at `source` into `output` (files and ``hosts.tsv``)."""
    counts = Counts()
    commit = commit or upstream_commit(source)
    if kind == "ftr":
        write_all(ftr.convert(source, counts, id_or_class), ftr.UPSTREAM, commit, output,
                  counts)
    elif kind == "postlight":
        if not (source / postlight.CUSTOM).is_dir():
            raise ValueError(f"{source}: no {postlight.CUSTOM} folder (give the repository root)")
        write_all(postlight.convert(source, counts), postlight.UPSTREAM, commit, output, counts)
    else:
        raise ValueError(f"unknown format {kind!r}; choose from {', '.join(FORMATS)}")
    return counts
