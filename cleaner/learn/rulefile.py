"""Write what repeats across a site's documents as a reviewable rule file.

One ``line`` rule per repeated line (a literal) or per repeated shape (a
pattern with bounded digit runs), each with an id, a description giving how
many documents print it, and its example; the keep example is a body
paragraph of the corpus, so ``clean rules test`` checks the rule spares it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import regex

from cleaner.learn.repeated import Repeated, looks_like_body, mine
from cleaner.lines.document import Document

_NUMBER = regex.compile(r"\d+")
_SLUG = regex.compile(r"[^a-z0-9._-]+")


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML).

    >>> toml_string('Say "hi"\\\\now')
    '"Say \\\\"hi\\\\"\\\\\\\\now"'
    """
    return json.dumps(text, ensure_ascii=False)


def line_pattern(example: str) -> str:
    """A whole-line pattern: the example with every number a bounded digit run.

    >>> line_pattern("Posted 3 hours ago (12)")
    'Posted \\\\d{1,12} hours ago \\\\(\\\\d{1,12}\\\\)'
    """
    pieces = _NUMBER.split(example)
    return r"\d{1,12}".join(regex.escape(piece, literal_spaces=True) for piece in pieces)


def site_slug(site: str) -> str:
    """The site name as a rule-id prefix.

    >>> site_slug("News.Example.COM")
    'news.example.com'
    """
    return _SLUG.sub("-", site.lower()).strip(".-_") or "site"


def keep_example(texts: Sequence[str], repeated: Sequence[Repeated]) -> str | None:
    """A body paragraph of the corpus that no learnt rule touches (the first, for determinism)."""
    keys = {r.key for r in repeated}
    for text in texts:
        for line in Document.from_text(text).lines:
            if looks_like_body(line.key) and line.folded not in keys:
                return line.key
    return None


def write_rule_file(texts: Sequence[str], site: str, *, hosts: Sequence[str] = (),
                    min_docs: int = 3) -> str:
    """The TOML rule file for `site` learnt from `texts` (same texts, same file)."""
    repeated = mine(texts, min_docs=min_docs)
    slug = site_slug(site)
    keep = keep_example(texts, repeated)
    out = [
        f"# Learnt by `clean learn` from {len(texts)} documents of {site}: lines printed by at",
        f"# least {min_docs} of them. Review before use: delete a rule that takes body text.",
        "",
        "[site]",
        f"name = {toml_string(site)}",
        f"hosts = [{', '.join(toml_string(h) for h in hosts or [site])}]",
        f"description = {toml_string(f'Learnt from {len(texts)} documents.')}",
    ]
    for number, item in enumerate(repeated, start=1):
        seen = f"in {item.docs} of {len(texts)} documents"
        out += ["", "[[rule]]", f"id = {toml_string(f'{slug}.learnt-{number:03d}')}",
                'kind = "line"']
        if item.is_pattern:
            what = f"Repeated line shape ({item.variants} variants, numbers aside), {seen}."
            out.append(f"description = {toml_string(what)}")
            out.append(f"pattern = [{toml_string(line_pattern(item.example))}]")
        else:
            out.append(f"description = {toml_string('Repeated line, ' + seen + '.')}")
            out.append(f"literal = [{toml_string(item.example)}]")
        out.append(f"examples.remove = [{toml_string(item.example)}]")
        if keep is not None:
            out.append(f"examples.keep = [{toml_string(keep)}]")
    return "\n".join(out) + "\n"
