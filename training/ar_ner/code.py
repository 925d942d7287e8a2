"""Loaded by `spacy train --code`: puts desktop/ on sys.path and registers Qarin's tokenizer."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))

import qarin.core.entities.arabic_lang  # noqa: E402,F401
