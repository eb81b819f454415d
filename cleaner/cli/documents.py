"""A document run of ``clean``: text files, web pages and stdin, cleaned here, in order.

Output goes to stdout as each input is cleaned, to one ``-o`` file written at
the end, or back into each file (``--in-place``). Several inputs are
separated by a blank line, as paragraphs are (``--format json`` and
``--diff`` need no separator: they say where each input starts).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cleaner.cleaner import Cleaner, UnknownSiteError
from cleaner.cli.console import EXIT_FAILED, EXIT_OK, EXIT_USAGE, error, error_line, write_stdout
from cleaner.cli.html import is_html_input
from cleaner.cli.parser import CleanOptions
from cleaner.config import CleanerConfig
from cleaner.html.errors import HTMLError
from cleaner.io.reading import STDIN, InputError, display_name, read_bytes
from cleaner.io.writing import atomic_write
from cleaner.report import explain_lines, unified_diff
from cleaner.result import Result
from cleaner.rules.model import RuleError
from cleaner.text.decode import DecodeError, decode_bytes

# What only some runs use is imported where they run (--batch-min-docs), so that
# cleaning one file does not pay for it.
if TYPE_CHECKING:
    from cleaner.learn.repeated import RepeatedLines


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
    report = (lambda message: None) if options.quiet else error
    output = Output(options.output, report, separate=not (options.json or options.diff))
    failed = False
    batch = _batch(options)
    for path in options.inputs:
        try:
            ok = clean_one(cleaner, path, options, output, report, batch)
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
              report: Callable[[str], None], batch: RepeatedLines | None = None) -> bool:
    """Clean one input and send it where it goes; False (message reported) if it failed."""
    name = display_name(path)
    try:
        data = read_bytes(path)
        site = list(options.sites) or None
        if options.input_format != "text" and is_html_input(path, data, options.html):
            if options.in_place:
                report(f"{name}: --in-place rewrites text files; write a web page's text "
                       "with -o or to stdout")
                return False
            result = cleaner.clean_html(data, url=options.url, site=site,
                                        typography=options.typography,
                                        output_format=options.output_format,
                                        links=options.links)
        else:
            result = cleaner.clean_bytes(data, url=options.url, site=site,
                                         typography=options.typography,
                                         output_format=options.output_format)
            if batch is not None:
                result = batch.apply(decode_bytes(data)[0], result)
    except InputError as exc:
        report(str(exc))
        return False
    except (DecodeError, HTMLError) as exc:
        report(f"{name}: {exc}")
        return False
    if options.explain:
        for line in explain_lines(name, result):
            error_line(line)
    if options.in_place:
        return rewrite(path, data, result.text, report)
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


def rewrite(path: str, original: bytes, cleaned: str,
            report: Callable[[str], None] = error) -> bool:
    """Replace an input file by its cleaned text in UTF-8 (untouched when that is its content).

    A file in another encoding (or with a BOM) is rewritten in UTF-8 even when
    cleaning changed no character, so that it ends as ``clean FILE`` prints it.
    """
    if cleaned.encode("utf-8", "surrogatepass") == original:
        return True
    try:
        atomic_write(path, cleaned)
    except OSError as exc:
        report(f"{path}: cannot write: {exc.strerror or exc}")
        return False
    return True


class Output:
    """Where cleaned text goes: stdout as it comes, or one file written at the end.

    With `separate`, the texts of several inputs are set apart by one blank line.
    """

    def __init__(self, path: str | None, report: Callable[[str], None] = error, *,
                 separate: bool = True) -> None:
        self.path = path
        self.report = report
        self.separate = separate
        self.any_input = False
        self._parts: list[str] = []
        self._last = ""  # the end of what was written so far

    def write(self, text: str) -> None:
        if not text:
            return
        if self.separate and self._last and not self._last.endswith("\n\n"):
            text = ("\n" if self._last.endswith("\n") else "\n\n") + text
        self._last = text[-2:]
        if self.path is None:
            write_stdout(text)
        else:
            self._parts.append(text)

    def close(self) -> bool:
        """Write the -o file if some input was cleaned; False (message reported) if that fails."""
        if self.path is None or not self.any_input:
            return True
        try:
            atomic_write(self.path, "".join(self._parts))
        except OSError as exc:
            self.report(f"{self.path}: cannot write: {exc.strerror or exc}")
            return False
        return True
