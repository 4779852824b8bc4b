"""Plans that are not among the seeds: a .docx with a target table and an .html summary page."""
from __future__ import annotations

from pathlib import Path

import pytest

from plankg.ingest import read_corpus


@pytest.fixture(scope="module")
def new_corpus(tmp_path_factory):
    from docx import Document

    folder: Path = tmp_path_factory.mktemp("plans")
    doc = Document()
    for line in (
        "鹿城区科技局2024年科技创新工作要点",
        "一、主要目标",
        "2024年，全区R&D经费支出占GDP比重达到2.9%，新增国家高新技术企业60家以上、省科技型中小企业200家，技术交易额突破15亿元。",
        "二、重点任务",
        "（一）培育创新主体。",
        "1.实施科技企业“双倍增”行动，力争高新技术企业总数达到450家（区科技局、区财政局）。",
        "2.加快建设浙大温州研究院鹿城分院，引进高层次人才团队10个（区委人才办）。",
    ):
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=5)
    for r, row in enumerate((["序号", "重点指标", "2023年完成情况", "2024年目标", "责任单位"],
                             ["1", "规上工业企业研发费用增速", "12%", "15%", "区经信局、区科技局"],
                             ["2", "省级企业研发机构数量", "新增8", "新增10", "区科技局"])):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.save(folder / "lucheng.docx")
    (folder / "page.html").write_text(
        "<html><head><script>var x=1;</script></head><body><nav>首页 > 政务公开</nav><main>"
        "<h1>平阳县科技局2023年工作总结</h1><p>一、工作成效</p>"
        "<p>今年以来，新认定高新技术企业52家，同比增长18.2%；技术合同交易额达到8.6亿元。</p></main></body></html>",
        encoding="utf-8")
    return read_corpus([folder])


def _facts(corpus, doc_name):
    return [t for t in corpus.targets if any(d.id == t.doc_id and d.source_name == doc_name for d in corpus.documents)]


def test_docx_plan_metadata_and_prose_targets(new_corpus):
    doc = next(d for d in new_corpus.documents if d.source_name == "lucheng.docx")
    assert (doc.issuer, doc.region, doc.parent_region, doc.years) == ("鹿城区科技局", "鹿城区", "温州市", (2024,))
    facts = {(t.indicator_id, t.value, t.unit, t.year) for t in _facts(new_corpus, "lucheng.docx")}
    assert {("rd_intensity", 2.9, "%", 2024), ("high_tech_enterprises", 60, "家", 2024),
            ("tech_transaction_value", 15, "亿元", 2024)} <= facts
    total = next(t for t in _facts(new_corpus, "lucheng.docx") if t.value == 450)
    assert [(o.name, o.role) for o in total.owners] == [("鹿城区科技局", "lead"), ("鹿城区财政局", "support")]


def test_docx_table_targets_with_baselines_read_once(new_corpus):
    rows = [c for c in new_corpus.clauses if c.kind == "table_row"]
    assert len(rows) == 2
    growth = [t for t in _facts(new_corpus, "lucheng.docx") if "研发费用增速" in t.indicator]
    assert sorted((t.kind, t.year, t.value) for t in growth) == [("achievement", 2023, 12), ("target", 2024, 15)]
    target = next(t for t in growth if t.kind == "target")
    assert target.baseline == 12 and target.measure == "growth"
    assert [o.name for o in target.owners] == ["鹿城区经信局", "鹿城区科技局"]


def test_html_summary_reports_achievements(new_corpus):
    facts = _facts(new_corpus, "page.html")
    assert {(t.kind, t.value, t.unit, t.year) for t in facts} >= {
        ("achievement", 52, "家", 2023), ("achievement", 8.6, "亿元", 2023)}
    growth = next(t for t in facts if t.value == 18.2)
    assert growth.growth and growth.indicator == "高新技术企业"
    assert not any("首页" in c.text for c in new_corpus.clauses)


def test_a_folder_manifest_corrects_metadata_and_is_not_read_as_a_document(tmp_path):
    (tmp_path / "plan.txt").write_text("科技局2024年工作要点\n一、目标\n新增高新技术企业20家。\n", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[documents."plan.txt"]\nissuer = "平湖市科技局"\nregion = "平湖市"\n', encoding="utf-8")
    errors: list[str] = []
    corpus = read_corpus([tmp_path], on_error=errors.append)
    assert errors == [] and len(corpus.documents) == 1
    doc = corpus.documents[0]
    assert (doc.issuer, doc.region, doc.parent_region, doc.years) == ("平湖市科技局", "平湖市", "嘉兴市", (2024,))
    target = corpus.targets[0]
    assert [o.name for o in target.owners] == ["平湖市科技局"] and target.year == 2024
