"""Units are data: every unit written by ingest or named in the graph is declared once in plankg.ttl."""
from __future__ import annotations

from plankg.ingest.units import INFERRED_UNITS
from plankg.ontology.units import load_units


def test_every_written_form_names_one_unit_with_both_labels():
    table = load_units()
    forms = [form for unit in table for form in unit.forms]
    assert len(forms) == len(set(forms)) and len(table) >= 15
    assert all(unit.label_zh and unit.label_en and "/unit/" in unit.iri for unit in table)


def test_aliases_reach_the_same_unit_as_the_notation():
    table = load_units()
    assert table.get("亿") is table.get("亿元") is not None
    assert table.get("％") is table.get(" % ") is not None
    assert table.english("场次") == table.english("场")
    assert table.get("光年") is None and table.english(None) is None


def test_units_ingest_infers_are_declared():
    inferred = {unit for _, unit in INFERRED_UNITS if unit}
    assert {unit for unit in inferred if load_units().get(unit) is None} == set()


def test_the_graph_mints_iris_only_for_undeclared_units():
    from plankg.graph.terms import is_known_unit, unit_iri

    assert str(unit_iri("亿")) == load_units().get("亿元").iri
    assert is_known_unit("人次") and not is_known_unit("光年")
    assert str(unit_iri("光年")) not in {unit.iri for unit in load_units()}
