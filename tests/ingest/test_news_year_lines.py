"""A news item dated by month and day only: its year from the lines naming the year ending or ahead (composed text)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _corpus(tmp_path, text: str):
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


_NEWS = ("本报记者 某某\n"
         "2月3日，某省第七届人民代表大会第二次会议开幕。省长作政府工作报告，提出今年的预期目标是全省地区生产总值增长6%左右。\n"
         "2030年，全省预计全年经济增速5.2%左右。\n"
         "一年来，全省新增国家级专精特新企业45家，研发投入强度达到2.4%。\n"
         "省长表示，2031年全省将继续推进科技创新，力争高新技术产业增加值增长9%。\n")


def test_a_news_item_dated_by_month_and_day_takes_the_year_its_lines_name(tmp_path):
    corpus = _corpus(tmp_path, _NEWS)
    doc = corpus.documents[0]
    assert doc.years == (2031,) and doc.reported_years in ((), (2030,))  # a plan by genre keeps no report year
    facts = {t.value: t for t in corpus.targets}
    assert (facts[6].kind, facts[6].year) == ("target", 2031)
    assert (facts[9].kind, facts[9].year) == ("target", 2031)


def test_a_one_year_review_paragraph_of_such_a_news_item_reports_the_year_before(tmp_path):
    facts = {t.value: t for t in _corpus(tmp_path, _NEWS).targets}
    assert (facts[45].kind, facts[45].year) == ("achievement", 2030)
    assert (facts[2.4].kind, facts[2.4].year) == ("achievement", 2030)


def test_lines_naming_two_different_years_give_the_item_no_year(tmp_path):
    text = _NEWS.replace("2031年全省将", "2033年全省将")
    doc = _corpus(tmp_path, text).documents[0]
    assert doc.years == () and doc.reported_years == ()
