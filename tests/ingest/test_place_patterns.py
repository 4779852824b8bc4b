"""Places of five genre patterns seen on a fresh set: a province's roundup of its zones, a zone's own news,
a municipality's report digest, a province's byname, and a district whose short form is a plan verb
(documents written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ontology.regions import load_gazetteer


def _doc(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path]).documents[0]


def test_a_provinces_roundup_of_its_zones_in_traditional_characters_is_the_provinces(tmp_path):
    doc = _doc(tmp_path, "湖北有望實現高新區市州全覆蓋\n來源：某某晚報\n"
                         "近日，記者從湖北省科技廳獲悉，全省12家國家高新區中6家排名提升，宜昌高新區進位15名，"
                         "襄陽高新區排名第30，孝感高新區首次進入前80。\n"
                         "據了解，湖北將繼續支持各高新區創建創新型特色園區，力爭新增省級高新區3家。\n")
    assert (doc.region, doc.region_level) == ("湖北省", "province")


def test_a_zones_own_news_that_names_its_city_only_in_a_company_is_placed_at_the_zone(tmp_path):
    # 长沙 is also the short form of 长沙县 inside 长沙市: the name places the city that holds both.
    doc = _doc(tmp_path, "12月3日，副市长带领市科技局负责同志，对经开区科技创新工作进行调研。\n"
                         "调研组先后到经开区创新服务中心、长沙华宇精工有限公司，听取企业研发情况汇报。\n"
                         "据介绍，经开区现有高新技术企业120家，省级研发平台35个，为全市发展作出了贡献。\n")
    assert (doc.region, doc.parent_region, doc.region_level) == ("长沙经开区", "长沙市", "zone")


def test_a_city_short_form_shared_with_its_own_county_names_the_city():
    names = [region.name for region, _, _ in load_gazetteer().find_all("长沙华宇精工有限公司新增专利20件。")]
    assert names == ["长沙市"]


def test_a_municipalitys_report_digest_naming_its_districts_once_each_is_the_municipalitys(tmp_path):
    doc = _doc(tmp_path, "各地政府工作报告科技创新要点\n"
                         "◉ 重庆科技创新中心建设提速，重庆地区新增国家级创新平台12个、占西部地区两成。\n"
                         "◉ 支持沙坪坝打造智能网联汽车产业集群，推动江津建设先进材料中试基地。\n"
                         "◉ 深入实施关键核心技术攻关行动，技术合同成交额增长25%。\n")
    assert (doc.region, doc.region_level) == ("重庆市", "province")


def test_a_province_called_by_its_byname_in_a_whole_province_report_is_that_province(tmp_path):
    doc = _doc(tmp_path, "担当实干谋创新 为八闽高质量发展提供科技支撑\n——在2024年全省科技工作会议上的报告\n"
                         "同志们：这次会议的主要任务是总结2023年全省科技工作，部署今年重点任务。\n"
                         "下面，我代表省科技厅作工作报告。2023年，全省高新技术企业达到1.2万家，"
                         "科技创新为八闽发展注入新动能。\n")
    assert (doc.region, doc.region_level) == ("福建省", "province")


def test_a_district_whose_short_form_is_a_plan_verb_is_not_named_by_that_verb(tmp_path):
    table = ("2024年科技创新重点任务分解表\n序号 | 任务 | 目标 | 牵头单位\n"
             "1 | 新建院士专家工作站 | 3家 | 区科技局\n2 | 新增高新技术企业 | 20家 | 区科技局\n")
    assert _doc(tmp_path, table).region != "新建区"
    # the district's full name still places the text
    named = _doc(tmp_path, "2024年工作要点\n结合新建区实际，全区新建院士专家工作站3家，全区新增企业20家。\n")
    assert (named.region, named.region_level) == ("新建区", "district")
