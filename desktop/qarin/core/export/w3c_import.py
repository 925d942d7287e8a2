"""Read back a W3C Web Annotation file that Qarin wrote (formats/w3c.py) as a Notebook.

Claims and notes come back with their spans, status, tags, notes and the ``qarin:`` extras;
entity annotations are skipped (the analysis recomputes them). Alignment corrections and
dismissed suggestions are not annotations and are not in the file: the native JSON carries them.

Annotations from other tools lack the ``qarin:`` extension and are refused with one line: their
claims would have no ids and their positions might count UTF-16 units, not code points.

Given the document, every span is checked against it: when the file belongs to this very text
(same content hash) each TextPositionSelector must slice out its TextQuoteSelector's ``exact``;
when the text changed, each span is re-anchored by its quote (prefix + exact + suffix first,
then a unique ``exact``), which is what the quote selector is for.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qarin.core.document import BilingualDocument
from qarin.core.errors import ImportFailed, InvalidNotebookData
from qarin.core.export.formats.w3c import (
    ANNO_CONTEXT,
    FORMAT_VERSION,
    K_DOC,
    K_ID,
    K_MENTION,
    K_SENTENCE,
    K_SUGGESTION,
    K_TYPE,
    K_VERSION,
)
from qarin.core.notes.model import DEFAULT_STATUSES, Notebook
from qarin.core.notes.serialize import as_dict, as_int, as_list, as_str, notebook_from_dict

JSONDict = dict[str, Any]


class _Reader:
    def __init__(self, doc: BilingualDocument | None, doc_hash: str) -> None:
        self.doc = doc
        self.same_text = doc is not None and doc.content_hash == doc_hash

    def span(self, target: Mapping[str, object], path: str) -> JSONDict:
        source = as_dict(target.get("source"), f"{path}.source")
        lang = as_str(source.get("language"), f"{path}.source.language")
        quote: Mapping[str, object] = {}
        start = end = -1
        for i, raw in enumerate(as_list(target.get("selector"), f"{path}.selector", as_dict)):
            kind = raw.get("type")
            if kind == "TextQuoteSelector":
                quote = raw
            elif kind == "TextPositionSelector":
                start = as_int(raw.get("start"), f"{path}.selector[{i}].start")
                end = as_int(raw.get("end"), f"{path}.selector[{i}].end")
        if start < 0 or not quote:
            raise InvalidNotebookData(f"{path}: needs a TextQuoteSelector and a "
                                      "TextPositionSelector")
        span = {"lang": lang, "start": start, "end": end}
        if self.doc is not None:
            span.update(self._anchor(lang, start, end, quote, path))
        return span

    def _anchor(
        self, lang: str, start: int, end: int, quote: Mapping[str, object], path: str
    ) -> JSONDict:
        assert self.doc is not None
        text = self.doc.texts.get("ar" if lang == "ar" else "en", "")
        exact = as_str(quote.get("exact"), f"{path}.exact")
        if self.same_text:
            if text[start:end] != exact:
                raise InvalidNotebookData(f"{path}: position {start}..{end} does not hold "
                                          "its quote")
            return {}
        prefix = as_str(quote.get("prefix", ""), f"{path}.prefix")
        suffix = as_str(quote.get("suffix", ""), f"{path}.suffix")
        at = text.find(prefix + exact + suffix)
        if at >= 0:
            at += len(prefix)
        elif text.count(exact) == 1:
            at = text.find(exact)
        else:
            raise InvalidNotebookData(f"{path}: its quote is not (uniquely) in this document")
        return {"start": at, "end": at + len(exact)}


def _bodies(ann: Mapping[str, object], path: str, purpose: str) -> list[str]:
    raw = ann.get("body", [])
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for i, b in enumerate(items):
        body = as_dict(b, f"{path}.body[{i}]")
        if body.get("purpose") == purpose:
            out.append(as_str(body.get("value"), f"{path}.body[{i}].value"))
    return out


def _spans(reader: _Reader, ann: Mapping[str, object], path: str) -> list[JSONDict]:
    raw = ann.get("target", [])
    targets = raw if isinstance(raw, list) else [raw]
    spans = []
    for i, t in enumerate(targets):
        # Whole-document targets are plain resources; sentence/mention targets are not spans.
        if not isinstance(t, Mapping) or t.get("type") != "SpecificResource":
            continue
        if K_SENTENCE in t or K_MENTION in t:
            continue
        spans.append(reader.span(t, f"{path}.target[{i}]"))
    return spans


def _stamps(ann: Mapping[str, object]) -> JSONDict:
    return {k: ann[k] for k in ("created", "modified") if k in ann}


def _claim(reader: _Reader, ann: Mapping[str, object], path: str) -> JSONDict:
    status = _bodies(ann, path, "assessing")
    notes = _bodies(ann, path, "commenting")
    claim: JSONDict = {
        "id": ann.get(K_ID),
        "spans": _spans(reader, ann, path),
        "status": status[0] if status else "unverified",
        "tags": _bodies(ann, path, "tagging"),
        "notes": notes[0] if notes else "",
        **_stamps(ann),
    }
    for key, field in (("claimant", "claimant"), ("claimantLink", "claimant_link"),
                       ("cue", "cue"), ("sentences", "sentences"), ("evidence", "evidence"),
                       ("origin", "origin")):
        if f"qarin:{key}" in ann:
            claim[field] = ann[f"qarin:{key}"]
    return claim


def _note(reader: _Reader, ann: Mapping[str, object], path: str) -> JSONDict:
    text = _bodies(ann, path, "commenting")
    return {
        "id": ann.get(K_ID),
        "target": ann.get("qarin:noteTarget"),
        "text": text[0] if text else "",
        "spans": _spans(reader, ann, path),
        "sentences": ann.get("qarin:sentences", []),
        **_stamps(ann),
    }


def _collection(data: object) -> Mapping[str, object]:
    """The top-level object, or a reason why this is not a Qarin W3C file."""
    if not isinstance(data, Mapping) or data.get("type") != "AnnotationCollection":
        raise InvalidNotebookData("not a W3C AnnotationCollection")
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if ANNO_CONTEXT not in contexts:
        raise InvalidNotebookData(f"its @context does not name {ANNO_CONTEXT}")
    version = data.get(K_VERSION)
    if version is None or K_DOC not in data:
        raise InvalidNotebookData("W3C annotations not written by Qarin (no qarin: extension)")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidNotebookData(f"written by a newer Qarin ({K_VERSION} {version!r})")
    return data


def notebook_from_w3c(data: object, doc: BilingualDocument | None = None) -> Notebook:
    """The notebook in a parsed W3C file; InvalidNotebookData names what is wrong."""
    coll = _collection(data)
    doc_hash = as_str(coll[K_DOC], K_DOC)
    reader = _Reader(doc, doc_hash)
    first = as_dict(coll.get("first"), "first")
    claims, notes = [], []
    for i, raw in enumerate(as_list(first.get("items", []), "first.items", as_dict)):
        path = f"first.items[{i}]"
        kind = raw.get(K_TYPE)
        if kind == "claim" and not raw.get(K_SUGGESTION):
            claims.append(_claim(reader, raw, path))
        elif kind == "note":
            notes.append(_note(reader, raw, path))
    return notebook_from_dict({
        "doc_hash": doc.content_hash if doc is not None else doc_hash,
        "title": coll.get("qarin:title", coll.get("label", "")),
        "sources": coll.get("qarin:sources", []),
        "reader": coll.get("qarin:reader", ""),
        "statuses": coll.get("qarin:statuses") or list(DEFAULT_STATUSES),
        "tags": coll.get("qarin:tags", []),
        "claims": claims,
        "notes": notes,
    })


def import_w3c(
    data: bytes | str, *, name: str = "annotations", doc: BilingualDocument | None = None
) -> Notebook:
    """Parse and read a W3C annotation file; every failure is one line starting with ``name``."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        parsed = json.loads(text)
    except UnicodeDecodeError:
        raise InvalidNotebookData(f"{name}: not UTF-8 text, so not annotations Qarin wrote"
                                  ) from None
    except json.JSONDecodeError as e:
        raise InvalidNotebookData(
            f"{name}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    try:
        return notebook_from_w3c(parsed, doc)
    except InvalidNotebookData as err:
        message = str(err).removeprefix("notebook data: ")
        raise InvalidNotebookData(f"{name}: {message}") from None


def read_w3c_file(path: str | Path, doc: BilingualDocument | None = None) -> Notebook:
    """``import_w3c`` on a file; a file that cannot be read is an ImportFailed."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ImportFailed(str(path), e.strerror or str(e)) from None
    return import_w3c(raw, name=str(path), doc=doc)
