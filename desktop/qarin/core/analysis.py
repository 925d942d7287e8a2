"""The pipeline: document -> sentences -> alignment -> entities -> links -> claim suggestions.

Each stage is a function of what came before, so the result is an immutable ``Analysis``
cached by the document's content hash.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from qarin.core.align.aligner import align
from qarin.core.document import BilingualDocument
from qarin.core.model import ACCURATE_ARABIC_DEFAULT, Analysis
from qarin.core.text.segment import segment

log = logging.getLogger(__name__)

Progress = Callable[[str, float], None]
Stage = Callable[[BilingualDocument, Analysis], Analysis]

# The last few analyses, newest last: reopening a document is instant, and a long session
# that opens many books does not keep every one of them in memory.
_cache: dict[tuple[str, bool, str | None, bool], Analysis] = {}
CACHE_SIZE = 4


def _later_stages(
    with_entities: bool, english_model: str | None, accurate_arabic: bool
) -> list[tuple[str, Stage]]:
    """Entity and claim stages, imported lazily: they load language models."""
    from qarin.core.claims.stage import add_claim_suggestions

    if not with_entities:
        return [("claims", add_claim_suggestions)]
    try:
        from qarin.core.entities.stage import add_entities
    except ImportError:  # pragma: no cover - until the entity stage is installed
        log.warning("entity recognition is not available; continuing without it")
        return [("claims", add_claim_suggestions)]
    return [
        (
            "entities",
            functools.partial(
                add_entities, english_model=english_model, accurate_arabic=accurate_arabic
            ),
        ),
        ("claims", add_claim_suggestions),
    ]


def analyse(
    doc: BilingualDocument,
    *,
    entities: bool = True,
    english_model: str | None = None,
    accurate_arabic: bool = ACCURATE_ARABIC_DEFAULT,
    progress: Progress | None = None,
) -> Analysis:
    """Run the pipeline; ``progress(stage, fraction)`` is called between stages.

    ``english_model`` names an installed spaCy pipeline to use instead of en_core_web_sm;
    ``accurate_arabic`` (default) reads Arabic names with the fine-tuned transformer too; False
    with the fast model alone (about twice as fast, fewer names right).
    """
    key = (doc.content_hash, entities, english_model, accurate_arabic)
    if key in _cache:
        _cache[key] = _cache.pop(key)  # most recently used goes last
        return _cache[key]
    report = progress or (lambda _stage, _f: None)
    report("sentences", 0.0)
    sentences = segment(doc)
    report("alignment", 0.2)
    result = Analysis(sentences=sentences, beads=align(doc, sentences))
    stages = _later_stages(entities, english_model, accurate_arabic)
    for n, (name, stage) in enumerate(stages):
        report(name, 0.4 + 0.6 * n / len(stages))
        result = stage(doc, result)
    report("done", 1.0)
    _cache[key] = result
    while len(_cache) > CACHE_SIZE:
        del _cache[next(iter(_cache))]
    return result
