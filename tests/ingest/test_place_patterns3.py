"""Places of genre patterns seen on fresh sets 12 and 13: a city's table that shares its work among its
districts, a city named only in its projects' names, and a city named only in a partner university's name
(documents written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def _doc(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path]).documents[0]


def test_a_city_table_dividing_targets_among_its_districts_is_the_parent_of_most_of_them(tmp_path):
    # A municipality never names itself; the districts it shares out the work among hold the answer.
    doc = _doc(tmp_path, "关于下达年度科技成果转化目标任务的通知\n各区县人民政府，市政府有关部门：\n"
                         "为完成全市年度目标，现将我市任务分解如下，请全市各单位抓好落实。\n"
                         "| 区县 | 技术合同成交额（亿元） |\n| 浦东新区 | 120 |\n| 闵行区 | 60 |\n"
                         "| 嘉定区 | 45 |\n| 松江区 | 40 |\n| 崇明区 | 8 |\n")
    assert (doc.region, doc.region_level) == ("上海市", "province")


def test_a_city_named_only_in_its_projects_names_is_that_city(tmp_path):
    # No voice words, no issuer: a work-standard table whose projects carry the city's name.
    doc = _doc(tmp_path, "类别 | 序号 | 项目名称 | 工作标准 |\n"
                         "重点类 | 1 | 绍兴科创走廊建设工程 | 新增省级研发机构10家。 |\n"
                         "重点类 | 2 | 绍兴人才创业园提升工程 | 引进创业团队20个，建设四平台一中心。 |\n"
                         "部门类 | 3 | 科技金融工程 | 支持绍兴科技企业融资5亿元。 |\n")
    assert (doc.region, doc.region_level) == ("绍兴市", "city")


def test_a_short_form_hidden_in_other_words_does_not_outweigh_the_one_place_named():
    from plankg.ingest.voice import place_of_voice
    from plankg.ontology.regions import load_gazetteer

    gaz = load_gazetteer()
    text = "绍兴科创走廊建设。绍兴人才创业园建设四平台一中心。支持绍兴科技企业。"
    assert getattr(place_of_voice(text, gaz.find_all(text), gaz), "name", None) == "绍兴市"


def test_a_city_named_only_in_a_partner_universitys_name_does_not_place_a_bare_city_bureau(tmp_path):
    # 市科技局 of an unnamed city: the university's city is a partner, not the text's own place.
    doc = _doc(tmp_path, "12月8日，市科技局召开全市科技工作会议，传达了全省科技大会精神。\n"
                         "今年我市新增高新技术企业40户，全市技术合同成交额12亿元。"
                         "深化与西安交通大学、省农科院的合作，促成校企合作项目50项。\n")
    assert doc.region != "西安市"


def test_pinyin_glosses_inside_words_do_not_split_the_issuers_place(tmp_path):
    # Some mirrors add a reading after a character (管理(lǐ)局): the place and body read without them.
    doc = _doc(tmp_path, "江(jiāng)蘇省科學技術廳關于印發創新(xīn)發展行動方案的通知\n"
                         "各設區市科技局：現將方案印發給你們，請結合實際認真貫徹落實。\n"
                         "到2025年，全省高新技術企業達到5萬家，研發投入強度達到3.2%。\n")
    assert doc.region == "江苏省"
    assert "(" not in doc.title and "jiāng" not in doc.title


def test_a_document_number_abbreviating_a_province_places_a_text_that_names_no_place(tmp_path):
    # 豫政办发: the province's own number on the line under the title; the text counts as 全省 only.
    doc = _doc(tmp_path, "关于加快科技成果转化的若干措施\n豫政办发〔2021〕7号\n"
                         "为加快科技成果转化，结合实际，制定如下措施。\n到2025年，全省技术合同成交额达到1500亿元，"
                         "全省新增中试基地30家。\n")
    assert (doc.region, doc.region_level) == ("河南省", "province")


def test_a_cited_document_number_does_not_place_the_text(tmp_path):
    # The number of a document the text follows (《…》（豫政办发…）) is that document's, not this one's.
    doc = _doc(tmp_path, "某县科技创新工作要点\n根据《关于加快科技成果转化的若干措施》（豫政办发〔2021〕7号）精神，"
                         "我县今年新增高新技术企业5家，我县研发投入增长10%。\n")
    assert doc.region != "河南省"


def test_a_city_number_sharing_a_provinces_abbreviation_is_not_read_as_the_province(tmp_path):
    # 宁政发 numbers both 南京 and 宁夏 documents: it says nothing by itself.
    doc = _doc(tmp_path, "关于推进科技创新的实施意见\n宁政发〔2022〕15号\n到2025年，全市高企达到8000家，全市研发投入强度3.5%。\n")
    assert doc.region is None
