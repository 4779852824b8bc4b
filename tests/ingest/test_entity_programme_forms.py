"""Programme names written around quotes, in headings, by their field, and cited documents of a year."""
from __future__ import annotations

from plankg.ingest.pipeline import read_corpus


def _programmes(tmp_path, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    corpus = read_corpus([plan])
    return {m.surface for m in corpus.mentions if m.type in ("programme", "plan_document")}


def test_a_quoted_core_with_its_topic_before_and_its_words_after(tmp_path):
    names = _programmes(tmp_path, "全年深入开展农资质量“护农”行动,实施“丝路合作”科技交流行动计划和"
                                  "数字经济“领航者”培育计划。\n")
    assert {"农资质量“护农”行动", "“丝路合作”科技交流行动计划", "数字经济“领航者”培育计划"} <= names


def test_a_place_or_a_verb_before_the_quote_stays_out(tmp_path):
    names = _programmes(tmp_path, "围绕全省“千企技改”专项行动,深化科技领域“放管服”改革,学习总书记“5·20”重要讲话。\n")
    assert "“千企技改”专项行动" in names
    assert not any(n.startswith(("全省", "科技领域", "总书记")) for n in names)
    assert not any("5·20" in n or n == "放管服" for n in names)


def test_a_quoted_list_of_slogans_before_a_programme_ending(tmp_path):
    names = _programmes(tmp_path, "聚焦“优环境、强产业、惠民生”专项行动,推动各项任务落地。\n")
    assert "“优环境、强产业、惠民生”专项行动" in names


def test_single_quotes_quote_a_name_as_double_quotes_do(tmp_path):
    names = _programmes(tmp_path, "加快构建‘2156’现代产业集群体系,推进产业升级。\n")
    assert "‘2156’现代产业集群体系" in names


def test_a_heading_that_is_a_programmes_name(tmp_path):
    names = _programmes(tmp_path, "附件:平南县科技创新目标任务分解表\n一、企业研发能力提升工程\n1.新增研发机构10家。\n"
                                  "二、科技特派员服务工程\n2.选派科技特派员50名。\n")
    assert {"企业研发能力提升工程", "科技特派员服务工程"} <= names


def test_a_major_programme_named_by_its_field(tmp_path):
    names = _programmes(tmp_path, "一年来,我省高端装备重大专项突破关键技术12项,争取到2023年甘肃重大科技专项立项项目4个。\n")
    assert {"高端装备重大专项", "甘肃重大科技专项"} <= names


def test_a_programme_listed_as_a_designation_a_person_earns(tmp_path):
    names = _programmes(tmp_path, "企业引进的博士被列为2021年省级青年科技人才引进计划,获经费50万元。\n")
    assert "省级青年科技人才引进计划" in names


def test_a_cell_between_bars_or_spaces_that_is_a_programmes_name(tmp_path):
    names = _programmes(tmp_path, "类别 | 序号 | 项目名称 | 工作标准\n"
                                  "重点类 | 1 | 科技金融融合工程(牵头承担) | 设立风险补偿资金池;\n"
                                  "重点类 | 2 | 产学研协同深化工程 | 组织对接活动12次以上;\n"
                                  "序号 任务 标准\n3 创新平台提升工程 新建平台5家\n")
    assert {"科技金融融合工程", "产学研协同深化工程", "创新平台提升工程"} <= names


def test_a_designation_whose_ending_holds_a_list_mark(tmp_path):
    names = _programmes(tmp_path, "省里公布了第一批省级创新型县(市、区)试点建设评定结果,我县名列前茅。\n")
    assert "省级创新型县(市、区)试点" in names


def test_an_example_of_a_kind_after_deng_is_no_name_with_the_kind(tmp_path):
    names = _programmes(tmp_path, "承担“高效燃气轮机叶片研究”等国家科技重大专项3项。\n")
    assert not any("等国家" in n for n in names)


def test_a_joint_fund_inside_a_national_fund(tmp_path):
    names = _programmes(tmp_path, "获国家自然科学基金区域创新发展联合基金资助项目12项。\n")
    assert "国家自然科学基金区域创新发展联合基金" in names


def test_an_action_before_a_quote_is_no_topic_of_its_name(tmp_path):
    names = _programmes(tmp_path, "全面实行“双导师”制,科技支撑“六大集群”攻关行动取得进展。\n")
    assert not any(n.startswith(("实行", "科技支撑")) for n in names)
