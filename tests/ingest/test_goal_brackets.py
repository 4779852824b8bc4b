"""An execution report that states its comparison once and then brackets each goal (composed text)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def test_the_bare_bracket_after_a_results_gap_is_the_goal(tmp_path):
    path = tmp_path / "execution.txt"
    path.write_text("某省2030年国民经济和社会发展计划执行情况\n"
                    "一、主要指标完成情况\n"
                    "——全省生产总值3.2万亿元、增长5.5%，高0.5个百分点（与年度预期目标5%左右相比，下同）。\n"
                    "——规模以上工业增加值增长4.1%，低2.9个百分点（7%左右）。\n"
                    "——进出口总额增长12.6%，高6.6个百分点（6%以上）。\n", encoding="utf-8")
    facts = {(t.kind, t.value): t for t in read_corpus([path]).targets}
    assert ("target", 7) in facts and ("achievement", 7) not in facts
    assert ("target", 6) in facts and ("achievement", 6) not in facts
    assert ("achievement", 4.1) in facts and ("achievement", 12.6) in facts
    assert facts[("target", 7)].year == 2030
