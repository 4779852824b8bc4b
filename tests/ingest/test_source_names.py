"""Bodies a page names as its source: the 来源 line and a news dateline."""
from __future__ import annotations

from plankg.ingest.source_names import source_names


def _names(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.name) for f in source_names(text)]


def test_a_source_line_names_a_newspaper_up_to_the_next_field():
    text = "全省科技投入再创新高\n来源:江城晚报 发布时间:2023-04-01 09:12\n正文……"
    assert _names(text) == [("organization", "江城晚报")]


def test_a_source_line_names_a_body_without_a_place():
    assert _names("来源:农村科技股发布时间:2021-05-06") == [("division", "农村科技股")]
    assert _names("[发布机构]|东湖区发展改革委|[发布日期]") == [("organization", "东湖区发展改革委")]
    assert _names("来源:科技和商务局时间:2022-01-02") == [("organization", "科技和商务局")]


def test_a_news_dateline_names_the_site():
    assert _names("青山新闻网江州3月5日电 记者从市科技局获悉") == [("organization", "青山新闻网")]
    assert _names("来源: ab2024\n\n   青山新闻网 江州3月5日电") == [("organization", "青山新闻网")]
    assert _names("光伏前沿网讯:近日,市政府印发") == [("organization", "光伏前沿网")]


def test_a_place_or_prose_on_the_source_line_is_no_body():
    assert _names("来源:宁波市 作者:佚名") == []
    assert _names("来源:本网综合") == []


def test_a_breadcrumb_an_author_line_and_a_dateline_after_an_id():
    assert _names("首页>政务公开>科技和商务局>工作动态") == [("organization", "科技和商务局")]
    assert ("division", "成果转化处") in _names("来源:市科技局 作者:科技厅 成果转化处 发布时间:2020-01-02")
    assert _names("来源:ab2024青山新闻网江州3月5日电") == [("organization", "青山新闻网")]


def test_a_dateline_naming_two_media_run_together_names_each():
    # Pattern: a newspaper and its news site written as one dateline (X晚报Y网 + channel + 讯).
    assert _names("江城晚报江州网青山快讯讯 据市政府网消息") == [("organization", "江城晚报"), ("organization", "江州网")]


def test_a_source_line_naming_only_an_office_names_no_body():
    # Pattern: 来源:办公室 on a bureau's page: whose office the line does not say.
    assert _names("来源:办公室 发布时间:2023-02-01") == []
    assert _names("来源:综合处") == []
