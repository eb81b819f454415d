"""Batch and streaming cleaning: records, JSONL, folders and WARC crawls, in parallel.

The pieces, datatrove style: readers turn inputs into items
(`cleaner.batch.readers`), a `Processor` cleans one item into an
`Outcome` (`cleaner.batch.process`), executors run it serially, across
worker processes or on a Dask cluster, always in input order
(`cleaner.batch.executors`, `cleaner.dask`), and writers put the output
in place atomically (`cleaner.batch.writers`). `clean_records` is the
streaming library entry point:

>>> records = [{"id": 1, "text": "PUBLICITÉ\\nLe président a parlé."}]
>>> [(r["id"], r["text"], r["cleaner"]["removed"]) for r in clean_records(records)]
[(1, 'Le président a parlé.\\n', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from cleaner.batch.executors import Executor, ProcessExecutor, SerialExecutor, default_jobs
from cleaner.batch.items import Record, record_item
from cleaner.batch.process import Processor, RecordOptions
from cleaner.blocks import check_output_format
from cleaner.cleaner import Cleaner, default_cleaner

__all__ = ["Processor", "RecordOptions", "build_processor", "clean_records", "make_executor"]


def make_executor(processor: Processor, jobs: int | None = 1,
                  time_limit: float | None = None) -> Executor:
    """Serial for one job, worker processes for more (None or 0: every core)."""
    count = jobs or default_jobs()
    if count <= 1:
        return SerialExecutor(processor, time_limit)
    return ProcessExecutor(processor, count, time_limit)


def clean_records(records: Iterable[Mapping[str, Any]], *, cleaner: Cleaner | None = None,
                  rules: Sequence[Path | str] | None = None, text_field: str = "text",
                  html_field: str | None = None, url_field: str | None = "url",
                  id_field: str | None = None, url: str | None = None,
                  site: str | Sequence[str] | None = None, typography: str | None = None,
                  max_size: int = 0, jobs: int | None = 1,
                  time_limit: float | None = None, output_format: str = "text",
                  links: bool = False) -> Iterator[Record]:
    """Clean a stream of records lazily, one output record per input record, in order.

    Each output record keeps every input field, has `text_field` replaced by
    the clean text (from `html_field` when that field is present) and gets a
    ``cleaner`` object (site, lang, removed-line count, repairs); a record that
    fails keeps its fields and gets an ``error`` field instead; an item that is not
    a mapping gives ``{"raw": item, "error": ...}``. The input records are not
    modified. `output_format` ``markdown`` puts the body as Markdown in
    `text_field`, ``json`` adds its ``blocks`` (docs/formats.md); `links`, a web
    page's links in them. `jobs` > 1
    cleans in worker processes (0 or None: every core); `time_limit` (seconds)
    and `max_size` (bytes) bound each document. Usable as a map step in other
    pipelines (datatrove, Spark, Ray).
    """
    processor = build_processor(cleaner, rules, text_field=text_field, html_field=html_field,
                                url_field=url_field, id_field=id_field, url=url, site=site,
                                typography=typography, max_size=max_size,
                                output_format=output_format, links=links)
    executor = make_executor(processor, jobs, time_limit)
    items = (record_item(record, f"record {number}") for number, record in enumerate(records, 1))
    for outcome in executor.map(items):
        assert outcome.record is not None
        yield outcome.record


def build_processor(cleaner: Cleaner | None = None,
                    rules: Sequence[Path | str] | None = None, *, text_field: str = "text",
                    html_field: str | None = None, url_field: str | None = "url",
                    id_field: str | None = None, url: str | None = None,
                    site: str | Sequence[str] | None = None, typography: str | None = None,
                    max_size: int = 0, output_format: str = "text", links: bool = False
                    ) -> Processor:
    """The per-record cleaning step for these options (the shared Cleaner by default)."""
    if cleaner is None:
        cleaner = Cleaner(rules) if rules else default_cleaner()
    sites = (site,) if isinstance(site, str) else tuple(site or ())
    options = RecordOptions(text_field=text_field, html_field=html_field, url_field=url_field,
                            id_field=id_field, url=url, sites=sites, typography=typography,
                            max_size=max_size,
                            output_format=check_output_format(output_format), links=links)
    return Processor(cleaner, options)
