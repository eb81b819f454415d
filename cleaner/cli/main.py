"""The ``clean`` command: clean article text files, and inspect the rules that do it.

Usage::

    clean [OPTIONS] [FILE ...]          clean files (none, or -, reads stdin)
    clean rules list|check|test [DIR]   inspect and test rule files

``rules`` as the *first* argument is the subcommand; to clean a file named
``rules``, write ``clean ./rules`` or ``clean -- rules``.

Exit status: 0 success; 1 an input could not be cleaned (or, for ``rules
check``/``rules test``, the rules are broken or an example fails); 2 a usage
error, an unknown ``--site``, or rules that cannot be loaded; 130 interrupted;
141 output pipe closed early (``clean big.txt | head``), quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner import BUILD, __version__
from cleaner.cleaner import Cleaner, UnknownSiteError
from cleaner.cli.html import explain_html, is_html_input
from cleaner.config import CleanerConfig
from cleaner.html.errors import HTMLError
from cleaner.io.reading import STDIN, InputError, display_name, read_bytes
from cleaner.io.writing import atomic_write
from cleaner.result import Removal, Repair, Result
from cleaner.rules.load import RuleSet, build_ruleset, load_dir, load_rules
from cleaner.rules.model import RuleError
from cleaner.text.decode import DecodeError, decode_bytes
from cleaner.typography.profiles import PROFILES

# What only some commands use is imported where they run (--batch-min-docs, --diff,
# `rules test`), so that a batch run, which starts here, does not pay for it.
if TYPE_CHECKING:
    from cleaner.learn.repeated import RepeatedLines

PROG = "clean"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat big | head` reports for cat

_CLEAN_EPILOG = f"""\
subcommands:
  clean rules list            every loaded rule: scope, id, kind, description
  clean rules check [DIR]     load the rules (or DIR's alone) and report errors
  clean rules test [DIR]      run the examples written in the rule files
  clean learn INPUT --site HOST [-o FILE]
                              write a rule file from the lines a site's documents repeat

  "rules" as the first argument is the subcommand: to clean a file named
  rules, write "clean ./rules" or "clean -- rules".

Rules are the bundled ones, then the directories in $CLEANER_RULES
(separated by "{os.pathsep}"), then each --rules DIR; a later rule with the same id
replaces an earlier one. Inputs may be in any common encoding (UTF-8 with or
without BOM, UTF-16/32 with BOM, Windows-1252, Latin-1...): it is detected,
and --explain reports it. Output is UTF-8.

Batch runs (JSONL, WARC, a folder with -o DIR, --jobs, --resume, --stats,
--dask): see "clean x.jsonl --help".

exit status: 0 success, 1 some input could not be cleaned (the others are),
2 usage error, unknown site or broken rules, 130 interrupted.
"""


class _UsageError(Exception):
    """A usage error found after parsing; printed like argparse's own."""


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """What ``clean FILE...`` was asked to do, checked for consistency."""

    inputs: tuple[str, ...]
    output: str | None = None
    in_place: bool = False
    explain: bool = False
    diff: bool = False
    json: bool = False
    html: bool = False
    sites: tuple[str, ...] = ()
    url: str | None = None
    rule_dirs: tuple[str, ...] = ()
    typography: str = "preserve"
    classify: bool = True
    batch_min_docs: int | None = None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["rules"]:
            return rules_command(args[1:])
        if args[:1] == ["learn"]:
            from cleaner.cli.learn import learn_command

            return learn_command(args[1:])
        from cleaner.batch import cli as batch

        if batch.wants_pipeline(args):
            return batch.main(args)
        return clean_command(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _detach_stdout()
        return EXIT_BROKEN_PIPE


# ---------------------------------------------------------------- clean FILE...


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``clean [OPTIONS] [FILE ...]``."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn scraped article text into clean body text, using rule files.",
        epilog=_CLEAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="text files to clean; none or '-' reads standard input")
    where = parser.add_argument_group("output")
    where.add_argument("-o", "--output", metavar="FILE",
                       help="write the output to FILE (atomically) instead of stdout")
    where.add_argument("-i", "--in-place", action="store_true",
                       help="rewrite each input file with its cleaned text (atomically)")
    where.add_argument("--format", choices=("text", "json"), default="text",
                       help="text: the cleaned text (default); json: one object per "
                            "input and line, with path, text, removed lines and more")
    where.add_argument("--diff", action="store_true",
                       help="print a unified diff of each input against its cleaned text")
    where.add_argument("--explain", action="store_true",
                       help="print to stderr the detected site and language, every repair "
                            "made before matching (PATH: repaired: STEP, count, how), every "
                            "removed line (PATH:LINE: RULE [scope]: text) and warnings")
    where.add_argument("--html", action="store_true",
                       help="read every input as a web page (otherwise: .html/.htm files and "
                            "inputs starting with <!doctype html> or <html>); title, author, "
                            "date, captions go to --explain and --format json")
    where.add_argument("--typography", choices=PROFILES, default="preserve",
                       metavar="PROFILE",
                       help="quotes, apostrophes, dashes and punctuation spaces of the "
                            "output: preserve (default: as in the source), plain (ASCII), "
                            "fr, en, de, or auto (by the detected language)")
    rules = parser.add_argument_group("rules")
    rules.add_argument("--site", action="append", default=[], metavar="NAME",
                       help="apply this site's rules (skip detection); repeatable")
    rules.add_argument("--url", metavar="URL",
                       help="the article's address, to pick the site by its host")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="an extra directory of rule files; repeatable")
    rules.add_argument("--no-classify", dest="classify", action="store_false",
                       help="do not run the generic line classifier (rules only)")
    rules.add_argument("--batch-min-docs", type=int, metavar="N",
                       help="treat the inputs as one batch (one site): also remove lines "
                            "found in at least N of them, unless they read as body text")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} ({BUILD})")
    return parser


def clean_command(argv: Sequence[str]) -> int:
    """``clean [OPTIONS] [FILE ...]``."""
    parser = build_parser()
    try:
        options = parse_clean_args(parser, argv)
    except SystemExit as exc:
        return _exit_status(exc)
    except _UsageError as exc:
        return _usage_error(parser, str(exc))
    cleaner = _load_cleaner(options)
    if cleaner is None:
        return EXIT_USAGE
    return run(cleaner, options)


def parse_clean_args(parser: argparse.ArgumentParser, argv: Sequence[str]) -> CleanOptions:
    """Parse and check the options; `_UsageError` for combinations that make no sense."""
    args = parser.parse_intermixed_args(list(argv))
    options = CleanOptions(
        inputs=tuple(args.files) or (STDIN,),
        output=args.output,
        in_place=args.in_place,
        explain=args.explain,
        diff=args.diff,
        json=args.format == "json",
        html=args.html,
        sites=tuple(args.site),
        url=args.url,
        rule_dirs=tuple(args.rules),
        typography=args.typography,
        classify=args.classify,
        batch_min_docs=args.batch_min_docs,
    )
    if options.batch_min_docs is not None and options.batch_min_docs < 2:
        raise _UsageError("--batch-min-docs must be at least 2")
    _check_options(options)
    return options


def _check_options(options: CleanOptions) -> None:
    if options.inputs.count(STDIN) > 1:
        raise _UsageError("standard input ('-') can be read only once")
    if options.diff and options.json:
        raise _UsageError("--diff and --format json cannot be combined")
    if not options.in_place:
        return
    if STDIN in options.inputs:
        raise _UsageError("--in-place needs files, not standard input")
    if options.output is not None:
        raise _UsageError("--in-place and --output cannot be combined")
    if options.diff or options.json:
        raise _UsageError("--in-place cannot be combined with --diff or --format json")


def _load_cleaner(options: CleanOptions) -> Cleaner | None:
    """The Cleaner for these options, or None after printing why it cannot be built."""
    return load_cleaner(options.rule_dirs, options.sites, classify=options.classify)


def load_cleaner(rule_dirs: Sequence[str | Path], sites: Sequence[str], *,
                 classify: bool = True) -> Cleaner | None:
    """A Cleaner with these rule directories, or None after printing why it cannot be
    built (a broken rule file, a `--site` no rule file declares). Batch runs share it."""
    try:
        cleaner = Cleaner(list(rule_dirs), config=CleanerConfig(classify=classify))
    except RuleError as exc:
        error(str(exc))
        return None
    unknown = [name for name in sites if name not in cleaner.ruleset.sites]
    if unknown:
        error(f"unknown site {unknown[0]!r}; known sites: {', '.join(cleaner.sites) or 'none'}")
        return None
    return cleaner


def run(cleaner: Cleaner, options: CleanOptions) -> int:
    """Clean every input in order; an input that fails does not stop the others."""
    output = Output(options.output)
    failed = False
    batch = _batch(options)
    for path in options.inputs:
        try:
            ok = clean_one(cleaner, path, options, output, batch)
        except UnknownSiteError as exc:
            error(str(exc))
            return EXIT_USAGE
        failed |= not ok
        output.any_input |= ok
    if not output.close():
        failed = True
    return EXIT_FAILED if failed else EXIT_OK


def _batch(options: CleanOptions) -> RepeatedLines | None:
    """With --batch-min-docs: the lines repeated across the inputs (unreadable ones left out)."""
    if options.batch_min_docs is None:
        return None
    from cleaner.learn.repeated import RepeatedLines

    texts = []
    for path in options.inputs:
        if path == STDIN:
            continue  # read once, when it is cleaned
        try:
            texts.append(decode_bytes(read_bytes(path))[0])
        except (InputError, DecodeError):
            continue  # reported when it is cleaned
    return RepeatedLines(texts, min_docs=options.batch_min_docs)


def clean_one(cleaner: Cleaner, path: str, options: CleanOptions, output: Output,
              batch: RepeatedLines | None = None) -> bool:
    """Clean one input and send it where it goes; False (message printed) if it failed."""
    name = display_name(path)
    try:
        data = read_bytes(path)
        site = list(options.sites) or None
        if is_html_input(path, data, options.html):
            if options.in_place:
                error(f"{name}: --in-place rewrites text files; write a web page's text "
                      "with -o or to stdout")
                return False
            result = cleaner.clean_html(data, url=options.url, site=site,
                                        typography=options.typography)
        else:
            result = cleaner.clean_bytes(data, url=options.url, site=site,
                                         typography=options.typography)
            if batch is not None:
                result = batch.apply(decode_bytes(data)[0], result)
    except InputError as exc:
        error(str(exc))
        return False
    except (DecodeError, HTMLError) as exc:
        error(f"{name}: {exc}")
        return False
    if options.explain:
        explain(name, result)
    if options.in_place:
        return rewrite(path, data, result.text)
    output.write(render(name, data, result, options))
    return True


def render(name: str, data: bytes, result: Result, options: CleanOptions) -> str:
    """What stdout (or -o) receives for one input (`data`: its bytes, as read)."""
    if options.diff:
        original, _ = decode_bytes(data)  # decoded once more: only --diff shows the input
        return unified_diff(name, original, result.text)
    if options.json:
        record = {"path": name, **result.to_dict()}
        return json.dumps(record, ensure_ascii=False) + "\n"
    return result.text


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff like diff -u's, with its mark for a missing final newline."""
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True),
                                 after.splitlines(keepends=True),
                                 fromfile=name, tofile=f"{name} (cleaned)")
    return "".join(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
                   for line in lines)


def explain(name: str, result: Result) -> None:
    """Site, language, every repair, removal and warning of one input, on stderr."""
    if result.sites:
        error_line(f"{name}: site: {', '.join(result.sites)}")
    if result.lang:
        error_line(f"{name}: lang: {result.lang}")
    for repair in result.repairs:
        error_line(f"{name}: repaired: {describe_repair(repair)}")
    for line in explain_html(name, result):
        error_line(line)
    for removal in result.removed:
        error_line(f"{name}:{removal.line}: {describe_removal(removal)}")
    for warning in result.warnings:
        error_line(f"{name}: warning: {warning}")


def describe_repair(repair: Repair) -> str:
    """One repair for --explain: its step, how many times, and how.

    >>> describe_repair(Repair("mojibake", 3, "encode sloppy-windows-1252, decode utf-8"))
    'mojibake ×3 (encode sloppy-windows-1252, decode utf-8)'
    >>> describe_repair(Repair("decode", 1, "cp1252")), describe_repair(Repair("spaces", 2))
    ('decode ×1 (cp1252)', 'spaces ×2')
    """
    detail = f" ({repair.detail})" if repair.detail else ""
    return f"{repair.step} ×{repair.count}{detail}"


def describe_removal(removal: Removal) -> str:
    """One removal for --explain, after ``PATH:LINE: ``: ``RULE [scope]: text``."""
    what = f"{removal.rule} [{removal.scope}]"
    if removal.fragment:
        what += " (fragment)"
    if removal.detail:
        what += f" ({removal.detail})"
    return f"{what}: {removal.text}"


def rewrite(path: str, original: bytes, cleaned: str) -> bool:
    """Replace an input file by its cleaned text in UTF-8 (untouched when that is its content).

    A file in another encoding (or with a BOM) is rewritten in UTF-8 even when
    cleaning changed no character, so that it ends as ``clean FILE`` prints it.
    """
    if cleaned.encode("utf-8", "surrogatepass") == original:
        return True
    try:
        atomic_write(path, cleaned)
    except OSError as exc:
        error(f"{path}: cannot write: {exc.strerror or exc}")
        return False
    return True


class Output:
    """Where cleaned text goes: stdout as it comes, or one file written at the end."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.any_input = False
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        if self.path is None:
            write_stdout(text)
        else:
            self._parts.append(text)

    def close(self) -> bool:
        """Write the -o file if some input was cleaned; False (message printed) if that fails."""
        if self.path is None or not self.any_input:
            return True
        try:
            atomic_write(self.path, "".join(self._parts))
        except OSError as exc:
            error(f"{self.path}: cannot write: {exc.strerror or exc}")
            return False
        return True


# ---------------------------------------------------------------- clean rules ...


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
                       help="print every loaded rule: scope, id, kind, description")
    check = actions.add_parser("check", parents=[extra],
                               help="load the rules and report the first error, or counts")
    check.add_argument("directory", nargs="?", metavar="DIR",
                       help="check only this directory's rule files")
    test = actions.add_parser("test", parents=[extra],
                              help="run the examples of every rule, each rule alone")
    test.add_argument("directory", nargs="?", metavar="DIR",
                      help="test only this directory's rule files")
    return parser


def rules_command(argv: Sequence[str]) -> int:
    """``clean rules list|check|test [DIR]``."""
    parser = build_rules_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return _exit_status(exc)
    directory: str | None = getattr(args, "directory", None)
    if directory is not None and args.rules:
        return _usage_error(parser, "give DIR or --rules, not both")
    if directory is not None and not Path(directory).is_dir():
        error(f"{directory}: not a directory")
        return EXIT_USAGE
    if args.action == "list":
        return rules_list(args.rules)
    if args.action == "check":
        return rules_check(directory, args.rules)
    return rules_test(directory, args.rules)


def _load_ruleset(directory: str | None, extra: Sequence[str]) -> RuleSet:
    """DIR's rules alone, or the full set: bundled, $CLEANER_RULES, then `extra`."""
    if directory is not None:
        return build_ruleset(load_dir(Path(directory)))
    return load_rules(list(extra))


def rules_list(extra: Sequence[str]) -> int:
    """Print one line per loaded rule, in columns: scope, id, kind, description."""
    try:
        ruleset = load_rules(list(extra))
    except RuleError as exc:
        error(str(exc))
        return EXIT_USAGE
    rows = [(scope, rule.id, str(rule.kind), " ".join(rule.description.split()))
            for scope, rule in ruleset.all_rules()]
    write_stdout("".join(f"{line}\n" for line in columns(rows)))
    return EXIT_OK


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
    """Load the rules; print counts, or the error naming file, line and rule."""
    try:
        ruleset = _load_ruleset(directory, extra)
    except RuleError as exc:
        error(str(exc))
        return EXIT_FAILED
    for hint in ruleset.speed_hints():
        error(f"hint: {hint}")
    write_stdout(f"OK: {describe(ruleset)}\n")
    return EXIT_OK


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


# ---------------------------------------------------------------- plumbing


def write_stdout(text: str) -> None:
    """Write UTF-8 to stdout whatever the locale says, and flush (so pipes see it now)."""
    stream = sys.stdout
    if stream is None:
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    data = memoryview(_utf8(text))
    # A buffered write can return short, with no error, when the reader has gone:
    # write the rest, so that the broken pipe shows up as BrokenPipeError.
    while data:
        written = buffer.write(data)
        if written == 0:
            raise BrokenPipeError(errno.EPIPE, "standard output accepts no more data")
        data = data[written if isinstance(written, int) else len(data):]
    buffer.flush()


def _utf8(text: str) -> bytes:
    """UTF-8; a file name that is not (a lone surrogate) goes out as its original bytes."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def error(message: str) -> None:
    """``clean: message`` on stderr, on one line."""
    error_line(f"{PROG}: {message}")


def error_line(line: str) -> None:
    if sys.stderr is not None:
        print(" ".join(line.splitlines()) or line, file=sys.stderr, flush=True)


def _usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    try:
        parser.error(message)
    except SystemExit as exc:
        return _exit_status(exc)
    return EXIT_USAGE  # pragma: no cover - parser.error always exits


def _exit_status(exc: SystemExit) -> int:
    """The status argparse meant to exit with (--help, --version, errors)."""
    if exc.code is None:
        return EXIT_OK
    if isinstance(exc.code, int):
        return exc.code
    error_line(str(exc.code))
    return EXIT_FAILED


def _detach_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit-time flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
