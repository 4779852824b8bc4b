"""A page extract with no issuer is placed by the place it speaks as, and only when that is clear."""
from __future__ import annotations

from plankg.ingest.issuer import detect_issuer
from plankg.ingest.voice import place_of_voice
from plankg.ontology.regions import load_gazetteer


def _place(text: str) -> str | None:
    gaz = load_gazetteer()
    region = place_of_voice(text, gaz.find_all(text), gaz)
    return region.name if region else None


def test_a_plan_adapted_to_its_place_is_from_that_place():
    text = ("为落实《某市创新型城市建设实施方案》要求，结合滨湖区实际，制订本方案。\n"
            "一、工作目标\n到2026年，新增高新技术企业30家。")
    assert _place(text) == "滨湖区"


def test_own_voice_at_province_level_picks_the_province_it_keeps_naming():
    # 海南 is also the short form of 乌海市海南区: in a text counting as 全省 it is the province
    text = ("今年是海南科技创新攻坚之年。主要预期目标：全省研发经费投入强度达到1.5%；"
            "全省技术合同成交额达到50亿元。围绕海南重点产业，组织实施重大专项。推动海南实验室建设。")
    assert _place(text) == "海南省"


def test_own_voice_at_city_level_ignores_the_province_named_in_passing():
    text = ("全市高新技术企业达到800家，比上年增长12%，居全省第三。绵阳科技城建设加快，"
            "绵阳新增省级孵化器3家。全市技术合同成交额突破60亿元。四川省科技厅授予绵阳荣誉称号。")
    assert _place(text) == "绵阳市"


def test_no_voice_or_no_dominant_place_stays_unknown():
    assert _place("高新技术企业达到800家，研发投入强度2.1%。") is None
    # two cities named as often: the text does not say which it speaks as
    text = "全市新增企业50家。全市研发投入增长。嘉兴与湖州共建实验室，嘉兴、湖州各新增平台1家。"
    assert _place(text) is None


def test_voice_is_only_the_last_resort_after_the_issuer():
    text = ("华容县科技局2023年工作要点\n全省研发投入强度达到2.5%，全省新增平台10家。"
            "湖南湖南湖南，省里要求如此。")
    assert detect_issuer(text, "华容县科技局2023年工作要点").region.name == "华容县"


def test_a_zone_named_among_speakers_is_not_the_issuer_and_the_city_voice_places_the_text():
    text = ("在全市科技工作会议上的讲话\n"
            "刚才，平利县、汉滨高新区、市农科院作了交流发言。\n"
            "近年来，全市科技创新环境不断优化，全市高新技术企业达到120家，全市技术合同成交额增长30%，"
            "全市研发投入持续增长。安康科技工作稳步推进。")
    issuer = detect_issuer(text, "在全市科技工作会议上的讲话")
    assert issuer.zone is None and issuer.region is not None and issuer.region.name == "安康市"
