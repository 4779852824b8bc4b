"""Undated results reports: the year a report with no year of its own writes about (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.metadata import detect_published


def _corpus(tmp_path, text: str):
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


def test_a_sites_article_list_with_two_digit_year_dates_dates_the_page():
    page = "某区科技工作调研\n正文一段。\n要闻 19-05-21\n要闻 19-05-20\n要闻 19-05-18\n"
    assert detect_published(page) == "2019-05-21"
    # a single stray line is not a listing
    assert detect_published("正文一段。\n要闻 19-05-21\n") is None


def test_a_news_report_of_where_things_stand_is_dated_by_the_page_it_ran_on(tmp_path):
    corpus = _corpus(tmp_path, "【图片】\n10月8日，副区长到高新区调研科技工作。\n"
                               "据介绍，高新区现拥有高新技术企业64家，省级以上研发平台31家。\n"
                               "动态 19-10-09\n动态 19-10-09\n动态 19-10-08\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[64].kind, facts[64].year) == ("achievement", 2019)
    assert (facts[31].kind, facts[31].year) == ("achievement", 2019)


def test_a_digest_summing_up_the_past_year_reports_the_year_before_it_ran(tmp_path):
    corpus = _corpus(tmp_path, "更新时间:2023-02-20 10:15:00\n"
                               "各地政府工作报告陆续发布，报告总结了过去一年的工作成效，也部署了新一年的任务。\n"
                               "◉ 某省科技创新成效明显，获评国家科学技术奖 17 项，高新技术企业达 9200 家。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[17].kind, facts[17].year) == ("achievement", 2022)
    assert (facts[9200].kind, facts[9200].year) == ("achievement", 2022)
    assert "sums up 2022" in facts[17].why


def test_an_undated_report_of_this_year_so_far_takes_the_single_year_it_names(tmp_path):
    corpus = _corpus(tmp_path, "某县科技局\n今年以来，我局组织24家企业申报2019年度第二批高新技术企业，"
                               "其中11家企业通过评审。截至目前全县已有73家企业完成科技型中小企业入库。\n")
    facts = {t.value: t for t in corpus.targets}
    assert (facts[73].kind, facts[73].year) == ("achievement", 2019)
    assert (facts[11].kind, facts[11].year) == ("achievement", 2019)


def test_a_count_of_places_that_all_meet_a_goal_is_a_goal_of_its_own(tmp_path):
    """力争N个设区市…均超…: the count of places is the value, not a stretch of the goal before it."""
    path = tmp_path / "plan.txt"
    path.write_text("某省科技创新投入增长行动方案\n一、主要目标\n"
                    "到2028年，全省科技创新投入达到4200亿元以上，力争7个设区市研发经费支出占GDP比重均超全国平均水平。\n",
                    encoding="utf-8")
    facts = {t.value: t for t in read_corpus([path]).targets}
    assert facts[4200].stretch is None
    assert (facts[7].kind, facts[7].year, facts[7].unit) == ("target", 2028, "个")
    assert facts[7].indicator.startswith("设区市") and "均超全国平均水平" in facts[7].indicator
