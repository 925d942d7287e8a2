"""Every change to a Notebook is a command: a small frozen value with ``apply(nb) -> Notebook``.

Undo works by inverse commands: ``cmd.inverse(before)`` returns the command that takes
``cmd.apply(before)`` back to ``before``. Inverses are chosen over whole-notebook snapshots
because two windows (or two processes) may edit the same notebook: an inverse touches only what
its command touched (the status of one claim, one note), so undoing in one window never wipes out
what another window changed in the meantime, and it stays small in the persisted history.

Commands are deterministic: the only time they record (``created``/``modified``) is their ``at``
field, stamped once by the session's clock (``stamped``), so replaying a command on a fresh
notebook after a concurrent change gives the same result. ``to_dict``/``command_from_dict``
give the JSON form kept in the store's history and journal (``"type"`` names the class).
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from qarin.core.errors import CommandFailed, InvalidNotebookData
from qarin.core.notes.model import AlignmentCorrection, Claim, Note, Notebook
from qarin.core.notes.serialize import (
    CLAIM_FIELDS,
    NOTE_FIELDS,
    as_bool,
    as_dict,
    as_int,
    as_list,
    as_str,
    claim_field_from_json,
    claim_field_to_json,
    claim_from_dict,
    claim_to_dict,
    correction_from_dict,
    correction_to_dict,
    note_field_from_json,
    note_field_to_json,
    note_from_dict,
    note_to_dict,
    str_tuple,
)

JSONDict = dict[str, Any]
Clock = Callable[[], datetime]
V = TypeVar("V")


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(dt: datetime) -> str:
    """ISO-8601 in UTC with millisecond precision and a ``Z``: ``2026-11-25T20:43:56.123Z``."""
    if dt.tzinfo is None:  # a naive clock is taken to mean UTC
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


# ---------------------------------------------------------------------------------------------
# the interface and its registry


class Command(ABC):
    """One undoable change. Subclasses are frozen dataclasses registered with @register."""

    __slots__ = ()
    type_name: ClassVar[str]
    _label: ClassVar[str] = "Edit"

    @property
    def label(self) -> str:
        """What the change is, for "Undo <label>" / "Redo <label>"."""
        return self._label

    @abstractmethod
    def apply(self, nb: Notebook) -> Notebook:
        """The notebook after this change; raises CommandFailed if it does not fit ``nb``."""

    @abstractmethod
    def inverse(self, before: Notebook) -> Command:
        """The command that turns ``self.apply(before)`` back into ``before``."""

    def stamped(self, at: str) -> Command:
        """This command with its time set (if it records one and has none yet)."""
        return self

    @abstractmethod
    def _payload(self) -> JSONDict: ...

    @classmethod
    @abstractmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command: ...

    def to_dict(self) -> JSONDict:
        return {"type": self.type_name, **self._payload()}


C = TypeVar("C", bound=Command)
_REGISTRY: dict[str, type[Command]] = {}


def register(cls: type[C]) -> type[C]:
    """Class decorator: make ``cls`` readable by command_from_dict under ``cls.type_name``."""
    if cls.type_name in _REGISTRY:
        raise ValueError(f"command type {cls.type_name!r} registered twice")
    _REGISTRY[cls.type_name] = cls
    return cls


def command_from_dict(raw: object) -> Command:
    d = as_dict(raw, "command")
    name = as_str(d.get("type"), "command.type")
    cls = _REGISTRY.get(name)
    if cls is None:
        raise InvalidNotebookData(f"notebook data: unknown command type {name!r}")
    return cls._from_payload(d)


# ---------------------------------------------------------------------------------------------
# helpers


def _inserted(m: Mapping[str, V], key: str, value: V, index: int | None) -> Mapping[str, V]:
    """``m`` with ``key`` set to ``value`` at position ``index`` (None: at the end)."""
    items = [(k, v) for k, v in m.items() if k != key]
    if index is None or index >= len(items):
        items.append((key, value))
    else:
        items.insert(max(index, 0), (key, value))
    return MappingProxyType(dict(items))


def _position(m: Mapping[str, object], key: str) -> int:
    return list(m).index(key)


def _opt_int(raw: object, path: str) -> int | None:
    return None if raw is None else as_int(raw, path)


def _new_vocabulary(before: Notebook, tags: Iterable[str]) -> list[str]:
    """Tags that adding ``tags`` to a claim would append to the vocabulary."""
    out: list[str] = []
    for t in tags:
        if t not in before.tags and t not in out:
            out.append(t)
    return out


def _with_pruned_tags(first: Command, added: list[str], label: str) -> Command:
    """``first``, followed by forgetting vocabulary tags the undone command had added."""
    if not added:
        return first
    return Batch((first, *(RemoveTag(t, only_if_unused=True) for t in added)), label)


def _claim_or_fail(nb: Notebook, claim_id: str) -> Claim:
    claim = nb.claims.get(claim_id)
    if claim is None:
        raise CommandFailed("That claim no longer exists (it may have been deleted elsewhere).")
    return claim


def _note_or_fail(nb: Notebook, note_id: str) -> Note:
    note = nb.notes.get(note_id)
    if note is None:
        raise CommandFailed("That note no longer exists (it may have been deleted elsewhere).")
    return note


Changes = tuple[tuple[str, object], ...]


def _normalise_changes(
    changes: Mapping[str, object] | Changes,
    allowed: tuple[str, ...],
    to_json: Callable[[str, object], Any],
    from_json: Callable[[str, object, str], object],
    what: str,
) -> Changes:
    """Validate field changes and give them one canonical form (sorted, tuples not lists).

    Going through the JSON codec both checks the types and makes the stored command compare
    equal to the one read back from the history.
    """
    pairs = changes.items() if isinstance(changes, Mapping) else changes
    out: dict[str, object] = {}
    for name, value in pairs:
        if name not in allowed:
            raise ValueError(f"a {what} update cannot change {name!r}")
        try:
            parsed = from_json(name, to_json(name, value), name)
        except (InvalidNotebookData, AttributeError, TypeError) as e:
            raise ValueError(f"bad value for {what} field {name!r}: {e}") from None
        if name == "tags" and isinstance(parsed, tuple):
            parsed = tuple(dict.fromkeys(parsed))  # a set to the reader; first order kept
        out[name] = parsed
    if not out:
        raise ValueError(f"a {what} update must change something")
    return tuple(sorted(out.items()))


def _changes_payload(changes: Changes, to_json: Callable[[str, object], Any]) -> JSONDict:
    return {name: to_json(name, value) for name, value in changes}


# ---------------------------------------------------------------------------------------------
# claims

CLAIM_UPDATABLE: tuple[str, ...] = tuple(f for f in CLAIM_FIELDS if f not in ("id", "created"))
NOTE_UPDATABLE: tuple[str, ...] = tuple(f for f in NOTE_FIELDS if f not in ("id", "created"))


@register
@dataclass(frozen=True, slots=True)
class AddClaim(Command):
    """Add ``claim`` (at ``index``, or at the end); blank timestamps are set to ``at``."""

    claim: Claim
    index: int | None = None
    at: str = ""
    type_name: ClassVar[str] = "add_claim"
    _label: ClassVar[str] = "Add claim"

    def __post_init__(self) -> None:
        if len(set(self.claim.tags)) != len(self.claim.tags):  # tags are a set to the reader
            object.__setattr__(self, "claim",
                               replace(self.claim, tags=tuple(dict.fromkeys(self.claim.tags))))

    def apply(self, nb: Notebook) -> Notebook:
        if self.claim.id in nb.claims:
            raise CommandFailed("A claim with this id already exists.")
        at = self.at or iso_utc(utc_now())
        claim = replace(self.claim, created=self.claim.created or at,
                        modified=self.claim.modified or at)
        tags = nb.tags + tuple(_new_vocabulary(nb, claim.tags))
        return replace(nb, claims=_inserted(nb.claims, claim.id, claim, self.index), tags=tags)

    def inverse(self, before: Notebook) -> Command:
        added = _new_vocabulary(before, self.claim.tags)
        return _with_pruned_tags(DeleteClaim(self.claim.id), added, "Delete claim")

    def stamped(self, at: str) -> Command:
        return self if self.at else replace(self, at=at)

    def _payload(self) -> JSONDict:
        return {"claim": claim_to_dict(self.claim), "index": self.index, "at": self.at}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(claim_from_dict(d.get("claim"), "command.claim"),
                   _opt_int(d.get("index"), "command.index"), as_str(d.get("at", ""), "at"))


_CLAIM_LABELS = {
    ("status",): "Change status",
    ("tags",): "Edit tags",
    ("notes",): "Edit claim notes",
    ("evidence",): "Edit evidence",
    ("claimant",): "Edit claimant",
    ("claimant", "claimant_link"): "Edit claimant",
    ("spans",): "Change claim text",
    ("sentences", "spans"): "Change claim text",
}


@register
@dataclass(frozen=True, slots=True)
class UpdateClaim(Command):
    """Change some fields of one claim; ``modified`` becomes ``at`` unless it is one of them.

    Build it with ``UpdateClaim.of(claim_id, status="confirmed")``; values are checked and
    normalised (lists become tuples, repeated tags are dropped) when it is made.
    """

    claim_id: str
    changes: Changes
    at: str = ""
    type_name: ClassVar[str] = "update_claim"

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _normalise_changes(
            self.changes, CLAIM_UPDATABLE, claim_field_to_json, claim_field_from_json, "claim"))

    @classmethod
    def of(cls, claim_id: str, *, at: str = "", **changes: object) -> UpdateClaim:
        return cls(claim_id, tuple(changes.items()), at)

    @property
    def label(self) -> str:
        names = tuple(n for n, _ in self.changes if n != "modified")
        return _CLAIM_LABELS.get(names, "Edit claim")

    def apply(self, nb: Notebook) -> Notebook:
        claim = _claim_or_fail(nb, self.claim_id)
        fields: dict[str, Any] = dict(self.changes)
        fields.setdefault("modified", self.at or iso_utc(utc_now()))
        new = replace(claim, **fields)
        # Not Notebook.with_claim: it would add a tag twice to the vocabulary if the claim
        # repeats it.
        claims = dict(nb.claims)
        claims[new.id] = new
        return replace(nb, claims=MappingProxyType(claims),
                       tags=nb.tags + tuple(_new_vocabulary(nb, new.tags)))

    def inverse(self, before: Notebook) -> Command:
        claim = _claim_or_fail(before, self.claim_id)
        names = {n for n, _ in self.changes} | {"modified"}
        back = UpdateClaim(self.claim_id, tuple((n, getattr(claim, n)) for n in sorted(names)))
        tags = dict(self.changes).get("tags", ())
        added = _new_vocabulary(before, tags if isinstance(tags, tuple) else ())
        return _with_pruned_tags(back, added, self.label)

    def stamped(self, at: str) -> Command:
        return self if self.at else replace(self, at=at)

    def _payload(self) -> JSONDict:
        return {"claim_id": self.claim_id,
                "changes": _changes_payload(self.changes, claim_field_to_json), "at": self.at}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        raw = as_dict(d.get("changes"), "command.changes")
        changes = tuple((k, claim_field_from_json(k, v, f"changes.{k}")) for k, v in raw.items())
        return cls(as_str(d.get("claim_id"), "claim_id"), changes, as_str(d.get("at", ""), "at"))


@register
@dataclass(frozen=True, slots=True)
class DeleteClaim(Command):
    claim_id: str
    type_name: ClassVar[str] = "delete_claim"
    _label: ClassVar[str] = "Delete claim"

    def apply(self, nb: Notebook) -> Notebook:
        _claim_or_fail(nb, self.claim_id)
        return nb.without_claim(self.claim_id)

    def inverse(self, before: Notebook) -> Command:
        claim = _claim_or_fail(before, self.claim_id)
        return AddClaim(claim, _position(before.claims, claim.id), claim.modified)

    def _payload(self) -> JSONDict:
        return {"claim_id": self.claim_id}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("claim_id"), "claim_id"))


def next_status(current: str, statuses: tuple[str, ...]) -> str:
    """The status after ``current`` in ``statuses``, wrapping; an unknown one goes to the first."""
    if not statuses:
        raise ValueError("no statuses configured")
    if current not in statuses:
        return statuses[0]
    return statuses[(statuses.index(current) + 1) % len(statuses)]


def cycle_status(claim: Claim, statuses: tuple[str, ...]) -> UpdateClaim:
    """The command behind the "cycle status" shortcut: move ``claim`` to its next status."""
    return UpdateClaim.of(claim.id, status=next_status(claim.status, statuses))


# ---------------------------------------------------------------------------------------------
# notes


@register
@dataclass(frozen=True, slots=True)
class AddNote(Command):
    note: Note
    index: int | None = None
    at: str = ""
    type_name: ClassVar[str] = "add_note"
    _label: ClassVar[str] = "Add note"

    def apply(self, nb: Notebook) -> Notebook:
        if self.note.id in nb.notes:
            raise CommandFailed("A note with this id already exists.")
        at = self.at or iso_utc(utc_now())
        note = replace(self.note, created=self.note.created or at,
                       modified=self.note.modified or at)
        return replace(nb, notes=_inserted(nb.notes, note.id, note, self.index))

    def inverse(self, before: Notebook) -> Command:
        return DeleteNote(self.note.id)

    def stamped(self, at: str) -> Command:
        return self if self.at else replace(self, at=at)

    def _payload(self) -> JSONDict:
        return {"note": note_to_dict(self.note), "index": self.index, "at": self.at}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(note_from_dict(d.get("note"), "command.note"),
                   _opt_int(d.get("index"), "command.index"), as_str(d.get("at", ""), "at"))


@register
@dataclass(frozen=True, slots=True)
class UpdateNote(Command):
    note_id: str
    changes: Changes
    at: str = ""
    type_name: ClassVar[str] = "update_note"
    _label: ClassVar[str] = "Edit note"

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _normalise_changes(
            self.changes, NOTE_UPDATABLE, note_field_to_json, note_field_from_json, "note"))

    @classmethod
    def of(cls, note_id: str, *, at: str = "", **changes: object) -> UpdateNote:
        return cls(note_id, tuple(changes.items()), at)

    def apply(self, nb: Notebook) -> Notebook:
        note = _note_or_fail(nb, self.note_id)
        fields: dict[str, Any] = dict(self.changes)
        fields.setdefault("modified", self.at or iso_utc(utc_now()))
        return nb.with_note(replace(note, **fields))

    def inverse(self, before: Notebook) -> Command:
        note = _note_or_fail(before, self.note_id)
        names = {n for n, _ in self.changes} | {"modified"}
        return UpdateNote(self.note_id, tuple((n, getattr(note, n)) for n in sorted(names)))

    def stamped(self, at: str) -> Command:
        return self if self.at else replace(self, at=at)

    def _payload(self) -> JSONDict:
        return {"note_id": self.note_id,
                "changes": _changes_payload(self.changes, note_field_to_json), "at": self.at}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        raw = as_dict(d.get("changes"), "command.changes")
        changes = tuple((k, note_field_from_json(k, v, f"changes.{k}")) for k, v in raw.items())
        return cls(as_str(d.get("note_id"), "note_id"), changes, as_str(d.get("at", ""), "at"))


@register
@dataclass(frozen=True, slots=True)
class DeleteNote(Command):
    note_id: str
    type_name: ClassVar[str] = "delete_note"
    _label: ClassVar[str] = "Delete note"

    def apply(self, nb: Notebook) -> Notebook:
        _note_or_fail(nb, self.note_id)
        return nb.without_note(self.note_id)

    def inverse(self, before: Notebook) -> Command:
        note = _note_or_fail(before, self.note_id)
        return AddNote(note, _position(before.notes, note.id), note.modified)

    def _payload(self) -> JSONDict:
        return {"note_id": self.note_id}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("note_id"), "note_id"))


# ---------------------------------------------------------------------------------------------
# suggestions


@register
@dataclass(frozen=True, slots=True)
class DismissSuggestion(Command):
    """Reject a claim suggestion so it is not offered again."""

    suggestion_id: str
    type_name: ClassVar[str] = "dismiss_suggestion"
    _label: ClassVar[str] = "Dismiss suggestion"

    def apply(self, nb: Notebook) -> Notebook:
        return replace(nb, dismissed=nb.dismissed | {self.suggestion_id})

    def inverse(self, before: Notebook) -> Command:
        if self.suggestion_id in before.dismissed:
            return Batch((), self.label)
        return RestoreSuggestion(self.suggestion_id)

    def _payload(self) -> JSONDict:
        return {"suggestion_id": self.suggestion_id}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("suggestion_id"), "suggestion_id"))


@register
@dataclass(frozen=True, slots=True)
class RestoreSuggestion(Command):
    """Offer a dismissed suggestion again."""

    suggestion_id: str
    type_name: ClassVar[str] = "restore_suggestion"
    _label: ClassVar[str] = "Restore suggestion"

    def apply(self, nb: Notebook) -> Notebook:
        return replace(nb, dismissed=nb.dismissed - {self.suggestion_id})

    def inverse(self, before: Notebook) -> Command:
        if self.suggestion_id not in before.dismissed:
            return Batch((), self.label)
        return DismissSuggestion(self.suggestion_id)

    def _payload(self) -> JSONDict:
        return {"suggestion_id": self.suggestion_id}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("suggestion_id"), "suggestion_id"))


# ---------------------------------------------------------------------------------------------
# alignment corrections


def _overlaps(a: AlignmentCorrection, b: AlignmentCorrection) -> bool:
    return bool(set(a.ar) & set(b.ar) or set(a.en) & set(b.en))


@register
@dataclass(frozen=True, slots=True)
class SetAlignmentCorrection(Command):
    """The reader's bead for these sentences; it replaces any correction sharing a sentence."""

    correction: AlignmentCorrection
    index: int | None = None
    type_name: ClassVar[str] = "set_alignment_correction"
    _label: ClassVar[str] = "Correct alignment"

    def __post_init__(self) -> None:
        if not (self.correction.ar or self.correction.en):
            raise ValueError("an alignment correction needs at least one sentence")

    def apply(self, nb: Notebook) -> Notebook:
        kept = [c for c in nb.corrections if not _overlaps(c, self.correction)]
        if self.index is None or self.index >= len(kept):
            kept.append(self.correction)
        else:
            kept.insert(max(self.index, 0), self.correction)
        return replace(nb, corrections=tuple(kept))

    def inverse(self, before: Notebook) -> Command:
        new = self.correction
        put_back = [SetAlignmentCorrection(c, i)
                    for i, c in enumerate(before.corrections) if _overlaps(c, new)]
        return Batch((RemoveAlignmentCorrection(new.ar, new.en), *put_back), self.label)

    def _payload(self) -> JSONDict:
        return {"correction": correction_to_dict(self.correction), "index": self.index}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(correction_from_dict(d.get("correction"), "command.correction"),
                   _opt_int(d.get("index"), "command.index"))


@register
@dataclass(frozen=True, slots=True)
class RemoveAlignmentCorrection(Command):
    """Drop the correction for exactly these sentences: the aligner's bead applies again."""

    ar: tuple[str, ...]
    en: tuple[str, ...]
    type_name: ClassVar[str] = "remove_alignment_correction"
    _label: ClassVar[str] = "Remove alignment correction"

    def __post_init__(self) -> None:
        object.__setattr__(self, "ar", tuple(self.ar))
        object.__setattr__(self, "en", tuple(self.en))

    def _find(self, nb: Notebook) -> int:
        for i, c in enumerate(nb.corrections):
            if c.ar == self.ar and c.en == self.en:
                return i
        raise CommandFailed("That alignment correction no longer exists.")

    def apply(self, nb: Notebook) -> Notebook:
        i = self._find(nb)
        return replace(nb, corrections=nb.corrections[:i] + nb.corrections[i + 1:])

    def inverse(self, before: Notebook) -> Command:
        i = self._find(before)
        return SetAlignmentCorrection(before.corrections[i], i)

    def _payload(self) -> JSONDict:
        return {"ar": list(self.ar), "en": list(self.en)}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(str_tuple(d.get("ar"), "ar"), str_tuple(d.get("en"), "en"))


# ---------------------------------------------------------------------------------------------
# vocabulary and settings


def _check_tag(tag: str) -> None:
    if not tag.strip() or tag != tag.strip():
        raise ValueError(f"bad tag {tag!r}: it must be non-blank, without outer spaces")


@register
@dataclass(frozen=True, slots=True)
class AddTag(Command):
    """Add ``tag`` to the vocabulary (at ``index`` or the end); no change if it is there."""

    tag: str
    index: int | None = None
    type_name: ClassVar[str] = "add_tag"
    _label: ClassVar[str] = "Add tag"

    def __post_init__(self) -> None:
        _check_tag(self.tag)

    def apply(self, nb: Notebook) -> Notebook:
        if self.tag in nb.tags:
            return nb
        tags = list(nb.tags)
        tags.insert(len(tags) if self.index is None else max(self.index, 0), self.tag)
        return replace(nb, tags=tuple(tags))

    def inverse(self, before: Notebook) -> Command:
        if self.tag in before.tags:
            return Batch((), self.label)
        return RemoveTag(self.tag, only_if_unused=True)

    def _payload(self) -> JSONDict:
        return {"tag": self.tag, "index": self.index}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("tag"), "tag"), _opt_int(d.get("index"), "command.index"))


@register
@dataclass(frozen=True, slots=True)
class RemoveTag(Command):
    """Remove ``tag`` from the vocabulary and from every claim carrying it.

    With ``only_if_unused`` (what undoing an added tag uses) it is kept while a claim has it.
    The claims' ``modified`` times are left alone: this is a vocabulary edit.
    """

    tag: str
    only_if_unused: bool = False
    type_name: ClassVar[str] = "remove_tag"
    _label: ClassVar[str] = "Remove tag"

    def _users(self, nb: Notebook) -> list[Claim]:
        return [c for c in nb.claims.values() if self.tag in c.tags]

    def apply(self, nb: Notebook) -> Notebook:
        users = self._users(nb)
        if self.only_if_unused and users:
            return nb
        claims = dict(nb.claims)
        for c in users:
            claims[c.id] = replace(c, tags=tuple(t for t in c.tags if t != self.tag))
        return replace(nb, claims=MappingProxyType(claims),
                       tags=tuple(t for t in nb.tags if t != self.tag))

    def inverse(self, before: Notebook) -> Command:
        users = self._users(before)
        if self.only_if_unused and users:
            return Batch((), self.label)
        steps: list[Command] = []
        if self.tag in before.tags:
            steps.append(AddTag(self.tag, before.tags.index(self.tag)))
        steps += [UpdateClaim(c.id, (("modified", c.modified), ("tags", c.tags))) for c in users]
        return Batch(tuple(steps), self.label)

    def _payload(self) -> JSONDict:
        return {"tag": self.tag, "only_if_unused": self.only_if_unused}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("tag"), "tag"),
                   as_bool(d.get("only_if_unused", False), "only_if_unused"))


@register
@dataclass(frozen=True, slots=True)
class SetStatuses(Command):
    """Configure the status set (its order is the cycle order). Claims keep their status even
    if it leaves the set: the reader's work is never rewritten behind their back."""

    statuses: tuple[str, ...]
    type_name: ClassVar[str] = "set_statuses"
    _label: ClassVar[str] = "Change statuses"

    def __post_init__(self) -> None:
        object.__setattr__(self, "statuses", tuple(self.statuses))
        if not self.statuses or len(set(self.statuses)) != len(self.statuses):
            raise ValueError("statuses must be a non-empty list without repeats")
        if any(not s.strip() for s in self.statuses):
            raise ValueError("a status cannot be blank")

    def apply(self, nb: Notebook) -> Notebook:
        return replace(nb, statuses=self.statuses)

    def inverse(self, before: Notebook) -> Command:
        return SetStatuses(before.statuses)

    def _payload(self) -> JSONDict:
        return {"statuses": list(self.statuses)}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(str_tuple(d.get("statuses"), "statuses"))


@register
@dataclass(frozen=True, slots=True)
class SetReader(Command):
    """Who is reading (written into exports as the annotator)."""

    reader: str
    type_name: ClassVar[str] = "set_reader"
    _label: ClassVar[str] = "Set reader"

    def apply(self, nb: Notebook) -> Notebook:
        return replace(nb, reader=self.reader)

    def inverse(self, before: Notebook) -> Command:
        return SetReader(before.reader)

    def _payload(self) -> JSONDict:
        return {"reader": self.reader}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_str(d.get("reader"), "reader"))


# ---------------------------------------------------------------------------------------------
# composition


@register
@dataclass(frozen=True, slots=True)
class Batch(Command):
    """Several commands as one undo step (e.g. accepting a suggestion and tagging it).
    An empty batch changes nothing; it is the inverse of a command that changed nothing."""

    commands: tuple[Command, ...] = field(default=())
    name: str = "Edit"
    type_name: ClassVar[str] = "batch"

    def __post_init__(self) -> None:
        object.__setattr__(self, "commands", tuple(self.commands))

    @property
    def label(self) -> str:
        return self.name

    def apply(self, nb: Notebook) -> Notebook:
        for cmd in self.commands:
            nb = cmd.apply(nb)
        return nb

    def inverse(self, before: Notebook) -> Command:
        inverses: list[Command] = []
        nb = before
        for cmd in self.commands:
            inverses.append(cmd.inverse(nb))
            nb = cmd.apply(nb)
        return Batch(tuple(reversed(inverses)), self.name)

    def stamped(self, at: str) -> Command:
        return replace(self, commands=tuple(c.stamped(at) for c in self.commands))

    def _payload(self) -> JSONDict:
        return {"name": self.name, "commands": [c.to_dict() for c in self.commands]}

    @classmethod
    def _from_payload(cls, d: Mapping[str, object]) -> Command:
        return cls(as_list(d.get("commands"), "commands", lambda raw, _p: command_from_dict(raw)),
                   as_str(d.get("name", "Edit"), "name"))
