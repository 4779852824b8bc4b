"""``plankg ask`` as a user runs it: the lead and the table in text, everything with ``--json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import plankg

PLAN = """丽水市科学技术局关于印发2022年全市科技工作要点的通知
发布日期：2022-02-10
2022年全市主要预期目标：高新技术企业达到420家，技术合同成交额达到35亿元。
二、完善孵化体系。新增省级众创空间4家，由市科技局牵头，市人力社保局配合。
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("ask-docs")
    (docs / "plan.txt").write_text(PLAN, encoding="utf-8")
    folder = tmp_path_factory.mktemp("ask-ws")
    result = plankg("build", "--no-index", str(docs), home=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_text_output_is_the_lead_then_the_table(home):
    result = plankg("ask", "哪些单位负责众创空间目标？", home=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    answer = next(line for line in lines if line.startswith("A: "))
    assert answer == "A: 众创空间（2022年）：牵头 丽水市科技局；配合 丽水市人力社保局。"
    header = lines[lines.index(answer) + 1]
    assert header.startswith("   | place | year | kind | document")
    assert any("丽水市人力社保局" in line and "配合" in line for line in lines if line.startswith("   | "))
    assert "{'" not in result.stdout


def test_json_keeps_lead_table_and_the_full_answer(home):
    result = plankg("ask", "--json", "丽水2022年高新技术企业的目标是多少？", home=home)
    data = json.loads(result.stdout)[0]
    assert data["lead"].startswith("丽水市2022年") and "420" in data["lead"]
    assert data["table"]["columns"][:4] == ["place", "year", "kind", "document"]
    assert data["answer"] and data["rows"] and data["evidence"]
