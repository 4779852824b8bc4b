"""A target table flattened to one cell a line, each cell opened by a bar (| 市科技局), as pages
copied from a web table often are: the header names no number column though every row opens with
its number, a category cell merged over several rows is written in its first row only, and a
support column lists units together with places that act as owners (各县(区), 高新区)."""
from plankg.ingest import read_corpus
from plankg.ingest.stream_tables import _Columns

TABLE = """附件：某市科技创新三年行动目标任务分解表
| 类别
| 指标内容
| 牵头单位
| 配合单位
| 2025年目标
| 2027年目标
|
1
| 创新投入
| 全社会研发经费投入强度(%)
| 市科技局
| 市统计局、市财政局
| 2.6%
| 3.0%
|
2
| 每万人高价值发明专利拥有量(件)
| 市市场监管局
| 市科技局、各县(区)
| 6.5
| 9
|
3
| 创新主体
| 高新技术企业数量(家)
| 市科技局
| 市税务局、各县(区)
| 450
| 600
|
"""


def _rows(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TABLE, encoding="utf-8")
    return {(t.indicator, t.value): t for t in read_corpus([path]).targets}


def test_every_row_of_a_bar_opened_cell_table_gives_its_values_by_year(tmp_path):
    found = _rows(tmp_path)
    assert {(name, value, found[name, value].year) for name, value in found} == {
        ("全社会研发经费投入强度", 2.6, 2025), ("全社会研发经费投入强度", 3.0, 2027),
        ("每万人高价值发明专利拥有量", 6.5, 2025), ("每万人高价值发明专利拥有量", 9.0, 2027),
        ("高新技术企业数量", 450.0, 2025), ("高新技术企业数量", 600.0, 2027)}
    assert all(t.kind == "target" for t in found.values())


def test_a_row_under_a_merged_category_keeps_its_name_and_owners(tmp_path):
    # Row 2 has no 类别 cell: its indicator is still the name, and its units are its owners, lead first.
    target = _rows(tmp_path)["每万人高价值发明专利拥有量", 6.5]
    assert target.unit == "件"
    assert [(o.surface, o.role) for o in target.owners] == [
        ("市市场监管局", "lead"), ("市科技局", "support"), ("各县(区)", "support")]


def test_places_acting_as_owners_are_owners_in_an_owner_cell(tmp_path):
    # 各县(区) and a zone (高新区, for its administration) own a share of the task beside the bureaus.
    path = tmp_path / "plan.txt"
    path.write_text(TABLE.replace("| 市税务局、各县(区)", "| 高新区、各有关县(区)"), encoding="utf-8")
    target = next(t for t in read_corpus([path]).targets if t.value == 450.0)
    assert [(o.surface, o.role) for o in target.owners] == [
        ("市科技局", "lead"), ("高新区", "support"), ("各有关县(区)", "support")]


def test_a_unit_list_may_end_on_places_that_act_as_owners():
    columns = _Columns(["序号", "指标", "牵头单位", "配合单位", "2025年目标"])
    assert columns.accepts(3, "市科技局、各县(区)") and columns.accepts(3, "高新区、各有关县(区)")
    assert not columns.accepts(3, "各县(区)") and not columns.accepts(3, "2.6%")
