"""Notebook <-> plain JSON-safe dicts: the one shape used by the store and by the native exporter.

The shape (all keys snake_case, every container a list so order survives JSON)::

    {
      "doc_hash": str,                  # BilingualDocument.content_hash
      "title": str,
      "sources": [str, ...],
      "reader": str,
      "statuses": [str, ...],           # the configurable status set, in cycle order
      "tags": [str, ...],               # the tag vocabulary, in order
      "claims": [Claim, ...],           # insertion order
      "notes": [Note, ...],             # insertion order
      "corrections": [{"ar": [sentence id, ...], "en": [...], "confirmed": bool}, ...],
      "dismissed": [suggestion id, ...] # sorted (it is a set)
    }

    Claim = {"id", "spans": [Span], "sentences": [str], "claimant": str,
             "claimant_link": str | null, "cue": str, "status": str, "tags": [str],
             "notes": str, "evidence": [{"kind": "url" | "quote", "value": str, "note": str}],
             "created": str, "modified": str, "origin": str}
    Note = {"id", "target": "span" | "pair" | "document", "text": str, "spans": [Span],
            "sentences": [str], "created": str, "modified": str}
    Span = {"lang": "ar" | "en", "start": int, "end": int}   # code points, end exclusive

Reading is strict about types (a wrong type raises InvalidNotebookData naming the JSON path)
but lenient about missing optional keys (they take the model's defaults) and ignores unknown
keys, so a file written by a later minor version still loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

from qarin.core.document import Span
from qarin.core.errors import InvalidNotebookData
from qarin.core.notes.model import (
    DEFAULT_STATUSES,
    AlignmentCorrection,
    Claim,
    Evidence,
    Note,
    Notebook,
)

JSONDict = dict[str, Any]
T = TypeVar("T")

_LANGS = ("ar", "en")
_TARGETS = ("span", "pair", "document")
_EVIDENCE_KINDS = ("url", "quote")


# ---------------------------------------------------------------------------------------------
# writing


def span_to_dict(span: Span) -> JSONDict:
    return {"lang": span.lang, "start": span.start, "end": span.end}


def evidence_to_dict(ev: Evidence) -> JSONDict:
    return {"kind": ev.kind, "value": ev.value, "note": ev.note}


def correction_to_dict(c: AlignmentCorrection) -> JSONDict:
    return {"ar": list(c.ar), "en": list(c.en), "confirmed": c.confirmed}


def claim_field_to_json(name: str, value: object) -> Any:
    """One Claim field as JSON (also used by UpdateClaim to store its changes)."""
    if name == "spans":
        return [span_to_dict(s) for s in cast("tuple[Span, ...]", value)]
    if name == "evidence":
        return [evidence_to_dict(e) for e in cast("tuple[Evidence, ...]", value)]
    if isinstance(value, tuple):
        return list(value)
    return value


def note_field_to_json(name: str, value: object) -> Any:
    if name == "spans":
        return [span_to_dict(s) for s in cast("tuple[Span, ...]", value)]
    if isinstance(value, tuple):
        return list(value)
    return value


def claim_to_dict(c: Claim) -> JSONDict:
    return {name: claim_field_to_json(name, getattr(c, name)) for name in CLAIM_FIELDS}


def note_to_dict(n: Note) -> JSONDict:
    return {name: note_field_to_json(name, getattr(n, name)) for name in NOTE_FIELDS}


def notebook_to_dict(nb: Notebook) -> JSONDict:
    """The notebook as a JSON-safe dict (see the module docstring for its shape)."""
    header = notebook_header_to_dict(nb)
    return {
        **{k: header[k] for k in ("doc_hash", "title", "sources", "reader", "statuses", "tags")},
        "claims": [claim_to_dict(c) for c in nb.claims.values()],
        "notes": [note_to_dict(n) for n in nb.notes.values()],
        "corrections": header["corrections"],
        "dismissed": header["dismissed"],
    }


def notebook_header_to_dict(nb: Notebook) -> JSONDict:
    """Everything but ``claims`` and ``notes`` (the store keeps those one row each)."""
    return {
        "doc_hash": nb.doc_hash,
        "title": nb.title,
        "sources": list(nb.sources),
        "reader": nb.reader,
        "statuses": list(nb.statuses),
        "tags": list(nb.tags),
        "corrections": [correction_to_dict(c) for c in nb.corrections],
        "dismissed": sorted(nb.dismissed),
    }


# ---------------------------------------------------------------------------------------------
# reading: small typed readers that name the JSON path of what is wrong


def _fail(path: str, expected: str, got: object) -> InvalidNotebookData:
    return InvalidNotebookData(
        f"notebook data: {path}: expected {expected}, got {type(got).__name__}"
    )


def as_dict(raw: object, path: str) -> Mapping[str, object]:
    if not isinstance(raw, Mapping):
        raise _fail(path, "an object", raw)
    return cast("Mapping[str, object]", raw)


def as_str(raw: object, path: str) -> str:
    if not isinstance(raw, str):
        raise _fail(path, "a string", raw)
    return raw


def as_int(raw: object, path: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise _fail(path, "an integer", raw)
    return raw


def as_bool(raw: object, path: str) -> bool:
    if not isinstance(raw, bool):
        raise _fail(path, "true or false", raw)
    return raw


def as_list(raw: object, path: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    if not isinstance(raw, list | tuple):
        raise _fail(path, "a list", raw)
    return tuple(item(x, f"{path}[{i}]") for i, x in enumerate(raw))


def as_opt_str(raw: object, path: str) -> str | None:
    return None if raw is None else as_str(raw, path)


def _choice(raw: object, path: str, allowed: tuple[str, ...]) -> str:
    value = as_str(raw, path)
    if value not in allowed:
        raise InvalidNotebookData(
            f"notebook data: {path}: {value!r} is not one of {', '.join(allowed)}"
        )
    return value


def str_tuple(raw: object, path: str) -> tuple[str, ...]:
    return as_list(raw, path, as_str)


def span_from_dict(raw: object, path: str = "span") -> Span:
    d = as_dict(raw, path)
    lang = _choice(d.get("lang"), f"{path}.lang", _LANGS)
    start = as_int(d.get("start"), f"{path}.start")
    end = as_int(d.get("end"), f"{path}.end")
    try:
        return Span("ar" if lang == "ar" else "en", start, end)
    except ValueError as e:
        raise InvalidNotebookData(f"notebook data: {path}: {e}") from None


def evidence_from_dict(raw: object, path: str = "evidence") -> Evidence:
    d = as_dict(raw, path)
    kind = _choice(d.get("kind"), f"{path}.kind", _EVIDENCE_KINDS)
    return Evidence(
        "url" if kind == "url" else "quote",
        as_str(d.get("value"), f"{path}.value"),
        as_str(d.get("note", ""), f"{path}.note"),
    )


def correction_from_dict(raw: object, path: str = "correction") -> AlignmentCorrection:
    d = as_dict(raw, path)
    return AlignmentCorrection(
        str_tuple(d.get("ar", []), f"{path}.ar"),
        str_tuple(d.get("en", []), f"{path}.en"),
        as_bool(d.get("confirmed", True), f"{path}.confirmed"),
    )


# Field readers, shared by claim_from_dict and UpdateClaim.from_dict.
_CLAIM_READERS: dict[str, Callable[[object, str], object]] = {
    "id": as_str,
    "spans": lambda raw, p: as_list(raw, p, span_from_dict),
    "sentences": str_tuple,
    "claimant": as_str,
    "claimant_link": as_opt_str,
    "cue": as_str,
    "status": as_str,
    "tags": str_tuple,
    "notes": as_str,
    "evidence": lambda raw, p: as_list(raw, p, evidence_from_dict),
    "created": as_str,
    "modified": as_str,
    "origin": as_str,
}
_NOTE_READERS: dict[str, Callable[[object, str], object]] = {
    "id": as_str,
    "target": lambda raw, p: _choice(raw, p, _TARGETS),
    "text": as_str,
    "spans": lambda raw, p: as_list(raw, p, span_from_dict),
    "sentences": str_tuple,
    "created": as_str,
    "modified": as_str,
}
CLAIM_FIELDS: tuple[str, ...] = tuple(_CLAIM_READERS)
NOTE_FIELDS: tuple[str, ...] = tuple(_NOTE_READERS)
_CLAIM_REQUIRED = ("id", "spans")
_NOTE_REQUIRED = ("id", "target", "text")


def claim_field_from_json(name: str, raw: object, path: str) -> object:
    if name not in _CLAIM_READERS:
        raise InvalidNotebookData(f"notebook data: {path}: a claim has no field {name!r}")
    return _CLAIM_READERS[name](raw, path)


def note_field_from_json(name: str, raw: object, path: str) -> object:
    if name not in _NOTE_READERS:
        raise InvalidNotebookData(f"notebook data: {path}: a note has no field {name!r}")
    return _NOTE_READERS[name](raw, path)


def _fields(
    d: Mapping[str, object],
    path: str,
    readers: dict[str, Callable[[object, str], object]],
    required: tuple[str, ...],
) -> dict[str, Any]:
    for key in required:
        if key not in d:
            raise InvalidNotebookData(f"notebook data: {path}: missing {key!r}")
    return {k: readers[k](d[k], f"{path}.{k}") for k in readers if k in d}


def claim_from_dict(raw: object, path: str = "claim") -> Claim:
    return Claim(**_fields(as_dict(raw, path), path, _CLAIM_READERS, _CLAIM_REQUIRED))


def note_from_dict(raw: object, path: str = "note") -> Note:
    return Note(**_fields(as_dict(raw, path), path, _NOTE_READERS, _NOTE_REQUIRED))


def _unique_by_id(items: tuple[T, ...], ids: list[str], path: str) -> dict[str, T]:
    out: dict[str, T] = {}
    for i, (key, item) in enumerate(zip(ids, items, strict=True)):
        if key in out:
            raise InvalidNotebookData(f"notebook data: {path}[{i}]: duplicate id {key!r}")
        out[key] = item
    return out


def notebook_from_dict(raw: object) -> Notebook:
    """The inverse of notebook_to_dict; raises InvalidNotebookData on a malformed dict."""
    d = as_dict(raw, "notebook")
    if "doc_hash" not in d:
        raise InvalidNotebookData("notebook data: notebook: missing 'doc_hash'")
    claims = as_list(d.get("claims", []), "claims", claim_from_dict)
    notes = as_list(d.get("notes", []), "notes", note_from_dict)
    statuses = str_tuple(d.get("statuses", list(DEFAULT_STATUSES)), "statuses")
    return Notebook(
        doc_hash=as_str(d["doc_hash"], "doc_hash"),
        title=as_str(d.get("title", ""), "title"),
        sources=str_tuple(d.get("sources", []), "sources"),
        claims=MappingProxyType(_unique_by_id(claims, [c.id for c in claims], "claims")),
        notes=MappingProxyType(_unique_by_id(notes, [n.id for n in notes], "notes")),
        tags=str_tuple(d.get("tags", []), "tags"),
        statuses=statuses,
        corrections=as_list(d.get("corrections", []), "corrections", correction_from_dict),
        dismissed=frozenset(str_tuple(d.get("dismissed", []), "dismissed")),
        reader=as_str(d.get("reader", ""), "reader"),
    )
