"""Offline language detection: a stopword vote, then py3langid when the vote is unsure.

News prose is a third function words, and each language has its own
(``language_stopwords`` in the lexicons, ``rules/lexicons/*.toml``): a
vote over the words of a sample (each word split between the languages
that share it) settles French, English, German, Spanish, Italian,
Portuguese and Dutch in some tens of microseconds. Close relatives vote too
(Afrikaans, Catalan, Galician, Romanian) so that they are not taken for
one of those. Anything else (another language or script, a list of names,
too close a vote, a relative winning) goes to py3langid,
whose model ships inside the package (``py3langid/data/model.npz.xz``):
it loads once, on first use, under a lock (about a second), then takes
0.2-1 ms per call in its pure-Python feature walk.

`detect_language` answers an ISO 639-1 code, or None when the text has too
few letters or py3langid is unsure.
"""

from __future__ import annotations

import math
import threading
import tomllib
from pathlib import Path
from typing import Any

from cleaner.bundled import bundled_lexicons_dir

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 1000
MODEL_SAMPLE_CHARS = 1000
# A clear vote needs far fewer words than the model: the sample's first
# VOTE_CHARS characters are asked first, the whole sample only when unclear.
VOTE_CHARS = 300


def read_stopwords(directory: Path) -> dict[str, str]:
    """Each language's ``language_stopwords`` in the lexicons of `directory` (``*.toml``).

    Only the top of each file is parsed: TOML puts every top-level key before
    the first table, and the junk vocabulary below it is the classifier's.
    """
    found: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        top = path.read_text(encoding="utf-8").split("\n[", 1)[0]
        data = tomllib.loads(top)
        words = data.get("language_stopwords")
        if isinstance(words, str) and isinstance(data.get("lang"), str):
            found[data["lang"]] = words
    return found


# The function words of news prose per language, from the bundled lexicons. A word
# in several lists counts for each of them, split evenly, so only distinctive words
# decide. Some languages only vote as decoys: they share function words with those
# of VOTED, and when one of them wins, the vote abstains and py3langid decides.
STOPWORDS: dict[str, str] = read_stopwords(bundled_lexicons_dir())
VOTED = ("fr", "en", "de", "es", "it", "pt", "nl")
LANGUAGES = tuple(STOPWORDS)


def _build_votes() -> dict[str, tuple[float, ...]]:
    """word -> its vote per language (in LANGUAGES order), split between the sharers.

    >>> votes = _build_votes()
    >>> dict(zip(LANGUAGES, votes["les"]))["fr"], dict(zip(LANGUAGES, votes["les"]))["ca"]
    (0.5, 0.5)
    >>> max(votes["the"]), max(votes["und"])
    (1.0, 1.0)
    """
    owners: dict[str, list[str]] = {}
    for lang, words in STOPWORDS.items():
        for word in dict.fromkeys(words.split()):
            owners.setdefault(word, []).append(lang)
    return {word: tuple(1.0 / len(langs) if lang in langs else 0.0 for lang in LANGUAGES)
            for word, langs in owners.items()}


# A vote is counted in whole units: every share of a word (1, 1/2, 1/3...) is a
# whole number of them.
_UNIT = math.lcm(*range(1, len(LANGUAGES) + 1))
# Bits per language in a packed vote: room for a thousand words of one language.
_FIELD = (1000 * _UNIT).bit_length()


def _pack(votes: tuple[float, ...]) -> int:
    """A word's votes as one integer, a field of `_FIELD` bits per language.

    Adding packed votes adds every language's votes at once, so that the
    sample's stopwords are summed by one C-level `sum` instead of a loop per
    language.

    >>> total, mask = _pack((1.0, 0.0, 0.5)) + _pack((0.0, 0.0, 0.5)), (1 << _FIELD) - 1
    >>> [(total >> (_FIELD * i) & mask) / _UNIT for i in range(3)]
    [1.0, 0.0, 1.0]
    """
    return sum(round(share * _UNIT) << (_FIELD * i) for i, share in enumerate(votes))


_VOTES = {word: _pack(votes) for word, votes in _build_votes().items()}
_LONGEST = max(map(len, _VOTES), default=0)
MIN_VOTES = 4.0
MIN_SHARE = 0.15  # of the sample's words
MIN_LEAD = 2.0  # the winner's votes over the runner-up's


def vote(text: str) -> str | None:
    """The language the stopwords of `text` name clearly, or None.

    >>> vote("Le président a déclaré que les troupes sont entrées dans la ville avec leurs chars.")
    'fr'
    >>> vote("The president said that the troops have entered the city with their tanks.")
    'en'
    >>> vote("Президент заявил, что войска вошли в город.") is None
    True
    >>> vote("El president ha dit que les tropes són a la ciutat amb els seus tancs.") is None
    True
    """
    words, voters, packed = tally(text)
    if voters < MIN_VOTES or voters < MIN_SHARE * words:
        return None
    # The two highest sums, read field by field (in units, exact): the winner is the
    # highest (score, language) pair, as a reverse sort of those pairs would put first.
    mask = (1 << _FIELD) - 1
    best, best_units, runner_up_units = "", -1, -1
    for lang in LANGUAGES:
        units = packed & mask
        packed >>= _FIELD
        if units > best_units or (units == best_units and lang > best):
            best, best_units, runner_up_units = lang, units, best_units
        elif units > runner_up_units:
            runner_up_units = units
    best_score, runner_up = best_units / _UNIT, runner_up_units / _UNIT
    if best_score < MIN_VOTES or best_score < MIN_LEAD * runner_up or best not in VOTED:
        return None
    return best


def tally(text: str) -> tuple[int, int, int]:
    """The words of `text` (lowered, split on whitespace), how many are stopwords, and
    their packed votes summed (a packed vote is never 0).

    Words glued to punctuation ("Russie.", "l'Ukraine") just do not vote; the text
    is only read, never rewritten.

    >>> words, voters, packed = tally("LE président parle. Les troupes")
    >>> words, voters, packed == _VOTES["le"] + _VOTES["les"]
    (5, 2, True)
    """
    words = text.split()
    votes, longest, is_lower = _VOTES, _LONGEST, str.islower
    found: list[int] = []
    for word in words:  # a plain loop: compiled, it beats map/filter/sum over builtins
        # Each word is lowered only when it may need it: lowering a whole text costs
        # more than the few capitalised short words. Sound because lowering maps each
        # character on its own, never to nor from whitespace (so it splits the same
        # words), never shortens a word, and leaves a word without upper or title case
        # letters as it is; stopwords are lower case (tests/test_lang.py checks all four).
        if len(word) > longest:
            continue
        vote_of = votes.get(word, 0)
        if not vote_of and not is_lower(word):
            vote_of = votes.get(word.lower(), 0)
        if vote_of:
            found.append(vote_of)
    return len(words), len(found), sum(found)


_identifier: Any = None
_lock = threading.Lock()


def _model() -> Any:
    """The py3langid identifier with normalised probabilities, built once."""
    if _identifier is None:
        with _lock:
            return _load_model()
    return _identifier


def _load_model() -> Any:
    """Builds the identifier unless another thread did while this one waited for the lock.

    A function of its own so that `_identifier` is read afresh here: in `_model`
    it is known to be None past the first test, which mypyc would enforce.
    """
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _sample(text: str, size: int) -> str:
    """At most `size` characters, from a third of the way in for long texts (past menus).

    >>> _sample("abc", 10), len(_sample("x" * 50 + "\\n" + "y" * 50, 20))
    ('abc', 20)
    """
    if len(text) <= size:
        return text
    start = text.find("\n", len(text) // 3, len(text) - size) + 1
    return text[start:start + size]


def detect_language_and_confidence(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of the text's language and the confidence behind it.

    A clear stopword vote answers with confidence 1.0; otherwise py3langid's
    normalised probability, None under MIN_CONFIDENCE.

    >>> detect_language_and_confidence("Hi")
    (None, 0.0)
    >>> detect_language_and_confidence("Der Präsident sagte am Montag, dass die Truppen nicht "
    ...                                "in der Stadt sind und auch nicht kommen werden.")
    ('de', 1.0)
    """
    sample = _sample(text, SAMPLE_CHARS)
    if len(sample) < 4 * MIN_LETTERS and sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None, 0.0
    voted = vote(sample[:VOTE_CHARS])
    if voted is None and len(sample) > VOTE_CHARS:
        voted = vote(sample)
    if voted is not None:
        return voted, 1.0
    lang, confidence = _model().classify(_sample(sample, MODEL_SAMPLE_CHARS))
    confidence = float(confidence)
    if confidence < MIN_CONFIDENCE:
        return None, confidence
    return str(lang), confidence


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when too short or unsure.

    >>> detect_language("Le président américain a autorisé l'Ukraine à frapper la Russie.")
    'fr'
    >>> detect_language("The president has authorised Ukraine to strike targets in Russia.")
    'en'
    >>> detect_language("Президент США разрешил Украине наносить удары по территории России.")
    'ru'
    >>> detect_language("OK 12 34") is None
    True
    """
    return detect_language_and_confidence(text)[0]
