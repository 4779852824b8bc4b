"""One odd document never stops a build: generated text through the segmenter and the extractors."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankg.ingest.clauses import build_clauses
from plankg.ingest.extract import extract_document
from plankg.ingest.facts import ClauseContext, find_facts
from plankg.ingest.metadata import detect_metadata
from plankg.ingest.pipeline import read_documents

# The pieces plans are made of: markers, numbers, units, years, table separators, odd characters.
PIECES = st.sampled_from([
    "一、", "（二）", "3.", "（4）", "①", "⑳", "二是", "——", "|", "\t", "\n", "\n\n", "。", "；", "，", "：",
    "2025年", "20XX年", "到2027年，", "上半年", "同比增长", "力争", "完成全年任务的", "序号", "责任单位", "责任人",
    "12.5%", "3,963.1万元", "X家", "2.3万亿元", "第", "前3", "（市科技局牵头）", "《规划》", "“", "”", "0", "99999",
    "高新技术企业", "研发经费", "指数", "科技局", "州", "县", "区", "市", " ", "\u3000", "\xa0", "ⅰ", "①②", "１２",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segmenter_keeps_offsets_inside_the_text(text):
    warnings: list[str] = []
    for clause in build_clauses("doc-x", text, (), warnings.append):
        assert 0 <= clause.start <= clause.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["plan", "report"]), st.sampled_from([None, 2019, 2025]))
def test_fact_finder_never_raises_and_spans_stay_inside(text, mode, year):
    for fact in find_facts(text, ClauseContext(mode, year, None, today=year)):
        assert 0 <= fact.start <= fact.end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_whole_document_extraction_never_raises(text):
    from pathlib import Path

    detect_metadata(text)
    for doc in read_documents(Path("generated.txt"), text):
        clauses = build_clauses(doc.id, doc.text, doc.repairs)
        for target in extract_document(doc, clauses):
            assert 0 <= target.start <= target.end <= len(doc.text)


def test_a_paragraph_the_segmenter_cannot_read_is_kept_and_reported(monkeypatch):
    from plankg.ingest import segment

    def broken(self, start, end):
        if "坏" in self.text[start:end]:
            raise ValueError("odd marker")
        return original(self, start, end)

    original = segment.ProseSegmenter.paragraph
    monkeypatch.setattr(segment.ProseSegmenter, "paragraph", broken)
    warnings: list[str] = []
    text = "一、总体目标\n坏段落：新增高新技术企业10家。\n二、重点任务\n新增孵化器2家。"
    clauses = build_clauses("doc-x", text, (), warnings.append)
    assert any("新增高新技术企业10家" in c.text for c in clauses)
    assert any(c.text.startswith("二、") for c in clauses)
    assert len(warnings) == 1 and "odd marker" in warnings[0] and warnings[0].startswith("characters ")
