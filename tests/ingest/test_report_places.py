"""Where a report is from: the meeting's place, a county-level city's own level, a city below its province (written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _doc(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path])


def test_a_meeting_report_is_from_the_place_that_held_the_meeting_and_speaks_from_its_year(tmp_path):
    corpus = _doc(tmp_path, "全市科技创新大会召开\n"
                            "3月2日，2023年嘉兴市科技创新工作会议召开。会议总结了去年工作，部署今年任务。\n"
                            "去年，全市高新技术企业增至1200家。今年，力争新增高新技术企业150家。\n")
    doc = corpus.documents[0]
    assert (doc.region, doc.region_level, doc.years) == ("嘉兴市", "city", (2023,))
    facts = {t.value: t for t in corpus.targets}
    assert (facts[1200].kind, facts[1200].year) == ("achievement", 2022)
    assert (facts[150].kind, facts[150].year) == ("target", 2023)


def test_a_meeting_whose_spirit_is_studied_does_not_place_the_report(tmp_path):
    corpus = _doc(tmp_path, "科技局2023年工作总结\n"
                            "2023年，在省科技厅的指导下，我局认真贯彻浙江省科技创新大会精神，全力推进温州市科技创新工作。\n"
                            "全市新增高新技术企业320家。我市获批省重点实验室2家。\n")
    doc = corpus.documents[0]
    # the city the text names and speaks as, never the province above it
    assert (doc.region, doc.region_level) == ("温州市", "city")


def test_a_county_level_city_keeps_its_own_level(tmp_path):
    doc = _doc(tmp_path, "义乌市科技局2024年工作要点\n一、主要目标\n全市新增高新技术企业80家。\n").documents[0]
    assert (doc.region, doc.region_level, doc.parent_region) == ("义乌市", "county", "金华市")


def test_a_news_report_from_the_provincial_bureau_is_placed_at_the_province_it_counts_for(tmp_path):
    doc = _doc(tmp_path, "去年全省技术合同成交金额创新高\n来源：某某日报\n"
                         "记者从省科技厅获悉，去年，全省共登记技术合同1.2万项。我省输出技术8000项，"
                         "江西各设区市均有增长。全省技术合同成交额居全国前列，我省吸纳技术9000项。\n").documents[0]
    assert (doc.region, doc.region_level) == ("江西省", "province")
