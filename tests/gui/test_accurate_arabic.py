"""The reader can switch Arabic entities to the slower, more accurate recogniser."""

from __future__ import annotations

from typing import Any


def test_switch_is_saved_and_used_for_the_next_analysis(window: Any) -> None:
    action = window.actions_by_id["accurate_arabic"]
    assert action.isCheckable() and not action.isChecked()
    assert window.loader.accurate_arabic is False
    action.setChecked(True)
    assert window.settings.accurate_arabic is True
    assert window.loader.accurate_arabic is True
    action.setChecked(False)
    assert window.settings.accurate_arabic is False
    assert window.loader.accurate_arabic is False


def test_worker_passes_the_switch_to_the_analysis(qtbot: Any) -> None:
    from qarin.gui.workers import DocumentLoader

    seen: list[dict[str, object]] = []

    def analyse(doc: object, **kw: object) -> object:
        seen.append(kw)
        return object()

    loader = DocumentLoader(load=lambda *paths: object(), analyse=analyse)
    loader.accurate_arabic = True
    with qtbot.waitSignal(loader.load_finished, timeout=5000):
        loader.start(["a.txt"])
    assert seen[0]["accurate_arabic"] is True
