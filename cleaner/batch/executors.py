"""Executors: clean a stream of items in order, serially or across worker processes.

Every executor yields exactly one `Outcome` per item, in input order, and
holds a bounded number of items at a time (so memory does not grow with the
input). The process executor sends items in chunks (few, large messages),
keeps each worker's next chunk waiting in its socket while it cleans the
current one (so that it never waits for the parent), holds a bounded number
of chunks in flight, and watches each worker: one that spends longer than the
time limit on a single document is killed and replaced, that document becomes
an error, and the rest of its chunks are sent again — one pathological
document cannot stall a batch.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from cleaner.batch.items import EndOfInput, Item, JsonBlock, Outcome, combined, item_size

# multiprocessing (with socket, pickle, tempfile... ~25 ms) and the channel are imported
# by the process executor's code only: a serial run (--jobs 1) never needs them.
if TYPE_CHECKING:
    import socket
    from multiprocessing.process import BaseProcess

CHUNK_ITEMS = 256
CHUNK_BYTES = 1 << 19
# Chunks queued on a worker: the one it cleans and the next. With one only, a worker
# idled while its results went to the parent and the next chunk came back (11-15%
# of its time, measured on 20 MB).
DEPTH = 2
# The kernel's buffer of each worker's socket: large enough for a queued chunk (or its
# results) to be written without waiting for the other side to read it, where the system
# allows it (net.core.wmem_max; smaller buffers cost wake-ups, not correctness).
SOCKET_BUFFER = 4 * CHUNK_BYTES
_IDLE = 0.0
_SWITCHING = math.inf


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
    return f"exceeded the time limit ({seconds:g} s per document); its worker was replaced"


# ---------------------------------------------------------------- serial


class TimeLimitExceeded(BaseException):
    """Raised inside the cleaning code by the serial executor's alarm.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception``
    on the way (the per-record error handling) turns it into an ordinary error.
    """


class SerialExecutor:
    """Items cleaned one by one in this process.

    The time limit is an interval timer (SIGALRM), so it needs the main thread
    of a Unix process and stops Python code only (not one long C call); the
    process executor enforces it on any code by killing the worker.
    """

    def __init__(self, processor: Processes, time_limit: float | None = None) -> None:
        self.processor = processor
        self.time_limit = time_limit

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        if not self.time_limit or not _can_alarm():
            for item in items:
                yield self.processor.process(item)
            return
        alarm = _Alarm(self.time_limit)
        previous = signal.signal(signal.SIGALRM, alarm.ring)
        try:
            for item in items:
                yield self._timed(item, alarm)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _timed(self, item: Item, alarm: _Alarm) -> Outcome:
        alarm.start()
        try:
            return self.processor.process(item)
        except TimeLimitExceeded:
            return _failed(item, f"exceeded the time limit ({alarm.limit:g} s per document)",
                           self.processor)
        finally:
            alarm.started = None


class _Alarm:
    """SIGALRM once the current item has run for `limit` seconds, with no system call per item.

    Setting and clearing the timer around each item took two system calls
    (about 2 us, as much as the rest of the serial loop ten times over). The
    timer is set once instead, and each item notes when it started: when the
    alarm rings early (it was set during an earlier item), it is set again
    for the time the current item has left; when it rings between items it
    stays off until the next item starts.
    """

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.started: float | None = None
        self.armed = False

    def start(self) -> None:
        self.started = time.monotonic()
        if not self.armed:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.limit)

    def ring(self, signum: int, frame: FrameType | None) -> None:
        started = self.started
        if started is None:
            self.armed = False
            return
        left = self.limit - (time.monotonic() - started)
        if left <= 0:
            self.armed = False
            raise TimeLimitExceeded
        # Not below 1 ms: a shorter interval could be rounded to zero, which stops the timer.
        signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _failed(item: Item, reason: str, processor: Processes) -> Outcome:
    """The error outcome of an item that could not be processed at all."""
    fail: Callable[[Item, str], Outcome] | None = getattr(processor, "fail", None)
    if fail is not None:
        return fail(item, reason)
    return Outcome(error=f"{getattr(item, 'where', '?')}: {reason}")


# ---------------------------------------------------------------- processes


@dataclass(slots=True)
class _Chunk:
    """A chunk in flight: its items, and the outcomes received so far."""

    items: list[Item]
    outcomes: list[Outcome | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.outcomes = [None] * len(self.items)

    def missing(self) -> list[int]:
        return [i for i, outcome in enumerate(self.outcomes) if outcome is None]

    @property
    def done(self) -> bool:
        return all(outcome is not None for outcome in self.outcomes)


@dataclass(slots=True)
class _Task:
    """Part of a chunk sent to one worker: the chunk and which of its items."""

    chunk: int
    indices: list[int]


_FIELDS = 4  # per worker in the shared table: started, task id, item index, line index


class _Worker:
    """One worker process, its socket, the tasks sent to it (oldest first), and its slot in
    the shared progress table: when the current document started, its task, its item's
    index in the task and its line in that item (a `JsonBlock`; else 0)."""

    def __init__(self, context: Any, processor: Processes, slot: int, table: Any) -> None:
        self.slot = slot
        self.table = table
        import socket

        parent, child = socket.socketpair()
        for end in (parent, child):
            _widen(end)
        self.conn: socket.socket = parent
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(processor, child, table, slot), daemon=True)
        table[_FIELDS * slot] = _IDLE
        self.process.start()
        child.close()
        self.tasks: deque[tuple[int, _Task]] = deque()
        # Bytes of messages to the worker its socket did not take yet (see `channel.send_some`).
        self.outbox: list[memoryview] = []

    def current(self) -> tuple[int, int, int, float] | None:
        """(task id, item index, line, start time) of the document being cleaned, if one is."""
        base = _FIELDS * self.slot
        started = self.table[base]
        task_id = self.table[base + 1]
        index = self.table[base + 2]
        line = self.table[base + 3]
        if started in (_IDLE, _SWITCHING) or started != self.table[base]:
            return None
        return int(task_id), int(index), int(line), started

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


def _widen(sock: socket.socket) -> None:
    """Grow the kernel buffers of a socket (as far as the system lets it)."""
    import socket

    with contextlib.suppress(OSError):
        for option in (socket.SO_SNDBUF, socket.SO_RCVBUF):
            sock.setsockopt(socket.SOL_SOCKET, option, SOCKET_BUFFER)


def _worker_main(processor: Processes, conn: socket.socket, table: Any, slot: int) -> None:
    """A worker's loop: receive a list of items, clean them, send the outcomes back."""
    # Ctrl-C goes to the whole process group: the parent alone decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from cleaner.batch import channel

    base = _FIELDS * slot
    while True:
        try:
            message = channel.receive(conn)
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, items = message
        outcomes = []
        for index, item in enumerate(items):
            if not isinstance(item, JsonBlock):
                _started(table, base, task_id, index, 0)
                outcomes.append(processor.process(item))
                continue
            # A block's lines are documents: each has the time limit.
            outcomes.append(clean_block(processor, item,
                                        partial(_started, table, base, task_id, index)))
        table[base] = _IDLE
        try:
            channel.send(conn, (task_id, outcomes))
        except OSError:
            return


def clean_block(processor: Processes, block: JsonBlock,
                started: Callable[[int], None] | None = None) -> Outcome:
    """One outcome for a block's lines, each cleaned as an item (`started(line)` before it),
    but those in `block.failed`, failed untried."""
    failed = dict(block.failed)
    parts = []
    for line, document in enumerate(block.lines()):
        reason = failed.get(line)
        if reason is not None:
            parts.append(_failed(document, reason, processor))
            continue
        if started is not None:
            started(line)
        parts.append(processor.process(document))
    return combined(parts)


def _started(table: Any, base: int, task_id: int, index: int, line: int) -> None:
    # The start time last: the parent reads it before and after the others.
    table[base] = _SWITCHING
    table[base + 1] = task_id
    table[base + 2] = index
    table[base + 3] = line
    table[base] = time.monotonic()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class ProcessExecutor:
    """Items cleaned by `jobs` worker processes, in order, with a per-document time limit.

    Workers are forked where possible, so they inherit the parent's compiled
    Cleaner (and any Cleaner-like object) at no cost; elsewhere the processor
    is pickled (see `Processor.__reduce__`).
    """

    def __init__(self, processor: Processes, jobs: int, time_limit: float | None = None,
                 *, chunk_items: int = CHUNK_ITEMS, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.processor = processor
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        self.chunk_items = chunk_items
        self.chunk_bytes = chunk_bytes
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.restarts = 0

    @property
    def takes_blocks(self) -> bool:
        """JSONL comes in `JsonBlock`s, which the workers split (see `JsonBlock`)."""
        return True

    def map(self, items: Iterable[Item]) -> Iterator[Outcome]:
        run = _ProcessRun(self, chunked(items, self.chunk_items, self.chunk_bytes))
        try:
            yield from run.outcomes()
        finally:
            self.restarts += run.restarts
            run.close()


class _ProcessRun:
    """The state of one `ProcessExecutor.map`: workers, chunks in flight, tasks to send."""

    def __init__(self, executor: ProcessExecutor, chunks: Iterator[list[Item]]) -> None:
        self.executor = executor
        self.chunks = chunks
        self.exhausted = False
        self.table = executor.context.RawArray("d", _FIELDS * executor.jobs)
        self.workers = [self._spawn(slot) for slot in range(executor.jobs)]
        self.in_flight: dict[int, _Chunk] = {}
        self.next_chunk = 0
        self.next_to_yield = 0
        self.retries: deque[_Task] = deque()
        self.next_task = 0
        self.restarts = 0

    def _spawn(self, slot: int) -> _Worker:
        return _Worker(self.executor.context, self.executor.processor, slot, self.table)

    def outcomes(self) -> Iterator[Outcome]:
        # Room for every worker's queue, and as much again of finished chunks waiting
        # for an earlier one (they are yielded in order).
        max_in_flight = 2 * DEPTH * self.executor.jobs
        while True:
            self._dispatch(max_in_flight)
            while self.next_to_yield in self.in_flight and self.in_flight[self.next_to_yield].done:
                chunk = self.in_flight.pop(self.next_to_yield)
                self.next_to_yield += 1
                for outcome in chunk.outcomes:
                    assert outcome is not None
                    yield outcome
            if self.exhausted and not self.in_flight:
                return
            self._receive()
            self._enforce_time_limit()

    def _dispatch(self, max_in_flight: int) -> None:
        # Breadth first: every worker gets a chunk before any gets its second.
        for _ in range(DEPTH):
            for slot in range(len(self.workers)):
                worker = self.workers[slot]  # a new one if a send found this one dead
                if len(worker.tasks) >= DEPTH:
                    continue
                task = self._next_task(max_in_flight)
                if task is None:
                    return
                self._send(worker, task)

    def _next_task(self, max_in_flight: int) -> _Task | None:
        if self.retries:
            return self.retries.popleft()
        if self.exhausted or len(self.in_flight) >= max_in_flight:
            return None
        items = next(self.chunks, None)
        if items is None:
            self.exhausted = True
            return None
        number = self.next_chunk
        self.next_chunk += 1
        self.in_flight[number] = _Chunk(items)
        return _Task(number, list(range(len(items))))

    def _send(self, worker: _Worker, task: _Task) -> None:
        task_id = self.next_task
        self.next_task += 1
        worker.tasks.append((task_id, task))
        chunk = self.in_flight[task.chunk]
        from cleaner.batch import channel

        # Never blocks: what the socket does not take now waits for `_receive` to see it
        # writable (see `channel.send_some`).
        worker.outbox.extend(channel.frame((task_id, [chunk.items[i] for i in task.indices])))
        self._flush(worker)

    def _flush(self, worker: _Worker) -> None:
        from cleaner.batch import channel

        try:
            worker.outbox = channel.send_some(worker.conn, worker.outbox)
        except OSError:
            self._replace(worker, _death_reason(worker))

    def _receive(self) -> None:
        busy = [w for w in self.workers if w.tasks]
        if not busy:
            return
        import select

        from cleaner.batch import channel

        poll = select.poll()
        for worker in busy:
            poll.register(worker.conn, select.POLLIN | (select.POLLOUT if worker.outbox else 0))
            poll.register(worker.process.sentinel, select.POLLIN)
        wait_time = self._wait_time()
        ready = dict(poll.poll(None if wait_time is None else 1000 * wait_time))
        for worker in busy:
            events = ready.get(worker.conn.fileno(), 0)
            if events & select.POLLOUT and worker.outbox:
                self._flush(worker)
                if self.workers[worker.slot] is not worker:
                    continue  # it died
            if events & ~select.POLLOUT:  # data, or the end of the connection
                try:
                    task_id, outcomes = channel.receive(worker.conn)
                except (EOFError, OSError):
                    self._replace(worker, _death_reason(worker))
                    continue
                sent_id, task = worker.tasks.popleft()
                assert sent_id == task_id, "a worker answers its tasks in order"
                chunk = self.in_flight[task.chunk]
                for index, outcome in zip(task.indices, outcomes, strict=True):
                    chunk.outcomes[index] = outcome
            elif worker.process.sentinel in ready:
                self._replace(worker, _death_reason(worker))

    def _wait_time(self) -> float | None:
        limit = self.executor.time_limit
        return None if not limit else min(1.0, max(0.05, limit / 4))

    def _enforce_time_limit(self) -> None:
        limit = self.executor.time_limit
        if not limit:
            return
        now = time.monotonic()
        for worker in self.workers:
            current = worker.current() if worker.tasks else None
            if current is not None and now - current[3] > limit:
                self._replace(worker, time_limit_message(limit))

    def _replace(self, worker: _Worker, reason: str) -> None:
        """Kill a worker, fail the item it was on, send the rest of its tasks again."""
        current = worker.current()
        worker.stop()
        self.restarts += 1
        tasks = list(worker.tasks)
        worker.tasks.clear()
        worker.outbox.clear()
        self.workers[worker.slot] = self._spawn(worker.slot)
        # Newest first, each to the front: the retries keep the order they were sent in.
        for task_id, task in reversed(tasks):
            chunk = self.in_flight[task.chunk]
            if current is not None and current[0] == task_id and current[1] < len(task.indices):
                index = task.indices[current[1]]
                item = chunk.items[index]
                if isinstance(item, JsonBlock):
                    # The block goes again, with that line failed without a try.
                    chunk.items[index] = item._replace(failed=(*item.failed, (current[2], reason)))
                else:
                    chunk.outcomes[index] = _failed(item, reason, self.executor.processor)
            rest = [i for i in task.indices if chunk.outcomes[i] is None]
            if rest:
                self.retries.appendleft(_Task(task.chunk, rest))

    def close(self) -> None:
        from cleaner.batch import channel

        for worker in self.workers:
            if not worker.tasks and worker.process.is_alive():
                with contextlib.suppress(OSError, ValueError):
                    channel.send(worker.conn, None)
        deadline = time.monotonic() + 2
        for worker in self.workers:
            if not worker.tasks:
                worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            worker.stop()


def _death_reason(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"its worker process died ({signal.Signals(-code).name})"
    return f"its worker process died (exit status {code})"
