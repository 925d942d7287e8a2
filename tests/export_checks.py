"""One checker per export format: parse the exported bytes with a real parser for that format
and check them against the export context. Used by tests/core/test_export_formats.py and by
tests/bench/bench_export.py (which validates every registered format through CHECKERS).

Each checker is ``validate_<name>(ctx, result) -> None`` and raises AssertionError (or the
parser's own error) when the output is wrong.

helper-6 adds w3c/claimreview/pdf checkers below (and their entries in CHECKERS).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from jsonschema import Draft202012Validator
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from qarin.core.document import Lang
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import claim_quotes, exported_claims
from qarin.core.export.formats.csv import COLUMNS, neutralise
from qarin.core.export.notes_import import notes_schema, parse_notes
from qarin.core.export.pairs import corrected_beads
from qarin.core.export.textsafe import strip_controls, xml_text

Checker = Callable[[ExportContext, ExportResult], None]

DATA = Path(__file__).resolve().parent / "data"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _squash(text: str) -> str:
    """Whitespace collapsed, for comparing text that a renderer re-flowed."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# json


def validate_json(ctx: ExportContext, result: ExportResult) -> None:
    data = json.loads(result.single.decode("utf-8"))
    Draft202012Validator.check_schema(notes_schema())
    # parse_notes validates against the schema (jsonschema, draft 2020-12, formats checked)
    # and then rebuilds the notebook: one pass, as a 5,000-pair file takes seconds to validate.
    assert parse_notes(data).notebook == ctx.notebook, "re-import does not give the notebook"
    doc = data["document"]
    assert doc["content_hash"] == ctx.doc.content_hash
    if ctx.options.embed_texts:
        assert doc["texts"] == {"ar": ctx.doc.texts["ar"], "en": ctx.doc.texts["en"]}
    else:
        assert "texts" not in doc and "quotes" not in data
    placed = [s for b in data["alignment"] for s in (*b["ar"], *b["en"])]
    assert len(placed) == len(set(placed)), "a sentence sits in two beads"


# ---------------------------------------------------------------------------------------------
# md


def render_md(result: ExportResult) -> lxml_html.HtmlElement:
    """The Markdown rendered by a CommonMark parser (raw HTML allowed, as in note apps)."""
    rendered = MarkdownIt("commonmark").render(result.single.decode("utf-8"))
    return lxml_html.fromstring(f"<html><body>{rendered}</body></html>")


def validate_md(ctx: ExportContext, result: ExportResult) -> None:
    root = render_md(result)
    rtl = _squash(" ".join(d.text_content() for d in root.iter("div") if d.get("dir") == "rtl"))
    body_text = _squash(root.text_content())
    claims = exported_claims(ctx)
    for claim in claims:
        quotes = claim_quotes(ctx, claim)
        if "ar" in quotes:  # Arabic, unchanged and in logical order, inside a RTL block
            assert _squash(quotes["ar"].text) in rtl, f"{claim.id}: Arabic not in a dir=rtl div"
        if "en" in quotes:
            assert _squash(quotes["en"].text) in body_text, f"{claim.id}: English text missing"
        # Escaping: every line the reader typed comes out as literal text, markup included.
        for line in strip_controls(claim.notes).replace("\r", "\n").split("\n"):
            assert _squash(line) in body_text, f"{claim.id}: notes line {line!r} altered"
    # No markup from the reader's text gets through: the only elements are Markdown's own
    # and the direction blocks, and the only links are evidence URLs.
    stray = [el.tag for el in root.iter() if el.tag in ("b", "script", "img", "iframe")]
    assert not stray, f"stray elements {stray}"
    for link in root.iter("a"):
        assert (link.get("href") or "").startswith(("http://", "https://")), "a stray link"
    assert len(root.xpath("//h3")) >= len(claims)


# ---------------------------------------------------------------------------------------------
# csv

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def read_csv(result: ExportResult) -> list[list[str]]:
    data = result.single
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def validate_csv(ctx: ExportContext, result: ExportResult) -> None:
    rows = read_csv(result)
    assert tuple(rows[0]) == COLUMNS
    claims = exported_claims(ctx)
    assert len(rows) == len(claims) + 1
    # RFC 4180: rewriting the parsed rows with CRLF terminators gives the same bytes back.
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    assert buf.getvalue().encode("utf-8-sig") == result.single, "not canonical RFC 4180"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(_FORMULA), f"formula-like cell {cell[:20]!r}"
    col = {name: i for i, name in enumerate(COLUMNS)}
    for claim, row in zip(claims, rows[1:], strict=True):
        assert row[col["id"]] == neutralise(claim.id)
        quotes = claim_quotes(ctx, claim)
        if "ar" in quotes:
            assert row[col["arabic_text"]] == neutralise(quotes["ar"].text)


# ---------------------------------------------------------------------------------------------
# tmx


def validate_tmx(ctx: ExportContext, result: ExportResult) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(result.single, parser)
    dtd = etree.DTD(str(DATA / "tmx14b.dtd"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()[0]
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for key, value in (("srclang", "ar"), ("datatype", "plaintext"), ("segtype", "sentence"),
                       ("creationtool", "Qarin")):
        assert header.get(key) == value, key
    texts = {s.id: ctx.doc.text(s.span) for s in ctx.analysis.sentences}
    units = root.findall("body/tu")
    beads = [b for b in corrected_beads(ctx.analysis, ctx.notebook) if b.ar and b.en]
    if not (ctx.options.confirmed_only or ctx.options.min_confidence is not None):
        assert len(units) == len(beads)
    for tu in units:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["ar", "en"]
        ids = tu.findtext("prop[@type='x-sentences']", "").split()
        for tuv in tuvs:
            lang = tuv.get(XML_LANG)
            want = " ".join(texts[s] for s in ids if s.startswith(f"{lang}:"))
            assert tuv.findtext("seg") == xml_text(want), f"tu {tu.get('tuid')}: {lang} text"


# ---------------------------------------------------------------------------------------------
# brat

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")


def parse_ann(ann: str, text: str) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """The textbound annotations of one .ann, checked against its .txt; also checks that
    every R/A/# line points at an existing annotation."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    others: list[str] = []
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m:
            frags = [(int(a), int(b)) for a, b in (f.split() for f in m.group(3).split(";"))]
            covered = " ".join(text[a:b] for a, b in frags)
            assert covered == m.group(4), f"{m.group(1)}: offsets do not slice to its text"
            spans[m.group(1)] = (m.group(2), frags)
        else:
            assert re.match(r"^(R\d+|A\d+|#\d+)\t", line), f"bad .ann line {line!r}"
            others.append(line)
    for line in others:
        refs = re.findall(r"(?:Arg\d:|\s)(T\d+)\b", line)
        assert refs and all(r in spans for r in refs), f"dangling reference in {line!r}"
    return spans


def _conf_section(conf: str, name: str) -> list[str]:
    m = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", conf, re.M | re.S)
    assert m, f"annotation.conf has no [{name}]"
    return [x for x in m.group(1).splitlines() if x and not x.startswith("#")]


def validate_brat(ctx: ExportContext, result: ExportResult) -> None:
    conf = result.files["annotation.conf"].decode("utf-8")
    types = set(_conf_section(conf, "entities"))
    _conf_section(conf, "relations")
    _conf_section(conf, "attributes")
    txts = [n for n in result.files if n.endswith(".txt")]
    assert txts, "no .txt files"
    claims = exported_claims(ctx)
    for name in txts:
        lang: Lang = "ar" if name.endswith(".ar.txt") else "en"
        text = result.files[name].decode("utf-8")
        assert text == ctx.doc.texts[lang]
        ann = result.files[name[: -len(".txt")] + ".ann"].decode("utf-8")
        spans = parse_ann(ann, text)
        assert {t for t, _ in spans.values()} <= types, "a type missing from annotation.conf"
        # Every claim anchored here, except on blank text (brat cannot mark nothing).
        n_claims = sum(1 for c in claims if (sp := c.span(lang)) and text[sp.start:sp.end].strip())
        assert sum(1 for t, _ in spans.values() if t == "Claim") == n_claims


CHECKERS: dict[str, Checker] = {
    "json": validate_json,
    "md": validate_md,
    "csv": validate_csv,
    "tmx": validate_tmx,
    "brat": validate_brat,
}


# ---------------------------------------------------------------------------------------------
# helper-6's formats: w3c, claimreview, pdf

W3C_MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def w3c_selectors(ctx: ExportContext, target: dict[str, object]) -> tuple[str, int, int, str]:
    """Check one SpecificResource's selectors against the text: (lang, start, end, exact).

    The TextPositionSelector counts code points in logical order (Python ``str`` indices), so
    slicing the language's text with it must give the TextQuoteSelector's ``exact``, and the
    prefix/suffix must be the text right before/after it.
    """
    from qarin.core.export.formats.w3c import DIRECTION, doc_urn

    source = target["source"]
    assert isinstance(source, dict)
    lang = source["language"]
    assert lang in ("ar", "en") and source["id"] == doc_urn(ctx.doc.content_hash, lang)
    assert source["textDirection"] == DIRECTION[lang]
    sel = {s["type"]: s for s in _as_list(target["selector"])}  # type: ignore[index]
    quote, pos = sel["TextQuoteSelector"], sel["TextPositionSelector"]
    text = ctx.doc.texts[lang]
    start, end = pos["start"], pos["end"]
    assert 0 <= start <= end <= len(text)
    assert text[start:end] == quote["exact"], f"{lang} {start}..{end} is not its quote"
    assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
    return lang, start, end, quote["exact"]


def validate_w3c(ctx: ExportContext, result: ExportResult) -> None:
    """The W3C Web Annotation Data Model's MUSTs that apply here, the selectors against the
    text, and the round trip through w3c_import."""
    from qarin.core.export.w3c_import import notebook_from_w3c

    data = json.loads(result.single.decode("utf-8"))
    assert "http://www.w3.org/ns/anno.jsonld" in _as_list(data["@context"])
    assert data["type"] == "AnnotationCollection"
    page = data["first"]
    assert page["type"] == "AnnotationPage"
    items = page["items"]
    assert data["total"] == len(items)
    ids = [a["id"] for a in items]
    assert len(ids) == len(set(ids)), "annotation ids repeat"
    for ann in items:
        assert ann["type"] == "Annotation" and ":" in ann["id"]
        assert set(_as_list(ann["motivation"])) <= W3C_MOTIVATIONS
        for body in _as_list(ann.get("body", [])):
            assert body["type"] == "TextualBody" and isinstance(body["value"], str)
            assert body.get("purpose", "commenting") in W3C_MOTIVATIONS
            assert body.get("language", "ar") in ("ar", "en")
            assert body.get("textDirection", "ltr") in ("ltr", "rtl", "auto")
        targets = _as_list(ann["target"])
        assert targets, "an annotation needs a target"
        for t in targets:
            if t.get("type") == "SpecificResource":
                w3c_selectors(ctx, t)
            else:
                assert t["id"].startswith(f"urn:qarin:doc:{ctx.doc.content_hash}")
    kinds = [a.get("qarin:type") for a in items]
    assert kinds.count("claim") == len(exported_claims(ctx))
    assert kinds.count("note") == len(ctx.notebook.notes)
    back = notebook_from_w3c(data, ctx.doc)
    assert list(back.claims.items()) == list(ctx.notebook.claims.items()), "claims differ"
    assert list(back.notes.items()) == list(ctx.notebook.notes.items()), "notes differ"


def validate_claimreview(ctx: ExportContext, result: ExportResult) -> None:
    """Google's required ClaimReview properties, and one review per rated claim."""
    from qarin.core.export.formats.claimreview import BEST, WORST

    data = json.loads(result.single.decode("utf-8"))
    assert isinstance(data, list)
    rated = [c for c in exported_claims(ctx) if c.status != "unverified" and c.spans]
    assert len(data) == len(rated)
    for review, claim in zip(data, rated, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        quotes = claim_quotes(ctx, claim)
        lang = "en" if "en" in quotes else "ar"
        assert review["claimReviewed"] == quotes[lang].text and review["inLanguage"] == lang
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == claim.status
        if "ratingValue" in rating:
            assert rating["worstRating"] == WORST and rating["bestRating"] == BEST
            assert WORST <= rating["ratingValue"] <= BEST
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"]["@type"] == "CreativeWork"
        if "author" in item:
            assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
        if ctx.options.url:
            assert review["url"] == ctx.options.url
        for key in ("author", "publisher"):
            if key in review:
                assert review[key]["@type"] in ("Person", "Organization")


def pdf_text(data: bytes) -> str:
    """``pdftotext`` of a PDF (poppler-utils); raises FileNotFoundError when it is missing."""
    import subprocess

    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def match_words(text: str) -> list[str]:
    """Words for comparing a PDF's extracted text with the source.

    Poppler's pdftotext gives right-to-left runs in logical order, wrapped in RLE..PDF marks
    (U+202B, U+202C), and may put an Arabic mark (tanween) apart from its letter when the
    mark is positioned on its own; so bidi controls go, Arabic is normalised (no tashkeel,
    one alef) and the text is cut into runs of Arabic letters, of other letters and of digits
    (pdftotext can glue a number or a Latin word to the Arabic word beside it on the page).
    """
    from qarin.core.text.normalize import normalize_arabic

    return re.findall(r"[\u0620-\u064a\u066e-\u06d3]+|[^\W\d_\u0600-\u06ff]+|\d+",
                      normalize_arabic(BIDI_CONTROLS.sub("", text)))


_PDF_WORDS: dict[str, tuple[frozenset[str], str]] = {}


def _pdf_words(extracted: str) -> tuple[frozenset[str], str]:
    """The words of the last PDF text asked about (a checker asks once per claim)."""
    if extracted not in _PDF_WORDS:
        _PDF_WORDS.clear()
        words = match_words(extracted)
        _PDF_WORDS[extracted] = (frozenset(words), "".join(words))
    return _PDF_WORDS[extracted]


def missing_pdf_words(extracted: str, source: str) -> set[str]:
    """Words of ``source`` that ``extracted`` lacks. A word found reversed also counts, for a
    pdftotext that gives right-to-left text in visual order; so does a word found across a
    line break, which the PDF makes when a "word" is wider than a line (text with no spaces).
    """
    found, joined = _pdf_words(extracted)
    return {
        w for w in match_words(source)
        if w not in found and w[::-1] not in found and w not in joined and w[::-1] not in joined
    }


def validate_pdf(ctx: ExportContext, result: ExportResult) -> None:
    """A PDF whose extracted text holds the title and every word of every claim."""
    data = result.single
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    try:
        text = pdf_text(data)
    except FileNotFoundError:  # no poppler-utils: the structure check above is all we can do
        return
    assert _squash(ctx.doc.title or ctx.notebook.title) in _squash(text)
    for claim in exported_claims(ctx):
        for q in claim_quotes(ctx, claim).values():
            missing = missing_pdf_words(text, q.text)
            assert not missing, f"claim {claim.id}: the PDF text lacks {sorted(missing)[:5]}"


CHECKERS.update({
    "w3c": validate_w3c,
    "claimreview": validate_claimreview,
    "pdf": validate_pdf,
})
