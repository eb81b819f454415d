"""One ``clean`` command for every input: one parser, one help, the same options everywhere.

Text files, JSONL records, WARC crawls and folders are parsed alike; the inputs
choose the run, and ``--explain``, ``--diff``, ``--format``, ``-q`` and
``--version`` mean the same for each.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.classify.classifier import decision_ids
from cleaner.cli import main as cli

from .test_cli import ARTICLE, GENERIC_RULES, OTHER, clean, write

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEANER_RULES", raising=False)


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    return write(tmp_path / "myrules" / "generic" / "test.toml", GENERIC_RULES).parent


def run(args: list[str | Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def records(path: Path, *texts: str) -> Path:
    path.write_text("".join(json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n"
                            for n, t in enumerate(texts)), encoding="utf-8")
    return path


# ---------------------------------------------------------------- one parser


def test_help_is_one_screen_whatever_the_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    status, text_help, _ = run(["--help"], capsys)
    assert status == 0
    assert text_help.count("usage:") == 1
    for option in ("--explain", "--diff", "--format", "--in-place", "--jobs", "--resume",
                   "--stats", "--text-field", "--dask", "clean -- rules"):
        assert option in text_help
    assert run(["x.jsonl", "--help"], capsys)[1] == text_help
    assert run(["a.txt", "-o", "out/", "--help"], capsys)[1] == text_help


@pytest.mark.parametrize("args", [["--no-such-option", "a.txt"], ["--no-such-option", "x.jsonl"],
                                  ["x.jsonl", "--jobs", "-1"], ["a.txt", "--jobs", "2"],
                                  ["x.jsonl", "--typography", "fancy"]])
def test_a_usage_error_is_printed_once(args: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(args, capsys)
    assert (status, out) == (2, "")
    assert err.count("usage: clean") == 1 and err.count("clean: error:") == 1, err


@pytest.mark.parametrize("args", [["--version"], ["--version", "x.jsonl"],
                                  ["x.jsonl", "--jobs", "2", "--version"],
                                  ["a.txt", "b.txt", "-o", "out/", "--version"],
                                  ["--version", "--explain", "-q", "crawl.warc.gz"]])
def test_version_whatever_else_is_on_the_line(args: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(args, capsys)
    assert (status, err) == (0, "")
    assert out.startswith("clean ") and out.count("\n") == 1


def test_batch_options_on_a_document_run_say_why(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["a.txt", "--stats", "s.json"], capsys)
    assert status == 2 and "--stats is for batch runs" in err and "-o FOLDER/" in err


@pytest.mark.parametrize(("flag", "reason"), [
    (["-i"], "--in-place rewrites text files"),
    (["--html"], "--html: a batch run reads text files as text"),
    (["--batch-min-docs", "3"], "--batch-min-docs needs every document at once"),
])
def test_document_options_on_a_batch_run_say_why(tmp_path: Path, flag: list[str], reason: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = records(tmp_path / "in.jsonl", ARTICLE)
    status, _, err = run([source, *flag], capsys)
    assert status == 2 and reason in err


def test_batch_does_not_import_the_command_line() -> None:
    # cli imports batch, never the reverse: not even lazily or for type checking.
    for path in (REPO / "cleaner" / "batch").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("cleaner.cli"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("cleaner.cli") for a in node.names), path


# ---------------------------------------------------------------- the same options everywhere


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_explain_names_each_record_and_line(tmp_path: Path, rules: Path, jobs: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = records(tmp_path / "in.jsonl", OTHER, ARTICLE, "Une phrase.\nZZJUNK à enlever\n")
    _, plain, _ = run([source, "--rules", rules, "-j", jobs, "-q"], capsys)
    status, out, err = run([source, "--rules", rules, "-j", jobs, "-q", "--explain"], capsys)
    assert status == 0 and out == plain  # the records are unchanged; the report is on stderr
    lines = err.splitlines()
    assert f"{source}:2:2: test.junk [generic]: ZZJUNK à enlever" in lines
    assert f"{source}:2:3: test.fragment [generic] (fragment): [ZZPUB achetez maintenant]" in lines
    assert f"{source}:2: lang: fr" in lines
    junk = [line for line in lines if "test.junk" in line]
    assert junk == [f"{source}:2:2: test.junk [generic]: ZZJUNK à enlever",
                    f"{source}:3:2: test.junk [generic]: ZZJUNK à enlever"]  # in input order


def test_explain_in_a_folder_run_names_each_file(tmp_path: Path, rules: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    write(folder / "deep" / "a.txt", ARTICLE)
    status, _, err = run([folder, "-o", tmp_path / "out", "--rules", rules, "--explain"], capsys)
    assert status == 0
    assert f"{folder / 'deep' / 'a.txt'}:2: test.junk [generic]: ZZJUNK à enlever" in err


def test_diff_of_records(tmp_path: Path, rules: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = records(tmp_path / "in.jsonl", ARTICLE, OTHER)
    with source.open("a", encoding="utf-8") as stream:
        stream.write('{"id": 9}\n')
    status, out, err = run([source, "--rules", rules, "--diff", "-j", "1"], capsys)
    assert status == 1  # the record without text is an error, on stderr only
    assert f"clean: {source}:3: no 'text' field with a string" in err
    lines = out.splitlines()
    assert lines[:2] == [f"--- {source}:1", f"+++ {source}:1 (cleaned)"]
    assert "-ZZJUNK à enlever" in lines
    assert f"--- {source}:2" in lines  # paragraphs are set apart: the diff shows it
    assert not any(line.startswith("{") for line in lines)  # diffs only, no record
    refused = run([source, "--diff", "-o", f"{tmp_path}/out/"], capsys)
    assert refused[0] == 2 and "not into a folder" in refused[2]


def test_format_json_on_records_is_what_they_are(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = records(tmp_path / "in.jsonl", ARTICLE, OTHER)
    plain = run([source, "-q"], capsys)
    assert run([source, "-q", "--format", "json"], capsys) == plain
    write(tmp_path / "folder" / "a.txt", ARTICLE)
    status, _, err = run([tmp_path / "folder", "-o", tmp_path / "out", "--format", "json"],
                         capsys)
    assert status == 2 and "a.txt is a text file, mirrored as text" in err


def test_quiet_text_files_report_nothing(work: Path, rules: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("-q", "missing.txt", "a.txt", "--rules", rules, cwd=work)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout == Cleaner([rules]).clean(ARTICLE).text
    loud = clean("missing.txt", cwd=work)
    assert loud.stderr == "clean: missing.txt: no such file\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    directory = tmp_path / "work"
    directory.mkdir()
    return directory


# ---------------------------------------------------------------- -o FOLDER/


@pytest.mark.parametrize("target", ["out/", "existing"])
def test_output_folder_mirrors_the_inputs(work: Path, rules: Path, target: str) -> None:
    write(work / "a.txt", ARTICLE)
    write(work / "sub" / "b.txt", OTHER)
    (work / "existing").mkdir()
    done = clean("a.txt", "sub/b.txt", "-o", target, "--rules", rules, "-q", cwd=work)
    assert done.returncode == 0, done.stderr
    folder = work / target.rstrip("/")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "b.txt"]
    cleaner = Cleaner([rules])
    assert (folder / "a.txt").read_text(encoding="utf-8") == cleaner.clean(ARTICLE).text
    assert (folder / "b.txt").read_text(encoding="utf-8") == cleaner.clean(OTHER).text
    one = clean("a.txt", "-o", "one/", "--rules", rules, "-q", cwd=work)
    assert one.returncode == 0 and [p.name for p in (work / "one").iterdir()] == ["a.txt"]


# ---------------------------------------------------------------- clean rules list


def test_rules_list_names_html_rules_and_classifier_decisions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["rules", "list"], capsys)
    assert status == 0
    rows = [line.split(None, 3) for line in out.splitlines()]
    assert ["generic", "html.share-bar", "html"] in [row[:3] for row in rows]
    classifier = [row[1] for row in rows if row[2] == "classifier"]
    assert classifier == [rule for rule, _ in decision_ids()]
    assert {"classifier.head-zone", "classifier.tail-zone", "classifier.menu-run",
            "classifier.lexicon.nav", "classifier.lexicon.ad"} <= set(classifier)
    assert all(len(row) == 4 for row in rows)  # every one described
    # Each id --explain prints for a classifier removal is listed.
    page = tmp_path / "page.txt"
    page.write_text("Accueil\nMonde\nSport\n" + "Le président a parlé devant les députés "
                    "mardi soir à Paris et a annoncé des mesures.\n" * 3, encoding="utf-8")
    _, _, err = run([page, "--explain"], capsys)
    named = {line.split(": ", 1)[1].split()[0] for line in err.splitlines()
             if "classifier." in line}
    assert named and named <= set(classifier)


def test_explain_names_each_page_of_a_crawl(capsys: pytest.CaptureFixture[str]) -> None:
    crawl = REPO / "fixtures" / "warc" / "seeds.warc.gz"
    status, out, err = run([crawl, "--explain", "-q", "-j", "1"], capsys)
    assert status == 0 and out.count("\n") == 5
    first = f"{crawl}#1 (https://news.example.net/ap/2024/11/18/ukraine)"
    assert f"{first}: lang: fr" in err.splitlines()
    assert any(line.startswith(f"{first}:16: ") for line in err.splitlines())


def test_input_format_text_reads_a_page_as_text(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Le président a parlé.</p></body></html>\n",
                    encoding="utf-8")
    status, out, _ = run([page, "--input-format", "text"], capsys)
    assert status == 0 and out == Cleaner().clean_bytes(page.read_bytes()).text
    assert run([page], capsys)[1] == Cleaner().clean_html(page.read_bytes()).text
