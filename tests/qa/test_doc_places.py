"""Questions about places the gazetteer lacks find the documents those places issued, and only those."""
from __future__ import annotations

import pytest

from plankg.ingest.records import Document
from plankg.qa.doc_places import CorpusPlaces, document_places, short_forms
from tests.qa.conftest import engine_over_texts

# Two small plans written for this test, from two places outside the bundled gazetteer.
PLAN_A = """青河市科学技术局2023年科技工作要点

一、主要目标
2023年，全市技术合同成交额达到30亿元，新增高新技术企业40家。
"""
PLAN_B = """白岭县科技局2023年工作要点

一、主要目标
2023年，全县技术合同成交额达到8亿元，新增高新技术企业12家。
"""


def _doc(title, issuer=None, region=None, text=""):
    return Document("doc-x", "x.txt", "x.txt", 0, title, issuer, region, None, None, "work_plan", (), (), None, text)


def test_places_come_from_the_documents_own_fields():
    assert document_places(_doc("青河市科技创新三年行动方案")) == {"青河市"}
    assert "白岭县" in document_places(_doc("2023年工作要点", issuer="白岭县科技局"))
    assert "蓝湾" in document_places(_doc("湖南蓝湾:召开科技工作会议"))
    page = "发布机构: 安徽青山高新技术产业开发区 主题分类: 综合政务\n"
    assert "青山高新技术产业开发区" in document_places(_doc("• 无障碍", text=page))


def test_short_forms():
    assert short_forms("青河市") == {"青河市", "青河"}
    assert "青山高新区" in short_forms("青山高新技术产业开发区")
    assert "紫溪" in short_forms("紫溪苗族侗族自治州")


def test_corpus_places_match_chinese_and_pinyin():
    places = CorpusPlaces.from_documents([_doc("青河市科技工作要点")])
    assert [h.name for h in places.find("青河2023年的目标")] == ["青河市"]
    pytest.importorskip("pypinyin")
    assert [h.name for h in places.find("What is Qinghe's 2023 target?")] == ["青河市"]


@pytest.fixture(scope="module")
def two_place_engine(tmp_path_factory):
    engine = engine_over_texts(tmp_path_factory, "two-places", {"a.txt": PLAN_A, "b.txt": PLAN_B})
    yield engine
    engine.close()


@pytest.mark.parametrize("question, own, other", [
    ("青河市2023年技术合同成交额的目标是多少？", "30亿元", "8亿元"),
    ("白岭县2023年技术合同成交额的目标是多少？", "8亿元", "30亿元"),
])
def test_a_place_is_answered_from_its_own_documents_only(two_place_engine, question, own, other):
    answer = two_place_engine.ask(question)
    assert own in answer.answer and other not in answer.answer
    source = {r.get("doc") for r in answer.rows}
    assert len(source) == 1


def test_a_place_with_no_document_is_not_found(two_place_engine):
    answer = two_place_engine.ask("成都2023年技术合同成交额的目标是多少？")
    assert not answer.found


def test_a_shared_short_form_names_the_same_place_whatever_the_hash_seed():
    # 黔东南 is a form of both the region and the issuer's written place: the region wins, always
    import subprocess
    import sys

    code = ("from plankg.ingest.records import Document\n"
            "from plankg.qa.doc_places import CorpusPlaces\n"
            "d = Document('d', 'x.txt', 'x.txt', 0, '黔东南州2021年科技工作要点', '黔东南州科技局',"
            " '黔东南苗族侗族自治州', None, None, 'work_plan', (), (), None, '')\n"
            "print(sorted(CorpusPlaces.from_documents([d]).canonical.items()))\n")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in range(6)}
    assert len(outputs) == 1 and "('黔东南', '黔东南苗族侗族自治州')" in outputs.pop()


def test_a_short_form_ending_in_a_level_character_has_its_english_name():
    # 鄞州 (of 鄞州区) ends in 州 like a prefecture, but it is the short form: "Yinzhou" finds it
    places = CorpusPlaces.from_documents([_doc("2023年科技进步报告", issuer="鄞州区科技局", region="鄞州区")])
    hits = places.find("What did Yinzhou District report for 2023?")
    assert [h.name for h in hits] == ["鄞州区"]
