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


def test_a_profile_quotes_from_the_links_what_reading_the_corpus_would(engine, monkeypatch):
    from plankg.qa import answer_entities

    used: list = []
    named_in = answer_entities._named_in

    def spied(facts, name):
        used.append(named_in(facts, name))
        return used[-1]

    monkeypatch.setattr(answer_entities, "_named_in", spied)
    questions = ["瓯江实验室的进展", "浙大温州研究院的进展", "Tell me about 中国科学院大学温州研究院"]
    linked = [engine.ask(q).rows[0]["progress"] for q in questions]
    assert len(used) == 3 and all(clause_ids for clause_ids in used)  # each profile took the graph's links
    monkeypatch.setattr(answer_entities, "_named_in", lambda facts, name: None)  # read the corpus instead
    read = [engine.ask(q).rows[0]["progress"] for q in questions]
    assert linked == read and all(linked)
