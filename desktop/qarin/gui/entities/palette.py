"""Entity label colours, as displaCy draws them, except that every label has its own.

displaCy paints DATE and TIME alike, and CARDINAL, MONEY and PERCENT alike; the legend here
toggles one label at a time, so a reader must be able to tell them apart.  The extra colours
are pale like displaCy's so that Arabic letters stay readable on them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "NORP": "#c887fb",
    "DATE": "#bfe1d9",
    "TIME": "#f4cfe0",
    "CARDINAL": "#e4e7d2",
    "MONEY": "#d5ebb5",
    "PERCENT": "#efdcc4",
    "EVENT": "#ffeb80",
    "FAC": "#dddddd",
    "PRODUCT": "#bfeeb7",
}
DEFAULT_COLOUR = "#dddddd"


def colour_for(label: str) -> QColor:
    return QColor(LABEL_COLOURS.get(label.upper(), DEFAULT_COLOUR))
