"""Every document is placed at the region it speaks for, from its text alone (documents written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _place(tmp_path, text: str) -> tuple[str | None, str | None]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    return doc.region, doc.region_level


def test_a_provincial_meeting_held_in_the_capital_is_the_provinces(tmp_path):
    text = ("2024年福建省科技工作会议在福州召开\n"
            "3月5日，2024年福建省科技工作会议在福州召开。会议总结去年工作，部署今年任务。\n"
            "去年，全省高新技术企业达到1.2万家。今年，我省力争技术合同成交额突破300亿元。\n")
    assert _place(tmp_path, text) == ("福建省", "province")


def test_a_meeting_of_the_whole_province_is_placed_by_the_province_it_counts_for(tmp_path):
    text = ("2月20日，2023年全省科技工作会议在长沙召开。会议回顾了去年全省科技工作。\n"
            "据省科技厅数据，去年我省高新技术企业达到1.3万家；全省技术合同成交额增长30%。"
            "湖南科技创新能力稳步提升，我省新增省级重点实验室12个。\n")
    assert _place(tmp_path, text) == ("湖南省", "province")


def test_a_dateline_says_where_the_reporter_filed_not_whose_report_it_is(tmp_path):
    text = ("新华网合肥4月2日电 记者从2024年全省科技创新大会获悉，去年安徽全社会研发投入增长12%，"
            "全省高新技术企业净增3000家，我省区域创新能力居全国第7位，我省技术合同成交额创新高。\n")
    assert _place(tmp_path, text) == ("安徽省", "province")


def test_a_document_the_opening_cites_is_not_the_place(tmp_path):
    text = ("近日，全国高新技术企业认定管理工作领导小组办公室发布《对江西省认定机构2023年第一批高新技术企业进行备案的公告》，"
            "园区8家企业上榜。\n据统计，园区全年新增高新技术企业20家，高新技术企业总数达到60家。\n")
    assert _place(tmp_path, text) == (None, None)


def test_the_speaker_of_a_government_work_report_places_it_not_a_zone_it_names(tmp_path):
    text = ("政府工作报告\n——2024年1月10日在杭州市西湖区第一届人民代表大会第四次会议上\n"
            "各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。\n"
            "一、2023年工作回顾\n这一年，也是之江实验室与杭州高新技术产业开发区合作深化的一年。"
            "全区地区生产总值增长6%，新增高新技术企业120家。\n")
    assert _place(tmp_path, text) == ("杭州市西湖区", "district")


def test_a_city_body_a_district_text_cites_is_not_its_issuer(tmp_path):
    # the text speaks of itself as 我区 and never names its district: the city is only cited
    text = ("科技局2019年工作总结\n"
            "2019年，我局认真贯彻宁波市科学技术进步条例，根据宁波市科技局关于高新技术企业培育的通知，"
            "推动我区科技工作上台阶。今年我区新认定高新技术企业30家，全市新认定200家；我区技术合同成交额增长15%。\n"
            "浙江省科技厅授予我区科技进步先进单位称号。\n")
    assert _place(tmp_path, text) == (None, None)


def test_a_province_is_placed_by_the_cities_it_names_when_it_names_itself_only_as_our_province(tmp_path):
    text = ("前不久召开的全省科技工作会议，对全省科技战线提出新要求。\n"
            "去年我省发挥西宁海东科技创新走廊的带动作用，全省科技进步贡献率达到55%。"
            "今年，省科技厅力争全省技术合同成交额达到30亿元，我省新增高新技术企业80家。\n")
    assert _place(tmp_path, text) == ("青海省", "province")


def test_a_meeting_named_after_the_word_held_places_the_report(tmp_path):
    text = ("全州科技工作取得新进展\n"
            "从15日召开的恩施州第12个科技活动周总结大会上了解到，近年来，全州科技创新能力稳步提升。"
            "2023年全州发明专利授权量为210件，同比增长30%。\n")
    assert _place(tmp_path, text) == ("恩施土家族苗族自治州", "city")


def test_a_plan_that_keeps_naming_its_municipality_instead_of_our_city_is_its(tmp_path):
    text = ("建设国际科技创新中心，是党中央赋予北京的重大任务。为推动北京高质量发展，根据《北京市国民经济和社会发展"
            "第十四个五年规划纲要》，制定本规划。\n一、发展基础\n“十三五”以来，北京科技创新能力显著提升。"
            "2020年北京研发经费投入强度达到6%，北京每万人口发明专利拥有量达到156件。\n")
    assert _place(tmp_path, text) == ("北京市", "province")


def test_a_banner_written_by_its_abbreviation_is_placed(tmp_path):
    text = ("2024年政府工作报告\n各位代表：\n现在，我代表科右中旗人民政府向大会报告工作。\n"
            "过去一年，全旗地区生产总值增长6%，全旗新增科技型企业12家。\n")
    assert _place(tmp_path, text) == ("科尔沁右翼中旗", "county")
