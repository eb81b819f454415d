"""Bad input and faults: each case a one-line error and a non-zero exit, never a traceback.

The fault matrix of issue 16, kept as tests: small inputs, bounded by time limits.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


PAGE_WITH_BROKEN_CANONICAL = (
    '<html><head><link rel="canonical" href="http://[::1"></head><body><article><p>'
    + BODY.strip() + "</p></article></body></html>")


def test_unparsable_canonical_url_does_not_stop_the_page(tmp_path: Path) -> None:
    from cleaner import clean_html

    assert clean_html(PAGE_WITH_BROKEN_CANONICAL) == BODY
    assert clean_html(PAGE_WITH_BROKEN_CANONICAL, url="http://[::1") == BODY
    (tmp_path / "page.html").write_text(PAGE_WITH_BROKEN_CANONICAL, encoding="utf-8")
    process = run("page.html", cwd=tmp_path)
    assert process.returncode == 0 and process.stdout == BODY, process.stderr


def test_unparsable_url_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    process = run("--url", "http://[::1", "a.txt", cwd=tmp_path)
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert process.stderr.strip().splitlines()[-1] == (
        "clean: error: --url 'http://[::1' is not a URL (Invalid IPv6 URL)")


RULES = '''
[[rule]]
id = "mine.junk"
kind = "line"
description = "A junk line of these tests."
literal = ["ZZJUNK à enlever"]
examples.remove = ["ZZJUNK à enlever"]
'''


def test_cleaner_takes_one_rule_directory_as_str_or_path(tmp_path: Path) -> None:
    from cleaner import Cleaner

    (tmp_path / "mine.toml").write_text(RULES, encoding="utf-8")
    for rules in (str(tmp_path), tmp_path):
        result = Cleaner(rules=rules).clean("ZZJUNK à enlever\n" + BODY)
        assert result.text == BODY
        assert [r.rule for r in result.removed] == ["mine.junk"]


def test_cleaner_pickles_and_deep_copies(tmp_path: Path) -> None:
    import copy
    import pickle

    from cleaner import Cleaner, CleanerConfig

    (tmp_path / "mine.toml").write_text(RULES, encoding="utf-8")
    cleaner = Cleaner(rules=[tmp_path], config=CleanerConfig(typography="plain"))
    text = "ZZJUNK à enlever\nL’« accord » est signé.\n" + BODY
    expected = cleaner.clean(text)
    for twin in (pickle.loads(pickle.dumps(cleaner)), copy.deepcopy(cleaner)):
        assert twin.clean(text) == expected
        assert twin.config == cleaner.config
    # Rebuilt from the pickled rules, not from the folder, which a worker may not have.
    clone = pickle.dumps(cleaner)
    (tmp_path / "mine.toml").unlink()
    assert pickle.loads(clone).clean(text) == expected


def test_slow_user_inline_pattern_is_refused_at_load(tmp_path: Path) -> None:
    # `(\w+\s?)*$` took 67 s on a 400 KB document at 0.25 s a line: now it never runs. The
    # verdict is read from the pattern's shape, so it does not depend on the machine's load.
    (tmp_path / "slow.toml").write_text(
        '[[rule]]\nid = "slow.inline"\nkind = "inline"\ndescription = "A slow pattern."\n'
        "pattern = ['(\\w+\\s?)*$']\nexamples.remove = [\"x\"]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="backtracks catastrophically") as info:
        load_dir(tmp_path)
    assert info.value.rule == "slow.inline"
    (tmp_path / "a.txt").write_text(BODY * 1000, encoding="utf-8")
    process = run("--rules", tmp_path, "a.txt", cwd=tmp_path)
    assert process.returncode == 2
    assert "backtracks catastrophically" in one_line_error(process)


# ---------------------------------------------------------------- batch runs (issue 16)


def records(count: int) -> str:
    return "".join(json.dumps({"id": n, "text": BODY}) + "\n" for n in range(count))


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_deeply_nested_json_line_is_one_error_record(tmp_path: Path, jobs: str) -> None:
    deep = '{"text": "x", "d": ' + "[" * 2000 + "]" * 2000 + "}"
    unclosed = '{"text": "x", "d": ' + "[" * 100_000 + "}"
    (tmp_path / "d.jsonl").write_text(
        "\n".join([json.dumps({"id": 0, "text": BODY}), deep, unclosed,
                   json.dumps({"id": 3, "text": BODY})]) + "\n", encoding="utf-8")
    process = run("d.jsonl", "-o", "out.jsonl", "--jobs", jobs, "--stats", "s.json",
                  cwd=tmp_path)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines()[:2] == [
        "clean: d.jsonl:2: malformed JSON (nested more than 512 levels deep)",
        "clean: d.jsonl:3: malformed JSON (nested more than 512 levels deep)"]
    out = read_records(tmp_path / "out.jsonl")
    assert [record.get("id") for record in out] == [0, None, None, 3]
    assert out[1] == {"raw": deep, "error": "d.jsonl:2: malformed JSON (nested more than "
                                            "512 levels deep)"}
    assert out[3]["text"] == BODY
    stats = json.loads((tmp_path / "s.json").read_text())
    assert (stats["documents"], stats["errors"], stats["worker_restarts"]) == (4, 2, 0)


def test_json_nesting_limit_does_not_depend_on_the_stack() -> None:
    from cleaner.batch.jsoncodec import MAX_DEPTH, decode_json

    def nested(depth: int, leaf: str = "0") -> bytes:
        return ("[" * depth + leaf + "]" * depth).encode()

    assert decode_json(nested(MAX_DEPTH))[0] is not None
    with pytest.raises(ValueError, match="nested more than 512 levels deep"):
        decode_json(nested(MAX_DEPTH + 1))
    with pytest.raises(ValueError, match="nested more than 512 levels deep"):
        decode_json(nested(MAX_DEPTH + 1, "NaN"))  # read by the standard library

    def with_little_stack(left: int) -> Any:
        if left > 0:
            return with_little_stack(left - 1)
        return decode_json(nested(MAX_DEPTH, "0.5"))  # a float: the standard library reads

    # Called with little stack left, the standard library runs out: an error, not a crash.
    with pytest.raises(ValueError, match="nested more than 512 levels deep"):
        with_little_stack(sys.getrecursionlimit() - MAX_DEPTH // 2)


NUMBERS = [
    # (a line's fields besides the text, as written, and as the output writes them)
    ('"a":1e400', '"a":1e400'),
    ('"a":-1e400,"b":[1E+999,{"c":-1.5e309}]', '"a":-1e400,"b":[1E+999,{"c":-1.5e309}]'),
    ('"a":1e400,"n":NaN', '"a":1e400,"n":NaN'),
    ('"a":1e400,"h":123456789012345678901234567890',
     '"a":1e400,"h":123456789012345678901234567890'),
    ('"a":1e400,"s":"\\ud800"', '"a":1e400,"s":"\\ud800"'),
    ('"a":1e400,"s":"\\u0000ab\\u0000"', '"a":1e400,"s":"\\u0000ab\\u0000"'),
    # As before: the same values, some spelt as the standard library spells them.
    ('"a":-0.0,"b":1E5,"c":1.0000000000000000001,"d":123456789012345678901234567890',
     '"a":-0.0,"b":100000.0,"c":1.0,"d":123456789012345678901234567890'),
    ('"e":1e-07,"f":Infinity,"g":1e308', '"e":1e-07,"f":Infinity,"g":1e+308'),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_numbers_too_large_for_a_float_are_written_back_as_written(tmp_path: Path,
                                                                   jobs: str) -> None:
    text = json.dumps(BODY)
    (tmp_path / "n.jsonl").write_text(
        "".join(f'{{"text":{text},{fields}}}\n' for fields, _ in NUMBERS), encoding="utf-8")
    process = run("n.jsonl", "-o", "out.jsonl", "--jobs", jobs, cwd=tmp_path)
    assert process.returncode == 0, process.stderr
    summary = ',"cleaner":{"site":null,"lang":"fr","removed":0,"repairs":{}}}'
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    clean_text = json.dumps(BODY, ensure_ascii=False)
    for line, (_, written) in zip(lines, NUMBERS, strict=True):
        assert line.endswith(f",{written}{summary}"), line
        assert line.replace(clean_text, json.dumps(BODY)).startswith('{"text":')


def test_clean_records_turns_what_is_not_a_mapping_into_an_error_record() -> None:
    from cleaner import clean_records

    given = [{"id": 1, "text": BODY}, "a string", None, [("text", BODY)], {"id": 5, "text": BODY}]
    for jobs in (1, 2):
        out = list(clean_records(given, jobs=jobs))
        assert [record.get("id") for record in out] == [1, None, None, None, 5]
        assert out[1] == {"raw": "a string", "error": "record 2: not a mapping (str)"}
        assert out[2] == {"raw": None, "error": "record 3: not a mapping (NoneType)"}
        assert out[3] == {"raw": [("text", BODY)], "error": "record 4: not a mapping (list)"}
        assert out[4]["text"] == BODY and "error" not in out[4]


def test_missing_input_is_an_error_with_no_output_and_resume_does_not_skip_it(
        tmp_path: Path) -> None:
    for extra in ([], ["--resume"]):
        process = run("missing.jsonl", "-o", "out.jsonl", *extra, cwd=tmp_path)
        assert process.returncode == 1
        assert process.stderr.splitlines()[0] == "clean: missing.jsonl: no such file"
        assert "Traceback" not in process.stderr and "already done" not in process.stderr
        assert not (tmp_path / "out.jsonl").exists()
    # Among other inputs: they are cleaned; a late shard is cleaned by --resume once it is there.
    (tmp_path / "a.jsonl").write_text(records(2), encoding="utf-8")
    process = run("a.jsonl", "b.jsonl", "-o", "out/", cwd=tmp_path)
    assert process.returncode == 1
    assert process.stderr.splitlines()[0] == "clean: b.jsonl: no such file"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.jsonl"]
    (tmp_path / "b.jsonl").write_text(records(3), encoding="utf-8")
    process = run("a.jsonl", "b.jsonl", "-o", "out/", "--resume", cwd=tmp_path)
    assert process.returncode == 0, process.stderr
    assert len(read_records(tmp_path / "out" / "b.jsonl")) == 3


def test_symlink_loop_in_an_input_folder_is_reported_and_the_rest_cleaned(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(records(2), encoding="utf-8")
    (folder / "b.txt").write_text(BODY, encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.jsonl").symlink_to("nowhere.jsonl")
    process = run("in", "-o", "out/", cwd=tmp_path)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines()[:2] == [
        "clean: in/gone.jsonl: no such file (a broken link)",
        f"clean: in/loop.txt: {os.strerror(errno.ELOOP)}"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.jsonl", "b.txt"]
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == BODY


# `clean` with a file size limit, which fails the writes of an output as a full disk does
# (EFBIG rather than ENOSPC). The language model is loaded first: py3langid copies it to a
# temporary file as it loads it.
SMALL_FILES = """
import resource, sys
from cleaner.text.lang import _model
_model()
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from cleaner.cli.main import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="a file size limit (setrlimit)")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_output_that_cannot_be_written_is_one_line_naming_it(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a.jsonl").write_text(records(200), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    process = subprocess.run([sys.executable, "-c", SMALL_FILES, "a.jsonl", "-o", "out.jsonl",
                              "--jobs", jobs], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=120, check=False)
    assert process.returncode == 1
    assert one_line_error(process) == f"clean: out.jsonl: {os.strerror(errno.EFBIG)}"
    assert os.listdir(tmp_path) == ["a.jsonl"]  # no temporary file left


def test_output_folder_removed_mid_run_is_one_line_naming_the_output(tmp_path: Path) -> None:
    import shutil
    import time

    (tmp_path / "a.jsonl").write_text(records(1), encoding="utf-8")
    os.mkfifo(tmp_path / "b.jsonl")
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    process = subprocess.Popen([sys.executable, "-m", "cleaner", "a.jsonl", "b.jsonl", "-o",
                                "out/", "--jobs", "1"], cwd=tmp_path, env=env,
                               stderr=subprocess.PIPE, text=True)
    try:
        with open(tmp_path / "b.jsonl", "w", encoding="utf-8") as fifo:
            fifo.write(records(2000))  # enough for a block of lines: b's output is opened
            fifo.flush()
            deadline = time.monotonic() + 60
            while not list((tmp_path / "out").glob(".b.jsonl.*")):
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.01)
            shutil.rmtree(tmp_path / "out")
        assert process.wait(timeout=60) == 1
        assert process.stderr is not None
        stderr = process.stderr.read()
    finally:
        process.kill()
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines() == [
        f"clean: out/b.jsonl: {os.strerror(errno.ENOENT)}"]


def test_stats_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(records(2), encoding="utf-8")
    process = run("a.jsonl", "-o", "out.jsonl", "--stats", "gone/s.json", "-q", cwd=tmp_path)
    assert process.returncode == 1
    assert one_line_error(process) == f"clean: gone/s.json: {os.strerror(errno.ENOENT)}"
    assert len(read_records(tmp_path / "out.jsonl")) == 2  # the outputs are complete
# --- issue 16 #3: an output that is not a regular file is written in place, never replaced

JSONL = '{"text": "' + BODY.strip() + '"}\n'


def _write_outputs(tmp_path: Path, target: Path) -> list[subprocess.CompletedProcess[str]]:
    """Every way `clean` writes a named file, each into `target`."""
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(JSONL, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for number in range(3):
        (corpus / f"{number}.txt").write_text(f"Abonnez-vous à la lettre\n\n{number} {BODY}",
                                              encoding="utf-8")
    return [run("a.txt", "-o", target, cwd=tmp_path),
            run("a.jsonl", "-j", "1", "-o", target, cwd=tmp_path),
            run("a.jsonl", "-j", "1", "-q", "--stats", target, cwd=tmp_path),
            run("learn", corpus, "--site", "example.org", "-o", target, cwd=tmp_path)]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_output_to_a_device_keeps_the_device(tmp_path: Path) -> None:
    import stat

    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    for process in _write_outputs(tmp_path, device):
        assert process.returncode == 0, process.stderr
        assert stat.S_ISCHR(device.stat().st_mode), process.args


def test_output_to_a_fifo_goes_through_the_fifo(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def drain() -> None:
        while True:  # one writer after another
            with open(fifo, "rb") as stream:
                received.append(stream.read())

    threading.Thread(target=drain, daemon=True).start()
    processes = _write_outputs(tmp_path, fifo)
    assert all(process.returncode == 0 for process in processes), processes
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    everything = b"".join(received).decode("utf-8")
    assert everything.startswith(BODY) and everything.count(BODY.strip()) >= 2
    assert '"documents": 1' in everything
    assert "example.org" in everything


def test_output_to_dev_stdout_appends_to_the_redirected_log(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("before\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(JSONL, encoding="utf-8")
    with open(log, "a") as append:  # clean a.txt -o /dev/stdout >> log
        first = run("a.txt", "-o", "/dev/stdout", cwd=tmp_path, stdout=append.fileno())
        second = run("a.jsonl", "-j", "1", "-q", "-o", "/dev/stdout", "--stats", "/dev/stdout",
                     cwd=tmp_path, stdout=append.fileno())
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["before", BODY.strip()]
    assert lines[2].startswith('{"text":') and lines[3] == "{"


# --- issue 16 #5, #6, #7: bounded memory and time, whatever the input

# Runs a command and adds its peak memory (KB) as a last line of stderr; its address
# space is capped, should a reader hold a whole input: the test fails, the machine stays up.
MEASURED = ("import resource, subprocess, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
            "code = subprocess.run(sys.argv[1:]).returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
            "sys.exit(code)\n")


def run_measured(*args: str | Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """`run` (serial: no worker processes), and the peak memory of its process in MB."""
    process = subprocess.run([sys.executable, "-c", MEASURED, sys.executable, "-m", "cleaner",
                              *map(str, args)], cwd=cwd, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120,
                             check=False)
    stderr, _, peak = process.stderr.rstrip("\n").rpartition("\n")
    process.stderr = stderr + "\n" if stderr else ""
    return process, int(peak) / 1024


def test_document_run_reads_no_more_than_its_limit(tmp_path: Path) -> None:
    process, peak = run_measured("/dev/zero", cwd=tmp_path)
    assert process.returncode == 1
    assert one_line_error(process) == "clean: /dev/zero: input is larger than 64 MB"
    assert peak < 400, peak


def test_over_long_json_line_is_an_error_record_never_held(tmp_path: Path) -> None:
    with open(tmp_path / "long.jsonl", "wb") as out:
        out.write(b'{"text": "court"}\n{"text": "')
        for _ in range(100):
            out.write(b"a" * 1_000_000)
        out.write(b'"}\n{"text": "encore"}\n')
    process, peak = run_measured("long.jsonl", "-j", "1", "--max-size", "1", "-o", "out.jsonl",
                                 cwd=tmp_path)
    assert process.returncode == 1
    assert process.stderr.splitlines()[0] == (
        "clean: long.jsonl:2: document too large (100000013 bytes > 1000000)")
    records = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [r[:20] for r in records] == ['{"text":"court\\n","c', '{"error":"long.jsonl',
                                         '{"text":"encore\\n","']
    assert peak < 200, peak


def test_gzip_bomb_ends_soon_with_a_clear_error(tmp_path: Path) -> None:
    import zlib

    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    with open(tmp_path / "bomb.jsonl.gz", "wb") as out:
        for _ in range(1024):  # 1 GB of zeros in 4 MB, which took minutes
            out.write(packer.compress(zeros))
        out.write(packer.flush())
    process, peak = run_measured("bomb.jsonl.gz", "-j", "1", "-o", "out.jsonl",
                                 cwd=tmp_path)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    assert ("bomb.jsonl.gz: input broken after line 1: gzip data expands over 200 times "
            "(a compression bomb?)") in process.stderr
    assert peak < 400, peak


def test_page_with_too_many_attributes_is_refused_before_parsing(tmp_path: Path) -> None:
    attributes = " ".join(f'data-a{i}="x"' for i in range(200_000))
    (tmp_path / "page.html").write_text(f"<html><body><div {attributes}><p>{BODY}</p></div>",
                                        encoding="utf-8")
    process = run("page.html", cwd=tmp_path)  # lexbor and lxml took minutes over it
    assert process.returncode == 1
    assert one_line_error(process) == (
        "clean: page.html: HTML has an element with 200,000 attributes, over the 1,000 limit")


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_full_disk_under_a_batch_output_is_one_line_naming_it(tmp_path: Path, jobs: str) -> None:
    (tmp_path / "a.jsonl").write_text(records(3), encoding="utf-8")
    process = run("a.jsonl", "-o", "/dev/full", "--jobs", jobs, cwd=tmp_path)
    assert process.returncode == 1
    assert one_line_error(process) == f"clean: /dev/full: {os.strerror(errno.ENOSPC)}"
    assert Path("/dev/full").is_char_device()  # written in place, never replaced
