"""W3C Web Annotation export (formats/w3c.py) and its importer (export/w3c_import.py).

The golden file is tests/data/golden/sample.w3c.jsonld; after an intended change regenerate it
with ``QARIN_UPDATE_GOLDEN=1 pytest tests/core/test_export_w3c.py`` and review the diff.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qarin.core.document import BilingualDocument, Sentence, Span
from qarin.core.errors import ImportFailed, InvalidNotebookData
from qarin.core.export.base import ExportContext, ExportOptions
from qarin.core.export.formats.w3c import annotation_collection
from qarin.core.export.registry import get
from qarin.core.export.w3c_import import import_w3c, notebook_from_w3c, read_w3c_file
from qarin.core.model import Analysis, Bead
from qarin.core.notes.model import Claim, Note, Notebook
from tests.export_checks import validate_w3c, w3c_selectors
from tests.export_fixtures import assert_golden, sample_context, sample_document

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden" / "sample.w3c.jsonld"


def exported(ctx: ExportContext | None = None) -> dict[str, Any]:
    data = get("w3c").export(ctx or sample_context()).single
    parsed: dict[str, Any] = json.loads(data.decode("utf-8"))
    return parsed


def items(data: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    anns: list[dict[str, Any]] = data["first"]["items"]
    return [a for a in anns if kind is None or a["qarin:type"] == kind]


def bodies(ann: dict[str, Any], purpose: str) -> list[dict[str, Any]]:
    return [b for b in ann["body"] if b.get("purpose") == purpose]


def test_golden() -> None:
    assert_golden(GOLDEN, get("w3c").export(sample_context()).single)


@pytest.mark.parametrize(
    "options", [{}, {"include_suggestions": True}, {"embed_texts": False}],
    ids=lambda o: ",".join(o) or "default",
)
def test_checker(options: dict[str, Any]) -> None:
    ctx = sample_context(**options)
    validate_w3c(ctx, get("w3c").export(ctx))


def test_every_selector_slices_back_to_its_quote() -> None:
    ctx = sample_context(include_suggestions=True)
    seen = {"ar": 0, "en": 0}
    for ann in items(exported(ctx)):
        targets = ann["target"] if isinstance(ann["target"], list) else [ann["target"]]
        for t in targets:
            if t.get("type") != "SpecificResource":
                continue
            lang, start, end, exact = w3c_selectors(ctx, t)
            assert ctx.doc.texts[lang][start:end] == exact
            seen[lang] += 1
    assert seen["ar"] > 5 and seen["en"] > 5


def test_positions_count_code_points_not_utf16_units() -> None:
    # An emoji outside the BMP is one code point but two UTF-16 units.
    doc = BilingualDocument.from_paragraphs(["قال 🇺🇦 الرئيس إن المحادثات بدأت"],
                                            ["🇺🇦 The president said talks began"])
    sents = tuple(Sentence(f"{lang}:0", lang, 0, len(doc.texts[lang]), 0)
                  for lang in ("ar", "en"))
    analysis = Analysis(sents, (Bead(("ar:0",), ("en:0",), 1.0),))
    text = doc.texts["en"]
    start = text.index("talks")
    claim = Claim("c", (Span("en", start, start + len("talks began")),))
    nb = Notebook(doc.content_hash).with_claim(claim)
    ctx = ExportContext(doc, analysis, nb, ExportOptions(date="2026-01-15"))
    (ann,) = items(exported(ctx), "claim")
    (quote, position) = ann["target"][0]["selector"]
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 11}
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 2  # what a browser would count
    assert quote["exact"] == "talks began" and quote["prefix"].startswith("🇺🇦")
    assert notebook_from_w3c(exported(ctx), doc).claims == nb.claims


def test_motivations_and_purposes() -> None:
    data = exported()
    claims = {a["qarin:id"]: a for a in items(data, "claim")}
    c1 = claims["c-1"]
    assert c1["motivation"] == "assessing"
    assert [b["value"] for b in bodies(c1, "assessing")] == ["confirmed"]
    assert [b["value"] for b in bodies(c1, "tagging")] == ["diplomacy", "ukraine"]
    assert [b["value"] for b in bodies(c1, "commenting")] == [
        "Matches the president's office statement."
    ]
    assert not bodies(claims["c-3"], "commenting")  # no notes, no empty comment
    for note in items(data, "note"):
        assert note["motivation"] == "commenting" and len(bodies(note, "commenting")) == 1
    entities = {a["qarin:id"]: a for a in items(data, "entity")}
    zel = entities["L-zelensky"]
    assert zel["motivation"] == "linking"
    assert {b["value"] for b in bodies(zel, "identifying")} == {"Zelensky", "زيلينسكي"}
    assert [b["value"] for b in bodies(zel, "classifying")] == ["PERSON"]
    # The link joins its mentions in both languages.
    assert {t["source"]["language"] for t in zel["target"]} == {"ar", "en"}
    assert len(zel["target"]) == 4
    mentions = items(data, "mention")
    assert {m["qarin:id"] for m in mentions} == {"ar-e5", "en-e5"}  # the unlinked ones
    assert all(m["motivation"] == "identifying" for m in mentions)


def test_language_and_direction() -> None:
    data = exported()
    c2 = next(a for a in items(data, "claim") if a["qarin:id"] == "c-2")
    (target,) = c2["target"]
    assert target["source"]["language"] == "ar" and target["source"]["textDirection"] == "rtl"
    assert target["source"]["id"].endswith("#ar")
    status = bodies(c2, "assessing")[0]
    assert (status["language"], status["textDirection"]) == ("en", "ltr")
    tags = {b["value"]: b for b in bodies(c2, "tagging")}
    assert (tags["=cmd"]["language"], tags["=cmd"]["textDirection"]) == ("en", "ltr")
    arabic_tag = next(b for v, b in tags.items() if "ناتو" in v)
    assert (arabic_tag["language"], arabic_tag["textDirection"]) == ("ar", "rtl")
    # The notes mix English and Arabic lines: language by majority, direction left to bidi.
    note = bodies(c2, "commenting")[0]
    assert (note["language"], note["textDirection"]) == ("en", "auto")
    c1 = next(a for a in items(data, "claim") if a["qarin:id"] == "c-1")
    assert [t["source"]["textDirection"] for t in c1["target"]] == ["rtl", "ltr"]


def test_context_and_extension() -> None:
    data = exported()
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["@context"][1]["qarin"] == "urn:qarin:vocab#"
    c1 = next(a for a in items(data, "claim") if a["qarin:id"] == "c-1")
    assert c1["qarin:claimantLink"] == "L-zelensky"
    assert c1["qarin:claimantName"] == "Zelensky"
    assert c1["qarin:sentences"] == ["ar:0", "en:0"]
    assert c1["created"] == "2026-01-15T09:00:00.000Z"


# ---------------------------------------------------------------------------------------------
# import


def test_round_trip_equals_the_notebook() -> None:
    ctx = sample_context()
    data = get("w3c").export(ctx).single
    for doc in (None, ctx.doc):
        back = import_w3c(data, name="notes.jsonld", doc=doc)
        assert list(back.claims.items()) == list(ctx.notebook.claims.items())
        assert list(back.notes.items()) == list(ctx.notebook.notes.items())
        assert back.doc_hash == ctx.notebook.doc_hash
        assert (back.title, back.reader, back.sources) == (
            ctx.notebook.title, ctx.notebook.reader, ctx.notebook.sources)
        assert (back.tags, back.statuses) == (ctx.notebook.tags, ctx.notebook.statuses)


def test_undecided_suggestions_are_not_imported_as_claims() -> None:
    ctx = sample_context(include_suggestions=True)
    data = get("w3c").export(ctx).single
    assert len(items(json.loads(data), "claim")) > len(ctx.notebook.claims)
    assert list(import_w3c(data).claims) == list(ctx.notebook.claims)


def test_reanchors_by_quote_when_the_text_changed() -> None:
    ctx = sample_context()
    data = get("w3c").export(ctx).single
    doc = sample_document()
    edited = replace(doc, texts={"ar": "مقدمة جديدة.\n" + doc.texts["ar"],
                                 "en": "A new preface.\n" + doc.texts["en"]})
    back = import_w3c(data, doc=edited)
    assert back.doc_hash == edited.content_hash
    for cid, claim in ctx.notebook.claims.items():
        for old, new in zip(claim.spans, back.claims[cid].spans, strict=True):
            assert new.start > old.start
            assert edited.text(new) == doc.text(old)


def _tampered(mutate: Any) -> bytes:
    data = exported()
    mutate(data)
    return json.dumps(data).encode()


def test_a_position_that_misses_its_quote_is_refused() -> None:
    def shift(data: dict[str, Any]) -> None:
        items(data, "claim")[0]["target"][0]["selector"][1]["start"] += 1

    with pytest.raises(InvalidNotebookData, match=r"^x\.jsonld: .*does not hold its quote"):
        import_w3c(_tampered(shift), name="x.jsonld", doc=sample_document())


FOREIGN: list[tuple[str, bytes, str]] = [
    ("not json", b"{not json", "not JSON"),
    ("a list", b"[]", "not a W3C AnnotationCollection"),
    ("one annotation", json.dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "x",
        "body": {"type": "TextualBody", "value": "hi"}, "target": "http://example.org/"}
    ).encode(), "not a W3C AnnotationCollection"),
    ("foreign collection", json.dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": []}}).encode(), "not written by Qarin"),
    ("no anno context", json.dumps({"@context": "https://schema.org",
                                    "type": "AnnotationCollection"}).encode(), "@context"),
]


@pytest.mark.parametrize(("data", "message"), [(d, m) for _, d, m in FOREIGN],
                         ids=[n for n, _, _ in FOREIGN])
def test_foreign_or_invalid_input_gives_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InvalidNotebookData) as err:
        import_w3c(data, name="in.jsonld")
    text = str(err.value)
    assert text.startswith("in.jsonld: ") and message in text and "\n" not in text


def test_read_from_a_file(tmp_path: Path) -> None:
    ctx = sample_context()
    path = tmp_path / "notes.jsonld"
    path.write_bytes(b"\xef\xbb\xbf" + get("w3c").export(ctx).single)  # a BOM is fine
    assert list(read_w3c_file(path, ctx.doc).claims.items()) == list(ctx.notebook.claims.items())
    with pytest.raises(ImportFailed, match=r"missing\.jsonld"):
        read_w3c_file(tmp_path / "missing.jsonld")
    path.write_bytes(b"\xff\xfe{")
    with pytest.raises(InvalidNotebookData, match="not UTF-8"):
        read_w3c_file(path)


def test_newer_version_and_bad_fields_are_refused() -> None:
    def newer(data: dict[str, Any]) -> None:
        data["qarin:formatVersion"] = 99

    with pytest.raises(InvalidNotebookData, match="newer Qarin"):
        import_w3c(_tampered(newer))

    def bad_cue(data: dict[str, Any]) -> None:
        items(data, "claim")[0]["qarin:cue"] = 3

    with pytest.raises(InvalidNotebookData, match=r"cue: expected a string"):
        import_w3c(_tampered(bad_cue))


def test_document_notes_and_pair_notes_keep_their_target() -> None:
    ctx = sample_context()
    data = exported(ctx)
    notes = {a["qarin:id"]: a for a in items(data, "note")}
    assert notes["n-2"]["target"] == [{"id": f"urn:qarin:doc:{ctx.doc.content_hash}",
                                        "type": "Text"}]
    assert [t["qarin:sentence"] for t in notes["n-1"]["target"]] == ["ar:0", "en:0"]
    span_note = Note("n-3", "span", "on a word", spans=(Span("en", 0, 9),))
    nb = ctx.notebook.with_note(span_note)
    back = notebook_from_w3c(annotation_collection(replace(ctx, notebook=nb)), ctx.doc)
    assert back.notes["n-3"] == span_note
    assert list(back.notes.items()) == list(nb.notes.items())


# Arabic letters and marks, Latin, digits, an emoji outside the BMP, bidi marks, quotes.
_CHARS = st.sampled_from(list("اأبتثجحخدذرزسشصضطظعغفقكلمنهوية ًٌٍَُِّْ abcXYZ 0123٤٥ \u200f\u2066\u2069\"«»()🇺🇦🛰"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ar=st.text(_CHARS, min_size=1, max_size=80), en=st.text(_CHARS, min_size=1, max_size=80),
       data=st.data())
def test_any_text_and_span_round_trips(ar: str, en: str, data: st.DataObject) -> None:
    doc = BilingualDocument.from_paragraphs([ar], [en])
    sents = tuple(Sentence(f"{lang}:0", lang, 0, len(doc.texts[lang]), 0)
                  for lang in ("ar", "en"))
    analysis = Analysis(sents, (Bead(("ar:0",), ("en:0",), 1.0),))
    spans = []
    for lang, text in (("ar", ar), ("en", en)):
        start = data.draw(st.integers(0, len(text)))
        spans.append(Span(lang, start, data.draw(st.integers(start, len(text)))))
    nb = Notebook(doc.content_hash).with_claim(Claim("c", tuple(spans), tags=(ar[:5],),
                                                     notes=en))
    ctx = ExportContext(doc, analysis, nb, ExportOptions(date="2026-01-15"))
    collection = json.loads(get("w3c").export(ctx).single)
    for target in items(collection, "claim")[0]["target"]:
        w3c_selectors(ctx, target)
    assert list(notebook_from_w3c(collection, doc).claims.items()) == list(nb.claims.items())
