"""A paragraph of goals split by semicolons, closed by one owner bracket (composed documents).

``A增长6%；B5%以内；C下降3%（X负责，Y牵头，Z、W参加）``: the bracket hands out the whole list, so it
owns every goal since the paragraph's start (or the previous bracket), its 牵头 unit leading and the
units after 参加/配合 kept as partners.
"""
from __future__ import annotations

from plankg.ingest import read_corpus


def _owners(tmp_path, name: str, text: str) -> dict[float, list[str]]:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return {t.value: [o.name for o in t.owners] for t in read_corpus([path]).targets if t.value is not None}


def test_one_closing_bracket_owns_every_goal_of_its_list_lead_first(tmp_path):
    text = ("某省2027年政府工作任务分工\n一、稳增长\n  主要预期目标：全省生产总值增长6.5%左右；"
            "规上工业增加值增长6%；城镇登记失业率4.5%以内；单位GDP能耗下降3%（省政府分管领导负责，"
            "省发展改革委牵头，省财政厅、省统计局参加）\n")
    owned = _owners(tmp_path, "run", text)
    for value in (6.5, 6.0, 4.5, 3.0):
        assert owned[value] == ["省发展改革委", "省财政厅", "省统计局"], value


def test_a_bracket_owns_only_the_goals_after_the_previous_bracket(tmp_path):
    text = ("某市2027年重点工作\n研发投入增长12%（市科技局牵头，市财政局配合）；新增高新技术企业80家；"
            "技术合同成交额增长15%（市工信局牵头，市商务局配合）\n")
    owned = _owners(tmp_path, "two", text)
    assert owned[12.0] == ["市科技局", "市财政局"]
    assert owned[80.0] == owned[15.0] == ["市工信局", "市商务局"]


def test_a_sentence_ended_by_a_stop_is_no_part_of_the_list(tmp_path):
    text = ("某市2027年重点工作\n去年全市专利授权量增长9%。新增孵化器5家；众创空间增加7家（市科技局牵头，市人社局配合）\n")
    path = tmp_path / "stop.txt"
    path.write_text(text, encoding="utf-8")
    targets = read_corpus([path]).targets
    assert [o.name for t in targets if t.value == 7 for o in t.owners] == ["市科技局", "市人社局"]
    assert all(t.owner_source == "default" for t in targets if t.value == 9)


def test_a_bracket_cut_by_the_page_end_keeps_the_partners_listed_so_far(tmp_path):
    text = ("某省2027年政府工作任务分工\n  主要预期目标：全省生产总值增长6.5%左右;城镇登记失业率4.5%以内;"
            "单位GDP能耗下降3%(省政府分管领导负责,省发展改革委牵头,省财政厅、省")
    owned = _owners(tmp_path, "cut", text)
    for value in (6.5, 4.5, 3.0):
        assert owned[value] == ["省发展改革委", "省财政厅"], value
