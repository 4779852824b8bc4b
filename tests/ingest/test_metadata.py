"""Document metadata: title, issuer, region with its parent city, type, years, date."""
from __future__ import annotations

from plankg.ingest.metadata import detect_metadata, detect_years
from tests.conftest import doc_by_name


def test_bundled_documents(corpus):
    expected = {
        ("000", 0): ("温州市科技局", "温州市", "浙江省", "responsibility_table", (2019,), ()),
        ("001", 0): ("区科技局", None, None, "summary_plan", (2022,), (2021,)),
        ("001", 1): ("温州市科技局", "温州市", "浙江省", "summary_plan", (), ()),
        ("002", 0): ("桐乡市科技局", "桐乡市", "嘉兴市", "work_plan", (2019,), ()),
        ("003", 0): ("路桥区科技局", "路桥区", "台州市", "action_plan", (2021, 2022, 2023, 2024, 2025), ()),
        ("004", 0): ("瑞安市科技局", "瑞安市", "温州市", "half_year_summary", (2019,), (2019,)),
    }
    for (prefix, part), (issuer, region, parent, doc_type, years, reported) in expected.items():
        doc = doc_by_name(corpus, prefix, part)
        assert (doc.issuer, doc.region, doc.parent_region, doc.doc_type, doc.years, doc.reported_years) == (
            issuer, region, parent, doc_type, years, reported), prefix
    assert doc_by_name(corpus, "003").published == "2021-04-19"
    assert doc_by_name(corpus, "002").title == "2019年科技创新工作要点"


def test_a_plan_not_among_the_seeds():
    text = ("发布机构: 区科技局\n发布日期: 2023-03-02\n椒江区科技局2023年工作要点\n"
            "一、总体目标\n2023年，椒江区全社会R&D经费支出占比达到3.1%，椒江新增高新技术企业60家。")
    meta = detect_metadata(text)
    assert meta.title == "椒江区科技局2023年工作要点"
    assert meta.issuer == "椒江区科技局"
    assert meta.region.name == "椒江区" and meta.region.parent == "台州市"
    assert meta.doc_type == "work_plan" and meta.years == (2023,)
    assert meta.published == "2023-03-02"


def test_years_of_summaries_and_ranges():
    assert detect_years("科技局2021年工作总结及2022年工作计划", "summary_plan") == ((2022,), (2021,))
    assert detect_years("“智造强区”行动方案(2023—2027年)", "action_plan") == ((2023, 2024, 2025, 2026, 2027), ())
    assert detect_years("市科技局20XX年工作总结和20XX年工作计划", "summary_plan") == ((), ())
