"""Executors: clean a stream of items in order, serially or in a pool of worker processes.

Every executor yields exactly one `Outcome` per item, in input order, and
holds a bounded number of items at a time (so memory does not grow with the
input). The serial executor cleans each document under `cleaner.limits.time_limit`
(the process's one timer). The process executor is a `pebble.ProcessPool`:
items go to it in chunks, one task each, at most `WINDOW` tasks per worker in
flight, their results taken in input order. Pebble kills and replaces a worker
whose task runs over the time limit, or that dies; that chunk's documents then
run again one by one, each a task with the limit, so that exactly the document
at fault becomes an error and the others come out as in a serial run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from cleaner.batch.items import (
    EndOfInput,
    Item,
    JsonBlock,
    JsonRange,
    Outcome,
    combined,
    item_size,
)
from cleaner.limits import Limit, TimeLimitExceeded, owned, time_limit

# pebble (with multiprocessing, threads, pipes) is imported by the process executor's
# code only: a serial run (--jobs 1) never needs it.
if TYPE_CHECKING:
    from pebble import ProcessFuture, ProcessPool

CHUNK_ITEMS = 256
CHUNK_BYTES = 1 << 19
# Tasks in flight per worker: the one it cleans, the next one (already in the pool's pipe
# when it finishes), and finished ones waiting for an earlier one to be yielded.
WINDOW = 4
# How often pebble's threads look at the pool (see `ProcessExecutor._start`).
POLL_SECONDS = 0.02
# The size asked for the pool's pipes: two chunks (Linux allows up to 1 MB unprivileged).
PIPE_BYTES = 2 * CHUNK_BYTES


class Processes(Protocol):
    def process(self, item: Item) -> Outcome: ...


class Executor(Protocol):
    """Maps items to outcomes, one each, in order."""

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]: ...


def chunked(items: Iterable[Item], max_items: int = CHUNK_ITEMS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[Item]]:
    """Consecutive items grouped by count and weight, never across the end of an input.

    >>> from cleaner.batch.items import JsonLine
    >>> [len(c) for c in chunked([JsonLine(b"x" * 10, "") for _ in range(5)], 2, 100)]
    [2, 2, 1]
    >>> [len(c) for c in chunked([JsonLine(b"x" * 60, "") for _ in range(3)], 9, 100)]
    [2, 1]
    """
    chunk: list[Item] = []
    weight = 0
    for item in items:
        chunk.append(item)
        weight += item_size(item)
        # A chunk ends with its input, so that an output is finished as soon as it can be.
        if len(chunk) >= max_items or weight >= max_bytes or isinstance(item, EndOfInput):
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def time_limit_message(seconds: float) -> str:
    """The error of a document over the limit, the same whichever executor ran it."""
    return f"exceeded the time limit ({seconds:g} s per document)"


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _failed(item: Item, reason: str, processor: Processes) -> Outcome:
    """The error outcome of an item that could not be processed at all."""
    fail: Callable[[Item, str], Outcome] | None = getattr(processor, "fail", None)
    if fail is not None:
        return fail(item, reason)
    return Outcome(error=f"{getattr(item, 'where', '?')}: {reason}")


# ---------------------------------------------------------------- serial


class SerialExecutor:
    """Items cleaned one by one in this process, each within the time limit.

    The limit is the process's timer (`cleaner.limits`): it needs the main
    thread of a Unix process and stops Python code only (not one long C call);
    elsewhere a document is not limited. The process executor enforces the limit
    on any code by killing the worker.
    """

    def __init__(self, processor: Processes, time_limit: float | None = None) -> None:
        self.processor = processor
        self.time_limit = time_limit

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        if not self.time_limit:
            for item in items:
                yield self.processor.process(item)
            return
        # One limit for the run, restarted per document: no system call per document.
        with owned(), time_limit(self.time_limit) as limit:
            limit.pause()
            for item in items:
                yield self._limited(item, limit)

    def _limited(self, item: Item, limit: Limit) -> Outcome:
        try:
            limit.restart()
            try:
                return self.processor.process(item)
            finally:
                limit.pause()
        except TimeLimitExceeded as exc:
            if exc.limit is not limit:
                raise
            # The alarm may ring as the document ends, before the pause: then it counts.
            limit.pause()
            return _failed(item, time_limit_message(limit.seconds or 0), self.processor)


# ---------------------------------------------------------------- processes

# The processor of a worker process, set once when it starts (see `_start_worker`).
_PROCESSOR: Processes | None = None


def _start_worker(processor: Processes, parent: int) -> None:
    global _PROCESSOR
    _PROCESSOR = processor
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies, even mid-document (Linux).

    Elsewhere an idle worker still ends when the pool's pipe closes; a busy one
    only when its task does.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


# Spill files written by this worker so far (their names are unique with its pid).
_SPILLED = 0
# Results of at least this many bytes cross in a spill file rather than the pool's pipe.
SPILL_BYTES = 1 << 16
# A task's outcomes, and where their bytes are when they are not in them: a spill file
# and the size of each outcome's bytes.
_Result = tuple[list[Outcome], str | None, list[int]]


def _clean_chunk(items: list[Item], spill: str) -> _Result:
    """A task: one chunk of items, cleaned by this worker's processor.

    The outcomes' bytes, when there are many, are written to a file in the
    `spill` folder, which the parent reads back (see `_unspilled`): one copy
    each way, where the pool's pipe took five (pickling, the pipe both ways, the
    receiving buffer, unpickling), most of them in the parent, which shares the
    cores with the workers.
    """
    global _SPILLED
    processor = _PROCESSOR
    assert processor is not None, "the pool's initializer sets the processor"
    outcomes = [processor.process(item) for item in items]
    sizes = [len(outcome.data) for outcome in outcomes]
    if sum(sizes) < SPILL_BYTES:
        return outcomes, None, []
    _SPILLED += 1
    path = os.path.join(spill, f"{os.getpid()}-{_SPILLED}")
    with open(path, "wb", buffering=0) as stream:
        for outcome in outcomes:
            stream.write(outcome.data)
            outcome.data = b""
    return outcomes, path, sizes


def _unspilled(result: _Result) -> list[Outcome]:
    """The outcomes of a task, with their bytes read back from its spill file."""
    outcomes, path, sizes = result
    if path is None:
        return outcomes
    with open(path, "rb", buffering=0) as stream:
        for outcome, size in zip(outcomes, sizes, strict=True):
            outcome.data = stream.read(size) if size else b""
    os.unlink(path)
    return outcomes


def _documents(item: Item) -> list[Item]:
    """The documents of an item, to run one by one: a block's lines, else the item."""
    if isinstance(item, JsonRange):
        item = item.read()  # or the `Failed` that says why it cannot be
    return list(item.lines()) if isinstance(item, JsonBlock) else [item]


class ProcessExecutor:
    """Items cleaned by `jobs` worker processes, in order, with a per-document time limit.

    Workers are forked where possible, so they inherit the parent's compiled
    Cleaner (and any Cleaner-like object) at no cost; elsewhere the processor
    is pickled once per worker (see `Processor.__reduce__`). `restarts` counts
    the workers replaced (over the limit, or dead).
    """

    def __init__(self, processor: Processes, jobs: int, time_limit: float | None = None,
                 *, chunk_items: int = CHUNK_ITEMS, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.processor = processor
        self.jobs = max(1, jobs)
        self.time_limit = time_limit or None
        self.chunk_items = chunk_items
        self.chunk_bytes = chunk_bytes
        self.restarts = 0
        self._spill = ""  # the folder of a run's spill files (see `_clean_chunk`)

    @property
    def takes_blocks(self) -> bool:
        """JSONL comes in blocks of lines (`JsonRange`s the workers read, or `JsonBlock`s),
        which the workers split."""
        return True

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        import shutil
        import tempfile

        pool = self._start()
        self._spill = tempfile.mkdtemp(prefix="cleaner-spill-")
        window: deque[tuple[list[Item], ProcessFuture[_Result]]] = deque()
        try:
            for chunk in chunked(items, self.chunk_items, self.chunk_bytes):
                window.append((chunk, self._schedule(pool, chunk)))
                if len(window) >= WINDOW * self.jobs:
                    yield from self._outcomes(pool, *window.popleft())
            while window:
                yield from self._outcomes(pool, *window.popleft())
        finally:
            pool.stop()  # type: ignore[no-untyped-call]  # pebble leaves it unannotated
            pool.join()
            shutil.rmtree(self._spill, ignore_errors=True)

    def _start(self) -> ProcessPool:
        from pebble import ProcessPool
        from pebble.common.types import CONSTS

        # The pool's threads check timeouts and dead workers, and stopping waits for them,
        # every `sleep_unit` (0.1 s by default): a tenth of a second added to every run.
        CONSTS.sleep_unit = min(CONSTS.sleep_unit, POLL_SECONDS)
        return ProcessPool(max_workers=self.jobs, initializer=_start_worker,
                           initargs=(self.processor, os.getpid()), context=_context())

    def _schedule(self, pool: ProcessPool, items: list[Item]) -> ProcessFuture[_Result]:
        return pool.schedule(_clean_chunk, (items, self._spill), timeout=self.time_limit)

    def _outcomes(self, pool: ProcessPool, items: list[Item],
                  future: ProcessFuture[_Result]) -> list[Outcome]:
        """The outcomes of a task; those of its documents one by one if it failed."""
        from concurrent.futures import TimeoutError as TaskTimeout

        from pebble import ProcessExpired

        try:
            return _unspilled(future.result())
        except TaskTimeout:
            self.restarts += 1
            reason = time_limit_message(self.time_limit or 0)
        except ProcessExpired as exc:
            self.restarts += 1
            reason = _death_reason(exc.exitcode)
        except Exception as exc:  # raised in the worker outside the per-record handling
            reason = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        documents = [_documents(item) for item in items]
        if len(items) == 1 and len(documents[0]) == 1:
            return [_failed(items[0], reason, self.processor)]
        alone = [[(document, self._schedule(pool, [document])) for document in group]
                 for group in documents]
        outcomes = []
        for item, group in zip(items, alone, strict=True):
            parts = [self._outcomes(pool, [document], task)[0] for document, task in group]
            outcomes.append(combined(parts) if isinstance(item, JsonBlock | JsonRange)
                            else parts[0])
        return outcomes


def _context() -> Any:
    """Fork where possible (workers inherit the compiled rules), with wide pipes.

    The pool's pipes carry whole chunks each way. With the default 64 KB, a chunk
    crossed in pieces, each a wake-up of the parent's sending or receiving thread,
    which then waits for the GIL behind the main thread: the workers sat idle.
    A pipe that takes a chunk at once (where the system allows it) avoids that.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    base = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    class WidePipes(type(base)):  # type: ignore[misc]  # the class of a context object
        def Pipe(self, duplex: bool = True) -> Any:
            ends = super().Pipe(duplex)
            if not duplex:
                _widen(ends[1].fileno())
            return ends

    return WidePipes()


def _widen(fd: int) -> None:
    import fcntl

    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if set_size is not None:
        with contextlib.suppress(OSError):  # above /proc/sys/fs/pipe-max-size
            fcntl.fcntl(fd, set_size, PIPE_BYTES)


def _death_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"its worker process died ({signal.Signals(-code).name})"
        except ValueError:
            pass
    return f"its worker process died (exit status {code})"
