"""The imported site rules (rules/imported/) on the benchmark sets: with them and without.

    python bench/bench_imported.py /work/shared/bench/* [--jobs 2] [--covered] [--every N]
        [--imported DIR ...] [--markdown]

HTML mode, every page given its URL (the gold's ``url``; a page without one is covered by
its canonical link, as in use): ``Cleaner().clean_html(html, url=url)`` with the imported
rules and with ``HtmlConfig(imported_rules=False)``, in the same run. Pages with an empty
gold are left out. A page whose host no imported file covers takes the same path either way (no
rule applies), so it runs once and counts for both. Per set: the pages covered, and on
them precision, recall, F1 (the sets' metric, bench/scoring.py) and body kept (the gold's
sentences found verbatim) with and without; then the whole set's F1 and recall with and
without (``--covered`` skips the uncovered pages: covered rows only). Counts over the
covered pages: how the rules were used (extracted from the container; the rules' result
refused by the guard, ``HtmlConfig.imported_share``: not applied; none of the host's
containers on the page: stale; no container rule: none) and the imported rules that
matched nothing on any page of their host (staleness). ``--imported DIR``
replaces the bundled catalogues (a folder with hosts.tsv, or a rule directory with
imported/<source>/): to compare two conversions. ``--every N`` takes every Nth page.
``--no-url`` gives no page its URL, as bench/bench_sets.py runs HTML mode: only pages whose
canonical link an import covers are covered.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import Counts, f1_of, kept, sentences, shingle_counts

from cleaner import Cleaner, CleanerConfig, HtmlConfig
from cleaner.html.decode import decode_html
from cleaner.html.dom import ScopedRule, parse
from cleaner.html.metadata import read_metadata
from cleaner.html.xpath import xpath_select
from cleaner.rules.imported import catalogue_dirs
from cleaner.rules.load import load_rules

_CLEANERS: dict[bool, Cleaner] = {}


def cleaner(imported: bool, catalogues: tuple[str, ...] = ()) -> Cleaner:
    """The worker's Cleaner, with or without the imported rules (built once)."""
    if imported not in _CLEANERS:
        ruleset = load_rules()
        if catalogues:
            ruleset.catalogues = [c for d in catalogues for c in catalogue_dirs(Path(d))]
        config = CleanerConfig(html=HtmlConfig(imported_rules=imported))
        _CLEANERS[imported] = Cleaner(ruleset, config=config)
    return _CLEANERS[imported]


@dataclass
class Page:
    """One page's scores, and for a covered page its rules' use."""

    covered: bool
    without: Counts
    with_rules: Counts
    kept_without: int
    kept_with: int
    sentences: int
    container: str = ""  # "used", "not applied", "stale", "none"
    matched: dict[str, bool] = field(default_factory=dict)  # rule id -> matched something


def run_page(task: tuple[Path, str, str, str, tuple[str, ...]]) -> Page:
    """Clean one page without (and, if covered, with) the imported rules; score both."""
    path, given, gold, _key, catalogues = task
    data = gzip.decompress(path.read_bytes())
    body = sentences(gold)
    url = given or None
    plain = cleaner(False, catalogues).clean_html(data, url=url).text
    # A page without a URL is covered by its canonical link, as in use.
    page_url = url or read_metadata(parse(decode_html(data)[0])).canonical_url
    imported = cleaner(True, catalogues).imported_rules(page_url) if page_url else []
    if not imported:
        counts = shingle_counts(gold, plain)
        hits = kept(body, plain)
        return Page(False, counts, counts, hits, hits, len(body))
    result = cleaner(True, catalogues).clean_html(data, url=url)
    warnings = " ".join(result.warnings)
    container = ("not applied" if "kept without them: not applied" in warnings else
                 "stale" if "found no container" in warnings else "")
    rules = [ScopedRule(scope, rule) for scope, found in imported for rule in found]
    matched = rule_matches(data, rules)
    if not container:
        container = "used" if any(matched.get(r.rule.id) for r in rules
                                  if r.rule.container or r.rule.container_xpath) else "none"
    return Page(True, shingle_counts(gold, plain), shingle_counts(gold, result.text),
                kept(body, plain), kept(body, result.text), len(body), container, matched)


def rule_matches(data: bytes, rules: list[ScopedRule]) -> dict[str, bool]:
    """Whether each imported rule's selectors match anything on the unpruned page."""
    text, _ = decode_html(data)
    tree = parse(text)
    xpaths = [x for r in rules for x in (*r.rule.remove_xpath, *r.rule.container_xpath)]
    found = xpath_select(tree, xpaths)
    out = {}
    for scoped in rules:
        rule = scoped.rule
        css = [*rule.remove, *rule.container]
        hit = bool(css and tree.css(", ".join(css)))
        out[rule.id] = hit or any(found[x] for x in (*rule.remove_xpath, *rule.container_xpath))
    return out


def tasks(folder: Path, every: int, catalogues: tuple[str, ...], urls: bool = True
          ) -> list[tuple[Path, str, str, str, tuple[str, ...]]]:
    truth: dict[str, dict[str, Any]] = json.loads((folder / "ground-truth.json").read_text())
    out = []
    for number, (key, item) in enumerate(sorted(truth.items())):
        if number % every or not item.get("articleBody", "").strip():
            continue
        out.append((folder / "html" / f"{key}.html.gz", (item.get("url") or "") if urls else "",
                    item["articleBody"], key, catalogues))
    return out


def rows(name: str, pages: list[Page], covered_only: bool) -> list[list[str]]:
    covered = [p for p in pages if p.covered]
    out = []
    for label, chosen in (("covered", covered), ("whole set", [] if covered_only else pages)):
        if not chosen:
            continue
        total = sum(p.sentences for p in chosen) or 1
        for system, counts, hits in (
                ("without", [p.without for p in chosen], sum(p.kept_without for p in chosen)),
                ("with", [p.with_rules for p in chosen], sum(p.kept_with for p in chosen))):
            precision, recall, f1 = f1_of(counts)
            out.append([name, label, str(len(chosen)), system, f"{precision:.3f}",
                        f"{recall:.3f}", f"{f1:.3f}", f"{hits / total:.3f}"])
    return out


def staleness(pages: list[Page]) -> tuple[Counter[str], int, int]:
    """Container use over covered pages; rules present, and those matching on no page."""
    uses = Counter(p.container for p in pages if p.covered)
    ever: dict[str, bool] = {}
    for page in pages:
        for rule, hit in page.matched.items():
            ever[rule] = ever.get(rule, False) or hit
    return uses, len(ever), sum(1 for hit in ever.values() if not hit)


def print_cells(header: list[str], cells: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in cells:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [header, *cells]) for i in range(len(header))]
    for row in [header, *cells]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--covered", action="store_true", help="only the covered pages")
    parser.add_argument("--imported", action="append", default=[], metavar="DIR")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--no-url", action="store_true",
                        help="give no page its URL (as bench_sets.py): covered by canonical links")
    args = parser.parse_args()
    catalogues = tuple(args.imported)
    probe = cleaner(True, catalogues)
    cells: list[list[str]] = []
    notes = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for folder in args.sets:
            todo = tasks(folder, args.every, catalogues, not args.no_url)
            if args.covered:  # pages covered by their URL (those covered by a canonical
                todo = [t for t in todo if t[1] and probe.imported_rules(t[1])]  # link too)
            pages = list(pool.map(run_page, todo, chunksize=4))
            cells += rows(folder.name, pages, args.covered)
            uses, present, never = staleness(pages)
            notes.append(f"{folder.name}: {sum(p.covered for p in pages)} covered pages; "
                         f"container {dict(sorted(uses.items()))}; {present} imported rules "
                         f"on them, {never} matched nothing on any page of their host")
    print_cells(["set", "pages", "n", "rules", "precision", "recall", "F1", "body kept"],
                cells, args.markdown)
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    main()
