"""Government bodies named in running text: region or level word + bureau ending, divisions, lists."""
from __future__ import annotations

from plankg.ingest.govunits import find_units
from plankg.ingest.orgnames import canonical_unit
from plankg.ingest.pipeline import read_corpus
from plankg.ingest.programmes import programmes
from plankg.ingest.source_names import source_names
from plankg.reports import entity_rows


def _names(text: str) -> list[str]:
    return [f.name for f in find_units(text)]


def test_bureaus_after_a_region_chain_or_a_level_word():
    text = "银川市西夏区科学技术局会同市统计局、区财政局和自治区科技厅召开座谈会。"
    assert _names(text) == ["银川市西夏区科学技术局", "市统计局", "区财政局", "自治区科技厅"]
    assert "ending 科学技术局 after region 银川市西夏区" in {f.why for f in find_units(text)}


def test_every_kind_of_bureau_ending():
    text = "县发改委、县经信局、县人社局、县市场监管局、县税务局、市科创委和省人民政府办公厅联合发文。"
    assert _names(text) == ["县发改委", "县经信局", "县人社局", "县市场监管局", "县税务局", "市科创委", "省人民政府办公厅"]


def test_a_park_before_its_management_committee():
    assert _names("高新区管委会社会事业办负责。")[:1] == []  # no park span given: 高新区 is no region
    found = find_units("银川高新区管委会社会事业办负责。", parks=[(0, 5)])
    assert [(f.kind, f.name) for f in found] == [("organization", "银川高新区管委会"), ("division", "社会事业办")]
    assert found[1].parent == "银川高新区管委会"


def test_divisions_after_their_bureau_or_standing_alone():
    found = find_units("省科技厅高新技术处牵头。作者:科技厅 政策法规处")
    divisions = [(f.name, f.parent) for f in found if f.kind == "division"]
    assert divisions == [("高新技术处", "省科技厅"), ("政策法规处", None)]  # alone: the issuer is its parent


def test_party_committees_named_with_their_place():
    assert _names("中共如皋市委办公室、中共宁夏回族自治区委员会印发。") == ["中共如皋市委办公室", "中共宁夏回族自治区委员会"]
    assert _names("临海市委高度重视。") == []  # the leadership of the day, as 市委 is


def test_no_body_without_a_place_nor_in_a_list_of_kinds():
    # Negative cases: a bare ending, kinds of bodies, the leadership of the day, words ending in a level word.
    assert _names("呼包鄂三地发改委、科技局、财政局等部门参加。") == []
    assert _names("各市科技局，地、州、市科技局，县(市)区科技局审核。") == []
    assert _names("在市委、市政府的坚强领导下，区市党委部署。") == []
    assert _names("园区科技局和社区科技局") == []
    assert _names("此处、各处、一处处理。") == []


def test_official_and_short_names_are_one_body():
    assert canonical_unit("谯城区科学技术局") == "谯城区科技局"
    assert canonical_unit("临海市发展和改革局") == "临海市发改局"
    assert canonical_unit("南宁市人力资源和社会保障局") == "南宁市人社局"
    assert canonical_unit("区市场监督管理局") == "区市场监管局"


def test_a_bureau_in_the_text_and_owning_a_target_is_one_entity(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "临海市科学技术局2024年工作要点\n"
        "一、重点任务\n"
        "1.临海市科学技术局会同市统计局开展研发投入统计。\n"
        "2.新增高新技术企业30家(市科技局)。\n", encoding="utf-8")
    corpus = read_corpus([plan])
    bureaus = [e for e in corpus.entities if e.canonical == "临海市科技局"]
    assert len(bureaus) == 1
    bureau = bureaus[0]
    assert {"临海市科学技术局", "市科技局"} <= set(bureau.aliases)
    assert bureau.region == "临海市"
    why = dict(bureau.attributes)["why"]
    assert "owner of a target" in why and "ending 科学技术局" in why
    assert any(e.canonical == "临海市统计局" and e.region == "临海市" for e in corpus.entities)


def test_bodies_in_a_cited_title_and_on_a_source_line(tmp_path):
    plan = tmp_path / "notice.txt"
    plan.write_text(
        "主办单位:山西省临汾市洪洞县人民政府\n"
        "洪洞县科技创新工作方案\n"
        "一、总体要求\n"
        "根据《自治区党委办公厅、自治区人民政府办公厅关于印发〈科技强桂三年行动方案〉的通知》和"
        "《洪洞县科技企业孵化器管理办法》，到2025年新增高新技术企业20家。\n", encoding="utf-8")
    corpus = read_corpus([plan])
    names = {(e.type, e.canonical) for e in corpus.entities}
    assert ("organization", "山西省临汾市洪洞县人民政府") in names
    assert {m.surface for m in corpus.mentions if m.type == "organization"} >= {"自治区党委办公厅", "自治区人民政府办公厅"}
    assert not any(kind == "park" for kind, _ in names)  # the kind of facility a title is about
    assert ("plan_document", "科技强桂三年行动方案") in names


def test_official_bureau_names_branches_and_work_groups():
    text = "责任单位:县教育和科学技术局、区自然资源和规划局、区林业局、市生态环境局青山分局。"
    assert _names(text) == ["县教育和科学技术局", "区自然资源和规划局", "区林业局", "市生态环境局青山分局"]
    assert _names("今年我市成立科创走廊建设工作领导小组,由市长任组长。") == ["科创走廊建设工作领导小组"]
    assert _names("3月2日,全国科技型企业评价工作领导小组办公室发布通知。") == ["全国科技型企业评价工作领导小组办公室"]
    assert _names("成立领导小组。") == []  # no name before the ending: a kind of body


def test_a_districts_bureau_is_not_merged_with_another_places_bare_bureau(tmp_path):
    (tmp_path / "a.txt").write_text(
        "德阳市旌阳区2024年目标任务分解\n1.新增高新技术企业20家(区科技局)。\n2.区科技局会同区财政局落实研发补助。\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text("区科技局2023年工作总结\n今年区科技局组织企业申报项目40项。\n", encoding="utf-8")
    corpus = read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"])
    bureau = next(e for e in corpus.entities if e.canonical == "旌阳区科技局")
    docs = {m.doc_id for m in corpus.mentions if m.id in bureau.mention_ids}
    assert len(docs) == 1 and "owner of a target" in dict(bureau.attributes)["why"]
    rows = {r["name"]: r for r in entity_rows(corpus)}
    assert rows["旌阳区科技局"]["targets"]  # the targets it owns and is named in


def test_firms_a_level_of_government_owns():
    assert _names("牵头单位:区城投公司,配合单位:区经发集团、各园区。") == ["区城投公司", "区经发集团"]
    assert _names("园区城投公司") == []  # 园区 is a word, not the level word 区


def test_a_short_bureau_name_standing_alone_in_a_list():
    assert _names("资料来源:省统计局、省农委、省扶贫办、省水利厅。") == ["省统计局", "省农委", "省扶贫办", "省水利厅"]
    assert _names("优化区域创新布局。各市、县(市)区科技局报送。") == []


def test_management_committees_more_bureaus_and_owner_lists_in_brackets():
    assert _names("参会的有青云山管委会社会事业办主任、服装城管委会。")[:1] == ["青云山管委会"]
    assert "服装城管委会" in _names("参会的有青云山管委会社会事业办主任、服装城管委会。")
    assert _names("(省发展改革委、省交通厅、省食药监局)") == ["省发展改革委", "省交通厅", "省食药监局"]
    assert _names("记者从赣州市新闻办公室获悉。") == ["赣州市新闻办公室"]


def test_a_bureau_name_standing_alone_in_a_cell_or_a_label():
    assert _names("【科技局】答:到2025年,新增高新技术企业50家。") == ["科技局"]
    assert _names("研发投入占比达3%.发改委、经信委7 社会消费品") == ["发改委", "经信委"]
    assert _names("名称:科技局2021年工作总结") == []  # a title's first words, before its year


def test_two_owners_run_together_are_two_bodies(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("德阳市旌阳区2024年目标任务分解表\n序号\t指标\t目标\t责任单位\n1\t固定资产投资增长\t8%\t区发改委区统计局\n",
                    encoding="utf-8")
    corpus = read_corpus([plan])
    names = {e.canonical for e in corpus.entities if e.type == "organization"}
    assert {"旌阳区发改委", "旌阳区统计局"} <= names
    assert not any("发改委区统计局" in n for n in names)
    rows = {r["name"]: r for r in entity_rows(corpus)}
    assert rows["旌阳区发改委"]["targets"] and rows["旌阳区统计局"]["targets"]


def test_a_traditional_page_keeps_names_as_written(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("江蘇省科學技術廳2024年工作要點\n一、江蘇省科學技術廳會同省財政廳推進實驗室建設,"
                    "新增高新技術企業3000家,全省研發投入強度達到3.2%。\n", encoding="utf-8")
    corpus = read_corpus([plan])
    bureau = next(e for e in corpus.entities if e.canonical == "江苏省科技厅")
    surfaces = {m.surface for m in corpus.mentions if m.id in bureau.mention_ids}
    assert "江蘇省科學技術廳" in surfaces


def test_firms_named_in_prose_by_brand_and_trade(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "常州市科学技术局2024年工作总结\n一、主要成效\n"
        "指导澜晟食品、柯睿达制冷承担省重点研发项目；鸿翎科技、钛芯新材料成功上市。钛芯新材料与泓瑞生物的两名人才入选计划。"
        "支持数字科技、生物医药、节能环保等产业发展，加快发展新能源、新材料，培育智能装备和绿色食品。\n",
        encoding="utf-8")
    corpus = read_corpus([plan])
    firms = {m.surface for m in corpus.mentions if m.type == "organization" and m.surface not in ("常州市科学技术局",)}
    # Industries (数字科技, 节能环保, 绿色食品) are kinds, not firms: their first word is a common word.
    assert firms == {"澜晟食品", "柯睿达制冷", "鸿翎科技", "钛芯新材料", "泓瑞生物"}


def test_the_centre_named_as_the_leadership_of_the_day_is_no_body_of_the_plan():
    assert _names("在党中央、国务院的坚强领导下，全市科技工作取得成效。") == []
    assert _names("落实中共中央 国务院部署，会同科技部推进。") == ["科技部"]
    assert _names("贯彻国务院部署，推进科技创新。") == ["国务院"]


def test_a_counted_list_joined_by_he_names_its_firms(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("淮安市科学技术局2023年工作总结\n一、主要成效\n华茂集团和鑫达特两家企业成为联盟成员，"
                    "新能源和新材料两家企业获得支持。\n", encoding="utf-8")
    firms = {m.surface for m in read_corpus([plan]).mentions if m.type == "organization"}
    assert firms == {"淮安市科学技术局", "华茂集团", "鑫达特"}  # industries are not names


def test_a_bare_government_acting_alone_is_a_body_beside_its_committee_it_is_the_leadership():
    # Pattern: a level word + 政府 that acts on its own (it plans, meets, signs) names the government
    # as a body; beside its party committee, heading an addressee list or in the approval formula it does not.
    assert _names("县政府统筹推进河道治理。") == ["县政府"]
    assert _names("经市政府第十二次常务会议审议通过。") == ["市政府"]
    assert _names("区人民政府副区长出席并讲话。") == ["区人民政府"]
    assert _names("在县委、县政府的正确领导下，在市委市政府的部署下。") == []
    assert _names("各乡镇人民政府，县政府各部门、直属单位：经县政府同意，现印发。") == []


def test_a_listed_bureau_ends_before_its_role_word():
    # Pattern: a responsibility note after a task (X委主办，Y委协办): the role word is no part of the body.
    assert _names("（省经信委主办，省商务厅协办）") == ["省经信委", "省商务厅"]
    assert _names("（市人才办牵头单位，市医保局配合）") == ["市人才办", "市医保局"]


def test_a_place_inside_a_longer_known_name_does_not_cut_the_body():
    # Pattern: a region's name (白山) at the end of a longer dictionary word (长白山) before 管委会.
    assert _names("推动长白山管委会社会事业办落实。")[:1] == ["长白山管委会"]
    assert _names("支持白山市科技局。") == ["白山市科技局"]


def test_an_office_standing_alone_names_no_body():
    # Pattern: 办公室 between separators is any body's office; after its body it is that body's division.
    assert _names("来源: 办公室 黄石") == []
    assert [(f.name, f.parent) for f in find_units("市科技局办公室负责。") if f.kind == "division"] == [("办公室", "市科技局")]


def test_a_ministrys_centre_or_department_named_after_it_is_one_body():
    # Pattern: a central ministry then its own centre or department (X部Y中心, X部Y司) without a mark.
    assert _names("工作受到科技部火炬中心通报表扬，工信部科技司来调研。") == ["科技部火炬中心", "工信部科技司"]
    assert _names("获科技部立项支持，科技部支持建设中心。") == ["科技部", "科技部"]


def test_firms_listed_before_a_qualified_kind_of_firm(tmp_path):
    # Pattern: 甲、乙等工业企业 / 等服务业企业: a word between 等 and the kind still closes a list of names;
    # 到 before the first item is the verb's, not the name's.
    plan = tmp_path / "plan.txt"
    plan.write_text("某区科技局2024年工作总结\n一、工作成效\n推动青禾铝业、远帆阀门等工业企业进规入统，"
                    "局领导多次带队到华铸星通、青禾高压等企业开展服务。\n", encoding="utf-8")
    names = {e.canonical for e in read_corpus([plan]).entities if e.type == "organization"}
    assert {"青禾铝业", "远帆阀门", "华铸星通", "青禾高压"} <= names


def test_an_inspection_office_after_its_government_is_a_division():
    # Pattern: 报市政府督查室: the office of a government that follows up tasks.
    found = find_units("于4月20日前报市政府督查室。")
    assert [(f.name, f.parent) for f in found if f.kind == "division"] == [("督查室", "市政府")]


def test_a_division_right_after_its_body_is_written_whole(tmp_path):
    # Pattern: 报市政府督查室, 省科技厅高新技术处: the division's mention is the name as written, body and all.
    plan = tmp_path / "plan.txt"
    plan.write_text("某区科技局2024年工作要点\n一、重点任务\n1.于4月20日前报市政府督查室，省科技厅高新技术处指导。\n",
                    encoding="utf-8")
    surfaces = {m.surface for m in read_corpus([plan]).mentions if m.type == "division"}
    assert surfaces == {"市政府督查室", "省科技厅高新技术处"}


def test_a_title_the_plans_own_level_grants():
    # Pattern: 获批省“瞪羚”企业: a level word before the quoted title; the title is the programme.
    assert [f.name for f in programmes("甲、乙等10家获批省“瞪羚”企业。", [])] == ["“瞪羚”企业"]
    assert [f.name for f in programmes("培育瞪羚企业10家。", [])] == []


def test_bare_bureaus_after_a_placed_one_share_its_level():
    # Pattern: 县科技局、财政局、统计局: the first bureau of a list carries the level for all of them.
    assert _names("县科技局、财政局、统计局：") == ["县科技局", "财政局", "统计局"]
    assert _names("呼包鄂三地发改委、科技局、财政局等部门参加。") == []


def test_a_source_field_written_with_a_bar_names_its_body():
    # Pattern: a page's metadata table flattened to 发布机构:|X|有效性:| — the bar after the colon.
    assert [f.name for f in source_names("文号:|江政办〔2022〕6号|发布机构:|县政府办公室|有效性:|有效")] == ["县政府办公室"]


def test_a_hidden_place_and_peoples_congress_standing_committees():
    # Pattern: a page preview or a template hides the place (XX区科学技术局); 人大常委会 is a body.
    assert _names("XX区科学技术局2023年工作总结。省人大常委会、市人大常委会调研。") == [
        "XX区科学技术局", "省人大常委会", "市人大常委会"]


def test_a_bare_bureau_after_a_particle_or_opening_a_sentence_is_the_plans_own():
    # Pattern: 主动与科技厅对接, 科技厅相关负责人表示: the plan's own bureau, named bare in prose.
    assert _names("科技厅有关负责人介绍,下一步将主动与科技局对接。科技局长出席。") == ["科技厅", "科技局"]


def test_divisions_named_by_two_topics_or_with_keji_and_offices_of_central_bodies():
    found = find_units("省科技厅社会发展科技处、区科技局发展规划与资源配置处出席,国务院新闻办公室举行发布会,江西省政府新闻办通报。")
    assert [f.name for f in found] == ["省科技厅", "社会发展科技处", "区科技局", "发展规划与资源配置处",
                                       "国务院新闻办公室", "江西省政府新闻办"]


def test_a_source_label_followed_by_spaces_or_by_another_label():
    names = [f.name for f in source_names("公开方式 主动公开 所属机构 平罗县科学技术局 成文日期 2021-03-01\n"
                                          "发布时间:2021-01-21 作者: 信息来源: 汉川经开区管委会办公室")]
    assert names == ["平罗县科学技术局", "汉川经开区管委会办公室"]


def test_a_bare_bureau_in_a_list_before_words_of_its_people():
    # Pattern: 率市科技局、工信局有关负责人: the listed bureau shares the placed one's level.
    assert _names("副县长带领县科技局、工信局分管负责同志调研。") == ["县科技局", "工信局"]
