"""Named queries on the sample corpus: what they return, and that they show the SPARQL they ran."""
from __future__ import annotations

import pytest

from plankg.graph import queries as Q
from plankg.graph.store import MemoryStore, QueryError


@pytest.fixture(scope="module")
def store(small_corpus):
    from plankg.graph.build import build_graph

    # With the lookup links, as a workspace's store holds them (unit, family and entity questions use them).
    return MemoryStore(build_graph(small_corpus, links=True))


def test_owners_of_indicator_with_roles_years_and_documents(store):
    result = Q.owners_of_indicator(store, "R&D经费投入强度")  # a surface form resolves to the concept
    owners = {(r["ownerName"], r["role"], r["year"]) for r in result.rows}
    assert owners == {
        ("温州市科技局综合处", "lead", 2019),
        ("温州市科技局高新处", "support", 2019),
        ("路桥区科技局", "lead", 2021),
        ("路桥区科技局", "lead", 2022),
        ("路桥区科技局", "lead", 2025),
    }
    assert all(r["docTitle"] and r["clause"] for r in result.rows)
    assert "VALUES ?indicator { <https://w3id.org/plankg/indicator/rd_intensity> }" in result.sparql
    assert result.sparql.startswith("PREFIX ")


def test_targets_by_region_include_the_regions_inside_it(store):
    wenzhou = Q.targets(store, region="温州")
    assert {r["target"].rsplit("/", 1)[-1] for r in wenzhou.rows} == {"tg-c1", "tg-c2", "tg-r1"}
    assert "VALUES ?regionNode" in wenzhou.sparql and "?regionName" in wenzhou.sparql
    english = Q.targets(store, region="Wenzhou")
    assert {r["target"] for r in english.rows} == {r["target"] for r in wenzhou.rows}
    assert Q.targets(store, region="不存在的地方").rows == []


def test_targets_by_year_and_owner_group_owners_per_target(store):
    rows = Q.targets(store, year=2019, owner="综合处").rows
    assert len(rows) == 1
    assert [o["role"] for o in rows[0]["owners"]] == ["lead", "support"]
    assert rows[0]["value"] == 2.2 and rows[0]["unit"] == "%"
    with_achievements = Q.targets(store, owner="温州市科技局", include_achievements=True).rows
    assert any(r["class"].endswith("Achievement") for r in with_achievements)


def test_indicator_series_orders_baseline_actual_targets(store):
    rows = Q.indicator_series(store, "rd_intensity", region="路桥区").rows
    sequence = [(r["year"], r["kind"], r["value"]) for r in rows]
    assert sequence[0] == (None, "baseline", 1.35)
    assert sequence[1] == (2020, "actual", 1.35)
    assert [s for s in sequence if s[1] == "target"][0] == (2021, "target", 1.45)
    assert sequence[-1] == (2025, "target", 2.8)
    stretch = Q.indicator_series(store, "rd_intensity", region="温州").rows
    assert {r["kind"] for r in stretch} == {"target", "stretch"}


def test_plan_vs_outcome_pairs_targets_with_actuals(store):
    rows = Q.plan_vs_outcome(store, indicator="high_tech_enterprises", region="温州市").rows
    paired = [r for r in rows if r["actual"]]
    assert len(paired) == 1
    assert (paired[0]["targetValue"], paired[0]["actualValue"], paired[0]["met"]) == (120.0, 131.0, True)


def test_entity_profile_and_neighbourhood_by_alias(store):
    profile = Q.entity_profile(store, "浙大温研院")
    properties = {r["property"].rsplit("#", 1)[-1] for r in profile.rows}
    assert {"altLabel", "mergeReason", "locatedIn"} <= properties
    neighbourhood = Q.entity_neighbourhood(store, "浙江大学温州研究院").rows
    co_mentioned = {r["neighbourLabel"] for r in neighbourhood if r["direction"] == "co-mention"}
    assert co_mentioned == {"瑞安市"}
    assert all(r["evidence"] == "浙大温研院和瑞安合作。" for r in neighbourhood if r["direction"] == "co-mention")
    assert Q.entity_profile(store, "没有这个单位").rows == []


def test_entities_by_type_respects_the_region_hierarchy(store):
    regions = {r["label"] for r in Q.entities_by_type(store, "region", region="温州").rows}
    assert regions == {"温州市", "瑞安市"}
    orgs = {r["label"] for r in Q.entities_by_type(store, "organization", region="台州").rows}
    assert orgs == {"路桥区科技局", "路桥区经信局"}
    with pytest.raises(QueryError, match="unknown entity type"):
        Q.entities_by_type(store, "spaceship")


def test_indicator_counts_flag_proposed_concepts(store):
    rows = {r["label"]: r for r in Q.indicator_counts(store).rows}
    assert rows["某某新指标"]["proposed"] is True
    assert rows["全社会R&D经费支出占GDP比重"]["targets"] == 5
    assert rows["全社会R&D经费支出占GDP比重"]["achievements"] == 1


def test_unknown_indicator_is_a_query_error(store):
    with pytest.raises(QueryError, match="unknown indicator"):
        Q.owners_of_indicator(store, "完全无关")


def test_first_targets_bound_a_unit_or_a_family_and_count_them_all(store):
    owned = Q.targets(store, owners=["路桥区科技局"]).rows
    assert len(owned) == 4
    first = Q.run(store, "first_targets", owners=["路桥区科技局"], limit=3).rows
    assert len(first) == 3 and {r.total for r in first} == {4}
    assert [r.target for r in first] == sorted(r["target"] for r in owned)[:3]
    described = Q.targets(store, first=[r.target for r in first]).rows
    assert sorted(r["target"] for r in described) == [r.target for r in first]
    assert {o["name"] for r in described for o in r["owners"]} >= {"路桥区科技局"}
    everything = Q.owners_of_indicator(store, family="family_rd").rows
    family = Q.run(store, "first_targets", family="family_rd", limit=2).rows
    assert len(family) == 2 and family[0].total == len({r["target"] for r in everything})
    bounded = Q.owners_of_indicator(store, family="family_rd", first=[r.target for r in family]).rows
    assert {r["target"] for r in bounded} == {r.target for r in family}
    assert bounded == [r for r in everything if r["target"] in {t.target for t in family}]
    with pytest.raises(QueryError, match="not an indicator family"):
        Q.first_targets(store, family="x> . ?s ?p ?o")
