"""Causes of questions missed on a first run over unseen plans, each with a composed document.

- A figure extraction did not read (a table written with bare numbers, a figure of another year
  in the same sentence) is quoted from the clause that writes the asked words, marked as found text.
- A part of a question that names its own place or year and subject is its own question.
- A county's short name inside an everyday word (新增城镇) is no place when another place is named.
- A plan mirrored in traditional characters has its figures shown as it writes them.
- A zone no document states (X示范区) is answered from the reports that keep naming it.
- English words reach a phrase the plans write (national-level high-level innovative talents).

Places, years and numbers are made up for each pattern.
"""
from __future__ import annotations

import pytest

from plankg.qa.found_clause import _quote, _shared
from plankg.qa.parts import split_parts
from plankg.qa.places import parse_places
from tests.qa.conftest import engine_over_texts

TABLE = """湘东区2019年1-6月重点民生实事完成情况表

新增城镇就业 区人社局 6120 4385
城市棚户区改造 区住建局 3200 1650
"""
SUMMARY = """永修县科学技术局2020年工作总结

今年全县科技工作稳步推进，全县专利授权量实现较快增长。
科技型企业数量快速增长,从2017年的120多家增长到了2020年底的310家,提前完成“十三五”末达到300家的目标。
"""
TRADITIONAL = """關于加快數字基礎設施建設的若干措施

一、加快網絡建設。新開通5G基站8萬個以上,總數達到21萬個以上。(責任單位:省通信管理局、省工業和信息化廳)
"""
ZONE = """记者从桃源示范区获悉

近日,桃源示范区科技局被评为全省科技系统先进集体。桃源示范区成立以来,科技创新工作成效明显。
2023年,桃源示范区新认定高新技术企业12家,高新技术企业总数达到41家;完成技术合同交易额3.18亿元。
"""
PROVINCE = """湖南省科技厅召开新闻发布会

2023年全省有研发活动的规上工业企业占比升至33.2%，国家级高层次创新人才数量达到94人。
2024年，全省技术合同成交额力争达到2800亿元。云溪高新区预计到2028年数字软件产业实现产值300亿元。
"""
COUNTY_PLAN = """县科学技术局2022年工作思路

2022年奋斗目标:实现科技研发投入860万元,实施科技项目12个,认定科技型中小企业6家。
近日，省里专家来湘考察科技特派员工作。
"""
PREFECTURE = """2013年,我州科技创新工作围绕全州发展大局

年内实际到位科技经费2150万元,较去年增长18%。我州获省科技进步奖4项。湖南的兄弟州也来交流。
"""
BREAKDOWN = """株洲市人民政府办公室关于印发2023年政府工作报告重点工作责任分解的通知

一、未来五年主要工作任务

1.地方财政总收入超过760亿元,税收占比稳定在七成以上。(责任单位:市财政局)
"""
INDUSTRY_TRADITIONAL = """縣工業經濟運行情況

1-6月,全縣規上工業增加值增長8.3%;工業研發投入3.15億元,占比2%;完成“科貸通”900萬元。
"""
ZONE_NEWS = """云溪高新区2024年前三季度经济运行简况

2024年1-9月,云溪高新区规上工业增加值同比增长7.6%。预计到2028年,云溪高新区数字软件产业产值将达到450亿元。
"""


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    engine = engine_over_texts(tmp_path_factory, "first-run", {
        "table.txt": TABLE, "summary.txt": SUMMARY, "traditional.txt": TRADITIONAL, "zone.txt": ZONE,
        "province.txt": PROVINCE, "zone_news.txt": ZONE_NEWS, "county_plan.txt": COUNTY_PLAN,
        "prefecture.txt": PREFECTURE, "breakdown.txt": BREAKDOWN, "industry.txt": INDUSTRY_TRADITIONAL})
    yield engine
    engine.close()


# ---- a figure extraction missed, quoted from its clause ------------------------------------------
def test_a_table_figure_no_fact_holds_is_quoted_as_found_text(qa):
    answer = qa.ask("湘东区2019年城市棚户区改造完成了多少？")
    assert not answer.found  # unknown stays unknown: no value is read out of the clause
    assert "3200 1650" in answer.answer and "未抽取为事实" in answer.answer
    assert any(item.get("found_by") == "search" for item in answer.evidence)
    assert not answer.rows
    assert "3200 1650" in answer.lead and "未找到抽取的事实" in answer.lead  # what `plankg ask` prints


def test_the_same_question_in_english_quotes_it_too(qa):
    answer = qa.ask("How much 城市棚户区改造 did Xiangdong district complete in 2019?")
    assert "3200 1650" in answer.answer and "not an extracted fact" in answer.answer


def test_a_figure_of_the_asked_year_beside_another_is_quoted_with_the_facts(qa):
    # the facts read from this sentence carry 2020: the sentence writes 2017 and its figure
    answer = qa.ask("永修县科技型企业数量从2017年的多少家增长到了多少？")
    assert "从2017年的120多家" in answer.answer and "原文" in answer.answer


def test_a_clause_of_another_place_is_never_quoted(qa):
    answer = qa.ask("湘东区2019年技术合同成交额是多少？")
    assert "2800" not in answer.answer and "原文（未抽取" not in answer.answer


def test_the_quote_starts_at_the_asked_words_and_stops_at_the_sentence():
    text = "全年工作有序推进。新增城镇就业区人社局6120 4385;城市棚户区改造区住建局3200 1650。"
    assert _quote(text, ["新增城镇就业"]) == "新增城镇就业区人社局6120 4385;"
    assert _quote(text, ["科技特派员"]) is None
    assert _shared(["新增城镇就业的目标"], text) == "新增城镇就业"
    assert _shared(["目标"], text) == ""


# ---- several parts ------------------------------------------------------------------------------
def test_a_part_with_its_own_place_year_and_subject_is_its_own_question(qa):
    answer = qa.ask("云溪高新区预计到2028年数字软件产业产值达到多少？2024年1-9月规上工业增加值增长多少？")
    first, second = answer.answer.split("（2）")
    assert "450亿元" in first and "7.6%" in second


def test_english_and_what_starts_a_second_part_and_their_takes_the_subject():
    assert split_parts("How many labs did Xinyu have and what was their output?", "en") == [
        "How many labs did Xinyu have,", " and what was their output?"]
    assert split_parts("What are the targets for R&D and innovation in Xinyu?", "en") == [
        "What are the targets for R&D and innovation in Xinyu?"]


def test_english_words_reach_a_phrase_the_plans_write(qa):
    answer = qa.ask("How many national-level high-level innovative talents did Hunan have in 2023?")
    assert "94" in answer.answer


# ---- places --------------------------------------------------------------------------------------
def test_a_county_short_name_inside_a_word_is_no_place_beside_a_named_one():
    assert parse_places("岳阳楼区2017年新增城镇就业的目标是多少").regions == ("岳阳楼区",)
    assert parse_places("路桥区和椒江的目标").regions == ("路桥区", "椒江区")  # a sibling stays


def test_a_zone_no_document_states_is_answered_from_the_reports_naming_it(qa):
    answer = qa.ask("桃源示范区2023年完成技术合同交易额多少？高新技术企业总数达到多少家？")
    assert "3.18亿元" in answer.answer and "41家" in answer.answer
    assert "桃源示范区" in answer.answer


# ---- how values are written ------------------------------------------------------------------------
def test_a_plan_in_traditional_characters_has_its_figures_as_written(qa):
    answer = qa.ask("关于加快数字基础设施建设的措施要求新开通5G基站多少个？")
    assert "8萬個以上" in answer.answer and "以上以上" not in answer.answer


def test_a_place_below_a_named_province_is_found_in_documents_stating_none(qa):
    # 这个湖南的县: no county is named; the county bureau's plan states no place
    answer = qa.ask("这个湖南的县科技局2022年计划实现科技研发投入多少、实施科技项目多少个？")
    assert "860万元" in answer.answer and "12个" in answer.answer
    assert "文件未写明地区" in answer.answer
    answer = qa.ask("2013年这个湖南的州年内实际到位科技经费多少，较去年增长多少？")
    first, second = answer.answer.split("（2）")
    assert "2150万元" in first and "18%" in second  # the growth beside the figure, whatever its kind


def test_the_province_itself_is_not_answered_from_a_county_document(qa):
    answer = qa.ask("湖南省2022年实施科技项目多少个？")
    assert "12个" not in answer.answer


def test_an_owner_question_by_the_year_of_the_breakdown_gets_the_goal_it_assigns(qa):
    # the 2023 breakdown assigns a goal of the next five years: its unit still answers, said so
    answer = qa.ask("In Zhuzhou's 2023 task breakdown, which unit is responsible for total fiscal revenue?")
    assert "市财政局" in answer.answer and "another year" in answer.answer
    answer = qa.ask("株洲市2023年财政总收入目标由哪个单位负责？")
    assert "市财政局" in answer.answer and "所问年份的文件" in answer.answer


def test_two_figures_asked_around_a_list_comma_are_two_parts():
    assert split_parts("甲县2021年科技研发投入多少、实施科技项目多少个？", "zh") == [
        "甲县2021年科技研发投入多少、", "实施科技项目多少个？"]
    assert split_parts("甲县高新技术企业、科技型中小企业各多少家？", "zh") == ["甲县高新技术企业、科技型中小企业各多少家？"]


def test_english_words_reach_a_written_phrase_and_its_figure_as_the_source_writes_it(qa):
    answer = qa.ask("In the county industry report, how much industrial R&D investment was made in January-June?")
    assert "3.15億元" in answer.answer + str(answer.rows)
