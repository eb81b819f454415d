"""The review report in a real browser: headless Chromium opens a seed document's report.

Skipped when no Chromium is installed, unless ``CLEANER_REQUIRE_BROWSER=1`` (set by
``.ci/run``, which installs it): then a missing browser fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.report.assets import PALETTE
from tests.pngpixels import rgb_counts

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "fixtures" / "seeds" / "input" / "euronews.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Tall enough that the seed's struck lines show below the rule table.
WINDOW = (1000, 2000)


def browser() -> str:
    found = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("CLEANER_REQUIRE_BROWSER") == "1":
            pytest.fail("CLEANER_REQUIRE_BROWSER=1 but no Chromium is installed "
                        f"(looked for {', '.join(BROWSERS)})")
        pytest.skip("no Chromium installed (apt-get install chromium); "
                    "CLEANER_REQUIRE_BROWSER=1 makes this a failure")
    return found


def chromium(binary: str, page: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on `page` with its console on stderr."""
    command = [binary, "--headless", "--disable-gpu", "--hide-scrollbars",
               "--force-color-profile=srgb", "--force-device-scale-factor=1",
               "--enable-logging=stderr", "--v=0", f"--window-size={WINDOW[0]},{WINDOW[1]}",
               f"--user-data-dir={page.parent / 'profile'}", *flags, page.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console(stderr: str) -> list[str]:
    """The page's console messages (errors, CSP violations, uncaught exceptions)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a seed document and of a hostile one, with no samples in the rule
    table: the colours in the screenshot are then the struck lines' alone."""
    folder = tmp_path_factory.mktemp("report")
    hostile = folder / "hostile.txt"
    hostile.write_text('<script>document.title = "PWNED"</script>\n'
                       "Une phrase ordinaire du corps de l'article, longue assez.\n"
                       '<img src="x" onerror="document.title = \'PWNED\'">\n', encoding="utf-8")
    page = folder / "report.html"
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    done = subprocess.run([sys.executable, "-m", "cleaner", "report", str(SEED), str(hostile),
                           "--samples", "0", "-o", str(page)], capture_output=True, text=True,
                          env=env, cwd=folder, check=False)
    assert done.returncode == 0, done.stderr
    return page


def test_the_report_runs_without_console_errors_and_its_script_works(report: Path) -> None:
    done = chromium(browser(), report, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console(done.stderr) == []
    dom = done.stdout
    # The page's own script ran (the CSP allows it by its hash): it filled the count.
    assert re.search(r'<span id="f-count"[^>]*>2 of 2 documents shown</span>', dom)
    # The hostile document is text on the page; its script and handler never ran.
    assert "<title>Cleaning report</title>" in dom
    assert "&lt;script&gt;document.title" in dom
    assert "<img" not in dom
    struck = re.findall(r'<del class="c\d+" data-rule="([^"]+)" title="\1">', dom)
    assert len(struck) >= 20  # the seed's removed lines, each with its rule on hover


def test_the_screenshot_shows_the_removed_lines_marked(report: Path) -> None:
    shot = report.parent / "report.png"
    done = chromium(browser(), report, f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console(done.stderr) == []
    counts = rgb_counts(shot)
    assert sum(counts.values()) == WINDOW[0] * WINDOW[1]
    backgrounds = [tuple(bytes.fromhex(bg[1:])) for bg, _ in PALETTE]
    inks = [tuple(bytes.fromhex(fg[1:])) for _, fg in PALETTE]
    # With no samples in the rule table, a rule's tint shows only behind the lines it struck,
    # which its ink draws, with the strike-through and the bar at the line's left.
    tinted = [index for index, colour in enumerate(backgrounds) if counts[colour] > 300]
    assert len(tinted) >= 5, counts.most_common(20)
    assert sum(counts[backgrounds[index]] for index in tinted) > 10_000
    assert all(counts[inks[index]] > 50 for index in tinted)
