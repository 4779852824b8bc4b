"""Targets and achievements in sentences written for the tests (not copied from the seeds)."""
from __future__ import annotations

from plankg.ingest.facts import ClauseContext, find_facts

PLAN_2024 = ClauseContext("plan", 2024, None)
PLAN_RANGE = ClauseContext("plan", None, (2024, 2028))
REPORT_2023 = ClauseContext("report", 2023, None)


def _one(text, ctx=PLAN_2024):
    facts = find_facts(text, ctx)
    assert len(facts) == 1, facts
    return facts[0]


def test_level_with_comparator_and_default_year():
    fact = _one("全区高新技术企业总数达到320家以上。")
    assert (fact.value, fact.unit, fact.comparator, fact.kind, fact.year) == (320, "家", ">=", "target", 2024)
    assert "高新技术企业" in fact.indicator


def test_explicit_year_wins_and_growth_is_not_a_level():
    fact = _one("到2027年，规上工业企业研发费用增长18%以上", PLAN_RANGE)
    assert fact.year == 2027 and fact.growth and fact.measure == "growth" and fact.comparator == ">="
    assert fact.indicator.startswith("规上工业企业研发费用")


def test_list_shares_its_verb_and_stretch_values():
    facts = find_facts("新增国家高新技术企业80家、省科技型中小企业300家（高线：100家和350家）", PLAN_2024)
    assert [(f.value, f.stretch, f.measure) for f in facts] == [(80, 100, "increment"), (300, 350, "increment")]
    assert facts[1].indicator == "省科技型中小企业"


def test_stretch_after_floor_value():
    fact = _one("R&D经费支出占GDP比重达到2.6%，力争2.7%。")
    assert (fact.value, fact.stretch, fact.unit) == (2.6, 2.7, "%")
    fact = _one("数字经济增加值增长12%（高线14%）")
    assert (fact.value, fact.stretch, fact.growth) == (12, 14, True)


def test_rank_goals():
    facts = find_facts("省级高新区排名要前移5位，综合实力进入全省前20。", PLAN_2024)
    assert [(f.value, f.measure) for f in facts] == [(5, "rank"), (20, "rank")]


def test_placeholder_value_is_unknown():
    fact = _one("力争培育科技型中小企业X家以上")
    assert fact.placeholder and fact.value is None and fact.unit == "家"


def test_hidden_year_stays_unknown():
    fact = _one("20XX年，技术交易额达到30亿元", ClauseContext("plan", None, None, years_unknown=True))
    assert fact.year is None and fact.value == 30


def test_fourteenth_five_year_period():
    fact = _one("“十四五”期间，累计引进高端人才60名以上", PLAN_RANGE)
    assert fact.period == (2021, 2025) and fact.year is None and fact.measure == "cumulative"


def test_report_sentences_are_achievements_unless_they_plan():
    fact = _one("上半年新认定高新技术企业45家，", REPORT_2023)
    assert fact.kind == "achievement" and fact.year == 2023
    assert _one("下半年力争再新增孵化器3家", REPORT_2023).kind == "target"


def test_no_targets_from_numbers_that_set_no_goal():
    for text in (
        "根据《浙江省人民政府关于加快科技创新的若干意见》(浙发【2018】43号)精神",
        "3月底前完成规划编制，9月份召开推进会",
        "联系电话0577-88961234，索引号002558235/2019-83493",
        "第三届创新大赛于2019年5月举办",
        "推进5G基站和G60科创走廊建设，发布3.0版系统",
        "落实“科技新政30条”和“人才新政40条”",
        "乐清、瑞安2个省级高新区要在排名中进入前列",
        "打造“一包一表一库一网一赛”五个一模式",
    ):
        assert find_facts(text, PLAN_2024) == [], text


def test_indicator_found_after_the_value_when_the_verb_comes_first():
    fact = _one("引进3家高校院所入驻科创园")
    assert fact.indicator == "高校院所" and fact.value == 3


def test_year_proposal_needs_agreeing_evidence():
    from plankg.ingest.records import Document
    from plankg.ingest.years import propose_years

    def doc(text, title="区科技局20XX年工作总结和20XX年工作计划"):
        return Document(id="d", path="p", source_name="p", part=0, title=title, issuer=None, region=None,
                        region_level=None, parent_region=None, doc_type="summary_plan", years=(),
                        reported_years=(), published=None, text=text)

    both = doc("狠抓新冠肺炎疫情防控，企业复工复产有序推进。二、工作思路 根据科技创新“十四五”规划，推动创新。")
    proposal = propose_years(both)
    assert (proposal.plan_year, proposal.report_year) == (2021, 2020)
    assert propose_years(doc("根据科技创新“十四五”规划，推动创新。")) is None
    assert propose_years(doc(both.text, title="区科技局2020年工作总结和2021年工作计划")) is None


def test_values_listed_after_their_names_are_assigned_respectively():
    facts = find_facts("到2026年，分别建成数字化车间、智能工厂50个、5个。", PLAN_RANGE)
    assert [(f.indicator, f.value) for f in facts] == [("数字化车间", 50), ("智能工厂", 5)]
    facts = find_facts("分别建成国家级、省级众创空间3家、8家。", PLAN_2024)
    assert [(f.indicator, f.value) for f in facts] == [("国家级众创空间", 3), ("省级众创空间", 8)]


def test_unit_dropped_before_an_owner_list_is_inferred():
    fact = _one("到2026年，累计培育省级科技型中小企业900(区科技局、区财政局)。", PLAN_RANGE)
    assert (fact.value, fact.unit, fact.unit_inferred, fact.year) == (900, "家", True, 2026)
    assert find_facts("到2026年，人均经费达到3(区财政局)。", PLAN_RANGE) == []  # money of unknown scale


def test_phrases_with_notes_repeated_indicators_and_qualifiers():
    fact = _one("立项应急科研攻关项目(企业类)14项。", REPORT_2023)
    assert fact.indicator.startswith("应急科研攻关项目") and fact.value == 14
    facts = find_facts("新增省科技型中小企业1500家,累计突破8000家;", REPORT_2023)
    assert [(f.indicator, f.value, f.measure) for f in facts] == [
        ("省科技型中小企业", 1500, "increment"), ("省科技型中小企业", 8000, "cumulative")]
    facts = find_facts("已建成众创空间90家(国家级12家)。", REPORT_2023)
    assert [(f.indicator, f.value) for f in facts] == [("众创空间", 90), ("国家级众创空间", 12)]
    assert _one("按照12%增幅测算", PLAN_2024).growth


def test_a_value_without_its_own_indicator_takes_the_task_topic():
    ctx = ClauseContext("plan", 2024, None, topic="生命健康产业千亿计划")
    fact = _one("今年要达到860亿元。", ctx)
    assert fact.indicator == "生命健康产业千亿计划" and fact.value == 860
