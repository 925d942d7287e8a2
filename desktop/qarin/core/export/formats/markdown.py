"""Bilingual Markdown for a person in any notes app (Obsidian, Joplin, a Git forge...).

Arabic paragraphs sit in ``<div dir="rtl" lang="ar">`` blocks with blank lines around the
Markdown inside, so CommonMark renderers keep it Markdown and show it right-to-left; apps that
show raw text still read it, since the text is written in logical order, never reshaped or
reordered. Inline Arabic in a left-to-right line (a claimant, an entity name) is wrapped in
Unicode isolates (FSI..PDI) so neighbouring punctuation cannot jump across it.
Everything the reader typed is escaped: a note holding ``*`` or ``<b>`` shows those characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import ClassVar

from bidi import get_base_level

from qarin.core.document import Lang
from qarin.core.export.base import ExportContext, ExportResult
from qarin.core.export.content import (
    claim_quotes,
    claimant_name,
    export_date,
    exported_claims,
)
from qarin.core.export.registry import register
from qarin.core.export.textsafe import strip_controls
from qarin.core.model import EntityMention
from qarin.core.notes.model import Claim, Evidence, Note
from qarin.core.text.script import paragraph_language

FSI, PDI = "\u2068", "\u2069"

# Characters that start Markdown syntax anywhere in a line (CommonMark lets any ASCII
# punctuation be backslash-escaped, so escaping is always safe, merely noisier).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# ... and at the start of a line: headings, quotes, list markers, setext underlines, fences.
_LINE_START = re.compile(r"^([#>+\-=]|\d+(?=[.)]))")
_URL = re.compile(r"https?://[^\s<>]+\Z")


def escape_line(line: str) -> str:
    """One line of user text, made literal for Markdown.

    Leading blanks go: four of them would turn the line into a code block.
    """
    line = _INLINE.sub(r"\\\1", strip_controls(line).lstrip(" \t"))
    m = _LINE_START.match(line)
    if m is None:
        return line
    if m.group(1)[0].isdigit():  # "1." starts an ordered list: escape the dot instead
        return f"{m.group(1)}\\{line[m.end():]}"
    return "\\" + line


def _paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, each a list of lines (CR/LF normalised)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    paras = re.split(r"\n[ \t]*\n", text) if text else []
    return [p.split("\n") for p in paras]


def _is_rtl(text: str) -> bool:
    return bool(get_base_level(text) == 1)


def _block(lines: list[str], *, rtl: bool, arabic: bool, quote: bool) -> list[str]:
    """One paragraph of escaped lines; line breaks inside it stay breaks (backslash-newline)."""
    escaped = [escape_line(x) for x in lines]
    body = [x + "\\" for x in escaped[:-1]] + escaped[-1:]
    if quote:
        body = ["> " + x if x else ">" for x in body]
    if rtl:
        lang = ' lang="ar"' if arabic else ""
        return [f'<div dir="rtl"{lang}>', "", *body, "", "</div>"]
    return body


def _direction_runs(lines: list[str]) -> list[list[str]]:
    """Consecutive lines of one direction; a line with no strong letter joins the run before,
    so an Arabic line typed inside an English note still gets its own right-to-left block."""
    runs: list[list[str]] = []
    last: bool | None = None
    for line in lines:
        rtl = _is_rtl(line) if _has_strong(line) else last
        if runs and rtl == last:
            runs[-1].append(line)
        else:
            runs.append([line])
        last = rtl
    return runs


def _has_strong(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def text_blocks(text: str, *, quote: bool = False, lang: Lang | None = None) -> list[str]:
    """Text as Markdown blocks separated by blank lines.

    ``lang`` is the language of a passage of the document: its direction is the language's,
    whatever its first letter (an Arabic sentence may start with a number or a Latin name).
    Free text (``lang`` None) takes each run's direction from its first strong letter.
    """
    out: list[str] = []
    for para in _paragraphs(text):
        runs = [para] if lang else _direction_runs(para)
        for run in runs:
            if out:
                out.append("")
            if lang:
                rtl, arabic = lang == "ar", lang == "ar"
            else:
                rtl = _is_rtl("\n".join(run))
                arabic = paragraph_language(" ".join(run)) == "ar"
            out.extend(_block(run, rtl=rtl, arabic=arabic, quote=quote))
    return out


def inline(text: str) -> str:
    """A short value inside a left-to-right line: one line, escaped, RTL runs isolated."""
    flat = " ".join(line.strip() for p in _paragraphs(text) for line in p)
    value = escape_line(flat).lstrip()
    return f"{FSI}{value}{PDI}" if value and _is_rtl(flat) else value


def _field(name: str, value: str) -> str:
    return f"- **{name}:** {value}"


def _evidence(ev: Evidence) -> list[str]:
    note = f" — {inline(ev.note)}" if ev.note.strip() else ""
    if ev.kind == "url" and _URL.match(ev.value):
        return [f"- <{ev.value}>{note}"]
    if ev.kind == "url":
        return [f"- {inline(ev.value)}{note}"]
    quoted = text_blocks(ev.value, quote=True) or [">"]
    # A quote inside a list item: indent it under the bullet so it stays part of the item.
    return ["- Quote" + (note or ":"), "", *("  " + x if x else "" for x in quoted)]


def _claim(ctx: ExportContext, n: int, claim: Claim) -> Iterator[str]:
    suggested = claim.id not in ctx.notebook.claims
    yield f"### {n}. {inline(claim.status.capitalize())}" + (" (suggested)" if suggested else "")
    yield ""
    quotes = claim_quotes(ctx, claim)
    for lang in ("ar", "en"):
        if lang in quotes:
            yield from text_blocks(quotes[lang].text, quote=True, lang=lang)
            yield ""
    fields = [
        ("Claimant", _claimant(ctx, claim)),
        ("Cue", inline(claim.cue)),
        ("Status", inline(claim.status)),
        ("Tags", ", ".join(inline(t) for t in claim.tags)),
        ("Sentences", ", ".join(claim.sentences)),
        ("Created", claim.created),
        ("Modified", claim.modified),
    ]
    yield from (_field(k, v) for k, v in fields if v)
    yield ""
    if claim.notes.strip():
        yield "**Notes**"
        yield ""
        yield from text_blocks(claim.notes)
        yield ""
    if claim.evidence:
        yield "**Evidence**"
        yield ""
        for ev in claim.evidence:
            yield from _evidence(ev)
        yield ""


def _claimant(ctx: ExportContext, claim: Claim) -> str:
    """A linked claimant in both languages (it is the same entity in both texts)."""
    link = next((k for k in ctx.analysis.links if k.id == claim.claimant_link), None)
    if link is None:
        return inline(claimant_name(ctx, claim))
    return " / ".join(inline(x) for x in (link.names.get("en"), link.names.get("ar")) if x)


def _note_target(ctx: ExportContext, note: Note) -> list[str]:
    if note.target == "document":
        return ["On the whole document.", ""]
    where = ", ".join(note.sentences) or ", ".join(
        f"{s.lang} {s.start}–{s.end}" for s in note.spans
    )
    out = [f"On {'the sentence pair' if note.target == 'pair' else 'the passage'} {where}:", ""]
    spans = note.spans or tuple(ctx.analysis.sentence(s).span for s in note.sentences
                                if _has_sentence(ctx, s))
    for span in sorted(spans, key=lambda s: s.lang):  # Arabic first, as everywhere
        out += [*text_blocks(ctx.doc.text(span), quote=True, lang=span.lang), ""]
    return out


def _has_sentence(ctx: ExportContext, sid: str) -> bool:
    try:
        ctx.analysis.sentence(sid)
    except KeyError:
        return False
    return True


def _note(ctx: ExportContext, n: int, note: Note) -> Iterator[str]:
    yield f"### Note {n}"
    yield ""
    yield from _note_target(ctx, note)
    yield from text_blocks(note.text)
    yield ""
    stamp = ", ".join(x for x in (note.created and f"created {note.created}",
                                  note.modified and f"modified {note.modified}") if x)
    if stamp:
        yield f"*{stamp}*"
        yield ""


def _names(mentions: Iterable[EntityMention], lang: str) -> str:
    seen: dict[str, None] = {}
    for m in mentions:
        if m.lang == lang:
            seen.setdefault(m.text, None)
    return ", ".join(inline(t) for t in seen)


def _entities(ctx: ExportContext) -> Iterator[str]:
    mentions = {m.id: m for m in ctx.analysis.entities}
    for link in ctx.analysis.links:
        linked = [mentions[i] for i in link.mentions if i in mentions]
        names = " / ".join(inline(x) for x in (link.names.get("en"), link.names.get("ar")) if x)
        yield f"- **{names}** ({inline(link.label)})"
        for lang, title in (("ar", "Arabic"), ("en", "English")):
            found = _names(linked, lang)
            if found:
                yield f"  - {title}: {found}"
    unlinked = [m for m in ctx.analysis.entities if m.link is None]
    for lang, title in (("ar", "Arabic"), ("en", "English")):
        items = [m for m in unlinked if m.lang == lang]
        if items:
            labels: dict[str, list[EntityMention]] = {}
            for m in items:
                labels.setdefault(m.label, []).append(m)
            for label, ms in labels.items():
                yield f"- Not linked, {title} ({inline(label)}): {_names(ms, lang)}"


def render(ctx: ExportContext) -> str:
    doc, nb = ctx.doc, ctx.notebook
    lines = [f"# {inline(doc.title or nb.title or 'Notes')}", ""]
    meta = [f"Exported from Qarin on {export_date(ctx)}"]
    if nb.reader:
        meta.append(f"by {inline(nb.reader)}")
    lines += [" ".join(meta) + ".", ""]
    for src in doc.sources:
        lines.append(_field("Source", inline(src.path)))
    lines += [_field("Document", f"`{doc.content_hash[:16]}`"), ""]
    claims = exported_claims(ctx)
    lines += [f"## Claims ({len(claims)})", ""]
    if not claims:
        lines += ["*No claims yet.*", ""]
    for n, claim in enumerate(claims, 1):
        lines += _claim(ctx, n, claim)
    if nb.notes:
        lines += [f"## Notes ({len(nb.notes)})", ""]
        for n, note in enumerate(nb.notes.values(), 1):
            lines += _note(ctx, n, note)
    if ctx.analysis.entities:
        lines += ["## Entities", "", *_entities(ctx), ""]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


class MarkdownExporter:
    name: ClassVar[str] = "md"
    title: ClassVar[str] = "Markdown (bilingual notes)"
    extension: ClassVar[str] = ".md"
    media_type: ClassVar[str] = "text/markdown; charset=utf-8"

    def export(self, ctx: ExportContext) -> ExportResult:
        return ExportResult({"": render(ctx).encode("utf-8")})


register(MarkdownExporter())
