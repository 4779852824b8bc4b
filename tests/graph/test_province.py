"""Regions hang under the province the gazetteer gives, not a fixed one."""
from __future__ import annotations

from rdflib import Literal

from plankg.graph.build import build_graph, corpus_province
from plankg.ingest import read_corpus


def test_a_plan_from_another_province(tmp_path):
    plan = tmp_path / "suzhou.txt"
    plan.write_text("苏州市科技局2024年工作要点\n一、目标\n苏州全市新增高新技术企业800家。苏州将持续推进。\n", encoding="utf-8")
    corpus = read_corpus([plan])
    assert corpus.documents[0].region == "苏州市"
    assert corpus_province(corpus) == "江苏省"
    labels = {str(o) for o in build_graph(corpus, vocabulary=False).objects() if isinstance(o, Literal)}
    assert "江苏省" in labels and "浙江省" not in labels
