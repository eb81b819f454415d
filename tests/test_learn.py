"""`clean learn` and batch repetition removal, on synthetic sites built from the seed golds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanerConfig
from cleaner.learn import RULE, clean_batch, mine, write_rule_file
from cleaner.rules.load import build_ruleset, load_dir

GOLD = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "gold").glob("*.txt"))
HEADER = ["Le Journal Synthétique", "Rubriques du jour", "Espace membres gratuit"]
FOOTER = ["Recevez nos alertes chaque matin", "Le Journal Synthétique, édition numérique"]


def page(body: str, number: int) -> str:
    """A synthetic site's page: its template around one seed body, with a varying counter."""
    return "\n".join([*HEADER, body.strip(), f"{number + 3} réactions", *FOOTER]) + "\n"


@pytest.fixture(scope="module")
def site() -> list[str]:
    bodies = [path.read_text(encoding="utf-8") for path in GOLD]
    return [page(body, i) for i, body in enumerate(bodies)]


def body_paragraphs() -> list[str]:
    return [p for path in GOLD for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def test_mine_finds_the_template(site: list[str]) -> None:
    found = {r.key: r for r in mine(site, min_docs=3)}
    for line in HEADER + FOOTER:
        assert found[line.casefold()].docs == len(site)
    assert found["0 réactions"].variants == len(site)


def test_learnt_rules_load_remove_template_keep_bodies(site: list[str], tmp_path: Path) -> None:
    text = write_rule_file(site, "synthetique.example", min_docs=3)
    assert text == write_rule_file(list(site), "synthetique.example", min_docs=3)  # deterministic
    (tmp_path / "synthetique.example.toml").write_text(text, encoding="utf-8")
    ruleset = build_ruleset(load_dir(tmp_path))
    cleaner = Cleaner(ruleset, config=CleanerConfig(classify=False))
    for doc, path in zip(site, GOLD, strict=True):
        out = cleaner.clean(doc, site="synthetique.example").text
        for line in HEADER + FOOTER:
            assert line not in out
        assert "réactions" not in out
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                assert paragraph.strip() in out


def test_clean_learn_command_output_passes_rules_check(site: list[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in site), encoding="utf-8")
    out = tmp_path / "rules" / "sites" / "synthetique.example.toml"
    run = [sys.executable, "-m", "cleaner"]
    done = subprocess.run([*run, "learn", str(corpus), "--site", "synthetique.example",
                           "-o", str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    checked = subprocess.run([*run, "rules", "check", str(tmp_path / "rules")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = subprocess.run([*run, "rules", "test", str(tmp_path / "rules")],
                            capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_clean_batch_removes_repeats_explained(site: list[str]) -> None:
    results = clean_batch(site, min_docs=3)
    for result, path in zip(results, GOLD, strict=True):
        for line in HEADER + FOOTER:
            assert line not in result.text
        assert any(r.rule == RULE and r.detail for r in result.removed)
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                assert paragraph.strip() in result.text
    assert [r.text for r in clean_batch(site[::-1], min_docs=3)] == [r.text for r in results][::-1]


def test_min_docs_must_mean_a_repeat() -> None:
    with pytest.raises(ValueError, match="min_docs"):
        mine(["a"], min_docs=1)


def test_clean_learn_errors_are_one_line(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "cleaner", "learn"]
    missing = subprocess.run([*run, str(tmp_path / "nope.jsonl"), "--site", "x.example"],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and missing.stderr.startswith("clean learn: ")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a"}\nnot json\n', encoding="utf-8")
    done = subprocess.run([*run, str(bad), "--site", "x.example"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 1 and "bad.jsonl:2" in done.stderr
