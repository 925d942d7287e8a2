"""brat standoff (https://brat.nlplab.org/standoff.html): a ``.txt`` + ``.ann`` pair per language
and an ``annotation.conf`` so brat opens the folder as a collection.

Offsets are character offsets into the ``.txt``; brat counts characters the way Qarin does
(code points), so Qarin's spans are written unchanged and the text is written exactly as read.
A span crossing a line break becomes a discontinuous annotation (``start end;start end``),
since brat keeps each annotation on one line of the ``.ann`` file.

What is written per language:
  T  entity mentions (type = their label), claims ("Claim"), cues ("Cue"), anchored notes ("Note")
  R  Claimant relations: the claim and a mention of its claimant, when the claimant is a linked
     entity mentioned in that language (the mention inside the claim, else the nearest before)
  A  Status attributes on claims
  #  AnnotatorNotes: the claim's notes, tags and evidence, or the note's text, on one line
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from qarin.core.document import LANGS, Lang, Span
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import exported_claims
from qarin.core.export.registry import register
from qarin.core.export.textsafe import file_stem
from qarin.core.model import EntityMention
from qarin.core.notes.model import Claim, Note

CLAIM, CUE, NOTE = "Claim", "Cue", "Note"
RELATION, ATTRIBUTE = "Claimant", "Status"


def brat_name(value: str) -> str:
    """A type or attribute value brat accepts: no whitespace, no separators of its syntax."""
    return re.sub(r"[^\w-]", "_", value.strip()) or "_"


def one_line(text: str) -> str:
    return " ".join(text.split())


def fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """``span`` split at line breaks, blank pieces dropped (brat's discontinuous spans)."""
    out = []
    for m in re.finditer(r"[^\n]+", text[span.start : span.end]):
        start, end = span.start + m.start(), span.start + m.end()
        if text[start:end].strip():
            out.append((start, end))
    return out


@dataclass
class AnnFile:
    """One ``.ann`` being written: numbering of T/R/A/# lines and the lines themselves."""

    text: str
    lines: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def _next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def textbound(self, kind: str, span: Span) -> str | None:
        frags = fragments(self.text, span)
        if not frags:
            return None
        tid = self._next("T")
        where = ";".join(f"{s} {e}" for s, e in frags)
        covered = " ".join(self.text[s:e] for s, e in frags)
        self.lines.append(f"{tid}\t{brat_name(kind)} {where}\t{covered}")
        return tid

    def relation(self, kind: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self._next('R')}\t{kind} Arg1:{arg1} Arg2:{arg2}")

    def attribute(self, kind: str, target: str, value: str) -> None:
        self.lines.append(f"{self._next('A')}\t{kind} {target} {brat_name(value)}")

    def note(self, target: str, text: str) -> None:
        if text.strip():
            self.lines.append(f"{self._next('#')}\tAnnotatorNotes {target}\t{one_line(text)}")

    def data(self) -> bytes:
        return "".join(line + "\n" for line in self.lines).encode("utf-8")


def _claim_note(claim: Claim) -> str:
    parts = [claim.notes]
    if claim.tags:
        parts.append("tags: " + ", ".join(claim.tags))
    parts += [f"{e.kind}: {e.value}" + (f" ({e.note})" if e.note else "") for e in claim.evidence]
    if claim.claimant and not claim.claimant_link:
        parts.append("claimant: " + claim.claimant)
    return " | ".join(one_line(p) for p in parts if p.strip())


def cue_spans(ctx: ExportContext, claim: Claim, lang: Lang) -> list[Span]:
    """The cue in this language: the accepted suggestion's own cue spans when there is one,
    else each " / "-separated part of the typed cue found inside the claim's span."""
    sug = next((s for s in ctx.analysis.claims if s.id == claim.origin), None)
    if sug is not None and sug.cue:
        return [c for c in sug.cue if c.lang == lang]
    span = claim.span(lang)
    if span is None:
        return []
    region = ctx.doc.text(span)
    out = []
    for part in (p.strip() for p in claim.cue.split("/")):
        at = region.find(part) if part else -1
        if at >= 0:
            out.append(Span(lang, span.start + at, span.start + at + len(part)))
    return out


def claimant_mention(ctx: ExportContext, claim: Claim, span: Span) -> EntityMention | None:
    """A mention of the claim's linked claimant in ``span``'s language: inside the claim if
    there is one, else the nearest one before it, else the nearest after."""
    if not claim.claimant_link:
        return None
    ms = [m for m in ctx.analysis.entities
          if m.link == claim.claimant_link and m.lang == span.lang]
    inside = [m for m in ms if span.start <= m.start and m.end <= span.end]
    before = [m for m in ms if m.end <= span.start]
    after = [m for m in ms if m.start >= span.end]
    if inside:
        return inside[0]
    if before:
        return max(before, key=lambda m: m.end)
    return min(after, key=lambda m: m.start) if after else None


def _note_spans(ctx: ExportContext, note: Note, lang: Lang) -> Iterator[Span]:
    yield from (s for s in note.spans if s.lang == lang)
    if not note.spans:
        known = {s.id: s for s in ctx.analysis.sentences}
        yield from (known[s].span for s in note.sentences if s in known and known[s].lang == lang)


def annotate(ctx: ExportContext, lang: Lang) -> AnnFile:
    ann = AnnFile(ctx.doc.texts.get(lang, ""))
    mention_ids: dict[str, str] = {}
    for m in ctx.analysis.entities:
        if m.lang == lang:
            tid = ann.textbound(m.label, Span(lang, m.start, m.end))
            if tid:
                mention_ids[m.id] = tid
    for claim in exported_claims(ctx):
        span = claim.span(lang)
        if span is None:
            continue
        tid = ann.textbound(CLAIM, span)
        if tid is None:
            continue
        ann.attribute(ATTRIBUTE, tid, claim.status)
        for cue in cue_spans(ctx, claim, lang):
            ann.textbound(CUE, cue)
        who = claimant_mention(ctx, claim, span)
        if who is not None and who.id in mention_ids:
            ann.relation(RELATION, tid, mention_ids[who.id])
        ann.note(tid, _claim_note(claim))
    for note in ctx.notebook.notes.values():
        for span in _note_spans(ctx, note, lang):
            tid = ann.textbound(NOTE, span)
            if tid:
                ann.note(tid, note.text)
    return ann


def annotation_conf(ctx: ExportContext) -> str:
    labels = _unique(brat_name(m.label) for m in ctx.analysis.entities)
    statuses = _unique(brat_name(s) for s in (*ctx.notebook.statuses,
                                              *(c.status for c in exported_claims(ctx))))
    claimant_targets = "|".join(labels) or "<ENTITY>"
    return "\n".join([
        "# brat configuration for a Qarin export: entity labels, claims, cues and notes.",
        "[entities]",
        *labels,
        CLAIM,
        CUE,
        NOTE,
        "",
        "[relations]",
        f"{RELATION} Arg1:{CLAIM}, Arg2:{claimant_targets}",
        # Claims contain entities and cues: let every kind of span overlap.
        "<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        "",
        "[attributes]",
        f"{ATTRIBUTE} Arg:{CLAIM}, Value:{'|'.join(statuses)}",
        "",
    ])


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class BratExporter:
    name: ClassVar[str] = "brat"
    title: ClassVar[str] = "brat standoff (.txt + .ann per language)"
    extension: ClassVar[str] = ""  # a folder
    media_type: ClassVar[str] = "text/plain; charset=utf-8"

    def export(self, ctx: ExportContext) -> ExportResult:
        stem = file_stem(ctx.doc.title or ctx.notebook.title)
        files: dict[str, bytes] = {}
        for lang in LANGS:
            if not ctx.doc.texts.get(lang):
                continue
            files[f"{stem}.{lang}.txt"] = ctx.doc.texts[lang].encode("utf-8")
            files[f"{stem}.{lang}.ann"] = annotate(ctx, lang).data()
        files["annotation.conf"] = annotation_conf(ctx).encode("utf-8")
        return ExportResult(files)


register(BratExporter())
