"""Typography profiles: how quotes, apostrophes, dashes and punctuation spaces look.

`apply_typography(text, profile, lang)` works paragraph by paragraph (text
with LF between paragraphs), after repair and junk removal:

- ``preserve`` (the default) returns the text as it is: the source's quote,
  apostrophe and dash characters are kept, and the narrow slips the engine
  mends line by line (spacing, doubled periods) are all it needs.
- ``plain``: ASCII punctuation for indexing (' " - ...), every space ordinary.
- ``fr``: « » with narrow no-break spaces inside, NNBSP before ; ! ?, NBSP
  before :, ’ as apostrophe, '...' -> '…', spaced dashes as '–'.
- ``en``: “ ” and ‘ ’, ’ as apostrophe, no space before ; : ! ?, '…', '—'.
- ``de``: „ “ and ‚ ‘, ’ as apostrophe, no space before ; : ! ?, '…', '–'.
- ``auto``: the profile of the detected language (`lang`), else ``preserve``.

Guarantees, checked by property tests: every profile is idempotent; no
profile adds, removes or changes a letter, a digit or a combining mark;
`plain` leaves no non-ASCII punctuation that has an ASCII spelling. Nothing
here collapses spaces with ``\\s+`` or ``str.split()``: both eat NBSP and NNBSP.

How each quote mark is read and written is in `cleaner.typography.quotes`;
the ellipsis, punctuation spacing, dashes and `plain` in
`cleaner.typography.punctuation`. Spacing rules only act before a space or
the end of the paragraph, so times (10:30), ratios (3:1), URLs, ``?id=``
queries and emoticons (:-) ;)) stay as they are, and text between backticks
is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cleaner.text.chardata import HSPACES, NNBSP
from cleaner.typography.punctuation import (
    fix_dashes,
    fix_ellipsis,
    plain_punctuation,
    space_high_punctuation_fr,
    unspace_high_punctuation,
)
from cleaner.typography.quotes import ENGLISH, FRENCH, GERMAN, curl_quotes

PROFILES = ("preserve", "plain", "fr", "en", "de", "auto")
#: The profile `auto` picks for a detected language; others get `preserve`.
LANGUAGE_PROFILES = {"fr": "fr", "en": "en", "de": "de"}


def resolve_profile(profile: str, lang: str | None = None) -> str:
    """The concrete profile: `auto` becomes the language's profile, or `preserve`.

    >>> [resolve_profile("auto", lang) for lang in ("fr", "en-GB", "it")]
    ['fr', 'en', 'preserve']
    >>> resolve_profile("auto"), resolve_profile("plain", "fr")
    ('preserve', 'plain')
    >>> resolve_profile("fancy")
    Traceback (most recent call last):
    ...
    ValueError: unknown typography profile 'fancy'; choose one of preserve, plain, fr, en, de, auto
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown typography profile {profile!r}; "
                         f"choose one of {', '.join(PROFILES)}")
    if profile != "auto":
        return profile
    if not lang:
        return "preserve"
    return LANGUAGE_PROFILES.get(lang.replace("_", "-").split("-")[0].lower(), "preserve")


def apply_typography(text: str, profile: str = "preserve", lang: str | None = None) -> str:
    """Apply a typography profile to every paragraph of `text` (LF between paragraphs).

    >>> apply_typography('Il a dit : "Pourquoi?" L\\'homme...', "fr")
    'Il a dit\\xa0: «\\u202fPourquoi\\u202f?\\u202f» L’homme…'
    >>> apply_typography("« Non » , dit-il : l’été - 10:30, 3:1, https://x.fr/?id=2 :)", "en")
    '“Non” , dit-il: l’été — 10:30, 3:1, https://x.fr/?id=2 :)'
    >>> apply_typography("„Ja“, sagte er ‚leise‘.", "plain")
    '"Ja", sagte er \\'leise\\'.'
    >>> apply_typography("Er sagte “yes” and 'no' in the ’90s", "de")
    'Er sagte „yes“ and ‚no‘ in the ’90s'
    >>> apply_typography("l'homme \\"27\\"", "preserve")
    'l\\'homme "27"'
    """
    resolved = resolve_profile(profile, lang)
    if resolved == "preserve" or not text:
        return text
    fix = _PARAGRAPH[resolved]
    return "\n".join(fix(paragraph) if paragraph else paragraph for paragraph in text.split("\n"))


# --- the profiles -----------------------------------------------------------


def _fr(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, FRENCH, inner_space=NNBSP)
    paragraph = fix_ellipsis(paragraph)
    paragraph = space_high_punctuation_fr(paragraph)
    return fix_dashes(paragraph, "–")


def _en(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, ENGLISH)
    paragraph = fix_ellipsis(paragraph)
    paragraph = unspace_high_punctuation(paragraph)
    return fix_dashes(paragraph, "—")


def _de(paragraph: str) -> str:
    paragraph = curl_quotes(paragraph, GERMAN)
    paragraph = fix_ellipsis(paragraph)
    paragraph = unspace_high_punctuation(paragraph)
    return fix_dashes(paragraph, "–")


_GUILLEMET_INSIDE = re.compile(f"(?<=[«‹])[{HSPACES}]+|[{HSPACES}]+(?=[»›])")
_SPACE_RUN = re.compile(r" {2,}")


def _plain(paragraph: str) -> str:
    # No quote reading here: every mark becomes ' or ", only the spaces French
    # puts inside guillemets go (and guillemets are gone after one pass).
    if any(char in paragraph for char in "«»‹›"):
        paragraph = _GUILLEMET_INSIDE.sub("", paragraph)
    paragraph = plain_punctuation(paragraph)
    if "  " in paragraph:
        paragraph = _SPACE_RUN.sub(" ", paragraph)
    return paragraph.strip(" ")


_PARAGRAPH: dict[str, Callable[[str], str]] = {"fr": _fr, "en": _en, "de": _de, "plain": _plain}
