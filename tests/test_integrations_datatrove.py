"""The datatrove step (`cleaner.integrations.datatrove`), in a real LocalPipelineExecutor run."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner, CleanerConfig, HtmlConfig
from tests.conftest import FIXTURES, SEEDS

# (seed, url): a URL whose site rules apply, or none (the text's fingerprints decide).
SEED_URLS = {"aggregator-ap": "https://edition.cnn.com/2024/11/17/world/x",
             "euronews": "https://www.euronews.com/2024/11/17/x",
             "seneplus": None}


def test_importing_cleaner_does_not_import_datatrove() -> None:
    code = "import cleaner, sys; print(any(m.startswith('datatrove') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_datatrove_the_import_error_names_the_extra(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "datatrove" or m.startswith("datatrove.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "datatrove", None)  # None: as if not installed
    monkeypatch.delitem(sys.modules, "cleaner.integrations.datatrove", raising=False)
    with pytest.raises(ImportError, match=r'pip install "cleaner\[datatrove\]"'):
        importlib.import_module("cleaner.integrations.datatrove")


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def seed_records() -> list[dict[str, Any]]:
    records = []
    for path in SEEDS:
        record: dict[str, Any] = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        if SEED_URLS.get(path.stem):
            record["url"] = SEED_URLS[path.stem]
        records.append(record)
    return records


def test_a_local_pipeline_cleans_each_document_as_the_cleaner_does(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerFormatter

    records = seed_records()
    # Two files, so that each of the two tasks reads one.
    write_jsonl(tmp_path / "in" / "a.jsonl", records[:3])
    write_jsonl(tmp_path / "in" / "b.jsonl", records[3:])
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), CleanerFormatter(),
                  JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"))
    executor.run()

    out = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl"))
           for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(doc["id"] for doc in out) == sorted(r["id"] for r in records)
    cleaner = Cleaner()
    by_id = {doc["id"]: doc for doc in out}
    removed = 0
    for record in records:
        doc = by_id[record["id"]]
        expected = cleaner.clean(record["text"], url=record.get("url"))
        assert doc["text"] == expected.text
        assert doc["metadata"]["cleaner"] == {"removed": len(expected.removed),
                                              "lang": expected.lang,
                                              "sites": list(expected.sites)}
        removed += len(expected.removed)
    # The URL picked the site: the text alone has no site rules.
    assert by_id["aggregator-ap"]["metadata"]["cleaner"]["sites"] == ["cnn.com"]

    [step_stats] = [s for s in json.loads((tmp_path / "logs" / "stats.json").read_text())
                    if "cleaner" in s["name"]]
    stats = step_stats["stats"]
    assert stats["total"] == len(records)
    assert stats["removed_lines"]["total"] == removed
    assert sum(v if isinstance(v, (int, float)) else v["total"]
               for k, v in stats.items() if k.startswith("removed/")) == removed


def run_step(step: Any, texts: list[str], url: str | None = None) -> list[Any]:
    from datatrove.data import Document

    docs = [Document(text=t, id=str(i), metadata={"url": url} if url else {})
            for i, t in enumerate(texts)]
    return list(step.run(iter(docs)))


def test_html_auto_cleans_pages_as_web_pages_and_text_as_text() -> None:
    pytest.importorskip("datatrove")
    from cleaner.integrations.datatrove import CleanerFormatter

    page = (FIXTURES / "html" / "fr-senat.html").read_text(encoding="utf-8")
    text = SEEDS[0].read_text(encoding="utf-8")
    step = CleanerFormatter(html="auto")
    docs = run_step(step, [page, text])
    cleaner = Cleaner()
    assert [d.text for d in docs] == [cleaner.clean_html(page).text, cleaner.clean(text).text]
    assert step.stats["html"].total == 1


def test_html_off_keeps_the_text_path_for_a_page() -> None:
    pytest.importorskip("datatrove")
    from cleaner.integrations.datatrove import CleanerFormatter

    page = (FIXTURES / "html" / "fr-senat.html").read_text(encoding="utf-8")
    [doc] = run_step(CleanerFormatter(), [page])
    assert doc.text == Cleaner().clean(page).text


def test_a_document_that_cannot_be_cleaned_is_dropped_and_counted() -> None:
    pytest.importorskip("datatrove")
    from cleaner.integrations.datatrove import CleanerFormatter

    config = CleanerConfig(html=HtmlConfig(max_bytes=200))
    step = CleanerFormatter(config=config, html=True)
    small = "<html><body><p>Le président a parlé hier soir.</p></body></html>"
    docs = run_step(step, ["<html><body>" + "<p>x</p>" * 100 + "</body></html>", small])
    assert [d.id for d in docs] == ["1"]
    assert step.stats["clean_error"].total == 1
    assert step.stats["total"].total == 2


def test_the_step_travels_as_its_options_and_builds_its_cleaner_on_first_use(
        tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    import pickle

    from cleaner.integrations.datatrove import CleanerFormatter

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.toml").write_text(
        '[[rule]]\nid = "extra.promo"\nkind = "line"\ndescription = "A promotion."\n'
        'literal = ["Soldes : -50 % !"]\nexamples.remove = ["Soldes : -50 % !"]\n',
        encoding="utf-8")
    step = CleanerFormatter(rules=rules)
    assert step._cleaner is None
    copy = pickle.loads(pickle.dumps(step))
    [doc] = run_step(copy, ["Soldes : -50 % !\nLe président a parlé."])
    assert doc.text == "Le président a parlé.\n"
    assert doc.metadata["cleaner"]["removed"] == 1


def test_a_given_cleaner_is_used() -> None:
    pytest.importorskip("datatrove")
    from cleaner.integrations.datatrove import CleanerFormatter

    cleaner = Cleaner(config=CleanerConfig(typography="fr"))
    step = CleanerFormatter(cleaner)
    assert step.cleaner is cleaner
    assert step.format('Il a dit "oui".') == cleaner.clean('Il a dit "oui".').text
    with pytest.raises(ValueError, match="either a cleaner"):
        CleanerFormatter(cleaner, config=CleanerConfig())
