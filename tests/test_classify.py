"""The generic classifier on whole-page dumps with no site rules, in French, German and Spanish."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerConfig
from cleaner.classify import Text, body_span, classify, load_lexicon
from cleaner.classify.lexicon import LexiconError, phrase_key
from tests.strategies import body_paragraphs, normalise_line

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"
# Per dump: the body paragraphs (all must stay) and junk lines (all must go).
CASES = {
    "fr": (["Le Sénat a adopté mardi soir", "Le texte, qui repousse", "Une majorité fragile",
            "Les sénateurs de la majorité", "L'opposition a dénoncé", "Les syndicats appellent"],
           ["Accueil", "Nous utilisons des cookies", "Les plus lus", "Météo : un week-end",
            "Mentions légales", "© 2024 Le Quotidien", "S'abonner", "Le prix de l'essence"]),
    "de": (["Der Bundestag hat am", "Das Gesetz sieht vor", "Kritik aus der Opposition",
            "Die Union kritisierte", "Verbraucherschützer begrüßten", "Der Bundesrat soll"],
           ["Startseite", "Diese Website verwendet Cookies", "Meistgelesen", "Impressum",
            "Benzinpreise sinken", "Jetzt abonnieren", "© 2024 Die Tageszeitung", "Teilen"]),
    "es": (["El Congreso de los Diputados", "La norma limita", "Reacciones de la oposición",
            "La oposición criticó", "Las asociaciones de inquilinos", "El Senado debatirá"],
           ["Portada", "Utilizamos cookies", "Lo más leído", "Aviso legal", "Compartir",
            "Baja otra vez", "© 2024 El Diario", "Suscríbete"]),
}


@pytest.mark.parametrize("lang", sorted(CASES))
def test_page_dump_keeps_body_drops_furniture(lang: str) -> None:
    body, junk = CASES[lang]
    result = Cleaner().clean((DUMPS / f"{lang}.txt").read_text(encoding="utf-8"))
    paragraphs = result.text.split("\n\n")
    for start in body:
        assert any(p.startswith(start) for p in paragraphs), start
    for start in junk:
        assert not any(p.startswith(start) for p in paragraphs), start
    assert result.lang == lang
    classified = [r for r in result.removed if r.rule.startswith("classifier.")]
    assert classified and all(r.detail for r in classified)  # --explain names the features


def test_page_dump_keeps_its_headline_as_first_line() -> None:
    result = Cleaner().clean((DUMPS / "fr.txt").read_text(encoding="utf-8"))
    headline = "La réforme des retraites adoptée au Sénat"
    assert result.text.startswith(headline + "\n\n") and result.title == headline
    assert Cleaner().clean(result.text).text == result.text


@pytest.mark.parametrize("lang", sorted(CASES))
def test_classifier_switch(lang: str) -> None:
    text = (DUMPS / f"{lang}.txt").read_text(encoding="utf-8")
    off = Cleaner(config=CleanerConfig(classify=False)).clean(text)
    assert not any(r.rule.startswith("classifier.") for r in off.removed)


def test_article_alone_loses_nothing_to_position() -> None:
    # No page furniture: lists and short lines inside an article stay.
    text = ("The council met on Monday to discuss the budget for next year.\n"
            "Key points\nSchools\nRoads\nParks\n"
            "The budget will be voted on next month, officials said.\n")
    assert Cleaner().clean(text).text.count("\n\n") == 5


def test_clean_prose_is_left_alone_cheaply() -> None:
    line = ("la ministre a déclaré lundi que les négociations reprendraient la semaine "
            "prochaine.")
    assert classify([Text.of(line)] * 20, "fr") == []


def test_body_span_prefers_the_longest_on_ties() -> None:
    assert body_span([5, -5, 5]) == (0, 3, 5.0)


def test_lexicon_errors_are_clear(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text('stopwords = "a b"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="'lang'"):
        load_lexicon(tmp_path)
    (tmp_path / "xx.toml").write_text('lang = "xx"\n[categories]\nad = { line = ["x"] }\n',
                                      encoding="utf-8")
    with pytest.raises(LexiconError, match="takes only"):
        load_lexicon(tmp_path)


def test_every_language_has_a_lexicon() -> None:
    lexicon = load_lexicon()
    assert {"en", "fr", "de", "es", "it", "pt", "nl"} <= set(lexicon.stopwords)


def test_a_lexicon_without_stopwords_leaves_the_language_every_stopword(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text('lang = "xx"\nstopwords = "a b"\n', encoding="utf-8")
    (tmp_path / "yy.toml").write_text('lang = "yy"\nlanguage_stopwords = "c d"\n',
                                      encoding="utf-8")
    lexicon = load_lexicon(tmp_path)
    assert set(lexicon.stopwords) == {"xx"} and lexicon.all_stopwords == {"a", "b"}


def test_every_lexicon_line_phrase_is_recognised() -> None:
    lexicon = load_lexicon()
    for path in sorted((Path(__file__).resolve().parents[1] / "rules" / "lexicons").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for category, lists in data.get("categories", {}).items():
            for phrase in lists.get("lines", []):
                hit = lexicon.match_line(phrase_key(phrase))
                assert hit is not None, (path.name, phrase)
                assert len(phrase.split()) <= 12, (path.name, phrase)  # lines, not prose
            for phrase in lists.get("starts", []):
                assert lexicon.match_start(phrase_key(phrase) + " x") is not None, (category,
                                                                                     phrase)


HEAD = ["Accueil", "International", "Politique", "Se connecter", "Partager"]
TAIL = ["Les plus lus", "Météo : un week-end pluvieux", "Le prix de l'essence baisse encore",
        "Un nouveau stade pour la ville", "Mentions légales", "Contact"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_paragraphs(min_size=1, max_size=8, slips=False),
       st.lists(st.sampled_from(["Une majorité fragile", "Kritik aus der Opposition",
                                 "Reactions", "Key points"]), max_size=3))
# CJK inside a line (not at its ends) counts its words by length: this line went to the tail.
@example(["A.b-c_d@mail.co.uk 1,5 % الصواريخ 12\xa0000 https://fr.wikipedia.org/wiki/Kyiv_(ville) "
          "a.b-c_d@mail.co.uk 1,5 % الصواريخ 12\xa0000 https://fr.wikipedia.org/wiki/Kyiv_(ville).",
          "3.14 1.000.000 政府武器政府总统总统总统."], [])
def test_page_furniture_goes_body_and_subheadings_stay(body: list[str],
                                                         subheadings: list[str]) -> None:
    # A page around generated prose: every paragraph, and a subheading between two, survive.
    lines = [body[0]]
    for index, paragraph in enumerate(body[1:]):
        if index < len(subheadings):
            lines.append(subheadings[index])
        lines.append(paragraph)
    result = Cleaner().clean("\n".join(HEAD + lines + TAIL))
    kept = result.text.rstrip("\n").split("\n\n")
    for line in lines:
        assert normalise_line(line) in kept, (line, [(r.rule, r.text) for r in result.removed])


def test_extracted_text_keeps_to_the_lexicon() -> None:
    # An extractor's main content (the HTML path) is not a whole page: a results
    # table before the prose is body, not a head zone of page furniture.
    from cleaner import Cleaner

    table = [f"| {n} | Driver {n} | {5000 - n} | {n % 3} |" for n in range(1, 15)]
    prose = ["The season ended with a close finish between the four leading drivers, "
             "who were separated by only a handful of points after the last race."] * 3
    text = "\n".join(["Final standings after 36 races:", *table, *prose]) + "\n"
    cleaner = Cleaner()
    extracted = cleaner.clean(text, extracted=True)
    assert all(row in extracted.text for row in table)
    assert not [r for r in extracted.removed if r.rule.startswith("classifier.")]


@pytest.mark.parametrize(("line", "body"), [
    # Chinese and Japanese write words without spaces: counted by length.
    ("俄罗斯总统普京周一表示政府将继续支持乌克兰的和平进程。", True),
    ("政府は月曜日、新しい予算案を国会に提出したと発表した。", True),
    # Korean spaces its words: a related-headlines line is four words, not nine.
    ("‘골목식당’ 결국 대폭발한 백종.", False),
    # An emoji after the last word stands for the stop; one before the first is an icon.
    ("We will become the Jeongdong Theater who always strives to make the Korean culture "
     "widely known to the world 🙂", True),
    ("Book your tickets through KLOOK easily and come and see it today! 🙂", True),
    ("👁 Prepare for the deepfake era of video; plus, check out the latest news on AI", False),
])
def test_words_and_stops_across_scripts(line: str, body: bool) -> None:
    # Lines of the extraction benchmark's pages (or like them) whose kind turned on this.
    from cleaner.classify.features import Kind, read_line
    from cleaner.classify.lexicon import default_lexicon

    words = len(line.split())
    kind = read_line(line, line.casefold(), words, default_lexicon(), frozenset()).kind
    assert (kind is Kind.BODY) == body
