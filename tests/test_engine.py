"""The engine's steps and guards, one behaviour per test, with the bundled rules."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Result, UnknownSiteError, clean_text

BODY = "Le président a autorisé l'utilisation de missiles à longue portée, selon un responsable."
BODY2 = "La Corée du Nord a récemment déployé des milliers de soldats en Russie pour aider Moscou."


def paras(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def test_empty_and_blank_inputs() -> None:
    assert clean_text("") == ""
    assert clean_text("\u00a0\n \n\t\n") == ""


def test_exotic_spaces_count_as_spaces_for_matching(cleaner: Cleaner) -> None:
    text = (f"Par\u00a0Euronews\u00a0avec\u00a0AP\n\u00a0\n"
            f"For Latest Updates Follow us on Google\u00a0News\n{BODY}")
    assert cleaner.clean(text).text == paras(BODY)


def test_no_break_spaces_are_kept_inside_kept_text(cleaner: Cleaner) -> None:
    line = "Pas moins de 12\u00a0000 soldats ont été envoyés, a-t-il dit\u202f!"
    assert cleaner.clean(f"  {line}  \n").text == paras(line)


def test_space_runs_collapse_and_nbsp_run_keeps_its_nbsp(cleaner: Cleaner) -> None:
    assert cleaner.clean("Un  deux\t\ttrois quatre.").text == paras("Un deux trois quatre.")
    assert cleaner.clean("Il y a 12 \u00a0000 hommes.").text == paras("Il y a 12\u00a0000 hommes.")


def test_punctuation_fixes(cleaner: Cleaner) -> None:
    text = "Des cibles en Russie.selon un responsable.\nMettre fin au conflit..\nVoir euronews.com."
    assert cleaner.clean(text).text == paras(
        "Des cibles en Russie. selon un responsable.", "Mettre fin au conflit.",
        "Voir euronews.com.")


def test_source_errors_are_left_alone(cleaner: Cleaner) -> None:
    text = "Reconquérir la région de Koursk. dont l’Ukraine s’est emparée.\nUne Source majeure."
    assert cleaner.clean(text).text == paras(*text.split("\n"))


def test_removals_name_line_text_and_rule(cleaner: Cleaner) -> None:
    result = cleaner.clean(f"PUBLICITÉ\n\n{BODY}\n\nPartager cet article")
    assert [(r.line, r.text, r.rule, r.fragment) for r in result.removed] == [
        (1, "PUBLICITÉ", "fr.ad-marker", False),
        (5, "Partager cet article", "fr.share", False),
    ]


def test_inline_fragment_is_stripped_and_explained(cleaner: Cleaner) -> None:
    result = cleaner.clean(f"{BODY} ![](https://ex.com/a.jpg) Il a ajouté.")
    assert result.text == paras(f"{BODY} Il a ajouté.")
    assert result.removed[0].fragment and result.removed[0].rule == "common.inline-markdown-image"


def test_line_emptied_by_inline_rule_is_removed(cleaner: Cleaner) -> None:
    result = cleaner.clean(f"![a](https://ex.com/a.jpg) ![b](https://ex.com/b.jpg)\n{BODY}")
    assert result.text == paras(BODY)


class TestTailLists:
    def test_list_under_marker_in_spaced_text(self, cleaner: Cleaner) -> None:
        text = paras(BODY, "En savoir plus:\nPourquoi Biden va fâcher Moscou\nLa ville des écoles",
                     BODY2)
        assert cleaner.clean(text).text == paras(BODY, BODY2)

    def test_spaced_list_at_the_end(self, cleaner: Cleaner) -> None:
        text = paras(BODY, BODY2, "À découvrir également", "Biden : un titre", "Un autre titre")
        assert cleaner.clean(text).text == paras(BODY, BODY2)

    def test_marker_mid_article_keeps_subheading_and_paragraphs(self, cleaner: Cleaner) -> None:
        text = paras(BODY, "À lire aussi", "L'intervention de la Corée du Nord", BODY2)
        assert cleaner.clean(text).text == paras(BODY, "L'intervention de la Corée du Nord", BODY2)

    def test_dense_text_without_blank_lines(self, cleaner: Cleaner) -> None:
        text = "\n".join([BODY, "Related News :", "L'intervention de la Corée du Nord", BODY2])
        assert cleaner.clean(text).text == paras(BODY, "L'intervention de la Corée du Nord", BODY2)

    def test_list_stops_at_a_sentence(self, cleaner: Cleaner) -> None:
        third = "Les agences affirment que la Corée du Nord a fourni des munitions à la Russie."
        text = paras(BODY, BODY2, "Read more:\nA related headline here\n" + third)
        assert cleaner.clean(text).text == paras(BODY, BODY2, third)


class TestBlocks:
    NOTICE = "Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible"

    def test_block_needs_its_end_marker(self, cleaner: Cleaner) -> None:
        text = paras(self.NOTICE, "Le titre de la vidéo", BODY)
        # Without the end marker only the generic notice line goes.
        assert cleaner.clean(text, site="news.sky.com").text == paras("Le titre de la vidéo", BODY)

    def test_block_with_end_marker(self, cleaner: Cleaner) -> None:
        text = paras(BODY, self.NOTICE, "2:01", "Le titre de la vidéo",
                     ">>Suivez Sky News sur WhatsApp", BODY2)
        result = cleaner.clean(text, site="news.sky.com")
        assert result.text == paras(BODY, BODY2)
        assert {r.rule for r in result.removed} == {"sky.video-block"}

    def test_block_never_swallows_a_paragraph(self, cleaner: Cleaner) -> None:
        long_body = BODY + " " + BODY2
        text = paras(self.NOTICE, long_body, ">>Suivez Sky News sur WhatsApp")
        assert cleaner.clean(text, site="news.sky.com").text == paras(long_body)


class TestCaptions:
    CAPTION = "Vladimir Poutine et Kim Jong Un échangent des documents, le 19 juin 2024."

    def test_doubled_caption_with_agency_credit(self, cleaner: Cleaner) -> None:
        text = paras(BODY, self.CAPTION + "\n" + self.CAPTION + " Kristina Kormilitsyna/Sputnik",
                     BODY2)
        assert cleaner.clean(text, site="euronews.com").text == paras(BODY, BODY2)

    def test_agency_credit_alone_is_not_enough(self, cleaner: Cleaner) -> None:
        line = self.CAPTION + " Kristina Kormilitsyna/Sputnik"
        assert cleaner.clean(paras(BODY, line), site="euronews.com").text == paras(BODY, line)

    def test_keyword_credit_removes_caption_and_its_copy(self, cleaner: Cleaner) -> None:
        text = paras(BODY, self.CAPTION + "\n" + self.CAPTION + " Photo : AP")
        assert cleaner.clean(text).text == paras(BODY)

    def test_credit_word_inside_a_sentence_is_prose(self, cleaner: Cleaner) -> None:
        line = "Le photographe a vendu la Photo : AP et Reuters l'ont achetée le lendemain"
        assert cleaner.clean(line).text == paras(line)


class TestHeadAndDuplicates:
    def test_head_rules_only_before_the_headline(self, cleaner: Cleaner) -> None:
        text = "Loader\nSuivez-nous\nLe titre de l'article\nLoader\n" + BODY
        assert cleaner.clean(text, site="euronews.com").text == paras(
            "Le titre de l'article", "Loader", BODY)

    def test_repeated_headline_keeps_first_copy(self, cleaner: Cleaner) -> None:
        title = "Biden autorise l’Ukraine à utiliser des armes"
        assert cleaner.clean(paras(title, title, title, BODY)).text == paras(title, BODY)

    def test_question_repeated_far_apart_is_body(self, cleaner: Cleaner) -> None:
        # An interview asks every guest the same question: each copy is body text.
        question = "What inspired you to start cooking for others?"
        answers = [f"Guest {n} said her grandmother taught her to bake bread every week."
                   for n in range(3)]
        text = paras(*[part for answer in answers for part in (question, answer, BODY)])
        assert cleaner.clean(text).text == text

    def test_short_repeated_lines_are_kept(self, cleaner: Cleaner) -> None:
        text = paras("***", BODY, "***", BODY2)
        assert cleaner.clean(text).text == text


class TestSites:
    def test_url_host_and_subdomains(self, cleaner: Cleaner) -> None:
        assert cleaner.site_for_url("https://www.euronews.com/2024/11/18/x") == "euronews.com"
        assert cleaner.site_for_url("https://fr.euronews.com/x") == "euronews.com"
        assert cleaner.site_for_url("news.sky.com/story/x") == "news.sky.com"
        assert cleaner.site_for_url("https://example.org/") is None

    def test_url_selects_site_rules(self, cleaner: Cleaner) -> None:
        text = paras("Image:", BODY)
        assert cleaner.clean(text).text == text
        result = cleaner.clean(text, url="https://news.sky.com/story/x")
        assert result.text == paras(BODY) and result.site == "news.sky.com"

    def test_forced_site_and_unknown_site(self, cleaner: Cleaner) -> None:
        assert cleaner.clean(paras("Image:", BODY), site="news.sky.com").text == paras(BODY)
        with pytest.raises(UnknownSiteError, match="unknown site 'nope'"):
            cleaner.clean(BODY, site="nope")

    def test_no_fingerprint_no_site(self, cleaner: Cleaner) -> None:
        result = cleaner.clean(BODY)
        assert result.site is None and result.sites == ()


def test_cleaner_can_be_subclassed() -> None:
    # Wheels compile Cleaner with mypyc; Python subclasses must still work there.
    class Shouting(Cleaner):
        def clean(self, text: str, **options: object) -> Result:  # type: ignore[override]
            return Result(text.upper())

    assert Shouting().clean("abc").text == "ABC"
