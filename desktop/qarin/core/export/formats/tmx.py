"""TMX 1.4b of the aligned pairs, for translation memories (OmegaT, Trados, memoQ...).

One ``<tu>`` per bead holding text in both languages, after the reader's alignment
corrections; a 2-2 bead's sentences are joined by a space. Written with ElementTree, which
escapes markup; characters XML 1.0 cannot hold are dropped first. Each unit carries its
sentence ids and confidence as ``x-`` properties (TMX's extension convention) so a tool can
trace a segment back to the document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import ClassVar

from qarin import __version__
from qarin.core.document import Lang
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import export_date
from qarin.core.export.pairs import ReadBead, corrected_beads
from qarin.core.export.registry import register
from qarin.core.export.textsafe import xml_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def exported_beads(ctx: ExportContext) -> list[ReadBead]:
    """Beads with text on both sides, filtered by the reader's choices.

    ``confirmed_only`` keeps the beads the reader set or checked (every alignment correction);
    ``min_confidence`` drops aligner beads below it (the reader's beads count as 1.0).
    """
    out = []
    for bead in corrected_beads(ctx.analysis, ctx.notebook):
        if not (bead.ar and bead.en):
            continue  # a 1-0 or 0-1 bead has no translation to remember
        if ctx.options.confirmed_only and not bead.reader:
            continue
        if ctx.options.min_confidence is not None and bead.confidence < ctx.options.min_confidence:
            continue
        out.append(bead)
    return out


def segment_text(ctx: ExportContext, ids: tuple[str, ...]) -> str:
    return xml_text(" ".join(ctx.doc.text(ctx.analysis.sentence(s).span) for s in ids))


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = value


def build_tmx(ctx: ExportContext) -> ET.Element:
    root = ET.Element("tmx", version="1.4")
    day = export_date(ctx).replace("-", "")
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "Qarin",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "qarin",
            "adminlang": "en",
            "srclang": "ar",
            "datatype": "plaintext",
            "creationdate": f"{day}T000000Z",
        },
    )
    if ctx.doc.title:
        _prop(header, "x-document-title", xml_text(ctx.doc.title))
    _prop(header, "x-document-hash", ctx.doc.content_hash)
    body = ET.SubElement(root, "body")
    for n, bead in enumerate(exported_beads(ctx), 1):
        tu = ET.SubElement(body, "tu", tuid=str(n))
        _prop(tu, "x-sentences", " ".join((*bead.ar, *bead.en)))
        _prop(tu, "x-confidence", f"{bead.confidence:.3f}")
        if bead.reader:
            _prop(tu, "x-reader-aligned", "confirmed" if bead.confirmed else "corrected")
        lang: Lang
        for lang in ("ar", "en"):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = segment_text(ctx, bead.ids(lang))
    return root


class TmxExporter:
    name: ClassVar[str] = "tmx"
    title: ClassVar[str] = "TMX 1.4 (aligned sentence pairs)"
    extension: ClassVar[str] = ".tmx"
    media_type: ClassVar[str] = "application/x-tmx+xml"

    def export(self, ctx: ExportContext) -> ExportResult:
        root = build_tmx(ctx)
        ET.indent(root)  # whitespace only between elements: <seg> text is untouched
        xml = ET.tostring(root, encoding="unicode")
        text = f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{xml}\n'
        return ExportResult({"": text.encode("utf-8")})


register(TmxExporter())
