"""Link cells: a layout table's cells that hold nothing but links are pruned (`html.link-cell`)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, CleanerConfig, HtmlConfig

ARTICLE = [
    "The harbour board voted on Tuesday to rebuild the old ferry pier, which storms damaged "
    "twice last winter, at a cost the city will share with the regional government.",
    "Work is to start in the spring and last about eighteen months, during which the ferries "
    "will dock at the fishing quay on the other side of the bay.",
    "Shop owners near the pier said they feared losing customers over the summer, but most "
    "welcomed the decision after years of temporary repairs.",
    "The board will publish the detailed plans next month and hold a public meeting before "
    "the contracts are signed.",
]
STORIES = ["Council backs new cycle lanes", "Library reopens after flood repairs",
           "Schools prepare for the exam season", "Market traders win late opening hours"]


def links(titles: list[str]) -> str:
    return "<br>".join(f'<a href="/story/{n}">{t}</a>' for n, t in enumerate(titles))


def layout_page(side: str) -> str:
    """A page laid out in a table: menu row, article cell, a cell of other stories."""
    menu = links(["Home", "Local news", "Sport", "Weather", "Contact us"])
    article = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (f"<html><body><table><tr><td>{menu}</td></tr><tr><td><h1>Pier to be rebuilt</h1>"
            f"{article}</td><td>{side}</td></tr></table></body></html>")


@pytest.fixture(scope="module")
def html_cleaner() -> Cleaner:
    return Cleaner(config=CleanerConfig(html=HtmlConfig(link_cells=True)))


def test_link_cells_beside_the_article_are_pruned(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_html(layout_page("<b>Most read</b><br>" + links(STORIES)))
    assert all(p in result.text for p in ARTICLE)
    assert not any(s in result.text for s in STORIES)
    assert "html.link-cell" in {p.rule for p in result.pruned}


def test_they_stay_by_default() -> None:
    cleaner = Cleaner()
    result = cleaner.clean_html(layout_page("<b>Most read</b><br>" + links(STORIES)))
    assert "html.link-cell" not in {p.rule for p in result.pruned}
    assert any(s in result.text for s in STORIES)  # the extractor alone keeps them


def test_a_cell_of_prose_with_links_in_it_is_kept(html_cleaner: Cleaner) -> None:
    side = (f'<p>{ARTICLE[0]} <a href="/a">Read the report</a> and '
            f'<a href="/b">the minutes</a>.</p>')
    result = html_cleaner.clean_html(layout_page(side))
    assert "html.link-cell" not in {p.rule for p in result.pruned if "report" in p.text}


def test_a_table_of_links_with_no_article_in_it_is_kept(html_cleaner: Cleaner) -> None:
    rows = "".join(f'<tr><td><a href="/{n}">{t}</a> <a href="/{n}/map">map</a></td></tr>'
                   for n, t in enumerate(STORIES))
    html = (f"<html><body>{''.join(f'<p>{p}</p>' for p in ARTICLE)}"
            f"<table>{rows}</table></body></html>")
    assert "html.link-cell" not in {p.rule for p in html_cleaner.clean_html(html).pruned}
