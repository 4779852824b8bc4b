"""Export the transformer of a sentence-transformers model to ONNX once, and quantise it.

The export (``torch.onnx.export``, TorchScript exporter) covers the transformer only; pooling and
normalisation run in NumPy exactly as sentence-transformers does them. Files are cached under a
folder named after the model and its fingerprint, written to a temporary name and renamed, so a
half-written file is never used.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from plankg.embeddings.encoder_base import quiet_loading
from plankg.embeddings.errors import SearchError
from plankg.embeddings.model import ModelInfo
from plankg.embeddings.onnx_runtime import import_onnxruntime

INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
#: Largest absolute difference of token states tolerated between torch and the exported graph.
EXPORT_TOLERANCE = 1e-3
_CHECK_TEXTS = ["科技", "推进科技特派员制度，开展一对一服务。", "孵化器" * 40, "x"]


def onnx_cache_dir(cache_root: Path, info: ModelInfo) -> Path:
    """Folder holding the exported files of one model version."""
    return Path(cache_root) / f"{info.name}-{info.fingerprint}"


def ensure_onnx(info: ModelInfo, cache_root: Path, quantized: bool = False) -> Path:
    """Return the cached ONNX file for ``info``, exporting (and quantising) it on first use.

    Raises:
        SearchError: The model cannot be exported (not BERT-like, or the export does not
            reproduce torch's output).
    """
    folder = onnx_cache_dir(cache_root, info)
    fp32_path = folder / "model.onnx"
    if not fp32_path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(fp32_path, lambda tmp: export_onnx(info, tmp))
    if not quantized:
        return fp32_path
    int8_path = folder / "model-int8-per-channel-7bit.onnx"
    if not int8_path.is_file():
        _atomic_write(int8_path, lambda tmp: quantize_onnx(fp32_path, tmp))
    return int8_path


def _atomic_write(target: Path, write) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=target.stem + ".", suffix=".tmp.onnx", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def export_onnx(info: ModelInfo, out_path: Path) -> None:
    """Export the transformer at ``info.path`` to ``out_path`` (fp32, dynamic batch and length).

    The graph is checked against torch on texts of several lengths before it is accepted.
    """
    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    try:
        with quiet_loading():
            model = AutoModel.from_pretrained(str(info.path), attn_implementation="eager")
    except Exception as exc:  # noqa: BLE001 - any load failure means "cannot export"
        raise SearchError(f"onnx export: cannot load {info.path}: {exc}") from None
    if not (hasattr(model, "embeddings") and hasattr(model, "encoder")):
        raise SearchError(f"onnx export: {info.path} is not a BERT-like encoder; use the torch backend")
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(info.path))
    wrapper = _token_states_module(model)
    check = tokenizer(_CHECK_TEXTS, padding=True, truncation=True, max_length=info.max_seq_length,
                      return_tensors="pt")
    check_inputs = tuple(check[name] for name in INPUT_NAMES)
    with torch.no_grad():
        # Reference first: the legacy exporter may leave the module in a state that differs.
        expected = wrapper(*check_inputs).numpy()
        example = tokenizer(["你好", "科技特派员制度"], padding=True, return_tensors="pt")
        dynamic = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, "token_states")}
        torch.onnx.export(
            wrapper,
            tuple(example[name] for name in INPUT_NAMES),
            str(out_path),
            input_names=list(INPUT_NAMES),
            output_names=["token_states"],
            dynamic_axes=dynamic,
            opset_version=OPSET,
            dynamo=False,
        )
    got = _run_onnx(out_path, {name: check[name].numpy() for name in INPUT_NAMES})
    mask = check["attention_mask"].numpy().astype(bool)
    error = float(np.abs(got - expected)[mask].max())
    if not error < EXPORT_TOLERANCE:
        raise SearchError(f"onnx export: {info.path} exported with error {error:.2e}; use the torch backend")


def _run_onnx(path: Path, feeds: dict):
    import numpy as np

    ort = import_onnxruntime()

    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {k: v.astype(np.int64) for k, v in feeds.items()})[0]


def quantize_onnx(fp32_path: Path, out_path: Path) -> None:
    """Dynamic int8 quantisation, one scale per output channel (activations quantised at run time).

    Per-channel scales keep small-range channels apart: cosine to fp32 0.997 (min 0.994) on the
    bundled clauses, where one scale per tensor gave 0.989 (min 0.983).
    """
    import_onnxruntime()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # quantize_dynamic logs a pre-processing suggestion through the root logger; it does not apply.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        # reduce_range (7-bit weights): 8-bit per-channel weights overflow the u8*s8 integer
        # kernels of CPUs without VNNI (cosine to fp32 fell to 0.75 here; 0.997 with it).
        quantize_dynamic(str(fp32_path), str(out_path), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True)
    finally:
        root.setLevel(level)


def _token_states_module(model):
    import torch

    class TokenStates(torch.nn.Module):
        """Embeddings + encoder with an explicit additive mask, so every shape is traced dynamically."""

        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            positions = torch.cumsum(torch.ones_like(input_ids), dim=1) - 1
            hidden = self.inner.embeddings(
                input_ids=input_ids, token_type_ids=token_type_ids, position_ids=positions
            )
            additive = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
            out = self.inner.encoder(hidden, attention_mask=additive)
            return out[0] if isinstance(out, tuple) else out.last_hidden_state

    return TokenStates(model)

