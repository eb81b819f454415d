"""Whole-page text dumps: how much of a naive scrape's junk `clean_text` removes, and keeps.

    python bench/bench_dumps.py ../shared/bench/article-extraction-benchmark

For each of the benchmark's real news pages (``html/*.html.gz``), all the
visible text of the page is dumped, one block per line, as a naive scraper
does (html-text on the whole page: menus, footers, cookie notices, "Most
read" lists and all). Each dump is cleaned with `clean_text` and **no site
rule** (none of the bundled sites match these pages' hosts, and no URL is
given), then scored against the page's true body (``ground-truth.json``):

- F1 over word 4-shingles, the benchmark's own metric (its ``evaluate.py``:
  ``\\w+`` tokens, per-page tp/fp/fn normalised, precision and recall averaged
  over pages, F1 of the averages);
- body sentences kept intact: of the true body's sentences (4+ words ending
  with . ! ?) found whole in the dump (the rest the scraper already broke),
  the share still whole in the cleaned text; and the same for every body line
  of 2+ words (list items, table rows, subheadings too): a stricter figure.

In the same run: the raw dump, and a C4-style line filter (a line is kept if
it ends with terminal punctuation, has at least 3 words, and mentions neither
"javascript" nor a cookie/privacy phrase), as baselines. ``--lang`` breaks the
figures down by the body's language. Needs html-text (``pip install -e .[dev]``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from cleaner import Cleaner, CleanerConfig
from cleaner.text.decode import decode_bytes
from cleaner.text.lang import detect_language

sys.path.insert(0, str(Path(__file__).parent))
from scoring import f1_of, shingle_counts  # bench/ is not a package: found by the path above

_SPACES = re.compile(r"\s+")
# A sentence ends at . ! ? (with closing quotes) before a space and a capital/quote/digit.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[^\W_a-z])")
_ENDS = re.compile(r"[.!?…。！？][\"'”’»)]*$")
TokenCounts = tuple[float, float, float]


def make_dump(html: str) -> str:
    """All visible text of a page, one block per line (html-text, as a naive scraper)."""
    import html_text  # a bench/dev dependency, not a runtime one

    return str(html_text.extract_text(html, guess_layout=True))


def flat(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def sentences(body: str) -> list[str]:
    """The body's sentences: at least 4 words ending with . ! ? (list items and tables are not
    sentences), whitespace flattened."""
    out = []
    for paragraph in body.splitlines():
        for sentence in _SENTENCE_SPLIT.split(paragraph):
            sentence = flat(sentence)
            if len(sentence.split()) >= 4 and _ENDS.search(sentence):
                out.append(sentence)
    return out


_C4_BAD = ("javascript", "cookie", "privacy policy", "terms of use", "lorem ipsum")


def c4_filter(text: str) -> str:
    """The C4 line heuristics: terminal punctuation, >= 3 words, no javascript/cookie/privacy."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        lower = line.lower()
        if (line.endswith((".", "!", "?", '"', "”", "’", "'", "»"))
                and len(line.split()) >= 3 and not any(bad in lower for bad in _C4_BAD)):
            kept.append(line)
    return "\n".join(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the benchmark folder (html/, ground-truth.json)")
    parser.add_argument("--lang", action="store_true", help="figures by the body's language")
    parser.add_argument("--cache", type=Path, help="folder to keep the dumps in between runs")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()
    truth = json.loads((args.folder / "ground-truth.json").read_text(encoding="utf-8"))
    dumps = load_dumps(args.folder, sorted(truth), args.cache)
    cleaner = Cleaner()
    plain = Cleaner(config=CleanerConfig(classify=False))
    systems: dict[str, Callable[[str], str]] = {
        "raw dump": lambda text: text,
        "C4-style line filter": c4_filter,
        "clean_text, classifier off": lambda text: plain.clean(text).text,
        "clean_text (no site rules)": lambda text: cleaner.clean(text).text,
    }
    langs = {key: detect_language(item.get("articleBody") or "") or "?"
             for key, item in truth.items()}
    print(f"{len(truth)} pages; dumps {sum(map(len, dumps.values())) / 1e6:.1f} MB "
          f"({sum(d.count(chr(10)) + 1 for d in dumps.values())} lines)")
    print(f"{'system':32} {'precision':>9} {'recall':>7} {'F1':>6} {'sentences kept':>17} "
          f"{'body lines kept':>17} {'time/page':>9}")
    for name, system in systems.items():
        report(name, system, truth, dumps, langs, args)


def report(name: str, system: Callable[[str], str], truth: dict[str, dict[str, str]],
           dumps: dict[str, str], langs: dict[str, str], args: argparse.Namespace) -> None:
    counts: dict[str, TokenCounts] = {}
    kept: dict[str, tuple[int, int]] = {}
    whole: dict[str, tuple[int, int]] = {}
    started = time.perf_counter()
    outputs = {key: system(dumps[key]) for key in truth}
    elapsed = time.perf_counter() - started
    for key, item in truth.items():
        body = item.get("articleBody") or ""
        counts[key] = shingle_counts(body, outputs[key])
        kept[key] = intact(sentences(body), flat(dumps[key]), flat(outputs[key]))
        whole[key] = intact(paragraphs(body), flat(dumps[key]), flat(outputs[key]))
    line(name, counts.values(), kept.values(), elapsed / len(truth), whole.values())
    if args.lang:
        by_lang: dict[str, list[str]] = defaultdict(list)
        for key in truth:
            by_lang[langs[key]].append(key)
        for lang, keys in sorted(by_lang.items(), key=lambda kv: -len(kv[1])):
            line(f"  {lang} ({len(keys)} pages)", [counts[k] for k in keys],
                 [kept[k] for k in keys], None, [whole[k] for k in keys])
    if args.worst:
        worst = sorted(truth, key=lambda k: f1_of([counts[k]])[2])[:args.worst]
        for key in worst:
            p, r, f = f1_of([counts[key]])
            print(f"    {key[:12]} {langs[key]} P={p:.2f} R={r:.2f} F1={f:.2f} "
                  f"sentences {kept[key][0]}/{kept[key][1]} {truth[key].get('url', '')[:60]}")
    sys.stdout.flush()


def paragraphs(body: str) -> list[str]:
    """Every body line of at least 2 words (list items and table rows too)."""
    return [flat(p) for p in body.splitlines() if len(p.split()) >= 2]


def intact(body_sentences: list[str], dump: str, output: str) -> tuple[int, int]:
    """(kept whole in the output, found whole in the dump) over the body's sentences."""
    present = [s for s in body_sentences if s in dump]
    return sum(1 for s in present if s in output), len(present)


def line(name: str, counts: Iterable[TokenCounts], kept: Iterable[tuple[int, int]],
         seconds: float | None, lines: Iterable[tuple[int, int]]) -> None:
    p, r, f = f1_of(list(counts))
    pairs, line_pairs = list(kept), list(lines)
    whole, present = sum(k for k, _ in pairs), sum(n for _, n in pairs)
    lines_kept, lines_present = sum(k for k, _ in line_pairs), sum(n for _, n in line_pairs)
    timing = f"{seconds * 1000:6.1f}ms" if seconds is not None else ""
    print(f"{name:32} {p:9.3f} {r:7.3f} {f:6.3f} {whole / max(1, present):8.1%} "
          f"of {present:5d} {lines_kept / max(1, lines_present):8.1%} of {lines_present:5d} "
          f"{timing:>7}")


def load_dumps(folder: Path, keys: list[str], cache: Path | None) -> dict[str, str]:
    dumps = {}
    for key in keys:
        cached = cache / f"{key}.txt" if cache else None
        if cached and cached.exists():
            dumps[key] = cached.read_text(encoding="utf-8")
            continue
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        try:
            text = html.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_bytes(html)[0]
        dumps[key] = make_dump(text)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(dumps[key], encoding="utf-8")
    return dumps


if __name__ == "__main__":
    main()
