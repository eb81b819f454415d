"""Shared pieces of the pipeline tests: a small corpus, and deliberately slow cleaners."""

from __future__ import annotations

import gzip
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaner import Cleaner
from cleaner.batch.items import Item, Outcome
from cleaner.batch.process import Processor
from cleaner.result import Result

from .conftest import SEEDS

HANG = "ZZHANG"
CRASH = "ZZCRASH"


def seed_records(count: int) -> list[dict[str, Any]]:
    """`count` records cycling through the seed articles, with ids and extra fields."""
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    return [{"id": number, "meta": {"n": number, "tags": ["a", "é"]},
             "text": texts[number % len(texts)]} for number in range(count)]


def jsonl(records: Sequence[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def write_corpus(root: Path) -> Path:
    """A folder with JSONL shards (plain, gzip), text files in a subfolder, a bad line."""
    corpus = root / "corpus"
    (corpus / "texts" / "deep").mkdir(parents=True)
    records = seed_records(30)
    (corpus / "a.jsonl").write_bytes(jsonl(records[:12]) + b"{broken json\n")
    (corpus / "b.jsonl.gz").write_bytes(gzip.compress(jsonl(records[12:25]), mtime=0))
    (corpus / "c.ndjson").write_bytes(jsonl(records[25:]))
    for number, path in enumerate(SEEDS):
        target = corpus / "texts" / ("deep" if number % 2 else "") / path.name
        target.write_bytes(path.read_bytes())
    return corpus


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones too) by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


class HangingCleaner(Cleaner):
    """Hangs (in a sleep the alarm cannot always cut short) on texts containing ZZHANG,
    and kills its own process on ZZCRASH."""

    def clean(self, text: str, **options: Any) -> Result:  # type: ignore[override]
        if HANG in text:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                time.sleep(0.01)
        if CRASH in text:
            os._exit(3)
        return super().clean(text, **options)


class SlowProcessor(Processor):
    """A processor that takes its time, so that a Dask worker can be killed mid-run."""

    def process(self, item: Item) -> Outcome:
        time.sleep(0.02)
        return super().process(item)
