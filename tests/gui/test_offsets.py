"""Code points <-> Qt UTF-16 positions, checked against Qt itself with text outside the BMP."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from qarin.gui.offsets import OffsetMap, utf16_len

MIXED = "قال 😀 زيلينسكي\n𝐀𝐁 Kyiv 🇺🇦 كييف\n"


def test_identity_for_bmp_text() -> None:
    m = OffsetMap("أعلن الرئيس")
    assert [m.to_qt(i) for i in range(12)] == list(range(12))
    assert m.to_cp(5) == 5


def test_non_bmp_shifts_positions() -> None:
    text = "a😀b"
    m = OffsetMap(text)
    assert (m.to_qt(0), m.to_qt(1), m.to_qt(2), m.to_qt(3)) == (0, 1, 3, 4)
    assert (m.to_cp(0), m.to_cp(1), m.to_cp(2), m.to_cp(3), m.to_cp(4)) == (0, 1, 1, 2, 3)
    assert m.qt_length == utf16_len(text) == 4


def test_range_ending_inside_a_surrogate_pair_takes_the_whole_character() -> None:
    m = OffsetMap("a😀b")
    assert m.range_to_cp(1, 2) == (1, 2)
    assert m.range_to_cp(0, 4) == (0, 3)


def test_clamps_out_of_range() -> None:
    m = OffsetMap("😀")
    assert m.to_qt(-3) == 0 and m.to_qt(9) == 2
    assert m.to_cp(9) == 1


def _qt_text(doc: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_matches_a_qtextdocument(qapp) -> None:  # type: ignore[no-untyped-def]
    doc = QTextDocument()
    doc.setPlainText(MIXED)
    m = OffsetMap(MIXED)
    assert doc.characterCount() - 1 == m.qt_length
    for start in range(len(MIXED)):
        for end in range(start, len(MIXED) + 1):
            assert _qt_text(doc, *m.range_to_qt(start, end)) == MIXED[start:end]


TEXT = st.text(
    alphabet=st.sampled_from([*"ab لروسيا\n", "😀", "𝐀", "🇺", "\U0010fffd", "é"]),
    max_size=40,
)


@given(text=TEXT, data=st.data())
@settings(max_examples=200, deadline=None)
def test_round_trip_and_agrees_with_utf16(text: str, data: st.DataObject) -> None:
    m = OffsetMap(text)
    for cp in range(len(text) + 1):
        qt = m.to_qt(cp)
        assert qt == len(text[:cp].encode("utf-16-le")) // 2
        assert m.to_cp(qt) == cp
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    qs, qe = m.range_to_qt(start, end)
    units = text.encode("utf-16-le")
    assert units[2 * qs : 2 * qe].decode("utf-16-le") == text[start:end]
    assert m.range_to_cp(qs, qe) == (start, end)
