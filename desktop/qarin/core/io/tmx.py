"""TMX translation memories: each translation unit becomes one aligned pair of paragraphs.

Parsed with defusedxml: entity declarations and external references are refused, not expanded.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from qarin.core.document import Lang
from qarin.core.errors import ImportFailed
from qarin.core.text.script import paragraph_language

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline codes whose content is markup of the original format, not text.
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}


def looks_like_tmx(data: bytes, path: str) -> bool:
    if path.lower().endswith(".tmx"):
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") and b"<tmx" in data[:2048].lower()


def _seg_text(seg: Element) -> str:
    parts: list[str] = [seg.text or ""]
    for child in seg:
        if child.tag not in _CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tuv_lang(tuv: Element, text: str) -> Lang | None:
    code = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
    if code.startswith("ar"):
        return "ar"
    if code.startswith("en"):
        return "en"
    return paragraph_language(text)


Pairs = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def parse_tmx(data: bytes, path: str) -> tuple[list[str], list[str], Pairs]:
    """Arabic segments, English segments, and the unit pairs as paragraph indices."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise ImportFailed(path, "the TMX declares XML entities, which Qarin refuses") from None
    except ParseError as err:
        raise ImportFailed(path, f"not well-formed XML ({err})") from None
    if root.tag != "tmx":
        raise ImportFailed(path, f"not a TMX file (root element <{root.tag}>)")
    ar: list[str] = []
    en: list[str] = []
    pairs: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for tu in root.iter("tu"):
        segs: dict[Lang, str] = {}
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            text = " ".join(_seg_text(seg).split()) if seg is not None else ""
            lang = _tuv_lang(tuv, text)
            if text and lang and lang not in segs:
                segs[lang] = text
        if not segs:
            continue
        a = (len(ar),) if "ar" in segs else ()
        e = (len(en),) if "en" in segs else ()
        if "ar" in segs:
            ar.append(segs["ar"])
        if "en" in segs:
            en.append(segs["en"])
        pairs.append((a, e))
    return ar, en, tuple(pairs)
