"""Readable tables and finding things in the app (issue 19 items 3 and 4), on the composed corpus."""
from __future__ import annotations

import pytest

from plankg.tables import region_matches
from plankg.ui import views
from plankg.ui.charts import evolution_figure
from plankg.ui.data import relation_words, value_words
from plankg.ui.handlers import Handlers
from plankg.ui.labels import is_indicator_label


@pytest.fixture(scope="module")
def handlers(app_data, tmp_path_factory):
    return Handlers(app_data, uploader=None, download_dir=tmp_path_factory.mktemp("downloads"))  # type: ignore[arg-type]


def _targets(handlers, regions, include_sub=False):
    frame, _, _ = handlers.targets(regions, [], [], [], "", "", False, False, include_sub)
    return frame


def test_a_region_without_its_suffix_finds_its_rows(handlers, app_data):
    expected = sum(1 for r in app_data.targets() if r["region"] == "椒江区")
    assert expected and len(_targets(handlers, ["椒江"])) == expected == len(_targets(handlers, ["椒江区"]))


def test_counties_and_districts_come_in_only_with_the_switch(handlers, app_data):
    assert list(_targets(handlers, ["台州"]).columns) == [views.EMPTY_COLUMN]  # the city's own rows: none
    with_districts = _targets(handlers, ["台州"], include_sub=True)
    assert len(with_districts) == len(app_data.targets())
    assert set(with_districts[views.TARGET_COLUMNS["region"]]) == {"椒江区"}
    assert region_matches("瑞安市", "温州", include_sub=True) and not region_matches("瑞安市", "温州")
    assert region_matches("温州市", "温州") and not region_matches("温州市", "")


def test_the_evolution_chart_takes_a_place_without_its_suffix(app_data):
    with_suffix = app_data.series(["rd_intensity"], ["椒江区"])
    assert with_suffix and app_data.series(["rd_intensity"], ["椒江"]) == with_suffix


def test_key_columns_come_first_and_an_empty_table_says_why(handlers):
    frame = _targets(handlers, ["椒江"])
    assert list(frame.columns[:8]) == ["地区 region", "年份 year", "类型 kind", "指标 indicator", "比较 cmp",
                                       "数值 value", "单位 unit", "文件 document"]
    assert list(frame.columns)[-1] == "条款 clause"
    nothing = _targets(handlers, ["不存在的地方"])
    assert list(nothing.columns) == [views.EMPTY_COLUMN] and len(nothing) == 1 and nothing.iloc[0, 0]


def test_no_cell_holds_a_repr(app_data):
    for question in ("椒江区研发经费投入强度目标是怎样演变的？", "研发经费相关目标由哪些单位负责？"):
        answer = app_data.ask(question)
        for table in (views.answer_table(answer["rows"]), views.answer_table(answer["rows"], answer.get("table"))):
            cells = [str(v) for column in table.columns for v in table[column]]
            assert cells and not [c for c in cells if c.startswith(("{", "[", "(")) or "': " in c or "Row(" in c]


def test_a_long_answer_opens_with_a_short_lead():
    sentence = "椒江区科技局（牵头）负责新增国家高新技术企业40家、全社会R&D经费支出占GDP比重3.2%等12项；"
    lead, rest = views.split_lead(sentence * 20)
    assert len(lead) <= views.LEAD_CHARS and lead.endswith("；") and lead + rest == sentence * 20
    shown = views.answer_markdown({"answer": sentence * 20, "intent": "target_owners"})
    assert "<details>" in shown and shown.index("<details>") <= views.LEAD_CHARS * 2
    assert views.split_lead("短答案。") == ("短答案。", "")


def test_entity_facts_in_words(app_data):
    assert value_words("http://www.w3.org/ns/org#Organization") == "机构 Organization"
    assert relation_words("http://www.w3.org/ns/oa#hasBody").startswith("co-mentioned with")
    assert relation_words("http://www.w3.org/ns/org#unitOf").startswith("part of")
    assert relation_words("https://w3id.org/plankg/ontology#withinRegion").startswith("located in")
    facts = app_data.profile("椒江区")
    assert facts and not [f for f in facts if "://" in f["value"] or "://" in f["property"]]


def test_entity_search_finds_every_unit_owning_targets(app_data):
    owners = {o for r in app_data.targets() for o in r["owners"] if "科技局" in o}
    found = {r["name"]: r for r in app_data.entities("科技局")}
    assert owners and owners <= set(found)
    assert all(found[o]["targets"] > 0 for o in owners)


def test_indicator_labels_are_names_not_fragments(app_data):
    for junk in ("进行深入", "15%", "较年初", "乐清", "温州市", "12家企业以", "X家企业", "三等奖各",
                 "创新中心和", "以揭榜挂帅推动攻关", "科技统计监测创新指数较上年", "一"):
        assert not is_indicator_label(junk), junk
    for name in ("省级知识产权示范企业数量", "知识产权质押金额", "规上制造业总产值", "企业家培训"):
        assert is_indicator_label(name), name
    choices = app_data.filter_choices()["indicators"]
    assert choices  # scheme labels always; a proposed phrase only when it names a thing
    assert all(is_indicator_label(label) for key, label in choices if key.startswith("proposed:"))


def test_unlike_measures_get_their_own_panels_and_years_are_whole():
    points = [{"indicator": "高新技术企业", "unit": "家", "measure": measure, "region": "温州市", "kind": kind,
               "year": year, "value": value, "doc_title": "d"}
              for measure, kind, year, value in (("increment", "target", 2019, 400), ("increment", "actual", 2019, 631),
                                                 ("level", "actual", 2019, 2400), ("cumulative", "actual", 2020, 3000))]
    figure = evolution_figure(points)
    titles = [a.text for a in figure.layout.annotations]
    assert len(titles) == 2 and any("新增" in t for t in titles) and any("总量" in t for t in titles)
    assert figure.layout.xaxis.tickformat == "d" and figure.layout.xaxis2.tickformat == "d"
    names = [t.name for t in figure.data if t.showlegend is not False]
    assert len(names) == len(set(names)) == 2  # one legend entry per place and kind, not per trace


def test_entity_search_counts_the_targets_an_entity_owns_or_is_named_in(app_data):
    linked = {r["name"]: len(r["targets"]) for r in app_data._kg.rows("entities") if r["type"] == "organization"}
    found = {r["name"]: r["targets"] for r in app_data.entities("", "organization", limit=1000)}
    assert any(linked.values())
    assert all(found[name] == count for name, count in linked.items() if name in found)
