"""The gazetteer finds the places a text names (sentences written for the tests)."""
from __future__ import annotations

from plankg.ontology.region_names import banner_abbreviation
from plankg.ontology.regions import load_gazetteer


def _names(text: str) -> list[str]:
    return [region.name for region, _, _ in load_gazetteer().find_all(text)]


def test_a_form_that_names_nothing_does_not_hide_the_place_after_it():
    # 温泉 (a county's short form in another province) overlaps 泉山区 of the city the text names
    assert "泉山区" in _names("徐州市科技局调研温泉山区孵化器建设。")
    # still nothing where the short form names nothing and no other place follows
    assert _names("温泉度假村建设加快。") == []


def test_a_banner_is_found_by_its_usual_abbreviation():
    assert banner_abbreviation("科尔沁右翼中旗") == "科右中旗"
    assert banner_abbreviation("察哈尔右翼后旗") == "察右后旗"
    assert banner_abbreviation("巴林左旗") is None  # written in full
    assert _names("现在，我代表科右中旗人民政府向大会报告工作。") == ["科尔沁右翼中旗"]
