"""Plain text with Arabic and English paragraphs: in blocks, interleaved, or one language."""

from __future__ import annotations

import itertools

from qarin.core.document import Lang
from qarin.core.text.script import paragraph_language

Block = tuple[Lang | None, str]


def _blocks(text: str) -> tuple[list[str], bool]:
    """Paragraphs of ``text`` and whether the source separated them by blank lines.

    With blank lines, a paragraph may span several (hard-wrapped) lines; without, each line
    is a paragraph.
    """
    lines = text.split("\n")
    blank_separated = any(not ln.strip() for ln in lines[1:-1]) and any(
        ln.strip() and nxt.strip() for ln, nxt in itertools.pairwise(lines)
    )
    if not blank_separated:
        return [ln.strip() for ln in lines if ln.strip()], False
    paras: list[str] = []
    current: list[str] = []
    for ln in [*lines, ""]:
        if ln.strip():
            current.append(ln.strip())
        elif current:
            paras.append("\n".join(current))
            current = []
    return paras, True


def _split_mixed(para: str) -> list[Block]:
    """A block whose lines switch language becomes one block per run of lines."""
    out: list[Block] = []
    for line in para.split("\n"):
        lang = paragraph_language(line)
        if out and (lang is None or out[-1][0] in (None, lang)):
            prev_lang = out[-1][0] if lang is None else lang
            out[-1] = (prev_lang, out[-1][1] + "\n" + line)
        else:
            out.append((lang, line))
    return out


def split_languages(text: str) -> tuple[list[str], list[str], bool]:
    """Arabic paragraphs, English paragraphs, and whether paragraphs were blank-line separated.

    A paragraph's language is decided by its letters; one without letters (a date line, a
    row of stars) goes with the paragraph before it (or after it, at the start).
    """
    paras, blank_separated = _blocks(text)
    blocks: list[Block] = []
    for p in paras:
        if paragraph_language(p) is None or "\n" not in p:
            blocks.append((paragraph_language(p), p))
        else:
            blocks.extend(_split_mixed(p))
    langs = [lang for lang, _ in blocks]
    for i, lang in enumerate(langs):
        if lang is None:
            before = next((x for x in reversed(langs[:i]) if x), None)
            after = next((x for x in langs[i + 1 :] if x), None)
            langs[i] = before or after
    ar = [t for (_, t), lang in zip(blocks, langs, strict=True) if lang == "ar"]
    en = [t for (_, t), lang in zip(blocks, langs, strict=True) if lang == "en"]
    return ar, en, blank_separated
