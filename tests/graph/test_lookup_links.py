"""Lookup links: unit -> targets by role and target -> indicator family, one indexed step each."""
from __future__ import annotations

import pytest

from plankg.graph.store import open_store

ROLE_PATH = """
SELECT ?unit ?target ?role WHERE {
  ?target prov:qualifiedAttribution ?a . ?a prov:agent ?unit ; prov:hadRole ?role .
}"""
LINKED = """
SELECT ?unit ?target ?role WHERE {
  VALUES (?link ?role) { (plankg:leadsTarget plankg:LeadRole) (plankg:supportsTarget plankg:SupportRole)
                         (plankg:ownsTargetByDefault plankg:DefaultIssuerRole) }
  ?unit ?link ?target .
}"""


def rows(store, sparql):
    return sorted(tuple(r.values()) for r in store.query(sparql))


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_unit_links_restate_every_attribution_with_its_role(small_workspace, kind):
    home, _ = small_workspace
    with open_store(home / "graph", kind=kind) as store:
        expected = rows(store, ROLE_PATH)
        assert expected and rows(store, LINKED) == expected


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_family_links_follow_the_families_of_the_indicator_scheme(small_workspace, small_corpus, kind):
    from plankg.ontology.thesaurus import load_families

    home, _ = small_workspace
    families = load_families()
    expected = sorted((t.id, f.id) for t in small_corpus.targets for f in families.values()
                      if t.indicator_id in f.members)
    assert expected  # the sample corpus has targets of at least one family
    with open_store(home / "graph", kind=kind) as store:
        found = store.query("SELECT ?id ?family WHERE { ?t plankg:inFamily ?f ; plankg:recordId ?id . "
                            "BIND(STRAFTER(STR(?f), STR(ind:)) AS ?family) }")
    assert sorted((r["id"], r["family"]) for r in found) == expected


def test_the_export_leaves_the_links_out(small_workspace, tmp_path):
    from plankg.graph.export import export_graph_file

    home, _ = small_workspace
    text = export_graph_file(home / "graph", "ntriples", tmp_path / "g.nt").read_text("utf-8")
    assert "leadsTarget" not in text and "inFamily" not in text


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_a_units_targets_start_from_its_lookup_links(small_workspace, small_corpus, kind):
    """targets(owners=...) finds every target the unit owns, in any role, through the links."""
    from plankg.graph.queries import targets

    home, _ = small_workspace
    owned: dict[str, set[str]] = {}
    for target in small_corpus.targets:
        if target.kind != "achievement":
            for owner in target.owners:
                owned.setdefault(owner.name, set()).add(target.id)
    assert owned
    with open_store(home / "graph", kind=kind) as store:
        for name, ids in owned.items():
            result = targets(store, owners=[name])
            assert "plankg:leadsTarget|plankg:supportsTarget|plankg:ownsTargetByDefault" in result.sparql
            found = {row["target"].rsplit("/", 1)[-1] for row in result.rows}
            assert found == ids, name


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_a_familys_owners_start_from_its_lookup_links(small_workspace, kind):
    """owners_of_indicator(family=...) gives the same rows as listing the family's indicators."""
    from plankg.graph.queries import owners_of_indicator
    from plankg.graph.store import QueryError
    from plankg.ontology.indicators import load_scheme
    from plankg.ontology.thesaurus import load_families

    home, _ = small_workspace
    scheme = load_scheme()
    compared = 0
    with open_store(home / "graph", kind=kind) as store:
        for family in load_families().values():
            members = [m for m in family.members if scheme.by_id(m) is not None]
            for region in (None, "温州市", "温州"):
                listed = owners_of_indicator(store, members, region=region).rows
                linked = owners_of_indicator(store, family=family.id, region=region)
                assert "plankg:inFamily" in linked.sparql
                assert sorted(map(sorted_items, linked.rows)) == sorted(map(sorted_items, listed))
                compared += bool(listed)
        with pytest.raises(QueryError):
            owners_of_indicator(store)
        with pytest.raises(QueryError):
            owners_of_indicator(store, family="rd> } SELECT * WHERE { ?s ?p ?o", region="温州市")
    assert compared  # the sample corpus owns targets of at least one family


def sorted_items(row: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in row.items()))
