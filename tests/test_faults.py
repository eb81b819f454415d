"""Bad input and faults: each case a one-line error and a non-zero exit, never a traceback.

The fault matrix of issue 16, kept as tests: small inputs, bounded by time limits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.rules.load import RuleError, load_dir

REPO = Path(__file__).resolve().parent.parent
BODY = "Le président a parlé hier soir devant les députés réunis en séance.\n"


def run(*args: str | Path, cwd: Path, stdout: int | None = subprocess.PIPE,
        **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, env=env,
                          timeout=120, check=False, **kwargs)  # type: ignore[call-overload]


def one_line_error(process: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in process.stderr, process.stderr
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1, process.stderr
    return lines[0]


def test_deeply_nested_toml_is_a_rule_error(tmp_path: Path) -> None:
    (tmp_path / "generic").mkdir()
    path = tmp_path / "generic" / "deep.toml"
    path.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(RuleError, match="nested too deeply") as info:
        load_dir(tmp_path)
    assert info.value.path == path
    process = run("rules", "check", tmp_path, cwd=tmp_path)
    assert process.returncode == 1
    assert one_line_error(process).endswith("deep.toml: invalid TOML: nested too deeply")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_under_stdout_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    with open("/dev/full", "w") as full:
        process = run("a.txt", cwd=tmp_path, stdout=full.fileno())
    assert process.returncode == 1
    assert one_line_error(process) == "clean: standard output: No space left on device"


def test_learn_skips_links_out_of_its_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    template = "Abonnez-vous à notre lettre d'information quotidienne"
    for number in range(3):
        (corpus / f"{number}.txt").write_text(f"{template}\n\nArticle {number} : {BODY}",
                                              encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET LINE\n" * 5, encoding="utf-8")
    for number in range(3):
        (corpus / f"link{number}.txt").symlink_to(secret)
    process = run("learn", corpus, "--site", "example.org", cwd=tmp_path)
    assert process.returncode == 0, process.stderr
    assert "SECRET" not in process.stdout
    assert "Abonnez-vous" in process.stdout
    assert process.stderr.count("a link out of") == 3
