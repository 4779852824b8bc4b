"""N-Triples written from sorted runs on disk are byte-identical to one in-memory sort."""
from __future__ import annotations

from pathlib import Path

from plankg.graph.workspace import write_ntriples
from plankg.ingest.pipeline import read_corpus


def test_sorted_runs_give_the_same_bytes(tmp_path: Path):
    plan = tmp_path / "plan.txt"
    plan.write_text("庚市科技局2024年工作要点\n\n一、到2025年，全市高新技术企业达到450家。\n"
                    "二、到2025年，全市研发投入强度达到2.9%。\n", "utf-8")
    corpus = read_corpus([plan])
    whole = write_ntriples(corpus, tmp_path / "whole.nt", run_lines=10**9)
    runs = write_ntriples(corpus, tmp_path / "runs.nt", run_lines=50)
    assert whole == runs > 200
    data = (tmp_path / "runs.nt").read_bytes()
    assert data == (tmp_path / "whole.nt").read_bytes()
    lines = data.decode("utf-8").splitlines()
    assert lines == sorted(set(lines)) and not [p for p in tmp_path.iterdir() if p.name.startswith(".nt-runs-")]
