"""Snapshot every output the cleaner gives on a set of inputs, to prove a refactoring changed none.

    python bench/snapshot.py OUT.json [SET_DIR ...]            # with the installed `cleaner`
    python bench/snapshot.py --compare OLD.json NEW.json       # what differs, one line each

A snapshot holds, for every fixture (``fixtures/``: seeds, dumps, HTML pages)
and every page of each benchmark set given (``SET/html/*.html.gz``), the
cleaned text and the removed lines with their rule ids, in text mode (the
page's whole-text dump, no URL) and in HTML mode (`Cleaner.clean_html` with
the page's URL). Run it with the old release installed in one venv and the
new code in another, on the same inputs, then ``--compare``. Snapshots hold
text derived from the benchmark pages: keep them outside the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]


def _entry(result: Any) -> dict[str, Any]:
    return {"text": result.text,
            "removed": [(r.line, r.rule, r.text) for r in result.removed],
            "sites": list(result.sites), "lang": result.lang}


def _guarded(func: Any) -> dict[str, Any]:
    try:
        return _entry(func())
    except Exception as error:  # a refused input is an output too
        return {"error": f"{type(error).__name__}: {error}"}


def snapshot(sets: list[Path]) -> dict[str, Any]:
    from bench_dumps import make_dump  # html-text: the bench extra

    cleaner = Cleaner(rules=[])
    out: dict[str, Any] = {}
    for path in sorted((ROOT / "fixtures").rglob("*")):
        name = path.relative_to(ROOT).as_posix()
        if path.suffix == ".txt":
            out[name] = _guarded(lambda p=path: cleaner.clean_bytes(p.read_bytes()))
        elif path.suffix == ".html":
            out[name] = _guarded(lambda p=path: cleaner.clean_html(p.read_bytes()))
    for folder in sets:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for page in sorted((folder / "html").glob("*.html.gz")):
            key = page.name.removesuffix(".html.gz")
            data = gzip.decompress(page.read_bytes())
            url = truth.get(key, {}).get("url")
            name = f"{folder.name}/{key}"
            out[f"{name} html"] = _guarded(lambda d=data, u=url: cleaner.clean_html(d, url=u))
            try:
                dump = make_dump(data.decode("utf-8", "replace"))
            except ValueError as error:  # lxml refuses a page with control characters
                out[f"{name} text"] = {"error": f"no dump: {error}"}
                continue
            out[f"{name} text"] = _guarded(lambda t=dump: cleaner.clean(t))
    return out


def compare(old: dict[str, Any], new: dict[str, Any]) -> int:
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    for key in differ:
        a, b = old.get(key, {}), new.get(key, {})
        what = [f for f in ("text", "removed", "sites", "lang", "error") if a.get(f) != b.get(f)]
        print(f"{key}: {', '.join(what) or 'missing'}")
    print(f"{len(differ)} of {len(old.keys() | new.keys())} outputs differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true", help="compare two snapshots")
    args = parser.parse_args()
    if args.compare:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in args.paths[:2])
        return compare(old, new)
    out, *sets = args.paths
    out.write_text(json.dumps(snapshot(sets), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
