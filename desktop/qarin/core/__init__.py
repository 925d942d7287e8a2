"""Qarin's core: documents, analysis, notebook and export. Never imports Qt."""
