"""Bundled OFL fonts (Noto Naskh Arabic, Noto Sans), loaded once and set by family name."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from qarin.core.document import Lang
from qarin.paths import resource

log = logging.getLogger(__name__)

ARABIC_FILES = ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
LATIN_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
ARABIC_FALLBACK = "Noto Naskh Arabic"
LATIN_FALLBACK = "Noto Sans"
# Naskh letters look small beside Latin at the same point size.
ARABIC_SCALE = 1.18


@dataclass(frozen=True)
class FontFamilies:
    arabic: str
    latin: str


def _load(files: tuple[str, ...], fallback: str) -> str:
    family = ""
    for name in files:
        path = resource("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the bundled font %s", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families and not family:
            family = families[0]
    return family or fallback


@cache
def load_fonts() -> FontFamilies:
    """Register the bundled fonts (needs a QGuiApplication) and return their family names."""
    return FontFamilies(
        arabic=_load(ARABIC_FILES, ARABIC_FALLBACK), latin=_load(LATIN_FILES, LATIN_FALLBACK)
    )


def pane_font(lang: Lang, latin_pt: float, arabic_scale: float = ARABIC_SCALE) -> QFont:
    """The font of a language's pane; Arabic is ``arabic_scale`` times the Latin size."""
    fams = load_fonts()
    if lang == "ar":
        font = QFont(fams.arabic)
        font.setPointSizeF(latin_pt * arabic_scale)
    else:
        font = QFont(fams.latin)
        font.setPointSizeF(latin_pt)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
