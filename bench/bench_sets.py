"""The project against its baselines on the public benchmark sets, in one table.

    python bench/bench_sets.py /work/shared/bench/* [--mode both] [--jobs 2] [--cache DIR]

Each argument is a set folder (``html/<id>.html.gz`` and ``ground-truth.json``). Pages
whose gold is empty are skipped (21 on wcxb-dev) and counted. The table has a row per set,
mode and system, and per page type on wcxb-dev (its "articles" row is the headline row) and
per language on fundus (those with 5+ pages, then "other"):

- **precision, recall, F1**: the sets' metric, over word 4-shingles (``\\w+`` tokens), precision
  and recall averaged over pages, F1 of the two averages (bench/scoring.py);
- **body kept**: of all the gold's sentences of 4+ ``\\w+`` tokens in the row's pages, the share
  found verbatim in the output, whitespace flattened (counted over sentences, not pages);
  both compare text as NFC without invisible characters (``scoring.normal``);
- **CPU s**: the CPU time of the system over the row's pages, each page in one worker process
  (``--jobs`` workers take the pages in turn; first-use costs are paid before timing).

**Text mode** scores whole-page dumps as a naive scraper makes them: the page's bytes are
decoded (a byte order mark; else UTF-8 if valid; else the ``<meta>`` charset; else
windows-1252), and html-text (``guess_layout=True``) puts every visible text block on its own
line. Systems: the raw dump (CPU: making the dump); a C4-style line filter; jusText on the
dump lines (each line a paragraph; the stoplist of the dump's language by py3langid where
jusText has one, else English's); the project, ``Cleaner().clean(dump)``, no URL and so no
site rules. **HTML mode**: every system gets the page's original bytes (each decodes them as
it does in use) and no URL: ``trafilatura.extract(html, include_comments=False)``,
readability-lxml (``Document(html).summary()``, one block per line by html-text), and the
project, ``Cleaner().clean_html(html)``. A system that raises scores an empty output and is
counted as an error.

Also listed: the pages where the project keeps less than half of what the baseline keeps, and
counted: those and the ones under a third (text mode: body kept against the raw dump's; HTML
mode: recall against trafilatura's).

``--structure`` scores structure instead, on the sets whose gold has Markdown (wcxb-dev):
trafilatura's Markdown (``output_format="markdown"``, ``include_tables=True``,
``include_formatting=True``, comments left out), the project's
(``clean_html(html, output_format="markdown")``) and, for reference, the project's plain text:
heading and list-item precision, recall and F1, table-cell recall, the shingle F1 of the text
with its marks stripped, and CPU time (bench/structure_scores.py); ``--first N`` takes the
first N pages with Markdown gold.

``--part check`` scores only the pages set aside for a final check (1 in 5 of every set, by a
hash of the page id), ``--part tune`` the others. ``--cache DIR`` keeps the dumps and the
baselines' outputs between runs (never the project's), keyed by the baseline code and the
versions of the libraries; a cached baseline's CPU time is the one recorded then, so compare
times from a run without it. Results do not depend on ``--jobs``. Needs the bench extra.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Container, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from cleaner import default_cleaner  # one per worker process, built on first use

sys.path.insert(0, str(Path(__file__).parent))
import scoring  # the bench folder is not a package: found by the path above
import structure_run

TEXT_SYSTEMS = ("raw dump", "C4-style filter", "jusText", "project")
HTML_SYSTEMS = ("trafilatura", "readability-lxml", "project")
BASELINE = {"text": "raw dump", "html": "trafilatura"}
CACHED = ("dump", "C4-style filter", "jusText", "trafilatura", "readability-lxml")
CHECK_SHARE = 5  # 1 page in 5 is set aside for the final check
SAMPLE = (b"<html><head><title>Warm up</title></head><body><nav>Home | News</nav><article>"
          b"<h1>A title</h1><p>" + b"A first sentence of the warm-up page, long enough. " * 8
          + b"</p></article></body></html>")


@dataclass
class Score:
    """One system's figures on one page."""

    counts: scoring.Counts
    kept: int
    cpu: float
    error: bool = False


@dataclass
class PageResult:
    key: str
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    fresh: dict[str, tuple[str, float]] = field(default_factory=dict)  # to cache


def text_systems() -> dict[str, Callable[[str], str]]:
    return {"raw dump": lambda dump: dump, "C4-style filter": scoring.c4_filter,
            "jusText": scoring.justext_lines,
            "project": lambda dump: default_cleaner().clean(dump).text}


def html_systems() -> dict[str, Callable[[bytes], str]]:
    return {"trafilatura": scoring.trafilatura_text, "readability-lxml": scoring.readability_text,
            "project": lambda page: default_cleaner().clean_html(page).text}


def warm_up() -> None:
    """Pay the first-use costs (imports, compiled plans) outside the timed runs."""
    # readability-lxml logs a traceback for every page it refuses; the table counts them.
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    dump = scoring.make_dump(SAMPLE.decode())
    for text_system in text_systems().values():
        text_system(dump)
    for html_system in html_systems().values():
        html_system(SAMPLE)


def timed(system: Callable[[Any], str], data: Any) -> tuple[str, float, bool]:
    start = time.process_time()
    try:
        output, error = system(data), False
    except Exception:  # a refused page is scored as an empty output
        output, error = "", True
    return output, time.process_time() - start, error


def run_page(task: tuple[Path, str, str, tuple[str, ...], dict[str, tuple[str, float]]]
             ) -> PageResult:
    """Every system of the modes asked on one page, scored against its gold body."""
    path, key, body, modes, cached = task
    data = gzip.decompress(path.read_bytes())
    result = PageResult(key)
    gold = scoring.sentences(body)

    def score(mode: str, name: str, system: Callable[[Any], str], data: Any) -> None:
        if name in cached:
            output, cpu = cached[name]
            error = False
        else:
            output, cpu, error = timed(system, data)
            if name in CACHED and not error:
                result.fresh[name] = (output, cpu)
        result.scores[mode, name] = Score(scoring.shingle_counts(body, output),
                                          scoring.kept(gold, output), cpu, error)

    if "text" in modes:
        dump_error = False
        if "dump" in cached:
            dump, dump_cpu = cached["dump"]
        else:
            dump, dump_cpu, dump_error = timed(
                lambda d: scoring.make_dump(scoring.decode_page(d)), data)
            if not dump_error:
                result.fresh["dump"] = (dump, dump_cpu)
        for name, text_system in text_systems().items():
            score("text", name, text_system, dump)
        result.scores["text", "raw dump"].cpu = dump_cpu
        result.scores["text", "raw dump"].error = dump_error
    if "html" in modes:
        for name, html_system in html_systems().items():
            score("html", name, html_system, data)
    return result


def in_part(key: str, part: str) -> bool:
    if part == "all":
        return True
    check = int(hashlib.sha1(key.encode()).hexdigest(), 16) % CHECK_SHARE == 0
    return check == (part == "check")


def cache_file(cache: Path, folder: Path) -> Path:
    """The cache of one set, keyed by the baselines' code (all in scoring.py) and the versions
    of the libraries they call."""
    code = Path(scoring.__file__).read_bytes()
    versions = [version(name) for name in ("html-text", "jusText", "py3langid", "trafilatura",
                                           "readability-lxml", "lxml")]
    tag = hashlib.sha1(code + repr(versions).encode()).hexdigest()[:12]
    return cache / tag / f"{folder.name}.json"


def groups(name: str, truth: dict[str, dict[str, Any]], keys: list[str]
           ) -> list[tuple[str, list[str]]]:
    """The rows of a set: the whole set, or its breakdowns (wcxb-dev's articles first)."""
    if name.startswith("wcxb"):
        by_type: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_type[str(truth[key].get("page_type", "?"))].append(key)
        order = sorted(by_type, key=lambda t: (t != "article", -len(by_type[t]), t))
        plural = {t: t if t.endswith("ation") else f"{t}s" for t in order}
        return [(f"{name} {plural[t]}", by_type[t]) for t in order] + [(f"{name} all", keys)]
    if name.startswith("fundus"):
        sizes: dict[str, int] = defaultdict(int)
        for item in truth.values():
            sizes[str(item.get("lang", "?"))] += 1
        by_lang: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            lang = str(truth[key].get("lang", "?"))
            by_lang[lang if sizes[lang] >= 5 else "other"].append(key)
        order = sorted(by_lang, key=lambda lang: (lang == "other", -sizes[lang], lang))
        return [(name, keys)] + [(f"{name} {lang}", by_lang[lang]) for lang in order]
    return [(name, keys)]


Row = tuple[str, str, str, int, float, float, float, float, float]


def rows_of(label: str, keys: list[str], results: dict[str, PageResult],
            modes: tuple[str, ...], golds: dict[str, int]) -> list[Row]:
    rows = []
    total = sum(golds[key] for key in keys)
    for mode in modes:
        for system in TEXT_SYSTEMS if mode == "text" else HTML_SYSTEMS:
            scores = [results[key].scores[mode, system] for key in keys]
            p, r, f = scoring.f1_of([s.counts for s in scores])
            kept = sum(s.kept for s in scores) / max(1, total)
            rows.append((label, mode, system, len(keys), p, r, f, kept,
                         sum(s.cpu for s in scores)))
    return rows


Lost = tuple[float, float, str, str, str]  # share of the baseline's kept, minus it, mode, line, key


def lost_pages(name: str, results: dict[str, PageResult], modes: tuple[str, ...]) -> list[Lost]:
    """The pages where the project keeps under half of what the baseline keeps, worst first
    (the least kept, then the most the baseline keeps)."""
    out = []
    for key, result in results.items():
        for mode in modes:
            ours, theirs = result.scores[mode, "project"], result.scores[mode, BASELINE[mode]]
            if mode == "text":
                mine, base, what = float(ours.kept), float(theirs.kept), "body sentences kept"
            else:
                mine, base = scoring.recall(*ours.counts), scoring.recall(*theirs.counts)
                what = "recall"
            if base > 0 and mine < 0.5 * base:
                out.append((mine / base, -base, mode, f"{name} {key} {mode}: {what} {mine:.3g} "
                            f"vs {BASELINE[mode]} {base:.3g}" + (" (error)" if ours.error else ""),
                            key))
    return sorted(out)


def lost_counts(lost: list[Lost], modes: tuple[str, ...],
                among: Container[str] | None = None) -> dict[str, tuple[int, int]]:
    """Per mode, the pages under half of the baseline's, and of those the ones under a
    third (issue 19's bar: no page with real prose under a third of the dump's body);
    only the pages `among` when given."""
    pages = [page for page in lost if among is None or page[4] in among]
    return {mode: (sum(m == mode for _, _, m, _, _ in pages),
                   sum(m == mode and share < 1 / 3 for share, _, m, _, _ in pages))
            for mode in modes}


def run_set(folder: Path, args: argparse.Namespace, pool: ProcessPoolExecutor | None
            ) -> tuple[list[Row], list[Lost], str]:
    truth: dict[str, dict[str, Any]] = json.loads(
        (folder / "ground-truth.json").read_text(encoding="utf-8"))
    empty = [key for key, item in truth.items() if not (item.get("articleBody") or "").strip()]
    keys = [key for key in sorted(truth) if key not in empty and in_part(key, args.part)]
    modes = ("text", "html") if args.mode == "both" else (args.mode,)
    store = cache_file(args.cache, folder) if args.cache else None
    cache: dict[str, dict[str, list[Any]]] = (
        json.loads(store.read_text(encoding="utf-8")) if store and store.exists() else {})
    tasks = [(folder / "html" / f"{key}.html.gz", key, truth[key]["articleBody"], modes,
              {name: (entry[0], entry[1]) for name, entry in cache.get(key, {}).items()})
             for key in keys]
    mapped: Iterable[PageResult] = (pool.map(run_page, tasks, chunksize=4) if pool
                                    else map(run_page, tasks))
    results = {result.key: result for result in mapped}
    if store and any(r.fresh for r in results.values()):
        for key, result in results.items():
            cache.setdefault(key, {}).update({n: [t, c] for n, (t, c) in result.fresh.items()})
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_suffix(".partial")  # a run stopped midway leaves the cache whole
        partial.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
        partial.replace(store)
    golds = {key: len(scoring.sentences(truth[key]["articleBody"])) for key in keys}
    rows = [row for label, group in groups(folder.name, truth, keys)
            for row in rows_of(label, group, results, modes, golds)]
    errors = {f"{mode} {system}": n for (mode, system) in rows_key(modes)
              if (n := sum(r.scores[mode, system].error for r in results.values()))}
    lost = lost_pages(folder.name, results, modes)
    under = ", ".join(f"{mode} {half} (under a third: {third})"
                      for mode, (half, third) in lost_counts(lost, modes).items())
    if folder.name.startswith("wcxb"):
        # The bar is about pages with real prose: listings, products and the like are lists.
        articles = {key for key in keys if truth[key].get("page_type") == "article"}
        under += "; article pages: " + ", ".join(
            f"{mode} {half} (under a third: {third})"
            for mode, (half, third) in lost_counts(lost, modes, articles).items())
    note = (f"{folder.name}: {len(keys)} pages scored; {len(empty)} of the set skipped (empty gold)"
            f"; pages under half of the baseline's: {under}"
            + (f"; errors: {errors}" if errors else ""))
    return rows, lost, note


def rows_key(modes: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(mode, system) for mode in modes
            for system in (TEXT_SYSTEMS if mode == "text" else HTML_SYSTEMS)]


HEADER = ("set", "mode", "system", "pages", "precision", "recall", "F1", "body kept", "CPU s")


def print_table(rows: list[Row], markdown: bool) -> None:
    cells = [[label, mode, system, str(n), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{k:.3f}",
              f"{cpu:.1f}"] for label, mode, system, n, p, r, f, k, cpu in rows]
    print_cells(HEADER, cells, markdown)


def print_cells(header: tuple[str, ...], cells: list[list[str]], markdown: bool) -> None:
    """A table: its first columns up to the first number left-aligned, the rest right."""
    left = next(i for i, c in enumerate(cells[0]) if c[:1].isdigit()) if cells else 0
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * left + "---:|" * (len(header) - left))
        for row in cells:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(c)) for c in column) for column in zip(header, *cells, strict=False)]
    for row in [list(header), *cells]:
        print("  ".join(c.ljust(w) if i < left else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path, help="set folders (html/, ground-truth.json)")
    parser.add_argument("--mode", choices=("text", "html", "both"), default="both")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes over the pages")
    parser.add_argument("--cache", type=Path, help="keep dumps and baseline outputs here")
    parser.add_argument("--part", choices=("all", "tune", "check"), default="all",
                        help="all pages, or those kept for tuning, or the 1 in 5 set aside")
    parser.add_argument("--lost", type=int, default=30,
                        help="list at most N pages (per mode) where the project keeps < half the "
                        "baseline's")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--structure", action="store_true",
                        help="score structure (Markdown output) on sets with Markdown gold")
    parser.add_argument("--first", type=int, default=0,
                        help="with --structure: only the first N pages with Markdown gold")
    args = parser.parse_args()
    rows: list[Row] = []
    lost: list[Lost] = []
    notes = []
    start = structure_run.warm_up if args.structure else warm_up
    pool = (ProcessPoolExecutor(args.jobs, initializer=start) if args.jobs > 1 else None)
    if pool is None:
        start()
    try:
        if args.structure:
            table = [row for folder in args.sets
                     for row in structure_run.run_set(folder, args, pool, groups, in_part)]
            print_cells(structure_run.HEADER, table, args.markdown)
            return
        for folder in args.sets:
            if not (folder / "ground-truth.json").is_file():
                print(f"{folder}: not a set folder, skipped", file=sys.stderr)
                continue
            set_rows, set_lost, note = run_set(folder, args, pool)
            rows += set_rows
            lost += set_lost
            notes.append(note)
            print(note, file=sys.stderr, flush=True)
    finally:
        if pool:
            pool.shutdown()
    print_table(rows, args.markdown)
    print()
    for note in notes:
        print(note)
    for mode in ("text", "html"):
        pages = sorted(page for page in lost if page[2] == mode)
        if args.mode in (mode, "both"):
            listed = f" (worst first, at most {args.lost}):" if pages else ""
            print(f"\n{mode} mode, pages where the project keeps less than half of the "
                  f"baseline's: {len(pages)}{listed}")
        for *_, line, _ in pages[:args.lost]:
            print("  " + line)


if __name__ == "__main__":
    main()
