"""OCR repairs are general rules with a record; placeholders are flagged, never guessed."""
from __future__ import annotations

from plankg.ingest.repair import find_placeholders, find_repairs
from plankg.ingest.textmap import clean_span
from tests.conftest import doc_by_name


def _read(text: str) -> str:
    return clean_span(text, 0, len(text), find_repairs(text)).text


def test_letter_digit_confusions_next_to_numbers():
    assert _read("较年初增长IL77%。") == "较年初增长11.77%。"
    assert _read("营收突破IlOO亿元") == "营收突破1100亿元"
    assert _read("二、2O22年重点工作") == "二、2022年重点工作"
    assert _read("建设3.O版网上技术市场") == "建设3.0版网上技术市场"
    assert _read("补助超L4亿元") == "补助超1.4亿元"


def test_percent_and_period_glyphs():
    assert _read("比重达到10虬全年新增") == "比重达到10%全年新增"
    assert _read("排名全市第Xo大力推进") == "排名全市第X。大力推进"
    assert _read("全省第2o(三)狠抓") == "全省第2。(三)狠抓"


def test_words_with_letters_are_left_alone():
    for text in ("LED汽车大灯", "CDMO公共服务平台", "5G创新应用中心", "G60科创走廊", "OLED面板100万片", "led汽车大灯"):
        assert _read(text) == text


def test_each_repair_is_recorded_with_its_offset():
    text = "融资增长IL77%，共IlOO亿元"
    repairs = find_repairs(text)
    assert [(r.original, r.replacement) for r in repairs] == [("IL", "11."), ("IlOO", "1100")]
    for repair in repairs:
        assert text[repair.start : repair.end] == repair.original


def test_placeholders_are_flagged_as_written():
    text = "新增X家，增长X%，20XX年XX市排名第X-X位"
    assert [p.text for p in find_placeholders(text)] == ["X", "X", "20XX", "XX", "X-X"]


def test_bundled_corpus_repairs(corpus):
    wenzhou = doc_by_name(corpus, "001", 1)
    repaired = {(r.original, r.replacement) for r in wenzhou.repairs}
    assert {("IL", "11."), ("IlOO", "1100"), ("虬", "%"), ("o", "。")} <= repaired
    assert not doc_by_name(corpus, "002").repairs
    assert len(doc_by_name(corpus, "001", 0).placeholders) > 20
