"""The sentence encoder in ONNX Runtime: the exported transformer, with tokenisation, pooling and
normalisation in NumPy, one single-threaded run per core."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.embeddings.encoder_base import Encoder, length_batches, quiet_loading, with_progress
from plankg.embeddings.model import ModelInfo
from plankg.embeddings.onnx_export import ensure_onnx
from plankg.embeddings.onnx_runtime import import_onnxruntime

if TYPE_CHECKING:
    import numpy as np


class OnnxEncoder(Encoder):
    """The exported transformer in ONNX Runtime; tokenisation, pooling and normalisation in NumPy."""

    def __init__(self, info: ModelInfo, cache_root: Path, quantized: bool = False) -> None:
        super().__init__(info, "onnx-int8" if quantized else "onnx")
        self.cache_root = Path(cache_root)
        self.quantized = quantized
        self._session = None
        self._tokenizer = None

    def load(self) -> OnnxEncoder:
        if self._session is None:

            ort = import_onnxruntime()
            path = ensure_onnx(self.info, self.cache_root, quantized=self.quantized)
            options = ort.SessionOptions()
            # One thread per run: concurrent queries each take one core instead of fighting over
            # all of them; a build runs one batch per core in parallel instead (``encode``).
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            self._tokenizer = _load_tokenizer(self.info)
            self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        return self

    def encode(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        self.load()
        token_ids = self._tokenizer(list(texts))
        batches = length_batches([len(ids) for ids in token_ids], batch_size)

        def run(batch: list[int]) -> None:
            if self.quantized:
                # int8 quantises activations with one scale per run, so a text's vector would
                # depend on the texts beside it; one text per run keeps it the text's own (and
                # saves the padding: less CPU than batching, measured in benchmarks/).
                for i in batch:
                    run_rows([i])
            else:
                run_rows(batch)

        def run_rows(batch: list[int]) -> None:
            width = max(len(token_ids[i]) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(token_ids[i])] = token_ids[i]
                mask[row, : len(token_ids[i])] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            states = self._session.run(None, feeds)[0]
            out[batch] = _pool(states, mask, self.info.pooling or "mean")

        workers = min(len(batches), os.cpu_count() or 1)
        if workers <= 1:
            for batch in with_progress(batches, progress):
                run(batch)
            return out

        # ONNX Runtime releases the GIL: one single-threaded run per core keeps every core busy
        # without the synchronisation cost of splitting each matrix product across threads.
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(run, batches))
        return out


def _pool(states: np.ndarray, mask: np.ndarray, pooling: str) -> np.ndarray:
    """Pool token states like sentence-transformers' ``Pooling``, then L2-normalise."""
    import numpy as np

    if pooling == "cls":
        pooled = states[:, 0, :]
    else:
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


def _load_tokenizer(info: ModelInfo):
    """Return a function texts -> token id lists (with special tokens, truncated like the model)."""
    tokenizer_file = info.path / "tokenizer.json"
    if tokenizer_file.is_file():
        from tokenizers import Tokenizer

        fast = Tokenizer.from_file(str(tokenizer_file))
        fast.enable_truncation(max_length=info.max_seq_length)
        fast.no_padding()
        return lambda texts: [enc.ids for enc in fast.encode_batch(texts)]
    with quiet_loading():
        from transformers import AutoTokenizer

        slow = AutoTokenizer.from_pretrained(str(info.path))
    return lambda texts: slow(texts, truncation=True, max_length=info.max_seq_length)["input_ids"]
