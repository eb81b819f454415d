"""repair_text: corruption round trips on the seed articles, properties, single steps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import ftfy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner.normalize.config import RepairConfig
from cleaner.normalize.detect import might_be_mojibake, needs_char_repair
from cleaner.normalize.repair import repair_text
from cleaner.normalize.spaces import match_key
from cleaner.result import Repair
from tests.corrupt import CORRUPTIONS, mojibake_cp1252, mojibake_latin1, same_text

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
