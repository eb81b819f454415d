"""Imported site rules on web pages: strips first, the container, and their guards."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, CleanerConfig, HtmlConfig

URL = "https://www.site.test/2024/story.html"
SENTENCES = [
    "The river rose by two metres overnight and the town council opened the school gym "
    "to families whose houses stood on the lower streets near the old bridge.",
    "Volunteers carried sandbags from the depot until the early hours, while the fire "
    "brigade pumped water out of the cellars of the main square and the market hall.",
    "The mayor said the damage would be counted once the water went down, and that the "
    "region had asked the government for help to repair the roads and the railway line.",
    "Farmers upstream reported flooded fields and lost hay, and several of them said it "
    "was the worst flood they had seen since the one their parents told them about.",
]
OTHER_STORY = ("In other news, the football club announced on Monday that its new stadium "
               "would open next spring after two years of delays and a long dispute with "
               "the builders over the cost of the roof and the seats.")


def article(paragraphs: list[str] = SENTENCES, attrs: str = "") -> str:
    return "".join(f"<p{attrs}>{p}</p>" for p in paragraphs)


def page(body: str) -> str:
    return ("<!DOCTYPE html><html><head><title>Flood in the valley</title></head><body>"
            f"{body}</body></html>")


def catalogue(tmp_path: Path, rules: str) -> Path:
    """A folder of imported files covering site.test, as `clean rules import` writes it."""
    folder = tmp_path / "community"
    folder.mkdir()
    (folder / "hosts.tsv").write_text("site.test\tsite.test.toml\n", encoding="utf-8")
    (folder / "site.test.toml").write_text(
        '[imported]\nsource = "a community set"\ncommit = "abc"\nlicence = "public domain"\n'
        + rules, encoding="utf-8")
    return folder


def strip(number: int, key: str, selector: str) -> str:
    return (f'\n[[html]]\nid = "c.site.test.strip-{number}"\ndescription = "Strip."\n'
            f"{key} = [{selector!r}]\norigin = \"strip: x\"\n")


def body(number: int, key: str, selector: str) -> str:
    return (f'\n[[html]]\nid = "c.site.test.body-{number}"\ndescription = "Body."\n'
            f"{key} = [{selector!r}]\norigin = \"body: x\"\n")


def cleaners(folder: Path) -> tuple[Cleaner, Cleaner]:
    without = CleanerConfig(html=HtmlConfig(imported_rules=False))
    return Cleaner(rules=[folder]), Cleaner(rules=[folder], config=without)


def test_strips_prune_first_and_name_their_rule(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, strip(1, "remove", 'div[class~="promo"]')
                       + strip(2, "remove_xpath", "//div[@class='sub'][1]"))
    with_rules, without = cleaners(folder)
    html = page('<div class="promo">Subscribe to the valley paper today</div>'
                f"<article>{article()}</article><div class='sub'>Get the newsletter</div>")
    result = with_rules.clean_html(html, url=URL)
    imported = [(p.rule, p.scope, p.selector) for p in result.pruned if p.rule.startswith("c.")]
    assert imported == [
        ("c.site.test.strip-1", "community:site.test", 'div[class~="promo"]'),
        ("c.site.test.strip-2", "community:site.test", "//div[@class='sub'][1]"),
    ]
    assert result.text.split("\n\n") == [*SENTENCES[:-1], SENTENCES[-1] + "\n"]
    assert not any(p.rule.startswith("c.") for p in without.clean_html(html, url=URL).pruned)


def test_the_container_is_what_the_text_is_extracted_from(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, body(1, "container", "p.body"))
    with_rules, without = cleaners(folder)
    html = page(f"<article>{article(attrs=' class=body')}<p>{OTHER_STORY}</p></article>")
    assert OTHER_STORY in without.clean_html(html, url=URL).text
    result = with_rules.clean_html(html, url=URL)
    assert result.text.split("\n\n") == [*SENTENCES[:-1], SENTENCES[-1] + "\n"]


def test_a_container_xpath_and_the_first_that_holds_text(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, body(1, "container", "div#gone")
                       + body(2, "container_xpath", "//p[@class='body']"))
    result = cleaners(folder)[0].clean_html(
        page(f"<article>{article(attrs=' class=body')}<p>{OTHER_STORY}</p></article>"), url=URL)
    assert OTHER_STORY not in result.text
    assert not any("found no container" in w for w in result.warnings)


def test_a_container_not_on_the_page_falls_back_with_a_warning(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, body(1, "container", "div.old-layout"))
    with_rules, without = cleaners(folder)
    html = page(f"<article>{article()}</article>")
    result = with_rules.clean_html(html, url=URL)
    assert result.text == without.clean_html(html, url=URL).text
    assert any("c.site.test.body-1 found no container on the page (the site may have changed)"
               in w for w in result.warnings)


def test_rules_keeping_under_half_the_words_are_not_applied(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, body(1, "container", "div.teaser"))
    with_rules, without = cleaners(folder)
    html = page(f"<div class='teaser'><p>{SENTENCES[0]}</p></div><article>{article()}"
                "</article>")
    result = with_rules.clean_html(html, url=URL)
    assert result.text == without.clean_html(html, url=URL).text
    assert any("the imported rules of community:site.test kept" in w and "not applied" in w
               for w in result.warnings)


def test_a_strip_whose_matches_hold_prose_together_is_not_applied(tmp_path: Path) -> None:
    # A class a build tool regenerates, now on every paragraph: each alone is one paragraph.
    folder = catalogue(tmp_path, strip(1, "remove", '[class~="sc-x1"]'))
    result = cleaners(folder)[0].clean_html(
        page(f"<main>{article(attrs=' class=sc-x1')}</main>"), url=URL)
    assert result.text.split("\n\n") == [*SENTENCES[:-1], SENTENCES[-1] + "\n"]
    assert any("'c.site.test.strip-1' not applied: its 4 matches hold 4 paragraphs" in w
               for w in result.warnings)


@pytest.mark.parametrize(("selector", "kept"), [
    ("h2", "Water in the streets"),
    ("a", "the old bridge"),
    ("br", "market hall.\n\nThe mayor"),
])
def test_imported_strips_keep_headings_and_pieces_of_sentences(tmp_path: Path, selector: str,
                                                               kept: str) -> None:
    folder = catalogue(tmp_path, strip(1, "remove", selector))
    first = SENTENCES[0].replace("the old bridge", "<a href='/b'>the old bridge</a>")
    html = page(f"<article><p>{first}</p><h2>Water in the streets</h2>"
                f"<p>{SENTENCES[1]}<br>{SENTENCES[2]}</p>{article(SENTENCES[3:])}</article>")
    result = cleaners(folder)[0].clean_html(html, url=URL)
    assert kept in result.text
    assert not [p for p in result.pruned if p.rule.startswith("c.")]


def test_a_page_no_imported_rule_covers_is_cleaned_as_before(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, strip(1, "remove", "p"))
    with_rules, without = cleaners(folder)
    html = page(f"<article>{article()}</article><div class='share'>Share</div>")
    url = "https://elsewhere.test/a"
    assert with_rules.clean_html(html, url=url) == without.clean_html(html, url=url)


def test_a_standfirst_above_the_container_is_kept_as_on_any_page(tmp_path: Path) -> None:
    folder = catalogue(tmp_path, body(1, "container", "div.story-body"))
    with_rules, without = cleaners(folder)
    standfirst = "A night of rain in the valley left the lower town under water."
    html = page(f"<article><h1>Rivers rise across the valley</h1><p>{standfirst}</p>"
                f"<div class='story-body'>{article()}</div></article>")
    assert without.clean_html(html, url=URL).text.startswith(standfirst)
    result = with_rules.clean_html(html, url=URL)
    assert result.text.split("\n\n") == [standfirst, *SENTENCES[:-1], SENTENCES[-1] + "\n"]
