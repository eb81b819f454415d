"""A progress bar on stderr when it is a terminal (documents, MB, MB/s, ETA); silent otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any

from cleaner.batch.stats import Stats


class Progress:
    """Updated from the parent's output loop; redraws at most a few times a second."""

    def __init__(self, total_bytes: int | None, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = bool(sys.stderr is not None and sys.stderr.isatty())
        self._bar: Any = None
        self._shown = 0
        self._last = 0.0
        if enabled:
            import tqdm

            # No monitor thread: workers may be forked (replaced) while the bar runs.
            tqdm.tqdm.monitor_interval = 0
            self._bar = tqdm.tqdm(total=total_bytes or None, unit="B", unit_scale=True,
                                  unit_divisor=1000, file=sys.stderr, dynamic_ncols=True,
                                  smoothing=0.1, desc="clean")

    def update(self, stats: Stats) -> None:
        if self._bar is None:
            return
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        self._bar.update(stats.bytes_in - self._shown)
        self._shown = stats.bytes_in
        self._bar.set_postfix_str(f"{stats.documents} docs, {stats.errors} errors", refresh=False)

    def close(self, stats: Stats) -> None:
        if self._bar is None:
            return
        self._last = 0.0
        self.update(stats)
        self._bar.close()
