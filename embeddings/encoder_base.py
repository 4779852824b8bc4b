"""The encoder interface and the batching both backends share (``encoder.py`` runs torch,
``onnx_encoder.py`` ONNX Runtime; :func:`plankg.embeddings.encoder.load_encoder` picks one).

It sits below both backend modules, so the factory can import the ONNX backend at its top.
"""
from __future__ import annotations

import contextlib
import logging
import os
from typing import TYPE_CHECKING

from plankg.embeddings.model import ModelInfo

if TYPE_CHECKING:
    import numpy as np


class Encoder:
    """Turns texts into unit vectors.

    Attributes:
        info: The model folder's description.
        name: Model name (folder name, e.g. ``m3e-small``).
        backend: ``torch`` | ``onnx`` | ``onnx-int8``.
        dim: Vector size.
    """

    def __init__(self, info: ModelInfo, backend: str) -> None:
        self.info = info
        self.name = info.name
        self.backend = backend
        self.dim = info.dim

    @property
    def key(self) -> str:
        """Identity of the vector space: vectors with different keys are never mixed."""
        key = f"{self.name}@{self.info.fingerprint}:{self.backend}"
        if self.backend == "onnx-int8":
            key += ":per-channel:one-per-run"  # the quantisation scheme and its runs change the vectors
        if self.info.truncated_to:
            key += f":{self.info.truncated_to}tok"
        return key

    @property
    def model_path(self) -> str | None:
        """The model folder when it was chosen by a setting; None for the bundled model."""
        return str(self.info.path) if self.info.overridden else None

    def load(self) -> Encoder:
        """Load the model now (it otherwise loads on the first ``encode``); returns self."""
        return self

    def encode(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of L2-normalised vectors."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key})"


#: A batch stops growing when padding would make it this much larger than its real tokens.
PADDING_SLACK = 1.3


def length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Group item indices into batches of similar length, longest first.

    Items are sorted by length (as sentence-transformers does); a batch also ends early when
    padding everything to its longest item would waste more than :data:`PADDING_SLACK`, so a few
    512-token table rows do not make 31 short clauses pay for their length.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    batch: list[int] = []
    real = 0
    for i in order:
        width = lengths[batch[0]] if batch else lengths[i]
        if batch and (len(batch) >= batch_size or (len(batch) + 1) * width > PADDING_SLACK * (real + lengths[i])):
            batches.append(batch)
            batch, real = [], 0
        batch.append(i)
        real += lengths[i]
    if batch:
        batches.append(batch)
    return batches


def with_progress(batches: list[list[int]], show: bool):
    """The batches, wrapped in a progress bar when ``show``."""
    if not show:
        return batches
    from tqdm.auto import tqdm

    return tqdm(batches, desc="encode", unit="batch")


@contextlib.contextmanager
def quiet_loading():
    """Silence weight-loading progress bars and the 'creating mean pooling' notice."""
    names = ("sentence_transformers", "transformers")
    saved = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.ERROR)
    previous = os.environ.get("HF_HUB_DISABLE_PROGRESS_BARS")
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    try:
        with contextlib.suppress(ImportError):
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
        if previous is None:
            os.environ.pop("HF_HUB_DISABLE_PROGRESS_BARS", None)
        else:
            os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = previous
