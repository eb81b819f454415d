"""Typography profiles: properties (hypothesis) and the behaviour the issue asks for."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner.text.chardata import plain_punctuation
from cleaner.typography.profiles import PROFILES, apply_typography, resolve_profile

CONCRETE = ("preserve", "plain", "fr", "en", "de")

# Text made of what typography looks at, so that examples hit the rules often.
_TYPO = (
    "aeélLnstx09 \u00a0\u202f\t"
    "\"'“”„‟«»‘’‚‛‹›"
    ";:!?.,…-–—()[]/=`%°"
)
typo_text = st.text(alphabet=st.sampled_from(_TYPO), max_size=60)
paragraphs = st.lists(typo_text, max_size=4).map("\n".join)
any_text = st.text(max_size=80)
some_text = st.one_of(paragraphs, any_text)

# At least 300 examples (quote reading has many corners), more under the
# "thorough" profile of conftest.py.
SETTINGS = settings(max_examples=max(300, settings.default.max_examples), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _words(text: str) -> list[str]:
    """Letters, digits and marks, in order: what no profile may change."""
    return [c for c in text if c.isalnum() or unicodedata.category(c)[0] in "LNM"]


@pytest.mark.parametrize("profile", CONCRETE)
@SETTINGS
@given(text=some_text)
@example(text='a"b"c')
@example(text="'a' 'b'")
@example(text="« a » ‹b› ‚c‘ „d“")
@example(text='5\'10" et 27" "27"')
@example(text="rock 'n' roll in the '90s")
def test_every_profile_is_idempotent(profile: str, text: str) -> None:
    once = apply_typography(text, profile)
    assert apply_typography(once, profile) == once


@pytest.mark.parametrize("profile", CONCRETE)
@SETTINGS
@given(text=some_text)
def test_no_profile_changes_a_letter_or_a_digit(profile: str, text: str) -> None:
    assert _words(apply_typography(text, profile)) == _words(text)


@pytest.mark.parametrize("profile", CONCRETE)
@SETTINGS
@given(text=some_text)
def test_no_profile_changes_the_lines(profile: str, text: str) -> None:
    assert apply_typography(text, profile).count("\n") == text.count("\n")


@SETTINGS
@given(text=some_text)
def test_plain_has_only_ascii_punctuation_and_spaces(text: str) -> None:
    out = apply_typography(text, "plain")
    for char in out:
        if char.isascii() or char == "\n":
            continue
        category = unicodedata.category(char)
        assert category != "Zs", repr(char)
        if category[0] == "P":
            # Only signs with no ASCII spelling (§, ¶, †) may stay.
            assert plain_punctuation(char) is None, repr(char)


def test_plain_maps_every_quote_dash_and_space() -> None:
    marks = "‘’‚‛‹›“”„‟«»–—―‐‑‒…·•\u00a0\u202f\u2009\u3000。、¡¿"
    out = apply_typography(f"a {marks} b", "plain")
    assert out.isascii()


@pytest.mark.parametrize("profile", PROFILES)
@settings(max_examples=max(100, settings.default.max_examples), deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=50), lang=st.none()
       | st.sampled_from(["fr", "en", "de", "it", "en-US", ""]))
def test_no_input_raises(profile: str, text: str, lang: str | None) -> None:
    apply_typography(text, profile, lang)


def test_surrogates_do_not_raise() -> None:
    text = "a" + chr(0xD800) + "'b' \"c\" " + chr(0xDFFF)
    for profile in CONCRETE:
        apply_typography(text, profile)


def test_preserve_is_the_identity() -> None:
    text = "l'homme \"dit\" : « oui »... 12\u00a0000 -- fin ?"
    assert apply_typography(text, "preserve") == text


def test_auto_follows_the_language() -> None:
    text = '"Oui", dit-il...'
    assert apply_typography(text, "auto", "fr") == apply_typography(text, "fr")
    assert apply_typography(text, "auto", "en") == apply_typography(text, "en")
    assert apply_typography(text, "auto", "de") == apply_typography(text, "de")
    assert apply_typography(text, "auto", "it") == text
    assert apply_typography(text, "auto", None) == text
    assert resolve_profile("auto", "FR") == "fr"


def test_unknown_profile_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown typography profile"):
        apply_typography("x", "french")


# --- French -------------------------------------------------------------------

NNBSP, NBSP = "\u202f", "\u00a0"


def test_fr_guillemets_take_narrow_no_break_spaces_inside() -> None:
    assert apply_typography('Il a dit "non".', "fr") == f"Il a dit «{NNBSP}non{NNBSP}»."
    assert apply_typography("Il a dit « non ».", "fr") == f"Il a dit «{NNBSP}non{NNBSP}»."
    assert apply_typography("Il a dit “non”.", "fr") == f"Il a dit «{NNBSP}non{NNBSP}»."


def test_fr_spaces_before_high_punctuation() -> None:
    assert apply_typography("Quoi? Non! Bon; voici:", "fr") == (
        f"Quoi{NNBSP}? Non{NNBSP}! Bon{NNBSP}; voici{NBSP}:")
    assert apply_typography("Quoi ? Voici :", "fr") == f"Quoi{NNBSP}? Voici{NBSP}:"


@pytest.mark.parametrize("text", [
    "à 10:30 précises", "un ratio de 3:1", "voir https://www.euronews.com/a?id=3&b=4",
    "page.php?id=12", "bravo :) et ;) et :-( et :D", "code `a ? b : c` ici", "le score 3 : 1",
    "écrire à jean@exemple.fr?", "std::vector", "C:\\Windows",
])
def test_fr_spacing_leaves_technical_text_alone(text: str) -> None:
    assert apply_typography(text, "fr") == text


def test_fr_apostrophes_and_ellipsis() -> None:
    assert apply_typography("l'homme d'aujourd'hui...", "fr") == "l’homme d’aujourd’hui…"


# --- English and German -----------------------------------------------------


def test_en_quotes_and_apostrophes() -> None:
    assert apply_typography("\"It's rock 'n' roll from the '90s,\" she said.", "en") == (
        "“It’s rock ’n’ roll from the ’90s,” she said.")
    assert apply_typography("He said 'yes' and 'no'.", "en") == "He said ‘yes’ and ‘no’."
    assert apply_typography("the students' books", "en") == "the students’ books"


def test_inch_and_foot_marks_are_not_quotes() -> None:
    assert apply_typography('a 27" screen and a 5\'10" man', "en") == (
        'a 27" screen and a 5\'10" man')
    assert apply_typography('He measured "27"', "en") == "He measured “27”"


def test_en_removes_space_before_high_punctuation() -> None:
    assert apply_typography("Why ? Because : reasons !", "en") == "Why? Because: reasons!"
    assert apply_typography("smile :) wink ;)", "en") == "smile :) wink ;)"


def test_de_quotes() -> None:
    assert apply_typography('Er sagte: "Ja, \'vielleicht\'."', "de") == (
        "Er sagte: „Ja, ‚vielleicht‘.“")
    assert apply_typography("Er sagte „Ja“.", "en") == "Er sagte “Ja”."


# --- plain ------------------------------------------------------------------


def test_plain_is_ascii_punctuation_with_ordinary_spaces() -> None:
    text = f"«{NNBSP}Voilà{NNBSP}», dit-il — l’été…{NBSP}: 12{NBSP}000"
    assert apply_typography(text, "plain") == "\"Voilà\", dit-il - l'été... : 12 000"
