"""Owners of a task written without a number (特色小镇工作由哪个单位牵头): the units its clause names.

Targets carry their owners in the graph; a task without a figure does not. When an owner question
names no indicator, or none of its targets is found, the clauses nearest the question that write
its topic word for word and name known units answer it, each unit with the role its clause gives
(牵头 lead, 配合 support, else simply named).
"""
from __future__ import annotations

import re
from typing import Any

from plankg.ingest.govunits import find_units
from plankg.ontology.glossary import load_glossary, singular
from plankg.qa.answer import Answer
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.lexicon import CUE_ZH
from plankg.qa.parse import Question
from plankg.qa.render import ROLE_EN, ROLE_ZH, snippet

CANDIDATES = 8
_LEAD = re.compile(r"^\W{0,2}(牵头|主抓|负责|为牵头)")
_SUPPORT = re.compile(r"^\W{0,2}(配合|协同|参与|协助)")
_ROLE_LABEL = re.compile(r"(?:(牵头单位|牵头部门|责任单位|责任部门|牵头)|(配合单位|配合部门|协同单位|协办单位|参与单位))\s*[:：]")
_RESPONSIBLE = re.compile(r"责任单位|责任部门|牵头单位|牵头|负责")
_MASK = re.compile(r"〈[^〉]*〉")
_TOPIC_NOISE = re.compile(r"工作|任务|事项|目标|指标|计划|规划|单位|部门|牵头|负责|哪个|哪些|什么|谁|由")


def topic_words(parsed: Question) -> list[str]:
    """The question's own words beyond places, years and question words (航天产业集群, 特色小镇)."""
    if parsed.language != "zh":
        # English names a task by a phrase of the genre (characteristic towns): its Chinese words.
        words, _ = load_glossary().translate(singular(parsed.text).split(), min_words=2)
        return [w for w in words if len(w) >= 3]
    text = _MASK.sub(" ", parsed.masked)
    for cue in sorted(CUE_ZH, key=len, reverse=True):
        text = text.replace(cue, " ")
    text = _TOPIC_NOISE.sub(" ", text)
    words = [w for w in re.split(r"[^\u4e00-\u9fff]+|的|了|和|与|及|是|在", text) if len(w) >= 3]
    # A programme or designation the question names (未来社区试点) is masked as an entity, and is
    # just the topic a task clause writes.
    named = [hit.surface for hit in parsed.entities if hit.type in ("programme", "park") and len(hit.surface) >= 3]
    return [*named, *words]


def answer_task_owners(ctx: AnswerContext, parsed: Question, col: Collector) -> Answer | None:
    """The units named in the clause that writes the question's topic, or None when none does."""
    words = topic_words(parsed)
    if not words:
        return None
    filters = {"region": parsed.regions[0]} if parsed.regions else None
    if parsed.places.documents and not parsed.regions:
        filters = {"doc": sorted(set().union(*(ids for _, ids in parsed.places.documents)))}
    try:
        query = parsed.text if parsed.language == "zh" else " ".join([*parsed.regions, *words])
        hits = ctx.search.search(query, k=CANDIDATES, filters=filters)
    except Exception:  # noqa: BLE001 - the fallback must never hide the plain "not found"
        return None
    for hit in hits:
        text = hit["text"]
        if not any(word in text for word in words):
            continue
        clause = ctx.records.clause(hit["clause_id"])
        owners = _owners_in(ctx, text, parsed)
        following = _next_clause(ctx, clause) if not owners else None
        if following is not None and _RESPONSIBLE.search(following.text):
            # 推进特色小镇…。（责任单位：市发改委、市经信局）: the note after the task names its units.
            owners = _owners_in(ctx, following.text, parsed)
            if owners:
                col.cite(ctx.records, following)
        if not owners:
            continue
        col.cite(ctx.records, clause)
        doc = ctx.records.documents.get(clause.doc_id) if clause else None
        for name, role in owners:
            col.rows.append({"place": doc.region if doc else None, "year": None, "kind": "task",
                             "document": doc.title if doc else hit["doc"], "owner": name, "role": role,
                             "text": text, "clause_id": hit["clause_id"]})
        topic = next(word for word in words if word in text)
        return col.finish(_sentence(parsed, topic, owners, text), confidence=0.6)
    return None


def _next_clause(ctx: AnswerContext, clause: Any) -> Any:
    """The clause right after ``clause`` in its document, or None."""
    if clause is None:
        return None
    after = [c for c in ctx.records.corpus.clauses if c.doc_id == clause.doc_id and c.start >= clause.end]
    return min(after, key=lambda c: c.start) if after else None


def _owners_in(ctx: AnswerContext, text: str, parsed: Question) -> list[tuple[str, str]]:
    owners: list[tuple[str, str]] = []
    known = ctx.orgs.find(text, parsed.regions)
    found = [(org.start, org.names[0] if len(org.names) == 1 else org.surface, org.end) for org in known]
    # Units the graph may not know, as ingest recognises them in running text (市发改委, 区住建局).
    found += [(unit.start, unit.name, unit.end) for unit in find_units(text)
              if not any(org.start < unit.end and unit.start < org.end for org in known)]
    labels = [(m.end(), "lead" if m.group(1) else "support") for m in _ROLE_LABEL.finditer(text)]
    for start, name, end in sorted(found):
        after = text[end:end + 6]
        # (牵头单位:A、B,配合单位:C): the label before a unit gives its role, up to the next label.
        labelled = [role for at, role in labels if at <= start]
        role = labelled[-1] if labelled else \
            "lead" if _LEAD.search(after) else "support" if _SUPPORT.search(after) else "named"
        if not any(n == name for n, _ in owners):
            owners.append((name, role))
    if owners and all(role == "named" for _, role in owners) and re.search(r"牵头|责任单位|责任部门", text):
        # 责任单位：A、B — a table's first unit leads.
        owners[0] = (owners[0][0], "lead")
    return owners


def _sentence(parsed: Question, topic: str, owners: list[tuple[str, str]], text: str) -> str:
    if parsed.language == "zh":
        roles = {**ROLE_ZH, "named": "文中列名"}
        units = "、".join(f"{name}（{roles.get(role, role)}）" for name, role in owners)
        return f"“{topic}”一项未写数值，条款列明的单位：{units}。原文：{snippet(text, 80)}"
    roles: dict[str, Any] = {**ROLE_EN, "named": "named"}
    units = ", ".join(f"{name} ({roles.get(role, role)})" for name, role in owners)
    return f"The clause on “{topic}” (no figure) names: {units}. Text: {snippet(text, 80)}"
