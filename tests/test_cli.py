"""The ``clean`` command, run as a user runs it: a subprocess, from another directory.

Every run has its working directory in a temporary folder, so the bundled
rules must be found from anywhere; ``CLEANER_RULES`` is removed from the
environment so that a developer's own rules cannot change the outcome.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, Repair
from cleaner.classify.classifier import decision_ids
from cleaner.cli import main as cli
from cleaner.html.examples import html_example_count
from cleaner.report import describe_repair
from cleaner.rules.load import load_rules

REPO = Path(__file__).resolve().parent.parent

GENERIC_RULES = r'''
[file]
lang = "fr"

[[rule]]
id = "test.junk"
kind = "line"
description = "A junk line only these tests print."
literal = ["ZZJUNK à enlever"]
examples.remove = ["ZZJUNK à enlever"]
examples.keep = ["Une phrase ordinaire."]

[[rule]]
id = "test.fragment"
kind = "inline"
description = "A bracketed advert inside a line, only in these tests."
pattern = ['\[ZZPUB[^\]]*\]']
examples.remove = ["Le texte [ZZPUB achetez] continue."]
'''

SITE_RULES = '''
[site]
name = "example"
hosts = ["example.com"]
fingerprints = ["ZZSITE signature"]

[[rule]]
id = "example.footer"
kind = "line"
description = "The footer of the test site."
literal = ["ZZSITE pied de page"]
examples.remove = ["ZZSITE pied de page"]
'''

ARTICLE = (
    "Le conseil municipal vote le budget\n"
    "ZZJUNK à enlever\n"
    "Les élus ont adopté le budget mardi soir [ZZPUB achetez maintenant] après un long débat.\n"
    "Le maire a salué un texte équilibré pour la commune.\n"
    "ZZSITE pied de page\n"
)
OTHER = "Un deuxième article parle de la rentrée scolaire.\nLes classes ouvrent lundi.\n"


@pytest.fixture(autouse=True)
def _no_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLEANER_RULES", raising=False)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The working directory of the runs: nowhere near the repository."""
    directory = tmp_path / "work"
    directory.mkdir()
    return directory


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """Extra rules: one generic file and one site file."""
    directory = tmp_path / "myrules"
    write(directory / "generic" / "test.toml", GENERIC_RULES)
    write(directory / "sites" / "example.com.toml", SITE_RULES)
    return directory


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def clean(*args: str | Path, cwd: Path, stdin: str | bytes = b"",
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m cleaner ARGS`` in `cwd`; stdout and stderr decoded as UTF-8."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd,
                          input=data, capture_output=True, env=env or environment(),
                          timeout=120, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8", "replace"))


def expected(text: str, rules: Path, **kwargs: str) -> str:
    """What the library says the cleaned text is (bundled rules plus `rules`)."""
    return Cleaner([rules]).clean(text, **kwargs).text


def assert_one_line_error(stderr: str, path: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if path in line]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"clean: {path}: ")


# ---------------------------------------------------------------- cleaning


def test_stdin_without_arguments(work: Path, rules_dir: Path) -> None:
    done = clean("--rules", rules_dir, cwd=work, stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir)
    assert "ZZJUNK" not in done.stdout and "ZZPUB" not in done.stdout
    assert "Les élus ont adopté le budget mardi soir après un long débat." in done.stdout
    assert done.stderr == ""


def test_dash_reads_stdin(work: Path, rules_dir: Path) -> None:
    done = clean("--rules", rules_dir, "-", cwd=work, stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir)


def test_one_file(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("a.txt", "--rules", rules_dir, cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir)
    assert "Le maire a salué un texte équilibré pour la commune." in done.stdout


def test_several_files_in_order_separated_by_a_blank_line(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    write(work / "b.txt", OTHER)
    write(work / "empty.txt", "")
    done = clean("--rules", rules_dir, "b.txt", "empty.txt", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert expected(OTHER, rules_dir).endswith(".\n")
    assert done.stdout == expected(OTHER, rules_dir) + "\n" + expected(ARTICLE, rules_dir)


def test_seed_article_from_another_directory(work: Path) -> None:
    seed = REPO / "fixtures" / "seeds" / "input" / "euronews.txt"
    done = clean(seed, cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == Cleaner().clean(seed.read_text(encoding="utf-8")).text
    assert len(done.stdout) < len(seed.read_text(encoding="utf-8"))


def test_output_file(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    write(work / "b.txt", OTHER)
    done = clean("--rules", rules_dir, "a.txt", "b.txt", "-o", "out.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert (work / "out.txt").read_text(encoding="utf-8") == (
        expected(ARTICLE, rules_dir) + "\n" + expected(OTHER, rules_dir))
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt", "out.txt"]


def test_output_file_in_a_missing_directory(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("a.txt", "-o", "nowhere/out.txt", cwd=work)
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "nowhere/out.txt")


def test_in_place(work: Path, rules_dir: Path) -> None:
    target = write(work / "a.txt", ARTICLE)
    target.chmod(0o640)
    done = clean("--rules", rules_dir, "--in-place", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert target.read_text(encoding="utf-8") == expected(ARTICLE, rules_dir)
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in work.iterdir()] == ["a.txt"]  # no temporary file left


@pytest.mark.parametrize("extra", [["-"], ["-o", "out.txt"], ["--diff"], ["--format", "json"]])
def test_in_place_refuses_stdin_output_and_reports(work: Path, extra: list[str]) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("-i", "a.txt", *extra, cwd=work)
    assert done.returncode == 2
    assert "clean: error:" in done.stderr
    assert (work / "a.txt").read_text(encoding="utf-8") == ARTICLE


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes into read-only directories")
def test_in_place_failure_keeps_the_original(work: Path, rules_dir: Path) -> None:
    folder = work / "locked"
    target = write(folder / "a.txt", ARTICLE)
    folder.chmod(0o555)
    try:
        done = clean("--rules", rules_dir, "-i", target, cwd=work)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1
    assert_one_line_error(done.stderr, str(target))
    assert target.read_text(encoding="utf-8") == ARTICLE
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_in_place_failure_keeps_the_original_in_process(
        work: Path, rules_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = write(work / "a.txt", ARTICLE)
    other = write(work / "b.txt", ARTICLE)

    def refuse(src: str, dst: object) -> None:
        if Path(str(dst)).name == "a.txt":
            raise PermissionError(13, "Permission denied")
        os.rename(src, str(dst))

    monkeypatch.setattr("cleaner.io.writing.os.replace", refuse)
    status = cli.main(["--rules", str(rules_dir), "-i", str(target), str(other)])
    assert status == 1
    err = capsys.readouterr().err
    assert err == f"clean: {target}: cannot write: Permission denied\n"
    assert target.read_text(encoding="utf-8") == ARTICLE
    assert other.read_text(encoding="utf-8") == expected(ARTICLE, rules_dir)
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt"]


def test_explain_goes_to_stderr(work: Path, rules_dir: Path) -> None:
    path = write(work / "a.txt", ARTICLE)
    plain = clean("--rules", rules_dir, "--site", "example", "a.txt", cwd=work)
    done = clean("--rules", rules_dir, "--site", "example", "--explain", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == plain.stdout
    lines = done.stderr.splitlines()
    assert "a.txt:2: test.junk [generic]: ZZJUNK à enlever" in lines
    assert "a.txt:3: test.fragment [generic] (fragment): [ZZPUB achetez maintenant]" in lines
    assert "a.txt:5: example.footer [example]: ZZSITE pied de page" in lines
    assert "a.txt: site: example" in lines
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_diff(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("--rules", rules_dir, "--diff", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "--- a.txt"
    assert lines[1].startswith("+++ a.txt")
    assert lines[2].startswith("@@ -1,5 ")
    assert "-ZZJUNK à enlever" in lines
    assert "+Le conseil municipal vote le budget" not in lines  # kept lines are context
    assert not any(line.startswith("+") and "ZZ" in line for line in lines)


def test_diff_of_a_text_without_final_newline(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", "Une seule phrase sans fin de ligne.")
    done = clean("--diff", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "\\ No newline at end of file" in done.stdout


def test_format_json(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("--rules", rules_dir, "--format", "json", "a.txt", "-", cwd=work, stdin=OTHER)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["path"] for r in records] == ["a.txt", "<stdin>"]
    assert records[0]["text"] == expected(ARTICLE, rules_dir)
    assert {"line": 2, "text": "ZZJUNK à enlever", "rule": "test.junk", "scope": "generic",
            "fragment": False} in records[0]["removed"]
    assert records[1]["text"] == expected(OTHER, rules_dir)
    assert "à enlever" in done.stdout  # UTF-8, not \u escapes


def test_site_is_detected_by_url_or_forced(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    detected = clean("--rules", rules_dir, "a.txt", cwd=work)
    assert "ZZSITE pied de page" in detected.stdout
    by_url = clean("--rules", rules_dir, "--url", "https://www.example.com/x", "a.txt", cwd=work)
    forced = clean("--rules", rules_dir, "--site", "example", "a.txt", cwd=work)
    assert by_url.returncode == forced.returncode == 0
    assert "ZZSITE" not in by_url.stdout
    assert by_url.stdout == forced.stdout == expected(ARTICLE, rules_dir, site="example")


def test_unknown_site_is_a_usage_error(work: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("--site", "no-such-site", "a.txt", cwd=work)
    assert done.returncode == 2
    assert done.stderr.startswith("clean: unknown site 'no-such-site'")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_rules_from_the_environment(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("a.txt", cwd=work, env=environment(CLEANER_RULES=str(rules_dir)))
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir)


def test_missing_rules_directory_is_a_usage_error(work: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("--rules", "no-such-dir", "a.txt", cwd=work)
    assert done.returncode == 2
    assert done.stderr.startswith("clean: no-such-dir")
    assert "Traceback" not in done.stderr


def test_broken_rules_are_a_usage_error(work: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    write(broken / "x.toml", BAD_REGEX)
    write(work / "a.txt", ARTICLE)
    done = clean("--rules", broken, "a.txt", cwd=work)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"clean: {broken / 'x.toml'}:9: rule 'broken.regex':")


# ---------------------------------------------------------------- bad inputs


def _binary(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def _directory(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


def _undecodable(path: Path) -> None:
    path.write_bytes(bytes(range(128, 256)) * 4)  # no encoding reads this as text


def _broken_utf16(path: Path) -> None:
    path.write_bytes(codecs.BOM_UTF16_LE + "Le texte.".encode("utf-16-le") + b"\x00\xd8")


@pytest.mark.parametrize(("make", "reason"), [
    (_binary, "input is binary (PNG image), not text"),
    (_directory, "is a directory"),
    (_missing, "no such file"),
    (_undecodable, "cannot decode input: it is not UTF-8"),
    (_broken_utf16, "input does not decode as utf-16-le"),
])
def test_bad_input_fails_alone(work: Path, rules_dir: Path, make: object, reason: str) -> None:
    assert callable(make)
    make(work / "bad")
    write(work / "good.txt", ARTICLE)
    done = clean("--rules", rules_dir, "bad", "good.txt", cwd=work)
    assert done.returncode == 1
    assert_one_line_error(done.stderr, "bad")
    assert done.stderr.startswith(f"clean: bad: {reason}")
    assert done.stdout == expected(ARTICLE, rules_dir)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads unreadable files")
def test_unreadable_input(work: Path) -> None:
    write(work / "secret.txt", ARTICLE).chmod(0)
    done = clean("secret.txt", cwd=work)
    assert done.returncode == 1
    assert done.stderr == "clean: secret.txt: permission denied\n"


def test_empty_file_is_empty_output(work: Path) -> None:
    write(work / "empty.txt", "")
    done = clean("empty.txt", cwd=work)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert clean(cwd=work, stdin=b"").stdout == ""


def test_utf16_and_bom_inputs(work: Path, rules_dir: Path) -> None:
    (work / "a16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (work / "a8.txt").write_bytes(ARTICLE.encode("utf-8-sig"))
    done = clean("--rules", rules_dir, "a16.txt", "a8.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir) + "\n" + expected(ARTICLE, rules_dir)


# ---------------------------------------------------------------- encodings and repairs


@pytest.mark.parametrize(("encoding", "detected"), [
    ("cp1252", "cp1252"),
    ("latin-1", "cp1252"),  # Latin-1 is read as its superset, as browsers do
    ("utf-16", "utf-16-le"),  # with its byte order mark
    ("utf-16-be-bom", "utf-16-be"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-32", "utf-32-le"),
])
def test_any_common_encoding_is_cleaned(work: Path, rules_dir: Path, encoding: str,
                                        detected: str) -> None:
    data = (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be") if encoding == "utf-16-be-bom"
            else ARTICLE.encode(encoding))
    (work / "a.txt").write_bytes(data)
    done = clean("--rules", rules_dir, "--explain", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected(ARTICLE, rules_dir)
    lines = done.stderr.splitlines()
    assert f"a.txt: repaired: decode ×1 ({detected})" in lines
    assert "a.txt:2: test.junk [generic]: ZZJUNK à enlever" in lines


def test_utf8_is_not_reported_as_a_repair(work: Path, rules_dir: Path) -> None:
    write(work / "a.txt", ARTICLE)
    done = clean("--rules", rules_dir, "--explain", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert "repaired: decode" not in done.stderr


def test_cp1252_file_everywhere_output_goes(work: Path, rules_dir: Path) -> None:
    data = ARTICLE.encode("cp1252")
    (work / "a.txt").write_bytes(data)
    # stdin
    piped = clean("--rules", rules_dir, "--explain", cwd=work, stdin=data)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == expected(ARTICLE, rules_dir)
    assert "<stdin>: repaired: decode ×1 (cp1252)" in piped.stderr.splitlines()
    # -o: UTF-8
    done = clean("--rules", rules_dir, "a.txt", "-o", "out.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert (work / "out.txt").read_bytes() == expected(ARTICLE, rules_dir).encode("utf-8")
    # --diff: the input side is the decoded text
    diff = clean("--rules", rules_dir, "--diff", "a.txt", cwd=work)
    assert diff.returncode == 0, diff.stderr
    assert "-ZZJUNK à enlever" in diff.stdout.splitlines()
    # --format json carries the decoding and the language
    record = json.loads(clean("--rules", rules_dir, "--format", "json", "a.txt",
                              cwd=work).stdout)
    assert record["text"] == expected(ARTICLE, rules_dir)
    assert record["repairs"][0] == {"step": "decode", "count": 1, "detail": "cp1252"}
    assert record["lang"] == "fr"
    # --in-place: rewritten in UTF-8
    done = clean("--rules", rules_dir, "-i", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert (work / "a.txt").read_bytes() == expected(ARTICLE, rules_dir).encode("utf-8")


def test_in_place_rewrites_a_clean_cp1252_file_in_utf8(work: Path) -> None:
    already_clean = "Un deuxième article parle de la rentrée.\n\nLes classes ouvrent lundi.\n"
    (work / "a.txt").write_bytes(already_clean.encode("cp1252"))
    assert clean("a.txt", cwd=work).stdout == already_clean
    done = clean("-i", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert (work / "a.txt").read_bytes() == already_clean.encode("utf-8")


MOJIBAKE = (
    "PUBLICITÃ‰\n"
    "Le prÃ©sident a parlÃ© devant les Ã©lus mardi soir, aprÃ¨s un long dÃ©bat.\n"
    "Le budget de la commune a Ã©tÃ© adoptÃ© sans surprise.\n"
)


def test_mojibake_is_repaired_then_junk_removed(work: Path) -> None:
    write(work / "a.txt", MOJIBAKE)
    done = clean("--explain", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Le président a parlé devant les élus mardi soir, après un long débat.\n\n"
        "Le budget de la commune a été adopté sans surprise.\n")
    assert done.stdout == Cleaner().clean(MOJIBAKE).text
    lines = done.stderr.splitlines()
    assert "a.txt: lang: fr" in lines
    repaired = [line for line in lines if line.startswith("a.txt: repaired: ")]
    assert len(repaired) == 1, done.stderr
    assert repaired[0].startswith("a.txt: repaired: mojibake ×3 (encode ")  # one per line
    assert repaired[0].endswith(", decode utf-8)")
    removed = [line for line in lines if line.startswith("a.txt:1: ")]
    assert removed == ["a.txt:1: fr.ad-marker [generic]: PUBLICITÉ"]
    # one line per repair, before the removed lines
    assert lines.index(repaired[0]) < lines.index(removed[0])
    assert lines.index("a.txt: lang: fr") < lines.index(repaired[0])


def test_explain_lists_every_repair_of_the_result(work: Path) -> None:
    text = "Le pre\u0301sident a parle\u0301 &eacute;nergiquement devant les e\u0301lus.\n"
    (work / "a.txt").write_bytes(text.encode("utf-16"))
    done = clean("--explain", "--format", "json", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    shown = [line.removeprefix("a.txt: repaired: ") for line in done.stderr.splitlines()
             if line.startswith("a.txt: repaired: ")]
    assert [r["step"] for r in record["repairs"]] == ["decode", "entities", "nfc"]
    assert shown == [describe_repair(Repair(**r)) for r in record["repairs"]]
    assert record["text"] == "Le président a parlé énergiquement devant les élus.\n"
    assert record["lang"] == "fr"


QUOTED = "Le maire a dit « nous voterons » et l’opposition a répondu “non”, puis ‘jamais’.\n"


def test_typography_plain_gives_ascii_quotes(work: Path) -> None:
    write(work / "a.txt", QUOTED)
    preserved = clean("a.txt", cwd=work)
    assert preserved.stdout == QUOTED
    assert clean("--typography", "preserve", "a.txt", cwd=work).stdout == QUOTED
    done = clean("--typography", "plain", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Le maire a dit \"nous voterons\" et l'opposition a répondu \"non\", puis 'jamais'.\n")
    assert done.stdout == Cleaner().clean(QUOTED, typography="plain").text


@pytest.mark.parametrize("profile", ["fr", "en", "de", "auto"])
def test_typography_profiles_match_the_library(work: Path, profile: str) -> None:
    write(work / "a.txt", QUOTED)
    done = clean(f"--typography={profile}", "a.txt", cwd=work)
    assert done.returncode == 0, done.stderr
    assert done.stdout == Cleaner().clean(QUOTED, typography=profile).text
    if profile in ("fr", "auto"):  # auto: French, detected
        assert "«\u202fnous voterons\u202f»" in done.stdout


def test_unknown_typography_profile_is_a_usage_error(work: Path) -> None:
    write(work / "a.txt", QUOTED)
    done = clean("--typography", "fancy", "a.txt", cwd=work)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "invalid choice: 'fancy'" in done.stderr
    assert "Traceback" not in done.stderr


def test_output_is_utf8_whatever_the_locale(work: Path) -> None:
    write(work / "a.txt", OTHER + "Élève, naïveté, œuvre.\n")
    env = environment(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0",
                      PYTHONIOENCODING="")
    done = clean("a.txt", cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    assert "Élève, naïveté, œuvre." in done.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system of raw bytes")
def test_file_name_that_is_not_utf8(work: Path, rules_dir: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    write(work / name, ARTICLE)
    done = subprocess.run([sys.executable, "-m", "cleaner", "--rules", str(rules_dir),
                           "--format", "json", "--explain", name], cwd=work,
                          capture_output=True, env=environment(), timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b'{"path": "caf\xe9.txt"')
    assert b"Traceback" not in done.stderr


def test_a_file_named_rules_can_be_cleaned(work: Path) -> None:
    write(work / "rules", OTHER)
    for args in (["./rules"], ["--", "rules"]):
        done = clean(*args, cwd=work)
        assert done.returncode == 0, done.stderr
        assert "Les classes ouvrent lundi." in done.stdout


def test_broken_pipe_is_quiet(work: Path) -> None:
    lines = "".join(f"Ligne numéro {n} d'un texte assez long pour remplir le tube.\n"
                    for n in range(20000))
    write(work / "big.txt", lines)
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "big.txt"], cwd=work,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=environment())
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    status = process.wait(timeout=120)
    assert first.startswith("Ligne numéro 0".encode())
    assert stderr == b""
    assert status == cli.EXIT_BROKEN_PIPE


def test_keyboard_interrupt_is_quiet(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(argv: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "clean_command", interrupted)
    assert cli.main(["a.txt"]) == 130
    assert capsys.readouterr() == ("", "")


def test_version_and_help(work: Path) -> None:
    version = clean("--version", cwd=work)
    assert version.returncode == 0
    assert version.stdout.startswith("clean ")
    helped = clean("--help", cwd=work)
    assert helped.returncode == 0
    assert "clean -- rules" in helped.stdout
    assert helped.stdout.isascii()  # printable whatever the locale
    assert clean("--no-such-option", cwd=work).returncode == 2


# ---------------------------------------------------------------- clean rules ...

# Each broken file starts with a valid rule, so the error must point past it.
FINE_RULE = '''
[[rule]]
id = "fine.one"
kind = "line"
description = "A valid rule before the broken one."
literal = ["Fine"]
examples.remove = ["Fine"]
'''

BAD_REGEX = FINE_RULE + '''
[[rule]]
id = "broken.regex"
kind = "line"
description = "Its pattern does not compile."
pattern = ['(unclosed']
examples.remove = ["x"]
'''

UNKNOWN_FIELD = FINE_RULE + '''
[[rule]]
id = "broken.field"
kind = "line"
description = "It has a field rules do not have."
literal = ["Nope"]
colour = "red"
examples.remove = ["Nope"]
'''

UNKNOWN_FRAGMENT = FINE_RULE + '''
[[rule]]
id = "broken.fragment"
kind = "line"
description = "Its pattern names a fragment the file does not define."
pattern = ['Publié le {date}']
examples.remove = ["Publié le 3 mai"]
'''

TOML_SYNTAX = FINE_RULE + '''
[[rule]]
id = "broken.toml"
kind = "line
description = "An unterminated string above."
'''

FAILING_EXAMPLE = '''
[[rule]]
id = "fails.keep"
kind = "line"
description = "Its keep example is what it removes."
literal = ["Lisez aussi"]
examples.remove = ["Lisez aussi"]
examples.keep = ["Lisez aussi"]

[[rule]]
id = "passes"
kind = "line"
description = "A rule whose examples hold."
literal = ["Publicité"]
examples.remove = ["Publicité"]
examples.keep = ["La publicité a changé."]
'''


def test_rules_list(work: Path, rules_dir: Path) -> None:
    done = clean("rules", "list", "--rules", rules_dir, cwd=work)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    ruleset = load_rules([rules_dir])
    html = sum(len(rules) for rules in ruleset.html.values())
    assert len(lines) == sum(1 for _ in ruleset.all_rules()) + html + len(decision_ids())
    assert len(lines) > 3  # the bundled rules were found from elsewhere
    assert any(line.split()[:3] == ["generic", "test.junk", "line"] for line in lines)
    assert any(line.split()[:3] == ["example", "example.footer", "line"] for line in lines)
    assert any("A junk line only these tests print." in line for line in lines)


def test_rules_check(work: Path, rules_dir: Path) -> None:
    full = clean("rules", "check", cwd=work)
    assert full.returncode == 0, full.stderr
    total = sum(1 for _ in load_rules().all_rules())
    assert full.stdout.startswith(f"OK: {total} rules")
    alone = clean("rules", "check", rules_dir, cwd=work)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout == "OK: 3 rules (2 generic, 1 for 1 site) in 2 files\n"


@pytest.mark.parametrize(("text", "line", "rule"), [
    (BAD_REGEX, 9, "broken.regex"),
    (UNKNOWN_FIELD, 9, "broken.field"),
    (UNKNOWN_FRAGMENT, 9, "broken.fragment"),
    (TOML_SYNTAX, 11, "broken.toml"),
])
def test_rules_check_names_file_line_and_rule(work: Path, tmp_path: Path, text: str,
                                               line: int, rule: str) -> None:
    path = write(tmp_path / "broken" / "generic" / "x.toml", text)
    done = clean("rules", "check", tmp_path / "broken", cwd=work)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"clean: {path}:{line}:")
    assert rule in done.stderr


def test_rules_check_missing_directory(work: Path) -> None:
    done = clean("rules", "check", "no-such-dir", cwd=work)
    assert done.returncode == 2
    assert done.stderr == "clean: no-such-dir: not a directory\n"


def test_rules_test_bundled(work: Path) -> None:
    done = clean("rules", "test", cwd=work)
    assert done.returncode == 0, done.stdout
    ruleset = load_rules()
    examples = sum(len(r.remove_examples) + len(r.keep_examples)
                   for _, r in ruleset.all_rules()) + html_example_count(ruleset)
    assert done.stdout.splitlines()[-1] == f"{examples} passed, 0 failed"


def test_rules_test_directory_alone(work: Path, rules_dir: Path) -> None:
    done = clean("rules", "test", rules_dir, cwd=work)
    assert done.returncode == 0, done.stdout
    assert done.stdout == "4 passed, 0 failed\n"


def test_rules_test_reports_failing_example(work: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "failing" / "x.toml", FAILING_EXAMPLE)
    done = clean("rules", "test", tmp_path / "failing", cwd=work)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[-1] == "3 passed, 1 failed"
    assert len(lines) == 2
    assert str(path) in lines[0] and "fails.keep" in lines[0]


def test_rules_usage_errors(work: Path, rules_dir: Path) -> None:
    assert clean("rules", cwd=work).returncode == 2
    assert clean("rules", "frobnicate", cwd=work).returncode == 2
    both = clean("rules", "check", rules_dir, "--rules", rules_dir, cwd=work)
    assert both.returncode == 2
