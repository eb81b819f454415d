"""Batch pipelines: records, JSONL, folders, parallel workers, limits, faults, the batch CLI."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, clean_records
from cleaner.batch import readers
from cleaner.batch.executors import ProcessExecutor, SerialExecutor
from cleaner.batch.items import (
    OUT_OF_BAND_BYTES,
    Failed,
    JsonBlock,
    JsonLine,
    JsonRange,
    Outcome,
    RecordItem,
)
from cleaner.batch.process import Processor, RecordOptions, decode_json, encode
from cleaner.batch.readers import read_jsonl, read_jsonl_blocks, read_jsonl_ranges, walk
from cleaner.batch.run import RunOptions, plan_jobs, run_jobs
from cleaner.cli import main as cli
from cleaner.cli.parser import build_parser, is_batch, parse_options

from .pipeline_helpers import (
    CRASH,
    HANG,
    HangingCleaner,
    jsonl,
    seed_records,
    tree,
    write_corpus,
)
from .test_cli import environment

REPO = Path(__file__).resolve().parent.parent
# The per-document limit of the pool tests: far above a good document's time even in a
# fresh worker on a loaded machine (at 0.5 s one failed under load), far below a hang's.
POOL_LIMIT = 2.0


@pytest.fixture(autouse=True)
def _no_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEANER_RULES", raising=False)


def read_jsonl_file(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        return [json.loads(line) for line in stream]


# ---------------------------------------------------------------- the library API


def test_clean_records_keeps_fields_order_and_input(cleaner: Cleaner) -> None:
    records = seed_records(7)
    before = json.dumps(records)
    out = list(clean_records(records, cleaner=cleaner))
    assert json.dumps(records) == before  # the input records are not modified
    assert [r["id"] for r in out] == list(range(7))
    for source, got in zip(records, out, strict=True):
        result = cleaner.clean(source["text"])
        assert got["text"] == result.text
        assert got["meta"] == source["meta"]
        assert got["cleaner"] == {"site": result.site, "lang": result.lang,
                                  "removed": len(result.removed),
                                  "repairs": {r.step: r.count for r in result.repairs}}
        assert "error" not in got


def test_clean_records_is_lazy(cleaner: Cleaner) -> None:
    def endless() -> Any:
        number = 0
        while True:
            number += 1
            yield {"text": f"Phrase numéro {number}."}

    stream = clean_records(endless(), cleaner=cleaner)
    assert [next(stream)["text"] for _ in range(3)] == [
        "Phrase numéro 1.\n", "Phrase numéro 2.\n", "Phrase numéro 3.\n"]


def test_clean_records_fields_and_errors(cleaner: Cleaner) -> None:
    records = [
        {"body": "PUBLICITÉ\nLe président a parlé.", "link": "https://fr.euronews.com/a"},
        {"other": 1, "key": "k2"},
        {"body": None, "key": "k3"},
        {"body": "x" * 50},
    ]
    out = list(clean_records(records, cleaner=cleaner, text_field="body", url_field="link",
                             id_field="key", max_size=40))
    assert out[0]["body"] == "Le président a parlé.\n"
    assert out[0]["cleaner"]["site"] == "euronews.com"
    assert out[1] == {"other": 1, "key": "k2",
                      "error": "record 2 (id k2): no 'body' field with a string"}
    assert out[2]["body"] is None and "(id k3)" in out[2]["error"]
    assert out[3]["body"] == "x" * 50 and "too large" in out[3]["error"]


def test_html_field_uses_the_html_path(cleaner: Cleaner) -> None:
    html = ("<html><body><article><p>Le président a parlé devant les députés mardi soir, "
            "dans un discours long et attendu.</p></article></body></html>")
    [out] = clean_records([{"html": html, "url": "https://example.org/a"}], cleaner=cleaner,
                          html_field="html")
    assert "error" not in out
    assert "Le président a parlé" in out["text"]
    assert out["html"] == html


def test_clean_records_in_worker_processes_matches_serial(cleaner: Cleaner) -> None:
    records = seed_records(40)
    assert list(clean_records(records, cleaner=cleaner, jobs=2)) == list(
        clean_records(records, cleaner=cleaner))


# ---------------------------------------------------------------- time limits and crashes


def test_a_document_over_the_time_limit_has_its_worker_replaced() -> None:
    records = seed_records(12)
    records[5]["text"] += f"\n{HANG}\n"
    slow = HangingCleaner()
    started = time.monotonic()
    out = list(clean_records(records, cleaner=slow, jobs=2, time_limit=POOL_LIMIT))
    assert time.monotonic() - started < 20
    assert [r["id"] for r in out] == list(range(12))
    assert f"exceeded the time limit ({POOL_LIMIT:g} s per document)" in out[5]["error"]
    assert out[5]["text"] == records[5]["text"]  # kept as it was
    expected = list(clean_records(records[:5] + records[6:], cleaner=Cleaner()))
    assert out[:5] + out[6:] == expected


def test_a_worker_that_dies_fails_only_its_document() -> None:
    records = seed_records(10)
    records[3]["text"] += f"\n{CRASH}\n"
    executor = ProcessExecutor(Processor(HangingCleaner(), RecordOptions()), 2, None)
    out = [o.record for o in executor.map(RecordItem(r, f"record {i}")
                                          for i, r in enumerate(records, 1))]
    assert [r["id"] for r in out if r] == list(range(10))
    assert out[3] is not None and "its worker process died (exit status 3)" in out[3]["error"]
    assert sum("error" in r for r in out if r) == 1
    assert executor.restarts == 2  # the chunk's worker, then the document's alone


@pytest.mark.parametrize("marker", [HANG, CRASH])
def test_a_replaced_worker_with_queued_chunks_loses_and_repeats_nothing(marker: str) -> None:
    # Chunks of 2: the bad document's chunk is killed, and its two documents run again
    # one by one: the good one as in a serial run, the bad one killed again and failed.
    records = seed_records(30)
    records[9]["text"] += f"\n{marker}\n"
    executor = ProcessExecutor(Processor(HangingCleaner(), RecordOptions()), 2, POOL_LIMIT,
                               chunk_items=2)
    out = [o.record for o in executor.map(RecordItem(r, f"record {i}")
                                          for i, r in enumerate(records, 1))]
    assert [r["id"] for r in out if r] == list(range(30))
    errors = [i for i, r in enumerate(out) if r and "error" in r]
    assert errors == [9]
    assert executor.restarts == 2
    expected = list(clean_records(records[:9] + records[10:], cleaner=Cleaner()))
    assert out[:9] + out[10:] == expected

class _Sleepy:
    """Sleeps as long as each item says (a float), a picklable stand-in for slow documents."""

    def process(self, item: Any) -> Outcome:
        time.sleep(item)
        return Outcome(record={"slept": item})

    def fail(self, item: Any, reason: str) -> Outcome:
        return Outcome(error=f"{item}: {reason}")


def test_a_chunk_over_the_limit_runs_again_document_by_document() -> None:
    # Each document is well under the limit, the three together over it: the chunk is
    # killed, and its documents, each alone within the limit, all come out clean.
    executor = ProcessExecutor(_Sleepy(), 2, 2.0, chunk_items=3)
    out = list(executor.map([0.8, 0.8, 0.8, 0.0]))  # type: ignore[list-item]
    assert [o.error for o in out] == [None] * 4
    assert [o.record for o in out] == [{"slept": s} for s in (0.8, 0.8, 0.8, 0.0)]
    assert executor.restarts == 1


_HANGING_RUN = """
import sys
from cleaner.batch.executors import ProcessExecutor
from cleaner.batch.items import RecordItem
from cleaner.batch.process import Processor, RecordOptions
from tests.pipeline_helpers import HANG, HangingCleaner

executor = ProcessExecutor(Processor(HangingCleaner(), RecordOptions()), 2, None, chunk_items=1)
for outcome in executor.map(RecordItem({"text": HANG}, str(n)) for n in range(4)):
    sys.stdout.write("done\\n")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG")
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    # Both workers are deep in a document (a minute each) when the parent is killed
    # outright (no cleanup runs): the kernel kills them too.
    import psutil

    parent = subprocess.Popen([sys.executable, "-c", _HANGING_RUN], cwd=REPO,
                              env=environment(), stdout=subprocess.PIPE)
    try:
        workers: list[psutil.Process] = []
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = psutil.Process(parent.pid).children(recursive=True)
        assert len(workers) == 2
        time.sleep(1)  # each takes its document
        parent.kill()
        parent.wait(timeout=30)
        _gone, alive = psutil.wait_procs(workers, timeout=30)
        assert [w for w in alive if w.status() != psutil.STATUS_ZOMBIE] == []
    finally:
        parent.kill()
        parent.wait(timeout=30)


# ---------------------------------------------------------------- pickling


def _block(size: int, number: int = 1) -> JsonBlock:
    return JsonBlock(bytes([65 + number % 26]) * size, "in.jsonl", number)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_items_pickle_alike_at_every_protocol(protocol: int) -> None:
    # Dask and other hosts pickle items and outcomes their own way, in band.
    for size in (10, OUT_OF_BAND_BYTES):
        for value in (_block(size), Outcome(b"y" * size, rules=("r",), error="e")):
            again = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert again == value and type(again.data) is bytes


def test_serial_time_limit_interrupts_python_code() -> None:
    processor = Processor(HangingCleaner(), RecordOptions())
    items = [RecordItem({"text": t}, f"record {i}") for i, t in enumerate(["Un.", HANG, "Deux."])]
    out = [o.record for o in SerialExecutor(processor, time_limit=0.3).map(items)]
    assert out[0] is not None and out[0]["text"] == "Un.\n"
    assert out[1] is not None and "exceeded the time limit" in out[1]["error"]
    assert out[2] is not None and out[2]["text"] == "Deux.\n"


class _Busy:
    """Works (in Python, so that the alarm can interrupt it) for as long as each item says."""

    def process(self, item: Any) -> Outcome:
        end = time.monotonic() + item
        while time.monotonic() < end:
            pass
        return Outcome(record={"seconds": item})

    def fail(self, item: Any, reason: str) -> Outcome:
        return Outcome(error=f"{item}: {reason}")


def test_serial_time_limit_counts_from_each_item_start() -> None:
    """The timer is set once: items under the limit pass however long the run, an item
    over it fails after the limit (not before, not much later), and so does one after a
    pause between items longer than the limit."""
    limit = 0.25
    outcomes = SerialExecutor(_Busy(), time_limit=limit).map(
        [0.15, 0.15, 0.15, 0.15, 0.6, 0.15, 0.6, 0.0])
    for _ in range(4):
        assert next(outcomes).error is None
    started = time.monotonic()
    failed = next(outcomes)
    assert failed.error is not None and "exceeded the time limit" in failed.error
    assert limit <= time.monotonic() - started < 0.5
    assert next(outcomes).error is None  # the timer runs again after it rang
    time.sleep(2 * limit)  # the alarm rings between items: nothing happens
    started = time.monotonic()
    assert next(outcomes).error is not None
    assert limit <= time.monotonic() - started < 0.5
    assert next(outcomes).error is None
    assert next(outcomes, None) is None
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# ---------------------------------------------------------------- readers


def test_jsonl_compressions_read_the_same(tmp_path: Path) -> None:
    data = jsonl(seed_records(5))
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data) + gzip.compress(data))
    (tmp_path / "a.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    plain = [i.data for i in read_jsonl(str(tmp_path / "a.jsonl"), "a")]
    assert len(plain) == 5
    assert [i.data for i in read_jsonl(str(tmp_path / "a.jsonl.gz"), "a")] == plain * 2
    assert [i.data for i in read_jsonl(str(tmp_path / "a.jsonl.zst"), "a")] == plain


def test_truncated_gzip_keeps_the_lines_before_and_says_so(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "ligne %d"}\n' % i for i in range(3000))
    (tmp_path / "t.jsonl.gz").write_bytes(gzip.compress(lines)[:-200])
    items = list(read_jsonl(str(tmp_path / "t.jsonl.gz"), "t.jsonl.gz"))
    complete = [i for i in items if isinstance(i, JsonLine) and i.data.endswith(b"\n")]
    assert len(complete) > 2900
    assert [i.data for i in complete] == lines.splitlines(keepends=True)[: len(complete)]
    assert "truncated gzip" in getattr(items[-1], "message", "")


def _lines_of(items: list[Any]) -> list[Any]:
    """Blocks (and ranges) opened into their lines; other items as they are."""
    blocks = [item.read() if isinstance(item, JsonRange) else item for item in items]
    return [line for item in blocks
            for line in (item.lines() if isinstance(item, JsonBlock) else [item])]


@pytest.mark.parametrize("size", [1, 7, 64, 1000, 1 << 17])
def test_blocks_hold_the_lines_read_one_by_one(tmp_path: Path, size: int) -> None:
    data = jsonl(seed_records(6)) + b"\n\n" + b'{"text": "pas de fin de ligne"}'
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "t.jsonl.gz").write_bytes(gzip.compress(data * 200)[:-100])
    for name in ("a.jsonl", "a.jsonl.gz", "t.jsonl.gz"):
        path = str(tmp_path / name)
        one_by_one = list(read_jsonl(path, name))
        assert _lines_of(list(read_jsonl_blocks(path, name, size))) == one_by_one, name
        ranges = list(read_jsonl_ranges(path, name, size))
        assert _lines_of(ranges) == one_by_one, name
        # Positions for the plain file, which the workers read; the bytes for the others.
        assert any(isinstance(r, JsonRange) for r in ranges) == (name == "a.jsonl")
    assert "truncated gzip" in getattr(one_by_one[-1], "message", "")


@pytest.mark.parametrize("size", [7, 1000, 1 << 17])
def test_a_line_over_the_size_limit_is_refused_unread(tmp_path: Path, size: int) -> None:
    long = b'{"text": "' + b"x" * 3000 + b'"}\n'
    data = b'{"text": "a"}\n' + long + b'{"text": "b"}\n' + long * 2 + b"{}\n" + long[:-1]
    (tmp_path / "a.jsonl").write_bytes(data)
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "a.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    expected = [JsonLine(b'{"text": "a"}\n', "a:1"), Failed(TOO_LARGE, "a:2"),
                JsonLine(b'{"text": "b"}\n', "a:3"), Failed(TOO_LARGE, "a:4"),
                Failed(TOO_LARGE, "a:5"), JsonLine(b"{}\n", "a:6"),
                Failed("document too large (3012 bytes > 1000)", "a:7")]
    for name in ("a.jsonl", "a.jsonl.gz", "a.jsonl.zst"):
        path = str(tmp_path / name)
        assert list(read_jsonl(path, "a", 1000)) == expected
        assert _lines_of(list(read_jsonl_blocks(path, "a", size, 1000))) == expected
        assert _lines_of(list(read_jsonl_ranges(path, "a", size, 1000))) == expected
        # No limit: every line as it is.
        assert b"".join(i.data for i in read_jsonl(path, "a")) == data


TOO_LARGE = "document too large (3013 bytes > 1000)"


def test_compressed_input_reads_in_bounded_pieces_and_stops_a_bomb(tmp_path: Path) -> None:
    from cleaner.batch.inflate import RATIO_FLOOR, damage, open_binary

    zeros = bytes(RATIO_FLOOR + (1 << 20))
    (tmp_path / "z.jsonl.gz").write_bytes(gzip.compress(zeros, 1))
    (tmp_path / "z.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(zeros))
    for name in ("z.jsonl.gz", "z.jsonl.zst"):
        with open_binary(str(tmp_path / name)) as stream:
            raw = stream.raw  # type: ignore[attr-defined]
            biggest = 0
            while piece := raw.read(1 << 16):
                biggest = max(biggest, len(raw._pending) + len(piece))
            assert raw.position <= RATIO_FLOOR + (64 << 20)
            assert biggest <= 64 << 20  # never all of it at once
            assert "expands over 200 times (a compression bomb?)" in (damage(stream) or "")


def test_a_range_of_a_file_that_changed_is_an_error_not_a_crash(tmp_path: Path,
                                                                cleaner: Cleaner) -> None:
    (tmp_path / "a.jsonl").write_bytes(jsonl(seed_records(3)))
    [whole] = list(read_jsonl_ranges(str(tmp_path / "a.jsonl"), "a.jsonl"))
    (tmp_path / "a.jsonl").write_bytes(b"{}\n")
    outcome = Processor(cleaner, RecordOptions()).process(whole)
    assert outcome.error is not None and "a.jsonl: input broken" in outcome.error


@pytest.mark.parametrize("marker", [HANG, CRASH])
def test_a_line_over_the_limit_in_a_block_fails_alone(tmp_path: Path, marker: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Blocks of a few lines; the bad line's chunk runs again line by line.
    monkeypatch.setattr(readers, "BLOCK_BYTES", 3000)
    records = seed_records(30)
    records[9]["text"] += f"\n{marker}\n"
    (tmp_path / "in.jsonl").write_bytes(jsonl(records))
    jobs = plan_jobs([str(tmp_path / "in.jsonl")], str(tmp_path / "out.jsonl"))
    executor = ProcessExecutor(Processor(HangingCleaner(), RecordOptions()), 2, POOL_LIMIT,
                               chunk_items=2)
    errors: list[str] = []
    stats = run_jobs(jobs, executor, RunOptions(progress=False, on_error=errors.append))
    out = read_jsonl_file(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == list(range(30))
    assert [i for i, r in enumerate(out) if "error" in r] == [9]
    assert len(errors) == stats.errors == 1 and "in.jsonl:10" in errors[0]
    assert stats.documents == 30 and executor.restarts == 2
    (tmp_path / "good.jsonl").write_bytes(jsonl(records[:9] + records[10:]))
    serial = plan_jobs([str(tmp_path / "good.jsonl")], str(tmp_path / "serial.jsonl"))
    run_jobs(serial, SerialExecutor(Processor(Cleaner(), RecordOptions())),
             RunOptions(progress=False))
    assert out[:9] + out[10:] == read_jsonl_file(tmp_path / "serial.jsonl")


def test_walk_is_sorted_recursive_filtered_and_skips_hidden_and_output(tmp_path: Path) -> None:
    for name in ("b/x.jsonl", "a.jsonl", "b/.hidden.jsonl", "c.txt", "out/y.jsonl", ".d/z.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}\n")
    found = [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path, "*.jsonl",
                                                              exclude=tmp_path / "out")]
    assert found == ["a.jsonl", "b/x.jsonl"]


# ---------------------------------------------------------------- the batch command


def run_cli(args: list[str | Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def wants_batch(argv: list[str]) -> bool:
    return is_batch(parse_options(build_parser(), argv))


def test_the_inputs_choose_a_batch_run(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    assert wants_batch(["x.jsonl"]) and wants_batch(["c.warc.gz", "-o", "o"])
    assert wants_batch(["--input-format", "jsonl"]) and wants_batch(["a.txt", "-o", "out/"])
    assert wants_batch([str(tmp_path / "d"), "-o", "out"])
    assert wants_batch(["a.txt", "-o", str(tmp_path / "d")])  # an existing folder
    assert not wants_batch([str(tmp_path / "d")])  # the usual "is a directory" error
    assert not wants_batch(["a.txt", "-o", "out.jsonl"])
    assert not wants_batch(["--explain", "a.txt"])
    # Options do not choose the run: a batch option on text files alone is refused.
    assert not wants_batch(["a.txt", "--jobs", "2"]) and not wants_batch(["--stats=s.json"])


def test_jsonl_run_one_record_per_line_in_order(tmp_path: Path, cleaner: Cleaner,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    records = seed_records(9)
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(records[:4]) + b"\n{not json\n[1, 2]\n" + jsonl(records[4:]))
    status, _out, err = run_cli([source, "-o", tmp_path / "out.jsonl", "--jobs", "2",
                                "--stats", tmp_path / "stats.json"], capsys)
    assert status == 1
    got = read_jsonl_file(tmp_path / "out.jsonl")
    assert len(got) == 11  # the blank line is no record; the two bad ones are kept
    assert [r.get("id") for r in got] == [0, 1, 2, 3, None, None, 4, 5, 6, 7, 8]
    assert got[4] == {"raw": "{not json", "error": got[4]["error"]}
    assert got[4]["error"].startswith(f"{source}:6: malformed JSON")
    assert got[5]["error"] == f"{source}:7: not a JSON object"
    assert got[0]["text"] == cleaner.clean(records[0]["text"]).text
    assert f"clean: {source}:6: malformed JSON" in err
    assert "11 documents, 2 errors" in err
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["documents"] == 11 and stats["errors"] == 2
    removed = sum(len(cleaner.clean(r["text"]).removed) for r in records)
    assert stats["removed_lines"] == removed == sum(stats["removals"].values())
    assert stats["bytes_in"] == source.stat().st_size
    assert stats["bytes_out"] == (tmp_path / "out.jsonl").stat().st_size


def test_jsonl_to_stdout_and_compressed_output(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl.zst"
    source.write_bytes(zstandard.ZstdCompressor().compress(jsonl(seed_records(3))))
    status, out, _ = run_cli([source, "-q", "-j", "1"], capsys)
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [0, 1, 2]
    status, _, _ = run_cli([source, "-o", tmp_path / "out.jsonl.gz", "-q"], capsys)
    assert read_jsonl_file(tmp_path / "out.jsonl.gz") == [json.loads(x) for x in out.splitlines()]


def test_folder_run_mirrors_the_tree_and_reports_bad_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path)
    (corpus / "texts" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (corpus / "d.jsonl.gz").write_bytes(gzip.compress(jsonl(seed_records(400)))[:-300])
    status, _, err = run_cli([corpus, "-o", tmp_path / "out", "--jobs", "2"], capsys)
    assert status == 1
    out = tree(tmp_path / "out")
    assert sorted(out) == ["a.jsonl", "b.jsonl.gz", "c.ndjson", "d.jsonl.gz",
                           "texts/aggregator-ap.txt", "texts/aggregator-skynews.txt",
                           "texts/deep/aggregator-cnn.txt", "texts/deep/euronews.txt",
                           "texts/seneplus.txt"]  # no image, no temporary file
    assert "texts/image.png: input is binary (PNG image), not text" in err
    assert "d.jsonl.gz: input broken after line" in err
    assert "truncated gzip" in err
    recovered = read_jsonl_file(tmp_path / "out" / "d.jsonl.gz")
    assert len(recovered) > 300 and "error" in recovered[-1]
    clean_ap = Cleaner().clean_bytes((corpus / "texts" / "aggregator-ap.txt").read_bytes()).text
    assert out["texts/aggregator-ap.txt"] == clean_ap.encode()


def test_folder_needs_an_output_folder_and_inputs_cannot_clash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path)
    status, _, err = run_cli([corpus, "--jobs", "1"], capsys)
    assert status == 2 and "give an output folder with -o DIR" in err
    status, _, err = run_cli([corpus / "a.jsonl", "-o", corpus / "a.jsonl"], capsys)
    assert status == 2 and "would overwrite the input" in err


def test_glob_and_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    status, _, _ = run_cli([corpus, "-o", out, "--glob", "*.jsonl*", "-q"], capsys)
    assert status == 1  # a.jsonl has a malformed line
    assert sorted(tree(out)) == ["a.jsonl", "b.jsonl.gz"]
    (out / "a.jsonl").write_text("kept\n")
    _status, _, err = run_cli([corpus, "-o", out, "--resume", "-j", "1"], capsys)
    assert "2 inputs already done (--resume)" in err
    assert (out / "a.jsonl").read_text() == "kept\n"
    assert "c.ndjson" in tree(out) and "texts/seneplus.txt" in tree(out)


def test_equivalence_serial_and_two_jobs(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path)
    for jobs in ("1", "2"):
        run_cli([corpus, "-o", tmp_path / f"out{jobs}", "--jobs", jobs, "-q"], capsys)
    assert tree(tmp_path / "out1") == tree(tmp_path / "out2")
    assert len(tree(tmp_path / "out1")) == 8


def test_two_jobs_over_many_chunks_match_serial(tmp_path: Path, cleaner: Cleaner,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # More chunks than the window holds, each way: order and bytes as in a serial run; the
    # results cross in spill files, which are gone afterwards.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    records = seed_records(600)
    corpus = tmp_path / "big.jsonl"
    corpus.write_bytes(jsonl(records))
    assert corpus.stat().st_size > 4 * (1 << 19)
    processor = Processor(cleaner, RecordOptions())
    for name, executor in (("serial", SerialExecutor(processor, 30.0)),
                           ("jobs2", ProcessExecutor(processor, 2, 30.0, chunk_bytes=1 << 17))):
        run_jobs(plan_jobs([str(corpus)], str(tmp_path / f"{name}.jsonl")), executor,
                 RunOptions(progress=False))
    assert (tmp_path / "jobs2.jsonl").read_bytes() == (tmp_path / "serial.jsonl").read_bytes()
    assert list((tmp_path / "temp").iterdir()) == []


# ---------------------------------------------------------------- as a user runs it


def popen(*args: str | Path, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment())


def test_output_pipe_closed_early_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "big.jsonl").write_bytes(jsonl(seed_records(600)))
    process = popen("big.jsonl", "--jobs", "2", cwd=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    status = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    assert json.loads(first)["id"] == 0
    assert status == 141, stderr
    assert stderr == ""


def slow_corpus(root: Path) -> Path:
    """Four shards; the second opens with a 2.5 MB document (a good fraction of a second to
    clean, however fast the engine), so a run is caught mid-way right after the first shard's
    output appears."""
    corpus = root / "corpus"
    corpus.mkdir()
    texts = [r["text"] for r in seed_records(5)]
    big = "\n\n".join(t.replace("Le ", f"Le {n} ") for n, t in
                       zip(range(600), texts * 120, strict=False))
    for number in range(4):
        records = seed_records(20)
        if number == 1:
            records.insert(0, {"id": -1, "text": big})
        (corpus / f"shard-{number}.jsonl").write_bytes(jsonl(records))
    return corpus


def wait_for_first_output(out: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not (out / "shard-0.jsonl").exists() and time.monotonic() < deadline:
        assert process.poll() is None
        time.sleep(0.01)


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_leaves_complete_files_and_resume_finishes(tmp_path: Path, sig: int,
                                                             status: int) -> None:
    corpus = slow_corpus(tmp_path)
    out = tmp_path / "out"
    process = popen(corpus, "-o", out, "--jobs", "2", cwd=tmp_path)
    wait_for_first_output(out, process)
    process.send_signal(sig)
    assert process.wait(timeout=30) == status
    assert sorted(p.name for p in out.iterdir()) == ["shard-0.jsonl"]  # no temporary file
    assert [r["id"] for r in read_jsonl_file(out / "shard-0.jsonl")] == list(range(20))
    if sig == signal.SIGTERM:
        return
    resumed = subprocess.run([sys.executable, "-m", "cleaner", str(corpus), "-o", str(out),
                              "--resume", "--jobs", "2", "--stats", str(tmp_path / "s.json")],
                             cwd=tmp_path, env=environment(), capture_output=True, timeout=120,
                             check=False)
    assert resumed.returncode == 0, resumed.stderr
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["skipped_inputs"] == 1
    assert stats["documents"] == 3 * 20 + 1
    assert sorted(p.name for p in out.iterdir()) == [f"shard-{n}.jsonl" for n in range(4)]
    for path in out.iterdir():
        ids = [r["id"] for r in read_jsonl_file(path)]
        assert ids == ([-1] if path.name == "shard-1.jsonl" else []) + list(range(20))


def test_stdin_jsonl(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cleaner", "--input-format", "jsonl", "-q"],
                          input=jsonl(seed_records(2)), capture_output=True, cwd=tmp_path,
                          env=environment(), timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert [json.loads(x)["id"] for x in done.stdout.splitlines()] == [0, 1]


@pytest.mark.skipif(os.name != "posix", reason="fork-based workers")
def test_no_worker_left_behind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import multiprocessing

    (tmp_path / "a.jsonl").write_bytes(jsonl(seed_records(20)))
    run_cli([tmp_path / "a.jsonl", "-o", tmp_path / "b.jsonl", "--jobs", "2", "-q"], capsys)
    assert multiprocessing.active_children() == []


# ---------------------------------------------------------------- WARC


WARC_FIXTURE = REPO / "fixtures" / "warc" / "seeds.warc.gz"


def test_warc_fixture_is_what_its_script_builds() -> None:
    from .make_warc_fixture import build

    assert WARC_FIXTURE.read_bytes() == build()


def test_warc_reading_records_urls_headers_and_charset(tmp_path: Path) -> None:
    from cleaner.batch.items import WarcDoc
    from cleaner.batch.readers import read_warc

    from . import warcs

    docs = list(read_warc(str(WARC_FIXTURE), "seeds"))
    assert all(isinstance(d, WarcDoc) for d in docs)
    assert [getattr(d, "url", None) for d in docs] == [
        "https://news.example.net/ap/2024/11/18/ukraine",
        "https://news.example.net/cnn/2024/11/18/ukraine",
        "https://news.example.net/sky/2024/11/18/ukraine",
        "https://fr.euronews.com/2024/11/18/ukraine-zelensky",
        "https://www.seneplus.com/politique/2024/11/18/article",
    ]  # the request, robots.txt and the image are skipped
    first = docs[0]
    assert isinstance(first, WarcDoc)
    assert first.record_id is not None and first.record_id.startswith("<urn:uuid:")
    assert first.date == "2024-11-18T10:00:00Z"
    assert (first.content_type, first.charset) == ("text/html", "utf-8")
    assert first.payload.startswith(b"<!DOCTYPE html>")
    assert first.where == "seeds#1 (https://news.example.net/ap/2024/11/18/ukraine)"

    page = "<p>Le député a présenté son rapport à l’Assemblée.</p>"
    crawl = [
        warcs.response("https://a.fr/1", page.encode("cp1252"),
                       content_type="text/html; charset=windows-1252"),
        warcs.response("https://a.fr/2", gzip.compress(page.encode()),
                       extra_headers="Content-Encoding: gzip\r\n"),
        warcs.response("https://a.fr/3", b"5\r\n<p>x<\r\n3\r\n/p>\r\n0\r\n\r\n",
                       extra_headers="Transfer-Encoding: chunked\r\n"),
        warcs.response("https://a.fr/4", b"%PDF-1.4", content_type="application/pdf"),
        warcs.response("https://a.fr/5", page.encode(), content_type="application/xhtml+xml"),
    ]
    (tmp_path / "c.warc").write_bytes(b"".join(crawl))
    got = [d for d in read_warc(str(tmp_path / "c.warc"), "c") if isinstance(d, WarcDoc)]
    assert [d.url for d in got] == ["https://a.fr/1", "https://a.fr/2", "https://a.fr/3",
                                    "https://a.fr/5"]
    assert got[0].charset == "cp1252" or got[0].charset == "windows-1252"
    from cleaner.batch.http import decode_payload

    assert decode_payload(got[0].payload, got[0].charset) == page
    assert got[1].payload == page.encode()
    assert got[2].payload == b"<p>x</p>"


def test_warc_record_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    import zlib

    from cleaner.batch.items import Failed, WarcDoc
    from cleaner.batch.readers import read_warc

    from . import warcs

    page = b"<p>" + b"x" * 2000 + b"</p>"
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    crawl = [
        warcs.response("https://a.fr/1", page),  # too large as it is
        warcs.response("https://a.fr/2", gzip.compress(page),  # once decoded (a bomb's way)
                       extra_headers="Content-Encoding: gzip\r\n"),
        warcs.response("https://a.fr/3", deflate.compress(page) + deflate.flush(),
                       extra_headers="Content-Encoding: deflate\r\n"),
        warcs.response("https://a.fr/4", page[:500]),
    ]
    (tmp_path / "c.warc").write_bytes(b"".join(crawl))
    items = list(read_warc(str(tmp_path / "c.warc"), "c", max_size=1000))
    assert [type(i) for i in items] == [Failed, Failed, Failed, WarcDoc]
    assert isinstance(items[0], Failed) and items[0].message.startswith("document too large (")
    assert [getattr(i, "message", "") for i in items[1:3]] == [
        "document too large (over 1000 bytes once decoded)"] * 2
    assert [d.payload for d in read_warc(str(tmp_path / "c.warc"), "c")
            if isinstance(d, WarcDoc)] == [page, page, page, page[:500]]


def test_warc_bodies_are_decoded_record_by_record(tmp_path: Path) -> None:
    from cleaner.batch.items import Failed, WarcDoc
    from cleaner.batch.readers import read_warc

    from . import warcs

    page = "<p>Le député a présenté son rapport à l’Assemblée.</p>".encode()
    crawl = [
        warcs.response("https://a.fr/1", gzip.compress(page[:20]) + gzip.compress(page[20:]),
                       extra_headers="Content-Encoding: gzip\r\n"),  # every member, not one
        warcs.response("https://a.fr/2", b"not gzip", extra_headers="Content-Encoding: gzip\r\n"),
        warcs.response("https://a.fr/3", page, extra_headers="Transfer-Encoding: chunked\r\n"),
        warcs.response("https://a.fr/4", page),
    ]
    (tmp_path / "c.warc").write_bytes(b"".join(crawl))
    items = list(read_warc(str(tmp_path / "c.warc"), "c"))
    assert [type(i) for i in items] == [WarcDoc, Failed, WarcDoc, WarcDoc]
    assert all(i.payload == page for i in items if isinstance(i, WarcDoc))
    failed = items[1]
    assert isinstance(failed, Failed) and "cannot undo Content-Encoding 'gzip'" in failed.message


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_damage_keeps_the_records_before_and_reports(tmp_path: Path,
                                                          compressed: bool) -> None:
    from cleaner.batch.items import Failed, WarcDoc
    from cleaner.batch.readers import read_warc

    from . import warcs

    crawl = [warcs.response(f"https://a.fr/{n}", f"<p>Page {n}</p>".encode() * 40)
             for n in range(4)]
    data = warcs.gzipped(crawl) if compressed else b"".join(crawl)
    name = tmp_path / ("t.warc.gz" if compressed else "t.warc")
    name.write_bytes(data[:-150])
    items = list(read_warc(str(name), "t"))
    assert [getattr(i, "url", None) for i in items if isinstance(i, WarcDoc)] == [
        "https://a.fr/0", "https://a.fr/1", "https://a.fr/2"]
    failures = [i for i in items if isinstance(i, Failed)]
    assert failures, items
    assert all("cut short" in f.message or "truncated gzip" in f.message for f in failures)


def test_warc_run_gives_clean_records(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_cli([WARC_FIXTURE, "-o", tmp_path / "o.jsonl", "--jobs", "2"], capsys)
    assert status == 0, err
    records = read_jsonl_file(tmp_path / "o.jsonl")
    assert len(records) == 5
    euronews = records[3]
    assert euronews["url"] == "https://fr.euronews.com/2024/11/18/ukraine-zelensky"
    assert euronews["warc_record_id"].startswith("<urn:uuid:")
    assert euronews["cleaner"]["site"] == "euronews.com"
    assert "Zelensky" in euronews["text"]
    assert "Accueil" not in euronews["text"]


def test_progress_bar_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.jsonl").write_bytes(jsonl(seed_records(30)))
    status, _, err = run_cli([tmp_path / "a.jsonl", "-o", tmp_path / "b.jsonl", "-j", "1",
                              "--progress"], capsys)
    assert status == 0
    assert "30 docs, 0 errors" in err and "B/s" in err
    _, _, quiet = run_cli([tmp_path / "a.jsonl", "-o", tmp_path / "c.jsonl", "-j", "1"], capsys)
    assert "docs" not in quiet  # stderr is no terminal: no bar, just the summary
    assert quiet.startswith("clean: 30 documents, 0 errors")


# ---------------------------------------------------------------- every field survives

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=True, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@given(fields=st.dictionaries(st.text(max_size=8).filter(lambda k: k not in ("text", "cleaner")),
                              _json_values, max_size=5))
@settings(max_examples=60, deadline=None)
def test_every_other_field_comes_out_unchanged(cleaner: Cleaner, fields: dict[str, Any]) -> None:
    processor = Processor(cleaner, RecordOptions())
    line = json.dumps({**fields, "text": "Une phrase."}, ensure_ascii=False).encode(
        "utf-8", "surrogatepass") + b"\n"
    outcome = processor.process(JsonLine(line, "x:1"))
    assert outcome.error is None
    out = json.loads(outcome.data)
    assert out.pop("text") == "Une phrase.\n"
    assert set(out.pop("cleaner")) == {"site", "lang", "removed", "repairs"}
    # json.dumps compares NaN with NaN, and keeps int/float and key order apart
    assert json.dumps(out) == json.dumps(fields)


def test_batch_runs_take_no_classify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A menu word the classifier's lexicon removes stays when only the rules decide.
    source = tmp_path / "in.jsonl"
    text = "Accueil\n\n" + "Le président a parlé devant les députés mardi soir à Paris. " * 3
    source.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    for flags, kept in (([], False), (["--no-classify"], True)):
        out = tmp_path / f"out{len(flags)}.jsonl"
        status, _, err = run_cli([source, "-o", out, *flags], capsys)
        assert status == 0, err
        record = json.loads(out.read_text(encoding="utf-8"))
        assert ("Accueil" in record["text"]) is kept


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=12)


@settings(max_examples=300)
@given(json_values, st.booleans())
def test_a_json_line_reads_as_the_standard_library_reads_it(value: Any, ascii_only: bool) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    decoded, fast = decode_json(data)
    expected = json.loads(data)
    assert json.dumps(decoded) == json.dumps(expected)  # NaN-safe, and int stays int
    assert repr(decoded) == repr(expected)
    # What is written back reads as the same value, whichever writer wrote it.
    assert repr(json.loads(encode(decoded, fast=fast))) == repr(expected)
