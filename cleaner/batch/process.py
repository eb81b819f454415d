"""The per-record cleaning step: one item in, one `Outcome` out, never an exception.

A record keeps every input field; its text field is replaced by the clean
text and a ``cleaner`` object is added (site, language, removed-line count,
repairs). A record that cannot be cleaned keeps its fields unchanged and gets
an ``error`` field instead: it is counted, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.batch.http import decode_payload
from cleaner.batch.items import (
    EndOfInput,
    Failed,
    Item,
    JsonBlock,
    JsonLine,
    JsonRange,
    NotARecord,
    Outcome,
    Record,
    RecordItem,
    TextFile,
    WarcDoc,
    combined,
)
from cleaner.batch.jsoncodec import decode_json, encode
from cleaner.cleaner import Cleaner
from cleaner.config import CleanerConfig
from cleaner.io.reading import InputError, InputTooLarge, read_bytes
from cleaner.report import explain_lines, to_utf8, unified_diff
from cleaner.result import Result
from cleaner.rules.load import RuleSet
from cleaner.text.decode import DecodeError, decode_bytes


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How records are read and cleaned: field names, cleaning options, limits.

    `max_size` is the largest document that is cleaned (bytes as read: a JSON
    line, a file, an HTTP payload; characters of the text field for records
    given as dicts); a larger one is an error record with its fields kept.
    Zero: no limit. `explain`: each outcome carries the ``--explain`` lines of its
    document (`Outcome.notes`); `diff`: its data is a unified diff of the document
    against its clean text instead of the output record (a failed one has none).
    `output_format`: ``text``, ``markdown`` (the text field holds the body as
    Markdown, a text file's output is Markdown) or ``json`` (records get the
    body's ``blocks`` as well); docs/formats.md. `links`: a web page's links in
    them (``[text](url)`` in Markdown).
    """

    text_field: str = "text"
    html_field: str | None = None
    url_field: str | None = "url"
    id_field: str | None = None
    url: str | None = None
    sites: tuple[str, ...] = ()
    typography: str | None = None
    max_size: int = 0
    explain: bool = False
    diff: bool = False
    output_format: str = "text"
    links: bool = False


class DocumentError(Exception):
    """A document that cannot be cleaned; the message says why, on one line."""


class Processor:
    """Cleans items with one Cleaner and one set of options.

    Picklable (for Dask and spawned workers): what travels is the rule set and
    the configuration, and the Cleaner is compiled again on the other side.
    """

    def __init__(self, cleaner: Cleaner, options: RecordOptions) -> None:
        self.cleaner = cleaner
        self.options = options

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.cleaner.ruleset, self.cleaner.config, self.options))

    def process(self, item: Item) -> Outcome:
        """Clean one item; every failure becomes an Outcome with an `error`."""
        return self._diff_only(self._process(item))

    def _diff_only(self, outcome: Outcome) -> Outcome:
        if self.options.diff and outcome.error is not None:
            outcome.data = b""  # a stream of diffs holds diffs only: the error goes to stderr
        return outcome

    def _process(self, item: Item) -> Outcome:
        if isinstance(item, JsonLine):
            return self.json_line(item)
        if isinstance(item, RecordItem):
            return self.record_outcome(dict(item.record), item.where, self.text_size(item.record),
                                       as_bytes=False)
        if isinstance(item, TextFile):
            return self.text_file(item)
        if isinstance(item, WarcDoc):
            return self.warc_doc(item)
        if isinstance(item, EndOfInput):
            return Outcome(documents=0, end=True)
        if isinstance(item, JsonBlock):
            return combined([self.process(line) for line in item.lines()])
        if isinstance(item, JsonRange):
            return self.process(item.read())
        if isinstance(item, NotARecord):
            return not_a_record(item)
        return failed_outcome(item)

    def text_size(self, record: Record) -> int:
        """The size of a record's document (its HTML or text field), in characters."""
        for name in (self.options.html_field, self.options.text_field):
            value = _string(record, name)
            if value is not None:
                return len(value)
        return 0

    def fail(self, item: Item, reason: str) -> Outcome:
        """The error outcome of an item whose cleaning never finished (time limit, crash)."""
        where = getattr(item, "where", "?")
        if isinstance(item, EndOfInput):
            return Outcome(documents=0, end=True)
        if isinstance(item, JsonBlock):
            return combined([self.fail(line, reason) for line in item.lines()])
        if isinstance(item, JsonRange):
            return self.fail(item.read(), reason)
        if isinstance(item, TextFile):
            return Outcome(bytes_in=item.size, error=f"{where}: {reason}")
        if isinstance(item, NotARecord):
            return not_a_record(item)  # nothing to clean: cannot have failed otherwise
        record: Record = {}
        exact = True
        if isinstance(item, RecordItem):
            record = dict(item.record)
        elif isinstance(item, JsonLine):
            try:
                decoded, exact = decode_json(item.data)
            except (ValueError, UnicodeDecodeError):
                decoded = None
            record = decoded if isinstance(decoded, dict) else {
                "raw": item.data.decode("utf-8", "replace").rstrip("\r\n")}
        elif isinstance(item, WarcDoc):
            record = {"url": item.url, "warc_record_id": item.record_id,
                      "warc_date": item.date, "content_type": item.content_type}
        name = self._name(record, where)
        return self._diff_only(_error_record(record, f"{name}: {reason}", _size(item),
                                             as_bytes=not isinstance(item, RecordItem),
                                             exact=exact))

    # ------------------------------------------------------------ records

    def json_line(self, item: JsonLine) -> Outcome:
        size = len(item.data)
        if not size or item.data.isspace():  # a blank line (no copy of a whole line, as strip)
            return Outcome(bytes_in=size, documents=0)
        try:
            record, exact = decode_json(item.data)
        except (ValueError, UnicodeDecodeError) as exc:
            reason = f"malformed JSON ({_one_line(exc)})"
            return _error_record({"raw": item.data.decode("utf-8", "replace").rstrip("\r\n")},
                                 f"{item.where}: {reason}", size)
        if not isinstance(record, dict):
            return _error_record({"raw": item.data.decode("utf-8", "replace").rstrip("\r\n")},
                                 f"{item.where}: not a JSON object", size)
        return self.record_outcome(record, item.where, size, exact=exact)

    def record_outcome(self, record: Record, where: str, size: int, *,
                       as_bytes: bool = True, exact: bool = True) -> Outcome:
        """Clean a decoded record; the outcome carries its JSON line, or the record itself."""
        options = self.options
        before = _string(record, options.html_field) or _string(record, options.text_field)
        try:
            if options.max_size and size > options.max_size:
                raise DocumentError(f"document too large ({size} bytes > {options.max_size})")
            result = self._clean_record(record)
        except (DocumentError, DecodeError) as exc:
            return _error_record(record, f"{self._name(record, where)}: {exc}", size,
                                 as_bytes=as_bytes, exact=exact)
        except Exception as exc:  # one bad record must not stop a batch
            return _error_record(record, f"{self._name(record, where)}: {type(exc).__name__}: "
                                         f"{_one_line(exc)}", size, as_bytes=as_bytes,
                                 exact=exact)
        if options.diff:
            return self._inspected(Outcome(bytes_in=size), where, before or "", result)
        self._fill(record, result)
        return self._inspected(_record_outcome(record, size, result, as_bytes=as_bytes,
                                               exact=exact),
                               where, before or "", result)

    def _fill(self, record: Record, result: Result) -> None:
        """The cleaned text, the ``cleaner`` summary and, for JSON output, the blocks."""
        record[self.options.text_field] = result.text
        record["cleaner"] = summary(result)
        if self.options.output_format == "json" and result.blocks is not None:
            record["blocks"] = [block.to_dict() for block in result.blocks]

    def _inspected(self, outcome: Outcome, where: str, before: str | bytes,
                   result: Result) -> Outcome:
        """`outcome` with what --explain and --diff ask for: notes, a diff as its data."""
        if self.options.explain:
            outcome.notes = tuple(explain_lines(where, result))
        if self.options.diff:
            if isinstance(before, bytes):
                before = decode_bytes(before)[0]
            outcome.data = to_utf8(unified_diff(where, before, result.text))
            outcome.rules = tuple(removal.rule for removal in result.removed)
        return outcome

    def _clean_record(self, record: Record) -> Result:
        options = self.options
        url = _string(record, options.url_field) or options.url
        html = _string(record, options.html_field)
        if html is not None:
            return self._clean_html(html, url)
        text = record.get(options.text_field)
        if not isinstance(text, str):
            wanted = f"{options.text_field!r}" + (
                f" or {options.html_field!r}" if options.html_field else "")
            raise DocumentError(f"no {wanted} field with a string")
        return self.cleaner.clean(text, url=url, site=list(options.sites) or None,
                                  typography=options.typography,
                                  output_format=options.output_format)

    def _clean_html(self, html: str | bytes, url: str | None) -> Result:
        return self.cleaner.clean_html(html, url=url, site=list(self.options.sites) or None,
                                       typography=self.options.typography,
                                       output_format=self.options.output_format,
                                       links=self.options.links)

    def _name(self, record: Record, where: str) -> str:
        ident = _string(record, self.options.id_field)
        return f"{where} (id {ident})" if ident is not None else where

    # ------------------------------------------------------------ files and crawls

    def text_file(self, item: TextFile) -> Outcome:
        """A text file's clean content (bytes, UTF-8), or an error naming the file."""
        options = self.options
        try:
            data = read_bytes(item.path, options.max_size)
        except InputTooLarge as exc:  # not read: a device or a FIFO may have no end
            size = (f"{exc.size} bytes > {options.max_size}" if exc.size is not None
                    else f"over {options.max_size} bytes")
            return Outcome(bytes_in=exc.size or 0,
                           error=f"{item.where}: document too large ({size})")
        except InputError as exc:
            return Outcome(error=f"{item.where}: {exc.reason}")
        try:
            result = self.cleaner.clean_bytes(data, url=options.url,
                                              site=list(options.sites) or None,
                                              typography=options.typography,
                                              output_format=options.output_format)
        except DecodeError as exc:
            return Outcome(bytes_in=len(data), error=f"{item.where}: {exc}")
        except Exception as exc:  # one bad file must not stop a batch
            return Outcome(bytes_in=len(data),
                           error=f"{item.where}: {type(exc).__name__}: {_one_line(exc)}")
        outcome = Outcome(data=result.text.encode("utf-8", "surrogateescape"),
                          bytes_in=len(data), rules=tuple(r.rule for r in result.removed))
        return self._inspected(outcome, item.where, data, result)

    def warc_doc(self, item: WarcDoc) -> Outcome:
        """An HTML response as a record: url, WARC ids, clean text, ``cleaner``."""
        record: Record = {"url": item.url, "warc_record_id": item.record_id,
                          "warc_date": item.date, "content_type": item.content_type}
        size = len(item.payload)
        try:
            if self.options.max_size and size > self.options.max_size:
                raise DocumentError(f"document too large ({size} bytes > "
                                    f"{self.options.max_size})")
            page = decode_payload(item.payload, item.charset)
            result = self._clean_html(page, item.url)
        except DocumentError as exc:
            return _error_record(record, f"{item.where}: {exc}", size)
        except Exception as exc:  # one bad page must not stop a crawl
            return _error_record(record, f"{item.where}: {type(exc).__name__}: "
                                         f"{_one_line(exc)}", size)
        if self.options.diff:
            return self._inspected(Outcome(bytes_in=size), item.where, page, result)
        self._fill(record, result)
        return self._inspected(_record_outcome(record, size, result),
                               item.where, page, result)


def _rebuild(cls: type[Processor], ruleset: RuleSet, config: CleanerConfig,
             options: RecordOptions) -> Processor:
    return cls(cached_cleaner(ruleset, config), options)


_CLEANERS: dict[bytes, Cleaner] = {}


def cached_cleaner(ruleset: RuleSet, config: CleanerConfig) -> Cleaner:
    """One compiled Cleaner per rule set and config in this process (Dask tasks reuse it)."""
    import pickle

    key = pickle.dumps((ruleset, config))
    cleaner = _CLEANERS.get(key)
    if cleaner is None:
        cleaner = _CLEANERS[key] = Cleaner(ruleset, config=config)
    return cleaner


def failed_outcome(item: Failed) -> Outcome:
    """An input that broke while read: an error record saying where and why."""
    return _error_record({}, f"{item.where}: {item.message}", 0)


def not_a_record(item: NotARecord) -> Outcome:
    """A value that is not a record: an error record holding it as ``raw``."""
    return _error_record({"raw": item.value}, f"{item.where}: not a mapping "
                                              f"({type(item.value).__name__})", 0,
                         as_bytes=False)


def summary(result: Result) -> dict[str, Any]:
    """The ``cleaner`` object of an output record.

    >>> from cleaner.result import Repair
    >>> summary(Result("x\\n", site="a.com", lang="fr", repairs=(Repair("nfc", 2),)))
    {'site': 'a.com', 'lang': 'fr', 'removed': 0, 'repairs': {'nfc': 2}}
    """
    info: dict[str, Any] = {
        "site": result.site,
        "lang": result.lang,
        "removed": len(result.removed),
        "repairs": {repair.step: repair.count for repair in result.repairs}
        if result.repairs else {},
    }
    if result.warnings:
        info["warnings"] = list(result.warnings)
    return info


def len_hint(record: Record) -> int:
    """A cheap size of a record given as a dict: the length of its string values."""
    return sum(len(value) for value in record.values() if isinstance(value, str))


def _size(item: Item) -> int:
    if isinstance(item, JsonLine):
        return len(item.data)
    if isinstance(item, WarcDoc):
        return len(item.payload)
    if isinstance(item, RecordItem):
        return len_hint(item.record)
    return 0


def _record_outcome(record: Record, size: int, result: Result, *,
                    as_bytes: bool = True, exact: bool = True) -> Outcome:
    rules = tuple([removal.rule for removal in result.removed]) if result.removed else ()
    if as_bytes:
        return Outcome(data=encode(record, fast=exact), bytes_in=size, rules=rules)
    return Outcome(record=record, bytes_in=size, rules=rules)


def _error_record(record: Record, message: str, size: int, *, as_bytes: bool = True,
                  exact: bool = True) -> Outcome:
    """A record that keeps its fields and says why it could not be cleaned."""
    record["error"] = message
    if as_bytes:
        return Outcome(data=encode(record, fast=exact), bytes_in=size, error=message)
    return Outcome(record=record, bytes_in=size, error=message)


def _string(record: Record, name: str | None) -> str | None:
    if name is None:
        return None
    value = record.get(name)
    return value if isinstance(value, str) else None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def processor_for(rules: RuleSet | Sequence[Path | str] | None = None,
                  options: RecordOptions | None = None, *,
                  config: CleanerConfig | None = None) -> Processor:
    """A Processor with a fresh Cleaner (bundled rules plus `rules`)."""
    return Processor(Cleaner(rules, config=config), options or RecordOptions())
