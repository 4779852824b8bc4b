"""Answers whose size grows with the corpus fetch a bounded page and say what they left out."""
from __future__ import annotations


def test_an_entity_list_past_its_limit_says_there_are_more(engine, monkeypatch):
    from plankg.qa import answer_entities

    full = engine.ask("Which research institutes are in Wenzhou?")
    assert full.found and len(full.rows) > 4 and "there are more" not in full.answer
    # Every listed entity cites clauses that name it (from the graph's citedIn links, no scan).
    texts = {e["clause_id"]: e["text"] for e in full.evidence}
    for row in full.rows:
        assert all(c in texts for c in row["clause_ids"])
        if not row["mentions"]:  # a unit only named as an owner: the clauses holding its name, if any
            assert all(row["name"] in texts[c] for c in row["clause_ids"])
    assert sum(bool(row["clause_ids"]) for row in full.rows) > len(full.rows) // 2
    monkeypatch.setattr(answer_entities, "MAX_ENTITIES", 2)
    capped = engine.ask("Which research institutes are in Wenzhou?")
    assert "Only the 2 most mentioned of each kind are listed; there are more." in capped.answer
    assert 0 < len(capped.rows) <= 2 * 2  # two classes (institutes, organisations), two each at most
    assert capped.sparql.count("LIMIT 3") == 2
    assert [r["name"] for r in capped.rows][:2] == [r["name"] for r in full.rows][:2]  # the most mentioned first
