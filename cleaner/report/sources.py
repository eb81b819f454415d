"""Clean one document for the review report, keeping the text its rules ran on.

A removal's line number counts in that text: the decoded input for text, the
text extracted from a web page for HTML, which `Result` does not hold. The
page is cleaned by the same pipeline as `Cleaner.clean_html`, through a text
step that also keeps its input (tests/test_report.py checks that the results
are the same).
"""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.cleaner import Cleaner
from cleaner.engine import url_host
from cleaner.report.document import ReportDocument
from cleaner.result import Result
from cleaner.text.decode import decode_bytes


def text_document(cleaner: Cleaner, name: str, data: str | bytes, *, url: str | None = None,
                  site: Sequence[str] | None = None, folder: str | None = None,
                  typography: str | None = None) -> ReportDocument:
    """A text document (bytes in any common encoding, or str), cleaned by `cleaner`.

    Raises `DecodeError` for binary or undecodable bytes, as `Cleaner.clean_bytes`.
    """
    if isinstance(data, bytes):
        result = cleaner.clean_bytes(data, url=url, site=site, typography=typography)
        source = decode_bytes(data)[0]
    else:
        result = cleaner.clean(data, url=url, site=site, typography=typography)
        source = data
    return ReportDocument(name, source, result, site_of(url, folder))


def page_document(cleaner: Cleaner, name: str, html: str | bytes, *, url: str | None = None,
                  site: Sequence[str] | None = None, folder: str | None = None,
                  typography: str | None = None) -> ReportDocument:
    """A web page cleaned as `Cleaner.clean_html` cleans it; its source is the text extracted.

    Raises `HTMLError` as `Cleaner.clean_html` does.
    """
    # Here, not at the top: the HTML stack (trafilatura) loads only for a report on pages.
    from cleaner.html.pipeline import PageRules, clean_html

    extracted: list[str] = []

    def clean_text(text: str, page_url: str | None) -> Result:
        extracted.append(text)
        return cleaner.clean(text, url=page_url, site=site, typography=typography,
                             extracted=True)

    # As `Engine.clean_html` builds them: imported site rules included.
    rules = PageRules(cleaner.ruleset.html, cleaner.ruleset.sites, cleaner.site_for_url,
                      cleaner.imported_rules)
    result = clean_html(html, clean_text, rules, url=url, site=site,
                        config=cleaner.config.html)
    # A page whose site shows only in its text is cleaned twice: the last pass counts.
    source = extracted[-1] if extracted else result.text
    return ReportDocument(name, source, result, site_of(url or result.canonical_url, folder))


def site_of(url: str | None, folder: str | None = None) -> str:
    """What the report's site filter calls a document's site: its URL's host (without
    ``www.``), else the folder it came from, else ``unknown``.

    >>> site_of("https://www.example.org/a"), site_of(None, "corpus"), site_of("", "")
    ('example.org', 'corpus', 'unknown')
    """
    host = url_host(url).removeprefix("www.") if url else ""
    return host or folder or "unknown"
