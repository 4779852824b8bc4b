"""Owners written after their item in two flattened forms of a task list (composed documents).

Pattern 1, a unit list closing an item with a figure: the owner cell of a flattened row follows the
value with at most a stop or a space (``…达到3家. 某局 5 …``); it owns that item's values only.
Pattern 2, owner field lines under an unnumbered item: ``牵头单位：`` then ``责任单位：`` (or
``配合单位：``) on lines of their own belong to the sentences above them, the lead first.
"""
from __future__ import annotations

from plankg.ingest import read_corpus
from tests.ingest.test_owner_layouts import assert_units_lead_first


def _targets(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path]).targets


def test_pattern1_units_right_after_a_value_close_that_row_only(tmp_path):
    text = ("某县2026年创新目标责任分解 1 科研投入强度达到1.9%。 县科技局 "
            "2 新增市级众创空间4家. 县科技局、县人社局 3 新认定技术经纪人35名\n")
    assert_units_lead_first(tmp_path, "p1_rows", text, {4.0: ["县科技局", "县人社局"]})
    last = [t for t in _targets(tmp_path, "p1_rows_again", text) if t.value == 35]
    assert last and all(t.owner_source == "default" for t in last)  # no units close the last row


def test_pattern1_units_after_a_space_own_the_values_of_their_item(tmp_path):
    text = ("某区2027年重点任务清单\n4 新增规上企业60家、专精特新企业12家 区经信局，区统计局 "
            "5 引育高层次人才150名 区人社局\n")
    assert_units_lead_first(tmp_path, "p1_space", text, {
        60.0: ["区经信局", "区统计局"], 12.0: ["区经信局", "区统计局"], 150.0: ["区人社局"]})


def test_pattern1_a_unit_doing_something_in_prose_is_no_closing_list(tmp_path):
    text = "某市2026年科技工作要点\n全市新增孵化载体9家，市科技局负责统筹推进和考核评价工作。\n"
    owned = [t for t in _targets(tmp_path, "p1_prose", text) if t.value == 9]
    assert owned and all(t.owner_source == "default" for t in owned)


def test_pattern2_lead_then_duty_or_support_lines_own_the_item_above(tmp_path):
    text = ("某县2026年重点工作任务\n一、创新平台\n新建县级工程技术研究中心7家。\n"
            "牵头单位：县科技局\n责任单位：县工信局、县农业农村局\n"
            "技术合同登记额达到4.5亿元。\n牵头单位：县商务局\n配合单位：县科技局\n")
    assert_units_lead_first(tmp_path, "p2_lines", text, {
        7.0: ["县科技局", "县工信局", "县农业农村局"], 4.5: ["县商务局", "县科技局"]})


def test_pattern2_fields_written_above_their_items_are_not_read_backwards(tmp_path):
    text = ("某县2026年重点工作任务\n一、创新平台\n牵头单位：县科技局\n配合单位：县财政局\n"
            "新建县级工程技术研究中心7家。\n牵头单位：县商务局\n配合单位：县统计局\n"
            "技术合同登记额达到4.5亿元。\n")
    owned = [t for t in _targets(tmp_path, "p2_above", text) if t.value == 7]
    assert owned and all("县商务局" not in [o.surface for o in t.owners] for t in owned)
