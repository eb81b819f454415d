"""Read rule files (TOML) into the rule model, with errors that name file, line and rule.

Layout of a rule directory::

    generic/<lang>.toml     rules applied to every document
    sites/<host>.toml       rules applied when that site is detected

A file may name pattern fragments once in a ``[define]`` table and use them
as ``{name}`` (`cleaner.rules.patterns`). Directories given later (``--rules
DIR``, ``CLEANER_RULES``, the API) extend the bundled rules and override them
by rule id.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner.bundled import bundled_rules_dir
from cleaner.rules.html import parse_html_rules
from cleaner.rules.imported import catalogue_dirs, check_imported
from cleaner.rules.model import Example, HtmlRule, Kind, Matcher, Rule, RuleError, RuleFile, Site
from cleaner.rules.patterns import check_pattern, expand, parse_defines
from cleaner.rules.shape import UNBOUNDED, max_width

ENV_VAR = "CLEANER_RULES"

_RULE_KEYS = {
    "id", "kind", "description", "literal", "pattern", "ignore_case",
    "end_literal", "end_pattern", "include_end", "max_lines", "max_words",
    "doubled", "min_words", "extracted_keep_words", "examples", "enabled",
}
_SITE_KEYS = {"name", "hosts", "fingerprints", "fingerprint_patterns", "min_fingerprints",
              "description"}
_FILE_KEYS = {"lang", "description"}
_TOP_KEYS = {"file", "define", "site", "rule", "html", "imported"}
# Tail items are headlines; captions and lines inside a block may be longer.
_MAX_WORDS_DEFAULT = {Kind.TAIL: 20, Kind.CAPTION: 60, Kind.BLOCK: 40}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def rule_dirs_from_env() -> list[Path]:
    """Extra rule directories named by the ``CLEANER_RULES`` variable (os.pathsep-separated)."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def iter_rule_paths(directory: Path) -> Iterator[Path]:
    """Every rule file of a directory, in a stable order: generic first, then sites."""
    if not directory.is_dir():
        raise RuleError(directory, "not a directory of rule files")
    yield from sorted(directory.glob("generic/*.toml"))
    yield from sorted(directory.glob("sites/*.toml"))
    # A flat directory of files is accepted too: a user's handful of rules.
    yield from sorted(directory.glob("*.toml"))


def load_file(path: Path) -> RuleFile:
    """Parse and validate one rule file."""
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, f"cannot read: {exc}") from exc
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise RuleError(path, f"invalid TOML: {exc}", line=line,
                        rule=_rule_around(raw_text, line)) from exc
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise RuleError(path, "invalid TOML: nested too deeply") from None
    _check_keys(path, data, _TOP_KEYS, where="top level")
    rule_lines = _header_lines(raw_text, "rule")
    file_info = _table(path, data.get("file", {}), "file")
    _check_keys(path, file_info, _FILE_KEYS, where="[file]")
    fragments = parse_defines(path, data.get("define", {}), raw_text)
    site = _parse_site(path, data["site"], raw_text, fragments) if "site" in data else None
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(path, "'rule' must be an array of tables: write [[rule]]")
    rules = []
    for number, raw in enumerate(raw_rules):
        line = rule_lines[number] if number < len(rule_lines) else None
        rules.append(_parse_rule(path, raw, line, fragments))
    lang = file_info.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise RuleError(path, "[file] lang must be a string such as \"fr\"")
    imported = check_imported(path, data["imported"]) if "imported" in data else None
    html = parse_html_rules(path, data.get("html", []), _header_lines(raw_text, "html"),
                            imported=imported is not None)
    return RuleFile(path=path, rules=tuple(rules), site=site, lang=lang, html=html,
                    imported=imported)


def _rule_around(text: str, line: int | None) -> str | None:
    """The id of the [[rule]] a line stands in, read from the raw text (for syntax errors)."""
    if line is None:
        return None
    starts = [n for n in _header_lines(text, "rule") if n <= line]
    if not starts:
        return None
    ends = [n for n in _header_lines(text, "rule") if n > line]
    lines = text.splitlines()[starts[-1] - 1 : (ends[0] - 1) if ends else None]
    for candidate in lines:
        found = re.match(r"""\s*id\s*=\s*["']([^"']+)["']""", candidate)
        if found:
            return found.group(1)
    return None


def _header_lines(text: str, name: str) -> list[int]:
    """Line numbers of ``[[name]]`` (or ``[name]``) headers: tomllib does not give them."""
    header = re.compile(rf"^[ \t]*\[\[?[ \t]*{name}[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)
    return [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]


def _table(path: Path, value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RuleError(path, f"[{where}] must be a table")
    return value


def _check_keys(path: Path, data: dict[str, Any], allowed: set[str], *, where: str,
                line: int | None = None, rule: str | None = None) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(path, f"unknown field {', '.join(map(repr, unknown))} in {where}; "
                        f"allowed: {', '.join(sorted(allowed))}", line=line, rule=rule)


def _strings(path: Path, value: Any, what: str, line: int | None, rule: str | None
             ) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(path, f"'{what}' must be a string or a list of strings",
                        line=line, rule=rule)
    return tuple(value)


def _patterns(path: Path, value: Any, what: str, line: int | None, rule: str | None,
              fragments: dict[str, str]) -> tuple[str, ...]:
    """Patterns as the engine runs them: each ``{name}`` replaced by its fragment."""
    return tuple(expand(p, fragments, path=path, line=line, rule=rule)
                 for p in _strings(path, value, what, line, rule))


def _parse_site(path: Path, raw: Any, text: str, fragments: dict[str, str]) -> Site:
    headers = _header_lines(text, "site")
    line = headers[0] if headers else None
    data = _table(path, raw, "site")
    _check_keys(path, data, _SITE_KEYS, where="[site]", line=line)
    name = data.get("name") or path.stem
    if not isinstance(name, str):
        raise RuleError(path, "[site] name must be a string", line=line)
    hosts = _strings(path, data.get("hosts"), "hosts", line, None)
    if not hosts and "." in path.stem:
        hosts = (path.stem,)
    fingerprints = Matcher(
        literals=_strings(path, data.get("fingerprints"), "fingerprints", line, None),
        patterns=_patterns(path, data.get("fingerprint_patterns"), "fingerprint_patterns",
                           line, None, fragments),
    )
    for pattern in fingerprints.patterns:
        check_pattern(pattern, path=path, line=line, rule=f"{name} fingerprint")
    minimum = data.get("min_fingerprints", 1)
    if not isinstance(minimum, int) or minimum < 1:
        raise RuleError(path, "[site] min_fingerprints must be a whole number ≥ 1", line=line)
    return Site(name=name, hosts=tuple(h.lower() for h in hosts), fingerprints=fingerprints,
                min_fingerprints=minimum, description=str(data.get("description", "")),
                source=path)


def _parse_rule(path: Path, raw: Any, line: int | None, fragments: dict[str, str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(path, "each [[rule]] must be a table", line=line)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(path, "missing or bad 'id' (lowercase letters, digits, '.', '-', '_')",
                        line=line, rule=rule_id if isinstance(rule_id, str) else None)
    _check_keys(path, raw, _RULE_KEYS, where="[[rule]]", line=line, rule=rule_id)
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleError(path, "'enabled' must be true or false", line=line, rule=rule_id)
    if not enabled and set(raw) <= {"id", "enabled"}:
        # An override that only switches a bundled rule off.
        return Rule(id=rule_id, kind=Kind.LINE, description="disabled", enabled=False,
                    source=path, line=line)

    def fail(message: str) -> RuleError:
        return RuleError(path, message, line=line, rule=rule_id)

    try:
        kind = Kind(raw.get("kind", ""))
    except ValueError:
        raise fail(f"'kind' must be one of {', '.join(k.value for k in Kind)}") from None
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise fail("every rule needs a 'description' saying what it removes and why")
    ignore_case = raw.get("ignore_case", True)
    if not isinstance(ignore_case, bool):
        raise fail("'ignore_case' must be true or false")
    match = Matcher(
        literals=_strings(path, raw.get("literal"), "literal", line, rule_id),
        patterns=_patterns(path, raw.get("pattern"), "pattern", line, rule_id, fragments),
        ignore_case=ignore_case,
    )
    end = Matcher(
        literals=_strings(path, raw.get("end_literal"), "end_literal", line, rule_id),
        patterns=_patterns(path, raw.get("end_pattern"), "end_pattern", line, rule_id,
                           fragments),
        ignore_case=ignore_case,
    )
    if kind is not Kind.DUPLICATE and not match:
        raise fail(f"a '{kind}' rule needs 'literal' or 'pattern'")
    if kind is Kind.BLOCK and not end:
        raise fail("a 'block' rule needs 'end_literal' or 'end_pattern'")
    if kind is Kind.CAPTION and match.literals:
        raise fail("a 'caption' rule takes credit patterns ('pattern'), not literals")
    examples = raw.get("examples", {})
    if not isinstance(examples, dict):
        raise fail("'examples' must be a table with 'remove' and 'keep' lists")
    _check_keys(path, examples, {"remove", "keep"}, where="[rule.examples]", line=line,
                rule=rule_id)
    remove = _examples(examples.get("remove", []), fail)
    keep = _examples(examples.get("keep", []), fail)
    if not remove:
        raise fail("every rule needs at least one example in examples.remove")
    for pattern in (*match.patterns, *end.patterns):
        check_pattern(pattern, path=path, line=line, rule=rule_id)
    numbers = {}
    max_words = _MAX_WORDS_DEFAULT.get(kind, 20)
    for key, default, low in (("max_lines", 12, 1), ("max_words", max_words, 1),
                              ("min_words", 4, 1), ("extracted_keep_words", 0, 0)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise fail(f"'{key}' must be a whole number ≥ {low}")
        numbers[key] = value
    flags = {}
    for key, default_flag in (("include_end", True), ("doubled", False)):
        value = raw.get(key, default_flag)
        if not isinstance(value, bool):
            raise fail(f"'{key}' must be true or false")
        flags[key] = value
    return Rule(id=rule_id, kind=kind, description=description.strip(), match=match, end=end,
                include_end=flags["include_end"], max_lines=numbers["max_lines"],
                max_words=numbers["max_words"], doubled=flags["doubled"],
                min_words=numbers["min_words"],
                extracted_keep_words=numbers["extracted_keep_words"],
                remove_examples=remove, keep_examples=keep,
                enabled=enabled, source=path, line=line)


def _examples(value: Any, fail: Any) -> tuple[Example, ...]:
    if not isinstance(value, list):
        raise fail("examples.remove and examples.keep must be lists")
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and set(item) <= {"text", "expect"} and isinstance(
                item.get("text"), str) and isinstance(item.get("expect", ""), str):
            out.append(Example(item["text"], item.get("expect")))
        else:
            raise fail("an example is a string or a table { text = \"...\", expect = \"...\" }")
    return tuple(out)


@dataclass
class RuleSet:
    """Every enabled rule, after later directories have overridden earlier ones by id."""

    generic: list[Rule] = field(default_factory=list)
    sites: dict[str, Site] = field(default_factory=dict)
    site_rules: dict[str, list[Rule]] = field(default_factory=dict)
    files: list[RuleFile] = field(default_factory=list)
    # Generic rule id -> the language of its file ("fr" for generic/fr.toml).
    langs: dict[str, str] = field(default_factory=dict)
    # [[html]] rules (DOM selectors) by scope: "generic" or a site name.
    html: dict[str, list[HtmlRule]] = field(default_factory=dict)
    # Folders of imported site files (`cleaner.rules.catalogue`), read only for a page's host.
    catalogues: list[Path] = field(default_factory=list)

    def speed_hints(self) -> list[str]:
        """One line per whole-line pattern that no prefilter can skip: tried on every line.

        Not an error: such a pattern works, it only costs time on every line
        of every document.
        """
        hints = []
        for _, rule in self.all_rules():
            if rule.kind in (Kind.INLINE, Kind.DUPLICATE):
                continue  # fragments are searched anywhere; duplicates have no pattern
            for pattern in (*rule.match.patterns, *rule.end.patterns):
                if max_width(pattern) == UNBOUNDED:
                    hints.append(f"{rule.source}:{rule.line}: rule '{rule.id}': pattern "
                                 f"{pattern[:60]!r} is unbounded, so it is tried on every "
                                 "line; bound its repeats ({0,5} rather than * or +)")
        return hints

    def all_rules(self) -> Iterator[tuple[str, Rule]]:
        """(scope, rule) for every enabled rule: scope is 'generic' or a site name."""
        for rule in self.generic:
            yield "generic", rule
        for name in sorted(self.site_rules):
            for rule in self.site_rules[name]:
                yield name, rule


def load_dir(directory: Path) -> list[RuleFile]:
    """Load every rule file of one directory; ids must be unique inside it."""
    files = [load_file(p) for p in iter_rule_paths(directory)]
    seen: dict[str, Rule | HtmlRule] = {}
    for rule_file in files:
        rules: tuple[Rule | HtmlRule, ...] = (*rule_file.rules, *rule_file.html)
        for rule in rules:
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleError(rule_file.path, f"duplicate id, first defined in "
                                f"{first.source}:{first.line}", line=rule.line, rule=rule.id)
            seen[rule.id] = rule
    return files


def load_rules(extra_dirs: Sequence[Path | str] = (), *, bundled: bool = True,
               env: bool = True) -> RuleSet:
    """Load the bundled rules, then ``CLEANER_RULES`` dirs, then ``extra_dirs``.

    A rule whose id was already loaded replaces it where it stood (so a site
    rule stays a site rule unless the new file is generic); ``enabled = false``
    switches it off.
    """
    dirs: list[Path] = [bundled_rules_dir()] if bundled else []
    if env:
        dirs += rule_dirs_from_env()
    dirs += [Path(d) for d in extra_dirs]
    catalogues = [c for d in dirs for c in catalogue_dirs(d)]
    ruleset = build_ruleset(f for d in dirs if d not in catalogues for f in load_dir(d))
    # A later directory's import of a host comes first.
    ruleset.catalogues = catalogues[::-1]
    return ruleset


def build_ruleset(files: Iterable[RuleFile]) -> RuleSet:
    """Merge rule files in order into a RuleSet (later ids override earlier ones)."""
    by_id: dict[str, tuple[str, Rule]] = {}
    html_by_id: dict[str, tuple[str, HtmlRule]] = {}
    sites: dict[str, Site] = {}
    langs: dict[str, str] = {}
    loaded = []
    for rule_file in files:
        loaded.append(rule_file)
        if rule_file.site:
            sites[rule_file.site.name] = _merge_site(sites.get(rule_file.site.name),
                                                     rule_file.site)
        for rule in rule_file.rules:
            if rule_file.lang and rule_file.site is None:
                langs[rule.id] = rule_file.lang
            by_id.pop(rule.id, None)  # re-inserted last: an override runs in its new place
            if rule.enabled:
                by_id[rule.id] = (rule_file.scope, rule)
        for html_rule in rule_file.html:
            html_by_id.pop(html_rule.id, None)
            if html_rule.enabled:
                html_by_id[html_rule.id] = (rule_file.scope, html_rule)
    ruleset = RuleSet(sites=sites, files=loaded, langs=langs)
    for scope, html_rule in html_by_id.values():
        ruleset.html.setdefault(scope, []).append(html_rule)
    for scope, rule in by_id.values():
        if scope == "generic":
            ruleset.generic.append(rule)
        else:
            ruleset.site_rules.setdefault(scope, []).append(rule)
    return ruleset


def _merge_site(old: Site | None, new: Site) -> Site:
    if old is None:
        return new
    return replace(
        new,
        hosts=tuple(dict.fromkeys((*old.hosts, *new.hosts))),
        fingerprints=Matcher(
            literals=tuple(dict.fromkeys((*old.fingerprints.literals,
                                          *new.fingerprints.literals))),
            patterns=tuple(dict.fromkeys((*old.fingerprints.patterns,
                                          *new.fingerprints.patterns))),
        ),
    )
