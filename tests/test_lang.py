"""detect_language: the stopword vote, the py3langid fallback, thread safety."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.text import lang
from cleaner.text.lang import detect_language, detect_language_and_confidence, vote

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"

SENTENCES = {
    "fr": "Le président ukrainien fait pression sur le président américain depuis des mois "
          "pour qu'il autorise l'Ukraine à frapper des cibles militaires en Russie.",
    "en": "Ukrainian President Volodymyr Zelensky has been pressing the outgoing US president "
          "for months to allow Ukraine to strike military targets in Russia.",
    "de": "Der ukrainische Präsident drängt den scheidenden US-Präsidenten seit Monaten, der "
          "Ukraine Angriffe auf militärische Ziele in Russland zu erlauben.",
    "es": "El presidente ucraniano lleva meses presionando al presidente saliente de Estados "
          "Unidos para que permita a Ucrania atacar objetivos militares en Rusia.",
    "it": "Il presidente ucraino da mesi fa pressione sul presidente uscente degli Stati Uniti "
          "affinché autorizzi l'Ucraina a colpire obiettivi militari in Russia.",
    "pt": "O presidente ucraniano pressiona há meses o presidente cessante dos Estados Unidos "
          "para que autorize a Ucrânia a atacar alvos militares na Rússia.",
    "nl": "De Oekraïense president zet de vertrekkende Amerikaanse president al maanden onder "
          "druk om Oekraïne toe te staan militaire doelen in Rusland aan te vallen.",
    "ca": "El president ucraïnès fa mesos que pressiona el president sortint dels Estats Units "
          "perquè permeti a Ucraïna atacar objectius militars a Rússia amb els míssils.",
    "af": "Die Oekraïense president druk al maande lank op die uittredende Amerikaanse "
          "president om Oekraïne toe te laat om militêre teikens in Rusland aan te val.",
    "ru": "Президент Украины несколько месяцев добивался от уходящего президента США "
          "разрешения наносить удары по военным целям в России.",
}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*/*.txt")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_seed_articles_are_french_by_the_fast_vote(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert vote(lang._sample(text, lang.SAMPLE_CHARS)) == "fr"
    assert detect_language_and_confidence(text) == ("fr", 1.0)


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_languages(code: str) -> None:
    assert detect_language(SENTENCES[code]) == code


@pytest.mark.parametrize("code", ["ca", "af"])
def test_close_relatives_are_not_taken_by_the_vote(code: str) -> None:
    assert vote(SENTENCES[code] * 3) is None


@pytest.mark.parametrize("text", ["", "Hi", "PUBLICITÉ", "Partager cet article", "12 34 56",
                                  "https://www.euronews.com/2024/11/17/x"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


@settings(max_examples=max(100, settings.default.max_examples), deadline=None)
@given(text=st.text(max_size=200))
def test_no_input_raises(text: str) -> None:
    result = detect_language(text)
    assert result is None or (isinstance(result, str) and result)


def test_model_loads_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_identifier", None)
    built: list[object] = []
    real = lang._model

    results: list[str | None] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        built.append(real())
        results.append(detect_language(SENTENCES["ru"]))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["ru"] * 8
    assert len({id(model) for model in built}) == 1


def _sorted_vote(text: str) -> str | None:
    """The vote as first written: every language's sum unpacked, then sorted."""
    words = text.lower().split()
    found = list(filter(None, map(lang._VOTES.get, words)))
    if len(found) < lang.MIN_VOTES or len(found) < lang.MIN_SHARE * len(words):
        return None
    total, mask = sum(found), (1 << lang._FIELD) - 1
    sums = [(total >> (lang._FIELD * i) & mask) / lang._UNIT for i in range(len(lang.LANGUAGES))]
    (best_score, best), (runner_up, _) = sorted(zip(sums, lang.LANGUAGES, strict=True),
                                                reverse=True)[:2]
    if (best_score < lang.MIN_VOTES or best_score < lang.MIN_LEAD * runner_up
            or best not in lang.VOTED):
        return None
    return best


@settings(max_examples=500)
@given(st.lists(st.sampled_from([*lang._VOTES, "chat", "house", "Haus", "LES"]), max_size=30))
def test_the_vote_reads_the_two_highest_sums_as_a_sort_would(words: list[str]) -> None:
    text = " ".join(words)
    assert vote(text) == _sorted_vote(text)


def test_the_vote_reads_its_words_from_the_lexicons(tmp_path: Path) -> None:
    (tmp_path / "xx.toml").write_text(
        'lang = "xx"\nstopwords = "z"\nlanguage_stopwords = """a b\nc"""\n\n'
        '[categories]\nad = { lines = ["[x"] }\n', encoding="utf-8")
    (tmp_path / "yy.toml").write_text('lang = "yy"\nstopwords = "d e"\n', encoding="utf-8")
    assert lang.read_stopwords(tmp_path) == {"xx": "a b\nc"}
    assert set(lang.STOPWORDS) == {*lang.VOTED, "af", "ca", "gl", "ro"}


def _tally_of_lowered_text(text: str) -> tuple[int, int, int]:
    """The tally as first written: the whole text lowered, then split."""
    words = text.lower().split()
    found = list(filter(None, map(lang._VOTES.get, words)))
    return len(words), len(found), sum(found)


_CASED = st.sampled_from([*lang._VOTES, "chat", "Haus", "İ", "Σ", "ǅ", "ß", "Ⅰ",
                          "\u00a0", "\u2028"])


@settings(max_examples=500)
@given(st.lists(st.tuples(_CASED, st.sampled_from([str.lower, str.upper, str.title, str.swapcase])),
                max_size=30),
       st.text(max_size=40))
def test_the_tally_lowers_words_as_lowering_the_whole_text_would(
        words: list[tuple[str, object]], noise: str) -> None:
    text = " ".join(case(word) for word, case in words) + " " + noise  # type: ignore[operator]
    assert lang.tally(text) == _tally_of_lowered_text(text)


def test_lowering_is_what_the_tally_takes_it_for() -> None:
    # For every character: lowering gives at least one character, never turns whitespace
    # into anything else nor anything else into whitespace, and changes no character
    # that is neither upper nor title case. And the stopwords are lower case.
    for code in range(0x110000):
        char = chr(code)
        lowered = char.lower()
        assert lowered
        assert char.isspace() == any(c.isspace() for c in lowered)
        assert not char.isspace() or lowered == char
        assert lowered == char or char.isupper() or char.istitle(), hex(code)
    assert all(word == word.lower() for word in lang._VOTES)
