"""Two installs of cleaner, one run: `Cleaner.clean` and batch throughput, new against old.

    python bench/bench_versions.py OLD_VENV NEW_VENV [--mb 50] [--jobs 1 2] [--turns 3]

Each venv has its own `cleaner` installed (``pip install .`` of each commit:
compiled wheels). The corpus is built once from the seed articles' gold
bodies (clean news text, paragraphs shuffled, numbers varied, as in
bench_pipeline.py) as one JSONL file. Then, taking turns so that a
neighbour's load falls on both alike, for each venv:

- the engine: `Cleaner.clean` on every document of a slice, in one process
  (MB/s of UTF-8 text, CPU time of that process);
- the command: ``clean CORPUS -o OUT --jobs N`` for each `--jobs` (MB/s of
  JSONL input by the wall clock, and per CPU-second of the whole process tree).

The best turn of each is kept (load only ever slows a run) and the ratio
new/old printed. The outputs of both commands are compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
_NUMBER = re.compile(r"\d+")

ENGINE = """
import json, sys, time
from cleaner import Cleaner, BUILD
docs = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
cleaner = Cleaner()
for doc in docs[:50]:
    cleaner.clean(doc)
size = sum(len(d.encode("utf-8")) for d in docs)
start, cpu = time.perf_counter(), time.process_time()
for doc in docs:
    cleaner.clean(doc)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "size": size, "build": BUILD}))
"""


def corpus(path: Path, megabytes: float, seed: int = 7) -> None:
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "gold").glob("*.txt"))]
    size = count = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            paragraphs = rng.choice(sources).split("\n\n")
            head, body = paragraphs[:1], paragraphs[1:]
            rng.shuffle(body)
            doc = _NUMBER.sub(lambda m: str(rng.randrange(10 ** len(m.group()))),
                              "\n\n".join(head + body))
            line = json.dumps({"id": count, "text": doc}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            count += 1


def engine(venv: Path, sample: Path) -> tuple[float, float]:
    out = subprocess.run([str(venv / "bin" / "python"), "-c", ENGINE, str(sample)],
                         capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
    figures = json.loads(out.stdout)
    return figures["size"] / figures["wall"] / 1e6, figures["size"] / figures["cpu"] / 1e6


def command(venv: Path, source: Path, target: Path, jobs: int) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(venv / "bin" / "clean"), str(source), "-o", str(target),
                    "--jobs", str(jobs), "-q"], check=True, cwd=tempfile.gettempdir(),
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = source.stat().st_size
    return size / wall / 1e6, size / cpu / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--engine-mb", type=float, default=5.0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--turns", type=int, default=3)
    args = parser.parse_args()
    venvs = {"old": args.old, "new": args.new}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source, sample = work / "corpus.jsonl", work / "sample.jsonl"
        corpus(source, args.mb)
        corpus(sample, args.engine_mb, seed=11)
        best: dict[tuple[str, str], tuple[float, float]] = {}

        def keep(key: tuple[str, str], figures: tuple[float, float]) -> None:
            old = best.get(key, (0.0, 0.0))
            best[key] = (max(old[0], figures[0]), max(old[1], figures[1]))
            print(f"  {key[0]:>3} {key[1]:<10} {figures[0]:7.2f} MB/s  "
                  f"{figures[1]:7.2f} MB/CPU-s", flush=True)

        for turn in range(args.turns):
            print(f"turn {turn + 1}", flush=True)
            order = list(venvs.items()) if turn % 2 == 0 else list(venvs.items())[::-1]
            for name, venv in order:
                keep((name, "engine"), engine(venv, sample))
            for jobs in args.jobs:
                for name, venv in order:
                    keep((name, f"--jobs {jobs}"), command(venv, source, work / f"{name}.jsonl",
                                                           jobs))
        same = (work / "old.jsonl").read_bytes() == (work / "new.jsonl").read_bytes()
    print(f"\ncorpus {args.mb:g} MB JSONL (engine: {args.engine_mb:g} MB), best of "
          f"{args.turns} turns; outputs byte-identical: {same}")
    print(f"{'':12} {'old MB/s':>9} {'new MB/s':>9} {'ratio':>6}   {'old CPU':>8} "
          f"{'new CPU':>8} {'ratio':>6}")
    for what in ["engine", *(f"--jobs {j}" for j in args.jobs)]:
        (ow, oc), (nw, nc) = best[("old", what)], best[("new", what)]
        print(f"{what:12} {ow:9.2f} {nw:9.2f} {nw / ow:6.2f}   {oc:8.2f} {nc:8.2f} "
              f"{nc / oc:6.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    os.environ.pop("CLEANER_RULES", None)
    sys.exit(main())
