"""fivefilters/ftr-site-config (public domain): one ``<host>.txt`` per site, ``directive: value``.

Converted: ``body:`` (the article's container, tried in order), ``strip:`` (XPath),
``strip_id_or_class:`` (see `id_or_class_selector`), kept as provenance: ``title:``,
``author:``, ``date:``, ``find_string:`` / ``replace_string:``, ``test_url:``,
``test_contains:``. Ignored: login, HTTP headers, paging, ``tidy``/``prune`` and the rest.
A file named ``.example.com.txt`` covers the subdomains of example.com, not example.com.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cleaner.importers.model import Counts, SiteFile, Upstream
from cleaner.importers.selectors import css_rule, xpath_rule

UPSTREAM = Upstream(name="ftr", project="fivefilters/ftr-site-config",
                    url="https://github.com/fivefilters/ftr-site-config",
                    licence="Public domain (CC0 1.0), as FiveFilters' site-patterns help says")
_DIRECTIVE = re.compile(r"^([a-z_]+)(?:\((.*)\))?\s*:\s?(.*)$")
_KEPT = {"title": "title", "author": "author", "date": "date", "test_url": "test_url",
         "test_contains": "test_contains"}
_HOST = re.compile(r"^\.?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+$")
ID_OR_CLASS = ("substring", "token")


def id_or_class_selector(value: str, matching: str) -> str:
    """The CSS for ``strip_id_or_class: value``.

    ``substring`` (upstream's PHP): class or id containing the text, so ``ad`` also
    strips ``header``; ``token`` (the wallabag port): one of the class names, or the id.

    >>> id_or_class_selector("ad", "substring"), id_or_class_selector("ad", "token")
    ('[class*="ad"], [id*="ad"]', '[class~="ad"], [id="ad"]')
    """
    value = value.replace('"', "").replace("'", "")
    if matching == "substring":
        return f'[class*="{value}"], [id*="{value}"]'
    return f'[class~="{value}"], [id="{value}"]'


def convert(source: Path, counts: Counts, id_or_class: str = "token") -> Iterator[SiteFile]:
    """Every host file of a checkout, converted (files of no host, such as README, skipped)."""
    for path in sorted(source.glob("*.txt")):  # pathlib's "*" matches .example.com.txt too
        key = path.name[:-4].lower().removeprefix("www.")
        if not _HOST.match(key):
            counts.skipped["files not named by a host"] += 1
            continue
        site = convert_file(path.read_text(encoding="utf-8", errors="replace"), key, path.name,
                            counts, id_or_class)
        if site.rules or site.fields:  # a file of metadata selectors only is kept too
            yield site
        else:
            counts.skipped["files with no directive converted"] += 1


def convert_file(text: str, key: str, name: str, counts: Counts,
                 id_or_class: str = "token") -> SiteFile:
    """One host file's directives, converted (see the module's docstring).

    >>> site = convert_file("body: //article\\nstrip: //div[@class='ad']\\n"
    ...                     "title: //h1\\nlogin_uri: x", "example.com", "example.com.txt",
    ...                     Counts())
    >>> [(r["id"], r.get("container") or r.get("remove")) for r in site.rules]
    [('ftr.example.com.body-1', ['article']), ('ftr.example.com.strip-1', ['div[class="ad"]'])]
    >>> site.fields
    {'title': ['//h1']}
    """
    slug = key.replace(".", "_.", 1) if key.startswith(".") else key
    site = SiteFile(keys=[key], upstream_file=name)
    number = {"body": 0, "strip": 0}
    pending_find: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        found = _DIRECTIVE.match(line)
        if found is None:
            continue
        directive, argument, value = found.group(1), found.group(2), found.group(3).strip()
        if directive == "find_string":
            pending_find = value
        elif directive == "replace_string":
            find = argument if argument is not None else pending_find
            pending_find = None
            if not find:
                counts.skipped["replace_string without find_string"] += 1
                continue
            site.fields.setdefault("find_string", []).append(find)
            site.fields.setdefault("replace_string", []).append(value)
        elif directive in _KEPT and value:
            site.fields.setdefault(_KEPT[directive], []).append(value)
        elif directive in ("body", "strip") and value:
            number[directive] += 1
            rule_id = f"ftr.{slug}.{directive}-{number[directive]}"
            rule = xpath_rule(rule_id, directive, value, line, UPSTREAM, counts)
            if rule is not None:
                site.rules.append(rule)
        elif directive == "strip_id_or_class" and value:
            number["strip"] += 1
            rule_id = f"ftr.{slug}.strip-{number['strip']}"
            rule = css_rule(rule_id, "strip", id_or_class_selector(value, id_or_class), line,
                            UPSTREAM, counts)
            if rule is not None:
                site.rules.append(rule)
    return site
