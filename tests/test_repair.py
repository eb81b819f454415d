"""repair_text: corruption round trips on the seed articles, properties, single steps."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import ftfy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.result import Repair
from cleaner.text.config import RepairConfig
from cleaner.text.detect import might_be_mojibake, needs_char_repair
from cleaner.text.repair import repair_text
from cleaner.text.spaces import match_key
from tests.corrupt import (
    CORRUPTIONS,
    control_chars,
    crlf_tabs_trailing,
    mojibake_cp1252,
    mojibake_latin1,
    same_text,
)

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
INPUTS = sorted((SEEDS / "input").glob("*.txt"))
GOLDS = sorted((SEEDS / "gold").glob("*.txt"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- round trips ------------------------------------------------------------


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_repair_undoes_each_corruption(path: Path, corruption: str) -> None:
    text = _read(path)
    broken = CORRUPTIONS[corruption](text)
    assert broken != text
    repaired, repairs = repair_text(broken)
    assert same_text(repaired) == same_text(repair_text(text)[0])
    assert repairs


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_clean_text_comes_back_untouched(path: Path) -> None:
    text = _read(path)
    assert repair_text(text) == (text, [])


@pytest.mark.parametrize("path", GOLDS + INPUTS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_clean_text_never_reaches_ftfy(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("ftfy was called on clean text")

    monkeypatch.setattr(ftfy, "fix_encoding_and_explain", boom)
    monkeypatch.setattr(ftfy, "fix_text", boom)
    repair_text(_read(path))
    assert not might_be_mojibake(_read(path))


def test_mojibake_only_sends_the_broken_lines_to_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = ftfy.fix_encoding_and_explain

    def spy(text: str, config: ftfy.TextFixerConfig) -> ftfy.ExplainedText:
        seen.append(text)
        return real(text, config)

    monkeypatch.setattr(ftfy, "fix_encoding_and_explain", spy)
    text = "Une ligne propre, déjà.\n" + mojibake_cp1252("Une ligne cassée, déjà.") + "\nFin"
    assert repair_text(text)[0] == "Une ligne propre, déjà.\nUne ligne cassée, déjà.\nFin"
    assert seen == [mojibake_cp1252("Une ligne cassée, déjà.")]


# --- properties -------------------------------------------------------------

_BROKEN = "aéÃÂâ€™©‰\u00a0\u202f \t\r\n&;#x0123amp\u00ad\u200b\u200d\u200c\ufeff\x00\x85\x92\u0301"
broken_text = st.text(alphabet=st.sampled_from(_BROKEN), max_size=60)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)
# At least 200 examples (these properties guard the repair order), more under the
# "thorough" profile of conftest.py.
SETTINGS = settings(max_examples=max(200, settings.default.max_examples), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=st.one_of(broken_text, any_text))
def test_no_input_raises(text: str) -> None:
    repair_text(text)
    repair_text(text, RepairConfig(nfkc=True, mojibake_gate=False))


@SETTINGS
@given(text=st.one_of(broken_text, any_text))
@example(text="Ã&#169; ok")
@example(text="&\u200bamp;")
@example(text="Â\t0")
@example(text="â‰\t0")
def test_repair_is_idempotent(text: str) -> None:
    once = repair_text(text)[0]
    assert repair_text(once) == (once, [])


@SETTINGS
@given(text=st.one_of(broken_text, any_text))
def test_output_is_encodable_and_has_no_controls(text: str) -> None:
    out = repair_text(text)[0]
    out.encode("utf-8")
    assert not any(c < " " and c != "\n" for c in out)
    assert "\r" not in out and "\ufeff" not in out and "\u00ad" not in out


@SETTINGS
@given(text=st.text(min_size=1, max_size=40).filter(lambda t: not t.isascii()))
def test_gate_flags_all_windows_1252_and_latin1_mojibake(text: str) -> None:
    assert might_be_mojibake(mojibake_cp1252(text))
    assert might_be_mojibake(mojibake_latin1(text))
    assert might_be_mojibake(mojibake_cp1252(mojibake_cp1252(text)))


_CP1252_CHARS = "".join(sorted(set(mojibake_cp1252(chr(c)) for c in range(0x80, 0x800))))


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(_CP1252_CHARS + "ab .’"), max_size=12))
def test_gate_never_hides_a_line_ftfy_would_fix_as_windows_1252(text: str) -> None:
    fixed, plan = ftfy.fix_encoding_and_explain(text)
    encodings = {param for action, param in plan or () if action == "encode"}
    # (decode_inconsistent_utf8 plans name no encoding: they may be any of ftfy's.)
    if fixed != text and encodings and encodings <= {"latin-1", "sloppy-windows-1252"}:
        assert might_be_mojibake(text)


# --- the cases the issue names ------------------------------------------------


@pytest.mark.parametrize(("broken", "key"), [
    ("PUBLICITÃ‰", "PUBLICITÉ"),
    ("PUBLI&shy;CITÉ", "PUBLICITÉ"),
    ("PUBLI\u00adCIT\u200bÉ", "PUBLICITÉ"),
    ("Partager&nbsp;cet article", "Partager cet article"),
    ("Partager\u00a0cet\u202farticle", "Partager cet article"),
    ("\ufeffPUBLICITE\u0301\r\n", "PUBLICITÉ"),
])
def test_repair_runs_before_junk_matching(broken: str, key: str) -> None:
    assert match_key(repair_text(broken)[0].split("\n")[0]) == key


def test_encoding_is_repaired_before_any_no_break_space_is_mapped() -> None:
    # 'à' in Windows-1252 mojibake is 'Ã' + NBSP: mapping the NBSP first would lose it.
    assert repair_text(mojibake_cp1252("voilà tout, à Paris"))[0] == "voilà tout, à Paris"
    assert repair_text("Ã\u00a0 Paris")[0] == "à Paris"


@pytest.mark.parametrize("text", ["AT&T", "R&D", "S&P 500", "Q&A", "Procter & Gamble",
                                  "x=1&y=2", "&notanentity;", "M&Ms"])
def test_literal_ampersands_are_left_alone(text: str) -> None:
    assert repair_text(text)[0] == text


def test_entities_are_decoded_until_stable() -> None:
    assert repair_text("caf&amp;eacute; &amp;amp;amp; &#8217;")[0] == "café & ’"
    text, repairs = repair_text("l&amp;rsquo;&eacute;t&eacute;")
    assert text == "l’été"
    assert repairs == [Repair("entities", 4, "2 passes: &eacute; ×2, &amp;, &rsquo;")]


def test_joiners_are_kept_where_needed() -> None:
    for text in ("می\u200cخواهم", "क्\u200dष", "👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈"):
        assert repair_text(text)[0] == text
    assert repair_text("ab\u200dc\u200c d")[0] == "abc d"


def test_nfc_by_default_nfkc_only_when_asked() -> None:
    text = "e\u0301te\u0301 2\u00b2 12\u00a0000 \ufb01n"
    assert repair_text(text)[0] == "été 2² 12\u00a0000 \ufb01n"
    assert repair_text(text, RepairConfig(nfkc=True))[0] == "été 22 12 000 fin"


def test_typographic_no_break_spaces_are_kept() -> None:
    text = ("Photo\u00a0: AP. Mme\u00a0Dupont, Louis\u00a0XIV, à\u00a0la, 12\u00a0000\u202f€, "
            "«\u202fnon\u202f»")
    assert repair_text(text) == (text, [])


def test_explanations_name_each_step_in_order() -> None:
    broken = "\ufeffL&#8217;&eacute;t&eacute;\tÃ©tait\u200b chaud\r\nPartager\u00a0cet article"
    text, repairs = repair_text(broken)
    assert text == "L’été était chaud\nPartager cet article"
    assert [r.step for r in repairs] == [
        "entities", "mojibake", "invisibles", "line_endings", "spaces", "stray_nbsp"]
    assert all(r.count >= 1 for r in repairs)
    mojibake = next(r for r in repairs if r.step == "mojibake")
    assert mojibake.detail == "apply decode_inconsistent_utf8"  # ftfy's own words


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(RepairConfig)
                                   if f.name not in ("nfkc", "mojibake_gate")])
def test_each_step_can_be_switched_off(field: str) -> None:
    broken = {
        "surrogates": "a" + chr(0xD800),
        "entities": "&eacute;",
        "mojibake": "Ã©",
        "controls": "a\x01b",
        "invisibles": "a\u200bb",
        "nfc": "e\u0301",
        "line_endings": "a\r\nb",
        "spaces": "a  b",
        "stray_nbsp": "Partager\u00a0cet",
    }[field]
    config = dataclasses.replace(RepairConfig(), **{field: False})
    assert repair_text(broken, config)[0] == broken
    assert repair_text(broken)[0] != broken


def test_nothing_config_changes_nothing() -> None:
    broken = "\ufeffÃ©&eacute;\r\n\x01\u200b e\u0301  "
    assert repair_text(broken, RepairConfig.nothing()) == (broken, [])


def test_gate_off_still_repairs_and_catches_other_mixups() -> None:
    # MacRoman mojibake ('√©' for 'é') has no Windows-1252 signature: only the
    # ungated path sends it to ftfy.
    macroman = "Le pr√©sident a d√©clar√© que"
    assert needs_char_repair(macroman) is False
    assert repair_text(macroman)[0] == macroman
    assert repair_text(macroman, RepairConfig(mojibake_gate=False))[0] == ftfy.fix_encoding(
        macroman)


# --- damage on top of mojibake (found by tests/test_roundtrip.py) -------------


def test_tab_where_the_a0_byte_of_a_grave_was(cleaner: Cleaner) -> None:
    # 'à' is 'Ã' + NBSP in mojibake; the NBSP became a tab. ftfy restores 'Ã ', not
    # 'Ã\t', and once the line holds a correct 'é' it no longer touches it.
    broken = "Il s’est opposÃ© Ã\tcette demande."
    assert cleaner.clean(broken).text == "Il s’est opposé à cette demande.\n"
    assert repair_text(broken)[0] == "Il s’est opposé à cette demande."
    assert repair_text("opposÃ© Ã\t\tÃ©viter, Ã\t cette, GoogleÂ\tNews")[0] == (
        "opposé à éviter, à cette, Google News")
    # A lead before a tab in text without mojibake stays (ftfy has the last word).
    for text in ("SÃO PAULO", "IRMÃ\tE IRMÃO", "SÃO PAULO\tÃ\tRIO"):
        assert repair_text(text)[0] == text.replace("\t", " ")


def test_line_of_a_lost_no_break_space_is_blank(cleaner: Cleaner) -> None:
    # A blank line of NBSP: 'Â\u00a0' in mojibake, its A0 byte made a space, indented.
    text, repairs = repair_text("Un paragraphe.\n\n Â \n\nFin.")
    assert text == "Un paragraphe.\n\n\u00a0\n\nFin."
    assert [r.step for r in repairs] == ["mojibake"]
    assert cleaner.clean("Un paragraphe.\n\n Â \n\nFin.").text == "Un paragraphe.\n\nFin.\n"
    for line in ("Â ", " Â  ", "\tÂ", "Â\u00a0", " Â Â ", "Â\t\u00a0"):
        assert cleaner.clean(f"Un.\r\n{line}\r\nDeux.").text == "Un.\n\nDeux.\n", repr(line)
    # 'Â' alone on its line is a letter (a list of the Vietnamese alphabet).
    assert repair_text("A\r\nĂ\r\nÂ\r\nB")[0] == "A\nĂ\nÂ\nB"


def test_soft_hyphen_before_mojibake_of_a_closing_quote(cleaner: Cleaner) -> None:
    # ftfy leaves '\u00adâ€\x9d' (the soft hyphen is a Latin-1 character too); deleting
    # the C1 control '\x9d' afterwards left 'â€' + space, which reads as '†'.
    broken = "Il a dit â€œoui\u00adâ€\x9d hier."
    assert cleaner.clean(broken).text == "Il a dit “oui” hier.\n"
    text, repairs = repair_text(broken)
    assert text == "Il a dit “oui” hier."
    assert [r.step for r in repairs] == ["mojibake", "invisibles"]
    # The same with a C0 control inside the sequence, and a soft hyphen inside one.
    assert repair_text("Il a dit â€œouiâ€\x01\x9d hier.")[0] == "Il a dit “oui” hier."
    assert repair_text("lâ€\u00ad™Ã\u00ad©tÃ©")[0] == "l’été"


@pytest.mark.parametrize(("broken", "fixed"), [
    ("Ã\u00adndice", "índice"),  # a soft hyphen that is byte AD of 'í'...
    ("ä¸\u00adæ–‡", "中文"),  # ... or of '中'
    ("Ð\u00ad", "Э"),  # ... or of 'Э', read as Latin-1
    ("Ã\u00ad\u00adndice", "índice"),
    ("PUBLIÂ\u00adCITÃ‰", "PUBLICITÉ"),  # the mojibake of a soft hyphen itself
])
def test_soft_hyphen_that_is_a_byte_of_mojibake_is_decoded(broken: str, fixed: str) -> None:
    assert repair_text(broken)[0] == fixed


@pytest.mark.parametrize("rng_seed", range(4))
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_mojibake_under_other_damage_round_trips(path: Path, rng_seed: int) -> None:
    text = _read(path)
    want = same_text(repair_text(text)[0])
    rng = random.Random(rng_seed)
    lost = mojibake_cp1252(text).replace("\u00a0", " ")
    for broken in (
        crlf_tabs_trailing(lost, rng),
        "\n".join(rng.choice((" ", "\t", "  ")) + line for line in lost.split("\n")),
        # Invisibles anywhere, inside the bytes of a character too, and C0 controls.
        "".join(c + (rng.choice("\u00ad\u200b\u2060") if c != "\n" and rng.random() < 0.05
                     else "") for c in mojibake_cp1252(text)),
        control_chars(mojibake_latin1(text), rng, rate=0.05),
    ):
        assert same_text(repair_text(broken)[0]) == want
