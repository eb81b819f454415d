"""``clean rules list|check|test [DIR]``: inspect and test rule files."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from cleaner.classify.classifier import decision_ids
from cleaner.cli.console import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    error,
    parse_or_status,
    usage_error,
    write_stdout,
)
from cleaner.rules.imported import catalogue_dirs
from cleaner.rules.load import RuleSet, build_ruleset, load_dir, load_file, load_rules
from cleaner.rules.model import RuleError


def build_rules_parser() -> argparse.ArgumentParser:
    """The parser of ``clean rules list|check|test``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} rules",
        description="Inspect and test rule files.",
        epilog="exit status: 0 success; 1 broken rules (check, test) or failing examples "
               "(test); 2 usage error, or rules that cannot be loaded (list).",
    )
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="an extra directory of rule files, after the bundled ones and "
                            "$CLEANER_RULES; repeatable")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("list", parents=[extra],
                       help="print every rule id --explain may name: the loaded rules, HTML "
                            "rules and classifier decisions (scope, id, kind, description)")
    check = actions.add_parser("check", parents=[extra],
                               help="load the rules and report the first error, or counts")
    check.add_argument("directory", nargs="?", metavar="DIR",
                       help="check only this directory's rule files")
    test = actions.add_parser("test", parents=[extra],
                              help="run the examples of every rule, each rule alone")
    test.add_argument("directory", nargs="?", metavar="DIR",
                      help="test only this directory's rule files")
    imports = actions.add_parser("import", help="convert a community rule set's checkout "
                                 "(ftr-site-config, Postlight parser) into rule files")
    imports.add_argument("format", choices=("ftr", "postlight"),
                         help="ftr: fivefilters/ftr-site-config; postlight: postlight/parser")
    imports.add_argument("source", metavar="SRC", help="the checkout's folder")
    imports.add_argument("-o", "--output", required=True, metavar="DIR",
                         help="write the converted files and hosts.tsv here")
    imports.add_argument("--commit", help="the upstream commit to record (default: git's)")
    imports.add_argument("--id-or-class", choices=("token", "substring"), default="token",
                         help="ftr strip_id_or_class: a whole class name or the id (token, "
                              "default), or any class or id containing the text (substring)")
    return parser


def rules_command(argv: Sequence[str]) -> int:
    """``clean rules list|check|test [DIR]``."""
    parser = build_rules_parser()
    args = parse_or_status(parser, argv)
    if isinstance(args, int):
        return args
    directory: str | None = getattr(args, "directory", None)
    if directory is not None and args.rules:
        return usage_error(parser, "give DIR or --rules, not both")
    if directory is not None and not Path(directory).is_dir():
        error(f"{directory}: not a directory")
        return EXIT_USAGE
    if args.action == "import":
        return rules_import(args)
    if args.action == "list":
        return rules_list(args.rules)
    if args.action == "check":
        return rules_check(directory, args.rules)
    return rules_test(directory, args.rules)


def rules_import(args: argparse.Namespace) -> int:
    """Convert a checkout; print what was converted and what was left out."""
    from cleaner.importers.run import import_rules

    source = Path(args.source)
    if not source.is_dir():
        error(f"{source}: not a directory")
        return EXIT_USAGE
    try:
        counts = import_rules(args.format, source, Path(args.output), commit=args.commit,
                              id_or_class=args.id_or_class)
    except (OSError, ValueError) as exc:
        error(str(exc))
        return EXIT_FAILED
    write_stdout(f"{args.output}: {counts.summary()}\n")
    return EXIT_OK


def _load_ruleset(directory: str | None, extra: Sequence[str]) -> RuleSet:
    """DIR's rules alone, or the full set: bundled, $CLEANER_RULES, then `extra`."""
    if directory is not None:
        catalogues = list(catalogue_dirs(Path(directory)))
        if catalogues == [Path(directory)]:  # a folder of imported files alone
            return RuleSet(catalogues=catalogues)
        ruleset = build_ruleset(load_dir(Path(directory)))
        ruleset.catalogues = catalogues
        return ruleset
    return load_rules(list(extra))


def rules_list(extra: Sequence[str]) -> int:
    """Print one line per rule id --explain may name, in columns: scope, id, kind,
    description. The rules of the files, then their HTML rules (kind ``html``), then the
    decisions of the generic classifier (kind ``classifier``)."""
    try:
        ruleset = load_rules(list(extra))
    except RuleError as exc:
        error(str(exc))
        return EXIT_USAGE
    rows = [(scope, rule.id, str(rule.kind), _one_line(rule.description))
            for scope, rule in ruleset.all_rules()]
    rows += [(scope, rule.id, "html", _one_line(rule.description))
             for scope, rules in ruleset.html.items() for rule in rules]
    rows += [("generic", rule, "classifier", what) for rule, what in decision_ids()]
    write_stdout("".join(f"{line}\n" for line in columns(rows)))
    return EXIT_OK


def _one_line(text: str) -> str:
    return " ".join(text.split())


def columns(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows aligned in columns two spaces apart; the last column is not padded.

    >>> columns([("generic", "ad", "line", "Ads."), ("euronews", "byline", "head", "By.")])
    ['generic   ad      line  Ads.', 'euronews  byline  head  By.']
    """
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)),
                       row[-1]]) for row in rows]


def rules_check(directory: str | None, extra: Sequence[str]) -> int:
    """Load the rules, and every file of their imported catalogues (each selector and
    XPath compiled); print counts, or the error naming file, line and rule."""
    try:
        ruleset = _load_ruleset(directory, extra)
        imported = [check_catalogue(path) for path in ruleset.catalogues]
    except RuleError as exc:
        error(str(exc))
        return EXIT_FAILED
    for hint in ruleset.speed_hints():
        error(f"hint: {hint}")
    write_stdout(f"OK: {describe(ruleset)}\n")
    for path, (hosts, files, rules) in zip(ruleset.catalogues, imported, strict=True):
        write_stdout(f"OK: {path}: {rules} imported HTML rules for {hosts} hosts in "
                     f"{files} files\n")
    return EXIT_OK


def check_catalogue(path: Path) -> tuple[int, int, int]:
    """Load every file a catalogue's index names: (hosts, files, HTML rules)."""
    from cleaner.rules.catalogue import read_index
    from cleaner.rules.imported import INDEX

    index = read_index(path / INDEX)
    files = sorted(set(index.values()))
    rules = sum(len(load_file(path / name).html) for name in files)
    return len(index), len(files), rules


def describe(ruleset: RuleSet) -> str:
    """Counts of a rule set, for humans: "12 rules (9 generic, 3 for 2 sites) in 3 files"."""
    site_rules = sum(len(rules) for rules in ruleset.site_rules.values())
    total = len(ruleset.generic) + site_rules
    sites = len(ruleset.sites)
    html = sum(len(rules) for rules in ruleset.html.values())
    also = f" and {html} HTML rule{_s(html)}" if html else ""
    return (f"{total} rule{_s(total)} ({len(ruleset.generic)} generic, {site_rules} for "
            f"{sites} site{_s(sites)}){also} in {len(ruleset.files)} file{_s(len(ruleset.files))}")


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def rules_test(directory: str | None, extra: Sequence[str]) -> int:
    """Run every rule's examples; print failures and "N passed, M failed" (examples)."""
    try:
        ruleset = _load_ruleset(directory, extra)
    except RuleError as exc:
        error(str(exc))
        return EXIT_FAILED
    # Here, not at the top: it imports selectolax's lexbor (~15 ms), which cleaning text needs not.
    from cleaner.html.examples import html_example_count, html_example_failures
    from cleaner.steps.examples import check_examples

    failures = [str(f) for f in check_examples(ruleset)] + html_example_failures(ruleset)
    total = sum(len(rule.remove_examples) + len(rule.keep_examples)
                for _, rule in ruleset.all_rules()) + html_example_count(ruleset)
    report = [f"FAIL {failure}" for failure in failures]
    report.append(f"{total - len(failures)} passed, {len(failures)} failed")
    write_stdout("".join(f"{line}\n" for line in report))
    return EXIT_FAILED if failures else EXIT_OK
