"""Places of a zone's own results news (X示范区 …今年以来…新增…): a zone the gazetteer lacks, named in a
text whose only province is that of the bodies that issued a document it cites (documents written for the tests)."""
from __future__ import annotations

from plankg.ingest import read_corpus
from plankg.ingest.issuer import _cited_spans, _unplaced_zone


def _doc(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_corpus([path]).documents[0]


def test_a_zones_results_news_is_placed_at_the_zone_inside_the_province_the_text_names(tmp_path):
    # No title: the first line names the zone and the provincial bodies that issued a cited decision.
    doc = _doc(tmp_path, "本报讯 4月2日，记者从青湾示范区获悉，在湖北省科学技术厅、湖北省财政厅近日联合印发的"
                         "《关于表扬全省科技工作先进单位的通报》中，青湾示范区科技局榜上有名。\n"
                         "今年以来，青湾示范区新增高新技术企业12家，技术合同成交额达到3.1亿元。"
                         "全区新增市级研发平台5个，一批科研项目落户青湾示范区。")
    assert (doc.region, doc.parent_region, doc.region_level) == ("青湾示范区", "湖北省", "zone")


def test_a_body_cited_after_genju_is_not_the_issuer(tmp_path):
    # 根据X《…》: the province's bureau wrote the notice the county's plan follows, not the plan.
    doc = _doc(tmp_path, "根据湖北省科学技术厅《关于做好年度科技工作的通知》要求，结合远安县实际，制定本方案。\n"
                         "一、工作目标\n全县新增高新技术企业8家，远安县研发投入强度达到2.5%。我县新建省级创新平台2个。")
    assert doc.region == "远安县"
    assert doc.issuer != "湖北省科学技术厅"


def test_bodies_that_jointly_issued_a_cited_document_are_not_the_issuer(tmp_path):
    # X、Y联合印发的《…》 in the opening: the city that won the honour speaks, not the two provincial bodies.
    doc = _doc(tmp_path, "科技创新工作再获佳绩\n近日，在湖北省科学技术厅、湖北省教育厅联合印发的《关于公布年度科普示范单位的通知》中，"
                         "宜都市3家单位入选。\n今年以来，全市新增科技型中小企业40家，宜都市技术合同登记额达到6亿元，"
                         "全市研发投入持续增长。")
    assert doc.region == "宜都市"


def test_cited_spans_cover_the_issuers_and_leave_out_the_body_that_forwards_them():
    text = "市科技局转发省科技厅、省财政厅联合印发的《办法》。"
    [(start, end)] = _cited_spans(text)
    assert text[start:end] == "省科技厅、省财政厅"
    assert _cited_spans("关于印发《实施方案》的通知") == []  # a title that issues what it quotes cites nothing


def test_a_zone_name_is_the_words_after_the_last_boundary_and_never_a_kind_of_zone():
    assert _unplaced_zone("记者从青湾", "示范区") == "青湾示范区"
    assert _unplaced_zone("创建国家级农业科技", "示范区") is None  # a kind of zone to build
    assert _unplaced_zone("两个", "示范区") is None
    assert _unplaced_zone("XX", "示范区") is None


def test_a_provinces_plan_to_build_demonstration_zones_stays_at_the_province(tmp_path):
    doc = _doc(tmp_path, "浙江省科技创新工作要点\n全省新增国家级农业科技示范区2个，创建可持续发展创新示范区。\n"
                         "全省研发投入强度达到3%，我省新认定高新技术企业5000家。")
    assert (doc.region, doc.region_level) == ("浙江省", "province")


def test_a_zone_the_gazetteer_lacks_takes_the_city_the_text_names_as_its_parent(tmp_path):
    doc = _doc(tmp_path, "青湾示范区科技创新成效明显\n今年以来，青湾示范区新增高新技术企业9家，襄阳市下达的年度任务提前完成。"
                         "青湾示范区技术合同成交额达到2亿元，又有3个项目落户青湾示范区。")
    assert (doc.region, doc.parent_region, doc.region_level) == ("青湾示范区", "襄阳市", "zone")


def test_a_zone_with_no_place_named_is_left_unplaced_rather_than_guessed(tmp_path):
    doc = _doc(tmp_path, "今年以来，青湾示范区新增高新技术企业9家。青湾示范区技术合同成交额达到2亿元，又有3个项目落户青湾示范区。")
    assert doc.region is None
