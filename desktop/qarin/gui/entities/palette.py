"""Entity label colours, as displaCy draws them, except that every label has its own.

displaCy paints DATE and TIME alike; CARDINAL, MONEY, PERCENT, QUANTITY and ORDINAL alike; and
FAC, LAW and LANGUAGE the same grey.  The legend here toggles one label at a time, so a reader
must be able to tell them apart.  The extra colours are pale like displaCy's so that Arabic
letters stay readable on them; those were picked as far apart (CIE Lab) from the others as
pale colours go.  Every label of spaCy's English scheme (OntoNotes) is here.
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
    "QUANTITY": "#feaafe",
    "ORDINAL": "#dafe98",
    "EVENT": "#ffeb80",
    "FAC": "#8ccefe",
    "PRODUCT": "#bfeeb7",
    "WORK_OF_ART": "#f0d0ff",
    "LAW": "#feb698",
    "LANGUAGE": "#96fe96",
}
DEFAULT_COLOUR = "#dddddd"


def colour_for(label: str) -> QColor:
    return QColor(LABEL_COLOURS.get(label.upper(), DEFAULT_COLOUR))
