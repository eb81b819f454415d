"""``bench_sets.py --structure``: the project's Markdown and trafilatura's on the pages whose
gold has Markdown, scored by bench/structure_scores.py (see bench_sets.py's docstring)."""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import scoring
import structure_scores

from cleaner import default_cleaner  # one per worker process, built on first use

SYSTEMS = ("trafilatura markdown", "project markdown", "project text")
HEADER = ("set", "system", "pages", "heading P", "heading R", "heading F1", "item P", "item R",
          "item F1", "cell R", "text F1", "CPU s")

Page = dict[str, tuple[structure_scores.Counts, scoring.Counts, float]]


def systems() -> dict[str, Callable[[bytes], str]]:
    import trafilatura

    return {
        "trafilatura markdown": lambda page: str(trafilatura.extract(
            page, output_format="markdown", include_tables=True, include_formatting=True,
            include_comments=False) or ""),
        "project markdown": lambda page: default_cleaner().clean_html(
            page, output_format="markdown").text,
        "project text": lambda page: default_cleaner().clean_html(page).text,
    }


def run_page(task: tuple[Path, str, str, str]) -> tuple[str, Page]:
    """Each system on one page: its matches, its text's shingle counts, its CPU time."""
    path, key, body, markdown = task
    data = gzip.decompress(path.read_bytes())
    gold = structure_scores.parse(markdown)
    out: Page = {}
    for name, system in systems().items():
        start = time.process_time()
        try:
            output = system(data)
        except Exception:  # a refused page scores an empty output
            output = ""
        cpu = time.process_time() - start
        parts = (structure_scores.Parts(text=output) if name == "project text"
                 else structure_scores.parse(output))
        out[name] = (structure_scores.counts(parts, gold),
                     scoring.shingle_counts(body, parts.text), cpu)
    return key, out


def warm_up() -> None:
    """First-use costs (imports, compiled plans) paid outside the timed runs."""
    page = (b"<html><body><article><h1>Warm up</h1><p>" + b"A sentence of the page. " * 20
            + b"</p><ul><li>one</li><li>two</li></ul></article></body></html>")
    for system in systems().values():
        system(page)


def run_set(folder: Path, args: argparse.Namespace, pool: ProcessPoolExecutor | None,
            groups: Callable[[str, dict[str, dict[str, Any]], list[str]],
                             list[tuple[str, list[str]]]],
            in_part: Callable[[str, str], bool]) -> list[list[str]]:
    """The table's rows for one set (none when its gold has no Markdown)."""
    truth: dict[str, dict[str, Any]] = json.loads(
        (folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = [key for key in sorted(truth) if (truth[key].get("markdown") or "").strip()
            and (truth[key].get("articleBody") or "").strip() and in_part(key, args.part)]
    keys = keys[:args.first] if args.first else keys
    tasks = [(folder / "html" / f"{key}.html.gz", key, truth[key]["articleBody"],
              truth[key]["markdown"]) for key in keys]
    results = dict(pool.map(run_page, tasks, chunksize=4) if pool else map(run_page, tasks))
    rows = []
    for label, group in groups(folder.name, truth, keys) if keys else []:
        for name in SYSTEMS:
            pages = [results[key][name] for key in group]
            found = structure_scores.scores([page[0] for page in pages])
            marks = [f"{found[k]:.3f}" for k in ("heading P", "heading R", "heading F1",
                                                 "item P", "item R", "item F1", "cell R")]
            if name == "project text":
                marks = ["-"] * len(marks)
            text_f1 = scoring.f1_of([page[1] for page in pages])[2]
            rows.append([label, name, str(len(group)), *marks, f"{text_f1:.3f}",
                         f"{sum(page[2] for page in pages):.1f}"])
    return rows
