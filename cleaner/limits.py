"""Time limits, with one owner of the interval timer (SIGALRM) per process.

Every limit of this process goes through `time_limit`: the batch's per-document
limit (`--time-limit`, serial runs) and the HTML path's (`HtmlConfig.timeout`),
the one inside the other. Limits nest and the earliest end wins: the timer is
set for it, and when it rings the outermost expired limit is raised, as
`TimeLimitExceeded` carrying that limit, so that each ``with`` handles its own
and lets an outer one's pass.

The timer interrupts Python code only (not one long C call), and only in the
main thread of a Unix process, where signals are delivered. Elsewhere (another
thread, no ``setitimer``, or a SIGALRM handler that is not ours) a limit is only
checked where the code calls `Limit.check`, between stages. Nothing here starts
a thread: work over its limit is stopped or reported, never left running.

>>> with time_limit(60) as limit:
...     limit.check()
...     with time_limit(None) as none:
...         none.check()
>>> import time
>>> try:
...     with time_limit(0.05) as limit:
...         time.sleep(0.2)
...         limit.check()  # the timer rang first where it can, else this check sees it
... except TimeLimitExceeded as exc:
...     print(exc.limit is limit, exc.limit.seconds)
True 0.05
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# Not below 1 ms: a shorter interval could be rounded to zero, which stops the timer.
_SHORTEST = 0.001
_HAS_TIMER = hasattr(signal, "setitimer")


class Limit:
    """One limit: its length and the moment it ends (never, for None), counted from its
    creation; the timer covers it within a ``with`` block (see `time_limit`).

    A context manager of its own rather than a generator-based one: a serial batch
    enters one per document, and this costs a fraction of the bookkeeping.
    """

    __slots__ = ("end", "installed", "seconds", "timed")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.end = None if seconds is None else time.monotonic() + seconds
        self.installed = False  # whether it holds the timer's handler (see `_Timer.enter`)
        self.timed = False  # whether the timer covers it

    def __enter__(self) -> Limit:
        if self.end is not None and _TIMER.usable():
            self.timed = True
            _TIMER.enter(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.timed:
            self.timed = False
            _TIMER.leave(self)

    def restart(self) -> None:
        """Count the limit again from now: a serial batch enters one limit for the run and
        restarts it per document (the timer is set only when it is off)."""
        assert self.seconds is not None
        self.end = time.monotonic() + self.seconds
        if self.timed and _TIMER.due is None:
            _TIMER.arm(self.end)

    def pause(self) -> None:
        """Stop counting until `restart` (between documents: the timer then rings in vain)."""
        self.end = None

    def expired(self, now: float | None = None) -> bool:
        return self.end is not None and (time.monotonic() if now is None else now) >= self.end

    def check(self) -> None:
        """Raise `TimeLimitExceeded` if this limit's time is up (where the timer cannot ring)."""
        if self.expired():
            raise TimeLimitExceeded(self)


class TimeLimitExceeded(BaseException):
    """A limit's time is up; `limit` says which.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on
    the way (a library's, the per-record error handling) turns it into an
    ordinary error or a different text.
    """

    def __init__(self, limit: Limit) -> None:
        super().__init__(f"time limit of {limit.seconds:g} s exceeded")
        self.limit = limit


class _Timer:
    """The process's timer and the limits running in the main thread, outermost first.

    The timer is set lazily: entering a limit sets it only when it is off or due
    after the new end, and leaving one leaves it running. When it rings with no
    limit expired (its limit was left), it is set again for the earliest end
    left, or stays off. A batch of short documents then costs no system call
    per document.
    """

    def __init__(self) -> None:
        self.limits: list[Limit] = []
        self.due: float | None = None  # when the timer rings (None: off)
        self.previous: Any = None  # the handler before ours, while ours is installed
        self.owners = 0  # nested `owned` blocks

    def usable(self) -> bool:
        if not _HAS_TIMER or threading.current_thread() is not threading.main_thread():
            return False
        if self.owners:
            return True  # our handler is installed
        handler = signal.getsignal(signal.SIGALRM)
        return handler == self.ring or handler in (signal.SIG_DFL, signal.SIG_IGN, None)

    def install(self) -> None:
        if self.owners == 0:
            self.previous = signal.signal(signal.SIGALRM, self.ring)
        self.owners += 1

    def uninstall(self) -> None:
        self.owners -= 1
        if self.owners == 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.due = None
            previous, self.previous = self.previous, None
            # None: a handler not set from Python, which cannot be restored; the default then.
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)

    def enter(self, limit: Limit) -> None:
        if not limit.installed:
            self.install()
            limit.installed = True
        self.limits.append(limit)
        assert limit.end is not None
        self.arm(limit.end)

    def leave(self, limit: Limit) -> None:
        """Undo `enter`, whatever part of it was done; the timer may ring meanwhile.

        It raises only for a limit still in the list: if it rings before this
        limit is out, the leaving is done again, then its exception goes on (the
        block ran over its time), so that no expired limit is left behind to be
        raised in code it does not cover.
        """
        late: TimeLimitExceeded | None = None
        while True:
            try:
                if limit in self.limits:
                    self.limits.remove(limit)
                if limit.installed:
                    limit.installed = False
                    self.uninstall()
                break
            except TimeLimitExceeded as exc:
                late = exc
        if late is not None:
            raise late

    def arm(self, end: float) -> None:
        if self.due is None or self.due > end:
            self.due = end
            signal.setitimer(signal.ITIMER_REAL, max(end - time.monotonic(), _SHORTEST))

    def ring(self, signum: int, frame: FrameType | None) -> None:
        self.due = None
        now = time.monotonic()
        for limit in self.limits:
            if limit.expired(now):
                raise TimeLimitExceeded(limit)
        ends = [limit.end for limit in self.limits if limit.end is not None]
        if ends:
            self.arm(min(ends))


_TIMER = _Timer()


@contextmanager
def owned() -> Iterator[None]:
    """Keep this module's SIGALRM handler installed for the block (a batch of documents).

    Without it each outermost `time_limit` installs and restores the handler
    itself (two system calls); within it, once. On leaving, the timer is off and
    the previous handler back. Does nothing where the timer cannot be used.
    """
    if not _TIMER.usable():
        yield
        return
    _TIMER.install()
    try:
        yield
    finally:
        _TIMER.uninstall()


def time_limit(seconds: float | None) -> Limit:
    """A limit of `seconds` (None: none) from now: ``with`` it, the block gets
    `TimeLimitExceeded` past it."""
    return Limit(seconds)
