"""Where a name starts and whether it names one thing: patterns of unseen plans, on composed sentences."""
from __future__ import annotations

from plankg.ingest.pipeline import read_corpus


def _names(tmp_path, text: str, kind: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    corpus = read_corpus([plan])
    return {m.surface for m in corpus.mentions if kind is None or m.type == kind}


def test_a_time_word_or_news_phrase_before_a_zone_is_not_part_of_its_name(tmp_path):
    names = _names(tmp_path, "全国高新区评价结果公布，预计明年洛阳高新区排名再进五位，目前高新区已有企业900家。\n"
                             "综合评价出炉南阳高新区位列第20名。\n", "park")
    assert "洛阳高新区" in names and "南阳高新区" in names
    assert not any(n.startswith(("预计", "目前", "综合", "评价")) for n in names)


def test_a_kind_of_park_counted_right_after_it_is_no_name(tmp_path):
    names = _names(tmp_path, "建成标准化茶叶示范基地15个，推动雁栖湖综合性科学中心 12 个科技设施投入运行。\n", "park")
    assert not any("茶叶示范基地" in n for n in names)  # 15个 counts a kind of base
    # the count of the facilities after a name does not make the name a kind
    assert any("雁栖湖综合性科学中心" in n for n in _names(tmp_path, "推动雁栖湖综合性科学中心 12 个科技设施投入运行。\n"))


def test_a_verb_running_into_a_place_name_does_not_make_it_a_place(tmp_path):
    # 建成 then 县: 成县 is a county elsewhere, not a place here
    names = _names(tmp_path, "平川县2023年民生实事\n年内建成县老年人综合服务中心,启动县图书馆新馆建设。\n", "organization")
    assert "县老年人综合服务中心" in names
    assert "县图书馆" in names  # a level word and a body each place has one of: that county's own library


def test_home_care_keeps_its_first_character(tmp_path):
    names = _names(tmp_path, "提升改造12家城乡社区居家养老服务中心。\n", "organization")
    assert not any(n.startswith("家养老") for n in names)


def test_firms_named_with_a_bare_company_ending_and_kinds_of_firm(tmp_path):
    names = _names(tmp_path, "湘潭华拓冶金公司和湘潭远航轨道公司完成技改,市国有公司、上市公司数量增加。\n", "organization")
    assert {"湘潭华拓冶金公司", "湘潭远航轨道公司"} <= names
    assert not any(n.endswith(("国有公司", "上市公司")) for n in names)


def test_an_adverb_before_a_trade_word_is_no_brand(tmp_path):
    names = _names(tmp_path, "2024年是规划的收官之年,也是科技、文化产业提质的关键之年。\n", "organization")
    assert not names


def test_a_school_by_its_number_and_schools_as_a_kind(tmp_path):
    names = _names(tmp_path, "启动平川县第三小学建设,鼓励社会力量创办中小学。\n", "organization")
    assert "平川县第三小学" in names and not any("中小学" in n for n in names)


def test_verbs_of_settling_and_obtaining_do_not_open_a_name(tmp_path):
    names = _names(tmp_path, "两家省级实验室相继落户洛川示范区,3家公司获省级研发中心认定。\n")
    assert not any(n.startswith(("实验室相继", "公司获")) for n in names)


def test_service_centres_named_by_their_kind_of_place_are_a_kind(tmp_path):
    names = _names(tmp_path, "今年建成社区居家养老服务中心6家、农村养老服务中心9处,并迁建县政务服务中心。\n", "organization")
    assert not any("养老服务中心" in n for n in names)
    assert "县政务服务中心" in names  # the verb before the county's own centre stays out


def test_a_firms_trade_word_before_its_ending_is_part_of_its_name(tmp_path):
    names = _names(tmp_path, "走访了安阳化纤股份有限公司和河南华创新材产业发展有限公司,调研永兴海螺等公司。\n", "organization")
    assert "河南华创新材产业发展有限公司" in names
    assert not any(n.endswith("等公司") for n in names)


def test_workstations_innovation_centres_and_a_labs_test_base(tmp_path):
    names = _names(tmp_path, "我州首个院士工作站——王明远院士工作站获准建立,新建专家工作站3家;"
                             "太湖蓝藻治理科创中心揭牌,建设嵩山实验室实验基地。\n")
    assert {"王明远院士工作站", "太湖蓝藻治理科创中心", "嵩山实验室实验基地"} <= names
    assert "院士工作站" not in names and "专家工作站" not in names


def test_a_first_of_a_kind_or_a_field_of_study_names_no_institute(tmp_path):
    names = _names(tmp_path, "我市首个院士工作站落地,布局建设基础学科研究中心。\n", "institute")
    assert not names


def test_a_title_a_place_grants_counted_after_it_is_still_named(tmp_path):
    # 建成标准化X示范基地15个 counts a kind; 建成甘肃实验室3个 counts labs holding a title the province grants
    names = _names(tmp_path, "建成甘肃实验室3个以上,新增省级重点实验室10家。\n", "institute")
    assert "甘肃实验室" in names
