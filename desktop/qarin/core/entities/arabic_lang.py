"""The tokenizer of Qarin's Arabic NER pipeline, registered with spaCy so `spacy.load` finds it.

spaCy's blank `ar` tokenizer leaves `الجمعة).` as one token and glues `بـ25`; the rules below
split punctuation after Arabic letters.  Proclitics stay attached (ANERcorp, the training data,
keeps them attached, and a blind split would break لبنان or فرنسا); instead each token gets
features the network can generalise from:

- NORM: the normalised word without its proclitic, so والعراق and بالعراق share العراق's row;
- LEMMA: the gazetteer tag of the phrase the token is in (B-GPE, I-NORP, B-NAME, ...);
- TAG: the proclitic and the first letters of the word after the article.

Importing this module registers `qarin.ar_tokenizer.v1`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.lang.ar import Arabic
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry
from spacy.vocab import Vocab

from qarin.core.entities.arabic_gazetteer import Gazetteer
from qarin.core.entities.arabic_text import is_arabic, normalise, stem_key

TOKENIZER_NAME = "qarin.ar_tokenizer.v1"
_AR = "\u0600-\u06ff\u0750-\u077f"
_EXTRA_SUFFIXES = (
    # A full stop after a word, a closing bracket or quote: `الجمعة).` → الجمعة ) .
    rf"(?<=[{_AR}\)\]»\"”'’])\.",
    r"(?<=[\)\]»])[،,؛:!?؟]",
)
_EXTRA_PREFIXES = (r"[«\"“(\[]",)
_EXTRA_INFIXES = (
    # بـ25، لـ«حماس»: a tatweel after a one-letter preposition joins it to what follows.
    r"(?<=ـ)(?=[0-9٠-٩«\"(])",
    rf"(?<=[{_AR}])[/\\](?=[{_AR}])",
    rf"(?<=[{_AR}])[،؛](?=[{_AR}])",
    # فرساتشي:"لقد, قال:«إن: a colon or a quote between words, no space around it.
    rf"(?<=[{_AR}])[:!؟?](?=[\"«“{_AR}])",
    rf"(?<=[{_AR}:])[\"«»“”](?=[{_AR}])",
)


def _rule_tokenizer(vocab: Vocab) -> Tokenizer:
    d = Arabic.Defaults
    prefixes = list(d.prefixes or []) + list(_EXTRA_PREFIXES)
    suffixes = list(_EXTRA_SUFFIXES) + list(d.suffixes or [])
    infixes = list(d.infixes or []) + list(_EXTRA_INFIXES)
    return Tokenizer(
        vocab,
        rules=dict(d.tokenizer_exceptions),
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=d.token_match,
        url_match=d.url_match,
    )


def annotate(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """Set NORM, LEMMA and TAG features (see module docstring) on every token."""
    stems: list[str] = []
    for token in doc:
        text = token.text
        if is_arabic(text):
            cut = gazetteer.proclitic_length(text)
            stem = stem_key(text, cut)
            core = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
            token.norm_ = stem
            token.tag_ = f"{text[:cut]}|{'ال' if core is not stem else ''}|{core[:3]}"
        else:
            stem = normalise(token.lower_)
            token.norm_ = stem
            token.tag_ = "-"
        stems.append(stem)
    for token, tag in zip(doc, gazetteer.bio(stems), strict=True):
        token.lemma_ = tag
    return doc


# The pipeline saves its vocab (with the word vectors) once; spaCy's tokenizer would save a
# second copy inside its rules.
_OWN_VOCAB = ("vocab",)


class ArabicTokenizer:
    """spaCy's rule tokenizer with Arabic punctuation fixes, then gazetteer features."""

    def __init__(self, vocab: Vocab, gazetteer: Gazetteer | None = None) -> None:
        self.vocab = vocab
        self.inner = _rule_tokenizer(vocab)
        self.gazetteer = gazetteer or Gazetteer()

    def __call__(self, text: str) -> Doc:
        return annotate(self.inner(text), self.gazetteer)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Any = None,
        gazetteer_paths: list[str] | None = None,
    ) -> None:
        """Training-time only: read gazetteer files; a loaded model gets them from disk."""
        if gazetteer_paths:
            self.gazetteer = Gazetteer.merged(Gazetteer.from_disk(Path(p)) for p in gazetteer_paths)

    # -- serialisation: the gazetteer travels inside the model so a load needs nothing else ----

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        data = {
            "rules": self.inner.to_bytes(exclude=_OWN_VOCAB),
            "gazetteer": self.gazetteer.to_dict(),
        }
        return bytes(srsly.msgpack_dumps(data))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ArabicTokenizer:
        msg = srsly.msgpack_loads(data)
        self.inner.from_bytes(msg["rules"], exclude=_OWN_VOCAB)
        self.gazetteer = Gazetteer.from_dict(msg["gazetteer"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.inner.to_disk(path / "rules", exclude=_OWN_VOCAB)
        self.gazetteer.to_disk(path / "gazetteer.json")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ArabicTokenizer:
        path = Path(path)
        self.inner.from_disk(path / "rules", exclude=_OWN_VOCAB)
        self.gazetteer = Gazetteer.from_disk(path / "gazetteer.json")
        return self


def create_arabic_tokenizer() -> Any:
    def make(nlp: Any) -> ArabicTokenizer:
        return ArabicTokenizer(nlp.vocab)

    return make


registry.tokenizers.register(TOKENIZER_NAME, func=create_arabic_tokenizer)
