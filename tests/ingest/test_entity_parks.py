"""Parks, zones and institutes: endings as data, heads by structure, short forms, planned entities."""
from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from plankg.ingest.pipeline import read_corpus


def _names(sentence: str, kind: str | None = None) -> list[str]:
    """Names of parks and institutes (or of ``kind``) found in one composed sentence, in text order."""
    with TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.txt"
        plan.write_text(f"温州市科学技术局2024年工作要点\n一、重点任务\n{sentence}\n", encoding="utf-8")
        corpus = read_corpus([plan])
    wanted = (kind,) if kind else ("park", "institute")
    return [m.surface for m in sorted(corpus.mentions, key=lambda m: m.start) if m.type in wanted]


def _entities(tmp_path, body: str, title: str = "温州市科学技术局2024年工作要点") -> dict:
    plan = tmp_path / "plan.txt"
    plan.write_text(f"{title}\n一、重点任务\n{body}\n", encoding="utf-8")
    corpus = read_corpus([plan])
    return {(e.type, e.canonical): e for e in corpus.entities}


def test_every_kind_of_zone_ending():
    text = ("推进宁夏生态纺织产业示范园、呼和浩特和林格尔新区、中国(海南)自由贸易试验区海口片区、银川科创新城、"
            "青科孵化器、沈阳经济区和西部科学城建设。")
    assert _names(text, "park") == ["宁夏生态纺织产业示范园", "呼和浩特和林格尔新区", "中国(海南)自由贸易试验区海口片区",
                                    "银川科创新城", "青科孵化器", "沈阳经济区", "西部科学城"]


def test_the_head_is_found_by_structure_not_by_what_precedes():
    # A place name keeps its own particles (和林格尔); a clause fragment before the name is not kept.
    assert _names("调研组深入呼和浩特和林格尔新区调研。", "park") == ["呼和浩特和林格尔新区"]
    assert _names("全面了解了长株潭三地高新区建设情况。", "park") == []
    assert _names("为推动海南自由贸易港建设提供支撑。", "park") == ["海南自由贸易港"]
    assert _names("抓好国家自主创新示范区建设，规范孵化器管理，培育市级孵化器。") == []
    assert _names("滨海新区的企业") == []  # a district, a region not a park


def test_boundary_words_inside_an_institute_name_are_kept():
    assert _names("依托复旦大学省部共建国家重点实验室开展攻关。", "institute") == ["复旦大学省部共建国家重点实验室"]
    assert _names("建成中美联合实验室。", "institute") == ["中美联合实验室"]
    assert _names("加快怀柔实验室山西研究院和国家第三代半导体技术创新中心(山西)建设。", "institute") == [
        "怀柔实验室山西研究院", "国家第三代半导体技术创新中心(山西)"]


def test_no_verbs_inside_names(tmp_path):
    found = _entities(tmp_path, "1.协调解决温州大学研究院用地问题，市科技局组织温州医科大学申报项目。")
    names = {name for _, name in found}
    assert "温州大学研究院" in names and "温州医科大学" in names and "温州市科技局" in names
    assert not any(("协调" in n or "组织" in n) for n in names)


def test_a_goal_to_build_is_a_planned_entity(tmp_path):
    found = _entities(tmp_path, "1.全力打造瓯江科技创新中心，推进瓯江实验室建设。")
    planned = found[("institute", "瓯江科技创新中心")]
    existing = found[("institute", "瓯江实验室")]
    assert dict(planned.attributes)["status"] == "planned"
    assert "status" not in dict(existing.attributes)


def test_a_zone_and_its_short_name_are_one_entity(tmp_path):
    found = _entities(tmp_path, "1.推进温州国家自主创新示范区(以下简称温州自创区)建设。\n2.温州自创区新增企业30家。\n"
                                "3.加快乐清经济技术开发区建设，乐清经开区新增项目5个。")
    zone = found[("park", "温州国家自主创新示范区")]
    assert "温州自创区" in zone.aliases
    assert ("park", "温州自创区") not in found
    assert "乐清经开区" in found[("park", "乐清经济技术开发区")].aliases
    assert any("经开区 = 经济技术开发区" in r for r in found[("park", "乐清经济技术开发区")].merge_reasons)


def test_named_companies_in_a_list_and_not_categories(tmp_path):
    found = _entities(tmp_path, "1.华铸、青禾、远帆等企业自主研发；新能源、新材料等企业加快发展；高新技术企业、科技型中小企业等企业。")
    organisations = {name for kind, name in found if kind == "organization"}
    assert {"华铸", "青禾", "远帆"} <= organisations
    assert not {"新能源", "新材料", "高新技术企业", "科技型中小企业"} & organisations


def test_counts_editions_and_classes_are_not_part_of_a_name():
    assert _names("力争5年内有 6家特色小镇获省级认定。", "park") == []
    assert _names("举办第八届中国(江州)科技城博览会。", "park") == []
    assert _names("新建综合领域类技术创新中心3家,省部共建国家重点实验室1家。", "institute") == []
    assert "江州银河电子有限公司" in _names("目前有江州银河电子有限公司等企业入驻。", "organization")


def test_a_place_named_like_a_verb_and_zones_inside_a_title():
    assert _names("包头稀土深加工园区被授予国家级示范基地。", "park") == ["包头稀土深加工园区"]
    assert _names("印发《关于支持西部科学城加快建设的意见》。", "park") == ["西部科学城"]
    assert _names("印发《嘉兴市科技企业孵化器管理办法》。", "park") == []  # a kind of facility there
    assert _names("推进乡镇与高新区融合,建设乡镇园区。", "park") == []


def test_companies_a_count_or_a_kind_closes_the_list_of(tmp_path):
    found = _entities(tmp_path, "1.重点抓好远航纺织、五和电子、蓝海奥特3家研发投入过亿元企业及青禾、金穗食品等研发投入过千万元的企业。"
                                "2.共有12家企业通过评价,新增两家企业。")
    organisations = {name for kind, name in found if kind == "organization"}
    assert {"远航纺织", "五和电子", "蓝海奥特", "青禾", "金穗食品"} <= organisations
    assert not {"共有", "新增"} & organisations  # a count with no list before it names nobody


def test_computing_and_data_centres_and_resort_and_experiment_zones():
    assert _names("依托江州超算中心和国家极地科学数据中心开展研究。", "institute") == ["江州超算中心", "国家极地科学数据中心"]
    assert _names("建设太湖旅游度假区和省级可持续发展实验区。", "park") == ["太湖旅游度假区", "省级可持续发展实验区"]
    assert _names("打造省域区域科技创新中心。", "institute") == []


def test_alliances_consortia_museums_and_forest_farms_are_organisations():
    found = _names("成立科技成果转化联盟,组建东湖实验室创新联合体;记者从江州科技博物馆获悉,青龙林场建设加快。", "organization")
    assert {"科技成果转化联盟", "东湖实验室创新联合体", "江州科技博物馆", "青龙林场"} <= set(found)


def test_named_bases_and_a_quoted_name_whole():
    found = _names("园区被授予“国家石化及精细化工新型工业化产业示范基地”,申报省科技成果产业化基地。", "park")
    assert found == ["国家石化及精细化工新型工业化产业示范基地", "省科技成果产业化基地"]


def test_research_platforms_and_a_place_that_opens_a_name():
    assert _names("建好浙江省跨高校院所新型中试研发平台。", "institute") == ["浙江省跨高校院所新型中试研发平台"]
    assert _names("新建省级研发中心10家。", "institute") == []


def test_a_zone_named_for_the_development_it_tries_keeps_that_word():
    # 发展 cuts a name elsewhere (推动发展X); before a zone ending it is the zone's own word.
    assert _names("深化苏州数字经济融合发展示范区建设。", "park") == ["苏州数字经济融合发展示范区"]
    assert _names("推动发展示范区建设。", "park") == []


def test_a_quoted_goal_a_ranking_or_a_quantity_is_not_part_of_a_name():
    # A quoted goal holds a clause and a list, not one name kept whole between its quotes.
    assert _names("围绕“冲进全省开发区前十、加快建设国家级经开区”目标推进。", "park") == []
    # A ranking a zone enters names a list, not a zone.
    assert _names("滨江高新区入选“2023中国数字经济百强产业园”。", "park") == ["滨江高新区"]
    # The unit of a number before a name (每秒2.1亿亿次) belongs to the number.
    assert _names("建成每秒2.1亿亿次南湖超算中心。", "institute") == ["南湖超算中心"]


def test_a_body_named_in_brackets_inside_a_name_is_its_own_entity():
    names = _names("发挥滨湖(东南大学)智能制造研发中心作用。", "organization")
    assert names[1:] == ["东南大学"]  # after the plan's own bureau, named by its title
    assert _names("发挥滨湖(东南大学)智能制造研发中心作用。", "institute") == ["滨湖(东南大学)智能制造研发中心"]


def test_a_station_or_road_named_after_a_zone_is_not_the_zone():
    # Pattern: a park ending followed by 站/大道/路 names a station or a road, not the park.
    assert _names("推动松江高新区站建成投用，拓宽临溪开发区大道。", "park") == []
    assert _names("推动松江高新区建设。", "park") == ["松江高新区"]


def test_two_places_joined_by_a_dash_name_one_park():
    # Pattern: A—B科技园, a park two places run together; the dash does not cut its name.
    assert _names("2023年滨江—临海科技园新增企业30家。", "park") == ["滨江—临海科技园"]


def test_a_verb_before_a_bare_park_word_is_no_name():
    # Pattern: 明确/对标 + a generic remainder (园区, 国家战略): a verb and a category, no entity.
    assert _names("进一步明确园区发展定位。", "park") == []
    assert _names("对标国家战略腹地建设。", "programme") == []


def test_a_category_of_joint_research_centres_is_no_name():
    # Pattern: a level and 校企共建 before a generic ending (省级校企共建研发中心5家) counts a kind of centre.
    assert _names("新增省级校企共建研发中心5家。", "institute") == []
    assert _names("组建温州大学校企共建智能装备研发中心。", "institute") == ["温州大学校企共建智能装备研发中心"]


def test_a_verb_and_a_bare_ending_is_no_institute():
    # Pattern: a verb the boundary list does not know before a bare ending (调研分析实验室建设) is no name.
    assert _names("全面调研分析实验室运行情况，组建检测中心。", "institute") == []
    assert _names("建设温州分析测试实验室。", "institute") == ["温州分析测试实验室"]


def test_a_zone_then_a_placed_zone_is_one_name():
    # Pattern: a zone named as part of a larger one (X科学城 + place + 高新区) without a mark between.
    assert _names("推进东部科学城嘉兴高新区建设，支持宁波高新区。", "park") == ["东部科学城嘉兴高新区", "嘉兴高新区", "宁波高新区"]


def test_an_exchange_is_an_organisation_named_whole():
    # Pattern: a firm lists on an exchange (登陆X股权托管交易中心): the exchange is a body; 登陆 is no part of it.
    assert _names("12家企业成功登陆江城股权托管交易中心，支持企业在技术交易所挂牌。", "organization")[1:] == ["江城股权托管交易中心"]


def test_a_body_in_brackets_after_a_zone_is_named():
    # Pattern: an addressee list naming a zone and, in brackets, the body that runs it (度假区(X林场)).
    assert _names("尚湖旅游度假区(青山林场)、服装城管委会：", "organization")[1:] == ["青山林场", "服装城管委会"]


def test_a_base_named_after_a_lab_is_a_park_and_a_newspaper_keeps_its_generic_name():
    # Pattern: X全国重点实验室基地 is the base (a park), not the lab; 科技日报 is a paper though its words are generic.
    assert _names("建设江州南湖全国重点实验室基地。", "park") == ["江州南湖全国重点实验室基地"]
    assert _names("科技日报记者报道。", "organization")[1:] == ["科技日报"]


def test_a_verb_alone_before_a_count_is_no_listed_firm():
    # Pattern: 拥有1家X企业: the count closes no list; the verb before it is no firm.
    assert _names("全区拥有1家国家级科技企业。", "organization")[1:] == []


def test_a_verb_inside_a_name_after_generic_words_stays():
    # Pattern: 技术转移联盟, 自治区科技进步示范区: a verb inside the name (not opening it) is part of the name.
    assert _names("推动组建开发区联盟、技术转移联盟。", "organization")[1:] == ["技术转移联盟"]


def test_a_zone_named_by_its_kind_alone_is_the_documents_own(tmp_path):
    # Pattern: a plan of one zone names it in full once, then by its kind alone (经开区科技工作, 在开发区建立).
    from plankg.ingest.pipeline import read_corpus

    plan = tmp_path / "zone.txt"
    plan.write_text("鹤壁经开区2023年科技工作总结\n市科技局调研组到经开区开展专项调研。经开区新增高新技术企业12家。\n",
                    encoding="utf-8")
    corpus = read_corpus([plan])
    zone = next(e for e in corpus.entities if e.canonical == "鹤壁经开区")
    surfaces = {m.surface for m in corpus.mentions if m.id in zone.mention_ids}
    assert "经开区" in surfaces
    # a province's report naming several zones of the kind means them all by the kind alone: no one zone
    report = tmp_path / "province.txt"
    report.write_text("全省高新区发展报告\n济宁高新区和潍坊高新区排名上升。高新区营业收入增长9%。\n", encoding="utf-8")
    corpus = read_corpus([report])
    assert not any(m.surface == "高新区" and m.type == "park" for m in corpus.mentions)


def test_a_provinces_report_means_all_its_zones_by_the_kind_alone(tmp_path):
    from plankg.ingest.pipeline import read_corpus

    report = tmp_path / "province.txt"
    report.write_text("甘肃省2023年科技工作要点\n支持高新区提质增效。在开发区布局中试基地。\n", encoding="utf-8")
    corpus = read_corpus([report])
    assert not any(m.type == "park" and m.surface in ("高新区", "开发区") for m in corpus.mentions)
