"""Dask: a real LocalCluster (2 worker processes on 127.0.0.1) started and stopped here.

The cluster is shared by the tests of this module (starting one takes a few seconds).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Cleaner, clean_records
from cleaner.cli import main as cli

from .pipeline_helpers import SlowProcessor, jsonl, seed_records, tree, write_corpus

REPO = Path(__file__).resolve().parent.parent

dask = pytest.importorskip("dask")  # in the test extra; the skip is for bare installs only
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from cleaner.batch.executors import SerialExecutor  # noqa: E402
from cleaner.batch.items import RecordItem  # noqa: E402
from cleaner.batch.process import Processor, RecordOptions  # noqa: E402
from cleaner.batch.run import RunOptions, plan_jobs, run_jobs  # noqa: E402
from cleaner.dask import DaskExecutor, clean_bag, clean_dataframe, clean_files  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


def test_serial_two_jobs_and_dask_give_identical_files(
        tmp_path: Path, client: distributed.Client, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path)
    address = client.scheduler.address
    assert address is not None
    statuses = [cli.main([str(corpus), "-o", str(tmp_path / name), *extra, "-q"])
                for name, extra in (("serial", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"]),
                                    ("dask", ["--dask", address]))]
    assert statuses == [1, 1, 1]  # the corpus has one malformed line, reported each time
    serial = tree(tmp_path / "serial")
    assert len(serial) == 8
    assert tree(tmp_path / "jobs2") == serial
    assert tree(tmp_path / "dask") == serial
    stats = clean_files([str(corpus)], str(tmp_path / "api"), client=client)
    assert tree(tmp_path / "api") == serial
    assert stats.documents == 31 + 5 and stats.errors == 1


def test_bag_and_dataframe_match_clean_records(client: distributed.Client,
                                               cleaner: Cleaner) -> None:
    records = seed_records(12)
    records[4] = {"id": 4, "meta": None, "text": None}
    expected = list(clean_records(records, cleaner=cleaner))
    bag = db.from_sequence(records, npartitions=3)
    got = clean_bag(bag).compute()
    # Error messages number records within their partition: "record 1", not "record 5".
    assert got[4].pop("error") == "record 1: no 'text' field with a string"
    assert expected[4].pop("error") == "record 5: no 'text' field with a string"
    assert got == expected
    frame = dd.from_pandas(pd.DataFrame({"id": [r["id"] for r in records],
                                         "text": [r["text"] for r in records]}),
                           npartitions=3)
    cleaned = clean_dataframe(frame).compute()
    assert list(cleaned.columns) == ["id", "text", "cleaner", "error"]
    assert list(cleaned["text"]) == [r["text"] for r in expected]
    assert list(cleaned["cleaner"]) == [r.get("cleaner") for r in expected]
    assert [e is not None for e in cleaned["error"]] == [i == 4 for i in range(12)]


def test_a_worker_restarted_mid_run_loses_and_duplicates_nothing(
        tmp_path: Path, client: distributed.Client) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(jsonl(seed_records(120)))
    jobs = plan_jobs([str(source)], str(tmp_path / "local.jsonl"))
    run_jobs(jobs, SerialExecutor(Processor(Cleaner(), RecordOptions())), RunOptions())
    processor = SlowProcessor(Cleaner(), RecordOptions())
    warm_up = [RecordItem(record, "warm-up") for record in seed_records(4)]
    assert len(list(DaskExecutor(client, processor, chunk_items=1).map(warm_up))) == 4
    workers = list(client.scheduler_info()["workers"])
    victim = workers[0]

    def kill() -> None:
        # The nanny restarts the worker; the scheduler reruns the tasks it held.
        client.restart_workers([victim])

    timer = threading.Timer(0.6, kill)
    timer.start()
    try:
        jobs = plan_jobs([str(source)], str(tmp_path / "dask.jsonl"))
        stats = run_jobs(jobs, DaskExecutor(client, processor, chunk_items=10), RunOptions())
    finally:
        timer.join()
    assert client.scheduler_info()["workers"].keys() != set(workers)  # a new worker came
    assert stats.seconds > 0.6  # the worker went while the run was going on
    assert stats.documents == 120 and stats.errors == 0
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_bag_mapped_with_a_user_built_cleaner(client: distributed.Client, tmp_path: Path) -> None:
    # The natural use: a Cleaner of one's own, its bound method shipped to the workers.
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\nid = "mine.junk"\nkind = "line"\ndescription = "A test junk line."\n'
        'literal = ["ZZJUNK à enlever"]\nexamples.remove = ["ZZJUNK à enlever"]\n',
        encoding="utf-8")
    mine = Cleaner(rules=tmp_path)
    texts = [f"ZZJUNK à enlever\n{r['text']}" for r in seed_records(6)]
    cleaned = db.from_sequence(texts, npartitions=3).map(mine.clean).map(
        lambda result: result.text).compute()
    assert cleaned == [mine.clean(text).text for text in texts]


def test_bag_turns_what_is_not_a_mapping_into_an_error_record(client: distributed.Client) -> None:
    record = seed_records(1)[0]
    got = clean_bag(db.from_sequence([record, "a string"], npartitions=1)).compute()
    assert got[0]["id"] == record["id"] and "error" not in got[0]
    assert got[1] == {"raw": "a string", "error": "record 2: not a mapping (str)"}


@pytest.mark.skipif(os.name != "posix", reason="process groups, SIGINT and FIFOs")
@pytest.mark.parametrize("where", [["--jobs", "2"], ["--dask", "local", "--jobs", "2"]])
def test_ctrl_c_is_quiet_on_a_local_cluster_as_in_a_local_run(tmp_path: Path,
                                                               where: list[str]) -> None:
    # Ctrl-C on a terminal signals every process of the run, workers included. The input is a
    # FIFO held open until then, so the run is still going when the signal comes.
    os.mkfifo(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    # A shell starts background jobs with Ctrl-C ignored, which their children inherit; a
    # handler is not inherited: the run takes Ctrl-C however these tests were started.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen([sys.executable, "-m", "cleaner", "in.jsonl", "-o",
                                    str(out / "in.jsonl"), *where], cwd=tmp_path, env=env,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        with open(tmp_path / "in.jsonl", "wb") as fifo:
            fifo.write(jsonl(seed_records(1)) * 8000)  # chunks enough for outputs to begin
            fifo.flush()
            deadline = time.monotonic() + 120
            while not list(out.glob(".in.jsonl.*")):  # the cluster runs and results come
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.01)
            os.killpg(process.pid, signal.SIGINT)
        # The FIFO closed: a read that began as the signal came (too late to be interrupted)
        # ends, and the run sees the signal.
        status = process.wait(timeout=60)
        assert process.stderr is not None
        stderr = process.stderr.read()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert (status, stderr) == (130, "")
    assert list(out.iterdir()) == []  # no temporary file left
