"""Character hygiene shared by the text formats: what other programs choke on."""

from __future__ import annotations

import re

# C0 controls other than tab, LF and CR, plus DEL: not allowed in XML 1.0, invisible in
# Markdown, and NUL ends a C string in more spreadsheet importers than one would hope.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Also outside XML 1.0's Char production: lone surrogates and the two non-characters.
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """``text`` without control characters other than tab, LF and CR."""
    return _CONTROL.sub("", text)


def xml_text(text: str) -> str:
    """``text`` reduced to characters XML 1.0 can hold (escaping is the XML library's job)."""
    return _NOT_XML.sub("", strip_controls(text))


def file_stem(title: str, default: str = "qarin") -> str:
    """A file name stem from a title: letters (any script), digits, hyphens; at most 80."""
    stem = re.sub(r"[^\w]+", "-", title).strip("-_")[:80].strip("-_")
    return stem or default
