"""The fine-tuned encoder's layers as an ONNX Runtime graph, built from its int8 weights.

numpy can only multiply the int8 weights after widening them to float32; ONNX Runtime's
``MatMulInteger`` multiplies them as 8-bit integers, with each row of activations quantised to
8 bits on the fly.  The graph is assembled in memory at load time from the weights
``arabic_encoder`` reads, so the shipped model stays one file and the numpy layers remain the
reference it is tested against.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from qarin.core.entities.e5_file import Floats

_OPSET = 20  # LayerNormalization (17) and Gelu (20) as standard operators
_FLOAT = 1  # onnx.TensorProto.FLOAT
# The fusion into MatMulIntegerToFloat takes one activation scale for the whole matrix and so
# mis-scales the per-row quantisation below (seen in onnxruntime 1.32: logits off by 0.5).
_DISABLED = ["MatMulIntegerToFloatFusion"]


def available() -> bool:
    """Whether onnx (to build the graph) and onnxruntime (to run it) are installed."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class OnnxLayers:
    """Transformer layers and tag head: embeddings (n, t, hidden) and an additive padding mask
    (n, t) in, tag logits (n, t, tags) out; without a head in ``data``, the last hidden states.

    ``signed_weights`` multiplies unsigned activations by the signed weights (the fast kernels
    of CPUs with VNNI); x86 CPUs without VNNI add those products in 16 bits and can saturate,
    so by default a probe decides, and unsigned weights (shifted by 128) are used there."""

    def __init__(
        self,
        data: Mapping[str, np.ndarray],
        layers: int,
        heads: int,
        eps: float,
        signed_weights: bool | None = None,
    ) -> None:
        if signed_weights is None:
            signed_weights = signed_products_exact()
        self.signed_weights = signed_weights
        model = _Graph(data, heads, eps, signed_weights).model(layers)
        self._session = _session(model)

    def __call__(self, x: Floats, mask: Floats) -> Floats:
        out: Floats = self._session.run(None, {"x": x, "mask": mask})[0]
        return out


@cache  # the CPU does not change: probed once per process
def signed_products_exact() -> bool:
    """Whether this CPU's kernel for unsigned × signed 8-bit products is exact at the extremes
    (255 × 127, summed in pairs, overflows a 16-bit lane)."""
    from onnx import TensorProto, helper, numpy_helper

    depth = 64
    a = np.full((1, depth), 255, np.uint8)
    b = np.full((depth, 1), 127, np.int8)
    node = helper.make_node("MatMulInteger", ["a", "b"], ["y"])
    graph = helper.make_graph(
        [node],
        "probe",
        [helper.make_tensor_value_info("a", TensorProto.UINT8, [1, depth])],
        [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 1])],
        [numpy_helper.from_array(b, "b")],
    )
    session = _session(_serialise(graph))
    return int(session.run(None, {"a": a})[0][0, 0]) == 255 * 127 * depth


def _session(model: bytes) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    # A desktop app shares its cores with the reader's other work: idle threads sleep
    # instead of spinning.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(
        model, options, providers=["CPUExecutionProvider"], disabled_optimizers=_DISABLED
    )


def _serialise(graph: Any) -> bytes:
    from onnx import helper

    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", _OPSET)])
    model.ir_version = 9  # onnxruntime 1.17 reads up to 9
    blob: bytes = model.SerializeToString()
    return blob


class _Graph:
    """Nodes and initialisers of the model, added in order."""

    def __init__(
        self, data: Mapping[str, np.ndarray], heads: int, eps: float, signed_weights: bool
    ) -> None:
        self._data = data
        self._signed = signed_weights
        self._heads = heads
        self._eps = eps
        self._nodes: list[Any] = []
        self._inits: list[Any] = []
        self._names: set[str] = set()

    def model(self, layers: int) -> bytes:
        from onnx import TensorProto, helper

        hidden = int(self._data["l0.q.w"].shape[0])
        # The layers work on rows (one per piece of every passage), so that each row can be
        # quantised on its own scale; attention reshapes to passages and back.
        passages = self._op(
            "Slice",
            self._op("Shape", "mask"),
            self._const("0", np.array([0])),
            self._const("1", np.array([1])),
        )
        self._heads_shape = self._op(
            "Concat",
            passages,
            self._const("heads", np.array([-1, 3, self._heads, hidden // self._heads])),
            axis=0,
        )
        x = self._op("Reshape", "x", self._const("rows", np.array([-1, hidden])))
        mask = self._op("Unsqueeze", "mask", self._const("mask_axes", np.array([1, 2])))
        for i in range(layers):
            x = self._layer(x, mask, f"l{i}", hidden)
        if "head.w" in self._data:
            x = self._op("MatMul", x, self._const("head.w", self._data["head.w"]))
            x = self._op("Add", x, self._const("head.b", self._data["head.b"]))
        back = self._op(
            "Concat", self._op("Shape", "mask"), self._const("-1", np.array([-1])), axis=0
        )
        self._nodes.append(helper.make_node("Reshape", [x, back], ["out"]))
        graph = helper.make_graph(
            self._nodes,
            "qarin_ar_ner_encoder",
            [
                helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", "t", hidden]),
                helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["n", "t"]),
            ],
            [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["n", "t", None])],
            self._inits,
        )
        return _serialise(graph)

    def _layer(self, x: str, mask: str, p: str, hidden: int) -> str:
        hd = hidden // self._heads
        qkv = self._op("Reshape", self._qmatmul(x, p, ("q", "k", "v")), self._heads_shape)
        qkv = self._op("Transpose", qkv, perm=[2, 0, 3, 1, 4])  # (3, n, heads, t, hd)
        first = self._const("first", np.array([0]))
        q, k, v = (
            self._op("Squeeze", part, first)
            for part in self._ops("Split", qkv, outputs=3, axis=0, num_outputs=3)
        )
        scores = self._op("MatMul", q, self._op("Transpose", k, perm=[0, 1, 3, 2]))
        scale = self._const("attention_scale", np.array(1 / math.sqrt(hd), np.float32))
        scores = self._op("Add", self._op("Mul", scores, scale), mask)
        ctx = self._op("MatMul", self._op("Softmax", scores, axis=-1), v)
        ctx = self._op("Transpose", ctx, perm=[0, 2, 1, 3])
        ctx = self._op("Reshape", ctx, self._const("rows", np.array([-1, hidden])))
        x = self._norm(self._op("Add", x, self._qmatmul(ctx, p, ("ao",))), f"{p}.aln")
        mid = self._op("Gelu", self._qmatmul(x, p, ("fi",)), approximate="tanh")
        return self._norm(self._op("Add", x, self._qmatmul(mid, p, ("fo",))), f"{p}.oln")

    def _qmatmul(self, x: str, p: str, names: tuple[str, ...]) -> str:
        """x @ W + b with W int8 and one scale per output column (q, k, v side by side).

        Each row of x (one piece) is quantised to 8 bits on its own scale, so a piece reads the
        same whatever else is in the batch, and an outlier in one row costs no other row its
        precision (onnxruntime's one scale per matrix lost 0.012 F1 on the dev block)."""
        d = self._data
        key = f"{p}.{names[0]}"
        w = np.concatenate([d[f"{p}.{n}.w"] for n in names], axis=1).astype(np.int16)
        if self._signed:
            weights, weights_zero = w.astype(np.int8), np.array(0, np.int8)
        else:
            weights, weights_zero = (w + 128).astype(np.uint8), np.array(128, np.uint8)
        top = self._op(
            "ReduceMax", self._op("Abs", x), self._const("-1", np.array([-1])), keepdims=0
        )
        row_scale = self._op(
            "Max",
            self._op("Div", top, self._const("127", np.array(127.0))),
            self._const("tiny", np.array(1e-12)),
        )
        # Symmetric in [-127, 127], stored unsigned around 128 (one zero point per row).
        zero = self._op(
            "Expand", self._const("128s", np.array([128], np.uint8)), self._op("Shape", row_scale)
        )
        quantised = self._op("QuantizeLinear", x, row_scale, zero, axis=0)
        products = self._op(
            "MatMulInteger",
            quantised,
            self._const(f"{key}.w", weights),
            self._const("128", np.array(128, np.uint8)),
            self._const(f"{key}.w_zero", weights_zero),
        )
        scale = np.concatenate([d[f"{p}.{n}.w.scale"] for n in names])
        out = self._op(
            "Mul", self._op("Cast", products, to=_FLOAT), self._const(f"{key}.scale", scale)
        )
        out = self._op(
            "Mul", out, self._op("Unsqueeze", row_scale, self._const("-1", np.array([-1])))
        )
        bias = np.concatenate([d[f"{p}.{n}.b"] for n in names])
        return self._op("Add", out, self._const(f"{key}.b", bias))

    def _norm(self, x: str, key: str) -> str:
        weight = self._const(f"{key}.w", self._data[f"{key}.w"])
        bias = self._const(f"{key}.b", self._data[f"{key}.b"])
        return self._op("LayerNormalization", x, weight, bias, axis=-1, epsilon=self._eps)

    def _const(self, name: str, value: np.ndarray) -> str:
        """An initialiser; one of that name already added (a shared constant) is reused."""
        from onnx import numpy_helper

        if name in self._names:
            return name
        self._names.add(name)
        if value.dtype.kind == "f":
            value = value.astype(np.float32)
        elif value.dtype.kind == "i" and value.dtype != np.int8:
            value = value.astype(np.int64)
        self._inits.append(numpy_helper.from_array(value, name))
        return name

    def _op(self, op: str, *inputs: str, **attrs: Any) -> str:
        return self._ops(op, *inputs, outputs=1, **attrs)[0]

    def _ops(self, op: str, *inputs: str, outputs: int, **attrs: Any) -> list[str]:
        from onnx import helper

        names = [f"n{len(self._nodes)}.{k}" for k in range(outputs)]
        self._nodes.append(helper.make_node(op, list(inputs), names, **attrs))
        return names
