"""Plan vs outcome, like with like, the same through every path (issue 19 item 2).

A composed corpus: Wenzhou's 2018 and 2019 work plans set increments (新增300家, 新增400家);
the 2019 summary reports a total (突破2400家) and an increment (新增631家). The total is never
an increment's outcome; the increment is, with a verdict only for the target's own year. The
named query (notebooks), the Ask tab's answer and the Evolution tab's rows agree.
"""
from __future__ import annotations

import pytest

import plankg
from plankg.graph.outcomes import measure_kind, verdict
from ui.data import AppData

TEXTS = {
    "plan2018.txt": "温州市2018年科技工作要点\n\n2018年，全市新增高新技术企业300家。\n",
    "plan2019.txt": "温州市2019年科技工作要点\n\n2019年，全市新增高新技术企业400家，新增科技型中小企业1200家。\n",
    "report2019.txt": "温州市科技局2019年工作总结\n\n2019年，全市高新技术企业突破2400家，新增631家；"
                      "新增科技型中小企业1350家。\n",
}


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pvo-docs")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    graph = plankg.open(tmp_path_factory.mktemp("pvo-ws"), build=False)
    graph.build([folder], index=False)
    yield graph
    graph.close()


def _pairs(rows, target="target_value", actual="actual_value", actual_year="actual_year"):
    return sorted((int(r["year"]), float(r[target]), None if r[actual] is None else float(r[actual]),
                   None if r[actual_year] is None else int(r[actual_year]), r["met"])
                  for r in rows)


EXPECTED = [(2018, 300.0, 631.0, 2019, None), (2019, 400.0, 631.0, 2019, True)]


def test_the_total_is_never_an_increments_outcome(kg):
    frame = kg.query("plan_vs_outcome", indicator="high_tech_enterprises")
    rows = [{k: (None if v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert 2400.0 not in {r["actual_value"] for r in rows}
    assert _pairs(rows) == EXPECTED


def test_ask_and_evolution_tab_give_the_notebooks_pairs_and_verdicts(kg):
    asked = []
    for year in (2018, 2019):
        answer = kg.ask(f"温州市{year}年新增高新技术企业目标完成了吗？")
        assert answer.intent == "plan_vs_outcome"
        asked += answer.rows
    assert _pairs(asked) == EXPECTED
    data = AppData(kg.home)
    shown = data.plan_vs_outcome("high_tech_enterprises", "温州市")
    met = {"达成 met": True, "未达成 not met": False}
    assert _pairs([{**r, "met": met.get(r["verdict"])} for r in shown], "target", "actual", "actual year") == EXPECTED
    verdicts = {r["year"]: r["verdict"] for r in shown}
    assert verdicts[2019] == "达成 met" and "no verdict" in verdicts[2018]
    assert all(r["report"] == "温州市科技局2019年工作总结" for r in shown)


def test_kinds_and_verdicts():
    assert measure_kind("increment") != measure_kind("level") == measure_kind("cumulative") == "total"
    assert measure_kind("level", growth=True) == measure_kind("growth") == "rate"
    assert verdict(400, 631, None, 0) is True and verdict(400, 300, None, 0) is False
    assert verdict(400, 631, None, 1) is None and verdict(400, 631, None, None) is None
    assert verdict(2.0, 1.5, "<=", 0) is True
