"""Limits and choices for HTML input, as one immutable object."""

from __future__ import annotations

from dataclasses import dataclass

PASSES = ("fast-recall", "full-recall", "full-balanced", "full-precision", "fast-balanced",
          "fast-precision")
"""The trafilatura passes `HtmlConfig.passes` may name: `fast` (its own
readability/jusText fallbacks off) or `full`, then which side it favours."""


@dataclass(frozen=True, slots=True)
class HtmlConfig:
    """Options of `Cleaner.clean_html`.

    `max_bytes`: a bigger document is refused with `HTMLTooLarge` before it
    is parsed (the benchmark's largest news page is under 2 MB); so is one
    whose elements nest deeper than `max_depth` (lexbor's parse time grows
    with the square of the depth: 20,000 nested divs take seconds, real pages
    nest a few dozen deep), or one with an element of more than `max_attributes`
    attributes or more than `max_total_attributes` in all. Parsing is a C call no
    time limit stops, and its time grows with the square of an element's
    attribute count (200,000 took minutes) and with the page's total; these
    bound it to about a second, so that `timeout` is the limit a caller sees.
    (Of the benchmark's 3,200 pages, none has an element of over 200
    attributes, nor over 40,000 in all.) `timeout`:
    seconds allowed per document, `HTMLTimeout` beyond (None: no limit).
    `passes`: the trafilatura passes tried in turn (see `PASSES`); an
    extraction shorter than `min_words`, or than `min_share` of the site's
    body selector's text or else the densest text block of the page, moves on
    to the next pass, and after the last to that text; so does one, but the
    last, holding less than `min_prose_share` of the words of the page's prose
    paragraphs (all of them: a thread's posts), kept if no later pass finds
    enough; and so does one, but the last, of a page with over `layout_tables` of
    its words in tables that holds under `min_prose_lines` of its words in lines
    of prose (a layout table's cells taken whole: `extract.keeps_layout_cells`).
    `link_cells`: prune the cells of a layout table that hold
    nothing but links (`cleaner.html.links`); off by default, one L3S-GN1 page
    then loses its article to a different extraction. `imported_rules`: apply the
    imported site rules of the page's host (`rules/imported/`): their strips, and their
    article container; the page is cleaned without them too, and their result is
    kept when it holds at least `imported_share` of the words of that one. The defaults were chosen
    on six public benchmark sets together (docs/benchmarks.md).

    >>> HtmlConfig(timeout=0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be positive (or None for no limit)
    """

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 5000
    max_attributes: int = 1000
    max_total_attributes: int = 200_000
    timeout: float | None = 20.0
    min_words: int = 100
    min_share: float = 0.5
    min_prose_share: float = 0.5
    layout_tables: float = 0.5
    min_prose_lines: float = 0.85
    passes: tuple[str, ...] = ("fast-recall", "full-balanced")
    link_cells: bool = False
    imported_rules: bool = True
    imported_share: float = 0.5

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_depth, self.max_attributes,
               self.max_total_attributes) < 1:
            raise ValueError("max_bytes, max_depth and the attribute limits must be positive")
        if self.timeout is not None and self.timeout <= 0:
            raise ValueError("timeout must be positive (or None for no limit)")
        unknown = [p for p in self.passes if p not in PASSES]
        if unknown or not self.passes:
            raise ValueError(f"passes must name one or more of {', '.join(PASSES)}; "
                             f"unknown: {', '.join(unknown)}")
