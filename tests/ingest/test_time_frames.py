"""When each section and statement speaks: review, plan and status frames, and the reason kept (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.frames import section_frame


def _facts(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


def test_a_five_year_plans_review_section_reports_results_dated_at_the_periods_end(tmp_path):
    corpus = _facts(tmp_path, "某市“十三五”科技创新发展规划\n"
                              "一、“十二五”期间主要工作回顾\n"
                              "“十二五”期间，全市高新技术企业总量达到156家，研发经费支出占GDP比重2.1%。\n"
                              "二、发展基础\n"
                              "全市拥有省级以上研发机构85家。\n"
                              "三、主要目标\n"
                              "到2020年，高新技术企业总量达到300家。\n")
    assert corpus.documents[0].years == (2016, 2017, 2018, 2019, 2020)
    facts = {t.value: t for t in corpus.targets}
    assert (facts[156].kind, facts[156].year) == ("achievement", 2015)
    assert (facts[2.1].kind, facts[2.1].year) == ("achievement", 2015)
    assert "reviews 2011–2015" in facts[156].why and "一、“十二五”期间主要工作回顾" in facts[156].why
    # 发展基础 names no period: it reviews the years before the plan begins
    assert (facts[85].kind, facts[85].year) == ("achievement", 2015) and "发展基础" in facts[85].why
    assert (facts[300].kind, facts[300].year) == ("target", 2020) and "到2020年" in facts[300].why


def test_a_review_of_the_past_years_ends_the_year_before_the_plan():
    assert section_frame("一、过去五年工作回顾", 2021, None).period == (2016, 2020)
    assert section_frame("（一）一年来主要工作", 2024, None).year == 2023
    # a report reviews its own year
    assert section_frame("一、一年来工作回顾", None, 2023).year == 2023
    assert section_frame("二、2023年工作安排", 2023, None).mode == "plan"
    assert section_frame("三、重点任务", 2023, None).mode == "plan"
    assert section_frame("三、截至目前进展", 2023, None).mode == "report"
    assert section_frame("四、保障措施", 2023, None) is None


def test_last_years_results_in_a_meeting_report_precede_this_years_goals(tmp_path):
    corpus = _facts(tmp_path, "2023年某市科技创新工作会议召开\n"
                              "会议总结了去年工作，部署今年任务。\n"
                              "去年，全市高新技术企业增至312家，技术合同成交额18.6亿元。\n"
                              "今年，力争新增高新技术企业50家，全社会研发投入同比增长12%。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[312].kind, facts[312].year) == ("achievement", 2022)
    assert (facts[18.6].kind, facts[18.6].year) == ("achievement", 2022)
    assert (facts[50].kind, facts[50].year) == ("target", 2023)


def test_a_year_on_year_growth_inside_a_goal_sentence_is_a_growth_goal(tmp_path):
    corpus = _facts(tmp_path, "某县2024年科技工作要点\n力争全社会研发投入同比增长12%，技术合同成交额达到5亿元。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[12].kind, facts[12].measure) == ("target", "growth") and "力争" in facts[12].why


def test_a_news_report_of_a_quarter_reports_results(tmp_path):
    corpus = _facts(tmp_path, "一季度我市技术市场交易活跃\n"
                              "一季度，全市共登记技术合同交易1260份，成交额突破35亿元。\n")
    facts = {t.value: t for t in corpus.targets}
    assert facts[1260].kind == "achievement" and facts[35].kind == "achievement"
    assert "一季度" in facts[1260].why


def test_the_reason_for_kind_and_year_is_exported(tmp_path):
    from plankg.reports import target_rows

    corpus = _facts(tmp_path, "某市“十三五”科技创新发展规划\n一、发展基础\n全市拥有省级以上研发机构85家。\n")
    row = next(r for r in target_rows(corpus) if r["value"] == 85)
    assert row["kind"] == "achievement" and row["year"] == 2015 and "发展基础" in row["why"]


def test_a_five_year_plan_whose_title_runs_into_its_date_line_keeps_the_plans_years(tmp_path):
    corpus = _facts(tmp_path, "某市科学技术局 2022年6月7日 某市科学技术“十四五”发展规划\n"
                              "一、发展基础\n全市高新技术企业达到120家。\n")
    assert corpus.documents[0].years == (2021, 2022, 2023, 2024, 2025)
    assert [(t.kind, t.year) for t in corpus.targets] == [("achievement", 2020)]


def test_last_year_opening_a_paragraph_dates_the_sentences_after_it(tmp_path):
    corpus = _facts(tmp_path, "去年全省技术合同成交额创新高\n发布时间：2022-03-18\n"
                              "记者从省科技厅获悉，去年，全省共登记技术合同1.6万项。成交额居前三位的设区市占全省的比例分别为59.2%、33.2%和2.8%。\n")
    facts = {t.value: t for t in corpus.targets}
    assert {(facts[v].kind, facts[v].year) for v in (59.2, 33.2, 2.8)} == {("achievement", 2021)}


def test_a_count_of_selections_is_not_a_result():
    from plankg.ingest.context import ClauseContext
    from plankg.ingest.facts import find_facts

    facts = find_facts("新增省级重点人才项目入选数10个", ClauseContext("plan", 2024, None, today=2024))
    assert [(f.value, f.kind) for f in facts] == [(10, "target")]


def test_a_work_reports_past_five_years_are_results_and_its_next_five_years_goals(tmp_path):
    corpus = _facts(tmp_path, "某市2022年政府工作报告\n"
                              "一、过去五年工作回顾\n"
                              "全市高新技术企业达到860家。\n"
                              "二、今后五年主要目标任务\n"
                              "高新技术企业达到1500家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[860].kind, facts[860].year) == ("achievement", 2021) and "reviews 2017–2021" in facts[860].why
    assert (facts[1500].kind, facts[1500].year) == ("target", 2026) and "plans 2022–2026" in facts[1500].why


def test_a_quarter_in_a_work_plan_schedules_work_rather_than_reporting_it(tmp_path):
    corpus = _facts(tmp_path, "某县2024年科技工作要点\n一季度，完成高新技术企业申报辅导50家。\n")
    assert [(t.value, t.kind) for t in corpus.targets] == [(50, "target")]


def test_a_section_on_how_targets_were_set_plans_despite_its_qingkuang(tmp_path):
    text = ("某区2023年度考核指标目标设定情况汇报\n一、6项考核指标设置情况\n"
            "规模以上工业增加值：增长7%（依据年初目标设置），责任单位为区经信局；\n"
            "某产业产值：产值增长12%（依据年初目标设置），责任单位为区发改局；\n")
    facts = {t.value: t for t in _facts(tmp_path, text).targets}
    assert facts[7].kind == "target" and facts[12].kind == "target"
    assert "设置情况" in facts[7].why
    # the label before the colon names the indicator, not the bare 增长
    assert facts[7].indicator == "规模以上工业增加值" and facts[12].indicator == "某产业产值"
    assert [o.surface for o in facts[7].owners] == ["区经信局"]


def test_an_undated_meeting_report_naming_last_year_speaks_from_the_year_after(tmp_path):
    text = ("前几天召开的全省科技工作会，梳理去年成绩，部署今年任务。\n"
            "会上通报了去年工作。2021年，我省技术合同成交额达到150亿元，新增高新技术企业300家。\n"
            "今年的奋斗目标是：力争技术合同成交额达到180亿元；高新技术企业突破2000家。\n")
    facts = {t.value: t for t in _facts(tmp_path, text).targets}
    assert {v: (facts[v].kind, facts[v].year) for v in (150, 300, 180, 2000)} == {
        150: ("achievement", 2021), 300: ("achievement", 2021), 180: ("target", 2022), 2000: ("target", 2022)}


def test_a_yearbook_entry_dates_its_results_by_the_year_after_its_label(tmp_path):
    text = ("某某开发区\n发布时间：2024-05-06\n【摘要】：2021年，某某开发区推动经济发展。\n"
            "【概况】 2021年，某某开发区围绕产业体系推动发展。全年实现营业收入210.5亿元，同比增长4.1%；"
            "完成工业总产值60.2亿元。\n")
    facts = {t.value: t for t in _facts(tmp_path, text).targets}
    assert {v: (facts[v].kind, facts[v].year) for v in (210.5, 4.1, 60.2)} == {
        210.5: ("achievement", 2021), 4.1: ("achievement", 2021), 60.2: ("achievement", 2021)}


def test_changes_under_a_span_lead_run_from_its_first_year_to_its_last(tmp_path):
    text = ("某省科技创新发展报告\n2018-2022年，全省高新技术企业由5000家增至1.5万家，增长200%；"
            "科技型中小企业由3000家增至2万家，增长500%；技术合同成交额由900亿元增至2000亿元。\n")
    facts = {t.value: t for t in _facts(tmp_path, text).targets}
    assert {v: (facts[v].kind, facts[v].year) for v in (5000, 15000, 3000, 20000, 900, 2000)} == {
        5000: ("achievement", 2018), 15000: ("achievement", 2022), 3000: ("achievement", 2018),
        20000: ("achievement", 2022), 900: ("achievement", 2018), 2000: ("achievement", 2022)}


def test_a_goal_a_result_met_is_a_goal_of_the_same_year(tmp_path):
    text = ("某市科技局2022年工作总结\n一、主要成效\n——科技企业快速增长。2022年高新技术企业净增数突破180家，"
            "超额完成全年净增120家目标任务，总数突破600家。科技型中小企业总数达700家，超额完成全年总数550家目标任务。\n")
    facts = {t.value: t for t in _facts(tmp_path, text).targets}
    assert {v: (facts[v].kind, facts[v].year) for v in (180, 120, 600, 700, 550)} == {
        180: ("achievement", 2022), 120: ("target", 2022), 600: ("achievement", 2022),
        700: ("achievement", 2022), 550: ("target", 2022)}
    assert "净增" in facts[120].indicator and "总数" in facts[550].indicator
