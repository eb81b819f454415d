"""Write converted site files: one TOML file per upstream file, and the host index."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from cleaner.importers.model import Counts, SiteFile, Upstream
from cleaner.rules.imported import INDEX

_ORDER = ("id", "description", "container", "container_xpath", "remove", "remove_xpath",
          "origin")


def file_name(site: SiteFile) -> str:
    """The converted file's name: its first key, a leading dot (every subdomain) as ``_.``.

    >>> file_name(SiteFile(keys=[".blog.example.com"], upstream_file="x"))
    '_.blog.example.com.toml'
    """
    key = site.keys[0]
    return f"_{key}.toml" if key.startswith(".") else f"{key}.toml"


def write_all(sites: Iterable[SiteFile], upstream: Upstream, commit: str, output: Path,
              counts: Counts) -> None:
    """Each site's file in `output`, and ``hosts.tsv`` indexing them (the first file
    to claim a host or a file name keeps it)."""
    output.mkdir(parents=True, exist_ok=True)
    index: dict[str, str] = {}
    for site in sites:
        name = file_name(site)
        if name in index.values():
            # www.example.com.txt beside example.com.txt: upstream drops "www." before
            # looking a host up, so it never reads the second.
            counts.skipped["files for a host already converted"] += 1
            _uncount(site, counts)
            continue
        (output / name).write_text(render(site, upstream, commit), encoding="utf-8")
        counts.files += 1
        for key in site.keys:
            index.setdefault(key, name)
    counts.hosts = len({key.lstrip(".") for key in index})  # a domain and its subdomains: one
    lines = [f"# host<TAB>file: converted from {upstream.project} at {commit}; a leading dot "
             "covers the subdomains, not the host itself", *(f"{k}\t{v}" for k, v in
                                                              sorted(index.items()))]
    (output / INDEX).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _uncount(site: SiteFile, counts: Counts) -> None:
    for rule in site.rules:
        counts.rules -= 1
        if "remove_xpath" in rule or "container_xpath" in rule:
            counts.xpath -= 1
        else:
            counts.css -= 1


def render(site: SiteFile, upstream: Upstream, commit: str) -> str:
    """The TOML of one converted file.

    >>> from cleaner.importers.ftr import UPSTREAM
    >>> print(render(SiteFile(["ex.com"], "ex.com.txt", {"title": ["//h1"]},
    ...     [{"id": "ftr.ex.com.strip-1", "description": "D.", "remove": ['div[class="x"]'],
    ...       "origin": "strip: //div[@class='x']"}]), UPSTREAM, "abc123"))
    # ex.com: converted by `clean rules import ftr` from fivefilters/ftr-site-config at abc123.
    [imported]
    source = "fivefilters/ftr-site-config"
    url = "https://github.com/fivefilters/ftr-site-config"
    commit = "abc123"
    licence = "Public domain (CC0 1.0), as FiveFilters' site-patterns help says"
    file = "ex.com.txt"
    title = ["//h1"]
    <BLANKLINE>
    [[html]]
    id = "ftr.ex.com.strip-1"
    description = "D."
    remove = ["div[class=\\"x\\"]"]
    origin = "strip: //div[@class='x']"
    <BLANKLINE>
    """
    lines = [f"# {', '.join(site.keys)}: converted by `clean rules import {upstream.name}` "
             f"from {upstream.project} at {commit}.",
             "[imported]",
             f"source = {_string(upstream.project)}",
             f"url = {_string(upstream.url)}",
             f"commit = {_string(commit)}",
             f"licence = {_string(upstream.licence)}",
             f"file = {_string(site.upstream_file)}"]
    lines += [f"{key} = {_value(values)}" for key, values in site.fields.items()]
    for rule in site.rules:
        lines += ["", "[[html]]"]
        lines += [f"{key} = {_value(rule[key])}" for key in _ORDER if key in rule]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_string(str(v)) for v in value) + "]"
    return _string(str(value))


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)
