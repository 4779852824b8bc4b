"""Answers about targets: who owns them, their values, and what a unit is responsible for."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from plankg.graph import terms
from plankg.graph.rows import OwnerRow, TargetRow
from plankg.ingest.traditional import to_simplified, written_form
from plankg.ontology.indicators import proposed_iri
from plankg.ontology.regions import load_gazetteer
from plankg.qa import nearest_facts
from plankg.qa.answer import Answer
from plankg.qa.answer_task_owners import answer_task_owners, topic_words
from plankg.qa.areas import area_of
from plankg.qa.context import AnswerContext, Collector, covers, written_value
from plankg.qa.fact_fit import (
    CONTEXT_RUN,
    PHRASE_FIT,
    asked_kinds,
    dice,
    left_context,
    phrase_fit,
    shared_run,
    unread_words,
    written_in,
)
from plankg.qa.facts import Responsible, TargetFact
from plankg.qa.found_clause import find_clause
from plankg.qa.not_found import not_found, show_found
from plankg.qa.parse import Question
from plankg.qa.render import indicator_label, quantity
from plankg.qa.sentences import sentences_for
from plankg.qa.shape import lead_of

MAX_INDICATORS = 8
MAX_TASKS = 12
#: Targets a unit answer fetches and describes at most: a short name held by units in many places
#: (高新处) would otherwise cost what the whole corpus holds; the answer says how many there are.
MAX_UNIT_TARGETS = 200
#: A document naming a zone (延安高新区) this often is the zone's own report.
ZONE_DOCUMENT_TIMES = 3
_ZONE_LONG = (("高新区", "高新技术产业开发区"), ("经开区", "经济技术开发区"), ("经开区", "经济开发区"))
#: How an indicator was named when the question named it only loosely (a proposed indicator's
#: label, a shared run of characters, a meaning): the facts' own words then decide.
LOOSE_METHODS = ("proposed", "partial", "embedding")
_ROLE_ORDER = {"lead": 0, "support": 1, "default": 2}
#: Relaxations of the year: the facts answered are of another year, or of none stated.
YEAR_RELAXED = {"other_year", "year_unstated"}


def regions_or_all(parsed: Question) -> list[str | None]:
    """The asked regions, or [None] (everywhere) when the question names none."""
    return list(parsed.regions) or [None]


def target_row(ctx: AnswerContext, col: Collector, row: TargetRow | OwnerRow) -> TargetFact:
    """One table row for a target found by a named query, with its evidence cited."""
    record = ctx.records.target(row.target)
    clause = ctx.records.clause(row.clause) or ctx.records.clause_of(row.target)
    clause_id = col.cite(ctx.records, clause)
    period = [row.period_start, row.period_end] if row.period_start is not None else None
    value = row.value
    placeholder = bool(row.placeholder)
    measure = record.measure if record else None
    written = written_value(record, clause, value) or _written_traditional(ctx, record, clause)
    stated = quantity(value, row.unit, col.parsed.language, getattr(row, "comparator", None), measure, written,
                      placeholder)
    written_names = _written_names(ctx, record)
    if isinstance(row, TargetRow):
        owners = tuple(Responsible(o.name, o.role, written_names.get(o.name or "")) for o in row.owners)
        label, phrase = row.indicator_label, row.phrase
    else:
        owners = (Responsible(row.owner_name, row.role, written_names.get(row.owner_name or "")),) \
            if row.owner_name else ()
        label = phrase = None

    return TargetFact(
        indicator=label or (record.indicator if record else None),
        indicator_id=record.indicator_id if record else None,
        area=area_of(ctx.records, record),
        phrase=phrase or (record.indicator if record else None),
        region=row.area_name,
        year=row.year,
        year_inferred=bool(record.year_inferred) if record else False,
        period=period,
        value=value,
        unit=row.unit,
        comparator=getattr(row, "comparator", None),
        measure=measure,
        stretch=record.stretch if record else None,
        baseline=record.baseline if record else None,
        placeholder=placeholder,
        written=written,
        stated=stated,
        owners=owners,
        doc=ctx.records.evidence(clause).doc if clause else None,
        doc_title=row.doc_title,
        clause_id=clause_id,
        target=row.target,
        kind=record.kind if record else "target",
    )


def _written_traditional(ctx: AnswerContext, record: Any, clause: Any) -> str | None:
    """A value as a plan mirrored in traditional characters writes it (15萬個以上, 4.82億元): readers
    and the source say it so; None for every other document."""
    doc = ctx.records.documents.get(record.doc_id) if record is not None else None
    if doc is None or clause is None or not record.value_text or not any(r.rule == "traditional" for r in doc.repairs):
        return None
    written = "".join(record.value_text.split())
    return written if to_simplified(written) in "".join(clause.text.split()) and written != to_simplified(written) \
        else None


def _written_names(ctx: AnswerContext, record: Any) -> dict[str, str]:
    """Owner name -> the name in the document's own characters, for a plan mirrored in traditional
    ones (省科技厅 -> 省科技廳); empty for every other document."""
    doc = ctx.records.documents.get(record.doc_id) if record is not None else None
    if doc is None or not any(r.rule == "traditional" for r in doc.repairs):
        return {}
    names = {}
    for owner in record.owners:
        written = written_form(owner.surface, doc.text, doc.repairs)
        if written != owner.surface:
            names[owner.name] = written
    return names


def _owners_in_order(owners: Iterable[Responsible]) -> list[Responsible]:
    """Explicit owners (lead first, then support), else the issuing body."""
    return sorted(_explicit_first(list(owners)), key=lambda o: _ROLE_ORDER.get(o.role or "", 3))


# ---- owners of targets ----------------------------------------------------------------------------
def answer_owners(ctx: AnswerContext, parsed: Question) -> Answer:
    """哪些单位负责…目标 / who owns … : owners with roles, per indicator."""
    col = Collector(parsed, "target_owners")
    if not parsed.indicators:
        named = _owners_named_after(ctx, parsed, col) if topic_words(parsed) else []
        if named:
            col.rows = named
            return col.finish(_owners_sentence(ctx, parsed, col.rows), lead=_owners_lead(parsed, col.rows))
        if topic_words(parsed):
            # 特色小镇工作由哪个单位牵头: a topic no indicator names is a task; its clause names the units.
            return answer_task_owners(ctx, parsed, col) or not_found(ctx, col, "targets")
        return _owners_of_listed_targets(ctx, parsed, col)
    other_years: list[tuple[Any, Any]] = []
    for hit in parsed.indicators[:MAX_INDICATORS]:
        for region in regions_or_all(parsed):
            owned = ctx.graph.run("owners_of_indicator", indicator=hit.id, region=region,
                                  within=parsed.places.include_sub)
            for row in col.ran(owned):
                if covers(parsed, row.year, row.period_start, row.period_end):
                    fact = target_row(ctx, col, row)
                    col.rows.append(replace(fact, indicator=indicator_label(parsed, hit.id, hit.label_zh),
                                            owner=row.owner_name, role=row.role))
                else:
                    other_years.append((hit, row))
    relaxed = ""
    if not col.rows and other_years:
        # Units answer for a goal whatever year it is set for: a 2022 task breakdown gives the goals
        # of the next five years their units. The goals of documents of the asked year first, else
        # of any year; each row shows its own year, and the answer says the year was not the asked one.
        of_year = [(hit, row) for hit, row in other_years if _document_of_year(ctx, row, parsed)]
        for hit, row in of_year or other_years:
            fact = target_row(ctx, col, row)
            col.rows.append(replace(fact, indicator=indicator_label(parsed, hit.id, hit.label_zh),
                                    owner=row.owner_name, role=row.role))
        relaxed = sentences_for(parsed.language).relaxed_note("goal_of_document_year" if of_year else "other_year")
    if all(row.role == "default" for row in col.rows):
        # No unit is given the goal in the graph: units its clause writes right after it.
        named = _owners_named_after(ctx, parsed, col)
        col.rows = named or col.rows
    if not col.rows:
        return answer_task_owners(ctx, parsed, col) or not_found(ctx, col, "targets")
    return col.finish(relaxed + _owners_sentence(ctx, parsed, col.rows), lead=_owners_lead(parsed, col.rows))


def _document_of_year(ctx: AnswerContext, row: Any, parsed: Question) -> bool:
    """Is the fact's document of a year the question asks about (its publication or its plan years)?"""
    clause = ctx.records.clause(row.clause) or ctx.records.clause_of(row.target)
    doc = ctx.records.documents.get(clause.doc_id) if clause else None
    if doc is None:
        return False
    years = {ctx.records.document_year(doc), *doc.years, *doc.reported_years} - {None}
    return any(parsed.time.covers(year) for year in years)


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{6,80})[”\"」』]")
_SQUASH = re.compile(r"[\s，,；;。、：:]")


def _squashed(text: str) -> str:
    return _SQUASH.sub("", text)


def quoted_goals(question: str) -> list[str]:
    """Goals a question quotes whole (“技术合同成交额突破50亿元”这一项), without punctuation;
    only those writing a figure (a quoted name is no goal)."""
    return [_squashed(q) for q in _QUOTED.findall(question) if re.search(r"\d", q)]


def _owners_named_after(ctx: AnswerContext, parsed: Question, col: Collector) -> list[TargetFact]:
    """Goals of the asked indicators (by concept, else by their own wording: a topic, a quoted goal)
    with the units extraction gave them, one row per unit, lead first as the graph holds them."""
    goals: list[TargetRow] = []
    for region in regions_or_all(parsed):
        for hit in parsed.indicators[:MAX_INDICATORS]:
            goals += col.ran(ctx.graph.run("targets", region=region, year=parsed.time.year, indicator=hit.id,
                                           within=parsed.places.include_sub))
        if not goals and (parsed.regions or parsed.places.documents):
            # By the goals' own wording: an asked indicator's, or the topic the question writes,
            # or the goal the question quotes (“新增科技型企业120家”这一项), whatever its kind.
            words = topic_words(parsed) if not parsed.indicators else []
            quotes = quoted_goals(parsed.text)
            place = col.ran(ctx.graph.run("targets", region=region, year=parsed.time.year,
                                          include_achievements=bool(quotes), within=parsed.places.include_sub))
            goals += [row for row in place if any(phrase_fit(hit, row.phrase) >= PHRASE_FIT
                                                  for hit in parsed.indicators)
                      or any(dice(word, row.phrase or "") >= PHRASE_FIT for word in words)
                      or any(quote in _squashed(_clause_text(ctx, row)) for quote in quotes)]
    rows: list[TargetFact] = []
    for goal in goals:
        record = ctx.records.target(goal.target)
        clause = ctx.records.clause(goal.clause) or ctx.records.clause_of(goal.target)
        if record is None or clause is None or not covers(parsed, goal.year, goal.period_start, goal.period_end):
            continue
        fact = target_row(ctx, col, goal)
        label = indicator_label(parsed, parsed.indicators[0].id, parsed.indicators[0].label_zh) \
            if len(parsed.indicators) == 1 else fact.phrase or fact.indicator
        # The units extraction gave the goal, with their roles: a flattened row's units written right
        # after its value included (ingest reads them; see ingest/clause_rows.units_closing_values).
        units = [(o.name, o.role) for o in goal.owners if o.name and o.role in ("lead", "support")]
        for unit, role in units:
            rows.append(replace(fact, indicator=label, owner=unit, role=role))
    return rows


def _owners_lead(parsed: Question, rows: list[TargetFact]) -> str:
    """Per indicator, its units by role, with how many figures and which years: the answer's lead."""
    render = sentences_for(parsed.language)
    groups: dict[str, dict[str, list[str]]] = {}
    years: dict[str, set[int]] = {}
    explicit = {r.key() for r in rows if r.role in ("lead", "support")}
    for row in rows:
        if row.role == "default" and row.key() in explicit:
            continue
        roles = groups.setdefault(row.indicator or "?", {})
        names = roles.setdefault(row.role or "default", [])
        if row.owner and row.owner not in names:
            names.append(row.owner)
        if row.year is not None:
            years.setdefault(row.indicator or "?", set()).add(row.year)
    return render.owners_lead(groups, years)


def _owners_of_listed_targets(ctx: AnswerContext, parsed: Question, col: Collector) -> Answer:
    """Owners of every target in the asked region/year (no indicator named)."""
    if not (parsed.regions or parsed.time.years):
        return not_found(ctx, col, "indicator")
    for region in regions_or_all(parsed):
        listed = ctx.graph.run("targets", region=region, year=parsed.time.year, within=parsed.places.include_sub)
        for row in col.ran(listed):
            if not covers(parsed, row.year, row.period_start, row.period_end):
                continue
            fact = target_row(ctx, col, row)
            for owner in fact.owners:
                col.rows.append(replace(fact, owner=owner.name, role=owner.role))
    if not col.rows:
        return not_found(ctx, col, "targets")
    return col.finish(_owners_sentence(ctx, parsed, col.rows))


def _owners_sentence(ctx: AnswerContext, parsed: Question, rows: list[TargetFact]) -> str:
    explicit_facts = {r.key() for r in rows if r.role in ("lead", "support")}
    by_indicator: dict[str, dict[tuple[str, str], list[TargetFact]]] = {}
    for row in rows:
        if row.role == "default" and row.key() in explicit_facts:
            continue  # the same figure elsewhere names its units: the default owner adds nothing
        owners = by_indicator.setdefault(row.indicator or "?", {})
        owners.setdefault((row.owner or "?", row.role or "default"), []).append(row)
    groups = {indicator: [(owner, role, _unique_facts(owner_rows)) for (owner, role), owner_rows in
                          sorted(owners.items(), key=lambda item: (_ROLE_ORDER.get(item[0][1], 3), item[0][0]))]
              for indicator, owners in by_indicator.items()}
    return sentences_for(parsed.language).owners_answer(groups, ctx.orgs.english_name)


def _explicit_first(owners: list[Responsible]) -> list[Responsible]:
    """Drop default (issuing body) owners when the same fact names its units explicitly elsewhere."""
    explicit = [o for o in owners if o.role in ("lead", "support")]
    return explicit or owners


def _unique_facts(rows: list[TargetFact]) -> list[TargetFact]:
    seen: dict[tuple, TargetFact] = {}
    for row in sorted(rows, key=lambda r: (r.region or "", r.year or 0)):
        seen.setdefault(row.key(), row)
    return list(seen.values())


# ---- target values ------------------------------------------------------------------------------
def answer_value(ctx: AnswerContext, parsed: Question, kinds: frozenset[str] | None = None) -> Answer:
    """…的目标是多少 / what is the target: values with year, comparator, stretch and baseline.

    The kind of figure asked for (a result, a goal, or both; cue words in ``intents.toml``) picks
    results or goals. An asked indicator whose id no fact carries is matched on the facts' own
    wording in the asked place and year (:func:`plankg.qa.fact_fit.phrase_fit`). Each relaxation
    (a result where a goal was asked, or the reverse) is said in the answer.
    """
    col = Collector(parsed, "target_value")
    hits = parsed.indicators[:MAX_INDICATORS]
    indicators = [h.id for h in hits] or [None]
    year = parsed.time.year
    kinds = asked_kinds(parsed.text, parsed.language) if kinds is None else kinds
    several_years = len(parsed.time.years) > 1
    # 2018年底有多少家？与2020年的目标相比: a question over several years sets results against goals.
    actuals = "result" in kinds or "goal" not in kinds or several_years
    for indicator in indicators:
        for region in regions_or_all(parsed):
            _collect(ctx, col, region, year, indicator, actuals)
    pool: list[TargetRow] = []
    missing = [h for h in hits if not any(_same_indicator(r.indicator_id, h.id) for r in col.rows)]
    if kinds >= {"goal", "result"} and len({r.kind for r in col.rows}) == 1:
        # Goal beside result: the kind not found by concept may be written in the report's own
        # words (超额完成全年净增150家目标任务 beside 高新技术企业净增240家).
        missing = hits
    scoped = bool(parsed.regions or parsed.places.documents or year is not None)
    loose = not hits or any(h.method in LOOSE_METHODS for h in hits)
    if scoped and (missing or loose or parsed.places.zones or unread_words(parsed.masked, parsed.language)):
        # Every fact of the place and year, read against the question's words: only when some of
        # them are not yet accounted for (a place's facts can be many; most questions need none).
        pool = _by_wording(ctx, col, missing, actuals)
        if loose and parsed.language == "zh":
            _by_context(ctx, col, pool)
    relaxed: list[str] = []
    if not col.rows and kinds == {"goal"} and not several_years and not parsed.strict:
        for indicator in indicators:  # no goal: a reported result is the nearest fact, said as such
            for region in regions_or_all(parsed):
                _collect(ctx, col, region, year, indicator, True)
        relaxed += ["result_for_goal"] if col.rows else []
    reported = [r for r in col.rows if r.kind == "achievement"]
    if "result" in kinds and "goal" not in kinds and not several_years:
        if reported or parsed.strict:
            col.rows = reported
        elif col.rows:
            relaxed.append("goal_for_result")
    if scoped and col.rows and _GROWTH_ASKED.search(parsed.text) and not any(r.measure == "growth" for r in col.rows):
        # 同比增长多少: the growth written right after the figure found (320家，同比增长12%),
        # which extraction may have given a phrase of its own, or the other kind (a goal's).
        pool = pool or _place_facts(ctx, col, True)
        _growth_beside(ctx, col, pool)
    if parsed.places.zones and col.rows:
        relaxed += _keep_zone(ctx, col, pool)
    if parsed.strict and not col.rows:
        return not_found(ctx, col, "targets")
    if not col.rows and parsed.regions and (parsed.indicators or year is not None):
        relaxed += _nearby_places(ctx, col, [h.id for h in hits] or [None], year, actuals)
    if not col.rows and parsed.indicators and (parsed.regions or parsed.places.documents):
        relaxed += _nearest(ctx, col, kinds)
    if not col.rows and (parsed.indicators or parsed.regions) and parsed.time.years:
        return _other_years(ctx, parsed, col, indicators, actuals)
    if not col.rows:
        return not_found(ctx, col, "targets")
    runs = {r.target: _context_run(ctx, r, parsed) for r in col.rows} if parsed.language == "zh" else {}
    col.rows.sort(key=lambda r: (not written_in(r.phrase, parsed.text), -runs.get(r.target, 0),
                                 -_wording_match(r, parsed), _measure_rank(r, parsed)))
    render = sentences_for(parsed.language)
    notes = "".join(render.relaxed_note(what) for what in relaxed)
    values = _value_sentences(ctx, parsed, col.rows)
    if set(relaxed) & YEAR_RELAXED:
        # The facts found are of another year, or of none stated: a clause writing the asked words,
        # the asked year and a figure is quoted beside them (extraction may have missed its figure,
        # or read the figure of another year from the very clause quoted).
        found = find_clause(ctx, parsed, year_written=True)
        if found is not None:
            values += render.found_clause(found.quote, found.doc, found.unplaced)
            show_found(ctx, col, found.clause_id)
    # The lead keeps the numbers first and says in a few words what had to give way.
    lead = lead_of(values, language=parsed.language) + render.relaxed_short(relaxed) if relaxed else ""
    return col.finish(notes + values, lead=lead)


def _same_indicator(fact_id: str | None, asked_id: str) -> bool:
    """A fact's indicator id is the asked one (a proposed indicator is asked by its concept IRI)."""
    return bool(fact_id) and (fact_id == asked_id or proposed_iri(fact_id or "") == asked_id)


def _keep_zone(ctx: AnswerContext, col: Collector, pool: list[TargetRow]) -> list[str]:
    """Keep the figures about the zone asked (天津高新区: 高新区 written in the fact or its clause).

    A zone's figure is often written beside others in one clause (…分别居各板块首位，为高新区N家):
    a figure of the place whose clause names both the zone and an asked indicator counts too. When
    none is found, the place's own figures stay, and the answer says so.
    """
    parsed = col.parsed
    words = {word for _, word, _, _ in parsed.places.zones}
    names = {n for h in parsed.indicators for n in (h.surface, h.label_zh)
             if n and not any(word in n for word in words)}  # 高新区 itself is no indicator here

    def clause_text(clause_id: str | None) -> str:
        clause = ctx.records.clause(clause_id) if clause_id else None
        return clause.text if clause else ""

    zone_names = {form for name, _, _, _ in parsed.places.zones for form in _zone_forms(name)}

    def zone_document(row: TargetFact) -> bool:
        # The zone's own report names the zone again and again (延安高新区…延安高新技术产业开发区):
        # all its figures are the zone's, even those whose clause does not repeat the name.
        clause = ctx.records.clause(row.clause_id) if row.clause_id else None
        doc = ctx.records.documents.get(clause.doc_id) if clause else None
        text = (doc.title or "") + (doc.text or "") if doc else ""
        return sum(text.count(name) for name in zone_names) >= ZONE_DOCUMENT_TIMES

    def about_zone(row: TargetFact) -> bool:
        return any(word in text for word in words for text in (row.area or "", row.phrase or "", row.doc_title or "",
                                                                clause_text(row.clause_id))) or zone_document(row)

    zone_name = parsed.places.zones[0][0]
    kept = [row if row.area else replace(row, area=zone_name) for row in col.rows if about_zone(row)]
    taken = {row.target for row in kept}
    for row in pool:
        text = ctx.records.clause(row.clause) or ctx.records.clause_of(row.target)
        if row.target in taken or text is None:
            continue
        if any(word in (row.phrase or "") for word in words) and any(n in text.text for n in names):
            fact = target_row(ctx, col, row)
            zone = next(word for word in words if word in (row.phrase or ""))
            kept.append(replace(fact, area=fact.area or zone, indicator=_asked_label(parsed) or fact.indicator))
            taken.add(row.target)
    if kept:
        col.rows = kept
        return []
    return ["parent_for_zone"]


def _zone_forms(name: str) -> set[str]:
    """A zone's name and its long or short forms (延安高新区 <-> 延安高新技术产业开发区)."""
    forms = {name}
    for short, long in _ZONE_LONG:
        if name.endswith(short):
            forms.add(name[: -len(short)] + long)
        if name.endswith(long):
            forms.add(name[: -len(long)] + short)
    return forms


def _nearest(ctx: AnswerContext, col: Collector, kinds: frozenset[str]) -> list[str]:
    """No fact fits every slot: the place's facts (and its sub-places') of any year and kind whose
    indicator fits, cheapest relaxation first (:mod:`plankg.qa.nearest_facts`); returns what was
    relaxed, said in the answer. One query per asked place."""
    parsed = col.parsed
    pool: list[TargetRow] = []
    for region in regions_or_all(parsed):
        pool += col.ran(ctx.graph.run("targets", region=region, include_achievements=True, within=True))
    fits = nearest_facts.rank(parsed, pool, kinds)
    col.rows += [target_row(ctx, col, fit.row) for fit in fits]
    return nearest_facts.notes(fits)


def _nearby_places(ctx: AnswerContext, col: Collector, indicators: list[str | None], year: int | None,
                   actuals: bool) -> list[str]:
    """Nothing for the place itself: the places inside it, else the place above it, each figure
    labelled with its own place; returns which was used (said in the answer)."""
    parsed = col.parsed
    gazetteer = load_gazetteer()
    if not parsed.places.include_sub:
        for region in parsed.regions:
            for indicator in indicators:
                result = ctx.graph.run("targets", region=region, year=year, indicator=indicator,
                                       include_achievements=actuals, within=True)
                col.rows += [target_row(ctx, col, row) for row in col.ran(result)
                             if covers(parsed, row.year, row.period_start, row.period_end)]
        if col.rows:
            return ["child_for_place"]
    for region in parsed.regions:
        for parent in gazetteer.ancestors(region)[:1]:
            if parsed.indicators and _written_in_parent(ctx, col, region, parent.name, year, actuals):
                continue
            for indicator in indicators:
                result = ctx.graph.run("targets", region=parent.name, year=year, indicator=indicator,
                                       include_achievements=actuals, within=False)
                col.rows += [target_row(ctx, col, row) for row in col.ran(result)
                             if covers(parsed, row.year, row.period_start, row.period_end)]
    if any(row.area for row in col.rows) and all(row.area in parsed.regions for row in col.rows):
        return ["place_in_parent"]
    return ["parent_for_place"] if col.rows else []


def _written_in_parent(ctx: AnswerContext, col: Collector, region: str, parent: str, year: int | None,
                       actuals: bool) -> bool:
    """The place's own figures written in its parent's plan: a city assigns a goal to each of its
    counties in one sentence (在X方面，A区为N1、B县为N2), so the figure's area is the
    asked place and its clause writes the asked indicator. One query for the parent's facts."""
    parsed = col.parsed
    result = ctx.graph.run("targets", region=parent, year=year, include_achievements=actuals, within=False)
    found = False
    for row in col.ran(result):
        if not covers(parsed, row.year, row.period_start, row.period_end):
            continue
        record = ctx.records.target(row.target)
        if record is None or area_of(ctx.records, record) != region:
            continue
        clause = _clause_text(ctx, row)
        words = [name for hit in parsed.indicators for name in (hit.surface, hit.label_zh)
                 if name and name in clause]
        if not words:
            continue
        label = f"{words[0]}（按条款匹配）" if parsed.language == "zh" else f"{words[0]} (matched by clause)"
        col.rows.append(replace(target_row(ctx, col, row), indicator=label))
        found = True
    return found


def _clause_text(ctx: AnswerContext, row: TargetRow) -> str:
    clause = ctx.records.clause(row.clause) or ctx.records.clause_of(row.target)
    return clause.text if clause else ""


def _asked_label(parsed: Question) -> str | None:
    """The label of the one indicator a question names (a figure read from its clause takes it)."""
    return parsed.indicators[0].label_zh if len(parsed.indicators) == 1 else None


def _collect(ctx: AnswerContext, col: Collector, region: str | None, year: int | None, indicator: str | None,
             actuals: bool) -> None:
    """Add the facts of one named query (one indicator, one place) that fall in the asked years."""
    parsed = col.parsed
    result = ctx.graph.run("targets", region=region, year=year, indicator=indicator,
                           include_achievements=actuals, within=parsed.places.include_sub)
    seen = {r.target for r in col.rows}
    for row in col.ran(result):
        if row.target not in seen and covers(parsed, row.year, row.period_start, row.period_end):
            col.rows.append(target_row(ctx, col, row))


def _by_wording(ctx: AnswerContext, col: Collector, missing: list[Any], actuals: bool) -> list[TargetRow]:
    """Facts of the asked place and year that the question names in their own words.

    One query per place (every fact there, that year). A fact fits when its phrase fits an asked
    indicator no fact carries by id (:func:`phrase_fit`), or when the question writes the phrase
    itself (总产值 in 要求81家示范企业实现总产值多少).
    """
    parsed = col.parsed
    pool = []
    for region in regions_or_all(parsed):
        result = ctx.graph.run("targets", region=region, year=parsed.time.year, include_achievements=actuals,
                               within=parsed.places.include_sub)
        pool += [row for row in col.ran(result) if covers(parsed, row.year, row.period_start, row.period_end)]
    taken = {r.target for r in col.rows}
    for hit in missing:
        scored = sorted(((phrase_fit(hit, row.phrase), row) for row in pool if row.target not in taken),
                        key=lambda item: -item[0])
        fitting = [row for score, row in scored if score >= PHRASE_FIT]  # best first: 技术合同成交金额, 成交金额
        if not fitting and len(hit.surface or "") >= 3:
            # No fact's own wording fits (a phrase cut badly at extraction): the facts whose clause
            # writes the asked words (“双倍增”…分别超过90家和870家), shown with that clause.
            by_clause = [row for _, row in scored if hit.surface in _clause_text(ctx, row)]
            label = f"{hit.surface}（按条款匹配）" if parsed.language == "zh" else f"{hit.surface} (matched by clause)"
            for row in by_clause:
                col.rows.append(replace(target_row(ctx, col, row), indicator=label))
                taken.add(row.target)
        for row in fitting:
            col.rows.append(target_row(ctx, col, row))
            taken.add(row.target)
    for row in pool:
        if row.target not in taken and written_in(row.phrase, parsed.text):
            col.rows.append(target_row(ctx, col, row))
            taken.add(row.target)
    return pool


def _context_words(ctx: AnswerContext, target: str | None, clause_id: str | None) -> str:
    """The words its clause writes right before a fact's value (全年完成技改投资 before 80亿元)."""
    record = ctx.records.target(target) if target else None
    clause = (ctx.records.clause(clause_id) if clause_id else None) or (
        ctx.records.clause_of(target) if target else None)
    if record is None or clause is None:
        return ""
    return left_context(clause.text, record.start - clause.start)


def _context_run(ctx: AnswerContext, row: TargetFact, parsed: Question) -> int:
    """How long a run of the question's words a fact's phrase or the words before its value write
    (0 below :data:`CONTEXT_RUN`): 规上工业总产值 in 全年工业向好规上工业总产值 is 7."""
    run = shared_run(parsed.masked, row.phrase or "", _context_words(ctx, row.target, row.clause_id))
    return run if run >= CONTEXT_RUN else 0


def _by_context(ctx: AnswerContext, col: Collector, pool: list[TargetRow]) -> None:
    """Facts of the place and year whose phrase, or the words right before their value, write a
    longer run of the question's words than any fact found so far (the question named its
    indicator only loosely: 全年完成技改投资多少 is the 80亿元 of 全年完成技改投资80亿元, not
    the 40个 of the projects named beside it)."""
    parsed = col.parsed
    best = max((_context_run(ctx, row, parsed) for row in col.rows), default=0)
    taken = {r.target for r in col.rows}
    for row in pool:
        if row.target in taken:
            continue
        run = shared_run(parsed.masked, row.phrase or "", _context_words(ctx, row.target, row.clause))
        if run >= max(CONTEXT_RUN, best + 1):
            col.rows.append(target_row(ctx, col, row))
            taken.add(row.target)


_GROWTH_ASKED = re.compile(r"增长|增速|增幅|growth|grow|increase by", re.I)
_GROWTH_BETWEEN = re.compile(r"增长|增速|增幅|提高|下降")
#: At most this many characters between a figure and the growth written after it.
GROWTH_GAP = 10


def _place_facts(ctx: AnswerContext, col: Collector, actuals: bool) -> list[TargetRow]:
    """Every fact of the asked places in the asked year (one query per place)."""
    parsed = col.parsed
    pool: list[TargetRow] = []
    for region in regions_or_all(parsed):
        result = ctx.graph.run("targets", region=region, year=parsed.time.year, include_achievements=actuals,
                               within=parsed.places.include_sub)
        pool += [row for row in col.ran(result) if covers(parsed, row.year, row.period_start, row.period_end)]
    return pool


def _growth_beside(ctx: AnswerContext, col: Collector, pool: list[TargetRow]) -> None:
    """Growth rates written right after a figure found, in its clause (…320家,同比增长12%):
    the same indicator's growth, labelled so."""
    growth: dict[str, list[tuple[Any, TargetRow]]] = {}
    for row in pool:
        record = ctx.records.target(row.target)
        if record is not None and record.measure == "growth":
            growth.setdefault(record.clause_id, []).append((record, row))
    taken = {r.target for r in col.rows}
    for fact in list(col.rows):
        record = ctx.records.target(fact.target)
        clause = ctx.records.clause(record.clause_id) if record is not None else None
        if record is None or clause is None:
            continue
        for other, row in growth.get(record.clause_id, []):
            gap = clause.text[record.end - clause.start:other.start - clause.start]
            if row.target in taken or not 0 <= other.start - record.end <= GROWTH_GAP or \
                    not _GROWTH_BETWEEN.search(gap):
                continue
            label = f"{fact.indicator}（增长）" if col.parsed.language == "zh" else f"{fact.indicator} (growth)"
            col.rows.append(replace(target_row(ctx, col, row), indicator=label))
            taken.add(row.target)


def _measure_rank(row: TargetFact, parsed: Question) -> int:
    """Order values by the kind of number asked for: a growth rate, a new count, or a level."""
    measure = row.measure or "level"
    if re.search(r"增长|增速|增幅|growth|grow|increase by", parsed.text, re.I):
        return 0 if measure == "growth" else 1
    if re.search(r"新增|净增|新认定|新引进|新培育|newly|new\b|added", parsed.text, re.I):
        return 0 if measure == "increment" else 1 if measure != "growth" else 2
    # 达到多少, 总数: a level before a count of new ones, before a growth rate.
    return {"growth": 2, "increment": 1}.get(measure, 0)


def _wording_match(row: TargetFact, parsed: Question) -> float:
    """How closely a target's own wording matches the words the question used (Dice on bigrams):
    the asked indicator's words first, then the whole question's (科技服务业 before 营业收入)."""
    phrase = str(row.phrase or "")
    best = 0.0
    for hit in parsed.indicators:
        a = {hit.surface[i:i + 2] for i in range(len(hit.surface) - 1)}
        b = {phrase[i:i + 2] for i in range(len(phrase) - 1)}
        if a and b:
            best = max(best, 2 * len(a & b) / (len(a) + len(b)))
    if parsed.language == "zh":
        best += 0.5 * dice(re.sub(r"〈[^〉]*〉", "", parsed.masked), phrase)
    return best


def _other_years(ctx: AnswerContext, parsed: Question, col: Collector, indicators: list[str | None],
                 actuals: bool = False) -> Answer:
    """Nothing for the asked year: say so, and give the same indicator's targets in other years."""
    other: list[TargetFact] = []
    if parsed.indicators:
        for indicator in indicators:
            for region in regions_or_all(parsed):
                result = ctx.graph.run("targets", region=region, indicator=indicator,
                                       include_achievements=actuals, within=parsed.places.include_sub)
                for row in col.ran(result):
                    other.append(target_row(ctx, col, row))
    answer = not_found(ctx, col, "targets")
    if other:
        answer.rows = [fact.to_dict() for fact in other]
        answer.answer += sentences_for(parsed.language).other_years(_value_sentences(ctx, parsed, other))
        answer.reshape()
    return answer


def _value_sentences(ctx: AnswerContext, parsed: Question, rows: list[TargetFact],
                     limit: int = 10) -> str:
    """One sentence per distinct figure (the first ``limit``), with every owner any copy names."""
    render = sentences_for(parsed.language)
    facts: dict[tuple, list[TargetFact]] = {}
    for row in rows:
        facts.setdefault(row.key(), []).append(row)
    groups = []
    for group in list(facts.values())[:limit]:
        owners = {(o.name, o.role): o for r in group for o in r.owners}
        groups.append((group[0], render.owner_list(_owners_in_order(owners.values()), ctx.orgs.english_name)))
    return render.value_answer(groups, parsed, len(facts) - min(len(facts), limit))


# ---- targets of a unit --------------------------------------------------------------------------
def answer_unit_targets(ctx: AnswerContext, parsed: Question) -> Answer:
    """区经信局负责哪些目标 / what does the HR bureau own: its targets, then its tasks."""
    col = Collector(parsed, "unit_targets")
    known = [o for o in parsed.orgs if o.names]
    if not known:
        return not_found(ctx, col, "organisation")
    names = list(dict.fromkeys(n for o in known for n in o.names))
    # One query for every name the unit goes by (高新处 is a bureau's division in many places):
    # the first targets and their count, then those targets described (a bounded pair of queries).
    first = col.ran(ctx.graph.run("first_targets", owners=names, year=parsed.time.year, limit=MAX_UNIT_TARGETS))
    owned = first[0].total if first else 0
    described = ctx.graph.run("targets", first=[r.target for r in first], year=parsed.time.year) if first else None
    for row in col.ran(described) if described is not None else []:
        if covers(parsed, row.year, row.period_start, row.period_end) and \
                (not parsed.indicators or _row_indicator_in(row, parsed)):
            fact = target_row(ctx, col, row)
            holders = [n for n in names if any(o.name and n in o.name for o in fact.owners)] or names[:1]
            for name in holders:
                role = next((o.role for o in fact.owners if o.name == name), None)
                col.rows.append(replace(fact, kind="target", owner=name, role=role))
    targets = list(col.rows)
    tasks = _tasks(ctx, col, known)
    if not col.rows and not tasks:
        return not_found(ctx, col, "targets")
    col.rows.extend(tasks)
    unique = _unique_facts(targets)
    render = sentences_for(parsed.language)
    text = render.unit_answer(names, unique, len(unique), [task["text"] for task in tasks], ctx.orgs.english_name)
    if owned > len(first):
        text += render.capped_note(len(first), owned)
    return col.finish(text)


def _row_indicator_in(row: TargetRow, parsed: Question) -> bool:
    return any(terms.indicator_id(row.indicator) == h.id or row.indicator == h.id for h in parsed.indicators)


def _tasks(ctx: AnswerContext, col: Collector, orgs: list) -> list[dict[str, Any]]:
    """Clauses naming the unit in documents of its region (tasks written without a number)."""
    cited_targets = {r.clause_id for r in col.rows}
    tasks: list[dict[str, Any]] = []
    for org in orgs:
        forms = {org.surface, *org.names} - {""}
        regions = {ctx.orgs.split_region(n)[0] for n in org.names}
        for clause in ctx.records.corpus.clauses:
            if len(tasks) >= MAX_TASKS:
                return tasks
            if clause.id in cited_targets or clause.kind == "heading":
                continue
            if not any(f in clause.text for f in forms):
                continue
            doc = ctx.records.documents.get(clause.doc_id)
            if regions - {None} and (doc is None or not _doc_in_regions(doc, regions)):
                continue
            if len(clause.text.strip()) <= len(org.surface) + 2:
                continue  # a bare responsibility cell (*高新处) says nothing by itself
            col.cite(ctx.records, clause)
            tasks.append({"kind": "task", "owner": org.names[0] if len(org.names) == 1 else org.surface,
                          "text": clause.text, "doc": ctx.records.evidence(clause).doc, "clause_id": clause.id,
                          "section": " > ".join(clause.section_path)})
            cited_targets.add(clause.id)
    return tasks


def _doc_in_regions(doc: Any, regions: set[str | None]) -> bool:
    return bool({doc.region, doc.parent_region} & regions) or doc.region is None
