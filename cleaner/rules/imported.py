"""Rule files converted from community rule sets: their provenance table and where they live.

An imported file carries an ``[imported]`` table (where it came from, the upstream
commit and licence, and the upstream fields the engine keeps without using them, such
as ``title`` or ``test_url``) and ``[[html]]`` rules whose ``origin`` is the upstream
directive. A folder of them holds an index, ``hosts.tsv`` (one ``host<TAB>file`` line per
host; a leading dot covers the subdomains of a host, not the host itself), so that only
the file of a page's host is ever read (`cleaner.rules.catalogue`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleaner.rules.model import RuleError

INDEX = "hosts.tsv"
IMPORTED_DIR = "imported"
REQUIRED = ("source", "commit", "licence")
LISTS = ("title", "author", "date", "test_url", "test_contains", "find_string",
         "replace_string")
KEYS = {*REQUIRED, "url", "file", *LISTS}


def check_imported(path: Path, raw: Any) -> dict[str, object]:
    """The ``[imported]`` table of `path`, validated (RuleError naming the file if not)."""
    if not isinstance(raw, dict):
        raise RuleError(path, "[imported] must be a table")
    unknown = sorted(set(raw) - KEYS)
    if unknown:
        raise RuleError(path, f"unknown field {', '.join(map(repr, unknown))} in [imported]; "
                        f"allowed: {', '.join(sorted(KEYS))}")
    for key in REQUIRED:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleError(path, f"[imported] needs '{key}' (provenance of an imported file)")
    for key in LISTS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(path, f"[imported] '{key}' must be a list of strings")
    return dict(raw)


def catalogue_dirs(directory: Path) -> Iterator[Path]:
    """The folders of imported files in a rule directory: itself when it has an index,
    else its ``imported/<source>/`` folders that have one."""
    if (directory / INDEX).is_file():
        yield directory
        return
    nested = directory / IMPORTED_DIR
    if nested.is_dir():
        yield from sorted(p.parent for p in nested.glob(f"*/{INDEX}"))


def host_keys(host: str) -> Iterator[str]:
    """The index keys that cover a host, nearest first: the host itself (``www.``
    stripped), then ``.parent`` for each parent domain of two labels or more.

    >>> list(host_keys("www.news.example.co.uk"))
    ['news.example.co.uk', '.example.co.uk', '.co.uk']
    >>> list(host_keys("example.com"))
    ['example.com']
    """
    host = host.lower().removeprefix("www.")
    if not host:
        return
    yield host
    labels = host.split(".")
    for start in range(1, len(labels) - 1):
        yield "." + ".".join(labels[start:])
