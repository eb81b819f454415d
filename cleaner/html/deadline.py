"""A document's time limit on the HTML path (`HtmlConfig.timeout`), named by stage.

The whole document runs under one `cleaner.limits.time_limit`, nested in any
limit of the caller (a batch's per-document limit): in the main thread the
timer stops the work where it is, inside lxml's or trafilatura's Python code
too; in any other thread the limit is only checked between stages, so a long
stage runs to its end before the error. Either way the document gets
`HTMLTimeout`, never a different text, and no work is left running.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cleaner.html.errors import HTMLTimeout
from cleaner.limits import Limit, TimeLimitExceeded, time_limit


class Deadline:
    """The limit of one document (`seconds`, None: none) and the stage it is in.

    >>> deadline = Deadline(60)
    >>> with deadline.running():
    ...     deadline.begin("parsing")
    >>> deadline.error().args[0]
    'HTML took longer than the 60 s limit (parsing)'
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.stage = "decoding"
        self._limit: Limit | None = None

    @contextmanager
    def running(self) -> Iterator[Deadline]:
        """The document's work; `HTMLTimeout` (naming the stage) once its time is up."""
        try:
            with time_limit(self.seconds) as limit:
                self._limit = limit
                yield self
                limit.check()
        except TimeLimitExceeded as exc:
            if exc.limit is not self._limit:
                raise  # a caller's limit, not this document's
            raise self.error() from None

    def begin(self, stage: str) -> None:
        """Start `stage`; if the time is already up, fail naming the stage before it."""
        if self._limit is not None:
            self._limit.check()
        self.stage = stage

    def error(self) -> HTMLTimeout:
        """The error for a document whose time ran out during the current stage."""
        return HTMLTimeout(f"HTML took longer than the {self.seconds:g} s limit ({self.stage})")
