import sys

import numpy as np

sys.path.insert(0, "training/ar_ner")
sys.path.insert(0, "desktop")
import corpora

sp = corpora.anercorp_splits()
TAGS = ["O"] + [f"{p}-{c}" for c in ("PERS", "LOC", "ORG") for p in ("B", "I")]


# corpora gives Qarin's labels (PERSON, GPE, LOC, ORG); the probe's tags are the scored classes.
_CLASS = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def tags_of(s):
    out = []
    for _, t in s:
        cls = _CLASS.get(t[2:])
        out.append(TAGS.index(f"{t[:2]}{cls}") if cls and t[:2] in ("B-", "I-") else 0)
    return out


def static_feats(part):
    import spacy

    tok = spacy.load("resources/models/ar_ner").tokenizer
    data = np.load("training/ar_ner/corpus/e5_words.npz")
    idx = {w: i for i, w in enumerate(data["words"].tolist())}
    V = data["vectors"]
    out = []
    for s in sp[part]:
        rows = []
        for w, _ in s:
            d = tok(w if w.strip() else "•")
            n = d[0].norm_ if len(d) else ""
            rows.append(V[idx[n]] if n in idx else np.zeros(384, np.float32))
        out.append(np.stack(rows))
    return out


def load(kind, part):
    if kind == "static":
        return static_feats(part)
    return list(np.load(f"training/ar_ner/corpus/exp_ctx/{part}_{kind}.npy", allow_pickle=True))


def windows(F):
    X = []
    for f in F:
        f = f.astype(np.float32)
        z = np.zeros((1, f.shape[1]), np.float32)
        X.append(np.concatenate([np.vstack([z, f[:-1]]), f, np.vstack([f[1:], z])], axis=1))
    return np.vstack(X)


def spans(tags):
    out = set()
    start = None
    cls = None
    for i, t in enumerate([*tags, 0]):
        name = TAGS[t]
        if start is not None and not (name.startswith("I-") and name[2:] == cls):
            out.add((start, i, cls))
            start = None
        if name != "O" and (name.startswith("B-") or start is None):
            start, cls = i, name[2:]
    return out


def run(kinds):
    Xtr = np.hstack([windows(load(k, "train")) for k in kinds])
    Xdv = np.hstack([windows(load(k, "dev")) for k in kinds])
    mu, sd = Xtr.mean(0), Xtr.std(0) + 1e-6
    Xtr = (Xtr - mu) / sd
    Xdv = (Xdv - mu) / sd
    ytr = np.concatenate([tags_of(s) for s in sp["train"]])
    rng = np.random.default_rng(0)
    W = np.zeros((Xtr.shape[1], len(TAGS)), np.float32)
    b = np.zeros(len(TAGS), np.float32)
    mW = np.zeros_like(W)
    vW = np.zeros_like(W)
    mb = np.zeros_like(b)
    vb = np.zeros_like(b)
    t = 0
    for _ep in range(6):
        perm = rng.permutation(len(ytr))
        for i in range(0, len(perm), 256):
            j = perm[i : i + 256]
            x = Xtr[j]
            y = ytr[j]
            z = x @ W + b
            z -= z.max(1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(1, keepdims=True)
            p[np.arange(len(y)), y] -= 1
            p /= len(y)
            gW = x.T @ p + 1e-4 * W
            gb = p.sum(0)
            t += 1
            for P, G, M, Vv in ((W, gW, mW, vW), (b, gb, mb, vb)):
                M *= 0.9
                M += 0.1 * G
                Vv *= 0.999
                Vv += 0.001 * G * G
                P -= 1e-3 * (M / (1 - 0.9**t)) / (np.sqrt(Vv / (1 - 0.999**t)) + 1e-8)
    pred = (Xdv @ W + b).argmax(1)
    tp = npred = ngold = 0
    k = 0
    for s in sp["dev"]:
        n = len(s)
        g = spans(tags_of(s))
        pr = spans(list(pred[k : k + n]))
        k += n
        tp += len(g & pr)
        npred += len(pr)
        ngold += len(g)
    P = tp / npred
    R = tp / ngold
    print(kinds, f"P {P:.3f} R {R:.3f} F1 {2 * P * R / (P + R):.3f}", flush=True)


if __name__ == "__main__":
    for kinds in [a.split("+") for a in sys.argv[1:]]:
        run(kinds)
