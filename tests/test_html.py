"""HTML input: DOM rules, extraction and its fallback, metadata, limits, the CLI."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Cleaner, CleanerConfig, HtmlConfig, HTMLError, HTMLTimeout, HTMLTooLarge
from cleaner.html import extract as extract_module
from cleaner.html.decode import declared_charset, decode_html
from cleaner.html.examples import html_example_failures
from cleaner.html.pipeline import PageRules, clean_html
from cleaner.rules.load import RuleError, load_file, load_rules
from tests.strategies import body_paragraphs, normalise_line

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "html"

BODIES = {
    "fr-senat.html": [
        "Le Sénat a adopté mardi soir le projet de budget pour 2025, après trois semaines de "
        "débats souvent tendus entre la majorité et l’opposition.",
        "Le texte prévoit une baisse des dépenses de fonctionnement de l’État et une hausse "
        "modérée des crédits de la défense, a précisé le rapporteur général.",
        "Les députés doivent maintenant examiner la version du Sénat en commission mixte "
        "paritaire la semaine prochaine.",
    ],
    "de-bundestag.html": [
        "Der Bundestag hat am Donnerstag das umstrittene Heizungsgesetz mit den Stimmen der "
        "Koalition verabschiedet, nachdem monatelang darüber gestritten worden war.",
        "Die Opposition kündigte an, gegen das Gesetz vor dem Bundesverfassungsgericht zu "
        "klagen, weil die Beratungszeit zu kurz gewesen sei.",
        "Der Bundesrat muss dem Gesetz im Herbst noch zustimmen, was als wahrscheinlich gilt.",
    ],
    "es-presupuestos.html": [
        "El Congreso de los Diputados aprobó este jueves los presupuestos generales del Estado "
        "para el próximo año con el apoyo de los socios de investidura del Gobierno.",
        "La oposición criticó que las cuentas no incluyan medidas suficientes para la vivienda "
        "y anunció enmiendas en el Senado durante las próximas semanas.",
        "El texto pasará ahora a la Cámara Alta, donde el Partido Popular tiene mayoría absoluta.",
    ],
}

SITE_RULES = '''
[site]
name = "example.org"
hosts = ["example.org"]

[[html]]
id = "example.promo"
description = "The site's weekend promo box."
remove = ["div.wk-promo"]
examples.remove = ['<div class="wk-promo">Lisez notre supplément</div>']
examples.keep = ['<div class="texte">Un paragraphe.</div>']

[[html]]
id = "example.body"
description = "Where the site prints the article."
body = ["div.texte"]
'''

PROSE = ("Le gouvernement a présenté mercredi un plan de relance pour l’industrie, qui prévoit "
         "des aides aux entreprises les plus touchées par la hausse des prix de l’énergie.")


@pytest.fixture(scope="module")
def html_cleaner() -> Cleaner:
    return Cleaner()


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("name", sorted(BODIES))
def test_fixture_pages_keep_the_body_and_drop_the_junk(html_cleaner: Cleaner, name: str) -> None:
    result = html_cleaner.clean_html((FIXTURES / name).read_bytes())
    assert result.text.split("\n\n") == [*BODIES[name][:-1], BODIES[name][-1] + "\n"]
    rules = {p.rule for p in result.pruned}
    assert {"html.share-bar", "html.ad-slot", "html.caption", "html.related",
            "html.cookie-banner", "html.byline", "html.comments"} <= rules
    assert result.title and result.author and result.date
    assert result.captions


def test_metadata_fields(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_html((FIXTURES / "fr-senat.html").read_bytes())
    assert result.title == "Le Sénat adopte le budget"
    assert result.author == "Jeanne Martin"
    assert result.date == "2024-03-12T10:00:00+01:00"
    assert result.sitename == "Le Quotidien"
    assert result.canonical_url == "https://www.lequotidien.example/politique/budget"
    assert result.captions == ("Le président du Sénat à Paris, le 11 mars. Photo : AFP",)
    assert result.removed[0].rule == "html.title"
    record = result.to_dict()
    assert record["author"] == "Jeanne Martin" and record["captions"] and record["pruned"]


def test_jsonld_author_and_declared_charset(html_cleaner: Cleaner) -> None:
    result = html_cleaner.clean_html((FIXTURES / "de-bundestag.html").read_bytes())
    assert result.author == "Hans Müller" and result.date == "2024-05-02"
    assert result.repairs[0].step == "decode" and result.repairs[0].detail == "cp1252"


def test_module_function_returns_text() -> None:
    html = (FIXTURES / "es-presupuestos.html").read_text(encoding="utf-8")
    assert cleaner.clean_html(html).startswith("El Congreso de los Diputados aprobó")


def test_guard_keeps_an_element_that_holds_the_article(html_cleaner: Cleaner) -> None:
    body = "".join(f"<p>{PROSE} Paragraphe {n}.</p>" for n in range(4))
    result = html_cleaner.clean_html(page(f'<div class="share-wrapper">{body}</div>'))
    assert result.text.count("plan de relance") == 4
    assert any("kept it" in w for w in result.warnings)


BRIDGE = [
    "The council voted on Tuesday evening to close the old bridge to cars from next spring, "
    "after engineers warned that its supports had weakened.",
    "Residents who live on the north bank said the decision would add twenty minutes to their "
    "journey into town each morning.",
]
UPDATES = [
    "Police have closed the main road near the station while the fire crews work.",
    "The fire brigade says three engines are now at the scene of the warehouse fire.",
    "Smoke can be seen from across the city and residents are told to keep windows shut.",
    "A spokesperson for the council says a rest centre has opened at the sports hall.",
    "Trains between the two central stations are running again with some delays.",
]


def test_a_figcaption_holding_paragraphs_of_prose_is_body(html_cleaner: Cleaner) -> None:
    caption = "".join(f"<p>{p}</p>" for p in BRIDGE)
    html = page(f'<h1>Bridge closes</h1><figure><img src="a.jpg"><figcaption>{caption}'
                f"</figcaption></figure><p>{PROSE}</p>")
    result = html_cleaner.clean_html(html)
    assert all(p in result.text for p in BRIDGE)
    assert any("html.caption" in w and "2 paragraphs of prose" in w for w in result.warnings)


def test_a_teaser_in_a_caption_class_is_not_pruned(html_cleaner: Cleaner) -> None:
    teaser = "".join(f"<p>{p}</p>" for p in BRIDGE)
    html = page(f'<div class="teaser-caption">{teaser}</div><div><p>{PROSE}</p></div>')
    assert "html.caption" not in {p.rule for p in html_cleaner.clean_html(html).pruned}


def test_a_live_blog_in_a_comments_container_keeps_its_updates(html_cleaner: Cleaner) -> None:
    updates = "".join(f'<div class="entry"><div class="entry-text">{u}</div></div>'
                      for u in UPDATES)
    html = page(f'<h1>Warehouse fire: live</h1><div id="live-comments">{updates}</div>')
    result = html_cleaner.clean_html(html)
    assert all(u in result.text for u in UPDATES)
    assert not result.pruned
    assert any("5 blocks of running text" in w for w in result.warnings)


def test_a_short_caption_and_a_comment_counter_are_still_pruned(html_cleaner: Cleaner) -> None:
    html = page(f'<figure><img src="a.jpg"><figcaption>{BRIDGE[1]} Photo: AFP</figcaption>'
                f'</figure><p>{PROSE}</p><div class="comments"><h3>12 comments</h3>'
                "<p>Log in to comment.</p></div>")
    assert {p.rule for p in html_cleaner.clean_html(html).pruned} == {
        "html.caption", "html.comments"}


def test_full_trafilatura_is_tried_before_the_densest_block(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    real = extract_module.trafilatura.extract
    calls: list[bool] = []

    def fast_finds_nothing(html: str, **kwargs: object) -> str | None:
        calls.append(bool(kwargs["fast"]))
        return None if kwargs["fast"] else real(html, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module.trafilatura, "extract", fast_finds_nothing)
    html = page(f"<div><p>{PROSE}</p><p>{PROSE[:-1]} encore.</p></div><div><p>Pub</p></div>")
    result = html_cleaner.clean_html(html)
    assert calls == [True, False]
    assert result.text == f"{PROSE}\n\n{PROSE[:-1]} encore.\n"
    assert any("trafilatura (fast-recall) kept 0 words" in w for w in result.warnings)
    assert not any("densest-block" in w for w in result.warnings)


POSTS = [
    "I replaced the fan in my old laptop last week and the noise is gone, but the bottom case "
    "still gets hot when I compile anything large, so I wonder whether the thermal paste dried.",
    "Thermal paste on that model dries out after a few years; clean both surfaces with alcohol, "
    "apply a thin layer and let the machine run a full build before you judge the temperatures.",
    "Check the vents as well, because dust collects behind the grille where you cannot see it, "
    "and a blocked vent will keep the case hot however new the fan and the paste may be.",
]


def thread_page() -> str:
    """A forum thread: one post per container, as a thread's posts are laid out."""
    posts = "".join(f'<div class="post"><p>{post} {post}</p></div>' for post in POSTS)
    return page(f"<h1>Laptop runs hot after a new fan</h1>{posts}")


def fast_keeps_one_post(full: str | None) -> tuple[list[bool], object]:
    calls: list[bool] = []

    def extract(html: str, **kwargs: object) -> str | None:
        calls.append(bool(kwargs["fast"]))
        return f"{POSTS[0]} {POSTS[0]}" if kwargs["fast"] else full

    return calls, extract


def test_a_fast_pass_that_misses_most_of_the_page_prose_is_retried(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    full = "\n".join(f"{post} {post}" for post in POSTS)
    calls, extract = fast_keeps_one_post(full)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    result = html_cleaner.clean_html(thread_page())
    assert calls == [True, False]
    assert all(post in result.text for post in POSTS)
    assert any("under 50% of the page's prose" in w for w in result.warnings)


def test_the_fast_text_stays_when_the_retry_finds_too_little(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_keeps_one_post(None)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    result = html_cleaner.clean_html(thread_page())
    assert calls == [True, False]
    assert POSTS[0] in result.text
    assert not any("densest-block" in w for w in result.warnings)


def test_a_fast_pass_holding_most_of_the_prose_is_not_retried(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_keeps_one_post(None)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    short = "Thanks, that fixed it."
    html = page(f'<div class="post"><p>{POSTS[0]} {POSTS[0]}</p></div>'
                f'<div class="post"><p>{short}</p></div>')
    assert POSTS[0] in html_cleaner.clean_html(html).text
    assert calls == [True]


def test_teasers_in_a_list_of_stories_are_not_the_page_prose(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_keeps_one_post(None)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    teaser = f"<li><a href='/s'>Another story</a><p>{POSTS[1]}</p></li>"
    html = page(f'<div class="post"><p>{POSTS[0]} {POSTS[0]}</p></div><ul>{teaser * 6}</ul>')
    assert POSTS[0] in html_cleaner.clean_html(html).text
    assert calls == [True]


def test_a_page_of_several_articles_is_not_retried_for_their_prose(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    calls, extract = fast_keeps_one_post(None)
    monkeypatch.setattr(extract_module.trafilatura, "extract", extract)
    others = "".join(f"<article><h2>Older post</h2><p>{post} {post}</p></article>"
                     for post in POSTS[1:])
    html = page(f"<article><p>{POSTS[0]} {POSTS[0]}</p></article>{others}")
    assert POSTS[0] in html_cleaner.clean_html(html).text
    assert calls == [True]


def test_a_title_the_page_never_closes_does_not_swallow_the_body(html_cleaner: Cleaner) -> None:
    body = "".join(f"<p>{p}</p>" for p in (*BRIDGE, PROSE))
    html = (f"<html><head><title>Bridge closes<script>var a = 1;</script></head>"
            f"<body><div>{body}</div></body></html>")
    result = html_cleaner.clean_html(html)
    assert all(p in result.text for p in BRIDGE)
    assert any(r.step == "html-title" for r in result.repairs)


def test_unknown_extraction_pass_is_refused() -> None:
    with pytest.raises(ValueError, match="passes must name"):
        HtmlConfig(passes=("full-fast",))


def test_site_html_rules_and_body_selector(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "example.org.toml").write_text(SITE_RULES, encoding="utf-8")
    site_cleaner = Cleaner(rules=[tmp_path])
    html = page(f'<div class="wk-promo">Lisez notre supplément</div>'
                f'<div class="texte"><p>{PROSE}</p></div>')
    result = site_cleaner.clean_html(html, url="https://example.org/a")
    assert [p.rule for p in result.pruned] == ["example.promo"]
    assert [p.scope for p in result.pruned] == ["example.org"]
    monkeypatch.setattr(extract_module.trafilatura, "extract", lambda *a, **k: None)
    result = site_cleaner.clean_html(html, url="https://example.org/a")
    assert result.text == PROSE + "\n"
    assert any("body-selector" in w for w in result.warnings)


def test_fallback_to_densest_block_when_trafilatura_finds_nothing(
        html_cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module.trafilatura, "extract", lambda *a, **k: None)
    html = page(f"<nav><p>Accueil</p></nav><div><p>{PROSE}</p><p>{PROSE[:-1]} encore.</p></div>")
    result = html_cleaner.clean_html(html)
    assert result.text == f"{PROSE}\n\n{PROSE[:-1]} encore.\n"
    assert any("densest-block" in w for w in result.warnings)


def test_a_crashing_extractor_falls_back(html_cleaner: Cleaner,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_module.trafilatura, "extract", crash)
    assert html_cleaner.clean_html(page(f"<div><p>{PROSE}</p></div>")).text == PROSE + "\n"


def test_size_limit() -> None:
    small = Cleaner(config=CleanerConfig(html=HtmlConfig(max_bytes=100)))
    with pytest.raises(HTMLTooLarge, match="over the 100 limit"):
        small.clean_html(page("<p>" + "mot " * 100 + "</p>"))


def test_depth_limit() -> None:
    shallow = Cleaner(config=CleanerConfig(html=HtmlConfig(max_depth=100)))
    with pytest.raises(HTMLTooLarge, match="over 100 deep"):
        shallow.clean_html("<div>" * 200 + PROSE + "</div>" * 200)
    assert shallow.clean_html("<div>" * 50 + f"<p>{PROSE}</p>" + "</div>" * 50).text


def test_attribute_limits() -> None:
    strict = Cleaner(config=CleanerConfig(html=HtmlConfig(max_attributes=10,
                                                          max_total_attributes=40)))
    crowded = " ".join(f"a{i}" for i in range(11))
    with pytest.raises(HTMLTooLarge, match="an element with 11 attributes, over the 10 limit"):
        strict.clean_html(page(f"<div {crowded}><p>{PROSE}</p></div>"))
    with pytest.raises(HTMLTooLarge, match="41 attributes, over the 40 limit"):
        strict.clean_html(page('<b class="x"></b>' * 41 + f"<p>{PROSE}</p>"))
    # A "<" in a script or a comment starts no tag; in an SVG image it does.
    script = "<script>for (i = 0; i <n; i++) " + "f(i); " * 20 + "</script><!-- <b " + crowded
    assert strict.clean_html(page(f"{script} --><p>{PROSE}</p>")).text == PROSE + "\n"
    with pytest.raises(HTMLTooLarge, match="over the 10 limit"):
        strict.clean_html(page(f"<svg>{script} --></svg><p>{PROSE}</p>"))


def _slow(*args: object, **kwargs: object) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # a pathological page, in Python code
        pass
    return ""


def test_time_limit_interrupts_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module.trafilatura, "extract", _slow)
    fast = Cleaner(config=CleanerConfig(html=HtmlConfig(timeout=0.3)))
    start = time.monotonic()
    with pytest.raises(HTMLTimeout, match=r"0\.3 s limit"):
        fast.clean_html(page(f"<p>{PROSE}</p>"))
    assert time.monotonic() - start < 5


def test_time_limit_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # No timer outside the main thread: the limit is checked when the stage ends, and the
    # page is an error, not the text of a stage that ran over (nor a thread left running).
    threads: list[int] = []

    def slow_extract(*args: object, **kwargs: object) -> str:
        time.sleep(0.5)
        threads.append(threading.active_count())
        return PROSE

    monkeypatch.setattr(extract_module.trafilatura, "extract", slow_extract)
    fast = Cleaner(config=CleanerConfig(html=HtmlConfig(timeout=0.2)))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            fast.clean_html(page(f"<p>{PROSE}</p>"))
        except HTMLError as exc:
            errors.append(exc)

    before = threading.active_count()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert isinstance(errors[0], HTMLTimeout), errors
    assert "(extraction)" in str(errors[0])
    assert threads == [before + 1]  # this test's thread only: no extraction thread


def test_binary_input_is_a_clear_error(html_cleaner: Cleaner) -> None:
    with pytest.raises(HTMLError, match="PDF"):
        html_cleaner.clean_html(b"%PDF-1.7\n\x00\x01binary")


def test_stray_nul_bytes_do_not_lose_the_page(html_cleaner: Cleaner) -> None:
    """A parser ignores a NUL in a page (issue 19: two real pages were refused whole);
    bytes with more NULs than text holds by accident are still binary."""
    paragraph = "<p>Le conseil municipal a voté le budget de la ville pour l’an prochain.</p>"
    page = ("<html><body>" + paragraph * 30 + "\x00</body></html>").encode()
    assert "voté le budget" in html_cleaner.clean_html(page).text
    with pytest.raises(HTMLError, match="NUL"):
        html_cleaner.clean_html(b"<p>" + b"\x00a" * 500 + b"</p>")


@pytest.mark.parametrize(("data", "encoding"), [
    ("\ufeff<p>Déjà</p>".encode(), "utf-8-sig"),
    ('<meta charset="windows-1252"><p>Déjà</p>'.encode("cp1252"), "cp1252"),
    ('<meta charset="iso-8859-1"><p>Déjà</p>'.encode(), "utf-8"),
    ("<p>Déjà vu à Paris, où l’été est chaud.</p>".encode("cp1252"), "cp1252"),
])
def test_decoding(data: bytes, encoding: str) -> None:
    text, found = decode_html(data)
    assert "Déjà" in text and found == encoding


@pytest.mark.parametrize(("label", "codec"), [
    ("iso-8859-9", "cp1254"),  # Turkish pages: browsers read them as Windows-1254
    ("tis-620", "cp874"),
    ("windows-874", "cp874"),
    ("latin1", "cp1252"),
    ("ISO-8859-1", "cp1252"),
    ("no-such-charset", None),
])
def test_charset_labels_read_as_browsers_read_them(label: str, codec: str | None) -> None:
    assert declared_charset(f'<meta charset="{label}"><p>x</p>'.encode()) == codec


def test_a_turkish_page_labelled_iso_8859_9_decodes_its_windows_1254_bytes() -> None:
    # Byte 0x80 is '€' in Windows-1254 and a C1 control in ISO-8859-9.
    data = '<meta charset="iso-8859-9"><p>Fiyatı 5 € değil.</p>'.encode("cp1254")
    assert decode_html(data) == ('<meta charset="iso-8859-9"><p>Fiyatı 5 € değil.</p>', "cp1254")


def test_bundled_html_examples_pass() -> None:
    assert html_example_failures(load_rules(env=False)) == []


@pytest.mark.parametrize(("entry", "message"), [
    ('id = "x.bad"\ndescription = "d"\nremove = ["div["]\nexamples.remove = ["<div></div>"]',
     "CSS selector 'div\\[' does not parse"),
    ('id = "x.bad"\ndescription = "d"\nremove = ["div"]\nselectors = ["p"]',
     "unknown field 'selectors'"),
    ('id = "x.bad"\ndescription = "d"\nremove = ["div"]', "needs at least one HTML snippet"),
    ('id = "x.bad"\ndescription = "d"', "needs 'remove' or 'body'"),
])
def test_bad_html_rules_name_file_line_and_rule(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(f'[file]\ndescription = "x"\n\n[[html]]\n{entry}\n', encoding="utf-8")
    with pytest.raises(RuleError, match=message) as caught:
        load_file(path)
    assert caught.value.line == 4 and caught.value.rule == "x.bad"


def test_a_user_rule_switches_a_bundled_html_rule_off(tmp_path: Path) -> None:
    (tmp_path / "off.toml").write_text('[[html]]\nid = "html.caption"\nenabled = false\n',
                                       encoding="utf-8")
    ids = {r.id for r in load_rules([tmp_path], env=False).html["generic"]}
    assert "html.caption" not in ids and "html.share-bar" in ids


JUNK_BLOCKS = [
    '<div class="share-buttons"><a>Partager</a><a>Tweet</a></div>',
    '<div class="ad ad-top">PUBLICITÉ</div>',
    "<figure><img src='x.jpg'><figcaption>Photo : AFP</figcaption></figure>",
    '<aside class="related-articles"><ul><li><a>Another story</a></li></ul></aside>',
    '<div class="newsletter">Abonnez-vous à notre newsletter</div>',
    '<div id="cookie-consent">We use cookies <button>OK</button></div>',
    '<div class="kommentare">Kommentare (3)</div>',
    '<p class="byline">By Jane Doe</p>',
]


@settings(max_examples=25, deadline=None)
@given(paragraphs=body_paragraphs(min_size=2, max_size=8, slips=False),
       junk=st.lists(st.sampled_from(JUNK_BLOCKS), max_size=10), data=st.data())
def test_every_paragraph_survives_junk_blocks(paragraphs: list[str], junk: list[str],
                                              data: st.DataObject) -> None:
    from html import escape

    blocks = [f"<p>{escape(p)}</p>" for p in paragraphs]
    for block in junk:
        blocks.insert(data.draw(st.integers(0, len(blocks))), block)
    html = page(f"<article>{''.join(blocks)}</article>")
    text = cleaner.default_cleaner().clean_html(html).text
    # The extractor turns no-break spaces into plain ones: compare words.
    kept = [" ".join(normalise_line(line).split()) for line in text.splitlines() if line]
    for paragraph in paragraphs:
        assert " ".join(normalise_line(paragraph).split()) in kept


def _clean(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin,
                          capture_output=True, timeout=120, check=False)


def test_cli_cleans_html_by_extension_and_reports_metadata() -> None:
    done = _clean("--explain", str(FIXTURES / "fr-senat.html"))
    assert done.returncode == 0
    assert done.stdout.decode().startswith("Le Sénat a adopté mardi soir")
    err = done.stderr.decode()
    assert "author: Jeanne Martin" in err and "html: html.share-bar [generic]" in err


def test_cli_sniffs_html_on_stdin_and_prints_json() -> None:
    data = (FIXTURES / "es-presupuestos.html").read_bytes()
    done = _clean("--format", "json", stdin=data)
    record = json.loads(done.stdout)
    assert record["author"] == "María García" and record["title"]
    assert record["text"].startswith("El Congreso")


def test_cli_html_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.html"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01")
    done = _clean(str(bad))
    assert done.returncode == 1 and done.stderr.decode().count("\n") == 1
    page_file = tmp_path / "p.htm"
    page_file.write_bytes((FIXTURES / "fr-senat.html").read_bytes())
    done = _clean("--in-place", str(page_file))
    assert done.returncode == 1 and b"--in-place" in done.stderr
    assert page_file.read_bytes() == (FIXTURES / "fr-senat.html").read_bytes()


def test_site_found_by_fingerprint_gets_its_html_rules_too(tmp_path: Path) -> None:
    rules = SITE_RULES.replace('hosts = ["example.org"]',
                               'hosts = ["example.org"]\nfingerprints = ["La Gazette d’Exemple"]')
    (tmp_path / "example.org.toml").write_text(rules, encoding="utf-8")
    site_cleaner = Cleaner(rules=[tmp_path])
    html = page(f'<div class="wk-promo">Lisez notre supplément</div>'
                f'<div class="texte"><p>{PROSE}</p><p>La Gazette d’Exemple</p></div>')
    result = site_cleaner.clean_html(html)  # no URL: the site is known only from the text
    assert result.sites == ("example.org",)
    assert [p.rule for p in result.pruned] == ["example.promo"]


def test_the_front_end_takes_any_text_cleaner_and_the_rules_by_scope() -> None:
    rules = load_rules(env=False)
    seen: list[tuple[str, str | None]] = []

    def clean_text(text: str, url: str | None) -> cleaner.Result:
        seen.append((text, url))
        return cleaner.Result(text=text.upper())

    page_rules = PageRules(rules.html, rules.sites, lambda url: None)
    html = page(f'<div class="share-bar">Partager</div><div><p>{PROSE}</p></div>')
    result = clean_html(html, clean_text, page_rules, url="https://example.org/a", site=None,
                        config=HtmlConfig())
    assert seen == [(PROSE, "https://example.org/a")] and result.text == PROSE.upper()
    assert "html.share-bar" in {p.rule for p in result.pruned}


def test_the_html_package_never_imports_the_cleaner() -> None:
    upward = []
    for path in (REPO / "cleaner" / "html").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            upward += [f"{path.name}: {n}" for n in names
                       if n in ("cleaner", "cleaner.cleaner") or n.startswith("cleaner.batch")]
    assert upward == []
