"""A real time limit per document, for code that cannot be told to stop (lxml, trafilatura).

Cheap stages check the `Deadline` between steps. The extractor runs under
`run_limited`: in the main thread an interval timer interrupts it (the work
really stops: the signal handler raises into the running Python code); in
any other thread, where signals cannot be delivered, the caller stops
waiting after the time left and gets `HTMLTimeout` while the abandoned
extraction finishes in its daemon thread. Either way the caller never
hangs; the size limit bounds how long abandoned work can run.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from cleaner.html.errors import HTMLTimeout

T = TypeVar("T")


class _Expired(BaseException):
    """Raised by the timer inside the extractor: a BaseException, so that the
    extractor's own ``except Exception`` blocks cannot swallow it."""


class Deadline:
    """The moment a document's time is up (None: never).

    >>> Deadline(None).remaining() is None
    True
    >>> Deadline(60).remaining() > 59
    True
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        """Seconds left, None without a limit (never below zero)."""
        if self._end is None:
            return None
        return max(0.0, self._end - time.monotonic())

    def check(self, stage: str) -> None:
        """Raise `HTMLTimeout` if the time is up (named after the stage that used it)."""
        if self._end is not None and time.monotonic() >= self._end:
            raise self.error(stage)

    def error(self, stage: str) -> HTMLTimeout:
        """The error for a document whose time ran out during `stage`."""
        return HTMLTimeout(f"HTML took longer than the {self.seconds:g} s limit ({stage})")


def run_limited(func: Callable[[], T], deadline: Deadline, stage: str) -> T:
    """`func()` if it finishes before the deadline, else `HTMLTimeout`."""
    left = deadline.remaining()
    if left is None:
        return func()
    if left <= 0:
        raise deadline.error(stage)
    if _can_use_timer():
        return _with_timer(func, left, deadline, stage)
    return _in_thread(func, left, deadline, stage)


def _can_use_timer() -> bool:
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _with_timer(func: Callable[[], T], left: float, deadline: Deadline, stage: str) -> T:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            return func()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise deadline.error(stage) from None
    finally:
        signal.signal(signal.SIGALRM, previous)


def _in_thread(func: Callable[[], T], left: float, deadline: Deadline, stage: str) -> T:
    outcome: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            outcome.append(func())
        except BaseException as exc:  # handed to the caller below
            failure.append(exc)

    worker = threading.Thread(target=work, name="cleaner-html-extract", daemon=True)
    worker.start()
    worker.join(left)
    if worker.is_alive():
        raise deadline.error(stage)
    if failure:
        raise failure[0]
    return outcome[0]
