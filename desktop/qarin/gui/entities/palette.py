"""Entity label colours, as displaCy draws them."""

from __future__ import annotations

from PySide6.QtGui import QColor

LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "NORP": "#c887fb",
    "DATE": "#bfe1d9",
    "TIME": "#bfe1d9",
    "CARDINAL": "#e4e7d2",
    "MONEY": "#e4e7d2",
    "PERCENT": "#e4e7d2",
    "EVENT": "#ffeb80",
    "FAC": "#dddddd",
    "PRODUCT": "#bfeeb7",
}
DEFAULT_COLOUR = "#dddddd"


def colour_for(label: str) -> QColor:
    return QColor(LABEL_COLOURS.get(label.upper(), DEFAULT_COLOUR))
