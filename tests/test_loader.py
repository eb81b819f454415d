"""Rule files: loading, overriding, and errors that name the file, the line and the rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanerConfig
from cleaner.bundled import bundled_rules_dir
from cleaner.rules.load import (
    RuleError,
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


def test_catastrophic_patterns_are_refused_by_shape_not_by_clock(tmp_path: Path) -> None:
    # The verdict comes from the pattern's parse tree: the same on a loaded
    # machine or under valgrind, where a timed probe refused bundled rules.
    for pattern in ("(a|aa)+$", "(a+)+$", r"(\w+\s?)*$", "(c|cc)+$", "(.*a){12}"):
        with pytest.raises(RuleError, match="backtracks catastrophically"):
            check_pattern(pattern, path=tmp_path, line=1, rule="x")
    for rule_file in load_dir(bundled_rules_dir()):
        for rule in rule_file.rules:
            for pattern in (*rule.match.patterns, *rule.end.patterns):
                check_pattern(pattern, path=tmp_path, line=1, rule=rule.id)
    with pytest.raises(RuleError, match="does not compile"):
        check_pattern("Lisez(", path=tmp_path, line=1, rule="x")


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[[rule]]\nid = "a.b\n')
    assert "invalid TOML" in str(error) and error.line == 2


def test_duplicate_id_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path, "generic/a.toml", GOOD)
    error = error_for(tmp_path, GOOD)
    assert "duplicate id" in str(error) and error.rule == "my.junk"


def test_catastrophic_pattern_in_a_rule_file_names_the_rule(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[[rule]]\nid = "a.b"\nkind = "line"\ndescription = "x"\n'
                      'pattern = ["(b|bb)+$"]\nexamples.remove = ["bb"]\n')
    assert "backtracks catastrophically" in str(error) and error.rule == "a.b"


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
