"""Bytes to text: BOMs, UTF-8, UTF-16, and the two legacy Arabic code pages; newlines to \\n."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from qarin.core.errors import ImportFailed
from qarin.core.text.script import is_arabic_char

# Characters a Western single-byte file plausibly holds outside ASCII.
_WESTERN = set("“”‘’–—…€£©®°·«»×éèêëàâäçîïôöûüùñáíóúÉÀÇß")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\0" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(4, len(sample) // 100)


def _arabic_score(text: str) -> int:
    score = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        score += 1 if is_arabic_char(ch) else -2
    return score


def _western_score(text: str) -> int:
    return sum(1 if ch in _WESTERN else -2 for ch in text if ord(ch) >= 128)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a text file, or raise ImportFailed naming ``path`` and the reason."""
    if not data.strip():
        raise ImportFailed(path, "the file is empty")
    for bom, enc, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE with BOM"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(_normalise_newlines(data.decode(enc)), name)
            except UnicodeDecodeError as err:
                raise ImportFailed(path, f"not valid {name} (byte {err.start})") from None
    if _looks_binary(data):
        raise ImportFailed(path, "this is a binary file, not text")
    try:
        return Decoded(_normalise_newlines(data.decode("utf-8")), "UTF-8")
    except UnicodeDecodeError:
        pass
    # Legacy single-byte pages: decode with each and keep the one whose non-ASCII characters
    # are most plausibly Arabic (or Western, for an English file in Windows-1252).
    candidates: list[tuple[int, str, str]] = []
    for enc, name, scorer in (
        ("cp1256", "Windows-1256", _arabic_score),
        ("iso8859_6", "ISO-8859-6", _arabic_score),
        ("cp1252", "Windows-1252", _western_score),
    ):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((scorer(text), name, text))
    if candidates:
        # Stable max keeps the earlier (more common) page on ties.
        best = max(candidates, key=lambda c: c[0])
        if best[0] > 0:
            return Decoded(_normalise_newlines(best[2]), best[1])
    raise ImportFailed(
        path, "cannot decode as UTF-8, UTF-16, Windows-1256 or ISO-8859-6"
    )
