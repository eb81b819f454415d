"""Imported site files read lazily: the index first, then only the file of a page's host.

Thousands of imported hosts (`cleaner.rules.imported`) would take seconds to parse at
start-up and are not needed to clean text; a `Catalogue` reads its folder's
``hosts.tsv`` on first use and a host's file when a page of that host comes, once.
"""

from __future__ import annotations

import threading
from pathlib import Path

from cleaner.rules.imported import INDEX, host_keys
from cleaner.rules.load import load_file
from cleaner.rules.model import RuleError, RuleFile

# Host files kept parsed: a batch sees the same few hosts again and again.
CACHE_SIZE = 512


class Catalogue:
    """One folder of imported files, with its host index."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._index: dict[str, str] | None = None
        self._files: dict[str, RuleFile] = {}
        self._lock = threading.Lock()

    @property
    def index(self) -> dict[str, str]:
        """Index key (``host`` or ``.parent``) -> file name, read on first use."""
        if self._index is None:
            self._index = read_index(self.directory / INDEX)
        return self._index

    def file_name(self, host: str) -> str | None:
        """The file covering `host`, by upstream's matching (see `host_keys`)."""
        index = self.index
        return next((index[key] for key in host_keys(host) if key in index), None)

    def file_for(self, host: str) -> RuleFile | None:
        """The parsed file covering `host` (None: no file covers it)."""
        name = self.file_name(host)
        if name is None:
            return None
        found = self._files.get(name)
        if found is None:
            found = load_file(self.directory / name)
            with self._lock:
                if len(self._files) >= CACHE_SIZE:
                    self._files.clear()
                self._files[name] = found
        return found


def read_index(path: Path) -> dict[str, str]:
    """``host<TAB>file`` lines into a dict (RuleError naming the line if one is not)."""
    index: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(path, f"cannot read: {exc}") from exc
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        host, tab, name = line.partition("\t")
        if not tab or not host or "/" in name or not name.endswith(".toml"):
            raise RuleError(path, "each line must be 'host<TAB>file.toml'", line=number)
        index.setdefault(host.lower(), name)
    return index
