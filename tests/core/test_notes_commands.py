"""Notebook serialisation and commands: exact round trips, exact inverses, JSON forms."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qarin.core.document import Span
from qarin.core.errors import CommandFailed, InvalidNotebookData
from qarin.core.notes import commands as cmds
from qarin.core.notes.commands import (
    AddClaim,
    AddNote,
    AddTag,
    Batch,
    Command,
    DeleteClaim,
    DeleteNote,
    DismissSuggestion,
    RemoveAlignmentCorrection,
    RemoveTag,
    RestoreSuggestion,
    SetAlignmentCorrection,
    SetReader,
    SetStatuses,
    UpdateClaim,
    UpdateNote,
    command_from_dict,
    cycle_status,
    iso_utc,
    new_id,
    next_status,
)
from qarin.core.notes.model import AlignmentCorrection, Claim, Evidence, Note, Notebook
from qarin.core.notes.serialize import notebook_from_dict, notebook_to_dict

T0 = "2026-11-25T10:00:00.000Z"
T1 = "2026-11-25T11:00:00.000Z"


def claim(cid: str, **kw: object) -> Claim:
    base: dict[str, object] = {
        "spans": (Span("ar", 3, 17), Span("en", 0, 42)),
        "created": T0,
        "modified": T0,
    }
    base.update(kw)
    return Claim(cid, **base)  # type: ignore[arg-type]


def full_notebook() -> Notebook:
    """Every field set to something other than its default, Arabic and a non-BMP emoji in."""
    nb = Notebook("a" * 64, title="تقرير — report 📰", sources=("/tmp/ar.txt", "/tmp/en.txt"),
                  reader="Hind", statuses=("open", "true", "false"))
    nb = AddTag("رسمي").apply(nb)
    nb = AddClaim(claim(
        "c1", sentences=("ar:1", "en:1"), claimant="وزير الخارجية", claimant_link="e7",
        cue="قال", status="true", tags=("رسمي", "numbers"), notes="see 📎",
        evidence=(Evidence("url", "https://example.org/x", "primary"),
                  Evidence("quote", "«نص»")), origin="sugg-3")).apply(nb)
    nb = AddClaim(claim("c2", spans=(Span("en", 50, 60),))).apply(nb)
    nb = AddNote(Note("n1", "document", "General note\nwith two lines", created=T0,
                      modified=T1)).apply(nb)
    nb = AddNote(Note("n2", "span", "هامش", spans=(Span("ar", 0, 4),), created=T0,
                      modified=T0)).apply(nb)
    nb = AddNote(Note("n0", "pair", "pair note", sentences=("ar:2", "en:2", "en:3"),
                      created=T0, modified=T0)).apply(nb)
    nb = SetAlignmentCorrection(AlignmentCorrection(("ar:2",), ("en:2", "en:3"))).apply(nb)
    nb = SetAlignmentCorrection(AlignmentCorrection(("ar:5",), (), confirmed=False)).apply(nb)
    nb = DismissSuggestion("s9").apply(nb)
    return DismissSuggestion("s1").apply(nb)


# -- serialisation ---------------------------------------------------------------------------


def test_notebook_round_trip_is_exact_and_json_safe() -> None:
    nb = full_notebook()
    d = notebook_to_dict(nb)
    back = notebook_from_dict(json.loads(json.dumps(d)))
    assert back == nb
    assert list(back.claims) == ["c1", "c2"]
    assert list(back.notes) == ["n1", "n2", "n0"]  # insertion order, not sorted
    assert notebook_to_dict(back) == d


def test_dict_shape() -> None:
    d = notebook_to_dict(full_notebook())
    assert list(d) == ["doc_hash", "title", "sources", "reader", "statuses", "tags", "claims",
                       "notes", "corrections", "dismissed"]
    c1 = d["claims"][0]
    assert c1["spans"] == [{"lang": "ar", "start": 3, "end": 17},
                           {"lang": "en", "start": 0, "end": 42}]
    assert c1["evidence"][0] == {"kind": "url", "value": "https://example.org/x",
                                 "note": "primary"}
    assert c1["claimant_link"] == "e7"
    assert d["dismissed"] == ["s1", "s9"]  # a set, written sorted
    assert d["corrections"][1] == {"ar": ["ar:5"], "en": [], "confirmed": False}
    assert d["tags"] == ["رسمي", "numbers"]


def test_missing_optional_keys_take_defaults() -> None:
    nb = notebook_from_dict({"doc_hash": "h", "claims": [{"id": "c", "spans": []}]})
    assert nb.statuses[0] == "unverified"
    assert nb.claims["c"].status == "unverified"


@pytest.mark.parametrize(("data", "message"), [
    ([], "notebook: expected an object"),
    ({}, "missing 'doc_hash'"),
    ({"doc_hash": "h", "claims": [{"id": "c", "spans": [{"lang": "fr", "start": 0, "end": 1}]}]},
     "claims[0].spans[0].lang: 'fr' is not one of ar, en"),
    ({"doc_hash": "h", "claims": [{"id": "c", "spans": [{"lang": "ar", "start": "0",
                                                         "end": 1}]}]},
     "claims[0].spans[0].start: expected an integer, got str"),
    ({"doc_hash": "h", "claims": [{"id": "c", "spans": [{"lang": "ar", "start": 5,
                                                         "end": 1}]}]},
     "bad span 5..1"),
    ({"doc_hash": "h", "notes": [{"id": "n", "target": "page", "text": ""}]},
     "notes[0].target"),
    ({"doc_hash": "h", "claims": [{"id": "c", "spans": []}, {"id": "c", "spans": []}]},
     "claims[1]: duplicate id 'c'"),
    ({"doc_hash": "h", "tags": "a,b"}, "tags: expected a list"),
])
def test_malformed_dict_is_refused_with_its_path(data: object, message: str) -> None:
    with pytest.raises(InvalidNotebookData) as info:
        notebook_from_dict(data)
    assert message in str(info.value)


# -- every command: apply, exact inverse, JSON round trip --------------------------------------


def every_command() -> list[Command]:
    return [
        AddClaim(claim("c3", tags=("new-tag",)), at=T1),
        AddClaim(claim("c0"), index=0, at=T1),
        UpdateClaim.of("c1", status="false", at=T1),
        UpdateClaim.of("c1", tags=("numbers", "fresh"), notes="", at=T1),
        UpdateClaim.of("c2", spans=(Span("ar", 1, 2),), evidence=[Evidence("quote", "q")],
                       claimant="x", claimant_link=None, at=T1),
        DeleteClaim("c1"),
        AddNote(Note("n9", "document", "x"), at=T1),
        AddNote(Note("n8", "document", "x"), index=1, at=T1),
        UpdateNote.of("n2", text="تعديل", spans=[Span("ar", 1, 3)], at=T1),
        DeleteNote("n2"),
        DismissSuggestion("s2"),
        DismissSuggestion("s9"),  # already dismissed: a no-op, inverse too
        RestoreSuggestion("s9"),
        RestoreSuggestion("nope"),
        SetAlignmentCorrection(AlignmentCorrection(("ar:2", "ar:3"), ("en:3",))),
        SetAlignmentCorrection(AlignmentCorrection(("ar:9",), ("en:9",)), index=0),
        RemoveAlignmentCorrection(("ar:2",), ("en:2", "en:3")),
        AddTag("extra"),
        AddTag("first", index=0),
        AddTag("numbers"),
        RemoveTag("numbers"),
        RemoveTag("رسمي", only_if_unused=True),
        RemoveTag("never-seen"),
        SetStatuses(("a", "b")),
        SetReader("Omar"),
        Batch((AddTag("t1"), UpdateClaim.of("c2", tags=("t1",), at=T1), DeleteNote("n1")),
              "Accept suggestion"),
    ]


def test_every_command_type_is_covered() -> None:
    assert {c.type_name for c in every_command()} == set(cmds._REGISTRY)


@pytest.mark.parametrize("cmd", every_command(), ids=lambda c: type(c).__name__)
def test_inverse_restores_exactly(cmd: Command) -> None:
    before = full_notebook()
    after = cmd.apply(before)
    assert cmd.inverse(before).apply(after) == before
    # ...and the order of claims, notes, tags and corrections too (== already checks it)
    assert notebook_to_dict(cmd.inverse(before).apply(after)) == notebook_to_dict(before)


@pytest.mark.parametrize("cmd", every_command(), ids=lambda c: type(c).__name__)
def test_json_round_trip(cmd: Command) -> None:
    d = cmd.to_dict()
    back = command_from_dict(json.loads(json.dumps(d)))
    assert back == cmd
    assert back.to_dict() == d
    inverse = cmd.inverse(full_notebook())
    assert command_from_dict(json.loads(json.dumps(inverse.to_dict()))) == inverse


@pytest.mark.parametrize(("cmd", "stored", "inverse"), [
    (AddClaim(Claim("c3", (Span("en", 0, 2),), tags=("new-tag",)), index=1, at=T1),
     '{"type": "add_claim", "claim": {"id": "c3", "spans": [{"lang": "en", "start": 0, "end": 2}], "sentences": [], "claimant": "", "claimant_link": null, "cue": "", "status": "unverified", "tags": ["new-tag"], "notes": "", "evidence": [], "created": "", "modified": "", "origin": "reader"}, "index": 1, "at": "2026-11-25T11:00:00.000Z"}',
     '{"type": "batch", "name": "Delete claim", "commands": [{"type": "delete_claim", "claim_id": "c3"}, {"type": "remove_tag", "tag": "new-tag", "only_if_unused": true}]}'),
    (UpdateClaim.of("c1", status="false", tags=["numbers", "fresh"]),
     '{"type": "update_claim", "claim_id": "c1", "changes": {"status": "false", "tags": ["numbers", "fresh"]}, "at": ""}',
     '{"type": "batch", "name": "Edit claim", "commands": [{"type": "update_claim", "claim_id": "c1", "changes": {"modified": "2026-11-25T10:00:00.000Z", "status": "true", "tags": ["رسمي", "numbers"]}, "at": ""}, {"type": "remove_tag", "tag": "fresh", "only_if_unused": true}]}'),
    (DeleteClaim("c2"),
     '{"type": "delete_claim", "claim_id": "c2"}',
     '{"type": "add_claim", "claim": {"id": "c2", "spans": [{"lang": "en", "start": 50, "end": 60}], "sentences": [], "claimant": "", "claimant_link": null, "cue": "", "status": "unverified", "tags": [], "notes": "", "evidence": [], "created": "2026-11-25T10:00:00.000Z", "modified": "2026-11-25T10:00:00.000Z", "origin": "reader"}, "index": 1, "at": "2026-11-25T10:00:00.000Z"}'),
    (AddNote(Note("n9", "span", "x", spans=(Span("ar", 0, 4),))),
     '{"type": "add_note", "note": {"id": "n9", "target": "span", "text": "x", "spans": [{"lang": "ar", "start": 0, "end": 4}], "sentences": [], "created": "", "modified": ""}, "index": null, "at": ""}',
     '{"type": "delete_note", "note_id": "n9"}'),
    (UpdateNote.of("n2", text="تعديل", at=T1),
     '{"type": "update_note", "note_id": "n2", "changes": {"text": "تعديل"}, "at": "2026-11-25T11:00:00.000Z"}',
     '{"type": "update_note", "note_id": "n2", "changes": {"modified": "2026-11-25T10:00:00.000Z", "text": "هامش"}, "at": ""}'),
    (DeleteNote("n2"),
     '{"type": "delete_note", "note_id": "n2"}',
     '{"type": "add_note", "note": {"id": "n2", "target": "span", "text": "هامش", "spans": [{"lang": "ar", "start": 0, "end": 4}], "sentences": [], "created": "2026-11-25T10:00:00.000Z", "modified": "2026-11-25T10:00:00.000Z"}, "index": 1, "at": "2026-11-25T10:00:00.000Z"}'),
], ids=lambda v: type(v).__name__ if isinstance(v, Command) else "")
def test_claim_and_note_commands_keep_their_stored_form(cmd: Command, stored: str,
                                                        inverse: str) -> None:
    """The JSON (key order included) is the undo history in users' notebooks: it must not drift."""
    assert json.dumps(cmd.to_dict(), ensure_ascii=False) == stored
    assert json.dumps(cmd.inverse(full_notebook()).to_dict(), ensure_ascii=False) == inverse
    assert command_from_dict(json.loads(stored)) == cmd


def test_claim_and_note_commands_take_their_own_field_names() -> None:
    c, n = claim("c9"), Note("n9", "document", "x")
    assert AddClaim(claim=c, index=0, at=T1) == AddClaim(c, 0, T1)
    assert UpdateClaim(claim_id="c1", changes=(("status", "x"),), at=T1).claim_id == "c1"
    assert UpdateClaim.of(claim_id="c1", status="x") == UpdateClaim("c1", (("status", "x"),))
    assert DeleteClaim(claim_id="c1").claim_id == "c1"
    assert AddNote(note=n, index=None, at="").note is n
    assert UpdateNote.of(note_id="n1", text="y").note_id == "n1"
    assert DeleteNote(note_id="n1") != DeleteClaim(claim_id="n1")
    with pytest.raises(CommandFailed, match="That note no longer exists"):
        DeleteNote("gone").inverse(full_notebook())
    with pytest.raises(CommandFailed, match="A note with this id already exists"):
        AddNote(Note("n1", "document", "x")).apply(full_notebook())


def test_unknown_command_type() -> None:
    with pytest.raises(InvalidNotebookData, match="unknown command type 'explode'"):
        command_from_dict({"type": "explode"})


# -- particular commands -------------------------------------------------------------------------


def test_add_claim_stamps_blank_times_and_grows_vocabulary() -> None:
    nb = Notebook("h")
    c = Claim(new_id(), (Span("en", 0, 3),), tags=("a", "b", "a"))
    nb = AddClaim(c, at=T1).apply(nb)
    stored = nb.claims[c.id]
    assert (stored.created, stored.modified) == (T1, T1)
    assert nb.tags == ("a", "b")
    assert len(c.id) == 32 and int(c.id, 16) >= 0


def test_update_claim_sets_modified_and_keeps_position() -> None:
    nb = full_notebook()
    after = UpdateClaim.of("c1", status="false", at=T1).apply(nb)
    assert after.claims["c1"].status == "false"
    assert after.claims["c1"].modified == T1
    assert after.claims["c1"].created == T0
    assert list(after.claims) == ["c1", "c2"]


def test_update_claim_validates_fields() -> None:
    with pytest.raises(ValueError, match="cannot change 'id'"):
        UpdateClaim.of("c1", id="other")
    with pytest.raises(ValueError, match="cannot change 'created'"):
        UpdateClaim.of("c1", created=T0)
    with pytest.raises(ValueError, match="status"):
        UpdateClaim.of("c1", status=3)
    with pytest.raises(ValueError, match="must change something"):
        UpdateClaim("c1", ())
    # lists become tuples, so equality with the stored form holds
    assert UpdateClaim.of("c1", tags=["x"]) == UpdateClaim("c1", {"tags": ("x",)})  # type: ignore[arg-type]


def test_labels() -> None:
    assert AddClaim(claim("x")).label == "Add claim"
    assert UpdateClaim.of("c", status="false").label == "Change status"
    assert UpdateClaim.of("c", status="false", notes="n").label == "Edit claim"
    assert DeleteNote("n").label == "Delete note"
    assert Batch((), "Accept suggestion").label == "Accept suggestion"


def test_commands_on_missing_items_fail_cleanly() -> None:
    nb = full_notebook()
    for cmd in (UpdateClaim.of("gone", status="false"), DeleteClaim("gone"),
                UpdateNote.of("gone", text="x"), DeleteNote("gone"),
                RemoveAlignmentCorrection(("ar:1",), ())):
        with pytest.raises(CommandFailed):
            cmd.apply(nb)
    with pytest.raises(CommandFailed, match="already exists"):
        AddClaim(claim("c1")).apply(nb)


def test_remove_tag_strips_it_from_claims_without_touching_modified() -> None:
    nb = full_notebook()
    after = RemoveTag("numbers").apply(nb)
    assert "numbers" not in after.tags
    assert after.claims["c1"].tags == ("رسمي",)
    assert after.claims["c1"].modified == nb.claims["c1"].modified
    assert RemoveTag("numbers", only_if_unused=True).apply(nb) == nb


def test_alignment_correction_replaces_overlapping_beads() -> None:
    nb = full_notebook()
    new = AlignmentCorrection(("ar:2",), ("en:2",))
    after = SetAlignmentCorrection(new).apply(nb)
    assert after.corrections == (AlignmentCorrection(("ar:5",), (), False), new)
    with pytest.raises(ValueError):
        SetAlignmentCorrection(AlignmentCorrection((), ()))


def test_set_statuses_validates_and_leaves_claims_alone() -> None:
    nb = SetStatuses(("x", "y")).apply(full_notebook())
    assert nb.statuses == ("x", "y")
    assert nb.claims["c1"].status == "true"
    for bad in ((), ("a", "a"), ("a", " ")):
        with pytest.raises(ValueError):
            SetStatuses(bad)


def test_cycle_status() -> None:
    statuses = ("unverified", "confirmed", "disputed")
    c = claim("c", status="unverified")
    assert cycle_status(c, statuses) == UpdateClaim.of("c", status="confirmed")
    assert next_status("disputed", statuses) == "unverified"  # wraps
    assert next_status("retired", statuses) == "unverified"  # not in the set: first
    with pytest.raises(ValueError):
        next_status("x", ())


def test_iso_utc() -> None:
    aware = datetime(2026, 11, 25, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=3)))
    assert iso_utc(aware) == "2026-11-25T09:00:00.123Z"
    assert iso_utc(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02T03:04:05.000Z"
    assert iso_utc(datetime(2026, 1, 2, tzinfo=UTC)).endswith("Z")


# -- property: any sequence of commands is undone exactly by its inverses ---------------------

_ids = st.sampled_from(["c1", "c2", "c3", "n1", "n2", "n3"])
_tags = st.lists(st.sampled_from(["a", "b", "numbers", "رسمي"]), max_size=3).map(tuple)
_command = st.one_of(
    st.builds(lambda i, t: AddClaim(claim(i, tags=t), at=T1), _ids, _tags),
    st.builds(lambda i, t: UpdateClaim.of(i, tags=t, at=T1), _ids, _tags),
    st.builds(lambda i, s: UpdateClaim.of(i, status=s, at=T1), _ids, st.sampled_from(["a", "b"])),
    st.builds(DeleteClaim, _ids),
    st.builds(lambda i: AddNote(Note(i, "document", "x"), index=0, at=T1), _ids),
    st.builds(lambda i: UpdateNote.of(i, text="y", at=T1), _ids),
    st.builds(DeleteNote, _ids),
    st.builds(AddTag, st.sampled_from(["a", "b", "z"]), st.none() | st.integers(0, 3)),
    st.builds(RemoveTag, st.sampled_from(["a", "numbers", "رسمي"]), st.booleans()),
    st.builds(DismissSuggestion, st.sampled_from(["s1", "s2"])),
    st.builds(RestoreSuggestion, st.sampled_from(["s1", "s2"])),
    st.builds(lambda a, e: SetAlignmentCorrection(AlignmentCorrection((a,), (e,))),
              st.sampled_from(["ar:2", "ar:5", "ar:7"]), st.sampled_from(["en:2", "en:8"])),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_command, max_size=12))
def test_undoing_a_random_sequence_restores_the_start(seq: list[Command]) -> None:
    nb = full_notebook()
    undo: list[tuple[Command, Notebook]] = []
    for cmd in seq:
        try:
            after = cmd.apply(nb)
        except CommandFailed:
            continue
        undo.append((cmd.inverse(nb), nb))
        nb = after
    for inverse, before in reversed(undo):
        nb = inverse.apply(nb)
        assert nb == before
