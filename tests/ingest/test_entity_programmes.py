"""Programmes, strategies, designations and cited plan documents, quoted or not."""
from __future__ import annotations

from plankg.ingest.pipeline import read_corpus
from plankg.ingest.programmes import plan_documents, programmes


def _names(text: str) -> list[str]:
    return [f.name for f in programmes(text, [])]


def test_programmes_after_a_verb_that_starts_them():
    assert _names("深入实施企业家创新精神培育行动，实施科技强区行动。") == ["企业家创新精神培育行动", "科技强区行动"]
    assert _names("组织实施国家火炬计划和国家重点研发计划。") == ["国家火炬计划", "国家重点研发计划"]


def test_quoted_names_keep_their_head():
    assert _names("实施“双倍增”行动，推进“雏鹰”培育计划。") == ["双倍增行动", "雏鹰培育计划"]
    assert _names("积极开展“宁科贷”业务，依托“研发贷”申请贷款，落实“科技强区22条”。") == ["宁科贷", "研发贷", "科技强区22条"]
    assert _names("推进“一省两市三高地”建设。") == ["一省两市三高地"]


def test_programme_codes_and_talent_titles():
    assert set(_names("承担863计划、973项目，引进长江学者2人、国家杰出青年科学基金获得者1人。")) == {
        "长江学者", "国家杰出青年科学基金", "863计划", "973计划"}
    assert _names("完成973项任务，投资863万元。") == []  # counts and amounts, not codes


def test_strategies_named_with_the_word():
    text = "全区深入推进科教兴桂战略、人才强县战略和创新驱动发展战略，营造科教兴市的氛围。"
    # 科教兴市 without 战略 is a goal; 创新驱动发展战略 is the national strategy every plan cites, no named one.
    assert set(_names(text)) == {"科教兴桂战略", "人才强县战略"}


def test_designations_a_place_earns():
    assert _names("三亚市建成国家创新型城市，争创国家知识产权示范城市，重点围绕创新发展引领市建设。") == [
        "国家创新型城市", "国家知识产权示范城市", "创新发展引领市"]


def test_phrases_that_are_no_programme():
    # Negative cases: plan periods, principles, kinds of programmes, words that continue a programme word.
    assert _names("编制“十四五”发展规划，坚持“四个面向”战略导向。") == []
    assert _names("实施国家战略，申报重点专项，推进科技计划项目管理，培育战略性新兴产业。") == []
    assert _names("建设科技强国，推动科技创新强大。") == []
    assert _names("市级以上人才计划，一批重大科技专项，开展改革试点，入选全国试点品种。") == []


def test_plan_documents_in_title_marks():
    text = "根据《呼包鄂国家自主创新示范区建设总体方案》(以下简称《总体方案》)和中央12号文件，印发《关于印发〈科技强桂三年行动方案〉的通知》。"
    found = plan_documents(text)
    assert [(f.name, f.why) for f in found] == [
        ("呼包鄂国家自主创新示范区建设总体方案", "title in 《》"),
        ("呼包鄂国家自主创新示范区建设总体方案", "short title 总体方案 given by the text"),
        ("科技强桂三年行动方案", "title in 〈〉 inside a title"),
        ("中央12号文件", "numbered document"),
    ]


def test_a_notice_that_only_sends_a_plan_cites_the_plan():
    # A notice that sends a plan cites the plan; a title that quotes another one is itself a document.
    found = [f.name for f in plan_documents("转发《市政府办公室关于转发〈滨江区数字经济促进办法〉的通知》。")]
    assert found == ["滨江区数字经济促进办法"]
    found = [f.name for f in plan_documents("落实《县〈政府工作报告〉重点任务分工方案》。")]
    assert found == ["县〈政府工作报告〉重点任务分工方案", "政府工作报告"]


def test_plan_documents_merge_and_link_to_the_corpus(tmp_path):
    (tmp_path / "a.txt").write_text(
        "宁夏回族自治区科技强区行动方案\n一、总体要求\n深入实施科技强区行动，到2025年全区研发投入强度达到2%。\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "银川市科学技术局2023年工作要点\n一、重点任务\n1.落实《宁夏回族自治区科技强区行动方案》，修订《银川市科技计划项目管理办法》，"
        "完善后印发《管理办法》。\n2.新增高新技术企业30家。\n", encoding="utf-8")
    corpus = read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"])
    documents = {e.canonical: e for e in corpus.entities if e.type == "plan_document"}
    assert set(documents) == {"宁夏回族自治区科技强区行动方案", "银川市科技计划项目管理办法"}
    assert dict(documents["宁夏回族自治区科技强区行动方案"].attributes)["document"] == "a.txt"
    assert "document" not in dict(documents["银川市科技计划项目管理办法"].attributes)
    assert "管理办法" in documents["银川市科技计划项目管理办法"].aliases  # the short title, one document
    programmes_found = {e.canonical for e in corpus.entities if e.type == "programme"}
    assert "科技强区行动" in programmes_found


def test_numbered_slogans_and_the_systems_they_name():
    assert _names("推进“九镇三谷”建设，落实“三个一批”。") == ["九镇三谷", "三个一批"]
    assert _names("构建“1+6”川渝科技创新合作体系和“315”科技创新体系。") == ["“1+6”川渝科技创新合作体系", "“315”科技创新体系"]
    assert _names("深入开展“送科技政策到企业”等活动。") == ["送科技政策到企业"]
    # Negative cases: a method, an achievement, a date, a plan period.
    assert _names("坚持“一对一”服务、“一事一议”、“三位一体”，实现“两个全球第一”，学习“4·13”讲话，编制“十四五”规划。") == []


def test_kinds_goals_and_counts_are_no_programme_names():
    assert _names("坚持发展战略不动摇,加快推进科技强县建设。") == []  # a kind of strategy; a goal to build
    assert _names("力争新增2家国家创新型县(市)。") == ["国家创新型县(市)"]


def test_titles_a_firm_earns():
    assert _names("新增国家级专精特新“小巨人”企业12家。") == ["国家级专精特新“小巨人”企业"]
    assert _names("嘉兴市瞪羚企业达到40家,瞪羚企业梯队初步形成。") == ["嘉兴市瞪羚企业"]  # alone: a kind of firm


def test_a_programme_is_known_by_its_quoted_core_too(tmp_path):
    doc = tmp_path / "plan.txt"
    doc.write_text("江州市科技局2024年工作要点\n全面推行“揭榜挂帅”专项,深入开展“百县千企”。\n", encoding="utf-8")
    corpus = read_corpus([doc])
    programmes = {e.canonical: set(e.aliases) for e in corpus.entities if e.type == "programme"}
    assert "揭榜挂帅" in programmes["揭榜挂帅专项"]
    assert "“百县千企”" in programmes["百县千企"]


def test_events_named_by_a_place_a_quote_or_an_edition():
    assert _names("2月3日,2024年江西科技工作会议在南昌召开。") == []  # the yearly work meeting: a kind of meeting
    assert _names("今年要办好浙江省科学技术奖励大会。") == ["浙江省科学技术奖励大会"]
    assert _names("承办第五届科博会,3家企业荣获第八届中国创新创业大赛奖项。") == ["第五届科博会", "中国创新创业大赛"]
    assert _names("召开2024年全省科技工作会议。") == []  # a kind of meeting


def test_funds_mechanisms_and_honours():
    assert _names("新增国家自然科学基金项目30项,组建浙江省自然科学基金联合基金。") == ["国家自然科学基金", "浙江省自然科学基金"]
    assert sorted(_names("试点开展首席科学家负责制,推行“双负责人”制。")) == ["双负责人制", "首席科学家负责制"]
    assert "全国科技进步先进县" in _names("我县连续三次荣获全国科技进步先进县。")
    assert _names("被评为“江苏省科技创新先进市”。") == ["江苏省科技创新先进市"]


def test_lists_of_programmes_counted_campaigns_and_awards():
    text = "六个专项行动分别为:重大平台攻坚行动、科技企业倍增行动、“双碳”技术示范行动。"
    assert sorted(_names(text)) == sorted(["重大平台攻坚行动", "科技企业倍增行动", "“双碳”技术示范行动"])
    assert _names("全面实施科技兴皖五大行动,推动") == ["科技兴皖五大行动"]
    found = _names("荣获国家技术发明奖2项、何梁何利奖1人,获得自治区科学技术奖15项,获得嘉兴市科技进步奖8项。")
    assert found == ["何梁何利奖", "国家技术发明奖", "自治区科学技术奖", "嘉兴市科技进步奖"]


def test_a_speech_title_is_no_plan_document():
    found = [f.name for f in plan_documents("作了题为《深入实施科技强省行动 以创新引领产业升级》的报告,解读《科技强省行动2024年工作要点》。")]
    assert found == ["科技强省行动2024年工作要点"]


def test_a_quoted_strategy_is_named_by_its_core():
    found = programmes("坚持“四强”战略不动摇。", [])
    assert [(f.name, f.why) for f in found] == [("四强战略", "quoted name + 战略")]
    assert "坚持“四强”战略不动摇。"[found[0].start : found[0].end] == "四强"


def test_a_numbered_slogan_in_words_with_the_system_it_names():
    assert _names("打造“两带三区”沿江经济带。") == ["“两带三区”沿江经济带"]


def test_two_fields_joined_by_he_in_one_strategy_or_zone_name():
    assert _names("坚持实施数字经济和人才强县首位战略。") == ["数字经济和人才强县首位战略"]
    assert _names("建设长江流域生态保护和高质量发展先行区。") == ["长江流域生态保护和高质量发展先行区"]
    # A short item before 和, or a bare 战略 after it, joins no name.
    assert _names("统筹推进改革和科技强省战略，完成重大任务和战略部署。") == ["科技强省战略"]


def test_a_plan_is_named_by_its_own_title_a_work_report_is_not(tmp_path):
    (tmp_path / "a.txt").write_text(
        "嘉兴市数字经济创新提质行动方案(2024—2026年)\n一、总体要求\n到2026年，全市数字经济核心产业增加值达到900亿元。\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "嘉兴市科学技术局2023年工作总结及2024年工作计划\n一、主要成效\n全年新增高新技术企业300家。\n", encoding="utf-8")
    corpus = read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"])
    titles = [(m.surface, m.doc_id) for m in corpus.mentions if m.type == "plan_document"]
    assert [surface for surface, _ in titles] == ["嘉兴市数字经济创新提质行动方案"]


def test_a_quoted_clause_is_no_programme():
    # Pattern: quote marks around a described problem (“停滞多年的区级科技计划”): 的 makes it a clause.
    assert _names("切实解决了“停滞多年的区级科技计划”等5个问题。") == []
    assert _names("实施“科技强区计划”。") == ["科技强区计划"]


def test_a_programme_word_inside_a_longer_word_is_no_programme():
    # Pattern: 专项 continued by 债(券): a bond, not a 专项 programme.
    assert _names("落实地方政府专项债券投向管理，用好新增专项债。") == []


def test_a_report_on_how_a_plan_was_carried_out_is_not_the_plan(tmp_path):
    # Pattern: a title reporting a plan's execution (X计划执行情况及Y计划草案的报告) names a report, not a plan.
    (tmp_path / "c.txt").write_text(
        "关于江州市2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划\n一、2022年计划执行情况\n"
        "全年地区生产总值增长5%。\n", encoding="utf-8")
    corpus = read_corpus([tmp_path / "c.txt"])
    assert [m.surface for m in corpus.mentions if m.type == "plan_document"] == []


def test_a_quoted_name_before_zhidu_is_a_system_not_a_programme():
    # Pattern: “X”制度 is a system of rules; “X”制 alone names a mechanism the plan introduces.
    assert _names("落实“专班+清单”制度。") == []
    assert _names("推行“揭榜挂帅”制。") == ["揭榜挂帅制"]


def test_a_strategy_named_only_by_generic_words_is_no_programme():
    # Pattern: 区域 + 科技创新 + 战略: generic words only (区域 is read whole, not as the level word 区).
    assert _names("围绕产业升级推进区域科技创新战略。") == []
    assert _names("深入实施人才强区战略。") == ["人才强区战略"]


def test_a_quoted_name_then_a_word_and_a_programme_ending_keeps_its_head():
    # Pattern: “X”培育行动, “Y”成长计划: a two-character word between the quote and the programme ending.
    assert _names("实施企业倍增行动、“小升规”培育行动。") == ["小升规培育行动", "企业倍增行动"]
    assert _names("推进“雏鹰”成长计划，完成“十四五”规划评估。") == ["雏鹰成长计划"]


def test_a_report_in_title_marks_is_no_plan_document():
    # Pattern: 《X评价报告(年份)》 and 《政府工作报告》(以下简称《报告》): reports are read, not plans cited.
    found = plan_documents("据《中国区域创新能力评价报告(2021)》，落实《政府工作报告》(以下简称《报告》)和《江州市科技创新行动方案》。")
    assert [f.name for f in found] == ["江州市科技创新行动方案"]


def test_vouchers_are_programmes_without_quote_marks():
    # Pattern: 申报创新券, 兑现科技创新券: the voucher scheme every plan names the same way.
    assert _names("推举12家企业申报创新券100万元，兑现科技创新券60万元。") == ["创新券", "科技创新券"]


def test_a_cited_title_split_across_two_clauses_is_one_plan_document(tmp_path):
    # Pattern: a long title in 《》 that the clause splitter cuts (…重点工作|目标任务分解》) is still one document.
    (tmp_path / "d.txt").write_text(
        "某市工作要点\n一、重点任务\n1.印发《2024年区政府重点工作目标任务分解》方案，落实《江州市科技创新行动方案》。\n",
        encoding="utf-8")
    corpus = read_corpus([tmp_path / "d.txt"])
    assert sorted(m.surface for m in corpus.mentions if m.type == "plan_document") == [
        "2024年区政府重点工作目标任务分解", "江州市科技创新行动方案"]


def test_the_highest_national_award_and_a_verb_before_a_strategy():
    # Pattern: 国家最高科学技术奖 (最高 between 国家 and the award); 践行 is a verb, not part of a strategy.
    assert _names("荣获国家最高科学技术奖，获得国家科学技术奖6项。") == ["国家最高科学技术奖", "国家科学技术奖"]
    assert "科技践行黄河战略" not in _names("以科技践行黄河战略。")


def test_a_cited_plan_is_named_with_and_without_its_years(tmp_path):
    # Pattern: 《X三年行动计划(2024—2026年)》: annotators and users write it either way.
    (tmp_path / "e.txt").write_text("某市工作要点\n一、重点任务\n1.制定《江州市科技工作三年行动计划(2024—2026年)》。\n",
                                    encoding="utf-8")
    entity = next(e for e in read_corpus([tmp_path / "e.txt"]).entities if e.type == "plan_document")
    assert entity.canonical == "江州市科技工作三年行动计划"
    assert entity.aliases == ("江州市科技工作三年行动计划(2024—2026年)",)


def test_two_programmes_one_verb_starts_joined_by_he():
    # Pattern: 实施A领先行动和B攻坚行动: the second programme has no verb of its own.
    assert _names("深入实施基础研究提升行动和关键技术攻坚行动，加快建设。") == ["基础研究提升行动", "关键技术攻坚行动"]


def test_the_leadership_pair_before_a_designation_is_not_part_of_it():
    # Pattern: 省委省政府 + 创新型省份建设: the leadership of the day, then the designation.
    assert _names("按照省委省政府创新型省份建设部署出台政策。") == ["创新型省份"]
