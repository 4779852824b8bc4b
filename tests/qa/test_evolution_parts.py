"""Evolution pieces on records and vectors composed here: steps, changes, measure alignment, families."""
from __future__ import annotations

import numpy as np

from plankg.ingest.records import Clause, Document, Target
from plankg.qa.evolution import Step, StepValue, describe_change
from plankg.qa.families import find_family
from plankg.qa.measures import align_measures, goal_years, plan_clauses


def _value(value, unit="%", measure="level", stretch=None):
    return StepValue(value, unit, measure, None, stretch, "研发投入强度", False, "cl-x", "tg-x")


def _step(year, *values):
    return Step("rd_intensity", "甲市", year, False, "doc-a", "甲市科技工作要点", list(values))


def test_one_document_one_year_is_one_step_with_its_stretch():
    step = _step(2019, _value(2.2, stretch=2.3))
    assert step.text() == "2.2%（力争2.3%）"


def test_change_in_points_raised_and_lowered():
    zh, en, direction = describe_change(_step(2019, _value(2.2)), _step(2022, _value(2.6)))
    assert direction == "raised" and "0.4个百分点" in zh and "percentage points" in en
    assert describe_change(_step(2019, _value(50, "家")), _step(2022, _value(40, "家")))[2] == "lowered"


def test_unit_or_measure_change_is_explained_not_compared():
    zh, _, direction = describe_change(_step(2019, _value(5, "家")), _step(2022, _value(5, "个")))
    assert direction == "not comparable" and "单位由家改为个" in zh
    zh, _, direction = describe_change(_step(2019, _value(5, "家")), _step(2022, _value(3, "家", "increment")))
    assert direction == "not comparable" and "新增数" in zh


def _doc(doc_id, years, doc_type="work_plan"):
    return Document(doc_id, "x.txt", "x.txt", 0, f"{doc_id}要点", "甲局", "甲市", "city", None, doc_type,
                    tuple(years), (), None, "")


def _clause(cid, doc_id, text, section=("三、重点工作",)):
    return Clause(cid, doc_id, None, "sentence", "", text, 0, len(text), section)


def test_plan_clauses_skip_summary_sections_and_other_years():
    docs = {"d1": _doc("d1", [2019]), "d2": _doc("d2", [2022], "summary_plan")}
    clauses = [
        _clause("a", "d1", "推动规上企业研发机构实现全覆盖，新建一批企业研究院。"),
        _clause("b", "d2", "全年新增企业研发机构六十家，超额完成任务。", ("一、主要工作成效",)),
        _clause("c", "d2", "继续推动企业研发机构提质扩面，建设高水平研究院。", ("二、明年工作思路",)),
    ]
    assert [c.id for c in plan_clauses(clauses, docs, 2019)] == ["a"]
    assert [c.id for c in plan_clauses(clauses, docs, 2022)] == ["c"]


def test_a_plan_stating_no_year_plans_the_years_of_its_goals():
    docs = {"d3": _doc("d3", [])}  # 20XX年工作计划: no year in its title
    clauses = [_clause("p", "d3", "继续推动企业研发机构提质扩面，建设高水平研究院。")]
    goal = Target("t1", "d3", "p", "target", "企业研发机构", "x", 60.0, "家", 0, 2, year=2021, year_inferred=True)
    result = Target("t2", "d3", "p", "achievement", "企业研发机构", "x", 50.0, "家", 0, 2, year=2020)
    goals = goal_years([goal, result])
    assert goals == {"d3": {2021}}
    assert [c.id for c in plan_clauses(clauses, docs, 2021, goals=goals)] == ["p"]
    assert plan_clauses(clauses, docs, 2020, goals=goals) == []  # a result's year is not a plan year
    assert plan_clauses(clauses, docs, 2021) == []


def test_alignment_pairs_once_and_keeps_both_clauses_as_evidence():
    docs = {"d1": _doc("d1", [2019]), "d2": _doc("d2", [2022])}
    earlier = [_clause("e1", "d1", "建设企业研发机构"), _clause("e2", "d1", "举办创新创业大赛")]
    later = [_clause("l1", "d2", "做实企业研发机构建设"), _clause("l2", "d2", "培育科技金融新模式")]
    vectors = {"e1": [1, 0, 0], "e2": [0, 1, 0], "l1": [0.96, 0.28, 0], "l2": [0, 0, 1]}

    def lookup(clauses):
        return np.asarray([vectors[c.id] for c in clauses], dtype="float32")

    alignment = align_measures(earlier, later, docs, lookup, threshold=0.9)
    assert [(p.earlier.clause_id, p.later.clause_id) for p in alignment.continued] == [("e1", "l1")]
    assert [p.earlier.clause_id for p in alignment.dropped] == ["e2"]
    assert [p.later.clause_id for p in alignment.new] == ["l2"]
    assert alignment.new[0].earlier is not None  # the nearest earlier clause is kept as evidence


class _Hit:
    def __init__(self, id, method, surface=""):
        self.id, self.method, self.surface = id, method, surface


def test_family_words_and_related_cues():
    assert find_family("哪些单位负责研发相关的目标", "zh", []).id == "family_rd"
    assert find_family("谁负责知识产权方面的目标", "zh", []).id == "family_ip"
    assert find_family("Which units own talent-related targets?", "en", []).id == "family_talent"
    # A named indicator stays itself, with or without 相关; the family widens only when its word is asked.
    assert find_family("研发投入强度目标由谁负责", "zh", [_Hit("rd_intensity", "label", "研发投入强度")]) is None
    assert find_family("研发投入强度相关目标由谁负责", "zh", [_Hit("rd_intensity", "label", "研发投入强度")]) is None
    assert find_family("研发相关目标由谁负责", "zh", [_Hit("rd_intensity", "partial", "研发")]).id == "family_rd"
