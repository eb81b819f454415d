"""Cleaning on a Dask cluster: ``pip install "cleaner[dask]"``.

Three entry points, all giving the same output as a local run:

- `clean_bag(bag, **options)`: a dask.bag of record dicts → a bag of cleaned records;
- `clean_dataframe(df, **options)`: a dask.dataframe → the same frame with the text
  column cleaned and ``cleaner`` and ``error`` columns added;
- `clean_files(inputs, output, client=...)`: files and folders (JSONL, WARC, text)
  cleaned as ``clean INPUT... -o OUTPUT --dask ADDRESS`` does.

`options` are those of `cleaner.clean_records` (``text_field``, ``html_field``,
``url_field``, ``id_field``, ``site``, ``typography``, ``rules``...). Workers
compile the rules once per process. A worker that dies mid-run is replaced
by the scheduler and its tasks run again elsewhere: cleaning is a pure
function, so nothing is lost or duplicated.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, Future, LocalCluster

from cleaner.batch import build_processor
from cleaner.batch.executors import chunked, default_jobs
from cleaner.batch.items import Item, Outcome, Record, record_item
from cleaner.batch.process import Processor
from cleaner.batch.run import RunOptions, plan_jobs, run_jobs
from cleaner.batch.stats import Stats

__all__ = ["DaskExecutor", "clean_bag", "clean_dataframe", "clean_files", "connect"]

CHUNK_ITEMS = 1024
CHUNK_BYTES = 4 << 20


@contextlib.contextmanager
def connect(address: str, workers: int = 0) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a new local cluster for ``local``.

    The local cluster has `workers` single-threaded worker processes (0: one
    per core) on 127.0.0.1, and is shut down on exit. Its workers ignore Ctrl-C
    (see `dask_setup`) and log only what is critical: the run reports its own
    errors, and a worker whose heartbeat meets a scheduler already closing (Ctrl-C
    on a loaded machine) would print a traceback that is no news. When the
    block ends with an exception (Ctrl-C, a full disk), distributed's loggers of
    this process are silenced while the cluster closes: the exception says what
    happened, and the tasks the closing cancels are no news.
    """
    with contextlib.ExitStack() as stack:
        quiet = _QuietLoggers()
        stack.callback(quiet.restore)  # the first in: the last out, once all is closed
        if address == "local":
            # The scheduler's HTTP server (metrics) on a free port: on the default one,
            # taken whenever another cluster runs, it would warn that it moved.
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address="127.0.0.1:0",
                scheduler_kwargs={"dashboard": False}, silence_logs=logging.CRITICAL,
                preload=[__name__]))
            client = stack.enter_context(Client(cluster))
        else:
            client = stack.enter_context(Client(address))
        try:
            yield client
        except BaseException:
            quiet.silence()
            raise


def dask_setup(worker: Any) -> None:
    """Run by each worker of `connect`'s local cluster as it starts (a Dask preload).

    Ctrl-C on a terminal reaches every process of the run: the workers leave it
    to the parent, which stops them; a worker that took it would print a
    KeyboardInterrupt traceback.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


class _QuietLoggers:
    """distributed's loggers silenced, then put back as they were."""

    def __init__(self) -> None:
        self.levels: dict[logging.Logger, int] = {}

    def silence(self) -> None:
        for name in ["distributed", *logging.Logger.manager.loggerDict]:
            if name == "distributed" or name.startswith("distributed."):
                logger = logging.getLogger(name)
                self.levels.setdefault(logger, logger.level)
                logger.setLevel(logging.CRITICAL + 1)

    def restore(self) -> None:
        for logger, level in self.levels.items():
            logger.setLevel(level)
        self.levels.clear()


class DaskExecutor:
    """Items cleaned in chunks on a Dask cluster, yielded in input order.

    At most `max_in_flight` chunks (default: two per worker thread) are
    submitted at a time, so the parent's memory stays bounded.
    """

    def __init__(self, client: Client, processor: Processor, *,
                 chunk_items: int = CHUNK_ITEMS, chunk_bytes: int = CHUNK_BYTES,
                 max_in_flight: int | None = None) -> None:
        self.client = client
        self.processor = processor
        self.chunk_items = chunk_items
        self.chunk_bytes = chunk_bytes
        threads = sum(client.nthreads().values()) or 1
        self.max_in_flight = max_in_flight or 2 * threads

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        pending: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in chunked(items, self.chunk_items, self.chunk_bytes):
                pending.append(self.client.submit(_process_chunk, self.processor, chunk,
                                                  pure=False))
                while len(pending) >= self.max_in_flight:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            if pending:
                self.client.cancel(list(pending))


def _process_chunk(processor: Processor, items: list[Item]) -> list[Outcome]:
    return [processor.process(item) for item in items]


def clean_bag(bag: db.Bag, **options: Any) -> db.Bag:
    """A bag of record dicts → a bag of cleaned records (same partitions, same order).

    The records are those `cleaner.clean_records` gives, except that an error
    message without an ``id_field`` numbers the record within its partition.
    """
    return bag.map_partitions(_clean_partition, build_processor(**options))


def _clean_partition(records: Iterable[Record], processor: Processor) -> list[Record]:
    cleaned = []
    for number, record in enumerate(records, 1):
        outcome = processor.process(record_item(record, f"record {number}"))
        assert outcome.record is not None
        cleaned.append(outcome.record)
    return cleaned


def clean_dataframe(frame: dd.DataFrame, **options: Any) -> dd.DataFrame:
    """The text column cleaned, plus ``cleaner`` (a dict) and ``error`` (None or why) columns."""
    processor = build_processor(**options)
    meta = frame._meta.copy()
    meta["cleaner"] = pd.Series(dtype=object)
    meta["error"] = pd.Series(dtype=object)
    return frame.map_partitions(_clean_frame, processor, meta=meta)


def _clean_frame(frame: pd.DataFrame, processor: Processor) -> pd.DataFrame:
    records = [{k: (None if _missing(v) else v) for k, v in row.items()}
               for row in frame.to_dict("records")]
    cleaned = _clean_partition(records, processor)
    columns = [*frame.columns, "cleaner", "error"]
    out = pd.DataFrame({name: pd.Series([record.get(name) for record in cleaned],
                                        index=frame.index, dtype=object)
                        for name in columns})
    for name in frame.columns:
        if name != processor.options.text_field:
            out[name] = frame[name]
    return out


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_files(inputs: Sequence[str], output: str | None, *, client: Client,
                input_format: str | None = None, glob: str | None = None,
                resume: bool = False, **options: Any) -> Stats:
    """Clean files and folders on the cluster, writing what ``clean ... -o OUTPUT`` writes.

    The client process reads the inputs and writes the outputs (atomically,
    in order); the workers clean. Returns the run's `Stats`.
    """
    jobs = plan_jobs(inputs, output, fmt=input_format, pattern=glob)
    executor = DaskExecutor(client, build_processor(**options))
    return run_jobs(jobs, executor, RunOptions(resume=resume, progress=False,
                                               max_size=options.get("max_size", 0)))
