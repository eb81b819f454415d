"""bench/bench_sets.py and bench/scoring.py on made-up pages: the metric, body kept, decoding,
the split into tune and check parts, the rows of a set. (bench/ is not part of the package:
where the tests run from an installed copy without it, they are skipped.)"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
if not (BENCH / "bench_sets.py").exists():
    pytest.skip("bench/ is not in this copy of the tests", allow_module_level=True)
sys.path.insert(0, str(BENCH))

import bench_sets  # noqa: E402
import scoring  # noqa: E402


def test_identical_texts_score_one_and_pages_weigh_the_same() -> None:
    body = "The council voted on Tuesday to close the old bridge for repairs."
    assert scoring.f1_of([scoring.shingle_counts(body, body)]) == (1.0, 1.0, 1.0)
    half = scoring.shingle_counts(body, body + " Share this story on every network you use.")
    empty = scoring.shingle_counts(body, "")
    p, r, _ = scoring.f1_of([half, empty])
    assert r == pytest.approx(0.5)  # recall 1 on one page, 0 on the other
    assert p == pytest.approx(scoring.precision(*half))  # an empty output has no precision


def test_body_kept_counts_sentences_of_four_tokens_verbatim_whitespace_flattened() -> None:
    body = "First we went to the market.  Then home! Ok.\nThe second paragraph is here."
    gold = scoring.sentences(body)
    assert gold == ["First we went to the market.", "The second paragraph is here."]
    assert scoring.kept(gold, "Menu\nFirst we went\nto the market. Then home!") == 1
    assert scoring.kept(gold, "first we went to the market.") == 0  # verbatim: case counts


def test_pages_are_decoded_by_bom_utf8_meta_then_windows_1252() -> None:
    assert scoring.decode_page("<p>café</p>".encode()) == "<p>café</p>"
    assert scoring.decode_page(b"\xef\xbb\xbf<p>x") == "<p>x"
    latin = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>\xb1'
    assert scoring.decode_page(latin).endswith("<p>ą")
    assert scoring.decode_page(b"<p>\x93quoted\x94") == "<p>“quoted”"


def test_c4_filter_keeps_punctuated_lines_of_three_words_without_cookie_talk() -> None:
    dump = "Home\nThe mayor spoke at length.\nWe use cookies on this site.\nShort one."
    assert scoring.c4_filter(dump) == "The mayor spoke at length."


def test_the_check_part_is_one_page_in_five_and_the_same_every_run() -> None:
    keys = [f"page-{n:04d}" for n in range(2000)]
    check = [k for k in keys if bench_sets.in_part(k, "check")]
    tune = [k for k in keys if bench_sets.in_part(k, "tune")]
    assert sorted(check + tune) == keys and not set(check) & set(tune)
    assert 300 < len(check) < 500
    assert check == [k for k in keys if bench_sets.in_part(k, "check")]


def test_rows_break_wcxb_down_by_page_type_articles_first_and_fundus_by_language() -> None:
    types = {"a": "article", "b": "forum", "c": "article", "d": "product"}
    truth: dict[str, dict[str, Any]] = {k: {"page_type": t} for k, t in types.items()}
    rows = bench_sets.groups("wcxb-dev", truth, sorted(truth))
    assert rows[0] == ("wcxb-dev articles", ["a", "c"])
    assert rows[-1] == ("wcxb-dev all", ["a", "b", "c", "d"])
    langs = {f"de{n}": "de" for n in range(5)} | {"en1": "en", "ja1": "ja"}
    truth = {k: {"lang": lang} for k, lang in langs.items()}
    labels = [label for label, _ in bench_sets.groups("fundus", truth, sorted(truth))]
    assert labels == ["fundus", "fundus de", "fundus other"]


def test_a_page_where_the_project_keeps_under_half_the_dumps_body_is_listed() -> None:
    def page(kept: int) -> bench_sets.PageResult:
        result = bench_sets.PageResult("p1")
        for name, k in (("raw dump", 10), ("project", kept)):
            result.scores["text", name] = bench_sets.Score((1.0, 0.0, 0.0), k, 0.0)
        return result

    assert bench_sets.lost_pages("set", {"p1": page(4)}, ("text",))[0][:3] == (0.4, -10, "text")
    assert bench_sets.lost_pages("set", {"p1": page(5)}, ("text",)) == []
    lost = bench_sets.lost_pages("set", {"p1": page(4), "p2": page(3), "p3": page(2)},
                                 ("text",))
    assert bench_sets.lost_counts(lost, ("text",)) == {"text": (3, 2)}
    assert bench_sets.lost_counts(lost, ("text",), {"p1", "p3"}) == {"text": (2, 1)}


def test_a_page_is_dumped_and_scored_by_every_text_system(tmp_path: Path) -> None:
    pytest.importorskip("html_text")
    sentence = "The harbour reopened this morning after the storm had passed the coast. "
    page = tmp_path / "p1.html.gz"
    page.write_bytes(gzip.compress(f"<html><body><nav>Home</nav><p>{sentence * 3}</p>"
                                   "</body></html>".encode()))
    result = bench_sets.run_page((page, "p1", sentence * 3, ("text",), {}))
    assert {name for _, name in result.scores} == set(bench_sets.TEXT_SYSTEMS)
    assert result.scores["text", "raw dump"].kept == 3
    assert set(result.fresh) == {"dump", "C4-style filter", "jusText"}  # never the project's
