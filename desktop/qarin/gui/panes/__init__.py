"""The text panes (one QTextEdit per language) and their scroll synchronisation."""

from qarin.gui.panes.text_pane import TextPane

__all__ = ["TextPane"]
