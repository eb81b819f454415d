"""decode_bytes: every common encoding of the seed articles, and clear errors for the rest."""

from __future__ import annotations

import codecs
import gzip
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.text.decode import DecodeError, decode_bytes
from cleaner.text.repair import repair_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "input").glob(
    "*.txt"))


def _seed(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("encode", "name"), [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    (lambda t: t.encode("utf-16"), "utf-16-le"),
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM: sniffed
    (lambda t: t.encode("utf-16-be"), "utf-16-be"),
    (lambda t: t.encode("utf-32"), "utf-32-le"),
    (lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32-be"),
    (lambda t: t.encode("cp1252"), "cp1252"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-sniffed", "utf16be-sniffed",
        "utf32-bom", "utf32be-bom", "cp1252"])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_articles_decode_in_every_common_encoding(path: Path, encode: object,
                                                       name: str) -> None:
    text = _seed(path)
    assert callable(encode)
    assert decode_bytes(encode(text)) == (text, name)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_latin1_reads_as_windows_1252(path: Path) -> None:
    # Latin-1 cannot hold ’ or «: what it holds reads the same in Windows-1252.
    text = _seed(path).replace("’", "'").replace("–", "-").replace("“", '"').replace("”", '"')
    text = text.replace("…", "...")
    assert decode_bytes(text.encode("latin-1")) == (text, "cp1252")


def test_windows_1252_punctuation_bytes_are_not_c1_controls() -> None:
    assert decode_bytes(b"l\x92\xe9t\xe9 \x93oui\x94 \x96 \x85 \x80") == (
        "l’été “oui” – … €", "cp1252")


def test_utf8_with_stray_windows_1252_bytes_keeps_both() -> None:
    data = "Le président, ".encode() + "déjà".encode("cp1252") + " – fin".encode()
    assert decode_bytes(data) == ("Le président, déjà – fin", "utf-8+cp1252")


@pytest.mark.parametrize(("text", "encoding"), [
    ("Президент США разрешил Украине наносить удары по территории России "
     "американскими ракетами большой дальности.", "cp1251"),
    ("Ο πρόεδρος των ΗΠΑ επέτρεψε στην Ουκρανία να χτυπήσει στόχους στη Ρωσία "
     "με αμερικανικούς πυραύλους.", "cp1253"),
    ("Prezydent USA zezwolił Ukrainie na użycie pocisków dalekiego zasięgu "
     "przeciwko celom w Rosji, żółć gęślą jaźń.", "cp1250"),
    ("美国总统拜登批准乌克兰使用美国提供的远程导弹打击俄罗斯境内的目标。", "gb18030"),
])
def test_other_encodings_go_to_charset_normalizer(text: str, encoding: str) -> None:
    decoded, name = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert codecs.lookup(name).name == codecs.lookup(encoding).name


def test_empty_input() -> None:
    assert decode_bytes(b"") == ("", "utf-8")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (gzip.compress(b"hello world"), "gzip"),
    (_zip(), "ZIP"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"\x7fELF\x02\x01\x01\x00", "ELF"),
    (b"text\x00with\x00nul bytes\x00here", "NUL bytes"),
    (bytes(range(256)) * 4, "NUL bytes"),
    (bytes(range(1, 32)) * 20, "control characters"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "utf-16-le"),
    (codecs.BOM_UTF8 + b"\xff\xfe broken", "utf-8-sig"),
])
def test_binary_and_undecodable_input_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        decode_bytes(data)


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


@settings(max_examples=max(200, settings.default.max_examples), deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(text, str) and name
    repair_text(text)


@settings(max_examples=max(200, settings.default.max_examples), deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
                    max_size=200))
def test_any_utf8_text_round_trips(text: str) -> None:
    # A leading U+FEFF encodes to the UTF-8 byte order mark: it is read as one.
    assume(not text.startswith("\ufeff"))
    try:
        decoded, name = decode_bytes(text.encode("utf-8"))
    except DecodeError as error:
        assert "control characters" in str(error)
        return
    assert (decoded, name) == (text, "utf-8")
