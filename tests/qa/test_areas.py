"""Figures about a park, a zone (区域内) or a county belong to that area (sentences written for the test)."""
from __future__ import annotations

from plankg.ingest.records import Clause, Document, Target
from plankg.qa.areas import place_label, target_area


def _case(text, phrase, section=("二、目标任务",), region="青河市"):
    doc = Document("doc-a", "a.txt", "a.txt", 0, "青河市科技工作要点", "青河市科技局", region, "city", None,
                   "work_plan", (2023,), (), None, text)
    clause = Clause("cl-a", "doc-a", None, "sentence", "", text, 0, len(text), section)
    value_at = text.index(phrase) + len(phrase)
    target = Target("tg-a", "doc-a", "cl-a", "target", phrase, "x", 1.0, "%", value_at, value_at + 2)
    return target, clause, doc


def test_a_zone_named_in_the_section_owns_its_区域内_figures():
    text = "确保区域内高新技术企业产值占全市70%以上,R&D经费支出占GDP比重3.5%以上。"
    target, clause, doc = _case(text, "R&D经费支出占GDP比重", ("三、重点工作", "2.推进青河大道科创集聚区建设"))
    assert target_area(target, clause, doc) == "青河大道科创集聚区"


def test_a_park_named_in_the_phrase_owns_its_figure():
    text = "省级青河数字产业园工业总产值突破300亿元。"
    target, clause, doc = _case(text, "省级青河数字产业园工业总产值")
    assert target_area(target, clause, doc) == "青河数字产业园"


def test_the_towns_own_figure_and_counted_parks_have_no_area():
    text = "全市R&D经费支出占GDP比重达到2.6%，新建农业科技园区5家。"
    target, clause, doc = _case(text, "R&D经费支出占GDP比重")
    assert target_area(target, clause, doc) is None
    target, clause, doc = _case(text, "农业科技园区")
    assert target_area(target, clause, doc) is None


def test_a_county_named_in_a_city_plan():
    text = "白岭省级高新区排名进入全省前10。"
    target, clause, doc = _case(text, "白岭省级高新区排名")
    assert target_area(target, clause, doc, ("白岭县", "白岭")) == "白岭"  # short form kept if no full name known
    assert place_label("青河市", "白岭县") == "青河市·白岭县"
