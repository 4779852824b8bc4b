"""Small documents composed for the facade tests (two plans in two regions), built without an index."""
from __future__ import annotations

from pathlib import Path

import pytest

RUIAN_PLAN = """瑞安市科学技术局2024年科技工作要点

一、主要目标
2024年，全市研究与试验发展经费支出占地区生产总值比重达到3.1%，高新技术企业总数达到500家。
二、重点任务
（一）培育科技型企业。市科技局牵头，市财政局配合，全年新增省科技型中小企业120家。
（二）建设创新平台。新建省级重点实验室2家，由市科技局负责。
"""

LUQIAO_SUMMARY = """台州市路桥区科学技术局2023年工作总结和2024年工作计划

一、2023年工作总结
2023年，全区研究与试验发展经费支出占地区生产总值比重达到2.6%，新增高新技术企业45家。
二、2024年工作计划
2024年，全区技术交易额达到15亿元，区科技局牵头，区发改局配合。
"""


@pytest.fixture(scope="module")
def small_docs(tmp_path_factory) -> Path:
    """A folder with the two composed documents."""
    folder = tmp_path_factory.mktemp("docs")
    (folder / "ruian_2024.txt").write_text(RUIAN_PLAN, "utf-8")
    (folder / "luqiao_2023.txt").write_text(LUQIAO_SUMMARY, "utf-8")
    return folder


@pytest.fixture(scope="module")
def kg(small_docs, tmp_path_factory):
    """The facade over a workspace built from ``small_docs`` (records and graph, no index)."""
    import plankg

    home = tmp_path_factory.mktemp("home")
    graph = plankg.open(home, build=False)
    graph.build([small_docs], index=False)
    yield graph
    graph.close()
