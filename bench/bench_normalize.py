"""Throughput of the text normaliser (repair, language, typography) next to ftfy.fix_text.

    python bench/bench_normalize.py [--mb 10] [--ftfy-mb 1.5]

Builds about `--mb` MB of news text from the seed articles (repeated, with
paragraph order and numbers varied so that no two documents are equal) and
measures, best of three, MB/s of UTF-8 input per document:

- clean text: the gold bodies (needs no repair at all), and the raw scraped
  seed inputs (no encoding damage, but NBSP bylines and double spaces);
- the same texts as Windows-1252 mojibake (every line damaged), and a mix
  where one document in twenty is;
- ftfy.fix_text alone on each corpus, measured in the same run (on a
  `--ftfy-mb` slice: it is slow), which the ratios compare with;
- on clean text and on mojibake, the whole pipeline: `Cleaner.clean` (repair,
  language, every bundled rule, typography `preserve`), and with `auto`.

The issue's targets: the whole text pipeline on clean news text at least 15x
ftfy (aim 30x), mojibake repaired no slower than ftfy itself.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

try:  # the installed package, compiled when `pip install .` built it
    import cleaner  # noqa: F401
except ImportError:  # no install: the sources beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner import BUILD, Cleaner, CleanerConfig
from cleaner.lines.document import Document
from cleaner.steps import run as steps
from cleaner.steps.plan import Plan
from cleaner.text.config import RepairConfig
from cleaner.text.lang import detect_language
from cleaner.text.repair import repair_text
from cleaner.typography.profiles import apply_typography


def cleaner_build() -> str:
    """Which cleaner is measured: compiled or pure Python, and from where."""
    import cleaner

    return f"{BUILD} from {Path(cleaner.__file__).parent}"


SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
_CP1252 = "".join(
    bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256))
_NUMBER = re.compile(r"\d+")


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252, as a misconfigured scraper does."""
    return "".join(_CP1252[b] for b in text.encode("utf-8"))


def build_corpus(kind: str, megabytes: float, seed: int = 7) -> list[str]:
    """Documents from the seed `kind` ('gold' or 'input'), varied, about `megabytes` MB."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / kind).glob("*.txt"))]
    docs: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        paragraphs = rng.choice(sources).split("\n\n")
        head, body = paragraphs[:1], paragraphs[1:]
        rng.shuffle(body)
        doc = "\n\n".join(head + body)
        doc = _NUMBER.sub(lambda m: str(rng.randrange(10 ** len(m.group()))), doc)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def throughput(func: Callable[[str], object], docs: list[str], runs: int = 3) -> float:
    """MB/s of UTF-8 input through `func`, one call per document, best of `runs`."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            func(doc)
        best = min(best, time.perf_counter() - start)
    return size / best / 1e6


def slice_mb(docs: list[str], megabytes: float) -> list[str]:
    out: list[str] = []
    size = 0
    for doc in docs:
        if size >= megabytes * 1e6:
            break
        out.append(doc)
        size += len(doc.encode("utf-8"))
    return out


def repair_only(text: str) -> str:
    return repair_text(text)[0]


def pipeline_preserve(text: str) -> str:
    """What Cleaner.clean will add around the engine: repair, language, typography."""
    repaired = repair_text(text)[0]
    lang = detect_language(repaired)
    return apply_typography(repaired, "preserve", lang)


def pipeline_auto(text: str) -> str:
    repaired = repair_text(text)[0]
    return apply_typography(repaired, "auto", detect_language(repaired))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size (default 10)")
    parser.add_argument("--ftfy-mb", type=float, default=1.5,
                        help="slice ftfy.fix_text is timed on (default 1.5)")
    args = parser.parse_args()

    gold = build_corpus("gold", args.mb)
    scraped = build_corpus("input", args.mb)
    broken = [mojibake(d) for d in gold]
    rng = random.Random(3)
    mixed = [mojibake(d) if rng.random() < 0.05 else d for d in gold]

    # Correctness first: the repaired mojibake is the clean text.
    assert all(repair_only(b) == repair_only(g) for b, g in zip(broken[:200], gold, strict=False))
    detect_language(gold[0])  # load the language model outside the timings

    corpora = {"clean (gold)": gold, "clean (scraped)": scraped,
               "mixed (5% mojibake)": mixed, "mojibake": broken}
    ftfy_speed = {name: throughput(ftfy.fix_text, slice_mb(docs, args.ftfy_mb), runs=2)
                  for name, docs in corpora.items()}
    cleaner = Cleaner()
    plain = Cleaner(config=CleanerConfig(classify=False))
    lines: dict[str, int] = {}
    rows: list[tuple[str, str, float]] = []
    for name, docs in corpora.items():
        rows.append((name, "ftfy.fix_text", ftfy_speed[name]))
        rows.append((name, "repair_text", throughput(repair_only, docs)))
        if name.startswith("clean"):
            rows.append((name, "repair+lang+typography(preserve)",
                         throughput(pipeline_preserve, docs)))
            rows.append((name, "repair+lang+typography(auto=fr)",
                         throughput(pipeline_auto, docs)))
        if name != "mixed (5% mojibake)":
            rows.append((name, "Cleaner.clean (whole pipeline)", throughput(cleaner.clean, docs)))
        if name.startswith("clean"):
            rows.append((name, "Cleaner.clean, classifier off", throughput(plain.clean, docs)))
            lines[name] = sum(1 for d in docs for line in d.splitlines() if line.strip())
        if name.startswith("clean"):
            rows.append((name, "Cleaner.clean, typography auto", throughput(
                lambda t: cleaner.clean(t, typography="auto"), docs)))
        if name == "mojibake":
            rows.append((name, "repair_text, gate off",
                         throughput(lambda t: repair_text(t, _NO_GATE)[0], docs, runs=1)))

    print(f"corpus: {len(gold)} documents, {sum(len(d.encode()) for d in gold) / 1e6:.1f} MB "
          f"per kind; ftfy timed on {args.ftfy_mb} MB slices; Python {sys.version.split()[0]}, "
          f"ftfy {ftfy.__version__}; cleaner {cleaner_build()}")
    print(f"{'corpus':22s} {'function':34s} {'MB/s':>9s} {'x ftfy':>8s}")
    for corpus, func, speed in rows:
        print(f"{corpus:22s} {func:34s} {speed:9.2f} {speed / ftfy_speed[corpus]:8.1f}")
    for corpus in lines:
        docs = corpora[corpus]
        ratios = paired_ratios(cleaner.clean, docs[: len(docs) // 4], slice_mb(docs, 0.5))
        print(f"{corpus}: Cleaner.clean / ftfy.fix_text, timed in turn ({len(ratios)} rounds, "
              f"CPU time): median {ratios[len(ratios) // 2]:.1f}x, "
              f"range {ratios[0]:.1f}-{ratios[-1]:.1f}x")
    for corpus in lines:
        step, whole = classifier_step_cost(corpora[corpus])
        print(f"{corpus}: the classifier step alone, timed inside Cleaner.clean: {step:.2f} µs "
              f"per line, {step / whole:.1%} of the whole clean ({whole:.1f} µs per line)")
    speeds = {(corpus, func): speed for corpus, func, speed in rows}
    for corpus, count in lines.items():
        megabytes = sum(len(d.encode()) for d in corpora[corpus]) / 1e6
        on = megabytes / speeds[(corpus, "Cleaner.clean (whole pipeline)")]
        off = megabytes / speeds[(corpus, "Cleaner.clean, classifier off")]
        print(f"{corpus}: the generic classifier costs {(on - off) / count * 1e6:+.2f} µs "
              f"per line ({count} lines)")


def paired_ratios(func: Callable[[str], object], docs: list[str], ftfy_docs: list[str],
                  rounds: int = 7) -> list[float]:
    """`func`'s throughput over ftfy's, measured in alternation, one ratio per round.

    On a shared virtual machine the speed of both drifts by tens of percent
    within a minute; timing them in turn, round by round, compares each pair
    under the same conditions. CPU time of this process, not wall time.
    """
    size = sum(len(d.encode("utf-8")) for d in docs)
    ftfy_size = sum(len(d.encode("utf-8")) for d in ftfy_docs)
    ratios = []
    for _ in range(rounds):
        started = time.process_time()
        for doc in ftfy_docs:
            ftfy.fix_text(doc)
        ftfy_speed = ftfy_size / (time.process_time() - started)
        started = time.process_time()
        for doc in docs:
            func(doc)
        ratios.append(size / (time.process_time() - started) / ftfy_speed)
    return sorted(ratios)


def classifier_step_cost(docs: list[str], runs: int = 5) -> tuple[float, float]:
    """(µs per line in the classifier step, µs per line in the whole clean), best of `runs`.

    The step is timed inside the same runs as the whole pipeline, so the share it
    reports holds even when a busy machine makes both figures noisy.
    """
    original = steps.classify_lines
    spent = [0.0]

    def timed(doc: Document, plan: Plan) -> None:
        started = time.perf_counter()
        original(doc, plan)
        spent[0] += time.perf_counter() - started

    saved = steps.STEPS, steps.CONTEXTUAL
    steps.STEPS = tuple(timed if f is original else f for f in steps.STEPS)
    steps.CONTEXTUAL = tuple(timed if f is original else f for f in steps.CONTEXTUAL)
    try:
        cleaner = Cleaner()
        count = sum(1 for d in docs for line in d.splitlines() if line.strip())
        best_step = best_whole = float("inf")
        for _ in range(runs):
            spent[0] = 0.0
            started = time.perf_counter()
            for doc in docs:
                cleaner.clean(doc)
            best_whole = min(best_whole, time.perf_counter() - started)
            best_step = min(best_step, spent[0])
    finally:
        steps.STEPS, steps.CONTEXTUAL = saved
    return best_step / count * 1e6, best_whole / count * 1e6


_NO_GATE = RepairConfig(mojibake_gate=False)

if __name__ == "__main__":
    main()
