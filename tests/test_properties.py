"""Property tests: never lose body text, remove context-free junk, never hang, never crash.

The project's quality bar: removing a real sentence is far worse than leaving
a junk line. These tests generate articles from random body paragraphs (many
languages and scripts, quotes, numbers, URLs, abbreviations) with junk lines
from the rule files' own examples scattered between them, and check what
comes out.

Example counts are sized for CI (the whole file runs in well under a minute);
set ``CLEANER_PROPERTY_SCALE=10`` (or more) for a deeper run.
"""

from __future__ import annotations

import os
import random
import re
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Result
from cleaner.normalize.spaces import EXOTIC_SPACES, tidy_spaces
from cleaner.normalize.punctuation import fix_punctuation
try:
    from tests.strategies import (
        GENERIC_JUNK,
        RULES,
        SITE_JUNK,
        Article,
        article_with_marker,
        articles,
        body_paragraph,
        body_paragraphs,
        hostile_text,
        junk_like_paragraph,
        normalise_line,
    paragraph_key,
        subheading,
    )
except ModuleNotFoundError:  # tests/ is not a package: pytest put it on sys.path
    from strategies import (  # type: ignore[no-redef]
        GENERIC_JUNK,
        RULES,
        SITE_JUNK,
        Article,
        article_with_marker,
        articles,
        body_paragraph,
        body_paragraphs,
        hostile_text,
        junk_like_paragraph,
        normalise_line,
    paragraph_key,
        subheading,
    )

SCALE = max(1, int(os.environ.get("CLEANER_PROPERTY_SCALE", "1")))
SEEDS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "input"
SEEDS = {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))}
HANG_GUARD_SECONDS = 10.0

CLEANER = Cleaner()


def props(n: int, **kwargs: object) -> settings:
    """Settings for one property: `n` examples on CI (times the scale), no deadline."""
    if os.environ.get("CLEANER_PROPERTY_NO_SHRINK"):  # quick triage of a failure
        kwargs.setdefault("phases", (Phase.explicit, Phase.reuse, Phase.generate))
    return settings(max_examples=n * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much],
                    **kwargs)  # type: ignore[arg-type]


def clean(text: str, **kwargs: object) -> Result:
    return CLEANER.clean(text, **kwargs)  # type: ignore[arg-type]


def paragraphs(text: str) -> list[str]:
    """The kept lines of an output text (one paragraph per line, blank lines between)."""
    return [p for p in text.split("\n") if p]


_TO_SPACE = str.maketrans(dict.fromkeys(EXOTIC_SPACES, " "))
_WORD = re.compile(r"\S+")


def words(text: str) -> list[str]:
    """Words: runs of anything but whitespace of any kind (exotic spaces mapped first)."""
    return _WORD.findall(text.translate(_TO_SPACE))


CUT = "\x00"


def normalised_input(text: str, result: Result | None = None) -> list[str]:
    """The words of the input as the engine documents seeing it.

    NFC, then per line: spaces tidied and the two punctuation fixes. Every
    fragment an inline rule removed (listed in `result.removed`) is replaced
    by a CUT token: the words on both sides of a cut may be joined in the
    output ("dit ![](x), puis" gives "dit, puis").
    """
    lines = [fix_punctuation(tidy_spaces(line))
             for line in unicodedata.normalize("NFC", text).splitlines()]
    if result is not None:
        for removal in result.removed:
            if removal.fragment and 0 < removal.line <= len(lines):
                lines[removal.line - 1] = _cut(lines[removal.line - 1], removal.text)
    return words("\n".join(lines))


def _cut(line: str, fragment: str) -> str:
    """`line` with `fragment` replaced by a CUT token (the fragment may span earlier cuts)."""
    if fragment in line:
        return line.replace(fragment, f" {CUT} ", 1)
    pattern = f"(?: ?{CUT} ?)*".join(re.escape(char) for char in fragment.strip(" "))
    found = re.search(pattern, line)
    return line if found is None else f"{line[:found.start()]} {CUT} {line[found.end():]}"


def _word_at(source: list[str], j: int, word: str) -> int | None:
    """Where the match of `word` starting at source[j] ends (joining across cuts), or None."""
    if source[j] == CUT:
        return None
    candidate, k = source[j], j + 1
    while candidate != word:
        if k >= len(source) or source[k] != CUT or not word.startswith(candidate):
            return None
        while k < len(source) and source[k] == CUT:
            k += 1
        if k >= len(source):
            return None
        candidate, k = candidate + source[k], k + 1
    return k


def first_word_not_from_input(out: list[str], source: list[str]) -> str | None:
    """None when the output words are a subsequence of the input words (words on both
    sides of a cut may be joined); otherwise the first output word that is not found."""
    j = 0
    for word in out:
        while True:
            if j >= len(source):
                return word
            end = _word_at(source, j, word)
            if end is not None:
                j = end
                break
            j += 1
    return None


def first_missing(small: list[str], big: list[str]) -> str | None:
    """The first item of `small` that cannot be matched, in order, in `big`."""
    position = 0
    for item in small:
        try:
            position = big.index(item, position) + 1
        except ValueError:
            return item
    return None


def explain(result: Result) -> str:
    return "\n".join(f"  line {r.line}: {r.rule} removed {r.text!r}" for r in result.removed)


def assert_body_kept(result: Result, body: list[str]) -> None:
    kept = paragraphs(result.text)
    missing = first_missing(body, kept)
    assert missing is None, (
        f"body paragraph lost or reordered: {missing!r}\nremovals:\n{explain(result)}")


# ------------------------------------------------------------- 1. articles with junk

@props(150)
@given(articles())
def test_article_body_kept_and_junk_removed(article: Article) -> None:
    result = clean(article.text)
    assert_body_kept(result, article.body)
    kept = paragraphs(result.text)
    for rule_id, line in article.junk:
        assert normalise_line(line) not in kept, f"junk of {rule_id} survived: {line!r}"
    assert kept == article.body, f"removals:\n{explain(result)}"


@props(150)
@given(articles())
def test_article_output_words_are_input_words(article: Article) -> None:
    result = clean(article.text)
    missing = first_word_not_from_input(words(result.text),
                                        normalised_input(article.text, result))
    assert missing is None, f"output word {missing!r} is not an input word"


@props(100)
@given(articles())
def test_article_clean_is_idempotent(article: Article) -> None:
    once = clean(article.text).text
    assert clean(once).text == once


@props(60)
@given(body_paragraphs(min_size=1, max_size=6, slips=False))
def test_special_tokens_survive_verbatim(body: list[str]) -> None:
    """URLs, e-mails, numbers and abbreviations come out exactly as they went in."""
    out = clean("\n\n".join(body)).text
    assert out == "\n\n".join(normalise_line(p) for p in body) + "\n"
    for paragraph in body:
        for token in words(paragraph):
            assert token in out


# ------------------------------------------------------------------- arbitrary input

@props(200)
@given(hostile_text())
def test_arbitrary_text_never_raises(text: str) -> None:
    start = time.monotonic()
    result = clean(text)
    assert time.monotonic() - start < HANG_GUARD_SECONDS
    assert isinstance(result.text, str)
    assert result.text == "" or result.text.endswith("\n")


@props(200)
@given(st.text())
def test_any_unicode_never_raises(text: str) -> None:
    clean(text)
    clean(text, site=CLEANER.sites)


@props(150)
@given(hostile_text())
def test_arbitrary_output_words_are_input_words(text: str) -> None:
    result = clean(text)
    missing = first_word_not_from_input(words(result.text), normalised_input(text, result))
    assert missing is None, f"output word {missing!r} is not an input word"


@props(150)
@given(hostile_text())
def test_arbitrary_clean_is_idempotent(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


PATHOLOGICAL = {
    "200 KB line": "Le président a parlé. " * 9100,
    "200 KB of one letter": "x" * 200_000,
    "a*50000+!": "a" * 50_000 + "!",
    "![ * 10000": "![" * 10_000,
    "![a]( * 20000": "![a](" * 20_000,
    "![](x * 20000": "![](x" * 20_000,
    "spaces then x": " " * 50_000 + "x",
    "a-space * 30000 + !": "a " * 30_000 + "!",
    "aaaa.aaaa.": "aaaa.aaaa." * 10_000 + "!",
    "digits": "1" * 50_000 + "x",
    "Par + names": "Par " + "Jean " * 20_000,
    "Publié le + words": "Publié le " + "a " * 50_000,
    "PREV + 200 KB": "PREV " + "x" * 200_000,
    "credit soup": "Photo : " * 10_000 + "(AP" * 10_000 + "© " * 10_000,
    "copyright soup": "Copyright 2022 " * 10_000 + "All rights reserved.",
    "lire aussi soup": "Lire aussi : " * 10_000,
    "periods": "." * 100_000,
    "glued periods": "ab.cd" * 40_000,
    "nbsp soup": "\u00a0 " * 50_000 + "x",
    "contributed": "a " * 20_000 + "contributed to this",
    "mixed lines": "\n".join(["![a](" * 400, "a" * 2000 + "!", "Par " + "Jean " * 400] * 60),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_finishes(name: str) -> None:
    text = PATHOLOGICAL[name]
    start = time.monotonic()
    result = clean(text)
    elapsed = time.monotonic() - start
    assert elapsed < HANG_GUARD_SECONDS, f"{name}: {elapsed:.1f} s"
    # A line that is not junk comes out whole.
    assert len(result.text) >= 0.5 * len(tidy_spaces(text)) or result.removed


def test_many_lines_finish() -> None:
    text = "\n".join(f"Paragraphe {i} du texte, avec un point." for i in range(20_000))
    start = time.monotonic()
    result = clean(text)
    assert time.monotonic() - start < HANG_GUARD_SECONDS
    assert len(paragraphs(result.text)) == 20_000


# ---------------------------------------------------- 2. prose that resembles junk

@props(150)
@given(st.data())
def test_junk_like_prose_survives(data: st.DataObject) -> None:
    body = data.draw(st.lists(st.one_of(junk_like_paragraph(), body_paragraph(lang="fr")),
                              min_size=1, max_size=6, unique_by=paragraph_key))
    taken = {paragraph_key(b) for b in body}
    prose = data.draw(junk_like_paragraph().filter(lambda p: paragraph_key(p) not in taken))
    body.insert(data.draw(st.integers(0, len(body))), prose)
    sep = data.draw(st.sampled_from(["\n", "\n\n"]))
    result = clean(sep.join(body))
    assert_body_kept(result, [normalise_line(p) for p in body])


@props(100)
@given(st.data())
def test_subheadings_between_paragraphs_survive(data: st.DataObject) -> None:
    lines: list[str] = []
    headings = iter(data.draw(st.lists(subheading(), min_size=5, max_size=5,
                                       unique_by=paragraph_key)))
    for paragraph in data.draw(body_paragraphs(min_size=2, max_size=6, lang="fr")):
        if lines and data.draw(st.booleans()):
            lines.append(next(headings))
        lines.append(paragraph)
    sep = data.draw(st.sampled_from(["\n", "\n\n"]))
    result = clean(sep.join(lines))
    assert_body_kept(result, [normalise_line(p) for p in lines])


@props(150)
@given(article_with_marker())
def test_read_more_marker_mid_article_keeps_what_follows(case: tuple[str, list[str]]) -> None:
    text, kept = case
    result = clean(text)
    assert_body_kept(result, kept)
    assert paragraphs(result.text) == kept, f"removals:\n{explain(result)}"


# ------------------------------------------------------------- 3. site-specific junk

@pytest.mark.parametrize("site", sorted(SITE_JUNK))
@props(30)
@given(data=st.data())
def test_site_junk_removed_body_kept(site: str, data: st.DataObject) -> None:
    junk = SITE_JUNK[site]
    assert junk, f"site {site} has no context-free junk examples"
    article = data.draw(articles(junk=junk, max_body=6, max_junk=8))
    result = clean(article.text, site=site)
    assert_body_kept(result, article.body)
    kept = paragraphs(result.text)
    for rule_id, line in article.junk:
        assert normalise_line(line) not in kept, f"{site}: junk of {rule_id} survived: {line!r}"
    assert kept == article.body, f"removals:\n{explain(result)}"


def test_every_site_has_context_free_junk() -> None:
    assert set(SITE_JUNK) == set(RULES.site_rules)
    assert GENERIC_JUNK


# ---------------------------------------------------------------- 4. thread safety

def test_one_cleaner_many_threads_matches_serial() -> None:
    jobs: list[tuple[str, str | None]] = []
    for name, text in SEEDS.items():
        jobs += [(text, None), (text, "https://fr.euronews.com/x"), (text.upper(), None)]
    rng = random.Random(1234)
    jobs = jobs * 6
    rng.shuffle(jobs)
    serial_cleaner = Cleaner(RULES)
    expected = [serial_cleaner.clean(text, url=url) for text, url in jobs]
    for _ in range(3):
        shared = Cleaner(RULES)  # fresh: plans get built while threads race for them
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda job: shared.clean(job[0], url=job[1]), jobs))
        assert got == expected


# -------------------------------------------------------- 5. seeds under noise

@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_crlf_same_output(name: str) -> None:
    text = SEEDS[name]
    assert clean(text.replace("\n", "\r\n")).text == clean(text).text


@pytest.mark.parametrize("name", sorted(SEEDS))
@props(25)
@given(data=st.data())
def test_seed_stable_under_whitespace_noise(name: str, data: st.DataObject) -> None:
    text = SEEDS[name]
    lines = text.split("\n")
    noisy: list[str] = []
    pad = st.sampled_from(["", "", " ", "  ", "\t", "\u00a0", " \u00a0 ", "\u202f"])
    filler = st.lists(st.sampled_from(["", "\u00a0", " ", "\u00a0\u00a0", "\t"]), max_size=3)
    noisy += data.draw(filler)
    for i, line in enumerate(lines):
        noisy.append(line + data.draw(pad))
        between_paragraphs = i + 1 < len(lines) and (not line.strip() or not lines[i + 1].strip())
        if between_paragraphs:
            noisy += data.draw(filler)
    noisy += data.draw(filler)
    eol = data.draw(st.sampled_from(["\n", "\r\n"]))
    assert clean(eol.join(noisy)).text == clean(text).text


def test_blank_input_gives_empty_output() -> None:
    for text in ("", "\n", "\n\u00a0\n \r\n", "\u2028\u2029\x0c\x1c", "\t \u3000"):
        assert clean(text).text == ""
