"""The ``clean`` command: clean text files, web pages, JSONL records and WARC crawls, and
inspect the rules that do it.

Usage::

    clean [OPTIONS] [INPUT ...]         clean (no input, or -, reads stdin)
    clean rules list|check|test [DIR]   inspect and test rule files
    clean learn INPUT --site HOST       learn a site's repeated lines
    clean report INPUT... -o FILE       a page of what the rules removed, to review them

``rules``, ``learn`` or ``report`` as the *first* argument is the subcommand; to
clean a file named ``rules``, write ``clean ./rules`` or ``clean -- rules``. One parser
(`cleaner.cli.parser`) reads every other command line; the inputs then choose
a document run (`cleaner.cli.documents`) or a batch run (`cleaner.cli.batch`).

Exit status: 0 success; 1 an input could not be cleaned (or, for ``rules
check``/``rules test``, the rules are broken or an example fails); 2 a usage
error, an unknown ``--site``, or rules that cannot be loaded; 130 interrupted;
141 output pipe closed early (``clean big.txt | head``), quietly; 143 terminated.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cleaner.cli import batch, documents
from cleaner.cli.console import (
    EXIT_BROKEN_PIPE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    UsageError,
    detach_stdout,
    error,
    exit_status,
    usage_error,
)
from cleaner.cli.parser import build_parser, check_document_run, is_batch, parse_options
from cleaner.cli.rules import rules_command

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "clean_command", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["rules"]:
            return rules_command(args[1:])
        if args[:1] == ["learn"]:
            from cleaner.cli.learn import learn_command

            return learn_command(args[1:])
        if args[:1] == ["report"]:
            from cleaner.cli.report import report_command

            return report_command(args[1:])
        return clean_command(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        detach_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # a full disk under stdout, an output folder gone mid-run...
        detach_stdout()
        where = exc.filename if exc.filename is not None else "standard output"
        error(f"{where}: {exc.strerror or exc}")
        return EXIT_FAILED


def clean_command(argv: Sequence[str]) -> int:
    """``clean [OPTIONS] [INPUT ...]``: a document run or a batch run, as the inputs say."""
    parser = build_parser()
    try:
        options = parse_options(parser, argv)
        if is_batch(options):
            jobs = batch.plan(options)
        else:
            check_document_run(options)
            jobs = None
    except SystemExit as exc:
        return exit_status(exc)
    except UsageError as exc:
        return usage_error(parser, str(exc))
    if jobs is not None:
        return batch.run(jobs, options)
    cleaner = documents.load_cleaner(options.rule_dirs, options.sites,
                                     classify=options.classify)
    if cleaner is None:
        return EXIT_USAGE
    return documents.run(cleaner, options)
