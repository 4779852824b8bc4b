"""Extraction cue words are data: every list loads, and the lists, not the code, decide extraction."""
from __future__ import annotations

import copy
import importlib
import re
from collections.abc import Callable, Iterator

import pytest

from plankg.ingest import cues
from plankg.ingest.context import ClauseContext

REPORT_2023 = ClauseContext("report", 2023, None)
PLAN_2024 = ClauseContext("plan", 2024, None)


def _list_names() -> list[str]:
    data = cues.load_cues()
    return [f"{section}.{name}" for section, lists in data.items() if isinstance(lists, dict)
            for name, value in lists.items() if isinstance(value, list)]


def test_every_list_loads_non_empty():
    names = _list_names()
    assert len(names) >= 40
    for name in names:
        words = cues.words(name)
        assert words and all(isinstance(w, str) and w.strip() for w in words), name
    assert all(words and unit is None or unit for words, unit in cues.unit_rules())
    assert len(cues.unit_rules()) >= 5
    assert cues.table("years.five_year_plans")["十四五"] == 2021


def test_every_list_compiles_to_a_regex_in_file_order():
    for name in _list_names():
        pattern = re.compile(cues.alternation(name))
        first = cues.words(name)[0]
        assert pattern.match(first), name
    assert cues.alternation("facts.stretch") == "(?:高线|力争|争取)"


def test_conditions_guard_a_word():
    target = cues.cue_regex("<tense.target>")
    assert target.search("今年将达到")  # 将 plans
    assert not target.search("将近一半")  # 将近 is "nearly"
    assert not target.search("要求各地")
    trailing = cues.cue_regex("<facts.trailing>$")
    assert trailing.search("总数达") and not trailing.search("下达")


def test_an_unknown_list_names_itself():
    with pytest.raises(KeyError, match="no cue list 'facts.nothing'"):
        cues.fill("<facts.nothing>")


@pytest.fixture
def edit_cues(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Remove words from a cue list and reload the given modules, which build their regexes at import."""
    reloaded: list[str] = []

    def edit(list_name: str, removed: set[str], *modules: str) -> None:
        section, _, key = list_name.partition(".")
        data = copy.deepcopy(cues.load_cues())
        data[section][key] = [e for e in data[section][key] if (e if isinstance(e, str) else e["word"]) not in removed]
        monkeypatch.setattr(cues, "load_cues", lambda language="zh": data)
        for module in modules:
            importlib.reload(importlib.import_module(module))
            reloaded.append(module)

    yield edit
    monkeypatch.undo()
    for module in reloaded:
        importlib.reload(importlib.import_module(module))


def _facts(text: str, ctx: ClauseContext) -> list:
    from plankg.ingest import facts

    return facts.find_facts(text, ctx)


def test_removing_a_goal_cue_turns_a_goal_into_a_result(edit_cues):
    text = "全年确保新增省级企业研发中心12家。"
    assert [f.kind for f in _facts(text, REPORT_2023)] == ["target"]
    edit_cues("tense.target", {"确保"}, "plankg.ingest.tense", "plankg.ingest.facts")
    assert [f.kind for f in _facts(text, REPORT_2023)] == ["achievement"]


def test_removing_an_increment_verb_changes_the_measure(edit_cues):
    text = "新增省级众创空间7家。"
    assert [f.measure for f in _facts(text, PLAN_2024)] == ["increment"]
    edit_cues("facts.increment", {"新增"}, "plankg.ingest.facts")
    assert [f.measure for f in _facts(text, PLAN_2024)] == ["level"]


def test_removing_a_comparator_word_drops_the_comparator(edit_cues):
    text = "技术合同成交额不低于9亿元。"
    assert [f.comparator for f in _facts(text, PLAN_2024)] == [">="]
    edit_cues("numbers.at_least", {"不低于"}, "plankg.ingest.numbers", "plankg.ingest.facts")
    assert [f.comparator for f in _facts(text, PLAN_2024)] == [None]


def test_removing_a_support_word_loses_the_supporting_unit(edit_cues):
    from plankg.ingest.records import Document

    doc = Document(id="d", path="p", source_name="p", part=0, title="t", issuer="平阳县科技局", region="平阳县",
                   region_level=None, parent_region=None, doc_type="action_plan", years=(), reported_years=(),
                   published=None, text="")
    text = "建成县级星创天地3家（牵头单位：县农业农村局；协同单位：县财政局）"

    def roles() -> list[tuple[str, str]]:
        owners = importlib.import_module("plankg.ingest.owners")
        return [(o.name, o.role) for o in owners.owners_in_text(text, doc)]

    assert roles() == [("平阳县农业农村局", "lead"), ("平阳县财政局", "support")]
    edit_cues("owners.support_words", {"协同"}, "plankg.ingest.owners")
    assert ("平阳县财政局", "support") not in roles()
