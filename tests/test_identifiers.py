"""The punctuation fixer and the typography profiles never touch identifiers.

Module paths, file names, domains, versions, e-mail addresses, URLs, code,
numbers and abbreviations come out of the cleaner exactly as they went in,
inside prose of many languages. The fixer still mends a period glued to the
next word of prose ("Russie.selon", "wire.but").
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.lines.punctuation import fix_punctuation
from cleaner.text.lang import STOPWORDS
from cleaner.typography.profiles import apply_typography
from tests.strategies import LANGS, RULES, body_paragraph

CLEANER = Cleaner(RULES)

# Two-part names the fixer used to split ("os. path"), and other shapes it must not touch.
KNOWN_IDENTIFIERS = [
    "os.path", "django.conf", "sys.argv", "torch.nn", "np.array", "go.mod", "go.sum",
    "inetd.conf", "pacman.conf", "cups.service", "network.target", "obj.real", "self.content",
    "asyncio.sleep", "time.sleep", "json.tool", "process.on", "model.to", "document.title",
    "arguments.length", "Response.ok", "Promise.resolve", "Cow.prototype", "Cargo.lock",
    "Program.cs", "TodoList.tsx", "NuGet.config", "Levels.fyi", "report.pdf", "index.html",
    "example.com", "www.lemonde.fr", "v1.2.3", "3.11.4", "jean.dupont@example.org",
    "https://docs.example.org/library/os.path.html", "foo.bar()", "a.b_c", "3.14", "1.000,50",
    "U.S.", "i.e.", "e.g.", "sklearn.model_selection", "django.conf.settings",
]


@pytest.mark.parametrize("identifier", KNOWN_IDENTIFIERS)
def test_identifier_in_prose_is_left_alone(identifier: str) -> None:
    line = f"Le module {identifier} est utilisé partout dans le projet."
    assert fix_punctuation(line) == line
    assert CLEANER.clean(line).text == line + "\n"


@pytest.mark.parametrize(("slip", "fixed"), [
    ("des cibles en Russie.selon un responsable.", "des cibles en Russie. selon un responsable."),
    ("pull the wire.but if you know how.", "pull the wire. but if you know how."),
    ("blood pressure etc.with his herbs.", "blood pressure etc. with his herbs."),
    ("it is not free software.the rest is.", "it is not free software. the rest is."),
    ("au conflit.. Il a dit.selon lui", "au conflit. Il a dit. selon lui"),
    ("er sagte es.und dann ging er.", "er sagte es. und dann ging er."),
])
def test_period_glued_to_a_prose_word_is_still_fixed(slip: str, fixed: str) -> None:
    assert fix_punctuation(slip) == fixed


# ------------------------------------------------------------------ the property

# A name part that is a function word of prose ("obj.the", "x.und") cannot be told
# from a sentence glued to the next ("wire.but"): the fixer mends those, by design.
_FUNCTION_WORDS = frozenset(word for words in STOPWORDS.values() for word in words.split())
_PART_WORDS = """os path sys argv django conf settings http models utils torch nn numpy
    linalg self content process model document title length window location config
    logging asyncio sleep time json tool request response headers status body session
    cookies user name data value items keys index count format parse query result state
    props node module exports app router server client db engine cursor fetch render
    widget field errors form message target service socket timer mount mod sum lock
    prototype resolve real imag ok""".split()
_NAME_PART = st.one_of(
    st.sampled_from(_PART_WORDS),
    st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True),
).filter(lambda part: part not in _FUNCTION_WORDS)
_CAPITALISED = _NAME_PART.map(lambda part: part[:1].upper() + part[1:])
_EXTENSION = st.one_of(
    st.sampled_from("pdf html md rst toml lock cs tsx vue tex wasm mbox pid gpg conf".split()),
    st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True),
).filter(lambda ext: ext not in _FUNCTION_WORDS)
_LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
_TLD = st.from_regex(r"[a-z]{2,8}", fullmatch=True).filter(lambda tld: tld not in _FUNCTION_WORDS)
_NUMBER = st.integers(0, 999).map(str)


def _dotted(parts: list[str]) -> str:
    return ".".join(parts)


def _domain() -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["", "www.", "docs.", "fr."]), _LABEL, _TLD).map(
        lambda t: f"{t[0]}{t[1]}.{t[2]}")


IDENTIFIERS: st.SearchStrategy[str] = st.one_of(
    # Module paths and attribute access: os.path, django.conf.settings, Response.ok.
    st.lists(_NAME_PART, min_size=2, max_size=4).map(_dotted),
    st.tuples(_CAPITALISED, _NAME_PART).map(_dotted),
    # File names.
    st.tuples(st.one_of(_NAME_PART, _CAPITALISED), _EXTENSION).map(_dotted),
    _domain(),
    # Versions.
    st.tuples(st.sampled_from(["", "v", "Python ", "version "]),
              st.lists(_NUMBER, min_size=2, max_size=4)).map(lambda t: t[0] + _dotted(t[1])),
    # E-mail addresses and URLs.
    st.tuples(st.lists(_NAME_PART, min_size=1, max_size=2).map(_dotted), _domain()).map(
        lambda t: f"{t[0]}@{t[1]}"),
    st.tuples(st.sampled_from(["https://", "http://"]), _domain(),
              st.lists(_NAME_PART, max_size=3), st.one_of(st.just(""), _EXTENSION)).map(
        lambda t: t[0] + t[1] + "".join(f"/{p}" for p in t[2]) + (f".{t[3]}" if t[3] else "")),
    # Code: calls, snake_case attributes, indexing.
    st.tuples(_NAME_PART, _NAME_PART).map(lambda t: f"{t[0]}.{t[1]}()"),
    st.tuples(_NAME_PART, _NAME_PART, _NAME_PART).map(lambda t: f"{t[0]}.{t[1]}_{t[2]}"),
    # Numbers and abbreviations.
    st.tuples(_NUMBER, _NUMBER).map(_dotted),
    st.sampled_from(["1.000,50", "12.500.000", "3,14", "U.S.", "i.e.", "e.g.", "U.S.A.", "p.m."]),
)


@st.composite
def prose_with_identifiers(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A prose paragraph of any language with identifiers between its words."""
    lang = draw(st.sampled_from(LANGS))
    words = draw(body_paragraph(lang=lang, slips=False)).split(" ")
    identifiers = draw(st.lists(IDENTIFIERS, min_size=1, max_size=4))
    for identifier in identifiers:
        at = draw(st.integers(1, len(words)))
        after = draw(st.sampled_from(["", "", ",", ")", ";"]))
        words.insert(at, ("(" if after == ")" else "") + identifier + after)
    return " ".join(words), identifiers


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(prose_with_identifiers())
def test_identifiers_survive_the_punctuation_fixer(case: tuple[str, list[str]]) -> None:
    text, identifiers = case
    fixed = fix_punctuation(text)
    for identifier in identifiers:
        assert identifier in fixed, f"{identifier!r} rewritten: {fixed!r}"


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(prose_with_identifiers(), st.sampled_from(["preserve", "en", "fr", "de", "plain"]))
def test_identifiers_survive_the_cleaner(case: tuple[str, list[str]], profile: str) -> None:
    text, identifiers = case
    out = apply_typography(CLEANER.clean(text).text, profile)
    for identifier in identifiers:
        assert identifier in out, f"{identifier!r} rewritten: {out!r}"
