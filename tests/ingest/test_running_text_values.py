"""Kind and year of values in running text: summaries, news and meeting reports (sentences written for the tests).

Each test names the pattern of the genre it covers; no sentence is taken from a real document.
"""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.facts import ClauseContext, find_facts
from plankg.ingest.frames import section_frame

REPORT_2019 = ClauseContext("report", 2019, None, today=2019)


def _facts(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {t.value: t for t in read_corpus([path]).targets}


def _by_value(facts, value):
    return next(f for f in facts if f.value == value)


def test_a_programme_named_plan_is_no_goal_word():
    # 科技计划项目, 人才引进计划 name programmes; 按计划 means as planned: the results stay results.
    facts = find_facts("全年组织申报省级科技计划项目42项，年内到位科技经费980万元，较去年增长18%。", REPORT_2019)
    assert (_by_value(facts, 18).kind, _by_value(facts, 18).year) == ("achievement", 2019)
    facts = find_facts("某公司引进的博士入选省级青年人才引进计划，获资助经费120万元。", REPORT_2019)
    assert _by_value(facts, 120).kind == "achievement"
    facts = find_facts("各乡镇也按计划完成了85名农技特派员的选派。", REPORT_2019)
    assert _by_value(facts, 85).kind == "achievement"
    # 计划 the verb still plans
    facts = find_facts("下半年计划新增科技型企业30家。", REPORT_2019)
    assert _by_value(facts, 30).kind == "target"


def test_a_news_report_of_the_tasks_a_work_meeting_set_speaks_from_the_meetings_year(tmp_path):
    # The year is only in the meeting's name, after the goals (这是2022年某省科技工作会议确定的…).
    text = ("某省明确新一年科技创新目标\n"
            "力争全年技术合同成交额达到860亿元，备案科技型中小企业1.2万家……这是2022年某省科技工作会议确定的年度任务。\n"
            "会议提出，今年将新建省级重点实验室15家。\n")
    facts = _facts(tmp_path, text)
    assert {v: (facts[v].kind, facts[v].year) for v in (860, 12000, 15)} == {
        860: ("target", 2022), 12000: ("target", 2022), 15: ("target", 2022)}


def test_a_section_on_how_the_key_work_went_reports_it():
    # 重点工作情况 names planned work, but its 情况 reports how it went; 指标设置情况 still plans.
    assert section_frame("一、重点工作情况", 2021, 2021).mode == "report"
    assert section_frame("（二）目标任务完成情况", 2021, 2021).mode == "report"
    assert section_frame("二、下半年重点工作", 2021, 2021).mode == "plan"
    assert section_frame("一、考核指标设置情况", 2021, None).mode == "plan"
    assert section_frame("一、重点任务完成情况及下一步工作计划", 2021, 2021).mode == "plan"


def test_a_fund_set_up_in_a_half_year_summarys_key_work_section_is_a_result(tmp_path):
    text = ("某县科技局2021年上半年工作总结和下半年工作打算\n一、重点工作情况\n"
            "县政府出台扶持政策，2021年设立科技发展引导资金1500万元，支持企业开展研发。\n"
            "二、下半年工作打算\n力争新增科技型中小企业20家。\n")
    facts = _facts(tmp_path, text)
    assert (facts[1500].kind, facts[1500].year) == ("achievement", 2021)
    assert facts[20].kind == "target"


def test_a_horizon_named_mid_sentence_dates_the_goals_listed_after_it(tmp_path):
    # 某某介绍，…，目标到2026年，A…。B…。C力争…。: the sentences after it name no year but go on with its goals.
    text = ("某省将实施科技强省行动\n发布日期：2023-05-09\n"
            "记者从发布会获悉，过去五年，全省高新技术企业数量增长2.1倍。到2025年，全省科技型企业突破1.5万家。\n"
            "某某介绍，全省即将出台三年行动方案，目标到2026年，研发投入强度突破2.4%，高新技术企业数量达6500家。"
            "高新区营业收入突破3000亿元。科技型中小企业力争突破9000家，技术合同成交额不低于400亿元。"
            "全年新增省级创新平台40家。\n"
            "去年，技术交易额达到310亿元。\n")
    facts = _facts(tmp_path, text)
    assert {v: (facts[v].kind, facts[v].year) for v in (2.4, 6500, 3000, 9000, 400)} == {
        2.4: ("target", 2026), 6500: ("target", 2026), 3000: ("target", 2026), 9000: ("target", 2026),
        400: ("target", 2026)}
    # a sentence with a time of its own (全年) ends the carried horizon; a new paragraph too
    assert (facts[40].year, facts[310].year) == (2023, 2022)
    # the review after the news lede (记者从发布会获悉，过去五年，) reports
    assert facts[2.1].kind == "achievement"


def test_a_span_from_one_year_to_another_is_no_horizon(tmp_path):
    # 2017年至2020年，A由a增长至b: the span a news report covers, its changes results from first to last year.
    text = ("某市科技创新指标大幅提升\n"
            "2017年至2020年，全市研发投入强度由1.52%增长至2.18%，增速居全省前列；"
            "高新技术企业总量由860家增长到2410家，增长1.8倍；"
            "技术合同成交额由40.6亿元，增长到152.3亿元。\n")
    facts = _facts(tmp_path, text)
    assert {v: (facts[v].kind, facts[v].year) for v in (1.52, 2.18, 860, 2410, 40.6, 152.3)} == {
        1.52: ("achievement", 2017), 2.18: ("achievement", 2020), 860: ("achievement", 2017),
        2410: ("achievement", 2020), 40.6: ("achievement", 2017), 152.3: ("achievement", 2020)}


def test_a_plans_end_named_as_a_baseline_does_not_date_the_value():
    ctx = ClauseContext("report", 2020, None, today=2020)
    facts = find_facts("科技型企业快速壮大，科技型企业数是“十二五”期末的3.5倍、总量达到1880家。", ctx)
    assert (_by_value(facts, 1880).kind, _by_value(facts, 1880).year) == ("achievement", 2020)
    # named as the horizon it still dates the goal
    facts = find_facts("到“十四五”末期，科技型企业总量突破3000家。", ClauseContext("plan", None, (2021, 2025), today=2021))
    assert _by_value(facts, 3000).year == 2025


def test_a_change_estimated_to_its_end_and_a_change_listed_beside_it_start_in_the_same_year(tmp_path):
    # A由2016年的a预计增至b，B由c增至d: a and c are the results of 2016, whatever the estimate says of the end.
    text = ("某区政府工作报告\n一、过去五年工作回顾\n"
            "规上工业总产值由2016年的3120亿元预计增至4650亿元，全市占比由14.2%增至17.5%，连续五年居全市第二。\n")
    facts = _facts(tmp_path, text)
    assert (facts[3120].kind, facts[3120].year) == ("achievement", 2016)
    assert (facts[14.2].kind, facts[14.2].year) == ("achievement", 2016)
    assert facts[4650].baseline == 3120 and facts[17.5].baseline == 14.2


def test_a_change_under_a_five_year_plans_review_heading_starts_at_the_end_of_the_plan_before(tmp_path):
    text = ("某区2021年政府工作报告\n一、“十三五”工作回顾\n"
            "五年来，全区经济实力稳步提升。社会消费品零售总额由52.6亿元增加到81亿元，年均增长9.1%。\n"
            "二、2021年主要目标\n力争一般公共预算收入增长6%。\n")
    facts = _facts(tmp_path, text)
    assert (facts[52.6].kind, facts[52.6].year) == ("achievement", 2015)
    assert (facts[81].kind, facts[81].year) == ("achievement", 2020)


def test_changes_in_a_review_run_from_the_end_of_the_plan_before_even_after_a_dated_part(tmp_path):
    # 由“十二五”末的a增加到2020年的b；C由c增加到d: both start at the end of the plan before.
    text = ("某区2021年政府工作报告\n一、“十三五”工作回顾\n"
            "预计全区地区生产总值由“十二五”末的640亿元增加到2020年的905亿元，年均增长7.2%；"
            "一般公共预算收入由38.5亿元增加到52亿元。\n")
    facts = _facts(tmp_path, text)
    assert {v: (facts[v].kind, facts[v].year) for v in (640, 905, 38.5, 52)} == {
        640: ("achievement", 2015), 905: ("achievement", 2020), 38.5: ("achievement", 2015), 52: ("achievement", 2020)}


def test_a_table_whose_header_names_work_standards_plans_its_rows(tmp_path):
    # 序号 | 类型 | 任务名称 | 工作标准: the standards are goals, though cells say 累计 and 拥有.
    text = ("序号 | 类型 | 任务名称 | 工作标准 |\n"
            "1 | 重点类 | 企业培育工程 | 科技型企业累计达到350家以上，拥有有效发明专利超4000件。 |\n"
            "2 | 一般类 | 人才引育工程 | 引进培养创新人才60名，培训企业经营者500人以上。 |\n")
    facts = _facts(tmp_path, text)
    assert all(facts[v].kind == "target" for v in (350, 4000, 60, 500))
    # a column reporting how the work went makes the same table a report
    reported = text.replace("工作标准 |", "完成情况 |")
    facts = _facts(tmp_path, reported, name="done.txt")
    assert facts[350].kind == "achievement"


def test_last_year_named_as_the_base_of_a_multiple_does_not_date_the_value():
    facts = find_facts("全年实现技术交易额4.6亿元，是上年的1.8倍。", REPORT_2019)
    assert [(f.value, f.kind, f.year) for f in facts] == [(4.6, "achievement", 2019), (1.8, "achievement", 2019)]


def test_growth_rates_listed_with_their_baseline_after_fenbie_go_to_the_values_before_them():
    facts = find_facts("全县研发经费投入3.4亿元，占GDP比重1.92%，分别比上年增长11.6%和0.15个百分点。", REPORT_2019)
    assert _by_value(facts, 11.6).indicator == "研发经费投入"
    assert _by_value(facts, 0.15).indicator == "占GDP比重"


def test_a_count_in_chinese_numerals_after_its_noun_is_a_value():
    # 新增…研究中心六家、市级十一家: the numeral closes the phrase of a counting verb.
    facts = find_facts("全年新增省级工程技术研究中心六家、市级十一家，培训新型职业农民八百余人次。", REPORT_2019)
    assert [(f.value, f.unit, f.indicator) for f in facts] == [
        (6, "家", "省级工程技术研究中心"), (11, "家", "市级工程技术研究中心"), (800, "人次", "培训新型职业农民")]
    # a numeral inside a name or before its noun, and 一批, are no values
    for text in ("组织开展“三个一”主题活动。", "全县两家企业入选省级名单。", "新建一批众创空间。"):
        assert find_facts(text, REPORT_2019) == []


def test_levels_listed_after_a_count_share_its_noun():
    facts = find_facts("全县共有国家级科技特派员9人、省级38人、市级71人。", REPORT_2019)
    assert [f.indicator for f in facts] == ["国家级科技特派员", "省级科技特派员", "市级科技特派员"]


def test_the_years_task_named_inside_a_completion_rate_is_the_goal_and_the_rate_a_result():
    # 完成全年N家任务的x% / 完成年度目标任务N家的x%: N is the year's goal for the indicator just reported.
    facts = find_facts("上半年新增在孵企业64家，完成全年150家任务的42.7%。", REPORT_2019)
    assert [(f.value, f.kind, f.indicator) for f in facts] == [
        (64, "achievement", "在孵企业"), (150, "target", "在孵企业"), (42.7, "achievement", "在孵企业")]
    assert _by_value(facts, 42.7).measure == "completion"
    facts = find_facts("新认定高新技术企业38家，完成年度目标任务45家的84.4%。", REPORT_2019)
    assert [(f.value, f.kind) for f in facts] == [(38, "achievement"), (45, "target"), (84.4, "achievement")]
    # a target named by who set it (市对县目标考核任务) is still the measure of a result
    facts = find_facts("全县高新技术企业达39家，完成省对市目标考核任务195%。", REPORT_2019)
    assert _by_value(facts, 195).kind == "achievement"


def test_now_opening_the_values_own_phrase_dates_it_now_whatever_year_the_sentence_named_before():
    facts = find_facts("年内组建了2021年度企业培育库，目前入库企业14家。", REPORT_2019)
    assert [(f.value, f.kind, f.year, f.indicator) for f in facts] == [(14, "achievement", 2019, "入库企业")]


def test_funds_won_with_zhengqu_in_a_report_are_a_result():
    # 争取…资金 N万元: the funds a bureau obtained, as 争取上级资金 is; in a plan the mode still plans.
    facts = find_facts("兑现科技奖补资金960万元，争取企业研发后补助资金215万元。", REPORT_2019)
    assert [(f.value, f.kind) for f in facts] == [(960, "achievement"), (215, "achievement")]
    assert find_facts("力争新增高新技术企业12家。", REPORT_2019)[0].kind == "target"


def test_a_change_named_only_by_its_comparison_belongs_to_the_indicator_before_it():
    facts = find_facts("全市科技型中小企业总数达到940家，较上年净增155家，增幅19.7%。", REPORT_2019)
    assert {f.indicator for f in facts} == {"科技型中小企业总数"}
