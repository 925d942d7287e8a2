"""Open one or two files as a BilingualDocument, with a one-line error for anything wrong."""

from __future__ import annotations

from pathlib import Path

from qarin.core.document import BilingualDocument, SourceInfo
from qarin.core.errors import ImportFailed
from qarin.core.io.decode import decode_bytes
from qarin.core.io.plaintext import split_languages
from qarin.core.io.tmx import looks_like_tmx, parse_tmx

# A reader's document, not a corpus dump: refuse what would exhaust memory with a message.
MAX_BYTES = 200 * 1024 * 1024


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise ImportFailed(name, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailed(name, f"the file is too large ({size // 2**20} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(name, "no such file") from None
    except PermissionError:
        raise ImportFailed(name, "permission denied") from None
    except OSError as err:
        raise ImportFailed(name, err.strerror or "cannot be read") from None


def _title_of(paths: list[Path]) -> str:
    return paths[0].stem.replace("_", " ").replace("-", " ").strip()


def load_document(*paths: str | Path) -> BilingualDocument:
    """One file (both languages, one language, or TMX) or a pair of files, one per language."""
    if not 1 <= len(paths) <= 2:
        raise ImportFailed(", ".join(map(str, paths)) or "(none)", "give one or two files")
    files = [Path(p) for p in paths]
    if len(files) == 1:
        return _load_single(files[0])
    return _load_pair(files[0], files[1])


def _load_single(path: Path) -> BilingualDocument:
    data = _read(path)
    name = str(path)
    if looks_like_tmx(data, name):
        if not data.strip():
            raise ImportFailed(name, "the file is empty")
        ar, en, pairs = parse_tmx(data, name)
        if not ar and not en:
            raise ImportFailed(name, "the TMX holds no Arabic or English segments")
        return BilingualDocument.from_paragraphs(
            ar, en, sources=(SourceInfo(name, "XML", "tmx"),), title=_title_of([path]),
            given_pairs=pairs,
        )
    decoded = decode_bytes(data, name)
    ar, en, blank = split_languages(decoded.text)
    if not ar and not en:
        raise ImportFailed(name, "no Arabic or English text found")
    return BilingualDocument.from_paragraphs(
        ar,
        en,
        sources=(SourceInfo(name, decoded.encoding),),
        title=_title_of([path]),
        separator="\n\n" if blank else "\n",
    )


def _load_pair(first: Path, second: Path) -> BilingualDocument:
    docs = [_load_single(first), _load_single(second)]
    langs = []
    for path, doc in zip((first, second), docs, strict=True):
        sizes = {lang: len(doc.texts[lang]) for lang in ("ar", "en")}
        langs.append(max(sizes, key=lambda k: sizes[k]))
        if sizes["ar"] and sizes["en"]:
            raise ImportFailed(
                str(path), "holds both Arabic and English; open it alone, not as one of a pair"
            )
    if langs[0] == langs[1]:
        which = "Arabic" if langs[0] == "ar" else "English"
        raise ImportFailed(f"{first}, {second}", f"both files are {which}; give one of each")
    ar_doc, en_doc = (docs[0], docs[1]) if langs[0] == "ar" else (docs[1], docs[0])
    blank = "\n\n" in ar_doc.texts["ar"] or "\n\n" in en_doc.texts["en"]
    return BilingualDocument.from_paragraphs(
        [ar_doc.texts["ar"][p.start : p.end] for p in ar_doc.paragraphs["ar"]],
        [en_doc.texts["en"][p.start : p.end] for p in en_doc.paragraphs["en"]],
        sources=(*ar_doc.sources, *en_doc.sources),
        title=_title_of([first]),
        separator="\n\n" if blank else "\n",
    )
