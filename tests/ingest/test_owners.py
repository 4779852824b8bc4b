"""Owners: explicit lists with the lead, divisions of the issuer, regional resolution, defaults."""
from __future__ import annotations

from plankg.ingest.owners import (
    column_role,
    default_owner,
    owners_from_cell,
    owners_in_text,
    resolve_unit,
    unit_pieces,
    written_name,
)
from plankg.ingest.records import Document


def _doc(region, issuer):
    return Document(id="d", path="p", source_name="p", part=0, title="t", issuer=issuer, region=region,
                    region_level=None, parent_region=None, doc_type="action_plan", years=(), reported_years=(),
                    published=None, text="")


DISTRICT = _doc("椒江区", "椒江区科技局")
CITY = _doc("宁波市", "宁波市科技局")


def test_units_resolve_in_the_documents_region():
    assert resolve_unit("区科技局", DISTRICT) == "椒江区科技局"
    assert resolve_unit("区委人才办", DISTRICT) == "椒江区委人才办"
    assert resolve_unit("区科技局", CITY) == "区科技局"  # which district a city plan means is unknown
    assert resolve_unit("市经信局", CITY) == "宁波市经信局"


def test_trailing_parenthesis_lists_owners_first_leads():
    owners = owners_in_text("到2026年，建成市级重点实验室8个(区科技局、区财政局)。", DISTRICT)
    assert [(o.name, o.role) for o in owners] == [("椒江区科技局", "lead"), ("椒江区财政局", "support")]


def test_lost_opening_bracket():
    owners = owners_in_text("数字经济核心产业增加值占比达到6%区经信局)", DISTRICT)
    assert [o.name for o in owners] == ["椒江区经信局"]


def test_lead_and_support_phrases():
    owners = owners_in_text("【牵头单位市发改委，市科技局为配合单位】", CITY)
    assert [(o.name, o.role) for o in owners] == [("宁波市发改委", "lead"), ("宁波市科技局", "support")]


def test_responsibility_cell_with_star_leader_and_people():
    units, people = owners_from_cell("王明华\n李强\n综合处\n*高新处\n科投公司", CITY)
    # the starred lead first, then the others as listed
    assert [(o.name, o.surface, o.role, o.kind) for o in units[:2]] == [
        ("宁波市科技局高新处", "高新处", "lead", "division"),
        ("宁波市科技局综合处", "综合处", "support", "division"),
    ]
    assert units[0].parent == "宁波市科技局"
    assert [p.name for p in people] == ["王明华", "李强"]


def test_default_owner_is_the_issuer():
    assert [(o.name, o.role) for o in default_owner(CITY)] == [("宁波市科技局", "default")]


def test_not_owner_lists():
    assert owners_in_text("推进重大科技攻关(含“卡脖子”技术)。", DISTRICT) == ()
    assert owners_in_text("研发人员86人年(19年数据)", DISTRICT) == ()


def test_a_support_cell_keeps_units_with_a_second_name_an_etc_tail_or_a_full_stop():
    units, _ = owners_from_cell("区经信局、区商务局(区某某中心)、区财政局等区政府有关部门,某某经开区管委会。", DISTRICT)
    assert [o.surface for o in units] == ["区经信局", "区商务局", "区财政局", "某某经开区管委会"]
    units, _ = owners_from_cell("区发改委、区农业农村局、等区政府有关部门，区农投公司。", DISTRICT)
    assert [o.surface for o in units] == ["区发改委", "区农业农村局", "区农投公司"]


def test_a_labelled_unit_cell_drops_its_label():
    units, _ = owners_from_cell("责任单位:区科技和经信局、区财政局", DISTRICT)
    assert [(o.surface, o.role) for o in units] == [("区科技和经信局", "lead"), ("区财政局", "support")]


def test_units_written_side_by_side_are_two_units():
    assert unit_pieces("区发改局区统计局") == ["区发改局", "区统计局"]
    assert unit_pieces("市发展改革委市统计局") == ["市发展改革委", "市统计局"]
    assert unit_pieces("区委组织部区人社局") == ["区委组织部", "区人社局"]
    assert unit_pieces("区科技局 区经信局") == ["区科技局", "区经信局"]
    assert unit_pieces("*县科技局县财政局") == ["*县科技局", "县财政局"]
    # one body: a branch named after its place, a division of a bureau, a merged bureau
    for whole in ("市生态环境局某某分局", "市科技局高新处", "区科技和经信局", "市场监管局"):
        assert unit_pieces(whole) == [whole]


def test_a_cell_of_units_without_separators_gives_each_lead_first():
    units, _ = owners_from_cell("区经信局区统计局", DISTRICT)
    assert [(o.surface, o.role) for o in units] == [("区经信局", "lead"), ("区统计局", "support")]


def test_exported_owner_names_keep_the_documents_wording():
    owner = owners_in_text("（责任单位：区发展和改革局）", DISTRICT)[0]
    assert owner.name == "椒江区发改局"  # one node for every form of the body's name
    assert written_name(owner) == "椒江区发展和改革局"


def test_a_lead_field_then_a_duty_field_gives_the_duty_units_as_support():
    owners = owners_in_text("（责任领导：王某；牵头单位：区科工局；责任单位：区财政局、区统计局）", DISTRICT)
    assert [(o.surface, o.role) for o in owners] == [("区科工局", "lead"), ("区财政局", "support"),
                                                     ("区统计局", "support")]


def test_a_duty_field_alone_leads_and_a_field_ends_at_the_next_field():
    owners = owners_in_text("负责单位：区工信局、区统计局 完成时限：2024年底", DISTRICT)
    assert [(o.surface, o.role) for o in owners] == [("区工信局", "lead"), ("区统计局", "support")]
    assert [o.surface for o in owners_in_text("责任单位为区科技局；", DISTRICT)] == ["区科技局"]


def test_shared_duties_in_running_text():
    owners = owners_in_text("（市科技局牵头，市财政局、市商务局按职责分工负责）", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市财政局", "support"),
                                                     ("市商务局", "support")]
    owners = owners_in_text("（由市科技局、市教育局共同负责）", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市教育局", "support")]


def test_owner_columns_by_role():
    assert [column_role(n) for n in ("牵头单位", "主要责任单位", "责任单位", "监考单位", "协同配合单位", "责任(配合)单位",
                                     "责任领导", "牵头县领导", "责任人", "指标名称")] == [
        "primary", "primary", "duty", "duty", "support", "support", "people", "people", "people", None]


def test_kinds_of_body_in_a_list_are_passed_over_not_the_units_after_them():
    for text in ("（责任单位：市科技局，各县（市、区）人民政府）", "责任单位：各区县政府，市科技局"):
        assert [o.surface for o in owners_in_text(text, CITY)] == ["市科技局"]
    owners = owners_in_text("（牵头单位：市科技局；责任单位：各县市区政府、市财政局）", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市财政局", "support")]


def test_units_joined_by_a_word_or_closed_by_deng():
    owners = owners_in_text("由市科技局会同市财政局负责", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市财政局", "support")]
    owners = owners_in_text("（市科技局、市发改委等按职责分工负责）", CITY)
    assert [o.surface for o in owners] == ["市科技局", "市发改委"]
    owners = owners_in_text("（责任单位：市科技局，市财政局配合）", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市财政局", "support")]


def test_a_level_kind_is_not_a_unit():
    # 省级品牌指导服务站 under a row's owner cell is the next sub-row's name, not a second owner
    units, _ = owners_from_cell("区市场监管局\n省级品牌指导服务站", DISTRICT)
    assert [o.surface for o in units] == ["区市场监管局"]


def test_a_row_kept_as_one_sentence_is_owned_by_the_units_after_its_stop():
    owners = owners_in_text("研发投入强度达到2.5%. 市科技局、市统计局", CITY)
    assert [(o.surface, o.role) for o in owners] == [("市科技局", "lead"), ("市统计局", "support")]
    assert owners_in_text("研发投入强度达到2.5%。力争更高", CITY) == ()


PROVINCE = _doc("吉林省", "吉林省人民政府")


def _named(owners):
    return [(o.name, o.role) for o in owners]


def test_units_after_a_closing_deng_and_a_kind_of_body_are_kept():
    owners = owners_in_text("1.全省社会消费品零售总额增长6%。牵头单位:省商务厅 责任单位:省交通运输厅、省文化旅游厅、"
                            "省市场监管厅等,各市州人民政府,省长白山管委会", PROVINCE)
    assert _named(owners) == [("省商务厅", "lead"), ("省交通运输厅", "support"), ("省文化旅游厅", "support"),
                              ("省市场监管厅", "support"), ("省长白山管委会", "support")]


def test_host_and_co_host_lead_and_support_without_their_role_words():
    owners = owners_in_text("(二)税收收入增长6%左右。(省财政厅主办,省国税局、地税局协办)", PROVINCE)
    assert _named(owners) == [("省财政厅", "lead"), ("省国税局", "support"), ("地税局", "support")]
    fields = owners_in_text("(三)进出口总额增长4%。主办：省商务厅 协办：省税务局、省统计局", PROVINCE)
    assert _named(fields) == [("省商务厅", "lead"), ("省税务局", "support"), ("省统计局", "support")]


def test_province_units_sharing_a_duty_in_closing_brackets():
    shared = owners_in_text("一、对地区生产总值增长6%、进出口总额增长3%等目标进行监测。"
                            "(省发展改革委、省财政厅、省人力资源社会保障厅、省农业农村厅、省商务厅等按职责分工负责)", PROVINCE)
    assert [o.name for o in shared] == ["省发展改革委", "省财政厅", "省人力资源社会保障厅", "省农业农村厅", "省商务厅"]
    led = owners_in_text("二、粮食产量稳定在800亿斤。(省农业农村厅牵头，省财政厅、省水利厅配合)", PROVINCE)
    assert _named(led) == [("省农业农村厅", "lead"), ("省财政厅", "support"), ("省水利厅", "support")]


def test_a_zone_committee_in_an_owner_list_keeps_its_whole_name():
    # 高新区管委会: the level word 区 inside a zone's name is not where the unit starts
    owners = owners_in_text("新建省级孵化器3家。（市科技局、宁波高新区管委会按职责分工负责）", CITY)
    assert [o.surface for o in owners] == ["市科技局", "宁波高新区管委会"]
