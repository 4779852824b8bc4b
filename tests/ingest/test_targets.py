"""End to end on the bundled corpus: specific targets with owners, years, baselines and conflicts."""
from __future__ import annotations

from tests.conftest import doc_by_name


def _find(corpus, prefix, value, unit=None, year="any", kind=None, part=0, text=None):
    doc = doc_by_name(corpus, prefix, part)
    clauses = {c.id: c for c in corpus.clauses}
    found = [t for t in corpus.targets if t.doc_id == doc.id and t.value == value
             and (unit is None or t.unit == unit) and (year == "any" or t.year == year)
             and (kind is None or t.kind == kind) and (text is None or text in clauses[t.clause_id].text + t.indicator)]
    assert found, (prefix, value, unit, year)
    return found


def test_wenzhou_table_targets_belong_to_the_row_divisions(corpus):
    target = _find(corpus, "000", 1, "亿元", 2019, text="投资金额")[0]
    assert target.comparator == ">=" and target.kind == "target"
    assert target.lead_owners == ("温州市科技局高新处",)
    rd = _find(corpus, "000", 2.2, "%", 2019, text="R&D")[0]
    assert rd.stretch == 2.3 and rd.indicator_id == "rd_intensity"
    assert [(o.surface, o.role) for o in rd.owners] == [("综合处", "lead"), ("高新处", "support")]
    assert rd.owner_source == "explicit"


def test_luqiao_targets_with_owners_units_and_baselines(corpus):
    personnel = _find(corpus, "003", 112, "人年", 2022, kind="target")[0]
    assert [o.name for o in personnel.owners] == ["路桥区人社局", "路桥区科技局"]
    assert personnel.baseline == 86.47
    baseline = next(t for t in corpus.targets if t.id == personnel.baseline_id)
    assert baseline.kind == "achievement" and baseline.year == 2019  # "19年数据"
    trade = _find(corpus, "003", 12, "亿元", 2021, kind="target", text="技术交易额")[0]
    assert [o.name for o in trade.owners] == ["路桥区科技局"]
    labs = _find(corpus, "003", 5, year=2025, kind="target", text="重点实验室")
    assert any(t.unit_inferred for t in labs)
    smes = _find(corpus, "003", 1200, "家", 2025, text="科技型")
    assert any(t.unit_inferred for t in smes)


def test_conflicting_values_are_both_kept_and_flagged(corpus):
    text_value = _find(corpus, "003", 265, "家", 2025, text="国家高新技术企业")
    table_value = _find(corpus, "003", 250, "家", 2025, text="国家高新技术企业")
    assert any(table_value[0].id in t.conflicts_with for t in text_value)
    assert any(text_value[0].id in t.conflicts_with for t in table_value)


def test_default_owner_and_plan_year(corpus):
    target = _find(corpus, "002", 2.8, "%", 2019, text="R&D")[0]
    assert [(o.name, o.role) for o in target.owners] == [("桐乡市科技局", "default")]
    assert target.owner_source == "default" and target.indicator_id == "rd_intensity"


def test_summaries_report_achievements_and_hidden_years_stay_unknown(corpus):
    repaired = _find(corpus, "001", 11.77, "%", part=1)[0]
    assert repaired.kind == "achievement" and repaired.value_text == "IL77%"
    hightech = _find(corpus, "001", 631, "家", part=1)[0]
    assert hightech.kind == "achievement"
    # The document hides its years (20XX); the proposal is marked and explained, never stated.
    assert hightech.year == 2020 and hightech.year_inferred and "COVID-19" in hightech.year_reason
    goal = _find(corpus, "001", 1800, "家", part=1, kind="target")[0]
    assert goal.year == 2021 and goal.year_inferred and goal.comparator == ">="
    stated = [t for t in corpus.targets if t.doc_id == doc_by_name(corpus, "003").id]
    assert not any(t.year_inferred for t in stated)
    patents = _find(corpus, "004", 64, "件", kind="achievement")[0]
    assert "发明专利授权量" in patents.indicator
    placeholders = [t for t in corpus.targets if t.placeholder]
    assert placeholders and all(t.value is None for t in placeholders)


def test_value_spans_point_at_the_value(corpus):
    docs = {d.id: d for d in corpus.documents}
    for target in corpus.targets:
        assert docs[target.doc_id].text[target.start : target.end] == target.value_text
        if target.value is not None and target.value_text:
            assert any(ch.isdigit() or ch in "IlLO零一二两三四五六七八九十百千万倍番" for ch in target.value_text), target
