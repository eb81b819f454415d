"""The engine's shortcuts give the answers of the slow, obvious code they replace.

Clean text skips per-line work when one scan of the document shows there is
none to do, repair skips steps its rare characters show have nothing to do,
and matchers turn lines away by length, opening characters and required texts
before any regex runs. Each shortcut is checked here against the plain
computation on text built to hit its edges: exotic and no-break spaces at line
edges, other line breaks, glued periods, mojibake pairs and their look-alikes,
control and invisible characters, decomposed accents, case variants.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.lines import index as index_module
from cleaner.lines.document import Document, Line, _is_tidy
from cleaner.lines.index import KeyIndex, TextFinder
from cleaner.lines.punctuation import (
    _has_glued_period,
    fix_punctuation,
    may_need_punctuation_fix,
)
from cleaner.rules.compile import LineMatcher
from cleaner.rules.credits import CreditMatcher
from cleaner.rules.load import load_rules
from cleaner.rules.model import Kind
from cleaner.rules.shape import prefixes
from cleaner.text import repair as repair_module
from cleaner.text import scan as scan_module
from cleaner.text.chardata import (
    MOJIBAKE_CONTINUATIONS,
    MOJIBAKE_CONTINUATIONS_1251,
    MOJIBAKE_CONTINUATIONS_1252,
    MOJIBAKE_LEADS_1251,
    MOJIBAKE_LEADS_1252,
    MOJIBAKE_LOST_A0,
    NFC_INERT_RANGES,
    REPAIR_SIGNATURE,
    SPECIAL_CHARS,
)
from cleaner.text.config import RepairConfig
from cleaner.text.detect import needs_char_repair
from cleaner.text.fixes.characters import fix_normalization_and_explain
from cleaner.text.repair import repair_text
from cleaner.text.scan import HARMLESS_ASCII, _scan, nfc_inert, scan_text
from cleaner.text.spaces import EXOTIC_SPACES, match_key, tidy_spaces

PIECES = [
    "Le", "président", "a", "dit", ".", "..", "Russie.selon", "euronews.com", " ", "  ", "\t",
    "\u00a0", "\u202f", "\u2009", "\u3000", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x0c", "ß",
    "PUBLICITÉ", "Photo : AP", "Par Euronews", "Suivez-nous sur Facebook", "© Reuters",
    "Tous droits réservés", "Follow us on Google News", "À lire aussi", "’", "«", "»",
    # mojibake and its look-alikes (a lead and a continuation apart, or side by side)
    "Ã©", "â€™", "Ã\u00a0", "Â ", "Ã", "Â", "é", "à", "ê", "–", "…", "“", "”", "Р", "С", "Ђ", "ё",
    "\ufffd", "\x85", "\x9d", "\x80",
    # what character repairs act on: entities, controls, invisibles, joiners, surrogates
    "&amp;", "&", "\u00ad", "\u200b", "\u200d", "\ufeff", "\x00", "\x1b", "\x7f", "\ud800",
    # exotic spaces and characters NFC changes or composes
    "\u2000", "\u3000", "\u205f", "e\u0301", "\u0301", "\u2126", "\u0483", "x.y", "a.b.",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# Much ASCII around a text: few rare characters, so the checks answer from the scan.
PAD = ("Le texte en ASCII. " * 10).strip()
# Any characters at all, to catch what the pieces did not think of.
any_texts = st.text(st.characters(codec=None), max_size=60)


def reference_lines(text: str, nfc: bool = True) -> list[tuple[int, str, str, str, bool]]:
    """The per-line computation the fast path must agree with."""
    if nfc:
        text = unicodedata.normalize("NFC", text)
    lines, blank_before = [], False
    for number, raw in enumerate(text.splitlines(), start=1):
        tidy = tidy_spaces(raw)
        if not tidy:
            blank_before = True
            continue
        tidy = fix_punctuation(tidy)
        lines.append((number, raw, tidy, match_key(tidy), blank_before))
        blank_before = False
    return lines


@settings(max_examples=300)
@given(texts, st.booleans())
def test_document_lines_match_the_per_line_computation(text: str, nfc: bool) -> None:
    doc = Document.from_text(text, nfc=nfc)
    got = [(line.number, line.original, line.text, line.key, line.blank_before)
           for line in doc.lines]
    assert got == reference_lines(text, nfc)
    assert all(line.folded == line.key.casefold() for line in doc.lines)
    assert [line.words for line in doc.lines] == [reference_words(line) for line in doc.lines]
    # Few rare characters in much ASCII: the answers come from the scan.
    for padded in (PAD + text + PAD, f"{PAD}\n{text}\n{PAD}", f"{text}\n{text}"):
        lines = Document.from_text(padded, nfc=nfc).lines
        got = [(line.number, line.original, line.text, line.key, line.blank_before)
               for line in lines]
        assert got == reference_lines(padded, nfc)
        assert [line.words for line in lines] == [reference_words(line) for line in lines]


def reference_words(line: Line) -> int:
    """A line's word count, counted on its key (`Line.words` may come from the scan)."""
    return line.key.count(" ") + 1 if line.key else 0


@settings(max_examples=200)
@given(any_texts)
def test_document_lines_match_on_any_text(text: str) -> None:
    got = [(line.number, line.original, line.text, line.key, line.blank_before)
           for line in Document.from_text(text).lines]
    assert got == reference_lines(text)


# --- the rare-character scan and the checks answered from it -----------------

REPAIR = re.compile(REPAIR_SIGNATURE)
SPECIAL = re.compile(f"[{SPECIAL_CHARS}]")


def reference_needs_char_repair(text: str) -> bool:
    """The one-regex scan `needs_char_repair` replaced."""
    if text.isascii():
        return re.search("[\x00-\x09\x0b-\x1f\x7f&]", text) is not None
    return REPAIR.search(text) is not None


@settings(max_examples=500)
@given(st.one_of(texts, any_texts))
@example("é «\u00a0Non\u00a0» – l’été")  # apart: false neighbours once ASCII is gone
@example("voilÃ le")
@example("Ã©")
@example("ÃÃ ")
@example("Р‚")
@example("\udc80")
def test_needs_char_repair_is_the_one_regex_scan(text: str) -> None:
    assert needs_char_repair(text) == reference_needs_char_repair(text)
    # Between long ASCII runs, so that the rare characters are few (not `Scan.dense`).
    padded = PAD + text + PAD
    assert not scan_text(padded).dense or len(text) > 40
    assert needs_char_repair(padded) == reference_needs_char_repair(padded)



def test_needs_char_repair_on_every_pair_of_mojibake_characters() -> None:
    """Every lead and continuation side by side, apart, and beside anything else."""
    others = " a\n\t&\u00ad\u2028\ud800\U0001f600\x85\x9d\x00\u00a0éÉ’«–\ufffdЖ"
    chars = sorted(set(MOJIBAKE_LEADS_1252 + MOJIBAKE_LEADS_1251 + "".join(MOJIBAKE_CONTINUATIONS)
                       + MOJIBAKE_LOST_A0 + others))
    for a in chars:
        for b in chars:
            for text in (a + b, "é" + a + b, a + b + "x", a + " " + b):
                for padded in (text, PAD + text, text + PAD):
                    assert needs_char_repair(padded) == reference_needs_char_repair(padded), text


@settings(max_examples=300)
@given(st.one_of(texts, any_texts))
def test_the_scan_is_the_plain_computation(text: str) -> None:
    found = scan_text(text)
    utf8 = text.encode("utf-8", "surrogatepass")
    assert found.dense == ((len(utf8) - len(text)) * 4 > len(text))
    assert found.rare == (text if found.dense else "".join(c for c in text
                                                           if c not in HARMLESS_ASCII))
    assert found.double_space == ("  " in text)
    assert found.edge_space == (" \n" in text or "\n " in text)
    assert found.line_spaces == tuple(line.count(" ") for line in text.split("\n"))
    plain = all(not SPECIAL.match(c) and c not in EXOTIC_SPACES
                and any(low <= ord(c) <= high for low, high in NFC_INERT_RANGES)
                for c in found.rare)
    assert found.plain == (plain and not found.dense)
    assert found.pairs == (not found.dense and PAIRS.search(text) is not None)
    # Remembered for the same text object only.
    assert scan_text(text) is found
    copy = "".join([text, "x"])[:-1]
    assert scan_text(copy) == found
    assert scan_text(text) == _scan(text)


PAIRS = re.compile(
    f"[{re.escape(MOJIBAKE_LEADS_1252)}][{re.escape(MOJIBAKE_CONTINUATIONS_1252)}]"
    f"|[{re.escape(MOJIBAKE_LEADS_1251)}][{re.escape(MOJIBAKE_CONTINUATIONS_1251)}]"
    f"|[{re.escape(MOJIBAKE_LOST_A0)}] ")
needs_c = pytest.mark.skipif(scan_module._c_scan is None,
                             reason="the C scan is not built (sources, editable install)")
# Texts of each internal width (Latin-1, BMP, beyond), with the characters every class
# bit is about, and surrogates.
wide_texts = st.one_of(texts, any_texts, st.lists(st.sampled_from(
    [*PIECES, "\U0001f600", "\U00010000", "\uffff", "\u0100", "\u07ff", "\u0800"]),
    max_size=60).map("".join))


@needs_c
@settings(max_examples=1000)
@given(wide_texts)
@example("")
@example("\U0001f600")
@example("Ã©\U0001f600")
def test_the_c_scan_is_the_python_scan(text: str) -> None:
    for variant in (text, PAD + text + PAD, text * 3):
        assert scan_module._scan(variant) == scan_module._scan_python(variant)


@needs_c
def test_the_c_scan_on_every_pair_of_classed_characters() -> None:
    """Every two characters the class table tells apart, side by side and apart."""
    table = scan_module._classes()
    kinds: dict[int, str] = {}
    for code in range(0x10000):
        kinds.setdefault(table[code], chr(code))
    chars = sorted(set(kinds.values()) | set(MOJIBAKE_LOST_A0 + " \n\U0001f600"))
    for a in chars:
        for b in chars:
            for text in (a + b, a + "x" + b, PAD + a + b, a + b + PAD):
                assert scan_module._scan(text) == scan_module._scan_python(text), text


def test_harmless_ascii_is_what_no_check_asks_about() -> None:
    """Every ASCII character a rare-character check names is kept."""
    asked = EXOTIC_SPACES + "\r\x0b\x0c\x1c\x1d\x1e\x1b\x00\x7f\t&"  # special: above
    for char in map(chr, range(128)):
        assert (char in HARMLESS_ASCII) == (not SPECIAL.match(char)), repr(char)
        if char in asked:
            assert char not in HARMLESS_ASCII, repr(char)
    assert "\n" in HARMLESS_ASCII and " " in HARMLESS_ASCII and "." in HARMLESS_ASCII


def _maybe_composing() -> set[str]:
    """Characters that may compose with the one before them (NFC_Quick_Check=Maybe):
    the second character of every canonical pair that NFC composes."""
    found = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = [chr(int(part, 16)) for part in decomposition.split()]
            if len(parts) == 2 and unicodedata.normalize("NFC", "".join(parts)) == chr(code):
                found.add(parts[1])
    return found


def test_nfc_inert_ranges_hold_only_inert_characters() -> None:
    """Assigned, combining class 0, left as they are by NFC (not Quick_Check=No), never
    composing with the character before (not Maybe): text of these alone is NFC."""
    maybe = _maybe_composing()
    assert "\u0301" in maybe and "\u3099" in maybe  # the enumeration works
    for low, high in NFC_INERT_RANGES:
        for char in map(chr, range(low, high + 1)):
            assert unicodedata.category(char) != "Cn", hex(ord(char))
            assert unicodedata.combining(char) == 0, hex(ord(char))
            assert unicodedata.normalize("NFC", char) == char, hex(ord(char))
            assert char not in maybe, hex(ord(char))
    # Below U+0300, everything is.
    assert NFC_INERT_RANGES[0] == (0, 0x2FF)


@settings(max_examples=300)
@given(st.one_of(texts, any_texts))
@example("pre\u0301sident")
@example("Le président")
@example("\u2000")
@example("a\u0483")
def test_nfc_inert_never_says_yes_to_text_nfc_changes(text: str) -> None:
    if nfc_inert(scan_text(text)):
        assert unicodedata.is_normalized("NFC", text)
        assert fix_normalization_and_explain(text).text is text


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*PIECES, "..", "...", ".»", ".”", ".é", ".É", ".ß", ".\u00a0",
                                 "élan.été", "fin.ensuite", "Russie.selon"]),
                max_size=30).map("".join) | any_texts)
@example("x.ǅ")
@example("été.ǆa")
@example("a.\U0001d41a")
def test_punctuation_check_is_the_plain_one(text: str) -> None:
    assert may_need_punctuation_fix(text) == (".." in text or _has_glued_period(text))


def reference_is_tidy(text: str, exotic: list[str]) -> bool:
    """`_is_tidy` before the scan: substring tests on the whole text."""
    edges = [" ", *exotic]
    if any(n in text for n in ("\t", "  ", " \n", "\n ")) or text[:1] in edges or (
            text[-1:] in edges):
        return False
    mixed = (" \u00a0", "\u00a0 ", " \u202f", "\u202f ")
    return not any(f"\n{e}" in text or f"{e}\n" in text for e in exotic) and not (
        exotic and any(m in text for m in mixed))


@settings(max_examples=300)
@given(st.one_of(texts, any_texts))
@example("un\u3000\ndeux")
@example("un\n\u2000deux")
@example("\u00a0un")
@example("un \n")
def test_is_tidy_is_the_plain_check(text: str) -> None:
    exotic = [char for char in EXOTIC_SPACES if char in text]
    if not any(char in text for char in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        assert _is_tidy(text, scan_text(text), exotic) == reference_is_tidy(text, exotic)


def reference_repair(text: str, config: RepairConfig) -> tuple[str, list[object]]:
    """`repair_text` before the scan: every step asked, the one-regex check."""
    form = "NFKC" if config.nfkc else ("NFC" if config.nfc else None)
    character_steps = repair_module._character_steps(config)
    layout_steps = repair_module._layout_steps(config)
    repairs: dict[str, object] = {}
    for _ in range(repair_module._MAX_ROUNDS):
        changed = False
        flagged = bool(character_steps) and (reference_needs_char_repair(text) or not (
            config.mojibake_gate or text.isascii()))
        if flagged:
            for step, fix in character_steps:
                fixed = fix(text)
                if fixed.text != text:
                    repair_module._merge(repairs, step, fixed)  # type: ignore[arg-type]
                    text, changed = fixed.text, True
        if form is not None:
            fixed = fix_normalization_and_explain(text, form)
            if fixed.text != text:
                repair_module._merge(repairs, form.lower(), fixed)  # type: ignore[arg-type]
                text, changed = fixed.text, True
        layout_changed = False
        for step, fix in layout_steps:
            fixed = fix(text)
            if fixed.text != text:
                repair_module._merge(repairs, step, fixed)  # type: ignore[arg-type]
                text, layout_changed = fixed.text, True
        if not changed and not (layout_changed and (
                flagged or any(lead in text for lead in ("\u00c2 ", "\u00c3 ")))):
            break
    return text, sorted(repairs.values(),
                        key=lambda repair: repair_module._STEP_ORDER[repair.step])  # type: ignore[attr-defined]


CONFIGS = [RepairConfig(), dataclasses.replace(RepairConfig(), nfkc=True),
           dataclasses.replace(RepairConfig(), mojibake_gate=False),
           dataclasses.replace(RepairConfig(), spaces=False, line_endings=False),
           dataclasses.replace(RepairConfig.nothing(), nfc=True, spaces=True, stray_nbsp=True)]


@pytest.mark.parametrize("config", CONFIGS, ids=range(len(CONFIGS)))
@settings(max_examples=150, deadline=None)
@given(text=texts)
@example(text="Il s’est opposÃ© Ã\tcette demande.\n Â \nIl a dit â€œoui\u00adâ€\x9d.")
@example(text="pre\u0301sident  à\u00a0la Partager\u00a0cet\r\n")
def test_repair_is_the_plain_loop(config: RepairConfig, text: str) -> None:
    assert repair_text(text, config) == reference_repair(text, config)
    padded = f"{PAD}\n{text}\n{PAD}"
    assert repair_text(padded, config) == reference_repair(padded, config)


RULES = load_rules(())
MATCHERS = [LineMatcher((r.id, r.match) for r in RULES.generic if r.kind is kind)
            for kind in (Kind.LINE, Kind.HEAD, Kind.TAIL)]
FINGERPRINTS = LineMatcher((s.name, s.fingerprints) for s in RULES.sites.values()
                           if s.fingerprints)
CREDITS = CreditMatcher([(r.id, r.match) for r in RULES.generic if r.kind is Kind.CAPTION])

lines = st.lists(st.sampled_from(PIECES[:3] + PIECES[22:] + ["x" * 300, "Le " * 90]),
                 min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300)
@given(st.lists(lines, min_size=1, max_size=6))
def test_prefilters_never_turn_away_a_line_that_matches(keys: list[str]) -> None:
    keys = [match_key(k) for k in keys]
    index = KeyIndex(keys)
    for matcher in [*MATCHERS, FINGERPRINTS]:
        candidates = matcher.candidates(index)
        for i, key in enumerate(keys):
            if matcher.match(key) is not None or matcher.match_all(key):
                assert i in candidates and matcher.could_match(key), key
            assert (i in candidates) == matcher.could_match(key), key
    credit_candidates = CREDITS.candidates(index)
    for i, key in enumerate(keys):
        if CREDITS.match(key) is not None:
            assert credit_candidates is None or i in credit_candidates, key


@pytest.mark.parametrize("matcher", [*MATCHERS, FINGERPRINTS], ids=["line", "head", "tail",
                                                                     "fingerprints"])
def test_every_literal_in_any_case_is_a_candidate(matcher: LineMatcher) -> None:
    literals = [*matcher._exact, *matcher._folded]
    for literal in literals:
        for key in {literal, literal.upper(), literal.title(), literal.capitalize(),
                    literal.replace("ss", "ß"), literal.replace("fi", "ﬁ")}:
            if matcher.match(key) is not None:
                assert 0 in matcher.candidates(KeyIndex([key])), key


# Texts the matchers look for over whole documents, and more that share their words.
FINDER_TEXTS = sorted({f.text for m in [*MATCHERS, FINGERPRINTS] for f, _ in m._wide_gated}
                      | {f.text for f, _ in CREDITS._gate or ()}
                      | {"Reporting contributed by", "contributed-reporting", "Straße gesperrt",
                         "Straße frei", "Kelvin scale", "kelvin degrees", "financement public",
                         "Financement privé", "Contributions publiques", "contribuable aisé",
                         "massiver Stau", "massifs montagneux", "overall rights reserved",
                         "© all rights reserved"})
FINDERS = [TextFinder(text) for text in FINDER_TEXTS]
FOLD_PIECES = ["ß", "ẞ", "ﬁ", "ﬀ", "ﬅ", "ſ", "\u212a", "İ", "ı", "\u0301", "\u0307", "ŉ", "ǰ",
               "SS", "St", "-", " ", "\n", "é", "É"]


CASED_FINDER_TEXTS = [t.upper() for t in FINDER_TEXTS] + [t.title() for t in FINDER_TEXTS]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PIECES + FINDER_TEXTS + FOLD_PIECES + CASED_FINDER_TEXTS),
                max_size=30).map("".join))
@example("Reuters contribuTed to this report")
@example("Strasse gesperrt")
@example("Straße gesperrt")
@example("ﬁnancement public, \u212aelvin scale")
@example("contributed\u0301 reporting")
@example("CONTRIBUÉ, contribuﬅ, Contribuables")
def test_anchored_searches_find_what_the_plain_search_finds(text: str) -> None:
    index = KeyIndex(text.split("\n"))
    for finder in FINDERS:
        assert index.holds(finder) == finder(index.text), (finder.text, text)


def test_anchor_words_that_start_alike_share_a_stem_searched_first() -> None:
    # The bundled rules' "contributed" and "contribué": one search of "contribu" when both
    # are missing.
    index = KeyIndex(["Le président a parlé.", "Reuters"])
    word = TextFinder("contributed to this report").anchor()
    assert word is not None and word.text == "contributed"
    stem = word.anchor()
    assert stem is not None and stem.text == "contribu"
    assert not index.holds(word) and index._holds == {"contribu": False, "contributed": False}


def test_a_text_that_holds_another_is_anchored_on_it() -> None:
    # The bundled credit gates ". all rights reserved" and "all rights reserved": one
    # search of the shorter, not of their word "rights", when it is missing.
    index = KeyIndex(["Le président a parlé.", "Reuters"])
    longer = TextFinder(". All rights reserved")
    shorter = longer.anchor()
    assert shorter is not None and shorter.text == "all rights reserved"
    assert shorter.anchor() is None
    assert not index.holds(longer) and set(index._holds) == {". All rights reserved",
                                                             "all rights reserved"}


def test_no_character_folds_to_a_letter_and_a_non_letter() -> None:
    # Nor to a mark and a character that is neither letter nor mark: a text held whole
    # (`holds_whole`) or a word between non-letters is matched wherever its holder is.
    for code in range(0x110000):
        char = chr(code)
        for folded in {char.casefold(), char.lower(), char.upper()}:
            kinds = {unicodedata.category(c)[0] in "LM" for c in folded}
            assert len(kinds) == 1, hex(code)


def test_the_letter_pairs_characters_fold_to_are_known() -> None:
    # A character whose full case folding (or lowering) holds an ASCII letter then a letter
    # may match those two letters of a search text as a whole: a stem must not end between
    # them. Checked against every character.
    import regex

    letter = regex.compile(r"\p{L}")
    pairs = set()
    for code in range(0x110000):
        char = chr(code)
        for folded in {char.casefold(), char.lower()}:
            for x, y in itertools.pairwise(folded):
                if x.isascii() and x.isalpha() and letter.match(y):
                    pairs.add(x + y)
    assert pairs == index_module._FOLDED_PAIRS


@given(st.sampled_from([r"Par \p{Lu}\w{1,20}", r"(?:Publié|Mis à jour)(?: le)? \d{1,2}",
                        r"\[?(?:Read|See) more: .{1,80}", r"(?:Additional )?Reporting by .{3,9}",
                        r"Stra(?:ß|ss)e \d{1,3}"]),
       st.text(alphabet="PpaAuUbBlLiIéÉ[rRsSeE mMoO:AdDtTßß0123456789", max_size=30))
def test_every_match_starts_with_one_of_the_pattern_openings(pattern: str, tail: str) -> None:
    import regex
    openings = prefixes(pattern, 3)
    assert openings is not None
    for text in (tail, "Par " + tail, "Mis à jour le 1" + tail, "[Read more: " + tail,
                 "Reporting by " + tail, "Straße 12"):
        if regex.fullmatch(f"(?i:{pattern})", text):
            assert text.casefold()[:3] in openings or any(
                text.casefold().startswith(o) for o in openings), (pattern, text)
