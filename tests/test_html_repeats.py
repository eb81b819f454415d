"""A paragraph of prose printed twice in a page's article is body; in a whole-page dump, a copy."""

from __future__ import annotations

from cleaner import Cleaner

PARAGRAPH = (
    "The museum will open its new wing in May with an exhibition of maps drawn by sailors "
    "who charted the northern coast in the eighteenth century, most of them never shown "
    "before, and a room where visitors can follow the voyages on a large screen, day by day."
)
CAPTION = "The new wing of the museum seen from the river, shortly before its opening."
OTHER = ("Tickets go on sale next week, and entry will be free for children under twelve and "
         "for students on Wednesday afternoons throughout the first year.")


def test_a_long_paragraph_printed_twice_in_the_article_stays_twice() -> None:
    html = (f"<html><body><article><h1>Museum opens new wing</h1><p>{PARAGRAPH}</p>"
            f"<p>{PARAGRAPH}</p><p>{OTHER}</p></article></body></html>")
    assert Cleaner().clean_html(html).text.count(PARAGRAPH) == 2


def test_a_caption_printed_twice_in_the_article_keeps_one_copy() -> None:
    html = (f"<html><body><article><h1>Museum opens new wing</h1><p>{PARAGRAPH}</p>"
            f"<p>{CAPTION}</p><p>{CAPTION}</p><p>{OTHER}</p></article></body></html>")
    result = Cleaner().clean_html(html)
    assert result.text.count(CAPTION) == 1
    assert "common.repeated-line" in {r.rule for r in result.removed}


def test_a_long_paragraph_printed_twice_in_a_dump_keeps_one_copy() -> None:
    dump = f"Museum opens new wing\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{OTHER}\n"
    assert Cleaner().clean(dump).text.count(PARAGRAPH) == 1
