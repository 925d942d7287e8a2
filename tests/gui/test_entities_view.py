"""Entity colours, the legend's toggles, and the entity list (grouped by link)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester

from qarin.core.document import Span
from qarin.gui.entities.groups import group_entities
from qarin.gui.entities.model import COL_AR, COL_EN, KEY_ROLE, EntityTreeModel
from qarin.gui.entities.palette import colour_for

RUSSIA = Span("ar", 726, 731)  # روسيا inside لروسيا


def test_palette_is_displacys_with_one_colour_per_label() -> None:
    assert colour_for("PERSON").name() == "#aa9cfc"
    assert colour_for("GPE").name() == "#feca74"
    assert colour_for("WHATEVER").name() == "#dddddd"
    labels = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
              "LAW", "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL",
              "CARDINAL")  # spaCy's English scheme
    colours = {colour_for(label).name() for label in labels}
    assert len(colours) == len(labels) and "#dddddd" not in colours


def test_mentions_are_coloured_by_label(reader) -> None:  # type: ignore[no-untyped-def]
    ar, en = reader.panes["ar"], reader.panes["en"]
    zel_ar = reader.document.texts["ar"].index("زيلينسكي")
    assert ar.background_at(zel_ar) == QColor("#aa9cfc")
    assert en.background_at(reader.document.texts["en"].index("Zelensky")) == QColor("#aa9cfc")
    assert ar.background_at(0) is None
    # The text is unchanged: formatting only.
    assert ar.toPlainText() == reader.document.texts["ar"]


def test_entity_inside_a_word_is_coloured_from_its_first_letter(reader) -> None:  # type: ignore[no-untyped-def]
    ar = reader.panes["ar"]
    assert RUSSIA.text_in(reader.document) == "روسيا"
    assert reader.document.texts["ar"][RUSSIA.start - 1] == "ل"
    assert ar.background_at(RUSSIA.start - 1) is None
    assert ar.background_at(RUSSIA.start) is not None
    assert ar.background_at(RUSSIA.end - 1) is not None
    # Background only: the font is the same on both sides of the boundary.
    block = ar.document().findBlock(RUSSIA.start)
    for rng in block.textFormats():
        assert not rng.format.hasProperty(rng.format.Property.FontFamilies)
        assert not rng.format.hasProperty(rng.format.Property.FontPointSize)


def test_legend_toggle_hides_a_label(reader) -> None:  # type: ignore[no-untyped-def]
    legend = reader.entity_dock.legend
    ar = reader.panes["ar"]
    zel = reader.document.texts["ar"].index("زيلينسكي")
    legend.set_shown("PERSON", False)
    assert ar.background_at(zel) is None
    assert "PERSON" in reader.settings.hidden_labels
    assert ar.background_at(reader.document.texts["ar"].index("موسكو")) is not None  # GPE stays
    legend.set_shown("PERSON", True)
    assert ar.background_at(zel) == QColor("#aa9cfc")


def test_entity_colours_action_turns_all_off(reader) -> None:  # type: ignore[no-untyped-def]
    reader.actions_by_id["entity_colours"].setChecked(False)
    zel = reader.document.texts["ar"].index("زيلينسكي")
    assert reader.panes["ar"].background_at(zel) is None
    reader.actions_by_id["entity_colours"].setChecked(True)
    assert reader.panes["ar"].background_at(zel) is not None


def test_model_passes_qabstractitemmodeltester(qtbot, gold_sample) -> None:  # type: ignore[no-untyped-def]
    model = EntityTreeModel()
    tester = QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_groups(group_entities(gold_sample[1]))
    model.set_groups([])
    model.set_groups(group_entities(gold_sample[1]))
    assert tester is not None
    assert model.rowCount() > 0


def test_list_is_grouped_by_link_with_counts_per_language(reader) -> None:  # type: ignore[no-untyped-def]
    model = reader.entity_dock.model
    rows = {model.data(model.index(r, 0), KEY_ROLE): r for r in range(model.rowCount())}
    zel = rows["zelensky"]
    ar_count = int(model.data(model.index(zel, COL_AR)))
    en_count = int(model.data(model.index(zel, COL_EN)))
    gold = [m for m in reader.analysis.entities if m.link == "zelensky"]
    assert ar_count == sum(m.lang == "ar" for m in gold) and ar_count >= 1
    assert en_count == sum(m.lang == "en" for m in gold) and en_count >= 1
    parent = model.index(zel, 0)
    assert model.rowCount(parent) == ar_count + en_count
    assert "Zelensky" in model.data(parent, Qt.ItemDataRole.DisplayRole)


def test_choosing_an_entity_lights_every_mention(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    chosen: list[str] = []
    reader.entity_chosen.connect(chosen.append)
    assert reader.entity_dock.choose("zelensky")
    assert chosen == ["zelensky"]
    gold = [m for m in reader.analysis.entities if m.link == "zelensky"]
    for lang in ("ar", "en"):
        want = sorted((m.start, m.end) for m in gold if m.lang == lang)
        got = sorted((s.start, s.end) for s in reader.panes[lang].layer_spans("entity-focus"))
        assert got == want
    fmt = reader.panes["ar"].layer("entity-focus")[0].format
    assert fmt.underlineStyle() != fmt.UnderlineStyle.NoUnderline


def test_choosing_an_entity_jumps_to_its_first_mention(reader, qtbot) -> None:  # type: ignore[no-untyped-def]
    reader.resize(900, 260)
    qtbot.wait(20)
    reader.choose_entity("lebedev")
    en = reader.panes["en"]
    first = min(m.start for m in reader.analysis.entities
                if m.link == "lebedev" and m.lang == "en")
    top, _ = en.y_range(Span("en", first, first + 1))
    view = en.verticalScrollBar().value()
    assert view <= top <= view + en.viewport().height()


def test_choosing_a_mention_row_shows_that_mention(reader) -> None:  # type: ignore[no-untyped-def]
    model = reader.entity_dock.model
    rows = {model.data(model.index(r, 0), KEY_ROLE): r for r in range(model.rowCount())}
    parent = model.index(rows["kyiv"], 0)
    last = model.index(model.rowCount(parent) - 1, 0, parent)
    reader.entity_dock.view.setCurrentIndex(last)
    mention = reader.entity_dock.model.group_at(last).mentions[-1]
    flashed = reader.panes[mention.lang].layer_spans("flash")
    assert flashed == [Span(mention.lang, mention.start, mention.end)]
    assert reader.panes[mention.lang].layer_spans("entity-focus")
