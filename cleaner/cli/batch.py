"""A batch run of ``clean``: JSONL, WARC, folders, ``-o FOLDER/``, ``--jobs``, ``--dask``...

The parsing is `cleaner.cli.parser`'s, the same as for a document run; this
turns the options into a plan and a `Processor` and hands them to
`cleaner.batch.run`.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from cleaner.batch import make_executor
from cleaner.batch.executors import Executor
from cleaner.batch.process import Processor, RecordOptions
from cleaner.batch.run import Job, PlanError, RunOptions, plan_jobs, run_jobs
from cleaner.batch.stats import Stats
from cleaner.cli.console import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    UsageError,
    error,
    error_line,
)
from cleaner.cli.documents import load_cleaner
from cleaner.cli.parser import CleanOptions, check_batch_run

MAX_ERRORS_SHOWN = 20
DEFAULT_TIME_LIMIT = 60.0  # seconds
DEFAULT_MAX_SIZE = 64.0  # MB


def plan(options: CleanOptions) -> list[Job]:
    """The jobs of a batch run; `UsageError` (from `PlanError` too) when they cannot be."""
    check_batch_run(options)
    try:
        jobs = plan_jobs(list(options.inputs), options.output, fmt=options.input_format,
                         pattern=options.glob)
    except PlanError as exc:
        raise UsageError(str(exc)) from exc
    mirrored = options.output is not None and any(
        job.output != Path(options.output) for job in jobs)
    if options.diff and mirrored:
        raise UsageError("--diff writes one stream of diffs: to stdout or -o FILE, "
                         "not into a folder")
    texts = [job.where for job in jobs if job.per_document]
    if options.json and texts:
        flag = "--output-format json" if options.output_format == "json" else "--format json"
        raise UsageError(f"{flag}: {texts[0]} is a text file, mirrored as text; "
                         "a batch writes JSON for JSONL and WARC inputs (it does already)")
    return jobs


def run(jobs: list[Job], options: CleanOptions) -> int:
    """Clean the planned jobs; SIGTERM stops the run as Ctrl-C does."""
    previous = _stop_on_sigterm()
    try:
        return _run(jobs, options)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm() -> Any:
    """SIGTERM stops a run as Ctrl-C does: workers stopped, no half-written output left."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(EXIT_TERMINATED)


def _run(jobs: list[Job], options: CleanOptions) -> int:
    cleaner = load_cleaner(options.rule_dirs, options.sites, classify=options.classify)
    if cleaner is None:
        return EXIT_USAGE
    max_size = DEFAULT_MAX_SIZE if options.max_size is None else options.max_size
    record_options = RecordOptions(
        text_field=options.text_field or "text", html_field=options.html_field,
        url_field=options.url_field or "url", id_field=options.id_field, url=options.url,
        sites=options.sites, typography=options.typography,
        max_size=int(max_size * 1_000_000), explain=options.explain, diff=options.diff,
        output_format=options.output_format, links=options.links)
    processor = Processor(cleaner, record_options)
    reporter = _ErrorReporter(quiet=options.quiet)
    run_options = RunOptions(resume=options.resume, progress=options.progress,
                             on_error=reporter, on_note=error_line,
                             max_size=record_options.max_size)
    stats = _execute(jobs, processor, options, run_options)
    reporter.close()
    status = EXIT_FAILED if stats.errors else EXIT_OK
    if options.stats:
        try:
            stats.write_json(options.stats)
        except OSError as exc:  # named after the file asked for, not its temporary file
            error(f"{options.stats}: {exc.strerror or exc}")
            status = EXIT_FAILED
    if not options.quiet:
        for line in stats.summary():
            error(line)
    return status


def _execute(jobs: list[Job], processor: Processor, options: CleanOptions,
             run_options: RunOptions) -> Stats:
    limit = DEFAULT_TIME_LIMIT if options.time_limit is None else options.time_limit
    workers = options.jobs or 0
    if not options.dask:
        executor: Executor = make_executor(processor, workers, limit or None)
        return run_jobs(jobs, executor, run_options)
    from cleaner.dask import DaskExecutor, connect

    with connect(options.dask, workers=workers) as client:
        return run_jobs(jobs, DaskExecutor(client, processor), run_options)


class _ErrorReporter:
    """Each failure on stderr (``clean: WHERE: reason``), up to a cap, then a count."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if not self.quiet and self.count <= MAX_ERRORS_SHOWN:
            error(message)

    def close(self) -> None:
        hidden = self.count - MAX_ERRORS_SHOWN
        if not self.quiet and hidden > 0:
            error(f"... and {hidden} more error{'s' if hidden > 1 else ''} "
                  f"(all counted; --stats FILE lists them)")
