"""Structure read from web pages beyond trafilatura's tree as it is (cards, permalinks, cells
left without their table), and the output formats in batch runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from cleaner import Cleaner
from cleaner.batch import clean_records
from cleaner.html.dom import parse
from cleaner.html.domblocks import dom_tables
from cleaner.structure.xml import tree_drafts

ROOT = Path(__file__).resolve().parent.parent
BODY = ("Le conseil municipal a adopté mardi soir le budget de la commune après un long "
        "débat entre la majorité et l'opposition.")
SECOND = ("Les travaux de voirie commenceront au printemps dans le quartier de la gare, "
          "puis dans le centre ancien de la commune.")


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def page(body: str) -> str:
    return (f"<html><head><title>Budget</title></head><body><article><p>{BODY}</p>{body}"
            f"<p>{SECOND}</p></article></body></html>")


def test_cards_laid_out_as_a_list_are_headings(cleaner: Cleaner) -> None:
    cards = "".join(f"<li><div><h3>{title}</h3></div><p>{text}</p></li>" for title, text in (
        ("Les écoles", "La rénovation des écoles primaires commence cette année."),
        ("La voirie", "Les rues du quartier de la gare seront refaites en été.")))
    result = cleaner.clean_html(page(f"<ul>{cards}</ul>"), output_format="json")
    found = [(b.type, b.text, b.level) for b in result.blocks or ()]
    assert ("heading", "Les écoles", 3) in found and ("heading", "La voirie", 3) in found
    assert ("paragraph", "Les rues du quartier de la gare seront refaites en été.", 0) in found
    assert not any(b.type == "list_item" for b in result.blocks or ())


def test_an_item_repeating_a_heading_without_text_stays_an_item(cleaner: Cleaner) -> None:
    html = page("<h2>Les écoles</h2><p>" + SECOND + "</p><ul><li>Les écoles</li>"
                "<li>La voirie</li><li>Les associations</li></ul>")
    blocks = cleaner.clean_html(html, output_format="json").blocks or ()
    assert [b.text for b in blocks if b.type == "list_item"] == [
        "Les écoles", "La voirie", "Les associations"]


def test_headings_lose_their_permalink_marks(cleaner: Cleaner) -> None:
    html = page('<h2>Les chiffres clés<a class="headerlink" href="#chiffres">¶</a></h2>'
                f"<p>{SECOND}</p>"
                '<h2><a href="#voirie">#</a>La voirie</h2><p>' + BODY + "</p><h2>Le C#</h2>"
                f"<p>{SECOND}</p>")
    result = cleaner.clean_html(html, output_format="markdown")
    assert "## Les chiffres clés\n" in result.text and "## La voirie\n" in result.text
    assert "## Le C#\n" in result.text


def test_cells_left_without_their_table_are_the_pages_table() -> None:
    html = ("<table><tr><th></th><th>Montant</th></tr><tr><td>Écoles</td><td>1,2 million</td>"
            "</tr></table><table><tr><td>Autre</td><td>table</td></tr></table>")
    body = etree.fromstring(  # a table trafilatura took apart, as it sometimes does
        "<body><list><item>Résumé<p>Le budget en bref.</p><th>Montant</th><td>Écoles</td>"
        "<td>1,2 million</td><td>Autre</td><td>table</td></item></list></body>")
    text, drafts = tree_drafts(body, dom_tables(parse(html)))
    assert [d.kind for d in drafts] == ["list_item", "paragraph", "table", "table"]
    assert drafts[2].cells == (("", "Montant"), ("Écoles", "1,2 million"))
    # without the page's tables: a paragraph per cell, never the cells glued together
    text, drafts = tree_drafts(body)
    assert "Montant\nÉcoles\n1,2 million" in text and "MontantÉcoles" not in text


def test_paragraphs_that_are_the_pages_list_items_are_that_list() -> None:
    from cleaner.html.domitems import dom_items
    from cleaner.result import Result
    from cleaner.structure.build import with_blocks
    from cleaner.structure.draft import Draft

    html = ("<p>Texte</p><ol><li>Les études</li><li>Les chantiers</li></ol>"
            "<ul><li>Les études</li></ul><ul><li>Seul</li></ul>")
    lines = [BODY, "Les études", "Les chantiers", "Seul", SECOND]
    drafts = [Draft("paragraph", (n,)) for n in range(1, 6)]
    result = Result(text="\n\n".join(lines) + "\n")
    blocks = with_blocks(result, "\n".join(lines), drafts, "json",
                         items=dom_items(parse(html))).blocks or ()
    assert [(b.type, b.level, b.ordered) for b in blocks] == [
        ("paragraph", 0, False), ("list_item", 1, True), ("list_item", 1, True),
        ("paragraph", 0, False), ("paragraph", 0, False)]  # one item alone stays a paragraph


def test_plain_text_does_not_change_with_the_reading_of_structure(cleaner: Cleaner) -> None:
    cards = "<ul><li><h3>Les écoles</h3><p>" + SECOND + "</p></li></ul><h2>Fin¶</h2>"
    assert cleaner.clean_html(page(cards)).text == cleaner.clean_html(page(cards)).text
    assert "Fin¶" in cleaner.clean_html(page(cards)).text  # the text format as it was


LINKED = page('<p>Le <a href="/budget">budget voté</a> est publié avec <a href="#note">une '
              'note</a> et <a href="https://carte.example/x(1)">la carte</a>.</p><ul><li>'
              '<a href="etudes.html">Les études</a></li><li>Les chantiers</li></ul>')


def test_links_are_kept_when_asked(cleaner: Cleaner) -> None:
    url = "https://ville.example/actu/"
    plain = cleaner.clean_html(LINKED, url=url, output_format="markdown")
    linked = cleaner.clean_html(LINKED, url=url, output_format="markdown", links=True)
    assert "[" not in plain.text
    assert ("Le [budget voté](https://ville.example/budget) est publié avec une note et "
            "[la carte](https://carte.example/x%281%29).") in linked.text
    assert "- [Les études](https://ville.example/actu/etudes.html)\n- Les chantiers" in linked.text
    record = cleaner.clean_html(LINKED, url=url, output_format="json", links=True)
    item = next(b for b in record.blocks or () if b.type == "list_item")
    assert item.to_dict()["links"] == [{"text": "Les études",
                                        "url": "https://ville.example/actu/etudes.html"}]
    assert record.text == cleaner.clean_html(LINKED, url=url, output_format="json").text
    again = cleaner.clean(linked.text, extracted=True, output_format="markdown").text
    assert again == linked.text  # the Markdown with its links reads back the same


def test_cli_links_need_a_structured_output() -> None:
    refused = run("--links", "-q", "-")
    assert refused.returncode == 2 and "--links" in refused.stderr


# ------------------------------------------------------------------ batch runs

def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], text=True,
                          capture_output=True, cwd=ROOT, timeout=180, check=False,
                          encoding="utf-8")


RECORDS = [{"id": 1, "text": f"PUBLICITÉ\n# Budget\n\n- un\n- deux\n\n{BODY}\n"},
           {"id": 2, "html": page("<h2>La voirie</h2><ol><li>Études</li><li>Chantiers</li>"
                                  "</ol>")}]


@pytest.mark.parametrize("output_format", ["markdown", "json"])
def test_batch_runs_write_the_output_format(tmp_path: Path, output_format: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS),
                      encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        done = run("--output-format", output_format, "--html-field", "html", "--jobs", jobs,
                   "-q", "-o", str(out), str(source))
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    first, second = (json.loads(line) for line in outputs[0].splitlines())
    if output_format == "markdown":
        assert first["text"] == f"# Budget\n\n- un\n- deux\n\n{BODY}\n"
        assert "## La voirie\n\n1. Études\n2. Chantiers\n" in second["text"]
        assert "blocks" not in first
    else:
        assert [b["type"] for b in first["blocks"]] == [
            "heading", "list_item", "list_item", "paragraph"]
        assert {"type": "list_item", "text": "Chantiers", "level": 1,
                "ordered": True} in second["blocks"]


def test_batch_mirrors_text_files_as_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"# Budget\n\n- un\n- deux\n\n{BODY}\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run("--output-format", "markdown", "-q", "-o", f"{out}/", str(folder))
    assert done.returncode == 0, done.stderr
    assert (out / "a.txt").read_text(encoding="utf-8") == f"# Budget\n\n- un\n- deux\n\n{BODY}\n"
    refused = run("--output-format", "json", "-q", "-o", f"{tmp_path / 'json'}/", str(folder))
    assert refused.returncode == 2 and "--output-format json" in refused.stderr


def test_warc_records_get_their_blocks(tmp_path: Path) -> None:
    from tests import warcs

    crawl = tmp_path / "crawl.warc.gz"
    html = page("<h2>La voirie</h2><ol><li>Études</li><li>Chantiers</li></ol>").encode()
    crawl.write_bytes(warcs.gzipped([warcs.response("https://example.org/budget", html)]))
    done = run("--output-format", "json", "-q", str(crawl))
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["url"] == "https://example.org/budget"
    assert {"type": "heading", "text": "La voirie", "level": 2} in record["blocks"]


def test_clean_records_takes_an_output_format() -> None:
    out = list(clean_records(RECORDS[:1], output_format="json"))
    assert [b["type"] for b in out[0]["blocks"]][:2] == ["heading", "list_item"]
    linked = list(clean_records([{"html": LINKED}], html_field="html", links=True,
                                output_format="markdown", jobs=2))
    assert "[la carte](https://carte.example/x%281%29)" in linked[0]["text"]
    with pytest.raises(ValueError):
        list(clean_records(RECORDS[:1], output_format="html"))
