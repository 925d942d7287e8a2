"""Importers: both languages in one file (blocks or interleaved), pairs, TMX, encodings, and
bad input that must give one clear line and change nothing."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from qarin.core.errors import ImportFailed
from qarin.core.io.loader import load_document
from tests.conftest import SAMPLE

AR1 = "قال الرئيس إن المحادثات ستبدأ غداً."
AR2 = "وأضاف أن الوفد سيصل يوم الجمعة."
EN1 = "The president said the talks would start tomorrow."
EN2 = "He added that the delegation would arrive on Friday."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_sample_blocks_split_by_script() -> None:
    doc = load_document(SAMPLE)
    assert len(doc.paragraphs["ar"]) == 5
    assert len(doc.paragraphs["en"]) == 5
    assert doc.texts["ar"].startswith("أعلن الرئيس")
    assert doc.texts["en"].startswith("Ukrainian President")
    assert len(doc.texts["ar"]) == 1152
    assert doc.sources[0].encoding == "UTF-8"


def test_interleaved_paragraphs(tmp_path: Path) -> None:
    p = write(tmp_path, "i.txt", "\n".join([AR1, EN1, AR2, EN2]).encode())
    doc = load_document(p)
    assert doc.texts["ar"] == AR1 + "\n" + AR2
    assert doc.texts["en"] == EN1 + "\n" + EN2


def test_blank_line_paragraphs_keep_hard_wraps(tmp_path: Path) -> None:
    text = f"{AR1}\n{AR2}\n\n{EN1}\n{EN2}\n"
    doc = load_document(write(tmp_path, "b.txt", text.encode()))
    assert doc.texts["ar"] == f"{AR1}\n{AR2}"
    assert len(doc.paragraphs["ar"]) == 1
    assert len(doc.paragraphs["en"]) == 1


@pytest.mark.parametrize("order", ["ar-first", "en-first"])
def test_pair_of_files_either_order(tmp_path: Path, order: str) -> None:
    ar = write(tmp_path, "a.txt", f"{AR1}\n{AR2}".encode())
    en = write(tmp_path, "e.txt", f"{EN1}\n{EN2}".encode())
    doc = load_document(*((ar, en) if order == "ar-first" else (en, ar)))
    assert doc.texts["ar"] == f"{AR1}\n{AR2}"
    assert doc.texts["en"] == f"{EN1}\n{EN2}"
    assert [s.path for s in doc.sources] == [str(ar), str(en)]


def test_one_language_file(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a.txt", AR1.encode()))
    assert doc.languages == ("ar",)
    assert doc.texts["en"] == ""


def test_pair_of_same_language_refused(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", AR1.encode())
    b = write(tmp_path, "b.txt", AR2.encode())
    with pytest.raises(ImportFailed, match="both files are Arabic"):
        load_document(a, b)


@pytest.mark.parametrize(
    ("encoding", "bom", "name"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", codecs.BOM_UTF8, "UTF-8 with BOM"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 LE with BOM"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE with BOM"),
        ("cp1256", b"", "Windows-1256"),
        ("iso8859_6", b"", "ISO-8859-6"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bytes, name: str) -> None:
    # ISO-8859-6 has no "ً" (tanween on alef is fine) but lacks some letters cp1256 has; keep
    # to letters both pages share.
    text = "قال الرئيس ان المحادثات ستبدا غدا.\nThe president said the talks start tomorrow.\n"
    p = write(tmp_path, "enc.txt", bom + text.encode(encoding))
    doc = load_document(p)
    assert doc.sources[0].encoding == name
    assert doc.texts["ar"] == "قال الرئيس ان المحادثات ستبدا غدا."


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr(tmp_path: Path, newline: str) -> None:
    p = write(tmp_path, "nl.txt", newline.join([AR1, EN1]).encode())
    doc = load_document(p)
    assert doc.texts["ar"] == AR1
    assert "\r" not in doc.texts["en"]


def test_tmx(tmp_path: Path) -> None:
    tmx = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="ar-SA"><seg>{AR1}</seg></tuv><tuv xml:lang="en-US"><seg>{EN1}</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>{EN2}</seg></tuv><tuv xml:lang="ar"><seg>{AR2} <ph>&lt;b&gt;</ph></seg></tuv></tu>
</body></tmx>"""
    doc = load_document(write(tmp_path, "m.tmx", tmx.encode()))
    assert doc.texts["ar"] == f"{AR1}\n{AR2}"
    assert doc.texts["en"] == f"{EN1}\n{EN2}"
    assert doc.given_pairs == (((0,), (0,)), ((1,), (1,)))


def test_tmx_entity_expansion_refused(tmp_path: Path) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><body><tu>
<tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>"""
    with pytest.raises(ImportFailed, match="entities"):
        load_document(write(tmp_path, "bomb.tmx", bomb))


def test_tmx_external_entity_refused(tmp_path: Path) -> None:
    xxe = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>"""
    with pytest.raises(ImportFailed):
        load_document(write(tmp_path, "xxe.tmx", xxe))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"12345 67890\n---\n", "no Arabic or English"),
        ("Привет мир, это тест.".encode(), "no Arabic or English"),
        (bytes(range(0xA2, 0xB4)) * 20, "cannot decode"),
        (b"<?xml version='1.0'?><tmx><body><tu>", "not well-formed"),
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, data: bytes, reason: str) -> None:
    name = "bad.tmx" if data.startswith(b"<?xml") else "bad.txt"
    p = write(tmp_path, name, data)
    with pytest.raises(ImportFailed) as info:
        load_document(p)
    msg = str(info.value)
    assert "\n" not in msg
    assert str(p) in msg
    assert reason in msg
    assert p.read_bytes() == data  # the user's file is untouched


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(ImportFailed, match="folder"):
        load_document(tmp_path)
