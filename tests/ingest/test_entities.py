"""Entities: institutes, parks, programmes, people, organisations; aliases merged with reasons."""
from __future__ import annotations

from plankg.ingest.pipeline import read_corpus
from plankg.ontology.aliases import load_aliases


def _names(corpus, kind):
    return {e.canonical: e for e in corpus.entities if e.type == kind}


def test_alias_table_and_rules_explain_every_merge():
    aliases = load_aliases()
    assert aliases.canonical("浙大温州研究院") == ("浙江大学温州研究院", ["alias table: 浙大 = 浙江大学"])
    assert aliases.canonical("北航杭州创新研究院")[0] == "北京航空航天大学杭州创新研究院"
    key, reasons = aliases.canonical("省级乌镇大数据高新技术产业园")
    assert key == "乌镇大数据高新技术产业园" and reasons == ["rule: qualifier 省级 dropped"]
    assert aliases.canonical("瓯江实验室") == ("瓯江实验室", [])


def test_bundled_institutes_parks_and_programmes(corpus):
    institutes = _names(corpus, "institute")
    zju = institutes["浙江大学温州研究院"]
    assert "浙大温州研究院" in zju.aliases and zju.region == "温州市"
    assert any("浙大 = 浙江大学" in r for r in zju.merge_reasons)
    assert "国科大温州研究院" in institutes["中国科学院大学温州研究院"].aliases
    assert "北航温州研究院" in institutes["北京航空航天大学温州研究院"].aliases
    assert {"瓯江实验室", "复旦大学温州生命科学创新中心"} <= set(institutes)
    assert not {"省级企业研究院", "重点实验室", "企业研究院"} & set(institutes)
    parks = _names(corpus, "park")
    assert "环大罗山科创大走廊" in parks["环大罗山科创走廊"].aliases
    assert {"乌镇大道科创集聚区", "温州(嘉定)科创园", "恒金产业园"} <= set(parks)
    programmes = _names(corpus, "programme")
    assert {"双倍增行动", "一区五园", "八大专项攻坚行动"} <= set(programmes)


def test_people_with_posts_and_divisions(corpus):
    people = _names(corpus, "person")
    assert dict(people["徐雨薇"].attributes)["post"] == "区科技局局长"
    assert "项晓东" in people
    divisions = _names(corpus, "division")
    assert divisions["温州市科技局高新处"].parent == "温州市科技局"


def test_mentions_point_at_their_text(corpus):
    docs = {d.id: d for d in corpus.documents}
    for mention in corpus.mentions:
        if mention.type in ("institute", "park") and mention.end > mention.start:
            span = docs[mention.doc_id].text[mention.start : mention.end]
            assert span.replace("\n", "") == mention.surface.replace("\n", "") or mention.surface in span


def test_entities_in_a_new_plan(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(
        "嘉善县科技局2024年工作要点\n一、重点任务\n1.推进浙大嘉善研究院和祥符荡科创绿谷建设，实施“双倍增”行动，"
        "新增省级企业研究院3家(县科技局)。\n", encoding="utf-8")
    corpus = read_corpus([plan])
    institutes = _names(corpus, "institute")
    assert "浙江大学嘉善研究院" in institutes and "浙大嘉善研究院" in institutes["浙江大学嘉善研究院"].aliases
    assert "双倍增行动" in _names(corpus, "programme")
    target = next(t for t in corpus.targets if t.value == 3)
    assert [o.name for o in target.owners] == ["嘉善县科技局"] and target.year == 2024
