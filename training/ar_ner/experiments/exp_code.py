import hashlib
import sys
from typing import Any

from spacy.util import registry

from qarin.core.entities.arabic_lang import ArabicTokenizer

sys.path.insert(0, "training/ar_ner")
import code as _qarin_code  # registers augmenter  # noqa


def token_key(text: str, i: int) -> str:
    return hashlib.md5(text.encode()).hexdigest()[:16] + f"#{i}"


class CtxTokenizer(ArabicTokenizer):
    def __call__(self, text):
        doc = super().__call__(text)
        for i, t in enumerate(doc):
            t.ent_id_ = token_key(text, i)
        return doc


@registry.tokenizers("exp.ctx_tokenizer.v1")
def make() -> Any:
    def create(nlp):
        return CtxTokenizer(nlp.vocab)

    return create
