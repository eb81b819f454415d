"""Patterns as rule files write them: ``[define]`` fragments, verbose patterns, short lines."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cleaner import Cleaner, CleanerConfig
from cleaner.rules import shape
from cleaner.rules.load import RuleError, bundled_rules_dir, iter_rule_paths, load_dir, load_file
from cleaner.steps.examples import check_rule

DEFINES = r'''
[define]
date = '\d{1,2}(?:er)? {month}(?: \d{4})?'     # uses a fragment defined below it
month = '(?:janvier|février|mars|avril|mai)'
label = '(?:Publié|Mis à jour)'

[[rule]]
id = "my.dateline"
kind = "line"
description = "A date label alone on a line."
pattern = ['{label} le {date}', 'Le \p{Lu}\p{L}{2,4} \{jour} \d{2,4}']
examples.remove = ["Publié le 1er mai 2024", "Mis à jour le 12 mars", "Le Mardi {jour} 2024"]
examples.keep = ["Publié le 1er mai, le rapport a fait grand bruit."]
'''


def write(directory: Path, text: str, name: str = "generic/x.toml") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> RuleError:
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_file(path)
    assert info.value.path == path
    return info.value


def test_fragments_expand_nested_and_leave_counts_and_escapes(tmp_path: Path) -> None:
    rule, = load_file(write(tmp_path, DEFINES)).rules
    assert rule.match.patterns == (
        r"(?:Publié|Mis à jour) le \d{1,2}(?:er)? (?:janvier|février|mars|avril|mai)(?: \d{4})?",
        r"Le \p{Lu}\p{L}{2,4} \{jour} \d{2,4}",
    )


def test_a_rule_using_fragments_runs_its_examples_and_cleans(tmp_path: Path) -> None:
    write(tmp_path, DEFINES)
    rule, = load_file(tmp_path / "generic/x.toml").rules
    assert list(check_rule("generic", rule)) == []
    cleaner = Cleaner([tmp_path], config=CleanerConfig(classify=False))
    text = "Publié le 3 avril 2024\nLe corps de l'article commence ici.\n"
    assert cleaner.clean(text).text == "Le corps de l'article commence ici.\n"


def test_unknown_fragment_in_a_rule_names_file_line_and_rule(tmp_path: Path) -> None:
    error = error_for(tmp_path, DEFINES.replace("{label} le", "{etiquette} le"))
    assert error.rule == "my.dateline"
    assert error.line == DEFINES.splitlines().index("[[rule]]") + 1
    assert "unknown fragment {etiquette}" in str(error)
    assert "defined: date, label, month" in str(error)


def test_unknown_fragment_in_a_fragment_names_its_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, DEFINES.replace("{month}", "{mois}"))
    assert "unknown fragment {mois}" in str(error)
    assert error.line == 3 and error.rule == "[define] date"


def test_fragments_in_a_circle_are_refused(tmp_path: Path) -> None:
    text = DEFINES.replace("'(?:janvier|février|mars|avril|mai)'", "'(?:{date}|mai)'")
    error = error_for(tmp_path, text)
    assert "in a circle: date → month → date" in str(error)
    assert error.line == 4  # the fragment that closes the circle
    itself = DEFINES.replace("label = '(?:Publié|Mis à jour)'", "label = '(?:Publié|{label})'")
    assert "in a circle: label → label" in str(error_for(tmp_path, itself))


@pytest.mark.parametrize(("define", "reason"), [
    ("month = 'janvier|février'", "alternatives outside a group"),
    ("month = '(?:janvier'", "opens a group it does not close"),
    ("month = '[a-z'", "opens a character class"),
    ("month = 3", "must be a string"),
    ("mois-fr = '(?:mai)'", "a letter first"),
])
def test_bad_fragment_names_its_line(tmp_path: Path, define: str, reason: str) -> None:
    text = DEFINES.replace("month = '(?:janvier|février|mars|avril|mai)'", define)
    error = error_for(tmp_path, text.replace("{month}", "mai"))
    assert reason in str(error)
    assert error.line == 4


def test_fragments_expand_in_fingerprints(tmp_path: Path) -> None:
    text = ('[define]\nsite = \'(?:Exemple|Example)\'\n\n[site]\nname = "example"\n'
            'fingerprint_patterns = [\'Par la rédaction d.{site} .{1,40}\']\n')
    site = load_file(write(tmp_path, text, "sites/example.toml")).site
    assert site is not None
    assert site.fingerprints.patterns == ("Par la rédaction d.(?:Exemple|Example) .{1,40}",)


def test_a_pattern_without_define_keeps_working(tmp_path: Path) -> None:
    text = DEFINES.split("[[rule]]")[1].replace("{label} le {date}", r"Publié le \d{1,2}")
    rule, = load_file(write(tmp_path, "[[rule]]" + text)).rules
    assert rule.match.patterns[0] == r"Publié le \d{1,2}"


VERBOSE = r"""
[define]
day = '\d{1,2}(?:er)? (?:mai|juin)'     # its space counts, even in a verbose pattern

[[rule]]
id = "my.verbose"
kind = "line"
description = "A verbose pattern: spaces are written \\ , comments run to the line's end."
pattern = ['''(?x:
    (?:Publié|Mis\ à\ jour)    # the label
    (?:\ le)?                  # "le" is often left out
    \ {day}
)''']
examples.remove = ["Publié le 1er mai", "Mis à jour 3 juin"]
examples.keep = ["Publié le 1er mai, le rapport a fait grand bruit."]
"""


def test_verbose_pattern_loads_runs_and_keeps_its_shape(tmp_path: Path) -> None:
    rule, = load_file(write(tmp_path, VERBOSE)).rules
    assert list(check_rule("generic", rule)) == []
    verbose = rule.match.patterns[0]
    compact = r"(?:Publié|Mis à jour)(?: le)? \d{1,2}(?:er)? (?:mai|juin)"
    for question in (shape.max_width, shape.prefixes, shape.first_chars,
                     shape.required_literal, shape.backtracking_risk):
        assert question(verbose) == question(compact), question.__name__  # type: ignore[operator]


def test_pattern_ending_in_a_comment_is_refused(tmp_path: Path) -> None:
    text = VERBOSE.replace("'''(?x:", "'''(?x)").replace("{day}\n)'''", "{day}  # end'''")
    error = error_for(tmp_path, text)
    assert "end a verbose pattern's last comment with a new line" in str(error)
    assert error.rule == "my.verbose"


def _written_patterns(data: dict[str, object]) -> list[str]:
    """Every pattern and fragment of a parsed rule file, as written (not expanded)."""
    found = [str(v) for v in dict(data.get("define", {})).values()]  # type: ignore[call-overload]
    site = dict(data.get("site", {}))  # type: ignore[call-overload]
    found += list(site.get("fingerprint_patterns", []))
    for rule in list(data.get("rule", [])):  # type: ignore[call-overload]
        for key in ("pattern", "end_pattern"):
            value = rule.get(key, [])
            found += [value] if isinstance(value, str) else value
    return found


def test_no_bundled_pattern_line_is_over_200_characters() -> None:
    paths = list(iter_rule_paths(bundled_rules_dir()))
    assert len(paths) > 5
    long = [(path.name, line[:60]) for path in paths
            for pattern in _written_patterns(tomllib.loads(path.read_text(encoding="utf-8")))
            for line in pattern.splitlines() if len(line) > 200]
    assert not long


def test_bundled_rule_files_load() -> None:
    assert sum(len(f.rules) for f in load_dir(bundled_rules_dir())) > 40
