"""A unit written without its place (省科技厅) is the bureau of the document's own province, and
an answer keeps the name as a plan mirrored in traditional characters writes it.

Composed documents: one province's work points naming its bureau in full and short, another
province's task list written in traditional characters naming only the short form.
"""
from __future__ import annotations

import pytest

from tests.qa.conftest import engine_over_texts

JILIN = """吉林省2019年科技创新工作要点
吉林省科技厅
2019年3月1日
一、强化创新平台
1.新建省级重点实验室15家。（牵头单位：省科技厅）
2.全省技术合同成交额达到60亿元。（牵头单位：省科技厅；配合单位：省财政厅）
"""
SHANDONG = """山東省2024年科技創新重點工作任務
一、建設創新平臺
1.推動實驗室體系重組,2024年全國重點實驗室數量達到30家以上。(省科技廳牽頭)
2.全年技術合同登記額突破4000億元。(省科技廳牽頭)
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_over_texts(tmp_path_factory, "owners-place", {"jilin.txt": JILIN, "shandong.txt": SHANDONG})


def test_a_short_unit_name_is_not_another_provinces_bureau(engine):
    answer = engine.ask("山东省2024年全国重点实验室要达到多少家？由哪个单位牵头？")
    assert answer.found and "30家" in answer.answer
    assert "吉林" not in answer.answer
    owners = [o for row in answer.rows for o in row.get("owners", [])]
    assert owners and all(o["name"] == "省科技厅" and o["role"] == "lead" for o in owners)


def test_the_owner_keeps_the_documents_own_characters(engine):
    answer = engine.ask("山东省技术合同登记额2024年要突破多少？")
    assert answer.found
    assert any(o.get("written") == "省科技廳" for row in answer.rows for o in row.get("owners", []))


def test_the_same_short_name_in_its_own_province_is_still_its_bureau(engine):
    answer = engine.ask("吉林省技术合同成交额目标由哪个单位牵头？")
    assert answer.found and "吉林省科技厅" in answer.answer
    assert not any(o.get("written") for row in answer.rows for o in row.get("owners", []))
