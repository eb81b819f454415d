"""The one parser of ``clean [OPTIONS] [INPUT ...]``, and which run a command line asks for.

Every option is parsed the same way whatever the inputs; the inputs then
choose the run (`is_batch`): a *document run* cleans text files, web pages and
stdin in this process, a *batch run* streams JSONL and WARC records and
mirrors folders through worker processes. An option that cannot apply to the
run chosen is a usage error that says why, never silently ignored.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cleaner import BUILD, __version__
from cleaner.batch.readers import FORMATS, infer_format
from cleaner.blocks import OUTPUT_FORMATS
from cleaner.cli.console import PROG, UsageError
from cleaner.io.reading import STDIN
from cleaner.typography.profiles import PROFILES

_EPILOG = f"""\
subcommands:
  clean rules list            every loaded rule, HTML rule and classifier decision
  clean rules check [DIR]     load the rules (or DIR's alone) and report errors
  clean rules test [DIR]      run the examples written in the rule files
  clean rules import ftr|postlight SRC -o DIR
                              convert a community rule set's checkout into rule files
  clean learn INPUT --site HOST [-o FILE]
                              write a rule file from the lines a site's documents repeat
  clean report INPUT... -o FILE
                              write an HTML page of what the rules removed, to review them

  "rules", "learn" or "report" as the first argument is the subcommand: to clean
  a file named rules, write "clean ./rules" or "clean -- rules".

runs:
  Text files, web pages and stdin are cleaned here, in order: to stdout (several
  inputs separated by a blank line) or to -o FILE. A batch run starts when an
  input is JSONL (.jsonl, .ndjson; plain, .gz or .zst) or WARC (.warc, .warc.gz),
  or a folder is given with -o, or -o names a folder (a trailing "/" or an
  existing folder): records go to stdout or -o FILE, files are mirrored into
  the folder. --explain, --diff, --format and -q work for both runs.

Rules are the bundled ones, then the directories in $CLEANER_RULES
(separated by "{os.pathsep}"), then each --rules DIR; a later rule with the same id
replaces an earlier one. Inputs may be in any common encoding: it is detected,
and --explain reports it. Output is UTF-8.

exit status: 0 success, 1 some input or record could not be cleaned (the others
are), 2 usage error, unknown site or broken rules, 130 interrupted, 143 terminated;
no half-written output is ever left.
"""

# Options of batch runs only, with the value each has when not given.
BATCH_ONLY = {"jobs": None, "glob": None, "text_field": None, "html_field": None,
              "url_field": None, "id_field": None, "resume": False, "stats": None,
              "dask": None, "time_limit": None, "max_size": None, "progress": None}


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """What ``clean [OPTIONS] [INPUT ...]`` was asked to do, as parsed."""

    inputs: tuple[str, ...] = (STDIN,)
    output: str | None = None
    in_place: bool = False
    explain: bool = False
    diff: bool = False
    json: bool = False
    output_format: str = "text"
    links: bool = False
    html: bool = False
    quiet: bool = False
    sites: tuple[str, ...] = ()
    url: str | None = None
    rule_dirs: tuple[str, ...] = ()
    typography: str = "preserve"
    classify: bool = True
    batch_min_docs: int | None = None
    input_format: str | None = None
    # batch runs only (None: not given, the default applies)
    jobs: int | None = None
    glob: str | None = None
    text_field: str | None = None
    html_field: str | None = None
    url_field: str | None = None
    id_field: str | None = None
    resume: bool = False
    stats: str | None = None
    dask: str | None = None
    time_limit: float | None = None
    max_size: float | None = None
    progress: bool | None = None


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``clean [OPTIONS] [INPUT ...]``, for every kind of input."""
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn scraped article text, web pages, JSONL records and WARC crawls\n"
                    "into clean body text, using rule files.", epilog=_EPILOG)
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="text files, web pages, JSONL or WARC files, folders (with -o); "
                             "none or '-' reads standard input")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} ({BUILD})")
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="PATH",
                     help="write to PATH (atomically) instead of stdout; a folder (a trailing "
                          "'/', or one that exists) mirrors the inputs into it")
    out.add_argument("-i", "--in-place", action="store_true",
                     help="rewrite each input text file with its cleaned text (atomically)")
    out.add_argument("--format", choices=("text", "json"), default="text",
                     help="text: the cleaned text (default); json: one object per input, with "
                          "path, text, removed lines and more (records are JSON already)")
    out.add_argument("--output-format", choices=OUTPUT_FORMATS, default="text",
                     help="text: the body as paragraphs (default); markdown: with its "
                          "headings, lists, tables, quotes and code; json: as --format json, "
                          "with the body's blocks")
    out.add_argument("--links", action="store_true",
                     help="with --output-format markdown or json, a web page's links: "
                          "[text](url) in Markdown, each block's links in JSON")
    out.add_argument("--diff", action="store_true",
                     help="print a unified diff of each document (file or record) against "
                          "its cleaned text, instead of the output")
    out.add_argument("--explain", action="store_true",
                     help="print to stderr, for each document, the site and language, every "
                          "repair, every removed line (PATH:LINE: RULE [scope]: text; for a "
                          "record PATH:RECORD:LINE) and warnings")
    out.add_argument("-q", "--quiet", action="store_true",
                     help="no error lines and no summary on stderr (the exit status tells)")
    out.add_argument("--html", action="store_true",
                     help="read every input as a web page (otherwise: .html/.htm files and "
                          "inputs starting with <!doctype html> or <html>)")
    out.add_argument("--typography", choices=PROFILES, default="preserve", metavar="PROFILE",
                     help="quotes, apostrophes, dashes and punctuation spaces: preserve "
                          "(default), plain (ASCII), fr, en, de, or auto (by language)")
    rules = parser.add_argument_group("rules")
    rules.add_argument("--site", action="append", default=[], metavar="NAME",
                       help="apply this site's rules (skip detection); repeatable")
    rules.add_argument("--url", metavar="URL", help="the article's address (for records: "
                       "when they have none), to pick the site by its host")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="an extra directory of rule files; repeatable")
    rules.add_argument("--no-classify", dest="classify", action="store_false",
                       help="do not run the generic line classifier (rules only)")
    rules.add_argument("--batch-min-docs", type=int, metavar="N",
                       help="treat the input files as one site's: also remove lines found in "
                            "at least N of them, unless they read as body text")
    _add_batch_options(parser.add_argument_group(
        "batch runs (JSONL, WARC, folders, -o FOLDER/)"))
    return parser


def _add_batch_options(batch: argparse._ArgumentGroup) -> None:
    batch.add_argument("--input-format", choices=FORMATS, metavar="FORMAT",
                       help="jsonl, warc or text: force the inputs' format (default: by "
                            "extension); jsonl and warc make a batch run, stdin included; "
                            "text reads web pages as text")
    batch.add_argument("--glob", metavar="PATTERN",
                       help="in folders, only files matching PATTERN ('*.jsonl.gz', 'a/*.txt')")
    batch.add_argument("--text-field", metavar="NAME",
                       help="the field holding the text (default: text), replaced by the "
                            "clean text")
    batch.add_argument("--html-field", metavar="NAME",
                       help="a field holding HTML, cleaned by the HTML path when present")
    batch.add_argument("--url-field", metavar="NAME",
                       help="the field holding the URL, to pick site rules (default: url)")
    batch.add_argument("--id-field", metavar="NAME", help="a record id, named in error messages")
    batch.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="worker processes (default 0: every core; 1: this process)")
    batch.add_argument("--time-limit", type=float, metavar="SECONDS",
                       help="per document; a document over it is stopped (its worker "
                            "replaced) and becomes an error (default 60; 0: none)")
    batch.add_argument("--max-size", type=float, metavar="MB",
                       help="larger documents are errors, not cleaned (default 64; 0: none)")
    batch.add_argument("--resume", action="store_true",
                       help="skip inputs whose output file already exists (outputs are only "
                            "ever complete: they are written atomically)")
    batch.add_argument("--dask", metavar="ADDRESS",
                       help="run on a Dask cluster: a scheduler address (tcp://host:8786), "
                            "or 'local' to start a local cluster of --jobs workers")
    batch.add_argument("--stats", metavar="FILE",
                       help="write the run's totals as JSON (documents, bytes, errors, "
                            "removals per rule, throughput)")
    bar = batch.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None,
                     help="show the progress bar even when stderr is not a terminal")
    bar.add_argument("--no-progress", dest="progress", action="store_false",
                     help="never show the progress bar")


def parse_options(parser: argparse.ArgumentParser, argv: Sequence[str]) -> CleanOptions:
    """Parse and check the options; `UsageError` for values and combinations that make no
    sense whatever the run (those that depend on it: `check_document_run`, the batch run)."""
    args = parser.parse_intermixed_args(list(argv))
    fields = {name: getattr(args, name) for name in BATCH_ONLY}
    options = CleanOptions(
        inputs=tuple(args.inputs) or (STDIN,), output=args.output, in_place=args.in_place,
        explain=args.explain, diff=args.diff,
        json=args.format == "json" or args.output_format == "json",
        output_format=args.output_format, links=args.links, html=args.html,
        quiet=args.quiet, sites=tuple(args.site), url=args.url, rule_dirs=tuple(args.rules),
        typography=args.typography, classify=args.classify,
        batch_min_docs=args.batch_min_docs, input_format=args.input_format, **fields)
    if options.inputs.count(STDIN) > 1:
        raise UsageError("standard input ('-') can be read only once")
    if options.diff and options.json:
        raise UsageError("--diff and --format json cannot be combined")
    if options.links and options.output_format == "text":
        raise UsageError("--links writes links in Markdown or JSON blocks: give "
                         "--output-format markdown or json")
    if options.in_place and options.output_format != "text":
        raise UsageError("--in-place rewrites files with their cleaned text: "
                         "--output-format markdown and json write to stdout or -o")
    if options.url is not None:
        try:
            urlsplit(options.url)
        except ValueError as exc:
            raise UsageError(f"--url {options.url!r} is not a URL ({exc})") from None
    if options.batch_min_docs is not None and options.batch_min_docs < 2:
        raise UsageError("--batch-min-docs must be at least 2")
    if any(value is not None and value < 0
           for value in (options.jobs, options.time_limit, options.max_size)):
        raise UsageError("--jobs, --time-limit and --max-size cannot be negative")
    return options


def is_batch(options: CleanOptions) -> bool:
    """Whether the inputs make a batch run: a JSONL or WARC input (by extension or
    --input-format), a folder with -o, or -o naming a folder."""
    if options.input_format in ("jsonl", "warc"):
        return True
    if options.output is not None and names_folder(options.output):
        return True
    return any(path != STDIN and (infer_format(path) != "text" or (
        options.output is not None and Path(path).is_dir())) for path in options.inputs)


def names_folder(output: str) -> bool:
    """Whether -o names a folder: it ends with a separator, or is one already."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def check_document_run(options: CleanOptions) -> None:
    """`UsageError` for what a document run (text files, pages, stdin) cannot do."""
    given = [name for name, default in BATCH_ONLY.items() if getattr(options, name) != default]
    if given:
        folders = [path for path in options.inputs if path != STDIN and Path(path).is_dir()]
        if folders:  # a batch run was meant
            raise UsageError(f"{folders[0]} is a folder: give an output folder with -o DIR")
        flag = "--" + given[0].replace("_", "-")
        raise UsageError(f"{flag} is for batch runs: JSONL or WARC inputs, folders, or "
                         "-o FOLDER/ to mirror the inputs into a folder")
    if not options.in_place:
        return
    if STDIN in options.inputs:
        raise UsageError("--in-place needs files, not standard input")
    if options.output is not None:
        raise UsageError("--in-place and --output cannot be combined")
    if options.diff or options.json:
        raise UsageError("--in-place cannot be combined with --diff or --format json")


def check_batch_run(options: CleanOptions) -> None:
    """`UsageError` for what a batch run cannot do, saying why."""
    if options.in_place:
        raise UsageError("--in-place rewrites text files given alone; a batch run writes "
                         "its outputs to stdout, -o FILE or -o FOLDER/")
    if options.html:
        raise UsageError("--html: a batch run reads text files as text; web pages come "
                         "from WARC files, or from records with --html-field")
    if options.batch_min_docs is not None:
        raise UsageError("--batch-min-docs needs every document at once; for a batch, "
                         "learn the site's repeated lines with 'clean learn' first")
    if options.diff and options.output is not None and names_folder(options.output):
        raise UsageError("--diff writes one stream of diffs: to stdout or -o FILE, "
                         "not into a folder")
