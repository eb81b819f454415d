"""Output formats: blocks, their Markdown and JSON, from text input, and on the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.blocks import Block, check_output_format, table
from cleaner.structure.draft import Draft, kept_lines, settle
from cleaner.structure.markdown import to_json, to_markdown
from cleaner.structure.text import promote_headings, text_drafts

ROOT = Path(__file__).resolve().parent.parent
BODY = ("Le conseil municipal a adopté mardi soir le budget de la commune après un long "
        "débat entre la majorité et l'opposition.")


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def kinds(blocks: tuple[Block, ...] | list[Block] | None) -> list[tuple[str, int]]:
    assert blocks is not None
    return [(b.type, b.level) for b in blocks]


# ------------------------------------------------------------------ the model and Markdown


def test_block_json_has_the_documented_keys() -> None:
    assert Block("heading", "Titre", level=2).to_dict() == {
        "type": "heading", "text": "Titre", "level": 2}
    assert Block("paragraph", "Texte.").to_dict() == {"type": "paragraph", "text": "Texte."}
    assert table((("a", "b"), ("1", "2"))).to_dict() == {
        "type": "table", "text": "a\tb\n1\t2", "rows": [["a", "b"], ["1", "2"]]}
    assert to_json([Block("code", "x = 1")]) == [{"type": "code", "text": "x = 1"}]


def test_unknown_output_format_is_refused(cleaner: Cleaner) -> None:
    with pytest.raises(ValueError, match="output format"):
        check_output_format("html")
    with pytest.raises(ValueError, match="output format"):
        cleaner.clean("Texte.", output_format="xml")


def test_markdown_of_every_kind() -> None:
    blocks = [
        Block("heading", "Budget", level=1),
        Block("paragraph", "- pas une liste"),
        Block("list_item", "un", level=1),
        Block("list_item", "a", level=2, ordered=True),
        Block("list_item", "b", level=2, ordered=True),
        Block("list_item", "deux", level=1),
        table((("Poste", "Montant"), ("Écoles | cantines", "12"))),
        Block("quote", "Un budget juste."),
        Block("quote", "Et sincère."),
        Block("code", "def f():\n    return '```'"),
    ]
    assert to_markdown(blocks) == (
        "# Budget\n\n\\- pas une liste\n\n- un\n  1. a\n  2. b\n- deux\n\n"
        "| Poste | Montant |\n|---|---|\n| Écoles \\| cantines | 12 |\n\n"
        "> Un budget juste.\n>\n> Et sincère.\n\n"
        "````\ndef f():\n    return '```'\n````\n")
    assert to_markdown([]) == ""


# ------------------------------------------------------------------ text input


def test_text_drafts_recognise_marks() -> None:
    text = ("# Titre\n\nIntro.\n\n## Partie\n\n- un\n  - a\n- deux\n\n1. premier\n2. second\n\n"
            "| A | B |\n|---|---|\n| 1 | 2 |\n\n> cité\n>\n> encore\n\n```\n  code\n```\n"
            "x\ty\n1\t2\n• puce une\n• puce deux\n")
    drafts = text_drafts(text)
    assert [(d.kind, d.level) for d in drafts] == [
        ("heading", 1), ("paragraph", 0), ("heading", 2), ("list_item", 1), ("list_item", 2),
        ("list_item", 1), ("list_item", 1), ("list_item", 1), ("table", 0), ("quote", 0),
        ("quote", 0), ("code", 0), ("table", 0), ("list_item", 1), ("list_item", 1)]
    assert [d.ordered for d in drafts if d.kind == "list_item"][3:5] == [True, True]
    assert drafts[8].cells == (("A", "B"), ("1", "2"))
    assert drafts[11].raw == ("  code",)


@pytest.mark.parametrize("line", [
    "– Oui, dit-il.",           # one line of dialogue
    "2024. Une année de plus",  # a year, not a numbered item
    "• seule puce",
    "Tel.\t01 02 03 04",        # one tab row is no table
    "| une barre",               # one pipe row, no rule line under it
])
def test_unsure_marks_stay_paragraphs(line: str) -> None:
    assert [d.kind for d in text_drafts(f"Avant.\n{line}\nAprès.")] == ["paragraph"] * 3


def test_heading_promotion_needs_a_clear_title() -> None:
    title = Block("paragraph", "Les chiffres clés")
    body = Block("paragraph", BODY)
    assert kinds(promote_headings([title, body])) == [("heading", 2), ("paragraph", 0)]
    # after an unfinished sentence, before a short line, or ending as a sentence: not one
    assert kinds(promote_headings([Block("paragraph", "Il a dit"), title, body]))[1] == \
        ("paragraph", 0)
    assert kinds(promote_headings([title, Block("paragraph", "Court.")]))[0] == ("paragraph", 0)
    assert kinds(promote_headings([Block("paragraph", "Fin."), body]))[0] == ("paragraph", 0)


def test_removed_lines_leave_their_blocks(cleaner: Cleaner) -> None:
    text = f"PUBLICITÉ\n# Budget\n\n- un\n- Partager sur Facebook\n\n{BODY}\n"
    result = cleaner.clean(text, output_format="json")
    assert result.text == cleaner.clean(text).text  # the json format's text is the text's
    assert kinds(result.blocks) == [("heading", 1), ("list_item", 1), ("paragraph", 0)]
    assert {r.line for r in result.removed} == {1, 5}  # each removal keeps its line and rule
    assert all(r.rule for r in result.removed)


def test_table_rows_go_one_by_one() -> None:
    drafts = [Draft("table", (1, 2, 3), cells=(("a", "b"), ("1", "2"), ("3", "4")))]
    source = "| a | b |\n| 1 | 2 |\n| 3 | 4 |"
    blocks = settle(drafts, kept_lines(source, "| a | b |\n\n| 3 | 4 |\n", [2]))
    assert blocks == [table((("a", "b"), ("3", "4")))]
    assert settle(drafts, {}) == []


def test_text_format_is_unchanged(cleaner: Cleaner) -> None:
    text = f"# Budget\n\n- un\n- deux\n\n{BODY}\n"
    plain = cleaner.clean(text)
    assert plain.blocks is None and "blocks" not in plain.to_dict()
    markdown = cleaner.clean(text, output_format="markdown").text
    assert markdown == f"# Budget\n\n- un\n- deux\n\n{BODY}\n"


# ------------------------------------------------------------------ the command line


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, timeout=120, check=False,
                          encoding="utf-8")


def test_cli_output_formats() -> None:
    text = f"PUBLICITÉ\n# Budget\n\n- un\n\n{BODY}\n"
    plain = run(stdin=text)
    markdown = run("--output-format", "markdown", "--explain", stdin=text)
    record = run("--output-format", "json", stdin=text)
    assert plain.returncode == markdown.returncode == record.returncode == 0
    assert plain.stdout == Cleaner().clean(text).text
    assert markdown.stdout == f"# Budget\n\n- un\n\n{BODY}\n"
    assert ":1: fr.ad-marker" in markdown.stderr  # --explain names the rule as before
    blocks = json.loads(record.stdout)["blocks"]
    assert [b["type"] for b in blocks] == ["heading", "list_item", "paragraph"]
    assert json.loads(record.stdout)["text"] == plain.stdout


def test_cli_refuses_in_place_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Texte.\n", encoding="utf-8")
    done = run("--in-place", "--output-format", "markdown", str(path))
    assert done.returncode == 2 and "--in-place" in done.stderr


# ------------------------------------------------------------------ fixtures and HTML input

STRUCTURE = ROOT / "fixtures" / "structure"


def test_text_fixture_gives_its_markdown(cleaner: Cleaner) -> None:
    text = (STRUCTURE / "fr-budget.txt").read_text(encoding="utf-8")
    markdown = (STRUCTURE / "fr-budget.md").read_text(encoding="utf-8")
    result = cleaner.clean(text, output_format="markdown")
    assert result.text == markdown
    assert [r.rule for r in result.removed] == ["fr.share"]
    # no text dropped for structure: the words of the text format are the Markdown's
    assert re.findall(r"\w+", cleaner.clean(text).text) == re.findall(r"\w+", markdown)
    assert cleaner.clean(markdown, output_format="markdown").text == markdown


PAGES = {
    "fr-budget.html": ("Les chiffres clés", ("Poste", "Montant", "Évolution"),
                       "Les montants sont arrondis au millier d’euros.", "    return total"),
    "de-haushalt.html": ("Die wichtigsten Zahlen", ("Posten", "Betrag", "Veränderung"),
                         "Die Beträge sind auf Tausend Euro gerundet.", "    return gesamt"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_html_page_keeps_its_structure(cleaner: Cleaner, name: str) -> None:
    heading, header, merged, code = PAGES[name]
    page = (STRUCTURE / name).read_bytes()
    result = cleaner.clean_html(page, output_format="json")
    blocks = result.blocks
    assert blocks is not None
    types = [b.type for b in blocks]
    # the heading hierarchy (the h1 is the title, a field), under it nested and numbered lists
    assert [b.level for b in blocks if b.type == "heading"] == [2, 3, 3, 2, 2]
    assert Block("heading", heading, level=2) in blocks
    items = [(b.level, b.ordered) for b in blocks if b.type == "list_item"]
    assert items == [(1, False), (2, False), (2, False), (1, False), (1, False),
                     (1, True), (1, True), (1, True)]
    tables = [b for b in blocks if b.type == "table"]
    assert len(tables) == 1 and tables[0].rows[0] == header
    assert merged in tables[0].rows[-1]  # the merged cell's text, in its row
    assert types.count("quote") == 1
    assert next(b.text for b in blocks if b.type == "code").splitlines()[1].startswith(code)
    assert result.title and result.pruned  # the title and the share bar: not blocks
    markdown = cleaner.clean_html(page, output_format="markdown").text
    assert markdown.count("\n| ") == 4 and "\n|---|---|---|\n" in markdown
    assert cleaner.clean(markdown, extracted=True, output_format="markdown").text == markdown


def test_removed_list_item_and_table_row_are_explained(cleaner: Cleaner) -> None:
    page = ("<html><body><article><h2>Le budget voté</h2><p>" + BODY + "</p><ul>"
            "<li>Les écoles seront rénovées cette année</li><li>Partager sur Facebook</li>"
            "</ul><table><tr><th>Poste</th><th>Montant</th></tr><tr><td>Écoles</td>"
            "<td>1,2 million</td></tr><tr><td>PUBLICITÉ</td></tr></table><p>" + BODY
            + "</p></article></body></html>")
    result = cleaner.clean_html(page, output_format="json")
    assert result.blocks is not None
    items = [b.text for b in result.blocks if b.type == "list_item"]
    assert items == ["Les écoles seront rénovées cette année"]
    rows = [b.rows for b in result.blocks if b.type == "table"]
    assert rows == [(("Poste", "Montant"), ("Écoles", "1,2 million"))]
    assert {r.text: r.rule for r in result.removed} == {
        "Partager sur Facebook": "fr.share", "PUBLICITÉ": "fr.ad-marker"}


def test_table_cells_are_repaired_like_lines(cleaner: Cleaner) -> None:
    page = ("<html><body><article><p>" + BODY + "</p><table><tr><th>Poste</th><th>Montant "
            "total</th></tr><tr><td>Ã‰coles primaires</td><td>1,2 million</td></tr></table><p>"
            + BODY + "</p></article></body></html>")
    result = cleaner.clean_html(page, output_format="json")
    assert result.blocks is not None
    rows = [b.rows for b in result.blocks if b.type == "table"]
    assert rows == [(("Poste", "Montant total"), ("Écoles primaires", "1,2 million"))]


def test_fallback_gives_blocks_from_the_dom(cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    import cleaner.html.pipeline as pipeline

    monkeypatch.setattr(pipeline, "run_trafilatura_tree", lambda html, url, extraction: ("", None))
    page = (STRUCTURE / "fr-budget.html").read_bytes()
    result = cleaner.clean_html(page, output_format="markdown")
    assert any("used the" in warning for warning in result.warnings)
    blocks = result.blocks or ()
    assert all(block.text for block in blocks)
    # read from the densest block's elements: the same structure as from trafilatura's tree
    assert [b.level for b in blocks if b.type == "heading"] == [2, 3, 3, 2, 2]  # h1: the title
    assert [(b.level, b.ordered) for b in blocks if b.type == "list_item"][:3] == [
        (1, False), (2, False), (2, False)]
    assert [b.rows[0] for b in blocks if b.type == "table"] == [("Poste", "Montant", "Évolution")]
    assert [b.type for b in blocks].count("quote") == 1
    assert "    return total" in next(b.text for b in blocks if b.type == "code")


def test_page_headings_promote_the_paragraphs_that_say_them() -> None:
    from cleaner.result import Result
    from cleaner.structure.build import with_blocks

    source = f"Les chiffres clés\n{BODY}"
    drafts = [Draft("paragraph", (1,)), Draft("paragraph", (2,))]
    result = Result(text=f"Les chiffres clés\n\n{BODY}\n")
    known = {"Les chiffres clés": 3, "Autre titre": 2}
    blocks = with_blocks(result, source, drafts, "json", known=known).blocks
    assert kinds(blocks) == [("heading", 3), ("paragraph", 0)]
    assert kinds(with_blocks(result, source, drafts, "json").blocks) == [("paragraph", 0)] * 2


def test_an_items_further_paragraphs_stay_under_it(cleaner: Cleaner) -> None:
    page = ("<html><body><article><p>" + BODY + "</p><ol><li><strong>Les écoles</strong><br>"
            "La rénovation commence au printemps.</li><li><p>La voirie</p><p>Les travaux "
            "suivent en été.</p></li></ol><p>" + BODY + "</p></article></body></html>")
    result = cleaner.clean_html(page, output_format="json")
    assert [(b.type, b.text, b.level) for b in result.blocks or ()][1:5] == [
        ("list_item", "Les écoles", 1), ("paragraph", "La rénovation commence au printemps.", 1),
        ("list_item", "La voirie", 1), ("paragraph", "Les travaux suivent en été.", 1)]
    markdown = to_markdown(result.blocks or ())
    assert "1. Les écoles\n\n   La rénovation commence au printemps.\n\n2. La voirie\n" in markdown
    assert cleaner.clean(markdown, extracted=True, output_format="markdown").text == markdown


def test_dom_blocks_leave_out_what_no_reader_sees() -> None:
    from cleaner.html.dom import parse
    from cleaner.html.domblocks import dom_drafts

    tree = parse("<div><p>Un <span>mot<script>x()</script></span> lu.</p><ol><li><p>Un</p>"
                 "<p>point</p></li></ol><blockquote>Cité</blockquote></div>")
    text, drafts = dom_drafts([tree.css_first("div")])
    assert text == "Un mot lu.\nUn point\nCité"
    assert [(d.kind, d.ordered) for d in drafts] == [
        ("paragraph", False), ("list_item", True), ("quote", False)]
