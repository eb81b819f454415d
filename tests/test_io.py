"""Reading inputs (decoding, one-line errors) and writing files atomically."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path

import pytest

from cleaner.batch.writers import AtomicFile
from cleaner.io import reading
from cleaner.io.reading import InputError, display_name, read_bytes, read_input
from cleaner.io.writing import atomic_write
from cleaner.text import decode

TEXT = "Le président a parlé à l'Élysée.\nLes élus ont voté «\u00a0oui\u00a0».\n"

# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                      "utf-16-be", "utf-32", "cp1252", "latin-1"])
def test_read_decodes_any_common_encoding(tmp_path: Path, encoding: str) -> None:
    text = TEXT.replace("\u00a0", " ") if encoding in ("cp1252", "latin-1") else TEXT
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_input(path) == text
    assert read_bytes(path) == data


def test_read_keeps_newlines_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n")
    assert read_input(path) == "one\r\ntwo\rthree\n"


def test_empty_file_is_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_input(path) == ""
    assert read_bytes(path) == b""


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-16"))))
    assert read_input("-") == TEXT


def test_stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = TEXT.replace("\u00a0", " ").encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_bytes("-") == data


def test_stdin_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    assert read_input("-") == TEXT


def test_no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert str(error_for("-")) == "<stdin>: no standard input"


def error_for(path: Path | str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_input(path)
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    error = error_for(tmp_path / "missing.txt")
    assert (error.path, error.reason) == (str(tmp_path / "missing.txt"), "no such file")
    assert str(error) == f"{tmp_path / 'missing.txt'}: no such file"


def test_missing_parent_is_no_such_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert error_for(tmp_path / "file" / "child").reason in ("no such file", "Not a directory")


def test_directory(tmp_path: Path) -> None:
    assert error_for(tmp_path).reason == "is a directory"
    with pytest.raises(InputError, match="is a directory"):
        read_bytes(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads unreadable files")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(TEXT)
    path.chmod(0)
    assert error_for(path).reason == "permission denied"


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "input is binary (PNG image), not text"),
    (b"%PDF-1.7\n" + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100,
     "input is binary (PDF document), not text"),
    (b"text then a NUL\x00 byte", "input is binary: it holds NUL bytes"),
    (b"x" * 10_000 + b"\x00", "input is binary: it holds NUL bytes"),
    (bytes(range(1, 32)) * 20, "input is binary: decoded as utf-8, "),
])
def test_binary(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "blob"
    path.write_bytes(data)
    error = error_for(path)
    assert error.reason.startswith(reason)
    assert error.path == str(path)
    assert "\n" not in str(error)


def test_text_with_a_few_control_characters_is_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    for data in (b"Colour: \x1b[31mred\x1b[0m\fnext page\x0b\ttab\r\n",
                 b"Un peu de texte.\x07\n" * 3):
        path.write_bytes(data)
        assert read_input(path) == data.decode("ascii")


def test_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "noise.bin"
    path.write_bytes(bytes(range(128, 256)) * 4)
    error = error_for(path)
    assert error.reason.startswith("cannot decode input: it is not UTF-8")
    assert "\n" not in str(error)


def test_bad_bytes_after_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
    assert error_for(path).reason.startswith("input does not decode as utf-16-le")


def test_one_decoder_in_the_project() -> None:
    """Reading decodes with `cleaner.text.decode`, and has no decoder of its own."""
    assert reading.decode_bytes is decode.decode_bytes
    assert reading.DecodeError is decode.DecodeError
    for name in ("is_binary", "guess_encoding", "_BOMS", "_bom_encoding"):
        assert not hasattr(reading, name), name


def test_display_name() -> None:
    assert display_name("-") == "<stdin>"
    assert display_name(Path("a/b.txt")) == os.path.join("a", "b.txt")


# ---------------------------------------------------------------- writing


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_creates_with_default_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    old_mask = os.umask(0o027)
    try:
        atomic_write(path, TEXT)
    finally:
        os.umask(old_mask)
    assert path.read_text(encoding="utf-8") == TEXT
    assert mode(path) == 0o640
    assert os.listdir(tmp_path) == ["new.txt"]


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    path.chmod(0o604)
    atomic_write(path, TEXT)
    assert path.read_text(encoding="utf-8") == TEXT
    assert mode(path) == 0o604
    assert os.listdir(tmp_path) == ["a.txt"]


def test_atomic_write_writes_utf8_and_newlines_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    atomic_write(str(path), "é\r\nb\n")
    assert path.read_bytes() == "é\r\nb\n".encode()


def test_atomic_write_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    try:
        link.symlink_to(real)
    except OSError:
        pytest.skip("no symbolic links here")
    atomic_write(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_failed_write_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         failing: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("original")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(f"cleaner.io.writing.os.{failing}", fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, TEXT)
    assert path.read_text() == "original"
    assert os.listdir(tmp_path) == ["a.txt"]


def test_interrupted_write_removes_the_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("original")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("cleaner.io.writing.os.replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, TEXT)
    assert path.read_text() == "original"
    assert os.listdir(tmp_path) == ["a.txt"]


def _temporaries_at_rename(monkeypatch: pytest.MonkeyPatch,
                           module: str) -> list[tuple[Path, int, bytes]]:
    """What is renamed into place, as it is at the rename: (temporary path, mode, bytes)."""
    seen: list[tuple[Path, int, bytes]] = []
    real_replace = os.replace

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        temp = Path(source)
        seen.append((temp, stat.S_IMODE(temp.stat().st_mode), temp.read_bytes()))
        real_replace(source, target)

    monkeypatch.setattr(f"{module}.os.replace", replace)
    return seen


def test_atomic_write_goes_through_a_private_temporary_file_beside_the_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    seen = _temporaries_at_rename(monkeypatch, "cleaner.io.writing")
    chmods: list[int] = []  # the temporary file's mode before it gets the target's
    real_chmod = os.chmod

    def chmod(path: str, mode: int) -> None:
        chmods.append(stat.S_IMODE(Path(path).stat().st_mode))
        real_chmod(path, mode)

    monkeypatch.setattr("cleaner.io.writing.os.chmod", chmod)
    atomic_write("a.txt", TEXT)
    [(temp, mode, data)] = seen
    assert temp.is_absolute() and temp.parent == tmp_path
    assert temp.name.startswith(".a.txt.") and temp.name.endswith(".tmp")
    assert chmods == [0o600]
    assert mode == 0o666 & ~_umask() and data == TEXT.encode()
    assert os.listdir(tmp_path) == ["a.txt"]


def test_batch_output_goes_through_a_private_temporary_file_beside_the_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _temporaries_at_rename(monkeypatch, "cleaner.batch.writers")
    target = tmp_path / "out" / "a.jsonl"
    sink = AtomicFile(target)
    assert stat.S_IMODE(sink.temp.stat().st_mode) == 0o600
    sink.write(b"{}\n")
    sink.commit()
    [(temp, mode, data)] = seen
    assert temp.parent == target.parent and temp.name.startswith(".a.jsonl.")
    assert mode == 0o666 & ~_umask() and data == b"{}\n" and target.read_bytes() == data
    assert os.listdir(target.parent) == ["a.jsonl"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_write_into_a_missing_directory_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write(tmp_path / "nowhere" / "a.txt", TEXT)
    assert os.listdir(tmp_path) == []


def test_read_stops_at_its_limit(tmp_path: Path) -> None:
    from cleaner.io.reading import InputTooLarge

    (tmp_path / "a.txt").write_bytes(b"x" * 1001)
    with pytest.raises(InputTooLarge, match=r"a\.txt: input is larger than 0\.001 MB") as info:
        read_bytes(tmp_path / "a.txt", 1000)
    assert info.value.size == 1001  # a regular file's size is known without reading it
    assert read_bytes(tmp_path / "a.txt", 1001) == b"x" * 1001
    if Path("/dev/zero").exists():  # no end, and no size
        with pytest.raises(InputTooLarge) as info:
            read_bytes("/dev/zero", 1000)
        assert info.value.size is None
