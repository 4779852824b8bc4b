"""A plan dividing up a year's government work report: its genre, its year, and items run on after owner blocks."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.genre import detect_doc_type, detect_years


def test_a_cited_work_report_is_not_the_titles_genre():
    title = "山西省人民政府关于落实《政府工作报告》重点工作责任分工的意见"
    assert detect_doc_type(title) == "responsibility_table"


def test_the_year_of_the_divided_report_is_the_plans_year():
    title = "山西省人民政府关于落实《政府工作报告》重点工作责任分工的意见"
    text = title + "\n  现就2016年《政府工作报告》确定的重点工作任务提出责任分工意见如下：\n  一、地区生产总值增长7%左右。\n"
    planned, _ = detect_years(title, "responsibility_table", [], text, "2016-03-20")
    assert planned == (2016,)


def test_an_item_run_on_after_the_owner_block_of_the_one_before_is_its_own(tmp_path):
    path = tmp_path / "division.txt"
    path.write_text(
        "山西省人民政府关于落实《政府工作报告》重点工作责任分工的意见\n"
        "  现就2016年《政府工作报告》确定的重点工作任务提出责任分工意见如下：\n"
        "  二、推进重点项目建设\n"
        "  1.抓好300个省级重点项目,确保年度投资达到1500亿元。(省发改委主办,省经信委、商务厅协办)"
        "2.建成25个省级技术中心。(省经信委主办,省科技厅协办)\n", encoding="utf-8")
    owners = {t.value: ([o.surface for o in t.owners], t.year) for t in read_corpus([path]).targets}
    assert owners[1500] == (["省发改委", "省经信委", "商务厅"], 2016)
    assert owners[25] == (["省经信委", "省科技厅"], 2016)


def test_goals_restated_in_a_news_lede_take_the_units_the_division_names(tmp_path):
    path = tmp_path / "lede.txt"
    path.write_text(
        "地区生产总值增长6%左右\n"
        "固定资产投资增长8%以上\n"
        "近日，江北区人民政府办公室发布2024年区政府工作报告重点工作目标任务分解方案。\n"
        "2024年区政府工作报告重点工作目标任务分解\n"
        "一、主要预期指标\n"
        "1.地区生产总值增长6%左右。\n"
        "牵头单位:区发改委\n"
        "2.固定资产投资增长8%以上。\n"
        "牵头单位:区发改委\n"
        "责任单位:区住建委、区财政局等\n", encoding="utf-8")
    targets = read_corpus([path]).targets
    for value, units in ((6, ["区发改委"]), (8, ["区发改委", "区住建委", "区财政局"])):
        owned = [([o.surface for o in t.owners], t.owner_source) for t in targets if t.value == value]
        assert len(owned) == 2 and all(o == (units, "explicit") for o in owned), owned
