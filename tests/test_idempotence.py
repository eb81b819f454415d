"""`clean(clean(x)) == clean(x)`, for every configuration and typography profile (issue 16, 11).

Cleaning decides on the text as a second cleaning would read it: a line an
inline cut rewrote is read again (repaired, normalised) and meets every rule
and site fingerprint; the classifier judges a line again once its neighbours
went; a typeset output is read again (repair, language, rules) until stable.
The regressions below are the cases that broke it; the properties mix real
lines of the seed articles, the rule files' examples, notices, menus, inline
junk and mojibake (`tests.mixtures`).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.config import CleanerConfig
from cleaner.text.repair import repair_text
from cleaner.typography.profiles import PROFILES
from tests.mixtures import mixtures
from tests.strategies import RULES

CLEANER = Cleaner(RULES)  # bundled rules only
RULES_ONLY = Cleaner(RULES, config=CleanerConfig(classify=False))
BODY = "Le président a parlé longuement ce matin devant les députés réunis à Paris."


def twice(cleaner: Cleaner, text: str, typography: str | None = None) -> tuple[str, str]:
    once = cleaner.clean(text, typography=typography).text
    return once, cleaner.clean(once, typography=typography).text


# ------------------------------------------------------------------ regressions


def test_line_kept_beside_removed_neighbours_is_judged_again() -> None:
    """'Sport' read as a subheading between the paragraph and the cookie notice; once the
    notice went, it is a menu word after the body, as a second cleaning sees it."""
    text = ("Les sénateurs de la majorité ont salué un compromis qui protège, selon eux, les "
            "carrières longues et les métiers les plus pénibles.\n\nSport\n\nNous utilisons "
            "des cookies pour améliorer votre expérience. En poursuivant votre navigation, "
            "vous acceptez leur utilisation.\n\nLes plus lus\n\nAccueil\n")
    once, again = twice(CLEANER, text)
    assert once == again == text.split("\n")[0] + "\n"


def test_line_exposed_by_an_inline_cut_meets_the_site_fingerprints() -> None:
    result = RULES_ONLY.clean("![](g)NEXT .S.")
    assert result.text == RULES_ONLY.clean(result.text).text == ""
    assert result.sites == ("aggregator-prevnext",)


def test_mojibake_joined_by_an_inline_cut_is_repaired() -> None:
    result = CLEANER.clean("â€![](x)™")
    assert CLEANER.clean(result.text).text == result.text
    assert repair_text(result.text)[0] == result.text
    assert "mojibake" in [repair.step for repair in result.repairs]


def test_line_tidied_after_a_cut_is_repaired_until_stable() -> None:
    """'ÃÂ \u00a0s' tidied is 'ÃÂ\u00a0s', mojibake again: read until it reads the same."""
    once, again = twice(CLEANER, "ÃÂ![](g)\u00a0s")
    assert once == again == "às\n"


def test_classifier_reads_by_the_language_of_the_output() -> None:
    """A second cleaning detects the language on the output: the long line without a final
    stop, read by German stopwords at first, is read as a second cleaning reads it."""
    long_line = "§ W ür 2 0 b hn der Bü eiß 5 % un ww.gte hör ählich en Russie.on un Lee : El C"
    once, again = twice(CLEANER, "§\x0c" * 150 + long_line)
    assert once == again


def test_typeset_lines_meet_the_rules_again() -> None:
    """'Image Share e:' has three words, too few to be a repeated line; typeset for
    French, 'Image Share e :' has four, and its copy goes, explained at its input line."""
    text = f"Image Share e:\nImage Share e:\n\n{BODY}"
    for cleaner in (CLEANER, RULES_ONLY):
        result = cleaner.clean(text, typography="fr")
        assert result.text == f"Image Share e\u00a0:\n\n{BODY}\n"
        assert cleaner.clean(result.text, typography="fr").text == result.text
        assert [(r.line, r.rule) for r in result.removed] == [(2, "common.repeated-line")]


def test_typeset_text_is_repaired_again() -> None:
    """The plain profile drops '¡', and what is left is mojibake a second repair reads."""
    once, again = twice(CLEANER, "Я хотела делиться рецептами с подругами, а потом "
                                 "подписц¡Ã¸ÃºÃ¾Ã² стало больше.", "plain")
    assert once == again
    assert "Ã" not in once


def test_auto_typography_follows_the_language_of_the_kept_text() -> None:
    """English notices make the input English; the French body left is typeset for French."""
    notice = ("We use cookies to improve your experience. By continuing to browse, you agree "
              "to our use of the cookies and the terms of the site.\n\n")
    body = ("Le ministre a dit « non » à la réforme, selon les députés de la majorité qui ont "
            "voté contre le texte.\n\n")
    once, again = twice(CLEANER, notice * 2 + "Home\n\nWorld\n\nSport\n\n" + body * 2, "auto")
    assert once == again
    assert once.startswith("Le ministre a dit «\u202fnon\u202f»")


# ------------------------------------------------------------------- properties

_SETTINGS = settings(deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


@_SETTINGS
@given(mixtures())
def test_mixture_clean_is_idempotent(text: str) -> None:
    once, again = twice(CLEANER, text)
    assert again == once


@_SETTINGS
@given(mixtures())
def test_mixture_clean_without_classifier_is_idempotent(text: str) -> None:
    once, again = twice(RULES_ONLY, text)
    assert again == once


@pytest.mark.parametrize("profile", [p for p in PROFILES if p != "preserve"])
@_SETTINGS
@given(text=mixtures(), classify=st.booleans())
def test_mixture_typeset_clean_is_idempotent(profile: str, text: str, classify: bool) -> None:
    once, again = twice(CLEANER if classify else RULES_ONLY, text, profile)
    assert again == once
