"""The records on disk: gzip-compressed JSON Lines that decompress to the plain files of before."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from plankg.record_files import (
    RECORD_FILES,
    RecordWriter,
    has_records,
    read_records,
    record_path,
    record_text,
    write_records,
)
from tests.graph.sample import make_corpus


def plain_lines(records) -> str:
    """What ``records/<kind>.jsonl`` held before the records were compressed."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records)


def test_records_round_trip_and_decompress_to_the_plain_json_lines(tmp_path: Path):
    corpus = make_corpus()
    write_records(corpus, tmp_path / "records")
    names = sorted(p.name for p in (tmp_path / "records").iterdir())
    assert names == sorted([*(f"{kind}.jsonl.gz" for kind in RECORD_FILES), "errors.json"])
    for kind in RECORD_FILES:
        assert record_text(tmp_path / "records", kind) == plain_lines(getattr(corpus, kind)), kind
        with gzip.open(record_path(tmp_path / "records", kind), "rt", encoding="utf-8") as fh:
            assert fh.read() == plain_lines(getattr(corpus, kind))
    back = read_records(tmp_path / "records")
    assert back == corpus
    # Plan text repeats: the compressed clauses are a fraction of the JSON Lines.
    clauses = record_path(tmp_path / "records", "clauses")
    assert clauses.stat().st_size < len(plain_lines(corpus.clauses).encode("utf-8")) / 3


def test_the_same_records_give_the_same_bytes(tmp_path: Path):
    corpus = make_corpus()
    write_records(corpus, tmp_path / "a")
    write_records(corpus, tmp_path / "b")
    for kind in RECORD_FILES:
        assert record_path(tmp_path / "a", kind).read_bytes() == record_path(tmp_path / "b", kind).read_bytes()


def test_an_older_build_with_plain_json_lines_is_still_read(tmp_path: Path):
    corpus = make_corpus()
    folder = tmp_path / "records"
    folder.mkdir()
    for kind in RECORD_FILES:
        (folder / f"{kind}.jsonl").write_text(plain_lines(getattr(corpus, kind)), encoding="utf-8")
    (folder / "errors.json").write_text("[]", encoding="utf-8")
    assert has_records(folder)
    assert read_records(folder) == corpus


def test_records_written_as_they_come_keep_their_order(tmp_path: Path):
    corpus = make_corpus()
    with RecordWriter(tmp_path / "records") as writer:
        for doc in corpus.documents:  # one document at a time, as a build reads them
            writer.add("documents", [doc])
            writer.add("clauses", [c for c in corpus.clauses if c.doc_id == doc.id])
        for kind in ("targets", "mentions", "entities"):
            writer.add(kind, getattr(corpus, kind))
    expected = [c for d in corpus.documents for c in corpus.clauses if c.doc_id == d.id]
    assert read_records(tmp_path / "records").clauses == tuple(expected)


def test_a_writer_that_fails_leaves_no_finished_records(tmp_path: Path):
    corpus = make_corpus()
    with pytest.raises(RuntimeError), RecordWriter(tmp_path / "records") as writer:
        writer.add("documents", corpus.documents)
        raise RuntimeError("the build failed")
    # errors.json is the last file a finished writer writes.
    assert not (tmp_path / "records" / "errors.json").exists()
