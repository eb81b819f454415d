"""Postlight parser's custom extractors (MIT / Apache-2.0): ``src/extractors/custom/<host>/``.

Converted from each ``index.js``: ``content.selectors`` (the article's container, tried in
order; an entry that is a list of selectors, which upstream joins, is left out) and
``content.clean`` (removed); kept as provenance: the title, author and date selectors, and
the test's URL (``index.test.js``). The host is the folder's name (``www.`` dropped), plus
``supportedDomains``; a host of two labels covers its subdomains too, as upstream looks a
page up by its host, then by its last two labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cleaner.importers.jsobject import read_array, strip_comments, value_of
from cleaner.importers.model import Counts, SiteFile, Upstream
from cleaner.importers.selectors import css_rule

UPSTREAM = Upstream(name="postlight", project="postlight/parser",
                    url="https://github.com/postlight/parser",
                    licence="MIT or Apache-2.0, at your option")
CUSTOM = Path("src/extractors/custom")
_HOST = re.compile(r"^[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+$")
_TEST_URL = re.compile(r"""url\s*=\s*['"]([^'"]+)['"]""")
_FIELDS = {"title": "title", "author": "author", "date_published": "date"}


def convert(source: Path, counts: Counts) -> Iterator[SiteFile]:
    """Every custom extractor of a checkout (the repository's root), converted."""
    for folder in sorted((source / CUSTOM).iterdir()):
        script = folder / "index.js"
        host = folder.name.lower().removeprefix("www.")
        if not script.is_file() or not _HOST.match(host):
            continue
        test = folder / "index.test.js"
        site = convert_extractor(script.read_text(encoding="utf-8"), host,
                                 f"{CUSTOM}/{folder.name}/index.js", counts)
        if test.is_file():
            found = _TEST_URL.search(test.read_text(encoding="utf-8"))
            if found:
                site.fields["test_url"] = [found.group(1)]
        if site.rules:
            yield site
        else:
            counts.skipped["extractors with no content selector"] += 1


def convert_extractor(script: str, host: str, name: str, counts: Counts) -> SiteFile:
    """One extractor's content selectors and clean list, converted.

    >>> site = convert_extractor("export const X = { domain: 'www.ex.com', supportedDomains: "
    ...     "['ex.org'], title: { selectors: ['h1'] }, content: { selectors: ['div.body', "
    ...     "['.a', '.b']], transforms: { 'img': $n => { $n.attr('x') } }, clean: ['.ad'] } };",
    ...     "ex.com", "index.js", Counts())
    >>> site.keys
    ['ex.com', 'ex.org', '.ex.com', '.ex.org']
    >>> [(r["id"], r.get("container"), r.get("remove")) for r in site.rules]
    [('postlight.ex.com.body-1', ['div.body'], None), ('postlight.ex.com.strip-1', None, ['.ad'])]
    """
    source = strip_comments(script)
    site = SiteFile(keys=[host], upstream_file=name)
    domains = read_array(value_of(source, "supportedDomains") or "[]") or []
    for domain in domains:
        if isinstance(domain, str):
            key = domain.lower().removeprefix("www.")
            if _HOST.match(key) and key not in site.keys:
                site.keys.append(key)
    # Upstream also looks a page up by its base domain (the last two labels): an
    # extractor for blogspot.com serves every blog.blogspot.com.
    site.keys += [f".{key}" for key in site.keys if key.count(".") == 1]
    for key, kept in _FIELDS.items():
        block = value_of(source, key)
        selectors = read_array(value_of(block, "selectors") or "[]") if block else None
        for selector in selectors or []:
            text = selector if isinstance(selector, str) else " @".join(selector)
            site.fields.setdefault(kept, []).append(text)
    content = value_of(source, "content")
    if content is None:
        return site
    for directive, key in (("body", "selectors"), ("strip", "clean")):
        entries = read_array(value_of(content, key) or "[]")
        if entries is None:
            counts.skipped[f"content.{key} lists that are not plain"] += 1
            continue
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, str):
                counts.skipped[f"content.{key} entries that join several selectors"] += 1
                continue
            rule = css_rule(f"postlight.{host}.{directive}-{number}", directive, entry,
                            f"content.{key}: {entry}", UPSTREAM, counts)
            if rule is not None:
                site.rules.append(rule)
    return site
