"""``clean`` in batch mode: JSONL, WARC, folders, ``--jobs``, ``--dask``, ``--resume``...

`cleaner.cli.main` hands the command line over here when an input is a
folder, a JSONL or WARC file, or a batch option is given (`wants_pipeline`).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from cleaner.batch import make_executor
from cleaner.batch.executors import Executor
from cleaner.batch.process import Processor, RecordOptions
from cleaner.batch.readers import FORMATS, infer_format
from cleaner.batch.run import Job, PlanError, RunOptions, plan_jobs, run_jobs
from cleaner.batch.stats import Stats
from cleaner.typography.profiles import PROFILES

PROG = "clean"
MAX_ERRORS_SHOWN = 20
BATCH_OPTIONS = ("--jobs", "-j", "--glob", "--input-format", "--text-field", "--html-field",
                 "--url-field", "--id-field", "--resume", "--stats", "--dask", "--time-limit",
                 "--max-size", "--progress", "--no-progress", "--quiet")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_TERMINATED = 143  # 128 + SIGTERM


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``clean`` in batch mode."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Clean JSONL records, WARC crawls and folders of text files in batch.",
        epilog="exit status: 0 success, 1 some documents failed (each reported, counted, "
               "and kept with an 'error' field), 2 usage error, 130 interrupted (Ctrl-C), "
               "143 terminated (SIGTERM); either way no half-written output is left.",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="JSONL (.jsonl, .ndjson, plain/.gz/.zst), WARC (.warc, "
                             ".warc.gz), text files or folders (recursive); '-' is stdin")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="output file (one input) or folder (several inputs or a folder: "
                             "a mirrored tree); default stdout, for records")
    read = parser.add_argument_group("reading")
    read.add_argument("--input-format", choices=FORMATS, metavar="FORMAT",
                      help="jsonl, warc or text: force the format (default: by extension)")
    read.add_argument("--glob", metavar="PATTERN",
                      help="in folders, only files matching PATTERN ('*.jsonl.gz', 'a/*.txt')")
    read.add_argument("--text-field", default="text", metavar="NAME",
                      help="the field holding the text (default: text); replaced by the "
                           "clean text")
    read.add_argument("--html-field", metavar="NAME",
                      help="a field holding HTML, cleaned by the HTML path when present")
    read.add_argument("--url-field", default="url", metavar="NAME",
                      help="the field holding the URL, to pick site rules (default: url)")
    read.add_argument("--id-field", metavar="NAME", help="a record id, named in error messages")
    run = parser.add_argument_group("execution")
    run.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                     help="worker processes (default 0: every core; 1: this process)")
    run.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                     help="per document; a document over it is stopped (its worker replaced) "
                          "and becomes an error (default 60; 0: none)")
    run.add_argument("--max-size", type=float, default=64.0, metavar="MB",
                     help="larger documents are errors, not cleaned (default 64; 0: none)")
    run.add_argument("--resume", action="store_true",
                     help="skip inputs whose output file already exists (outputs are only "
                          "ever complete: they are written atomically)")
    run.add_argument("--dask", metavar="ADDRESS",
                     help="run on a Dask cluster: a scheduler address (tcp://host:8786), "
                          "or 'local' to start a local cluster of --jobs workers")
    report = parser.add_argument_group("reporting")
    report.add_argument("--stats", metavar="FILE",
                        help="write the run's totals as JSON (documents, bytes, errors, "
                             "removals per rule, throughput)")
    bar = report.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None,
                     help="show the progress bar even when stderr is not a terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="never show the progress bar")
    report.add_argument("-q", "--quiet", action="store_true",
                        help="no summary and no error lines on stderr")
    clean = parser.add_argument_group("cleaning")
    clean.add_argument("--typography", choices=PROFILES, default=None, metavar="PROFILE",
                       help="preserve (default), plain, fr, en, de or auto")
    clean.add_argument("--site", action="append", default=[], metavar="NAME",
                       help="apply this site's rules (skip detection); repeatable")
    clean.add_argument("--url", metavar="URL",
                       help="a URL for records that have none, to pick the site by host")
    clean.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="an extra directory of rule files; repeatable")
    clean.add_argument("--no-classify", action="store_true",
                       help="no generic line classifier (only the rules decide)")
    return parser


def wants_pipeline(argv: Sequence[str]) -> bool:
    """Whether a ``clean`` command line is a batch run.

    It is when a batch option is given, an input is a JSONL or a WARC file, or
    a folder with ``-o DIR``. Only the inputs count, not option values
    (``clean a.txt -o out.jsonl`` stays a text run).
    """
    for arg in argv:
        if arg == "--":
            break
        if arg.split("=", 1)[0] in BATCH_OPTIONS or (arg[:2] == "-j" and arg[2:].isdigit()):
            return True
    try:
        args, _ = build_parser().parse_known_intermixed_args(list(argv))
    except (SystemExit, TypeError, ValueError):
        return False
    return any(_is_batch_input(path, args.output is not None) for path in args.inputs)


def _is_batch_input(path: str, has_output: bool) -> bool:
    """A JSONL or WARC file; a folder with ``-o`` (without, it is the usual one-line error)."""
    if path == "-" or path.startswith("-"):
        return False
    return infer_format(path) != "text" or (has_output and Path(path).is_dir())


def main(argv: Sequence[str]) -> int:
    """Run a batch ``clean``; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_intermixed_args(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    previous = _stop_on_sigterm()
    try:
        return _run(parser, args)
    except PlanError as exc:
        return _usage(parser, str(exc))
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


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.jobs < 0 or args.time_limit < 0 or args.max_size < 0:
        return _usage(parser, "--jobs, --time-limit and --max-size cannot be negative")
    inputs = args.inputs or ["-"]
    jobs = plan_jobs(inputs, args.output, fmt=args.input_format, pattern=args.glob)
    from cleaner.cli.main import load_cleaner

    cleaner = load_cleaner(args.rules, args.site, classify=not args.no_classify)
    if cleaner is None:
        return EXIT_USAGE
    options = RecordOptions(text_field=args.text_field, html_field=args.html_field,
                            url_field=args.url_field, id_field=args.id_field, url=args.url,
                            sites=tuple(args.site), typography=args.typography,
                            max_size=int(args.max_size * 1_000_000))
    processor = Processor(cleaner, options)
    reporter = _ErrorReporter(quiet=args.quiet)
    run_options = RunOptions(resume=args.resume, progress=args.progress, on_error=reporter)
    stats = _execute(jobs, processor, args, run_options)
    reporter.close()
    if args.stats:
        stats.write_json(args.stats)
    if not args.quiet:
        for line in stats.summary():
            _error(line)
    return EXIT_FAILED if stats.errors else EXIT_OK


def _execute(jobs: list[Job], processor: Processor, args: argparse.Namespace,
             run_options: RunOptions) -> Stats:
    time_limit = args.time_limit or None
    if not args.dask:
        executor: Executor = make_executor(processor, args.jobs, time_limit)
        return run_jobs(jobs, executor, run_options)
    from cleaner.dask import DaskExecutor, connect

    with connect(args.dask, workers=args.jobs) as client:
        return run_jobs(jobs, DaskExecutor(client, processor), run_options)


class _ErrorReporter:
    """Each failure on stderr (``clean: WHERE: reason``), up to a cap, then a count."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if not self.quiet and self.count <= MAX_ERRORS_SHOWN:
            _error(message)

    def close(self) -> None:
        hidden = self.count - MAX_ERRORS_SHOWN
        if not self.quiet and hidden > 0:
            _error(f"... and {hidden} more error{'s' if hidden > 1 else ''} "
                   f"(all counted; --stats FILE lists them)")


def _error(message: str) -> None:
    if sys.stderr is not None:
        print(f"{PROG}: {' '.join(message.splitlines())}", file=sys.stderr, flush=True)


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    _error(f"error: {message}")
    return EXIT_USAGE
