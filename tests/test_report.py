"""The review report (``clean report``): its page, built from Results, and the command.

The page in a real browser: tests/test_report_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.classify.classifier import decision_ids
from cleaner.report.catalogue import TITLE_RULE, RuleInfo, rule_catalogue
from cleaner.report.corpus import Corpus
from cleaner.report.document import ReportDocument, Span, shown_lines
from cleaner.report.page import build_report
from cleaner.report.sources import page_document, text_document
from cleaner.result import Pruned, Removal, Result

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "fixtures" / "seeds" / "input"
PAGES = sorted((REPO / "fixtures" / "html").glob("*.html"))
HOSTILE = '<script>document.title="PWNED"</script>'
CATALOGUE = {"t.ad": RuleInfo("t.ad", "generic", "line", "Adverts & <b>promos</b>.",
                              ("PUB <i>x</i>",), ("Une phrase.",), "generic/t.toml:3")}


def document(name: str, removed: list[tuple[int, str, str]], lines: int = 10,
             site: str = "example.org") -> ReportDocument:
    """A document of `lines` lines where line N holds `removed`'s text for N."""
    texts = {line: text for line, text, _ in removed}
    source = "\n".join(texts.get(n, f"Phrase {n} du corps.") for n in range(1, lines + 1))
    result = Result("", removed=tuple(Removal(line, text, rule) for line, text, rule in removed))
    return ReportDocument(name, source + "\n", result, site)


def test_shown_lines_strike_whole_lines_and_fragments() -> None:
    removed = [Removal(2, "PUB", "t.ad"), Removal(3, "[lire]", "t.more", fragment=True),
               Removal(4, "ailleurs", "t.gone", fragment=True)]
    lines = shown_lines("Titre\nPUB\nTexte [lire] suite.\nFin.\n", removed)
    assert lines == [(Span("Titre"),), (Span("PUB", "t.ad"),),
                     (Span("Texte "), Span("[lire]", "t.more"), Span(" suite.")),
                     # a fragment not found in its line (the text was repaired) follows it
                     (Span("Fin."), Span("ailleurs", "t.gone"))]


def test_document_text_is_escaped_and_never_markup() -> None:
    hostile = document(f"a{HOSTILE}.txt", [(1, HOSTILE, "t.ad")], site='x"><b>')
    hostile = ReportDocument(hostile.name, hostile.source + f"kept {HOSTILE}\n",
                             hostile.result, hostile.site)
    page = build_report([hostile], CATALOGUE)
    assert page.count("<script") == 1  # the page's own, at the end
    assert page.index("<script") > page.index('<div id="docs">')
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;" in page
    assert 'data-site="x&quot;&gt;&lt;b&gt;"' in page
    assert "<b>" not in page and "<i>" not in page  # nor the rule's description or examples
    assert "Adverts &amp; &lt;b&gt;promos&lt;/b&gt;." in page


def test_the_page_loads_nothing_and_allows_its_own_script_and_style_alone() -> None:
    page = build_report([document("a.txt", [(1, "PUB", "t.ad")])], CATALOGUE)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    script = re.search(r"<script>(.*)</script>", page, re.S)
    style = re.search(r"<style>(.*)</style>", page, re.S)
    assert script is not None and style is not None
    for allowed in (script.group(1), style.group(1)):
        digest = base64.b64encode(hashlib.sha256(allowed.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_counts_per_rule_per_site_and_per_document() -> None:
    documents = [document("a.txt", [(1, "PUB", "t.ad"), (2, "PUB 2", "t.ad"),
                                    (3, "Lire aussi", "t.more")]),
                 document("b.txt", [(4, "PUB 3", "t.ad")], site="other.org"),
                 document("c.txt", [])]
    corpus = Corpus()
    for each in documents:
        corpus.add(each)
    assert (corpus.rules["t.ad"].lines, corpus.rules["t.ad"].documents) == (3, 2)
    assert corpus.sites["example.org"].documents == 2
    assert corpus.sites["example.org"].removed == 3
    assert [d.name for d in corpus.documents] == ["a.txt", "b.txt", "c.txt"]
    page = build_report(documents, CATALOGUE)
    assert "3 documents: 4 lines removed by 2 rules" in page
    row = re.search(r'<tr data-rule="t.ad".*?</tr>', page, re.S)
    assert row is not None
    assert '<td class="n">3 lines</td><td class="n">2</td>' in row.group(0)
    assert "Adverts &amp;" in row.group(0) and "2 examples" in row.group(0)
    assert "No loaded rule has this id." in page  # t.more is not in the catalogue


def test_filter_data_for_rules_and_sites() -> None:
    page = build_report([document("a.txt", [(1, "PUB", "t.ad"), (2, "Lire", "t.more")]),
                         document("b.txt", [(1, "PUB", "t.ad")], site="other.org")], CATALOGUE)
    assert '<article class="doc" data-rules="t.ad t.more" data-site="example.org"' in page
    assert '<article class="doc" data-rules="t.ad" data-site="other.org"' in page
    assert '<option value="t.ad">t.ad</option><option value="t.more">t.more</option>' in page
    assert '<option value="example.org">example.org (1)</option>' in page
    assert '<del class="c0" data-rule="t.ad" title="t.ad">PUB</del>' in page


def test_samples_per_rule_are_capped_and_distinct() -> None:
    removed = [(n, f"PUB numéro {n % 4}", "t.ad") for n in range(1, 11)]
    corpus = Corpus(samples=3)
    corpus.add(document("a.txt", removed, lines=12))
    assert [text for text, _ in corpus.rules["t.ad"].samples] == [
        "PUB numéro 1", "PUB numéro 2", "PUB numéro 3"]
    page = build_report([document("a.txt", removed, lines=12)], CATALOGUE, samples=3)
    row = re.search(r'<tr data-rule="t.ad".*?</tr>', page, re.S)
    assert row is not None and row.group(0).count("<del ") == 3
    assert "2 more samples" in row.group(0)


def test_documents_shown_are_capped_most_removed_first() -> None:
    documents = [document(f"d{n}.txt", [(k, f"PUB {k}", "t.ad") for k in range(1, n + 1)])
                 for n in (1, 3, 0, 5, 2)]
    page = build_report(documents, CATALOGUE, max_documents=2)
    assert re.findall(r"<h3>(.*?)</h3>", page) == ["d5.txt", "d3.txt"]
    assert "the 3 documents with the fewest removals are left out" in page
    assert "11 lines removed" in page  # every document is counted


def test_html_results_show_pruned_elements_and_count_them() -> None:
    result = Result("Texte.\n", pruned=(Pruned("html.share-bar", ".share", "Partager"),))
    page = build_report([ReportDocument("p.html", "Texte.\n", result)], {})
    assert "1 HTML element pruned" in page
    assert ("pruned before extraction: <del class=\"c0\" data-rule=\"html.share-bar\" "
            "title=\"html.share-bar\">Partager</del>") in page


def test_catalogue_has_every_rule_and_decision_with_its_examples() -> None:
    cleaner = Cleaner()
    catalogue = rule_catalogue(cleaner.ruleset)
    for _, rule in cleaner.ruleset.all_rules():
        assert catalogue[rule.id].description
        assert len(catalogue[rule.id].remove_examples) == len(rule.remove_examples)
    assert all(rule in catalogue for rule, _ in decision_ids())
    assert catalogue["fr.read-more"].source.startswith("generic/fr.toml:")


def test_title_rule_is_the_pipeline_one() -> None:
    from cleaner.html.pipeline import TITLE_RULE as PIPELINE_TITLE_RULE

    assert TITLE_RULE == PIPELINE_TITLE_RULE


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_page_document_cleans_as_clean_html_and_keeps_the_extracted_text(path: Path) -> None:
    cleaner = Cleaner()
    data = path.read_bytes()
    page = page_document(cleaner, path.name, data, url="https://www.example.org/a")
    assert page.result == cleaner.clean_html(data, url="https://www.example.org/a")
    assert page.site == "example.org"
    lines = page.source.splitlines()
    for removal in page.result.removed:
        if removal.rule != TITLE_RULE and not removal.fragment:
            assert lines[removal.line - 1].split() == removal.text.split()


def test_page_document_applies_the_imported_site_rules_as_clean_html_does() -> None:
    # cnn.com is covered by the bundled ftr-site-config import: its rules run (here they
    # find no container, and say so) in the report as in `clean_html`.
    cleaner = Cleaner()
    data = PAGES[0].read_bytes()
    url = "https://www.cnn.com/2024/01/01/world/a"
    page = page_document(cleaner, PAGES[0].name, data, url=url)
    assert page.result == cleaner.clean_html(data, url=url)
    assert any("ftr.cnn.com" in warning for warning in page.result.warnings)


def test_text_document_lines_are_the_input_lines() -> None:
    data = (SEEDS / "euronews.txt").read_bytes()
    seed = text_document(Cleaner(), "euronews.txt", data, folder="seeds")
    assert seed.site == "seeds" and len(seed.result.removed) > 10
    lines = seed.source.splitlines()
    # A removal's text is its line with the spaces tidied (no-break spaces are plain ones).
    assert all(lines[r.line - 1].split() == r.text.split() for r in seed.result.removed
               if not r.fragment)


# ---------------------------------------------------------------- the command


def run(*args: str | Path, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    return subprocess.run([sys.executable, "-m", "cleaner", "report", *map(str, args)],
                          cwd=cwd, input=stdin, capture_output=True, text=True, env=env,
                          check=False)


def test_command_writes_the_page_of_seeds_folders_and_records(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"url": "https://news.example.net/x", "text": "PUBLICITÉ\n"
                                   "Le président a parlé longuement devant les députés.\n"})
                       + "\n", encoding="utf-8")
    done = run(SEEDS, records, "-o", "out.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "6 documents:" in page
    assert 'data-site="news.example.net"' in page and 'data-site="input"' in page
    assert 'data-rule="fr.read-more"' in page and "records.jsonl:1" in page
    assert not list(tmp_path.glob(".out.html.*"))  # written atomically: no temporary left


def test_command_reads_warc_records_and_names_their_hosts(tmp_path: Path) -> None:
    done = run(REPO / "fixtures" / "warc" / "seeds.warc.gz", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    sites = set(re.findall(r'<article class="doc" data-rules="[^"]*" data-site="([^"]+)"',
                           done.stdout))
    assert {"fr.euronews.com", "seneplus.com"} <= sites and "unknown" not in sites
    assert 'data-rule="html.title"' in done.stdout  # pages: their headline went to the title


def test_command_writes_to_stdout_with_dash(tmp_path: Path) -> None:
    done = run("-", "-o", "-", cwd=tmp_path, stdin="PUBLICITÉ\nLe président a parlé.\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and 'data-site="unknown"' in done.stdout


def test_command_reports_a_bad_input_on_one_line_and_goes_on(tmp_path: Path) -> None:
    done = run(tmp_path / "missing.txt", SEEDS / "seneplus.txt", "-o", "out.html", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"clean: {tmp_path / 'missing.txt'}: no such file"]
    assert "1 document:" in (tmp_path / "out.html").read_text(encoding="utf-8")


def test_command_writes_nothing_when_no_document_could_be_cleaned(tmp_path: Path) -> None:
    done = run(tmp_path / "missing.txt", "-o", "out.html", cwd=tmp_path)
    assert done.returncode == 1
    assert not (tmp_path / "out.html").exists()


@pytest.mark.parametrize("args", [
    ["-o", "."],
    ["-o", "in.txt"],
    ["--max-documents", "-1", "-o", "out.html"],
    ["--site", "no-such-site", "-o", "out.html"],
    [],
], ids=["output-folder", "output-is-input", "negative", "unknown-site", "no-output"])
def test_command_usage_errors(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "in.txt").write_text("PUBLICITÉ\nTexte.\n", encoding="utf-8")
    done = run("in.txt", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert (tmp_path / "in.txt").read_text(encoding="utf-8") == "PUBLICITÉ\nTexte.\n"
    assert not (tmp_path / "out.html").exists()
    assert done.stderr.strip().splitlines()[-1].startswith("clean")
