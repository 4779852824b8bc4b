"""A progress table written with single spaces (composed documents).

Header ``序号 目标任务 责任单位 推进情况``; each row: its number, the task sentence with its goal, the owner
cell, the progress sentence with the result. An owner cell of several units breaks one unit a line
before the progress sentence. Goal and result are both owned by all the cell's units, first leading.
"""
from __future__ import annotations

from plankg.ingest import read_corpus

_TABLE = ("某区2027年重点指标推进情况一览\n序号 目标任务 责任单位 1-6月推进情况\n一、经济发展指标\n"
          "1 全区生产总值增长7%以上。 区发改局 全区生产总值同比增长3.1%。\n"
          "2 农业增加值增长4%。 区农业农村局\n区林业局\n区渔业联社\n农业增加值同比增长2.6%。\n"
          "3 社会消费品零售总额增长6%。 区商务局 社会消费品零售总额同比增长4.4%。\n")


def _owners(tmp_path) -> dict[float, list[str]]:
    path = tmp_path / "progress.txt"
    path.write_text(_TABLE, encoding="utf-8")
    targets = read_corpus([path]).targets
    assert all(t.owner_source == "explicit" for t in targets)
    return {t.value: [o.name for o in t.owners] for t in targets}


def test_goal_and_result_of_a_row_share_its_owner_cell(tmp_path):
    owned = _owners(tmp_path)
    assert owned[7.0] == owned[3.1] == ["区发改局"]
    assert owned[6.0] == owned[4.4] == ["区商务局"]


def test_an_owner_cell_broken_one_unit_a_line_owns_goal_and_result_lead_first(tmp_path):
    owned = _owners(tmp_path)
    assert owned[4.0] == owned[2.6] == ["区农业农村局", "区林业局", "区渔业联社"]
