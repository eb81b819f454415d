"""A batch run: plan inputs and outputs, stream items through an executor, write in order.

Output layout: one JSONL/WARC input with ``-o FILE`` writes FILE; several
inputs or a folder with ``-o DIR`` give a mirrored tree under DIR (a WARC
``x.warc.gz`` becomes ``x.jsonl.gz``, a text file keeps its name); without
``-o`` records go to stdout, in input order.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleaner.batch.executors import Executor
from cleaner.batch.items import EndOfInput, Item, Outcome
from cleaner.batch.progress import Progress
from cleaner.batch.readers import infer_format, read_items, split_compression, walk
from cleaner.batch.stats import Stats
from cleaner.batch.writers import AtomicFile, Sink, StdoutSink


class PlanError(ValueError):
    """Inputs and output that do not fit together (a usage error)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One input and where its output goes (None: standard output)."""

    path: str
    fmt: str
    where: str
    output: Path | None

    @property
    def per_document(self) -> bool:
        """A text file is one document, written as one file; the rest are record streams."""
        return self.fmt == "text"


def output_name(relative: str, fmt: str) -> str:
    """The mirrored name of an input under the output folder.

    >>> output_name("a/crawl.warc.gz", "warc"), output_name("b.jsonl.zst", "jsonl")
    ('a/crawl.jsonl.gz', 'b.jsonl.zst')
    >>> output_name("c.txt", "text"), output_name("d.WARC", "warc")
    ('c.txt', 'd.jsonl')
    """
    if fmt != "warc":
        return relative
    base, compression = split_compression(relative)
    stem = base[: -len(".warc")] if base.lower().endswith(".warc") else base
    return f"{stem}.jsonl{compression}"


def plan_jobs(inputs: Sequence[str], output: str | None, *, fmt: str | None = None,
              pattern: str | None = None) -> list[Job]:
    """Every input file with its format and output; `PlanError` if they cannot fit."""
    folders = [p for p in inputs if p != "-" and Path(p).is_dir()]
    to_dir = output is not None and (
        len(inputs) > 1 or bool(folders) or Path(output).is_dir() or output.endswith(os.sep))
    out_dir = Path(output) if to_dir and output is not None else None
    jobs: list[Job] = []
    for given in inputs:
        if given in folders:
            if out_dir is None:
                raise PlanError(f"{given} is a folder: give an output folder with -o DIR")
            for path in walk(Path(given), pattern, exclude=out_dir):
                relative = path.relative_to(given).as_posix()
                kind = fmt or infer_format(path.name)
                jobs.append(Job(str(path), kind, str(path), out_dir / output_name(relative, kind)))
            continue
        kind = fmt or ("jsonl" if given == "-" else infer_format(given))
        where = "<stdin>" if given == "-" else given
        if out_dir is not None:
            if given == "-":
                raise PlanError("standard input needs -o FILE, not a folder")
            target: Path | None = out_dir / output_name(Path(given).name, kind)
        else:
            target = Path(output) if output is not None else None
        if target is None and kind == "text" and given != "-":
            raise PlanError(f"{given}: a text file in a batch run needs -o")
        jobs.append(Job(given, kind, where, target))
    _check_distinct(jobs)
    return jobs


def _check_distinct(jobs: Sequence[Job]) -> None:
    seen: dict[Path, str] = {}
    for job in jobs:
        if job.output is None:
            continue
        if job.output in seen:
            raise PlanError(f"{seen[job.output]} and {job.where} would both be written "
                            f"to {job.output}")
        # realpath, not resolve: a symlink loop among the inputs is reported when it is read.
        if job.path != "-" and os.path.realpath(job.path) == os.path.realpath(job.output):
            raise PlanError(f"{job.where}: the output would overwrite the input")
        seen[job.output] = job.where


@dataclass(frozen=True, slots=True)
class RunOptions:
    """`resume`: skip jobs whose output exists (an output is written whole, and only for an
    input that exists: so it is complete); `progress`: the bar (None: when stderr is a
    terminal); `on_error`: called with each failure's message, in order; `on_note`: with
    each ``--explain`` line (`Outcome.notes`), in order; `max_size`: a JSON line or WARC
    record over this many bytes is an error, never read into memory (0: no limit)."""

    resume: bool = False
    progress: bool | None = None
    on_error: Callable[[str], None] | None = None
    on_note: Callable[[str], None] | None = None
    max_size: int = 0


def run_jobs(jobs: Sequence[Job], executor: Executor, options: RunOptions) -> Stats:
    """Clean every job's items through `executor`, writing each output atomically.

    An input that does not exist (or cannot be looked up: a symlink loop) is an
    error and gets no output, with or without `RunOptions.resume`.
    """
    stats = Stats()
    todo = []
    for job in jobs:
        missing = _missing(job)
        if missing is not None:
            message = f"{job.where}: {missing}"
            stats.add_error(message)
            if options.on_error is not None:
                options.on_error(message)
        elif options.resume and job.output is not None and job.output.exists():
            stats.skipped_inputs += 1
        else:
            todo.append(job)
    stats.inputs = len(todo)
    progress = Progress(_total_bytes(todo), options.progress)
    routes: deque[int] = deque()
    outputs = _Outputs(todo, options.on_error, options.on_note)
    blocks = bool(getattr(executor, "takes_blocks", False))
    try:
        outcomes = executor.map(_feed(todo, routes, blocks, options.max_size))
        try:
            for outcome in outcomes:
                outputs.emit(routes.popleft(), outcome)
                stats.add(outcome)
                progress.update(stats)
        finally:
            # Stop the workers now, not when the generator is collected.
            close = getattr(outcomes, "close", None)
            if close is not None:
                close()
        outputs.finish()
    except BaseException:
        outputs.abort()
        raise
    finally:
        progress.close(stats)
    stats.worker_restarts = getattr(executor, "restarts", 0)
    stats.finish()
    return stats


def _missing(job: Job) -> str | None:
    """Why a job's input is not there at all (None: it is, or it is stdin)."""
    if job.path == "-":
        return None
    try:
        os.stat(job.path)
    except FileNotFoundError:
        return "no such file (a broken link)" if os.path.islink(job.path) else "no such file"
    except OSError as exc:  # a symlink loop, a folder on the way that cannot be searched
        return exc.strerror or type(exc).__name__
    return None


def _feed(jobs: Sequence[Job], routes: deque[int], blocks: bool = False,
          max_size: int = 0) -> Iterator[Item]:
    """The items of every job in order; `routes` says which job each one belongs to.
    `blocks`: JSONL in `JsonBlock`s (for an executor that `takes_blocks`)."""
    for index, job in enumerate(jobs):
        for item in read_items(job.path, job.fmt, job.where, blocks=blocks, max_size=max_size):
            routes.append(index)
            yield item
        routes.append(index)
        yield EndOfInput(job.where)


def _total_bytes(jobs: Sequence[Job]) -> int | None:
    """The input size, when it is known up front (no stdin, no compressed file)."""
    total = 0
    for job in jobs:
        if job.path == "-" or split_compression(job.path)[1]:
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(job.path)
    return total


class _Outputs:
    """The open output of the current job; jobs are finished strictly in order."""

    def __init__(self, jobs: Sequence[Job], on_error: Callable[[str], None] | None,
                 on_note: Callable[[str], None] | None = None) -> None:
        self.jobs = jobs
        self.on_error = on_error
        self.on_note = on_note
        self.current = 0
        self.sink: Sink | None = None
        self.stdout: StdoutSink | None = None

    def emit(self, index: int, outcome: Outcome) -> None:
        while self.current < index:
            self._finish_current()
        if outcome.end:
            self._finish_current()
            return
        job = self.jobs[index]
        if self.on_note is not None:
            for note in outcome.notes:
                self.on_note(note)
        if self.on_error is not None and (outcome.error is not None or outcome.errors):
            for error in outcome.all_errors():
                self.on_error(error)
        if job.per_document:
            if outcome.error is None:
                self._write_document(job, outcome.data)
            return
        if self.sink is None:
            self.sink = self._open(job)
        self.sink.write(outcome.data)

    def _write_document(self, job: Job, data: bytes) -> None:
        sink = self._open(job)
        try:
            sink.write(data)
        except BaseException:
            sink.abort()
            raise
        sink.commit()

    def _open(self, job: Job) -> Sink:
        if job.output is None:
            if self.stdout is None:
                self.stdout = StdoutSink()
            return self.stdout
        return _OutputFile(job.output)

    def _finish_current(self) -> None:
        job = self.jobs[self.current]
        if not job.per_document:
            # A record stream with no records still gets its (empty) output.
            sink = self.sink or self._open(job)
            self.sink = None
            sink.commit()
        self.current += 1

    def finish(self) -> None:
        while self.current < len(self.jobs):
            self._finish_current()

    def abort(self) -> None:
        if self.sink is not None:
            self.sink.abort()
            self.sink = None


class _OutputFile:
    """An `AtomicFile` whose errors (a full disk, its folder removed mid-run) name it, not
    its temporary file or nothing: the command line prints ``clean: PATH: reason``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.file = AtomicFile(path)
        except OSError as exc:
            raise _named(exc, path) from None

    def write(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as exc:
            raise _named(exc, self.path) from None

    def commit(self) -> None:
        try:
            self.file.commit()
        except OSError as exc:
            raise _named(exc, self.path) from None

    def abort(self) -> None:
        self.file.abort()


def _named(exc: OSError, path: Path) -> OSError:
    """The same error (and subclass: `FileNotFoundError`...) about `path`, unless it names
    something else already (a file in the way of its folder)."""
    given = exc.filename
    if given is not None and not os.path.basename(os.fsdecode(given)).startswith(
            f".{path.name}."):
        return exc
    return OSError(exc.errno, exc.strerror or str(exc), str(path))
