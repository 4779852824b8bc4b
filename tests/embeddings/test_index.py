"""Building the index: content-hash vector cache, removals, persistence (fake encoder)."""
from __future__ import annotations

import dataclasses
import gzip
import json
import shutil

import numpy as np
import pytest

from plankg.embeddings import build_index, store
from plankg.embeddings.index import search_text
from plankg.embeddings.tokens import JIEBA_CACHE_FILE, USERDICT_FILE

from .conftest import FakeEncoder, make_corpus


def test_every_clause_kind_is_indexed(built_index, small_corpus):
    rows = store.read_rows(built_index)
    assert [r.id for r in rows] == [c.id for c in small_corpus.clauses]
    assert {r.kind for r in rows} == {"heading", "item", "sentence", "table_row"}
    assert store.read_vectors(built_index).shape == (len(rows), 32)
    targets = {r.id for r in rows if r.has_target}
    # has_target means targets: a clause holding only achievements is not one of them.
    assert targets == {t.clause_id for t in small_corpus.targets if t.kind == "target"}


def test_has_target_means_targets_not_achievements(new_dir, fake_encoder, small_corpus):
    first, *rest = small_corpus.targets
    reported = dataclasses.replace(first, kind="achievement")
    corpus = dataclasses.replace(small_corpus, targets=(reported, *rest))
    folder = new_dir("ix-achievement")
    build_index(corpus, folder, encoder=fake_encoder, progress=False)
    rows = {r.id: r for r in store.read_rows(folder)}
    assert not rows[reported.clause_id].has_target or reported.clause_id in {t.clause_id for t in rest}
    assert all(rows[t.clause_id].has_target for t in rest)


def test_report_counts_and_cold_build_embeds_each_text_once(new_dir, fake_encoder, small_corpus):
    report = build_index(small_corpus, new_dir("ix"), encoder=fake_encoder, progress=False)
    assert report["clauses"] == len(small_corpus.clauses)
    assert report["embedded"] == report["clauses"] and report["reused"] == 0
    assert report["seconds"] >= 0 and report["ann"] == "flat"
    # two clauses share one text: it is encoded once
    assert len(fake_encoder.encoded) == len({search_text(c) for c in small_corpus.clauses})


def test_warm_rebuild_with_no_change_embeds_nothing(built_index, new_dir, small_corpus):
    encoder = FakeEncoder()
    out = new_dir("next")
    report = build_index(small_corpus, out, previous_dir=built_index, encoder=encoder, progress=False)
    assert report["embedded"] == 0 and report["reused"] == len(small_corpus.clauses)
    assert encoder.encoded == []
    assert np.array_equal(store.read_vectors(out), store.read_vectors(built_index))


def test_rebuild_in_place_reuses_its_own_vectors(built_index, small_corpus):
    encoder = FakeEncoder()
    report = build_index(small_corpus, built_index, previous_dir=built_index, encoder=encoder, progress=False)
    assert report["embedded"] == 0
    assert len(store.read_rows(built_index)) == len(small_corpus.clauses)


def test_changed_clause_is_the_only_one_embedded(built_index, new_dir):
    edited = make_corpus(edit=("成功举办创新创业大赛。", "成功举办第二届创新创业大赛。"))
    encoder = FakeEncoder()
    report = build_index(edited, new_dir("next"), previous_dir=built_index, encoder=encoder, progress=False)
    assert encoder.encoded == ["成功举办第二届创新创业大赛。"]
    assert report["embedded"] == 1 and report["reused"] == report["clauses"] - 1


def test_removed_document_drops_its_vectors(built_index, new_dir, small_corpus):
    smaller = make_corpus(drop="doc-ra")
    encoder = FakeEncoder()
    out = new_dir("next")
    report = build_index(smaller, out, previous_dir=built_index, encoder=encoder, progress=False)
    rows = store.read_rows(out)
    assert report["embedded"] == 0
    assert all(r.doc_id != "doc-ra" for r in rows)
    assert store.read_vectors(out).shape[0] == len(rows) == len(smaller.clauses)
    assert [d.id for d in store.read_documents(out)] == ["doc-wz", "doc-lq"]


def test_another_encoder_does_not_reuse_vectors(built_index, new_dir, small_corpus):
    other = FakeEncoder(name="another-model")
    report = build_index(small_corpus, new_dir("next"), previous_dir=built_index, encoder=other, progress=False)
    assert report["reused"] == 0


def test_unusable_previous_folder_means_a_cold_build(new_dir, small_corpus):
    report = build_index(small_corpus, new_dir("new"), previous_dir=new_dir("old"),
                         encoder=FakeEncoder(), progress=False)
    assert report["embedded"] == report["clauses"]


def test_index_files_are_json_and_numpy_only(built_index):
    names = {p.name for p in built_index.iterdir()}
    assert {"meta.json", "clauses.jsonl.gz", "documents.json", "vectors.npy", USERDICT_FILE, JIEBA_CACHE_FILE} <= names
    assert not any(n.endswith((".pkl", ".pickle")) for n in names)
    for path in built_index.glob("*.npy"):
        np.load(path, allow_pickle=False)
    meta = json.loads((built_index / "meta.json").read_text(encoding="utf-8"))
    assert meta["encoder"]["key"] == FakeEncoder().key and meta["rows"] == 12
    assert "科技特派员" in (built_index / USERDICT_FILE).read_text(encoding="utf-8").split()
    assert "高层次人才团队" in (built_index / USERDICT_FILE).read_text(encoding="utf-8").split()


def test_clause_rows_are_compressed_and_an_older_plain_file_is_still_read(built_index, tmp_path):
    rows = store.read_rows(built_index)
    with gzip.open(built_index / store.CLAUSES_FILE, "rt", encoding="utf-8") as fh:
        plain = fh.read()
    assert plain == "".join(row.to_json() + "\n" for row in rows)
    assert (built_index / store.CLAUSES_FILE).stat().st_size < len(plain.encode("utf-8")) / 2
    older = tmp_path / "older"
    shutil.copytree(built_index, older)
    (older / store.CLAUSES_FILE).unlink()
    (older / store.LEGACY_CLAUSES_FILE).write_text(plain, encoding="utf-8")
    assert store.read_rows(older) == rows


def test_table_rows_are_represented_by_their_cell_values(small_corpus):
    row = next(c for c in small_corpus.clauses if c.kind == "table_row")
    assert search_text(row) == "科技金融；推动企业融资；金融办"  # the bare number 7 is left out


def test_progress_bar_reports_clauses_per_second(new_dir, small_corpus, capsys):
    build_index(small_corpus, new_dir("ix"), encoder=FakeEncoder(), progress=True)
    assert "clause/s" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_approximate_index_persists(tmp_path, kind):
    from plankg.embeddings.ann import build_ann, load_ann

    rng = np.random.default_rng(0)
    centers = rng.standard_normal((20, 16))
    vectors = centers[rng.integers(0, 20, 2000)] + 0.1 * rng.standard_normal((2000, 16))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    index = build_ann(vectors, kind)
    spec = index.save(tmp_path)
    loaded = load_ann(tmp_path, spec, vectors)
    exact = build_ann(vectors, "flat")
    queries = vectors[:50]
    _, got = loaded.search(queries, 10)
    _, want = exact.search(queries, 10)
    recall = np.mean([len(set(g) & set(w)) / 10 for g, w in zip(got, want)])
    assert loaded.kind == kind and recall > 0.9
    allowed = np.arange(0, 2000, 2)
    _, filtered = loaded.search(queries, 10, allowed)
    assert set(filtered[filtered >= 0].ravel()) <= set(allowed)


def test_choose_kind_switches_above_the_limit():
    from plankg.embeddings.ann import FLAT_LIMIT, choose_kind

    assert choose_kind(FLAT_LIMIT - 1) == "flat" and choose_kind(FLAT_LIMIT) != "flat"


def test_build_reports_counts_to_a_callback(small_corpus, fake_encoder, new_dir):
    """A build told where to report gets (embedded, total) after each chunk, ending at the total."""
    calls: list[tuple[int, int]] = []
    report = build_index(small_corpus, new_dir("counted"), encoder=fake_encoder, progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, report["embedded"])
    assert calls[-1] == (report["embedded"], report["embedded"])
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_vectors_are_written_in_place_row_by_row(new_dir, small_corpus):
    out = new_dir("ix")
    build_index(small_corpus, out, encoder=FakeEncoder(), progress=False)
    vectors = store.read_vectors(out)
    texts = [search_text(c) for c in small_corpus.clauses if c.text.strip()]
    # Each row holds its own text's vector (the chunks were put back in clause order), stored as
    # float16 and read back as float32 ...
    assert np.load(out / store.VECTORS_FILE, mmap_mode="r").dtype == np.float16 and vectors.dtype == np.float32
    expected = FakeEncoder().encode(texts)
    assert np.array_equal(vectors, expected.astype(np.float16).astype(np.float32))
    assert np.allclose(vectors, expected, atol=1e-3)
    # ... and the build leaves only finished files (no temporary .npy, no exact index file).
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp") or p.name == "ann.faiss"]


def test_the_approximate_index_keeps_int8_codes(tmp_path):
    from plankg.embeddings.ann import ANN_FILE, build_ann

    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((4000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    build_ann(vectors, "ivf").save(tmp_path)
    # A byte per dimension, not four: the file is well under the float32 matrix's size.
    assert (tmp_path / ANN_FILE).stat().st_size < vectors.nbytes / 3


def test_an_ivf_index_from_a_memory_map_equals_one_from_memory(tmp_path, monkeypatch):
    """The IVF build reads a mapped matrix in chunks and drops its pages as it goes: same index."""
    import faiss

    from plankg.embeddings import ann

    monkeypatch.setattr(ann, "_SAMPLE_CHUNK", 7)  # many chunks, each followed by a page drop
    monkeypatch.setattr(ann, "ADD_CHUNK", 50)
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((600, 16)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    np.save(tmp_path / "v.npy", matrix)
    mapped = np.load(tmp_path / "v.npy", mmap_mode="r")
    from_map = ann.build_ann(mapped, "ivf")
    from_memory = ann.build_ann(matrix, "ivf")
    assert from_map.index.ntotal == 600
    assert bytes(faiss.serialize_index(from_map.index)) == bytes(faiss.serialize_index(from_memory.index))
    assert np.array_equal(mapped[123], matrix[123])  # dropped pages read again from the file


def test_repeated_texts_keep_one_vector_and_every_row_reads_its_own(new_dir, small_corpus):
    """vectors.npy holds each distinct text's vector once; each row finds its own through
    vector_rows.npy, in memory and through the map, as the per-row matrix did."""
    out = new_dir("distinct")
    clauses = tuple(small_corpus.clauses)
    copy = dataclasses.replace(clauses[1], id=clauses[1].id + "-again")
    corpus = dataclasses.replace(small_corpus, clauses=(*clauses, copy))
    build_index(corpus, out, encoder=FakeEncoder(), progress=False)
    texts = [search_text(c) for c in corpus.clauses if c.text.strip()]
    assert len(set(texts)) == len(texts) - 1
    assert np.load(out / store.VECTORS_FILE).shape == (len(set(texts)), 32)
    expected = FakeEncoder().encode(texts)
    in_memory = store.read_vectors(out)
    mapped = store.read_vectors(out, mmap=True)
    assert isinstance(in_memory, np.ndarray) and in_memory.shape == (len(texts), 32)
    assert np.array_equal(in_memory, expected.astype(np.float16).astype(np.float32))
    assert np.array_equal(np.asarray(mapped), in_memory) and np.array_equal(mapped[3], in_memory[3])
    assert np.array_equal(mapped[2:5], in_memory[2:5]) and np.array_equal(in_memory[-1], in_memory[1])


def test_an_index_with_one_vector_a_row_is_still_read(built_index, tmp_path):
    """Indexes built before the distinct table (no vector_rows.npy) read and search as before."""
    old = tmp_path / "old"
    shutil.copytree(built_index, old)
    per_row = store.read_vectors(built_index)
    (old / store.VECTOR_ROWS_FILE).unlink()
    np.save(old / store.VECTORS_FILE, per_row)
    assert np.array_equal(store.read_vectors(old), per_row)
    assert np.array_equal(np.asarray(store.read_vectors(old, mmap=True)), per_row)


def test_an_ivf_index_from_distinct_vectors_equals_one_from_the_rows(tmp_path):
    """The IVF build reads the rows through the distinct table: same index as from the full matrix."""
    import faiss

    from plankg.embeddings import ann

    rng = np.random.default_rng(5)
    distinct = rng.standard_normal((300, 16)).astype(np.float32)
    distinct /= np.linalg.norm(distinct, axis=1, keepdims=True)
    row_map = rng.integers(0, 300, 700)
    np.save(tmp_path / "d.npy", distinct)
    rows = store.RowVectors(np.load(tmp_path / "d.npy", mmap_mode="r"), row_map)
    from_rows = ann.build_ann(rows, "ivf")  # type: ignore[arg-type]
    from_matrix = ann.build_ann(distinct[row_map], "ivf")
    assert bytes(faiss.serialize_index(from_rows.index)) == bytes(faiss.serialize_index(from_matrix.index))
