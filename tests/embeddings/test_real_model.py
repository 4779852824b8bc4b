"""The real m3e-small model: ONNX equals torch, paraphrases find their clause, the CLI end to end."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from plankg.embeddings import AUTO_BACKEND, Searcher, build_index, load_encoder
from plankg.embeddings.index import search_text

pytestmark = pytest.mark.slow

AGREEMENT_QUERIES = [
    line.strip() for line in (Path(__file__).with_name("agreement_queries.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.fixture(scope="session")
def onnx_encoder(model_settings):
    encoder = load_encoder(model_settings, backend="onnx")
    if encoder.backend != "onnx":
        pytest.skip("onnxruntime is not installed")
    return encoder.load()


@pytest.fixture(scope="session")
def torch_index(tmp_path_factory, prose_corpus, torch_encoder) -> Path:
    out = tmp_path_factory.mktemp("torch") / "index"
    build_index(prose_corpus, out, encoder=torch_encoder, progress=False)
    return out


@pytest.fixture(scope="session")
def auto_index(tmp_path_factory, prose_corpus, auto_encoder) -> Path:
    out = tmp_path_factory.mktemp("auto") / "index"
    build_index(prose_corpus, out, encoder=auto_encoder, progress=False)
    return out


def test_onnx_vectors_equal_torch_vectors(corpus, torch_encoder, onnx_encoder):
    # short and long clauses, including the longest table rows (beyond the model's 512 tokens)
    texts = sorted({search_text(c) for c in corpus.clauses}, key=len)
    texts = texts[::25] + texts[-3:] + ["  前后有空格  ", "R&D经费", "x"]
    onnx_vectors = onnx_encoder.encode(texts)
    cosines = np.sum(torch_encoder.encode(texts) * onnx_vectors, axis=1)
    assert cosines.min() > 0.999
    assert np.allclose(np.linalg.norm(onnx_vectors, axis=1), 1.0, atol=1e-5)


@pytest.fixture(scope="session")
def onnx_index(tmp_path_factory, prose_corpus, onnx_encoder) -> Path:
    out = tmp_path_factory.mktemp("onnx") / "index"
    build_index(prose_corpus, out, encoder=onnx_encoder, progress=False)
    return out


def test_onnx_fp32_top5_equals_torch_top5(torch_index, onnx_index, torch_encoder, onnx_encoder):
    want = Searcher(torch_index, encoder=torch_encoder).search(AGREEMENT_QUERIES, k=5)
    got = Searcher(onnx_index, encoder=onnx_encoder).search(AGREEMENT_QUERIES, k=5)
    for query, expected, actual in zip(AGREEMENT_QUERIES, want, got):
        assert {h.clause_id for h in actual} == {h.clause_id for h in expected}, query


def test_default_int8_vectors_stay_close_to_torch_and_keep_most_top5(corpus, torch_index, auto_index,
                                                                     torch_encoder, auto_encoder):
    # int8 is the default because search quality holds (benchmarks/search_quality.py); exact top-5
    # agreement is not required, but the vectors and most rankings must stay those of the model
    assert auto_encoder.backend == AUTO_BACKEND == "onnx-int8"
    texts = sorted({search_text(c) for c in corpus.clauses}, key=len)[::25]
    cosines = np.sum(torch_encoder.encode(texts) * auto_encoder.encode(texts), axis=1)
    assert cosines.mean() > 0.99 and cosines.min() > 0.95
    want = Searcher(torch_index, encoder=torch_encoder).search(AGREEMENT_QUERIES, k=5)
    got = Searcher(auto_index, encoder=auto_encoder).search(AGREEMENT_QUERIES, k=5)
    overlap = [len({h.clause_id for h in a} & {h.clause_id for h in e}) / 5 for e, a in zip(want, got)]
    assert sum(overlap) / len(overlap) >= 0.8


@pytest.mark.parametrize("query, expected", [
    ("选派科技人员下基层服务", "科技特派员"),
    ("用专利作抵押获得贷款", "质押"),
    ("在外地设立研发基地", "飞地"),
    ("研发支出可以多抵扣税款", "加计扣除"),
])
def test_paraphrase_finds_the_clause(auto_index, auto_encoder, query, expected):
    hits = Searcher(auto_index, encoder=auto_encoder).search([query], k=3)[0]
    assert any(expected in h.text for h in hits), [h.text[:30] for h in hits]


def test_warm_rebuild_of_real_index_embeds_nothing(tmp_path, prose_corpus, auto_index, model_settings):
    encoder = load_encoder(model_settings)  # loads lazily: with nothing to embed it never loads
    report = build_index(prose_corpus, tmp_path / "index", previous_dir=auto_index, encoder=encoder, progress=False)
    assert report["embedded"] == 0 and report["reused"] == len(prose_corpus.clauses)


def test_cli_search_json_and_table(tmp_path, auto_index, model_settings, capsys):
    from plankg import cmd_search

    from .test_cli import parse

    shutil.copytree(auto_index, tmp_path / "index")
    if (model_settings.home / "models").is_dir():  # reuse the session's ONNX export
        shutil.copytree(model_settings.home / "models", tmp_path / "models")
    status = cmd_search.run(parse("科技特派员制度", "孵化器建设", "-k", "2", "--json", "--workspace", str(tmp_path)))
    results = json.loads(capsys.readouterr().out)
    assert status == 0 and len(results) == 2 and all(len(hits) == 2 for hits in results)
    assert {"doc", "clause_id", "text", "score", "section_path", "start", "end"} <= set(results[0][0])
    assert "科技特派员" in results[0][0]["text"] and "孵化" in results[1][0]["text"]

    status = cmd_search.run(parse("孵化器建设", "-k", "1", "--kind", "heading", "--workspace", str(tmp_path)))
    table = capsys.readouterr().out
    assert status == 0 and table.startswith("[1] 孵化器建设") and "[heading]" in table


def test_a_clause_vector_does_not_depend_on_the_clauses_encoded_with_it(corpus, auto_encoder):
    # int8 quantises activations per run: batching texts together would make each vector depend on
    # its neighbours, so rebuilds (incremental, on a cluster) would not reproduce a fresh build
    texts = sorted({search_text(c) for c in corpus.clauses}, key=len)[::40]
    together = auto_encoder.encode(texts)
    alone = np.vstack([auto_encoder.encode([t]) for t in texts])
    reordered = auto_encoder.encode(texts[::-1], batch_size=5)[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reordered)
