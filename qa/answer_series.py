"""Answers over time: how an indicator's targets and actuals evolve, and plans against outcomes."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from plankg.graph.outcomes import measure_kind, verdict
from plankg.graph.outcomes import year_gap as gap_in_years
from plankg.graph.rows import OutcomeRow, SeriesRow
from plankg.ontology.levels import indicator_level
from plankg.qa.answer import Answer
from plankg.qa.answer_evolution import answer_overview
from plankg.qa.answer_targets import MAX_INDICATORS, answer_value, regions_or_all
from plankg.qa.areas import area_of, place_label
from plankg.qa.context import AnswerContext, Collector, covers, written_value
from plankg.qa.facts import OutcomeFact, SeriesFact
from plankg.qa.families import names_one_indicator
from plankg.qa.not_found import not_found
from plankg.qa.parse import Question
from plankg.qa.render import indicator_label, quantity
from plankg.qa.sentences import sentences_for
from plankg.qa.verdict import pairs, verdict_text

_KIND_ORDER = {"baseline": 0, "actual": 1, "target": 2, "stretch": 3}


def _series_row(ctx: AnswerContext, col: Collector, row: SeriesRow, label: str) -> SeriesFact:
    """A time-series row with its evidence; unknown years placed by the document's date."""
    record = ctx.records.target(row.observation)
    clause = ctx.records.clause_of(row.observation)
    col.cite(ctx.records, clause)
    doc = ctx.records.document(row.document)
    value = row.value
    kind = row.kind or "target"
    measure = record.measure if record else None
    written = written_value(record, clause, value) if kind != "stretch" else None
    period = [row.period_start, row.period_end] if row.period_start is not None else None
    return SeriesFact(
        indicator=label,
        region=row.area_name,
        area=area_of(ctx.records, record),
        target_id=record.id if record else None,
        year=row.year,
        year_inferred=bool(record.year_inferred) if record else False,
        period=period,
        placed_by_document=ctx.records.document_year(doc) if row.year is None and not period else None,
        kind=kind,
        value=value,
        unit=row.unit,
        comparator=row.comparator,
        placeholder=bool(row.placeholder),
        written=written,
        stated=quantity(value, row.unit, col.parsed.language, row.comparator, measure, written,
                        bool(row.placeholder)),
        doc=doc.source_name if doc else None,
        doc_title=row.doc_title,
        clause_id=clause.id if clause else None,
    )


def _sort_key(row: SeriesFact) -> tuple:
    year = row.year or (row.period[1] if row.period else None) or row.placed_by_document
    return (year is None, year or 0, _KIND_ORDER.get(row.kind, 9))


# ---- evolution -----------------------------------------------------------------------------------
def answer_evolution(ctx: AnswerContext, parsed: Question) -> Answer:
    """…从2019年到2022年如何变化 / how did … change: targets and actuals aligned by year, per region."""
    years = sorted(set(parsed.time.years))

    sure = [h for h in parsed.indicators if names_one_indicator(h)]
    if len(years) >= 2 and (not sure or parsed.family is not None):
        # 2019年的计划如何演变为2022年的目标: the overview of the two years' plans (a family narrows it).
        indicators = set(parsed.family.members) if parsed.family is not None else None
        return answer_overview(ctx, parsed, years[0], years[-1], indicators)
    col = Collector(parsed, "evolution")
    if not parsed.indicators:
        return not_found(ctx, col, "indicator")
    for hit in parsed.indicators[:MAX_INDICATORS]:
        label = indicator_label(parsed, hit.id, hit.label_zh)
        for region in regions_or_all(parsed):
            series = ctx.graph.run("indicator_series", indicator=hit.id, region=region,
                                   within=parsed.places.include_sub)
            for row in col.ran(series):
                in_range = covers(parsed, row.year, row.period_start, row.period_end) or \
                    _onwards(parsed, row.year, row.period_end)
                if in_range or (row.year is None and row.period_start is None):
                    col.rows.append(_series_row(ctx, col, row, label))
    if not col.rows:
        return not_found(ctx, col, "targets")
    col.rows = _dedupe(col.rows)
    col.rows.sort(key=lambda r: (r.indicator or "", r.region or "", *_sort_key(r)))
    return col.finish(_evolution_text(parsed, col.rows))


#: 从2019年到后来的计划 / since 2019: one year named, every later one asked too.
_ONWARDS = re.compile(r"后来|以后|之后|此后|往后|后续|以来|\b(later|since|afterwards|onwards|subsequent\w*)\b", re.IGNORECASE)


def _onwards(parsed: Question, year: int | None, period_end: int | None) -> bool:
    """A figure after the one year asked, when the question asks from that year on."""
    years = parsed.time.years
    last = year if year is not None else period_end
    return len(years) == 1 and last is not None and last > years[0] and bool(_ONWARDS.search(parsed.text))


def _dedupe(rows: list[SeriesFact]) -> list[SeriesFact]:
    """One row per (indicator, region, year, kind, value): the same figure in a table and a sentence."""
    seen: dict[tuple, SeriesFact] = {}
    for row in rows:
        key = (row.indicator, row.region, row.year, tuple(row.period or ()), row.kind, row.value,
               row.unit, row.doc if row.year is None else None)
        if key in seen:
            first = seen[key]
            first.also_in = [*(first.also_in or []), row.clause_id]
        else:
            seen[key] = row
    return list(seen.values())


def _evolution_text(parsed: Question, rows: list[SeriesFact]) -> str:
    """Per indicator and place: one step per year (figures of a year joined, a stretch value in
    brackets after its target), steps in time order joined by arrows."""
    render = sentences_for(parsed.language)
    groups: dict[tuple[str, str], list[SeriesFact]] = {}
    for row in rows:
        place = place_label(row.region, row.area) or ""
        groups.setdefault((row.indicator, place), []).append(row)
    series = []
    for (indicator, region), group in groups.items():
        steps: list[tuple[str, list[str]]] = []
        figures: dict[str | None, int] = {}  # target id -> index of its figure in the current step
        for row in sorted(group, key=_sort_key):
            when = render.series_when(row)
            if not steps or steps[-1][0] != when:
                # Figures of the same year are one step, never a change over time.
                steps.append((when, []))
                figures = {}
            items = steps[-1][1]
            own = row.target_id
            if row.kind == "stretch" and own in figures:
                items[figures[own]] += render.stretch_note(row)
                continue
            figures[own] = len(items)
            items.append(render.series_figure(row))
        series.append((indicator, region, steps))
    return render.evolution_answer(series)


# ---- plan vs outcome -----------------------------------------------------------------------------
def answer_plan_vs_outcome(ctx: AnswerContext, parsed: Question) -> Answer:
    """A plan's targets beside the achievements later reports give for the same indicator and region.

    The named query pairs a target with an actual of the same year. Summaries often leave the
    year anonymised (20XX年): those actuals, from another document on the same indicator and
    region, are matched too, marked ``matched_by: indicator+region`` and with the year unknown.
    """
    col = Collector(parsed, "plan_vs_outcome")
    indicators = [h.id for h in parsed.indicators[:MAX_INDICATORS]] or [None]
    unreported: list[OutcomeRow] = []
    for indicator in indicators:
        for region in regions_or_all(parsed):
            rows = col.ran(ctx.graph.run("plan_vs_outcome", indicator=indicator, region=region,
                                         year=parsed.time.year, within=parsed.places.include_sub))
            rows = [r for r in rows if covers(parsed, r.year)]
            if indicator is None:
                unreported += [r for r in rows if not r.actual]
                rows = [r for r in rows if r.actual]
            col.rows.extend(_pair_rows(ctx, col, rows, indicator, region))
    if not any(r.actual_value is not None for r in col.rows) and unreported:
        # The place's targets of that year exist, but no report gives their outcome: say so per target.
        col.rows = _pair_rows(ctx, col, unreported, None, None)
    if not col.rows:
        return _goal_beside_result(ctx, parsed) or not_found(ctx, col, "targets")
    return col.finish(_outcome_text(parsed, col.rows))


def _goal_beside_result(ctx: AnswerContext, parsed: Question) -> Answer | None:
    """No goal and result share a concept: the goals and results that fit the question (by
    concept or by their own words, as a value question finds them), with a verdict for each goal
    a comparable result meets or misses (:mod:`plankg.qa.verdict`)."""
    answer = answer_value(ctx, parsed, kinds=frozenset({"goal", "result"}))
    if not answer.found:
        return None
    found = pairs(answer.rows)
    answer.intent = "plan_vs_outcome"
    kinds = {row.get("kind") for row in answer.rows}
    render = sentences_for(parsed.language)
    if found:
        answer.answer = verdict_text(found, parsed.language) + answer.answer
    elif kinds == {"achievement"}:
        answer.answer = render.relaxed_note("result_for_goal") + answer.answer  # no goal to set it against
    elif kinds == {"target"}:
        answer.answer = render.relaxed_note("goal_for_result") + answer.answer
    answer.reshape()
    return answer


def _pair_rows(ctx: AnswerContext, col: Collector, rows: list[OutcomeRow], indicator: str | None,
               region: str | None) -> list[OutcomeFact]:
    """One row per target with its best outcome: same indicator, place and level, its own year first.

    An outcome of another year is paired only with the gap stated (``year_gap``) and no verdict;
    a 省级 count is never set against a 市级及以上 one; no outcome gives "not reported".
    """
    out: list[OutcomeFact] = []
    by_target: dict[str, list[OutcomeRow]] = {}
    for row in rows:
        by_target.setdefault(row.target, []).append(row)
    series: list[SeriesRow] | None = None
    for target_iri, candidates in by_target.items():
        target = ctx.records.target(target_iri)
        base = candidates[0]
        choices = [(c, c.actual) for c in candidates if c.actual]
        if indicator is not None:
            if series is None:
                series = [s for s in col.ran(ctx.graph.run("indicator_series", indicator=indicator, region=region,
                                                           within=col.parsed.places.include_sub))
                          if s.kind == "actual"]
            known = {iri for _, iri in choices}
            choices += [(replace(base, actual=s.observation, actual_value=s.value, met=None), s.observation)
                        for s in series if s.observation not in known and s.area_name == base.area_name]
        best = _best_outcome(ctx, target, choices)
        if best is None:
            out.append(_outcome_row(ctx, col, replace(base, actual=None, actual_value=None, met=None), None, None))
            continue
        row, actual_iri, gap = best
        matched = "same indicator, place, level and year" if gap == 0 else \
            "same indicator, place and level; another year"
        out.append(_outcome_row(ctx, col, row, actual_iri, matched, gap))
    return out


def _best_outcome(ctx: AnswerContext, target: Any, choices: list[tuple[OutcomeRow, str]]
                  ) -> tuple[OutcomeRow, str, int | None] | None:
    """The outcome that fits a target best, with the year gap (0: same year, None: year unknown)."""
    if target is None:
        return None
    ranked = []
    for row, actual_iri in choices:
        actual = ctx.records.target(actual_iri)
        if actual is None or actual.doc_id == target.doc_id:
            continue
        if (actual.unit or "") != (target.unit or "") or \
                measure_kind(actual.measure, actual.growth) != measure_kind(target.measure, target.growth):
            continue  # an increment is never paired with a total (plankg.graph.outcomes)
        if level_of(actual.indicator) != level_of(target.indicator):
            continue  # 省级 against 市级及以上 is not the same count
        if area_of(ctx.records, actual) != area_of(ctx.records, target):
            continue  # a park's or county's outcome is not the city's
        if target.year is not None and actual.year is not None and actual.year < target.year:
            continue
        gap = gap_in_years(target.year, actual.year)
        similarity = _overlap(target.indicator, actual.indicator) + (0.1 if actual.measure == target.measure else 0.0)
        if similarity < 0.35:
            continue
        ranked.append(((gap != 0, gap is None, gap or 0, -similarity), row, actual_iri, gap))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0])
    _, row, actual_iri, gap = ranked[0]
    return row, actual_iri, gap


# One rule for the level an indicator counts at, shared with the graph's outcome links.
level_of = indicator_level


def _overlap(a: str, b: str) -> float:
    """Share of character bigrams two indicator phrases have in common (Dice)."""
    grams_a = {a[i:i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i:i + 2] for i in range(len(b) - 1)}
    if not grams_a or not grams_b:
        return 0.0
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


def _outcome_row(ctx: AnswerContext, col: Collector, row: OutcomeRow, actual_iri: str | None,
                 matched_by: str | None, year_gap: int | None = None) -> OutcomeFact:
    language = col.parsed.language
    target = ctx.records.target(row.target)
    target_clause = ctx.records.clause_of(row.target)
    col.cite(ctx.records, target_clause)
    actual = ctx.records.target(actual_iri)
    actual_clause = ctx.records.clause_of(actual_iri)
    col.cite(ctx.records, actual_clause)
    unit = row.unit
    actual_value = row.actual_value
    met = verdict(row.target_value, actual_value, row.comparator, year_gap if actual_iri else None)
    target_doc = ctx.records.documents.get(target.doc_id) if target else None
    actual_doc = ctx.records.documents.get(actual.doc_id) if actual else None
    return OutcomeFact(
        indicator=row.indicator_label or (target.indicator if target else None),
        phrase=target.indicator if target else None,
        actual_phrase=actual.indicator if actual else None,
        region=row.area_name,
        year=row.year,
        year_inferred=bool(target.year_inferred) if target else False,
        target_value=row.target_value,
        target_stated=quantity(row.target_value, unit, language, row.comparator,
                               target.measure if target else None,
                               written_value(target, target_clause, row.target_value)),
        actual_value=actual_value,
        actual_stated=quantity(actual_value, unit, language, None, actual.measure if actual else None,
                               written_value(actual, actual_clause, actual_value)) if actual_value is not None
        else None,
        actual_year=actual.year if actual else None,
        actual_year_inferred=bool(actual.year_inferred) if actual else None,
        unit=unit,
        met=met,
        matched_by=matched_by,
        year_gap=year_gap if actual_iri else None,
        target_doc=target_doc.source_name if target_doc else None,
        target_doc_title=target_doc.title if target_doc else None,
        target_clause_id=target_clause.id if target_clause else None,
        actual_doc=actual_doc.source_name if actual_doc else None,
        actual_doc_title=actual_doc.title if actual_doc else None,
        actual_clause_id=actual_clause.id if actual_clause else None,
    )


def _outcome_text(parsed: Question, rows: list[OutcomeFact], limit: int = 8) -> str:
    """The paired targets first (or every target when none was reported), at most ``limit``."""
    shown = [r for r in rows if r.actual_value is not None] or rows
    return sentences_for(parsed.language).outcome_answer(shown[:limit], max(len(shown) - limit, 0))
