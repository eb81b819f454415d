"""Rule files: loading, overriding, and errors that name the file, the line and the rule."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanerConfig
from cleaner.ruleset import _verified, loader, verified
from cleaner.ruleset.loader import (
    RuleError,
    bundled_rules_dir,
    check_pattern,
    load_dir,
    load_rules,
)

GOOD = '''
[[rule]]
id = "my.junk"
kind = "line"
description = "Our CMS prints this."
literal = ["Lisez notre supplément"]
examples.remove = ["Lisez notre supplément"]
'''


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> RuleError:
    write(tmp_path, "generic/x.toml", text)
    with pytest.raises(RuleError) as info:
        load_dir(tmp_path)
    return info.value


def test_bundled_rules_load_and_have_sites() -> None:
    ruleset = load_rules(env=False)
    assert bundled_rules_dir().is_dir()
    assert {"euronews.com", "seneplus.com", "news.sky.com", "cnn.com"} <= set(ruleset.sites)
    assert any(rule.id.startswith("fr.") for rule in ruleset.generic)


@pytest.mark.parametrize(("body", "reason", "line"), [
    ('\n\n[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\npattern = ["(unclosed"]\n'
     'examples.remove = ["x"]\n', "does not compile", 3),
    ('[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\nliteral = ["x"]\npatern = ["y"]\n'
     'examples.remove = ["x"]\n', "unknown field 'patern'", 1),
    ('[[rule]]\nid = "a.b"\nkind = "lines"\ndescription = "x"\nliteral = ["x"]\n'
     'examples.remove = ["x"]\n', "'kind' must be one of", 1),
    ('[[rule]]\nid = "a.b"\nkind = "line"\nliteral = ["x"]\nexamples.remove = ["x"]\n',
     "needs a 'description'", 1),
    ('[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\nliteral = ["x"]\n',
     "at least one example", 1),
    ('[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\npattern = ["(a|aa)+$"]\n'
     'examples.remove = ["x"]\n', "backtracks catastrophically", 1),
    ('[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\npattern = ["(a)\\\\1"]\n'
     'examples.remove = ["x"]\n', "back-references", 1),
    ('[[rule]]\nid = "a.b"\nkind = "block"\ndescription = "x"\nliteral = ["x"]\n'
     'examples.remove = ["x"]\n', "needs 'end_literal'", 1),
])
def test_broken_rule_names_file_line_and_rule(tmp_path: Path, body: str, reason: str,
                                              line: int) -> None:
    error = error_for(tmp_path, GOOD + body)
    assert error.path == tmp_path / "generic/x.toml"
    assert reason in str(error)
    assert error.rule == "a.b"
    assert error.line == GOOD.count("\n") + line
    assert f"x.toml:{error.line}: rule 'a.b':" in str(error)


def test_verified_checks_of_the_bundled_rules_are_current() -> None:
    # Every check of the bundled rules run afresh (a broken one raises here);
    # their digests must be those shipped, or start-up runs them all again.
    # Other regex or selectolax versions than the list was written with: the list
    # does not apply (every check runs, correct and slower), nothing to compare.
    written_with = _verified.VERSIONS
    if written_with != verified.versions():
        pytest.skip(f"list written with {written_with}, installed {verified.versions()}")
    assert verified.render() == verified.MANIFEST.read_text(encoding="utf-8"), (
        "the bundled rules changed (or regex/selectolax did): "
        "run `python -m tests.make_verified`")


def test_verified_checks_are_only_those_passed(tmp_path: Path) -> None:
    bundled = next(r for f in load_dir(bundled_rules_dir()) for r in f.rules
                   if r.match.patterns)
    pattern = bundled.match.patterns[0]
    samples = [e.text for e in (*bundled.remove_examples, *bundled.keep_examples)]

    def key(pattern: str, examples: list[str]) -> str:
        return verified.digest("pattern", loader._CHECK, pattern, *examples)

    assert verified.known(key(pattern, samples))
    # Other examples, another pattern: checks of their own, run in full.
    assert not verified.known(key(pattern, [*samples, "aaaa"]))
    assert not verified.known(key("(a|aa)+$", samples))
    with pytest.raises(RuleError, match="backtracks catastrophically"):
        check_pattern("(a|aa)+$", path=tmp_path, line=1, rule="x", examples=samples)
    with pytest.raises(RuleError, match="does not compile"):
        check_pattern(pattern + "(", path=tmp_path, line=1, rule="x", examples=samples)


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[[rule]]\nid = "a.b\n')
    assert "invalid TOML" in str(error) and error.line == 2


def test_duplicate_id_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path, "generic/a.toml", GOOD)
    error = error_for(tmp_path, GOOD)
    assert "duplicate id" in str(error) and error.rule == "my.junk"


def test_catastrophic_pattern_is_rejected_fast(tmp_path: Path) -> None:
    start = time.monotonic()
    error_for(tmp_path, '[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\n'
              'pattern = ["(b|bb)+$"]\nexamples.remove = ["bb"]\n')
    assert time.monotonic() - start < 5


def test_user_dir_extends_and_overrides_by_id(tmp_path: Path) -> None:
    write(tmp_path, "generic/mine.toml", GOOD + '''
[[rule]]
id = "fr.ad-marker"
kind = "line"
description = "Our own ad marker list replaces the bundled one."
literal = ["Réclame"]
examples.remove = ["Réclame"]

[[rule]]
id = "en.source-label"
enabled = false
''')
    # The generic classifier would take PUBLICITÉ on its own: this test is about rule files.
    cleaner = Cleaner([tmp_path], config=CleanerConfig(classify=False))
    text = "Lisez notre supplément\nRéclame\nPUBLICITÉ\nCNN\nLe texte du corps reste ici.\n"
    assert cleaner.clean(text).text == "PUBLICITÉ\n\nCNN\n\nLe texte du corps reste ici.\n"


def test_env_var_adds_rule_dirs(tmp_path: Path) -> None:
    write(tmp_path, "generic/mine.toml", GOOD)
    code = ("import cleaner; print(repr(cleaner.clean_text("
            "'Lisez notre supplément\\nUne phrase du corps.')))")
    env = {**os.environ, "CLEANER_RULES": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=tmp_path, check=True).stdout
    assert out.strip() == repr("Une phrase du corps.\n")


def test_site_file_extends_a_bundled_site(tmp_path: Path) -> None:
    write(tmp_path, "sites/euronews.com.toml", '''
[site]
name = "euronews.com"

[[rule]]
id = "euronews.mine"
kind = "line"
description = "A new euronews widget."
literal = ["Regarder en direct"]
examples.remove = ["Regarder en direct"]
''')
    cleaner = Cleaner([tmp_path])
    text = "Regarder en direct\nLe texte du corps reste ici.\n"
    assert cleaner.clean(text, url="https://fr.euronews.com/x").text == (
        "Le texte du corps reste ici.\n")
    assert cleaner.clean(text).text == text.replace("\n", "\n\n", 1)


def test_flat_directory_of_rules(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", GOOD)
    assert [r.id for f in load_dir(tmp_path) for r in f.rules] == ["my.junk"]


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="not a directory"):
        load_dir(tmp_path / "nope")


def test_pattern_that_explodes_at_run_time_does_not_hang(tmp_path: Path) -> None:
    # Passes the load-time probes (no "c" in them), backtracks on a real line.
    write(tmp_path, "generic/slow.toml", '''
[[rule]]
id = "slow.c"
kind = "line"
description = "A badly written pattern."
pattern = ["(c|cc)+$"]
examples.remove = ["x"]
''')
    cleaner = Cleaner([tmp_path])
    text = "Une phrase du corps.\n" + "c" * 60 + "!\n"
    start = time.monotonic()
    result = cleaner.clean(text)
    assert time.monotonic() - start < 5
    assert result.text == "Une phrase du corps.\n\n" + "c" * 60 + "!\n"
    assert any("timed out" in w for w in result.warnings)


def test_speed_hints_name_unbounded_patterns(tmp_path: Path) -> None:
    write(tmp_path, "generic/x.toml", '''
[[rule]]
id = "slow.star"
kind = "line"
description = "An unbounded pattern."
pattern = ["Lisez .*"]
examples.remove = ["Lisez ceci"]
''')
    ruleset = load_rules([tmp_path], bundled=False, env=False)
    hints = ruleset.speed_hints()
    assert len(hints) == 1 and "slow.star" in hints[0] and "unbounded" in hints[0]
    assert load_rules(env=False).speed_hints() == []  # the bundled rules are all bounded
