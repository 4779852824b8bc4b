"""Which year a statement speaks of: baselines, relative periods and the document's own date (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _corpus(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


def test_a_baseline_year_in_a_change_does_not_date_the_new_value_or_the_parts_after_it(tmp_path):
    # 由2019年的a增加至b: b is the year reported on, not the baseline's year
    corpus = _corpus(tmp_path, "某市科技局2022年工作总结\n一、2022年工作完成情况\n"
                               "全市科技型企业占企业总数的比重由2019年的0.52%增加至0.77%，全市众创空间达到46家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[0.77].kind, facts[0.77].year) == ("achievement", 2022)
    assert (facts[46].kind, facts[46].year) == ("achievement", 2022)


def test_a_multiple_of_an_earlier_year_leaves_the_sentences_own_year_in_force(tmp_path):
    # 2022年X是2017年的4倍；Y达到3家: the parts after the multiple speak of 2022 too
    corpus = _corpus(tmp_path, "某省2022年科技工作总结\n"
                               "五年来，全省科技工作成效明显。2022年研发投入是2017年的4倍；众创空间数量是2017年的2倍；"
                               "省级孵化器数量达到3家，首次实现零的突破。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[3].kind, facts[3].year) == ("achievement", 2022)
    assert facts[4].year == 2022


def test_an_official_title_broken_over_lines_under_its_number_dates_the_bulletin(tmp_path):
    # 公文: number line, issuing body, title broken before its genre word printed spaced on its own line
    corpus = _corpus(tmp_path, "某发改办〔2019〕12号\n某市经济运行监测办公室\n关于2019年上半年重点指标完成情况的\n通  报\n"
                               "各县区人民政府：\n现将有关情况通报如下：\n"
                               "上半年，全市完成地区生产总值512.3亿元，同比增长8.1%。\n完成固定资产投资301.6亿元。\n")
    doc = corpus.documents[0]
    assert doc.title == "关于2019年上半年重点指标完成情况的通报"
    assert doc.reported_years == (2019,)
    facts = {t.value: t for t in corpus.targets}
    for value in (512.3, 8.1, 301.6):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2019), value


def test_a_news_lede_citing_the_meeting_it_heard_at_dates_the_goals(tmp_path):
    # 记者从全省2021科技工作会议上获悉 (the meeting's name without 年): 今年's goals are the meeting year's
    corpus = _corpus(tmp_path, "某报讯 记者日前从全省2021科技工作会议上获悉，去年全省技术合同成交额稳步增长。\n"
                               "今年，全省将力争高新技术企业总数达到3200家，新增省级孵化器15家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[3200].kind, facts[3200].year) == ("target", 2021)
    assert (facts[15].kind, facts[15].year) == ("target", 2021)


def test_a_quarter_named_without_its_year_is_the_year_the_news_ran(tmp_path):
    corpus = _corpus(tmp_path, "某县全力冲刺下半年发展目标\n\n发布机构：某县政府 发布时间：2022-07-20\n\n"
                               "力争三季度全县地区生产总值增长7.5%以上，规上工业增加值增长9%以上。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[7.5].kind, facts[7.5].year) == ("target", 2022)
    assert (facts[9].kind, facts[9].year) == ("target", 2022)


def test_a_news_datelines_date_with_its_time_and_source_dates_the_report(tmp_path):
    # 2021年11月03日 16:40 来源：… under the headline: 今年前三季度 and 截至9月底 are that year's
    corpus = _corpus(tmp_path, "前三季度某市创新指标稳步提升\n2021年11月03日 16:40 来源：某某晚报\n"
                               "记者从市科技局获悉，今年前三季度，全市技术合同登记额达到41.7亿元，同比增长18%。"
                               "截至9月底，全市有效期内高新技术企业达到930家。\n")
    assert corpus.documents[0].published == "2021-11-03"
    facts = {t.value: t for t in corpus.targets}
    for value in (41.7, 18, 930):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2021), value


def test_a_report_dated_under_its_title_speaks_from_that_year(tmp_path):
    corpus = _corpus(tmp_path, "关于某县科技创新工作情况的汇报\n（2022年10月）\n"
                               "截至目前，全县拥有国家高新技术企业57家，比去年同期增加9家。"
                               "明年，全县将力争高新技术企业突破70家。\n")
    assert corpus.documents[0].reported_years == (2022,)
    facts = {t.value: t for t in corpus.targets}
    assert (facts[57].kind, facts[57].year) == ("achievement", 2022)
    assert (facts[70].kind, facts[70].year) == ("target", 2023)


def test_a_report_on_a_plans_execution_keeps_its_whole_title_and_reports(tmp_path):
    corpus = _corpus(tmp_path, "某县人民政府关于2021年度国民经济和社会发展计划执行情况的报告\n"
                               "全年实现地区生产总值208.4亿元，增长7.2%。\n")
    doc = corpus.documents[0]
    assert doc.title.endswith("计划执行情况的报告") and doc.reported_years == (2021,)
    facts = {t.value: t for t in corpus.targets}
    assert (facts[208.4].kind, facts[208.4].year) == ("achievement", 2021)


def test_a_report_on_a_five_year_period_dates_its_changes_from_before_the_period_to_its_end(tmp_path):
    corpus = _corpus(tmp_path, "某县“十三五”时期科技创新发展情况\n"
                               "“十三五”期间，全县高新技术企业由23家增加到81家，研发投入强度由1.1%提高到1.6%。\n")
    facts = {t.value: t for t in corpus.targets}
    assert {v: (facts[v].kind, facts[v].year) for v in (23, 81, 1.1, 1.6)} == {
        23: ("achievement", 2015), 81: ("achievement", 2020), 1.1: ("achievement", 2015), 1.6: ("achievement", 2020)}


def test_a_year_leading_a_paragraph_straight_into_its_subject_dates_the_whole_paragraph(tmp_path):
    # 2021年我市…。其中，…: no comma after the year, and the next sentence goes on with the same year
    corpus = _corpus(tmp_path, "研发投入保持较快增长\n"
                               "2021年我市研发经费支出达到38.4亿元，较上年增长9.6%。其中，企业研发经费达到31.2亿元，"
                               "较上年增长12.4%。\n")
    assert corpus.documents[0].reported_years == (2021,)
    facts = {t.value: t for t in corpus.targets}
    for value in (38.4, 31.2, 12.4):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2021), value


def test_growth_over_a_list_of_earlier_years_is_the_statements_own_year(tmp_path):
    corpus = _corpus(tmp_path, "某省科技型中小企业数量再创新高\n"
                               "2023年，全省评价入库科技型中小企业达到3120家，分别比2021年和2022年增长118%、64.5%。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[118].year, facts[64.5].year) == (2023, 2023)


def test_a_division_of_the_government_work_report_named_zeren_fenjie_sets_goals(tmp_path):
    corpus = _corpus(tmp_path, "某县人民政府办公室关于印发政府工作报告2023年重点工作责任分解的通知 |\n"
                               "一、县长牵头重点工作\n1.全县生产总值增长6.5%左右；\n2.一般公共预算收入增长7%。\n")
    doc = corpus.documents[0]
    assert doc.doc_type == "responsibility_table" and not doc.title.endswith("|")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[6.5].kind, facts[6.5].year) == ("target", 2023)
    assert (facts[7].kind, facts[7].year) == ("target", 2023)


def test_a_plan_cited_in_title_marks_neither_a_goal_nor_a_year(tmp_path):
    # 根据《…计划(2019-2025年)》: the cited plan's 计划 and 2025年 belong to its title, not the statement
    corpus = _corpus(tmp_path, "某省发布2022年县域创新能力评价结果\n2023-03-01 10:20 来源：某某日报\n"
                               "根据《某省县域创新跃升计划(2019-2025年)》，省科技厅组织开展评价，27个县获评A类，比上年增加6个。\n")
    facts = {t.value: t for t in corpus.targets}
    assert facts[27].kind == "achievement" and facts[27].year != 2025
    assert facts[6].kind == "achievement"


def test_the_state_at_the_time_of_writing_in_a_plan_is_a_result_of_the_year_it_speaks_from(tmp_path):
    corpus = _corpus(tmp_path, "某县科技创新三年行动方案（2024—2026年）\n"
                               "目前，全县拥有省级科技型中小企业215家，县级以上研发平台34个。\n"
                               "到2026年，全县省级科技型中小企业达到320家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[215].kind, facts[215].year) == ("achievement", 2024)
    assert (facts[34].kind, facts[34].year) == ("achievement", 2024)
    assert (facts[320].kind, facts[320].year) == ("target", 2026)
