"""Arabic entities are read by the accurate recogniser unless the reader switches to the fast one."""

from __future__ import annotations

from typing import Any


def test_switch_is_saved_and_used_for_the_next_analysis(window: Any) -> None:
    action = window.actions_by_id["accurate_arabic"]
    assert action.isCheckable() and action.isChecked()  # the default
    assert window.loader.accurate_arabic is True
    action.setChecked(False)
    assert window.settings.accurate_arabic is False
    assert window.loader.accurate_arabic is False
    action.setChecked(True)
    assert window.settings.accurate_arabic is True
    assert window.loader.accurate_arabic is True


def test_worker_passes_the_switch_to_the_analysis(qtbot: Any) -> None:
    from qarin.gui.workers import DocumentLoader

    seen: list[dict[str, object]] = []

    def analyse(doc: object, **kw: object) -> object:
        seen.append(kw)
        return object()

    loader = DocumentLoader(load=lambda *paths: object(), analyse=analyse)
    assert loader.accurate_arabic is True
    loader.accurate_arabic = False
    with qtbot.waitSignal(loader.load_finished, timeout=5000):
        loader.start(["a.txt"])
    assert seen[0]["accurate_arabic"] is False


def test_status_bar_says_which_arabic_recogniser_read_the_document(window: Any) -> None:
    from dataclasses import replace

    from qarin.core.analysis import analyse
    from qarin.core.document import BilingualDocument

    doc = BilingualDocument.from_paragraphs(["قال الرئيس."], ["The president spoke."])
    fast = replace(
        analyse(doc, entities=False),
        recognisers=(("ar", "ar_qarin_ner 1.0.0"), ("en", "en_core_web_sm 3.8.0")),
    )
    window.show_document(doc, fast)
    assert window.counts_label.text().endswith("· Arabic names: fast")
    assert "AR entities: ar_qarin_ner 1.0.0" in window.counts_label.toolTip()
    accurate = replace(
        fast,
        recognisers=(
            ("ar", "ar_qarin_ner 1.0.0 + fine-tuned multilingual-e5-small (accurate)"),
            ("en", "en_core_web_sm 3.8.0"),
        ),
    )
    window.show_document(doc, accurate)
    assert "Arabic names" not in window.counts_label.text()  # the default goes unsaid
