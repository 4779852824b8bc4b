"""Entities of tables written out as text: cells kept apart only by spaces or line breaks."""
from __future__ import annotations

from plankg.ingest.govunits import units_in_cells
from plankg.ingest.pipeline import read_corpus


def _bodies(corpus) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.surface for m in corpus.mentions if m.type == "organization"}


def test_a_progress_table_written_with_spaces_names_the_body_of_each_row(tmp_path):
    plan = tmp_path / "table.txt"
    plan.write_text(
        "青川区2021年1-6月民生实事完成情况表\n"
        "序号 项目名称 责任单位 目标任务 完成情况\n"
        "1 农村安全饮水巩固 农林水利局 900人 450 50%\n"
        "2 新增城镇就业   人社局 6000 3100 52%\n"
        "3 老旧小区改造(户) 房管分局 1200套 600 50%\n"
        "4 残疾儿童康复 残联 40人 40 100%\n"
        "5 新增治安监控探头 区公安分局 80个 设备采购中\n", encoding="utf-8")
    corpus = read_corpus([plan])
    assert {"农林水利局", "人社局", "房管分局", "残联", "区公安分局"} <= _bodies(corpus)
    # the joined reading (巩固农林水利局900人) is no name
    assert not any("巩固" in name or "康复" in name for name in _bodies(corpus))


def test_an_owner_cell_listing_one_body_a_line(tmp_path):
    plan = tmp_path / "duties.txt"
    plan.write_text(
        "2020年民生实事目标任务分解表\n\n序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n"
        "1\n\n新建城南体育公园。\n\n县文体旅局\n\n县代建中心\n\n县城建指挥部\n\n10月底前\n\n"
        "2\n\n改造农贸市场3个。\n\n县商务局\n\n12月底前\n", encoding="utf-8")
    corpus = read_corpus([plan])
    assert {"县文体旅局", "县代建中心", "县城建指挥部", "县商务局"} <= _bodies(corpus)


def test_a_token_that_is_no_body_stays_out():
    text = "优化产业布局 形成新格局 加快推进 县级中心 全县各局 开展活动\n市科技局 工信局"
    assert [f.name for f in units_in_cells(text)] == ["市科技局", "工信局"]


def test_divisions_of_the_issuing_bureau_alone_in_a_cell(tmp_path):
    plan = tmp_path / "duties.txt"
    plan.write_text("宁国县科技局2024年重点工作任务分解\n序号\n工作任务\n责任股室\n1\n新增高新技术企业5家\n工业股\n"
                    "2\n申报省级科技项目10项\n工业股、农业股\n", encoding="utf-8")
    corpus = read_corpus([plan])
    divisions = {m.surface for m in corpus.mentions if m.type == "division"}
    assert {"工业股", "农业股"} <= divisions
    assert not [f.name for f in units_in_cells("神经外科 本科 各科室 实验室")]


def test_places_and_kinds_of_bodies_owning_rows_are_no_bodies(tmp_path):
    # Pattern: a table dividing a city's goals among its districts, and owner cells naming groups
    # (区直各部门, 各专班): the rows are owned, but a district is a place and a group is no one body.
    plan = tmp_path / "split.txt"
    plan.write_text(
        "2021年各区县出口目标分解\n金额单位：万美元\n"
        "区县 出口目标 引资目标\n北塘区 3200 450\n石柱县 1800 260\n合计 5000 710\n\n"
        "二、重点任务\n1.全区规上工业增加值增长8%。(牵头单位:区发改局;责任单位:区直各部门、全区招商各专班)\n",
        encoding="utf-8")
    corpus = read_corpus([plan])
    owners = {o.name for t in corpus.targets for o in t.owners}
    assert {"北塘区", "石柱县"} <= owners  # the rows keep their owners
    bodies = {m.surface for m in corpus.mentions if m.type in ("organization", "division")}
    assert "区发改局" in bodies
    assert not bodies & {"北塘区", "石柱县", "区直各部门", "全区招商各专班"}
