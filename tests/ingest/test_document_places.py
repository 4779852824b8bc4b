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


def test_a_responsibility_table_speaks_as_its_level_and_names_its_district_once(tmp_path):
    # no 全区 or 我区: the table's own units (区发改局) are the district's voice; 南湖 is named once
    text = ("2024年区政府工作报告重点工作责任分解\n"
            "序号 重点工作 责任单位\n1 地区生产总值增长6%。 区发改局\n"
            "2 深化嘉兴南湖科创走廊建设，力争引进研发机构5家。 区发改局、区商务局\n"
            "3 一般公共预算收入增长5%。 区财政局、区税务局\n")
    assert _place(tmp_path, text) == ("南湖区", "district")


def test_the_issuer_is_the_page_fields_office_not_a_lead_unit_marked_in_the_table(tmp_path):
    text = ("2024年区政府工作报告重点工作责任分解\n发布日期:2024-03-01 来源:区府办\n"
            "序号 重点工作 责任单位\n1 深化嘉兴南湖科创走廊建设，力争新增高新技术企业50家。 区科技局*、区财政局\n"
            "2 一般公共预算收入增长5%。 区财政局*、区税务局\n")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert (doc.region, doc.issuer) == ("南湖区", "南湖区府办")


def test_a_district_named_only_by_a_city_bureaus_branch_there(tmp_path):
    text = ("2024年区《政府工作报告》确定的重点工作任务责任分解方案\n"
            "一、2024年全区经济社会发展主要预期目标\n"
            "1.地区生产总值增长7%以上。(牵头单位:区发改局)\n"
            "2.规上工业增加值增长9%以上。(牵头单位:区经信局)\n"
            "3.社会消费品零售总额增长10%以上。(牵头单位:区商务局)\n"
            "4.全面完成上级下达的节能减排考核任务。(牵头单位:市生态环境局黄陂分局)\n")
    assert _place(tmp_path, text) == ("黄陂区", "district")


def test_a_zones_own_news_names_its_county_once_and_speaks_as_the_zone(tmp_path):
    text = ("3月2日，省科技厅公布2023年度省级科技型企业名单，开发区12家企业入选。\n"
            "据统计，开发区全年新增科技型企业30家，同比增长25%。截至目前，开发区科技型企业已达90家。\n"
            "下一步，开发区将持续完善企业梯度培育体系，为长兴县高质量发展提供科技支撑。\n")
    assert _place(tmp_path, text)[0] == "长兴开发区"


def test_a_yearbook_entry_on_a_named_zone_is_the_zones_not_its_citys(tmp_path):
    text = ("榆林发展高新技术产业的开发区\n"
            "【概况】 2021年，榆林高新技术产业开发区(以下简称榆林高新区)紧紧围绕市委、市政府的战略部署，"
            "全年实现营业收入320亿元，同比增长5%。\n"
            "【招商引资】 2021年，榆林高新区共签约项目40个。榆林高新区新引进企业25家。\n")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert (doc.region, doc.region_level, doc.parent_region) == ("榆林高新区", "zone", "榆林市")


def test_a_citys_plan_that_mentions_its_zone_stays_the_citys(tmp_path):
    text = ("嘉兴市2024年科技工作要点\n一、主要目标\n全市新增高新技术企业300家，全市研发投入强度达到3.5%。\n"
            "二、重点任务\n支持嘉兴高新区建设，推动高新区提质增效，全市技术合同成交额增长20%。\n")
    assert _place(tmp_path, text) == ("嘉兴市", "city")


def test_ranking_within_the_city_is_not_the_city_speaking(tmp_path):
    # 全市排名第2 compares the county with the others of its city: the text speaks as 全县
    text = ("县科技局2023年工作总结\n一、2023年工作总结\n全年全县规上工业企业研发费用12亿元，全市排名第2；"
            "全县高新技术产业增加值60亿元，全市排名第3；技术市场交易额15亿元，全市排名第1，全市唯一。"
            "聚焦永嘉泵阀等主导产业，组建科技特派团，获湖州市和丽水市同行肯定。\n")
    assert _place(tmp_path, text) == ("永嘉县", "county")


def test_a_place_of_the_texts_level_named_by_its_short_form_alone(tmp_path):
    text = ("区科技局2024年上半年工作总结\n今年以来，我局紧紧围绕全区中心工作，培育壮大创新主体，"
            "赋能鹿城产业高质量发展，全区新增高新技术企业40家，全区技术交易额增长20%。\n")
    assert _place(tmp_path, text) == ("鹿城区", "district")


def test_everyday_words_that_are_also_short_forms_do_not_place_a_text(tmp_path):
    # 资源 (资源县) and 新平 (新平县, inside 创新平台) are no places here
    text = ("县科技局工作总结\n今年以来，全县科技工作紧紧围绕全县中心大局，整合科技资源，"
            "创建省级以上科技创新平台8家，全县共有高新技术企业15家。\n")
    assert _place(tmp_path, text) == (None, None)


def test_a_city_named_after_its_province_among_superiors_is_not_the_speaker(tmp_path):
    text = ("在全市科技工作会议上的讲话\n今天，我们召开全市科技工作会议，贯彻落实省、宁波市科技创新大会精神，"
            "总结全市科技工作。刚才，同志们就省、宁波市会议精神和我市科技工作作了讲话。下面，我就我市科技创新谈几点意见。\n")
    assert _place(tmp_path, text) == (None, None)


def test_a_report_of_a_provincial_peoples_congress_session_held_in_the_capital(tmp_path):
    text = ("一图读懂政府工作报告\n15日，江西省第十四届人民代表大会第四次会议在南昌召开，省长作政府工作报告。"
            "记者从报告中获悉，2024年江西高新技术企业超8000家，全社会研发投入增长10%。\n")
    assert _place(tmp_path, text) == ("江西省", "province")


def test_an_address_line_is_not_the_documents_place(tmp_path):
    text = ("本报讯 近日，全区科技型中小企业评价入库数达到800家，全区高新技术企业净增60家。"
            "区长介绍，全区技术合同成交额增长30%。\n"
            "报社地址:杭州市拱墅区体育场路218号 邮编:310041\n")
    assert _place(tmp_path, text) == (None, None)


def test_the_field_of_a_ranking_is_not_the_texts_place(tmp_path):
    # a county-level city that never names itself ranks within 嘉兴: 嘉兴 is the field, not the speaker
    text = ("科技工作总结\n今年来，全市深入实施创新强市战略。规上工业研发费用占营业收入比重4.2%，居嘉兴第2；"
            "新增国家高新技术企业90家，为嘉兴第一。全市技术交易额增长20%，全市新增省级研发机构15家。\n"
            "一届人大第十八次会议审议通过了全市科技发展规划。\n")
    assert _place(tmp_path, text) == (None, None)


def test_a_session_number_after_a_place_is_no_ranking(tmp_path):
    text = ("政府工作报告\n——2024年1月8日在桐庐县第十八届人民代表大会第四次会议上\n各位代表：\n"
            "现在，我代表县人民政府向大会报告工作。过去一年，全县新增高新技术企业30家，"
            "桐庐经济开发区实现工业产值300亿元。\n")
    assert _place(tmp_path, text) == ("桐庐县", "county")


def test_a_zones_work_plan_that_names_it_only_by_its_kind_is_placed_in_its_district(tmp_path):
    text = ("XX经济技术开发区管理委员会2024年度工作计划\n"
            "2024年是经开区加快转型的关键一年，也是经开区擦亮先进制造业基地品牌的一年。今年经开区工作的总体要求是："
            "全面落实省委、市委、区委决策部署，奋力谱写杭州新篇章，走深走实萧山高质量发展之路。建议2024年经开区主要预期目标为："
            "规上工业增加值增长10%以上，固定资产投资增长15%以上。\n")
    assert _place(tmp_path, text)[0] == "萧山经开区"


def test_a_citys_plan_for_its_development_zones_stays_the_citys(tmp_path):
    text = ("关于促进我市开发区改革和创新发展的实施方案\n为进一步发挥开发区作为创新驱动主力军的作用，"
            "促进国家级经济技术开发区、高新技术产业开发区转型升级，结合我市实际，制定本实施方案。\n"
            "到2025年，全市开发区规上工业产值增长8%，把开发区建设成为先进制造业引领区。\n"
            "苏州工业园区、苏州高新区要发挥示范作用，全市开发区新增高新技术企业500家。\n")
    assert _place(tmp_path, text) == ("苏州市", "city")


def test_a_text_that_opens_with_its_city_and_then_says_this_city_is_that_citys(tmp_path):
    text = ("论文部分内容阅读\n宁波科技事业三年大变样，高新技术产业化蓬勃发展。据统计，三年来，本市取得重大科技成果600多项；"
            "全市认定的高新技术企业350家，年销售收入达300亿元。\n")
    assert _place(tmp_path, text) == ("宁波市", "city")
