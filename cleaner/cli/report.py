"""``clean report INPUT... -o FILE``: one HTML page of what the rules removed, to review them.

The inputs are read as ``clean`` reads them (text files, web pages, folders,
JSONL and WARC files, stdin) and cleaned with the same rules; the page is
`cleaner.report.page`'s. Only counts, a few samples per rule and the
``--max-documents`` documents where the most was removed are held, whatever
the corpus's size. The page is written atomically, or to stdout with ``-o -``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cleaner.batch.http import decode_payload
from cleaner.batch.items import Failed, JsonLine, WarcDoc
from cleaner.batch.jsoncodec import decode_json
from cleaner.batch.readers import FORMATS, infer_format, read_jsonl, read_warc, walk
from cleaner.cleaner import Cleaner, UnknownSiteError
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
from cleaner.cli.documents import load_cleaner
from cleaner.cli.html import is_html_input
from cleaner.html.errors import HTMLError
from cleaner.io.reading import MAX_INPUT_BYTES, STDIN, InputError, display_name, read_bytes
from cleaner.io.writing import atomic_write
from cleaner.report.catalogue import rule_catalogue
from cleaner.report.corpus import Corpus
from cleaner.report.document import ReportDocument
from cleaner.report.page import render
from cleaner.report.sources import page_document, text_document
from cleaner.text.decode import DecodeError

Found = ReportDocument | str  # a document cleaned, or why one could not be (one line)


def build_report_parser() -> argparse.ArgumentParser:
    """The parser of ``clean report``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="Clean the inputs and write one self-contained HTML page of what the rules "
                    "removed: per rule, its count, samples, description and examples; per "
                    "document, its text with the removed lines struck through in their "
                    "rule's colour; filters by rule and by site.",
        epilog="exit status: 0 success; 1 some input could not be cleaned (the page shows the "
               "others) or none could; 2 usage error, unknown site or broken rules.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="text files, web pages, folders, JSONL or WARC files; '-' reads "
                             "standard input")
    parser.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the HTML file to write (atomically); '-' writes to stdout")
    parser.add_argument("--max-documents", type=int, default=100, metavar="N",
                        help="documents shown in full, those with most removed first "
                             "(default 100); every document is counted")
    parser.add_argument("--samples", type=int, default=5, metavar="N",
                        help="removed lines shown per rule (default 5)")
    rules = parser.add_argument_group("rules and inputs, as for clean")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="an extra directory of rule files; repeatable")
    rules.add_argument("--site", action="append", default=[], metavar="NAME",
                       help="apply this site's rules (skip detection); repeatable")
    rules.add_argument("--url", metavar="URL", help="the documents' address, when they have none")
    rules.add_argument("--no-classify", dest="classify", action="store_false",
                       help="do not run the generic line classifier (rules only)")
    rules.add_argument("--html", action="store_true", help="read every text input as a web page")
    rules.add_argument("--input-format", choices=FORMATS, metavar="FORMAT",
                       help="jsonl, warc or text: force the inputs' format (default: by "
                            "extension)")
    rules.add_argument("--glob", metavar="PATTERN", help="in folders, only files matching it")
    rules.add_argument("--text-field", default="text", metavar="NAME",
                       help="JSONL: the field holding the text (default: text)")
    rules.add_argument("--html-field", metavar="NAME",
                       help="JSONL: a field holding HTML, cleaned as a web page when present")
    rules.add_argument("--url-field", default="url", metavar="NAME",
                       help="JSONL: the field holding the URL (default: url)")
    return parser


def report_command(argv: Sequence[str]) -> int:
    """``clean report INPUT... -o FILE``."""
    parser = build_report_parser()
    args = parse_or_status(parser, argv)
    if isinstance(args, int):
        return args
    problem = _usage_problem(args)
    if problem:
        return usage_error(parser, problem)
    cleaner = load_cleaner(args.rules, args.site, classify=args.classify)
    if cleaner is None:
        return EXIT_USAGE
    corpus = Corpus(args.max_documents, args.samples)
    failed = False
    try:
        for found in read_documents(cleaner, args):
            if isinstance(found, str):
                error(found)
                failed = True
            else:
                corpus.add(found)
    except UnknownSiteError as exc:
        error(str(exc))
        return EXIT_USAGE
    if not corpus.count:
        error("no document could be cleaned: no report written")
        return EXIT_FAILED
    page = render(corpus, rule_catalogue(cleaner.ruleset))
    if args.output == "-":
        write_stdout(page)
    else:
        try:
            atomic_write(args.output, page)
        except OSError as exc:
            error(f"{args.output}: cannot write: {exc.strerror or exc}")
            return EXIT_FAILED
    return EXIT_FAILED if failed else EXIT_OK


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What makes no sense on this command line, or None."""
    if args.max_documents < 0 or args.samples < 0:
        return "--max-documents and --samples cannot be negative"
    if args.inputs.count(STDIN) > 1:
        return "standard input ('-') can be read only once"
    if args.output == "-":
        return None
    if Path(args.output).is_dir() or args.output.endswith(("/", os.sep)):
        return f"-o {args.output}: a folder; name the report's file"
    target = os.path.realpath(args.output)
    if any(path != STDIN and os.path.realpath(path) == target for path in args.inputs):
        return f"-o {args.output} is one of the inputs: it would be overwritten"
    return None


def read_documents(cleaner: Cleaner, args: argparse.Namespace) -> Iterator[Found]:
    """Every document of the inputs, cleaned, in order; an input or record that cannot be
    read or cleaned gives its one-line error instead, and the others go on."""
    for path in args.inputs:
        if path != STDIN and Path(path).is_dir():
            for file in walk(Path(path), args.glob):
                yield from _file(cleaner, str(file), args)
        else:
            yield from _file(cleaner, path, args)


def _file(cleaner: Cleaner, path: str, args: argparse.Namespace) -> Iterator[Found]:
    name = display_name(path)
    folder = None if path == STDIN else Path(path).parent.name
    fmt = args.input_format or ("text" if path == STDIN else infer_format(path))
    if fmt == "jsonl":
        yield from _records(cleaner, path, name, args)
        return
    if fmt == "warc":
        for item in read_warc(path, name, MAX_INPUT_BYTES):
            if isinstance(item, WarcDoc):
                yield _cleaned(page_document, cleaner, item.where,
                               decode_payload(item.payload, item.charset), url=item.url,
                               site=args.site or None)
            elif isinstance(item, Failed):
                yield f"{item.where}: {item.message}"
        return
    try:
        data = read_bytes(path)
    except InputError as exc:
        yield str(exc)
        return
    page = args.input_format != "text" and is_html_input(path, data, args.html)
    clean = page_document if page else text_document
    yield _cleaned(clean, cleaner, name, data, url=args.url, site=args.site or None,
                   folder=folder)


def _records(cleaner: Cleaner, path: str, name: str, args: argparse.Namespace
             ) -> Iterator[Found]:
    """The documents of a JSONL input: its HTML field when given and present, else its text."""
    for item in read_jsonl(path, name, MAX_INPUT_BYTES):
        if isinstance(item, Failed):
            yield f"{item.where}: {item.message}"
            continue
        if not isinstance(item, JsonLine) or not item.data.strip():
            continue
        try:
            record, _ = decode_json(item.data)
        except (ValueError, UnicodeDecodeError) as exc:
            yield f"{item.where}: malformed JSON ({' '.join(str(exc).split())})"
            continue
        if not isinstance(record, dict):
            yield f"{item.where}: not a JSON object"
            continue
        url = _string(record, args.url_field) or args.url
        html = _string(record, args.html_field)
        text = _string(record, args.text_field)
        site = args.site or None
        if html is not None:
            yield _cleaned(page_document, cleaner, item.where, html, url=url, site=site)
        elif text is not None:
            yield _cleaned(text_document, cleaner, item.where, text, url=url, site=site)
        else:
            yield f"{item.where}: no {args.text_field!r} field with a string"


def _cleaned(clean: Callable[..., ReportDocument], cleaner: Cleaner, name: str,
             data: str | bytes, **options: Any) -> Found:
    """The document `clean` makes of `data`, or the one-line error of one it cannot clean."""
    try:
        return clean(cleaner, name, data, **options)
    except (DecodeError, HTMLError) as exc:
        return f"{name}: {exc}"


def _string(record: dict[str, object], field: str | None) -> str | None:
    value = record.get(field) if field else None
    return value if isinstance(value, str) else None
