import sys
import time

import numpy as np

sys.path.insert(0, "training/ar_ner")
sys.path.insert(0, "training/ar_ner/experiments")
sys.path.insert(0, "desktop")
import corpora
from e5np import E5NP

KEEP = (4, 6, 8, 12)
m = E5NP()
pre = m.tokenize_word("passage:")
sp = corpora.anercorp_splits()
for part in ("train", "dev"):
    sents = sp[part]
    words = [[w if w.strip() else "•" for w, _ in s] for s in sents]
    pieces = [[m.tokenize_word(w) for w in ws] for ws in words]
    feats = {k: [None] * len(sents) for k in KEEP}
    order = sorted(range(len(sents)), key=lambda i: sum(map(len, pieces[i])))
    t0 = time.time()
    ntok = 0
    for b in range(0, len(order), 32):
        idx = order[b : b + 32]
        seqs = []
        for i in idx:
            flat = pre + [p for ps in pieces[i] for p in ps]
            seqs.append(flat[:500])
        out, lens = m.forward_layers(seqs, KEEP)
        for j, i in enumerate(idx):
            # word vector = mean of its pieces; offset 1 (bos) + len(pre)
            pos = 1 + len(pre)
            rows = []
            for ps in pieces[i]:
                a, e = min(pos, 500), min(pos + len(ps), 501)
                rows.append((a, max(e, a + 1)))
                pos += len(ps)
            for k in KEEP:
                h = out[k][j]
                feats[k][i] = np.stack([h[a:e].mean(0) for a, e in rows]).astype(np.float16)
        ntok += sum(len(s) for s in seqs)
        if b % 640 == 0:
            print(part, b, ntok / (time.time() - t0), "tok/s", flush=True)
    for k in KEEP:
        np.save(
            f"training/ar_ner/corpus/exp_ctx/{part}_L{k}.npy",
            np.array(feats[k], dtype=object),
            allow_pickle=True,
        )
    print(part, "done", time.time() - t0, flush=True)
