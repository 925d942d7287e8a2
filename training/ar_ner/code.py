"""Loaded by `spacy train --code`: registers Qarin's tokenizer and the training augmenter.

The name-swap augmenter fights memorisation: ANERcorp's test part is full of names the
training part never shows, so with probability `prob` a sentence is also seen with every
PERSON replaced by a random personal name (arabnamer) and every GPE by a random CLDR place,
keeping the proclitic of the original first word (لروسيا → لكينيا).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))

import spacy
from spacy.tokens import Doc
from spacy.training import Example

import qarin.core.entities.arabic_lang  # noqa: F401
from qarin.core.entities.arabic_lang import ArabicTokenizer


@spacy.registry.augmenters("qarin.ar_name_swap.v1")
def create_name_swap(
    prob: float, names_path: str, labels: list[str]
) -> Callable[[Any, Example], Iterator[Example]]:
    lists: dict[str, list[str]] = json.loads(Path(names_path).read_text(encoding="utf-8"))
    pools = {lab: [n.split() for n in lists[lab]] for lab in labels if lists.get(lab)}
    rng = random.Random(0)

    def augment(nlp: Any, example: Example) -> Iterator[Example]:
        yield example
        ref = example.reference
        if rng.random() >= prob or not any(e.label_ in pools for e in ref.ents):
            return
        tok = nlp.tokenizer
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        i = 0
        ents = {e.start: e for e in ref.ents}
        while i < len(ref):
            ent = ents.get(i)
            if ent is not None and ent.label_ in pools:
                pool = pools[ent.label_]
                new = list(rng.choice(pool))
                if ent.label_ == "PERSON" and len(ent) >= 2 and len(new) == 1:
                    new = new + list(rng.choice(pool))
                cut = (
                    tok.gazetteer.proclitic_length(ent[0].text)
                    if isinstance(tok, ArabicTokenizer)
                    else 0
                )
                new[0] = ent[0].text[:cut] + new[0]
                for j, w in enumerate(new):
                    words.append(w)
                    spaces.append(True)
                    tags.append(("B-" if j == 0 else "I-") + ent.label_)
                spaces[-1] = bool(ent[-1].whitespace_)
                i = ent.end
                continue
            t = ref[i]
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
            tags.append(f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O")
            i += 1
        doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=tags)
        yield Example(nlp.make_doc(doc.text), doc)

    return augment
