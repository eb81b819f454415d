"""The Cleaner: rules compiled once, applied to many documents, from many threads.

The work is `cleaner.engine.Engine`'s, compiled by mypyc in wheels; this
subclass stays Python so that ``help(cleaner.Cleaner)`` shows what it does
(mypyc drops docstrings). Its methods cost one Python call each.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from cleaner.config import CleanerConfig
from cleaner.engine import Engine, RulesArg, UnknownSiteError, url_host
from cleaner.result import Result

__all__ = ["Cleaner", "UnknownSiteError", "default_cleaner", "url_host"]


# The compiled engine's `clean` with every argument by position: cheaper to call.
_clean = Engine._clean


class Cleaner(Engine):
    """Clean article text with a compiled rule set.

    `rules` is a loaded `RuleSet`, or an extra rule directory (a str or
    Path), or a list of them, added to the bundled ones and those in
    ``CLEANER_RULES`` (None: just those). `config` is a `CleanerConfig`
    (repair steps, typography profile, the classifier, HTML limits).

    A Cleaner is immutable once built except for its cache of compiled
    plans, which is guarded by a lock: share one across threads. It pickles
    and deep-copies as its rules and config (datatrove, Dask, Spark and Ray
    ship it to workers that way), and the other side compiles them again on
    first use.

    >>> Cleaner().clean("PUBLICITÉ\\nLe président a parlé.").text
    'Le président a parlé.\\n'
    """

    def __init__(self, rules: RulesArg = None, *, config: CleanerConfig | None = None) -> None:
        """Load the rules (bundled, ``CLEANER_RULES``, then `rules`) and keep `config`."""
        Engine.__init__(self, rules, config=config)

    def clean(self, text: str, *, url: str | None = None,
              site: str | Sequence[str] | None = None,
              typography: str | None = None, extracted: bool = False,
              output_format: str = "text") -> Result:
        """Clean one document. `url` picks the site by host; `site` forces it.

        `typography` overrides the config's profile (``preserve``, ``plain``,
        ``fr``, ``en``, ``de``, ``auto``). `extracted`: the text is an
        extractor's main content, not a whole page (the HTML path), so the
        classifier looks only for lexicon junk.

        Order: repair (mojibake, entities, invisibles... so that junk written
        "PUBLICITÃ‰" is still recognised), then the removal steps on lines,
        then the typography profile on what is kept. The Result holds the
        text, every removal with its rule, the sites, the language and the
        repairs. Cleaning the text it returns, with the same options, gives
        that text back.

        `output_format`: ``text`` (the default), ``markdown`` (the text is
        Markdown: headings, lists, tables, quotes and code as the input shows
        them) or ``json`` (the text as for ``text``); with either of the last
        two, `Result.blocks` holds the blocks (docs/formats.md).
        """
        return _clean(self, text, url, site, typography, extracted, output_format)

    def clean_bytes(self, data: bytes, *, url: str | None = None,
                    site: str | Sequence[str] | None = None,
                    typography: str | None = None, output_format: str = "text") -> Result:
        """Decode bytes in any common encoding, then `clean`.

        Raises `DecodeError` (a ValueError) for binary or undecodable input.
        """
        return Engine.clean_bytes(self, data, url=url, site=site, typography=typography,
                                  output_format=output_format)

    def clean_html(self, html: str | bytes, *, url: str | None = None,
                   site: str | Sequence[str] | None = None,
                   typography: str | None = None, output_format: str = "text",
                   links: bool = False) -> Result:
        """Clean one web page: the article body, with the same text rules as `clean`.

        The page's HTML rules (generic and the site's CSS selectors) prune the
        DOM, trafilatura extracts the main content (falling back to the site's
        body selector or the densest text block when it finds too little),
        then `clean` runs on that text. Title, author, date, site name,
        canonical URL and captions come as fields of the Result. Bytes are
        decoded from their BOM, meta charset or by detection. Raises
        `HTMLError` (a ValueError) for a page over the size, depth or time
        limit of `config.html`, or one that is not text. `output_format` as
        for `clean`: the blocks then come from trafilatura's document tree
        (its headings, lists, tables, quotes and code), each block's lines
        cleaned by the same rules. `links`: each block carries the links in
        its text (`Block.links`), written ``[text](url)`` in Markdown.
        """
        return Engine.clean_html(self, html, url=url, site=site, typography=typography,
                                 output_format=output_format, links=links)


_default: Cleaner | None = None
_default_lock = threading.Lock()


def default_cleaner() -> Cleaner:
    """The shared Cleaner with the bundled rules (and ``CLEANER_RULES``), built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default
