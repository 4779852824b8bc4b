"""When a report speaks: dates in page chrome, file-name titles, headline-less news, annual meetings (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.frames import section_frame
from plankg.ingest.metadata import detect_published
from plankg.ingest.titles import detect_title


def _corpus(tmp_path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


def test_a_news_banners_bare_publish_field_dates_the_report(tmp_path):
    assert detect_published("来源:某某晚报 发布:2023-07-10 08:15:02") == "2023-07-10"
    corpus = _corpus(tmp_path, "今年1-6月 某市技术合同成交额同比增长15%\n\n来源:某某晚报 发布:2023-07-10 08:15:02\n"
                               "7月8日，市科技局召开半年度科技工作会议。\n\n"
                               "今年1-6月，全市技术合同成交额达36.5亿元，同比增长15%；新认定科技型中小企业812家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[36.5].kind, facts[36.5].year) == ("achievement", 2023)
    assert (facts[812].kind, facts[812].year) == ("achievement", 2023)


def test_a_disclosure_pages_field_table_is_chrome_and_its_date_field_is_read(tmp_path):
    text = ("[ 索引号 ] | 1150xxxx/2022-00017 | [ 发文字号 ] | 某府发〔2022〕9号 |\n"
            "[ 发布机构 ] | 某区发展改革委 | ||\n[ 成文日期 ] | 2022-03-14 | [ 发布日期 ] | 2022-04-01 |\n"
            "某市某区“十四五”科技创新规划\n某区科学技术局\n2022年3月\n"
            "“十四五”时期，是全区科技创新的关键时期。\n")
    assert detect_title(text) == "某市某区“十四五”科技创新规划"
    assert detect_published(text) == "2022-03-14"
    corpus = _corpus(tmp_path, text)
    assert corpus.documents[0].years == (2021, 2022, 2023, 2024, 2025)


def test_a_document_sites_preview_takes_its_file_name_as_title_and_reports(tmp_path):
    corpus = _corpus(tmp_path, "收藏 分享(赏)\n\n2022年某县科技局工作总结及工作打算.docx\n\n"
                               "上传人:a****b 文档编号:123456 上传时间:2022-11-20 格式:DOCX 页数:8\n"
                               "下载 相关 举报\n资源描述\n\n"
                               "1、某县科技局XX年工作总结及XX年工作打算 今年以来，全县科技工作稳步推进。"
                               "目前，全县共有高新技术企业23家，新增产学研合作企业41家；共申报市级以上科技项目17项，争取资金260万元。\n")
    doc = corpus.documents[0]
    assert doc.title == "2022年某县科技局工作总结及工作打算" and doc.reported_years == (2022,)
    facts = {t.value: t for t in corpus.targets}
    for value in (23, 41, 17, 260):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2022), value
    # A summary's 争取资金 is money secured, not a goal.
    assert "争取" not in facts[260].why


def test_a_heading_naming_a_summary_and_a_plan_frames_neither():
    assert section_frame("一、某局XX年工作总结及XX年工作打算", 2023, 2022) is None
    assert section_frame("二、2023年工作打算", 2023, 2022).mode == "plan"


def test_a_headline_less_meeting_report_reviews_the_year_before_and_plans_its_own(tmp_path):
    corpus = _corpus(tmp_path, "3月2日，2024年某省科技工作会议在某市召开。会议回顾总结了2023年全省科技工作，研究部署2024年重点任务。\n"
                               "据省科技厅统计，截至去年年底，全省高新技术企业达到6420家；技术合同成交额达到512亿元。\n"
                               "在平台建设方面，新增省级重点实验室9个、工程技术研究中心31个。\n"
                               "今年，全省将新增高新技术企业800家。\n")
    doc = corpus.documents[0]
    assert doc.title == "3月2日，2024年某省科技工作会议在某市召开"
    assert (doc.years, doc.reported_years) == ((2024,), (2023,))
    facts = {t.value: t for t in corpus.targets}
    for value in (6420, 512, 9, 31):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2023), value
    assert (facts[800].kind, facts[800].year) == ("target", 2024)


def test_an_annual_meeting_named_only_in_the_opening_sets_both_years(tmp_path):
    corpus = _corpus(tmp_path, "1月20日，2025年全区科技工作会议召开。\n"
                               "2024年全区科技成果丰硕。全年技术合同成交额超60亿元，同比增长约18%。\n"
                               "2025年，全区将新建中试平台4个。\n")
    doc = corpus.documents[0]
    assert (doc.years, doc.reported_years) == ((2025,), (2024,))
    facts = {t.value: t for t in corpus.targets}
    assert (facts[60].kind, facts[60].year) == ("achievement", 2024)
    assert (facts[4].kind, facts[4].year) == ("target", 2025)


def test_the_whole_year_in_a_review_section_is_the_year_reviewed(tmp_path):
    corpus = _corpus(tmp_path, "2024年某县政府工作报告\n一、2023年工作回顾\n"
                               "全年落地招商项目37个，到位资金21.4亿元。\n二、2024年工作安排\n"
                               "力争落地招商项目40个以上。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[37].kind, facts[37].year) == ("achievement", 2023)
    assert (facts[21.4].kind, facts[21.4].year) == ("achievement", 2023)
    assert (facts[40].kind, facts[40].year) == ("target", 2024)


def test_a_year_and_jiang_leading_a_sentence_make_goals_of_all_its_parts(tmp_path):
    corpus = _corpus(tmp_path, "2月5日，2025年某省科技工作会议召开。2024年，全省技术合同成交额达到410亿元。\n"
                               "2025年，全省将启动实施重大专项12项；实施35项以上成果转化项目，建设6个中试平台，选派300名科技特派员。\n")
    facts = {t.value: t for t in corpus.targets}
    for value in (12, 35, 6, 300):
        assert (facts[value].kind, facts[value].year) == ("target", 2025), value
    assert (facts[410].kind, facts[410].year) == ("achievement", 2024)


def test_a_paragraph_opening_with_the_last_plan_period_reviews_it(tmp_path):
    corpus = _corpus(tmp_path, "某市某区“十四五”科技创新规划\n"
                               "“十三五”期间，全区科技创新能力持续提升。研发经费支出占地区生产总值比重提高至2.87%，高新技术企业达到146家。\n"
                               "“十四五”期间，高新技术企业达到300家。\n")
    facts = {t.value: t for t in corpus.targets}
    for value in (2.87, 146):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2020), value
        assert "“十三五”期间 reviews 2016–2020" in facts[value].why
    assert facts[300].kind == "target"


def test_a_meeting_named_after_zhaokai_and_summed_up_with_huigu_dates_both_parts(tmp_path):
    corpus = _corpus(tmp_path, "某省科技工作蓄力开局\n2023-02-06 10:12:01 来源:某某网\n"
                               "2月3日，某省科技厅召开2023年全省科技工作会议，总结回顾2022年全省科技创新工作，安排部署2023年重点工作任务。\n"
                               "全省科技系统全年兑现科技创新券项目41项，补助经费612万元；认定高新技术企业728家。\n")
    doc = corpus.documents[0]
    assert (doc.years, doc.reported_years) == ((2023,), (2022,))
    facts = {t.value: t for t in corpus.targets}
    for value in (41, 612, 728):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2022), value


def test_a_share_of_the_years_target_reached_is_a_result(tmp_path):
    corpus = _corpus(tmp_path, "某县2024年科技工作总结\n全年完成技术合同成交额3.6亿元，达到年度目标任务的112.5%。"
                               "截至目前，共争取上三级科技经费860万元。\n")
    facts = {t.value: t for t in corpus.targets}
    assert facts[112.5].kind == "achievement"
    assert facts[860].kind == "achievement"


def test_a_comparison_with_last_year_does_not_date_the_parts_after_it(tmp_path):
    corpus = _corpus(tmp_path, "某市2024年科技工作综述\n2025-01-15 来源：某市日报\n"
                               "2024年，全市高新技术企业达到1024家，较上年净增136家；科技型中小企业评价入库2856家，增长21%；"
                               "技术合同成交额达到186.3亿元。\n")
    facts = {t.value: t for t in corpus.targets}
    for value in (1024, 136, 2856, 21, 186.3):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2024), value


def test_a_summary_hiding_its_year_before_next_years_plan_proposes_the_year_before_the_plan(tmp_path):
    # never the plan's own year; the year before it only as a proposal, marked inferred with its reason
    corpus = _corpus(tmp_path, "区科技局202x年度工作总结及2025年度工作计划\n"
                               "今年以来，区科技局紧盯各项重点工作。按照决胜全年红的工作目标，202x年全区R&D占比达到3.12%。"
                               "1-10月，全区高新技术产业增加值增速21.4%。\n")
    facts = {t.value: t for t in corpus.targets}
    for value in (3.12, 21.4):
        assert (facts[value].kind, facts[value].year, facts[value].year_inferred) == ("achievement", 2024, True), value
        assert "plan for 2025" in facts[value].year_reason


def test_a_summary_hiding_its_year_alone_leaves_its_results_undated(tmp_path):
    corpus = _corpus(tmp_path, "区科技局202x年度工作总结\n"
                               "今年以来，区科技局紧盯各项重点工作。1-10月，全区高新技术产业增加值增速21.4%。\n")
    [fact] = corpus.targets
    assert (fact.kind, fact.year) == ("achievement", None)


def test_a_programmes_edition_is_not_the_year_of_the_statement(tmp_path):
    corpus = _corpus(tmp_path, "某市科技局2023年度工作总结\n一、2023年各项工作成效\n"
                               "全年达成项目合作48项，申报2024年度省重点研发计划项目12项，新产品通过技术鉴定96项。"
                               "全市技术合同登记18.2亿元，完成省定目标126%。\n")
    facts = {t.value: t for t in corpus.targets}
    for value in (48, 12, 96, 126):
        assert (facts[value].kind, facts[value].year) == ("achievement", 2023), value


def test_a_heading_that_reviews_before_it_plans_opens_no_goal_list(tmp_path):
    corpus = _corpus(tmp_path, "根据有关文件，制定本规划。\n一、发展基础、形势使命与远景目标\n"
                               "（一）“十三五”时期科技创新主要进展\n"
                               "——主要指标大体完成规划目标。2020年全市研发经费支出占生产总值比重达到3.6%左右，新设企业12.4万户。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[3.6].kind, facts[3.6].year) == ("achievement", 2020)
    assert facts[124_000].kind == "achievement"


def test_a_series_point_at_a_year_is_no_horizon(tmp_path):
    corpus = _corpus(tmp_path, "某县科技创新“十四五”规划\n规划的基准年为2020年，规划期限为2021-2025年。\n"
                               "一、发展基础\n高新技术产业增加值占规上工业增加值比重从2015年的28.4%提升至2020年的61.3%。\n")
    doc = corpus.documents[0]
    assert doc.years == (2021, 2022, 2023, 2024, 2025)
    assert doc.title == "某县科技创新“十四五”规划"
    facts = {t.value: t for t in corpus.targets}
    assert (facts[61.3].kind, facts[61.3].year) == ("achievement", 2020)


def test_a_target_table_flattened_into_one_line_gives_each_rows_goal(tmp_path):
    corpus = _corpus(tmp_path, "某省全面小康指标及计算方法指标名称计量单位2020 年目标值资料来源一、经济发展"
                               "1 地区生产总值(2010 年不变价)亿元翻一番(全省人均GDP ≥ 9万元) 省统计局"
                               "2 数字经济增加值占GDP 比重% ≥ 12省统计局3 每万人口发明专利拥有量件≥ 18省知识产权局"
                               "4 每万劳动力中研发人员数人年≥130省统计局5 科技进步贡献率% ≥ 62省科技厅\n")
    facts = {t.value: t for t in corpus.targets}
    expected = {9: ("万元", "人均GDP"), 12: ("%", "数字经济增加值占GDP比重"), 18: ("件", "每万人口发明专利拥有量"),
                130: ("人年", "每万劳动力中研发人员数"), 62: ("%", "科技进步贡献率")}
    for value, (unit, name) in expected.items():
        fact = facts[value]
        assert (fact.kind, fact.year, fact.unit) == ("target", 2020, unit), value
        assert fact.indicator.endswith(name), (value, fact.indicator)


def test_target_columns_named_by_the_plans_years_are_dated_in_a_one_cell_a_line_table(tmp_path):
    cells = ["序号", "指标名称", "前三年目标任务", "五年目标任务", "牵头部门", "配合部门",
             "1", "科技型中小企业数量（家）", "120", "200", "县科技局", "县财政局",
             "2", "技术合同成交额（亿元）", "3.5", "6", "县科技局", "县商务局"]
    corpus = _corpus(tmp_path, "某县科技创新“十四五”规划主要指标任务分解表\n|\n" + "\n|\n".join(cells) + "\n|\n")
    facts = {(t.indicator, t.value): t for t in corpus.targets}
    assert (facts["科技型中小企业数量", 120].year, facts["科技型中小企业数量", 200].year) == (2023, 2025)
    assert (facts["技术合同成交额", 3.5].year, facts["技术合同成交额", 6].year) == (2023, 2025)
    assert facts["技术合同成交额", 6].unit == "亿元" and facts["技术合同成交额", 6].kind == "target"
    assert 'column "前三年目标任务"' in facts["科技型中小企业数量", 120].why


def test_a_half_year_meeting_is_no_annual_review_of_the_year_before(tmp_path):
    corpus = _corpus(tmp_path, "7月6日，2023年全市半年度科技工作会议召开。\n"
                               "上半年，全市新增科技型中小企业入库518家，技术合同成交额同比增长19%。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[518].kind, facts[518].year) == ("achievement", 2023)


def test_five_years_back_end_with_a_year_end_reports_own_year_and_before_a_plans(tmp_path):
    summary = _corpus(tmp_path, "某市科技局2022年工作总结\n五年来，全市高新技术企业累计达到560家。\n", "summary.txt")
    fact = summary.targets[0]
    assert (fact.kind, fact.year) == ("achievement", 2022) and "reviews 2018–2022" in fact.why
    plan = _corpus(tmp_path, "某市科技创新“十四五”规划\n五年来，全市高新技术企业累计达到480家。\n", "plan.txt")
    fact = plan.targets[0]
    assert (fact.kind, fact.year) == ("achievement", 2020) and "reviews 2016–2020" in fact.why


def test_a_result_beating_its_goal_is_a_result(tmp_path):
    corpus = _corpus(tmp_path, "2021年某县政府工作报告\n一、过去五年工作回顾\n"
                               "2020年一般公共预算收入3.12亿元，较上年增长9.4%，高于年初人代会7%的目标2.4个百分点。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[2.4].kind, facts[2.4].year) == ("achievement", 2020)
    assert (facts[9.4].kind, facts[9.4].year) == ("achievement", 2020)
