"""Every Python snippet of the README and docs/ runs as pasted, from the repository's root."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SNIPPETS = [pytest.param(block, id=f"{doc.name}-{number}")
            for doc in DOCS if doc.exists()
            for number, block in enumerate(re.findall(r"```python\n(.*?)```",
                                                      doc.read_text(encoding="utf-8"), re.S))]


@pytest.mark.skipif(not SNIPPETS, reason="no README or docs beside the tests")
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_snippet_runs_as_pasted(snippet: str) -> None:
    if "from datatrove" in snippet and importlib.util.find_spec("datatrove") is None:
        pytest.skip("datatrove is not installed (the datatrove extra)")
    process = subprocess.run([sys.executable, "-c", snippet], cwd=ROOT, capture_output=True,
                             text=True, timeout=300, check=False)
    assert process.returncode == 0, process.stderr[-2000:]
