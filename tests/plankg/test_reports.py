"""Exported target rows quote their evidence as written (texts written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.reports import target_rows


def test_a_plan_in_traditional_characters_is_quoted_as_written_and_read_as_simplified(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某省2023年重點工作任務\n積極爭創全國重點實驗室，力爭2023年全國重點實驗室達到18家以上。\n"
                    "高新技術企業數量達到1.2萬家。\n", encoding="utf-8")
    rows = {row["value"]: row for row in target_rows(read_corpus([path]))}
    assert rows[18]["text"] == "積極爭創全國重點實驗室，力爭2023年全國重點實驗室達到18家以上。"
    assert rows[18]["indicator"] == "全国重点实验室"  # read through the simplified text
    assert rows[18]["kind"] == "target" and rows[18]["year"] == 2023


def test_a_simplified_plan_is_quoted_as_its_clause(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某县2023年科技工作要点\n力争新增高新技术企业15家。\n", encoding="utf-8")
    rows = target_rows(read_corpus([path]))
    assert rows[0]["text"] == "力争新增高新技术企业15家。"


def test_a_unit_on_a_traditional_page_is_exported_as_written_and_read_as_simplified(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某省2023年科技工作要點\n力爭技術合同成交額達到360億元，建設12個創新聯合體，實施45項重大專項。\n",
                    encoding="utf-8")
    rows = {row["value"]: row for row in target_rows(read_corpus([path]))}
    assert [(rows[v]["unit"], rows[v]["unit_read"]) for v in (360, 12, 45)] == [
        ("億元", "亿元"), ("個", "个"), ("項", "项")]
    simplified = tmp_path / "simplified.txt"
    simplified.write_text("某县2023年科技工作要点\n力争技术合同成交额达到3亿元。\n", encoding="utf-8")
    [row] = target_rows(read_corpus([simplified]))
    assert (row["unit"], row["unit_read"]) == ("亿元", "亿元")
