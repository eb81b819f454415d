"""A datatrove pipeline step that cleans each document: ``pip install "cleaner[datatrove]"``.

`CleanerFormatter` goes where datatrove's own formatters go, after a reader or an
extractor and before the filters and the writer::

    LocalPipelineExecutor(pipeline=[JsonlReader("raw/"), CleanerFormatter(),
                                    JsonlWriter("clean/")], tasks=4).run()

Each document's text is replaced by its clean text (the same as ``Cleaner().clean``),
the document's ``url`` metadata picks the site rules, and ``metadata["cleaner"]``
says what was done:

>>> from datatrove.data import Document
>>> step = CleanerFormatter()
>>> [doc] = step.run(iter([Document(text="PUBLICITÉ\\nLe président a parlé.", id="1")]))
>>> doc.text
'Le président a parlé.\\n'
>>> doc.metadata["cleaner"]
{'removed': 1, 'lang': 'fr', 'sites': []}
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # the extra is not installed
    raise ImportError('cleaner.integrations.datatrove needs datatrove: '
                      'pip install "cleaner[datatrove]"') from exc

from cleaner.cleaner import Cleaner
from cleaner.config import CleanerConfig
from cleaner.engine import RulesArg
from cleaner.html.decode import looks_like_html
from cleaner.result import Result

__all__ = ["CleanerFormatter"]


class CleanerFormatter(BaseFormatter):
    """Clean ``doc.text`` with a `Cleaner`: junk lines removed, Unicode repaired.

    `cleaner` is the Cleaner to use; without one, a Cleaner is built from
    `rules` (extra rule directories, as for ``Cleaner(rules=...)``) and
    `config` on first use, in the worker, so that only those travel to it.
    `url_key` names the metadata field holding the page's URL, which picks
    the site rules. `html`: True cleans every text as a web page
    (`Cleaner.clean_html`), "auto" those that start like one, False none.
    `metadata_key` names the metadata field that gets the summary (removed
    line count, language, sites); None adds none.

    Stats: ``total`` documents, ``removed_lines`` (per document: its mean is
    the lines removed per document), ``removed/RULE`` for each rule that
    removed lines, ``html`` for documents cleaned as web pages, and
    ``clean_error`` for documents that could not be cleaned (an HTML page over
    a size limit, say): those are dropped, as datatrove's extractors drop theirs.
    """

    name = "🧽 cleaner"

    def __init__(self, cleaner: Cleaner | None = None, *, rules: RulesArg = None,
                 config: CleanerConfig | None = None, url_key: str = "url",
                 html: bool | Literal["auto"] = False,
                 metadata_key: str | None = "cleaner") -> None:
        super().__init__()
        if cleaner is not None and (rules is not None or config is not None):
            raise ValueError("give either a cleaner, or rules and config to build one")
        if html not in (True, False, "auto"):
            raise ValueError(f"html must be True, False or 'auto', not {html!r}")
        self._cleaner = cleaner
        self.rules = rules
        self.config = config
        self.url_key = url_key
        self.html = html
        self.metadata_key = metadata_key
        self._warned = False

    @property
    def cleaner(self) -> Cleaner:
        """The Cleaner, built on first use (in the worker that runs the step)."""
        if self._cleaner is None:
            self._cleaner = Cleaner(self.rules, config=self.config)
        return self._cleaner

    def format(self, text: str) -> str:
        """The clean text of one document, without a URL (`run` gives each its own)."""
        return self.cleaner.clean(text).text

    def run(self, data: DocumentsPipeline, rank: int = 0,
            world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    result = self.clean_document(doc)
                except Exception as exc:  # one bad page must not stop the task
                    self._count_error(doc, exc)
                    continue
                self._record(doc, result)
            yield doc

    def clean_document(self, doc: Document) -> Result:
        """The Result of cleaning one document, with its URL and, if asked, as HTML."""
        url = doc.metadata.get(self.url_key)
        url = url if isinstance(url, str) and url else None
        if self.html is True or (self.html == "auto" and looks_like_html(doc.text)):
            self.stat_update("html")
            return self.cleaner.clean_html(doc.text, url=url)
        return self.cleaner.clean(doc.text, url=url)

    def _record(self, doc: Document, result: Result) -> None:
        doc.text = result.text
        if self.metadata_key is not None:
            doc.metadata[self.metadata_key] = {"removed": len(result.removed),
                                               "lang": result.lang,
                                               "sites": list(result.sites)}
        self.stat_update("removed_lines", value=len(result.removed))
        for rule, count in Counter(removal.rule for removal in result.removed).items():
            self.stat_update(f"removed/{rule}", value=count)

    def _count_error(self, doc: Document, exc: Exception) -> None:
        self.stat_update("clean_error")
        if not self._warned:  # once per task, as datatrove's extractors warn
            logger.warning(f"cleaner: document {doc.id!r} dropped: {type(exc).__name__}: {exc} "
                           f"(said once; the clean_error stat counts them all)")
            self._warned = True
