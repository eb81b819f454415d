"""Throughput of the cleaning engine on news text, next to ftfy.fix_text in the same run.

    python bench/bench_engine.py [--repeat 40]

The corpus is the seed articles (raw inputs and gold bodies) repeated: real
French news text, with and without junk. Figures go in the README.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import ftfy

from cleaner import Cleaner

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def throughput(func: object, docs: list[str]) -> float:
    """MB/s of UTF-8 input through `func`, best of three runs."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for doc in docs:
            func(doc)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    docs = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.txt"))]
    corpus = docs * args.repeat
    size = sum(len(d.encode("utf-8")) for d in corpus) / 1e6
    cleaner = Cleaner()
    engine = throughput(cleaner.clean, corpus)
    fix = throughput(ftfy.fix_text, corpus[: max(10, len(corpus) // 4)])
    print(f"corpus: {len(corpus)} documents, {size:.1f} MB")
    print(f"{'cleaner.Cleaner.clean':28s} {engine:8.2f} MB/s")
    print(f"{'ftfy.fix_text':28s} {fix:8.2f} MB/s")
    print(f"{'ratio':28s} {engine / fix:8.1f} x")


if __name__ == "__main__":
    main()
