"""What every ``clean`` command shares: exit statuses, stdout in UTF-8, one-line errors."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from cleaner.report import to_utf8

PROG = "clean"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat big | head` reports for cat
EXIT_TERMINATED = 143  # 128 + SIGTERM


class UsageError(Exception):
    """A usage error found after parsing; printed like argparse's own."""


def write_stdout(text: str) -> None:
    """Write UTF-8 to stdout whatever the locale says, and flush (so pipes see it now)."""
    stream = sys.stdout
    if stream is None:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    data = memoryview(to_utf8(text))
    # A buffered write can return short, with no error, when the reader has gone:
    # write the rest, so that the broken pipe shows up as BrokenPipeError.
    while data:
        written = buffer.write(data)
        if written == 0:
            raise BrokenPipeError(errno.EPIPE, "standard output accepts no more data")
        data = data[written if isinstance(written, int) else len(data):]
    buffer.flush()


def error(message: str) -> None:
    """``clean: message`` on stderr, on one line."""
    error_line(f"{PROG}: {message}")


def error_line(line: str) -> None:
    if sys.stderr is not None:
        print(" ".join(line.splitlines()) or line, file=sys.stderr, flush=True)


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Usage and ``clean: error: message`` on stderr, as argparse prints its own errors."""
    try:
        parser.error(message)
    except SystemExit as exc:
        return exit_status(exc)
    return EXIT_USAGE  # pragma: no cover - parser.error always exits


def parse_or_status(parser: argparse.ArgumentParser,
                    argv: Sequence[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the status to exit with when argparse exits (--help, errors)."""
    try:
        return parser.parse_args(list(argv))
    except SystemExit as exc:
        return exit_status(exc)


def exit_status(exc: SystemExit) -> int:
    """The status argparse meant to exit with (--help, --version, errors)."""
    if exc.code is None:
        return EXIT_OK
    if isinstance(exc.code, int):
        return exc.code
    error_line(str(exc.code))
    return EXIT_FAILED


def detach_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit-time flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
