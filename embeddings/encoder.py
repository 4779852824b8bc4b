"""Sentence encoders: sentence-transformers on torch, or the same model exported to ONNX Runtime
(``onnx_encoder.py``), chosen by :func:`load_encoder`.

Every backend returns float32, L2-normalised vectors (mean pooling as the model defines it), so
inner product is cosine similarity. Models load lazily on the first ``encode`` call: ``name``,
``backend`` and ``key`` are known without loading anything, which lets a warm index rebuild
skip the model entirely.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from plankg.embeddings.encoder_base import Encoder, length_batches, quiet_loading, with_progress
from plankg.embeddings.errors import SearchError
from plankg.embeddings.model import ModelInfo, resolve_model, with_max_tokens
from plankg.embeddings.onnx_encoder import OnnxEncoder

if TYPE_CHECKING:
    import numpy as np


class EncoderSettings(Protocol):
    """What the encoder needs from the workspace settings (``plankg.settings.Settings`` has it)."""

    home: Path
    model_path: str | None
    encoder_backend: str


BACKENDS = ("torch", "onnx", "onnx-int8")
#: Backend that ``auto`` picks: per-channel int8 (7-bit weights) of the ONNX export. On the bundled
#: corpus, 2 cores, it runs at 2.8-3.1x plain sentence-transformers with cosine 0.997 (min 0.992) to
#: torch's vectors; it changes the exact dense top-5 of 6 of the 20 agreement queries, but search
#: quality holds on the paraphrase and held-out query sets (hit@3 32/32 against fp32's 31/32, held-out
#: 12/12 for both, ``benchmarks/search_quality.py``) and the measure-matching threshold keeps its F1.
#: ``onnx`` (fp32, torch's vectors exactly) remains a setting away.
AUTO_BACKEND = "onnx-int8"
#: Clauses are cut to this many tokens (rankings unchanged on the fixed query set; see benchmarks/).
DEFAULT_MAX_TOKENS = 256
MODELS_SUBDIR = "models"


class TorchEncoder(Encoder):
    """sentence-transformers on the CPU, fed batches of similar length (:func:`length_batches`)."""

    def __init__(self, info: ModelInfo) -> None:
        super().__init__(info, "torch")
        self._model = None

    def load(self) -> TorchEncoder:
        if self._model is None:
            with quiet_loading():
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(self.info.path), device="cpu")
                self._model.max_seq_length = self.info.max_seq_length
            # A model with a Dense head outputs another size than its transformer's hidden size.
            size_of = (getattr(self._model, "get_embedding_dimension", None)
                       or getattr(self._model, "get_sentence_embedding_dimension", lambda: None))
            size = size_of()
            self.dim = int(size) if size else self.dim
        return self

    @property
    def model(self):
        """The underlying ``SentenceTransformer``."""
        return self.load()._model

    def encode(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self.model
        # Characters stand in for tokens (one per CJK character); each group is one batch.
        batches = length_batches([len(t) for t in texts], batch_size)
        for batch in with_progress(batches, progress):
            out[batch] = model.encode([texts[i] for i in batch], batch_size=len(batch), convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False)
        return out


def onnx_available() -> bool:
    """True when onnxruntime can be imported (checked without importing it)."""
    return importlib.util.find_spec("onnxruntime") is not None


def resolve_backend(requested: str, info: ModelInfo) -> str:
    """Turn ``auto`` into a concrete backend; ONNX falls back to torch when it cannot run.

    Raises:
        SearchError: ``requested`` is not a known backend.
    """
    if requested not in ("auto", *BACKENDS):
        raise SearchError(f"encoder backend {requested!r}: unknown; choose auto, {', '.join(BACKENDS)}")
    backend = AUTO_BACKEND if requested == "auto" else requested
    if backend.startswith("onnx") and (not onnx_available() or info.pooling is None):
        return "torch"
    return backend


def load_encoder(settings: EncoderSettings | None = None, backend: str = "auto",
                 model_path: str | Path | None = None) -> Encoder:
    """Return an encoder for the configured model (loaded lazily).

    Args:
        settings: Workspace settings: model path override, backend preference, token limit and the
            per-user cache folder whose ``models/`` holds ONNX exports (one export per machine and
            model version, shared by every workspace). None: the bundled model, the ``auto``
            backend, 256 tokens and ``~/.cache/plankg``.
        backend: ``torch`` | ``onnx`` | ``onnx-int8``, or ``auto`` to use the settings' choice
            (itself ``auto`` by default, meaning :data:`AUTO_BACKEND`, torch if onnxruntime is missing).
        model_path: Model folder; overrides the settings.

    Raises:
        SearchError: Unknown backend, or the model folder is missing (the message says how to
            install it).
    """
    configured_model = settings.model_path if settings is not None else None
    max_tokens = getattr(settings, "max_tokens", DEFAULT_MAX_TOKENS) if settings is not None else DEFAULT_MAX_TOKENS
    info = with_max_tokens(resolve_model(model_path if model_path is not None else configured_model), max_tokens)
    configured_backend = settings.encoder_backend if settings is not None else "auto"
    requested = configured_backend if backend == "auto" else backend
    chosen = resolve_backend(requested, info)
    if chosen == "torch":
        return TorchEncoder(info)
    cache_dir = getattr(settings, "cache_dir", None) if settings is not None else None
    cache_root = Path(cache_dir) if cache_dir else Path.home() / ".cache" / "plankg"

    return OnnxEncoder(info, cache_root / MODELS_SUBDIR, quantized=chosen == "onnx-int8")
