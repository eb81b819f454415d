"""Body preservation on real articles: clean each true article body and count what goes.

    python bench/bench_bodies.py ../shared/bench/article-extraction-benchmark

The folder's ground-truth.json holds, for 181 real news pages in several
languages, the true article body. Those bodies are junk-free by definition,
so every line the cleaner removes from them is a false positive: the figure
the quality bar cares about most ("never lose body text"). Prints the
paragraphs and words removed, by rule, with examples.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from cleaner import Cleaner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the benchmark folder (with ground-truth.json)")
    parser.add_argument("--examples", type=int, default=3, help="examples shown per rule")
    args = parser.parse_args()
    truth = json.loads((args.folder / "ground-truth.json").read_text(encoding="utf-8"))
    cleaner = Cleaner()
    paragraphs = words = lost_paragraphs = lost_words = 0
    by_rule: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for item in truth.values():
        body = item.get("articleBody") or ""
        lines = [line for line in body.splitlines() if line.strip()]
        paragraphs += len(lines)
        words += sum(len(line.split()) for line in lines)
        for removal in cleaner.clean(body, url=item.get("url")).removed:
            lost_paragraphs += not removal.fragment
            lost_words += len(removal.text.split())
            by_rule[removal.rule] += 1
            if len(examples[removal.rule]) < args.examples:
                examples[removal.rule].append(removal.text[:100])
    print(f"{len(truth)} true bodies, {paragraphs} paragraphs, {words} words")
    print(f"removed: {lost_paragraphs} paragraphs ({lost_paragraphs / max(1, paragraphs):.2%}), "
          f"{lost_words} words ({lost_words / max(1, words):.3%})")
    for rule, count in by_rule.most_common():
        print(f"  {count:5d}  {rule}")
        for example in examples[rule]:
            print(f"         {example!r}")


if __name__ == "__main__":
    main()
