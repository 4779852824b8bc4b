"""The named-query registry: typed rows, one error for a bad name or parameter, ids from IRIs."""
from __future__ import annotations

import dataclasses

import pytest

from plankg.graph import queries as Q
from plankg.graph.rows import OutcomeRow, TargetRow, from_binding, snake_case
from plankg.graph.store import QueryError, open_store
from plankg.graph.terms import indicator_id, indicator_iri, local_name, record_id, record_iri


@pytest.fixture(scope="module")
def memory(small_workspace):
    home, _ = small_workspace
    return open_store(home / "graph", kind="memory")


def test_every_query_declares_its_row_type_and_parameters():
    for name, query in Q.REGISTRY.items():
        assert query.name == name
        assert dataclasses.is_dataclass(query.row_type)
        assert "store" not in query.parameters
    assert Q.REGISTRY["targets"].parameters[:2] == ("region", "year")


def test_run_returns_typed_rows_with_the_sparql(memory, small_corpus):
    result = Q.run(memory, "targets", region="温州")
    assert result.rows and all(isinstance(row, TargetRow) for row in result.rows)
    assert "SELECT ?target ?class" in result.sparql
    ids = {t.id for t in small_corpus.targets}
    assert {record_id(row.target) for row in result.rows} <= ids
    owned = [row for row in result.rows if row.owners]
    assert owned and all(owner.role in ("lead", "support", "default") for row in owned for owner in row.owners)


def test_plan_vs_outcome_rows_carry_the_verdict(memory):
    rows = Q.run(memory, "plan_vs_outcome").rows
    assert rows and all(isinstance(row, OutcomeRow) for row in rows)
    judged = [row for row in rows if row.actual_value is not None]
    assert all(row.met in (True, False) for row in judged)


def test_typed_rows_are_frozen_and_turn_into_snake_case_dicts(memory):
    row = Q.run(memory, "indicator_series", indicator="rd_intensity").rows[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.value = 0  # type: ignore[misc]
    assert {"area_name", "period_start", "doc_title"} <= row.to_dict().keys()


@pytest.mark.parametrize(("name", "params", "said"), [
    ("no_such_query", {}, "unknown; use"),
    ("targets", {"place": "温州"}, "unknown parameter 'place'"),
])
def test_bad_name_or_parameter_is_one_line_naming_it(memory, name, params, said):
    with pytest.raises(QueryError) as error:
        Q.run(memory, name, **params)
    assert said in str(error.value) and "\n" not in str(error.value)


def test_from_binding_maps_camel_case_and_drops_helper_variables():
    row = from_binding(TargetRow, {"target": "t", "class": "c", "areaName": "温州市", "kindOrder": 2,
                                   "owners": [{"owner": "o", "name": "局", "role": "lead"}]})
    assert (row.rdf_class, row.area_name, row.owners[0].name) == ("c", "温州市", "局")
    assert snake_case("indicatorLabelEn") == "indicator_label_en"


def test_terms_go_both_ways_between_ids_and_iris():
    assert record_id(record_iri("tg-0123")) == "tg-0123"
    assert record_id(str(record_iri("tg-0123")) + "/stretch") == "tg-0123"
    assert record_id("https://example.org/other/tg-1") is None and record_id(None) is None
    iri, proposed = indicator_iri("rd_intensity")
    assert not proposed and indicator_id(str(iri)) == "rd_intensity"
    proposed_node, proposed = indicator_iri("proposed:某个新指标")
    assert proposed and indicator_id(str(proposed_node)) is None
    assert local_name("http://www.w3.org/ns/org#Organization") == "Organization"


def test_the_parsers_name_lookups_are_named_queries_too(memory):
    from plankg.graph.rows import NamedEntityRow, OrganisationRow, ProposedIndicatorRow

    organisations = Q.run(memory, "organisations").rows
    assert organisations and all(isinstance(r, OrganisationRow) and r.label for r in organisations)
    assert all(isinstance(r, NamedEntityRow) for r in Q.run(memory, "named_entities").rows)
    assert all(isinstance(r, ProposedIndicatorRow) for r in Q.run(memory, "proposed_indicators").rows)


def test_every_query_function_is_registered():
    from plankg.graph import entity_queries

    functions = {f.__name__ for f in (Q.owners_of_indicator, Q.targets, Q.first_targets, Q.indicator_series, Q.plan_vs_outcome,
                                      Q.targets_in_years, Q.find_regions, Q.find_entities)}
    functions |= {name for name, f in vars(entity_queries).items()
                  if callable(f) and getattr(f, "__module__", "") == entity_queries.__name__ and not name.startswith("_")}
    assert functions == set(Q.REGISTRY)
