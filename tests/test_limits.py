"""Time limits: one timer per process, nested limits, the earliest wins, nothing left armed."""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

import pytest

from cleaner import Cleaner, CleanerConfig, HtmlConfig
from cleaner.batch.executors import SerialExecutor
from cleaner.batch.items import JsonLine
from cleaner.batch.process import Processor, RecordOptions
from cleaner.html import extract as extract_module
from cleaner.limits import TimeLimitExceeded, owned, time_limit


def _spin(seconds: float) -> None:
    """Python code the timer can interrupt."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _timer_off() -> bool:
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_inner_limit_rings_first_and_the_outer_one_goes_on() -> None:
    with time_limit(30) as outer:
        with pytest.raises(TimeLimitExceeded) as caught, time_limit(0.1):
            _spin(10)
        assert caught.value.limit is not outer
        _spin(0.2)  # the outer limit still runs, and nothing rings for the inner one
    assert _timer_off()
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)


def test_an_outer_limit_passes_through_an_inner_one() -> None:
    with pytest.raises(TimeLimitExceeded) as caught, time_limit(0.1) as outer:
        try:
            with time_limit(30):
                _spin(10)
        except TimeLimitExceeded as exc:
            assert exc.limit is outer  # the inner block's handler lets it go on
            raise
    assert caught.value.limit is outer
    assert _timer_off()


def test_a_finished_limit_never_rings_later() -> None:
    with owned():
        for _ in range(50):
            with time_limit(0.05):
                pass
        _spin(0.2)  # the timer rings for a limit that is gone: nothing happens
    assert _timer_off()


def test_outside_the_main_thread_limits_are_checked_not_timed() -> None:
    found: list[Any] = []

    def work() -> None:
        with time_limit(0.05) as limit:
            time.sleep(0.1)
            found.append(limit.expired())
            try:
                limit.check()
            except TimeLimitExceeded as exc:
                found.append(exc.limit is limit)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert found == [True, True]


def test_html_limit_inside_a_serial_batch_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Both limits share the one timer: the page's (0.2 s) fails that record with HTMLTimeout,
    # the batch's own (60 s) is left running, and the next record is cleaned as usual.
    monkeypatch.setattr(extract_module.trafilatura, "extract", lambda *a, **k: _spin(30) or "")
    cleaner = Cleaner(config=CleanerConfig(html=HtmlConfig(timeout=0.2)))
    processor = Processor(cleaner, RecordOptions(html_field="html"))
    lines = [JsonLine(b'{"html": "<p>Une page.</p>"}\n', "in:1"),
             JsonLine(b'{"text": "Deux."}\n', "in:2")]
    out = list(SerialExecutor(processor, time_limit=60).map(lines))
    assert out[0].error is not None and "HTMLTimeout" in out[0].error
    assert "0.2 s limit (extraction)" in out[0].error
    assert out[1].error is None and b'"text":"Deux.\\n"' in out[1].data
    assert _timer_off()


def test_serial_batch_limit_inside_a_longer_html_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # The batch's limit (0.2 s) ends first: the record gets the batch's time-limit error.
    monkeypatch.setattr(extract_module.trafilatura, "extract", lambda *a, **k: _spin(30) or "")
    cleaner = Cleaner(config=CleanerConfig(html=HtmlConfig(timeout=20)))
    processor = Processor(cleaner, RecordOptions(html_field="html"))
    [out] = SerialExecutor(processor, time_limit=0.2).map(
        [JsonLine(b'{"html": "<p>Une page.</p>"}\n', "in:1")])
    assert out.error == "in:1: exceeded the time limit (0.2 s per document)"
    assert _timer_off()
