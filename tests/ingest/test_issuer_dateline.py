"""A news report's dateline (X网讯, 据X) is no part of the issuing body's name, nor does it place the body."""
from __future__ import annotations

from plankg.ingest.issuer import detect_issuer


def test_a_dateline_run_into_the_body_is_cut_off_its_name():
    text = ("江西网赣江新闻讯据江西省人民政府网消息，近日，江西省人民政府印发年度重点工作责任分工的通知。\n"
            "一、全省生产总值增长5.5%左右。\n牵头责任单位：省发展改革委。\n")
    issuer = detect_issuer(text, "")
    assert issuer.surface == "江西省人民政府"
    assert issuer.region is not None and issuer.region.name == "江西省"


def test_places_written_edge_to_edge_stay_in_the_name():
    text = "据湖北省武汉市科技局消息，2024年全市新增高新技术企业800家。\n"
    issuer = detect_issuer(text, "")
    assert issuer.surface == "湖北省武汉市科技局"
    assert issuer.region is not None and issuer.region.name == "武汉市"


def test_a_bureau_listed_among_a_tasks_owners_is_not_the_issuer():
    text = ("2025年是全面完成规划目标的关键之年。\n"
            "  一、全省地区生产总值增长5.5%。加快推进200个省级重大项目建设。"
            "〔省发展改革委、省科技厅、省交通运输厅〕\n  二、吉林省粮食产量稳定在800亿斤以上。\n")
    issuer = detect_issuer(text, "")
    assert issuer.surface is None or "科技厅" not in issuer.surface
