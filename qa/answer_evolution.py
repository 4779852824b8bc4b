"""The 2019→2022 overview as an answer: indicator changes first, then continued, new and dropped measures."""
from __future__ import annotations

from typing import Any

from plankg.ontology.indicators import load_scheme
from plankg.ontology.regions import load_gazetteer
from plankg.ontology.thesaurus import load_families
from plankg.qa.answer import Answer, QAError
from plankg.qa.context import AnswerContext, Collector
from plankg.qa.evolution import Evolution, IndicatorChange, Step, compare_plans, missing_plan_years, value_text
from plankg.qa.families import family_named
from plankg.qa.measures import MeasureAlignment, align_measures, goal_years, plan_clauses
from plankg.qa.not_found import not_found
from plankg.qa.parse import Question
from plankg.qa.places import parse_places
from plankg.qa.render import region_name, snippet
from plankg.qa.shape import table_of

SHOWN_PER_STATUS = 6
SHOWN_MEASURES = 3


def evolution_overview(ctx: AnswerContext, from_year: int, to_year: int, region: str | None = None,
                       within: bool = False, indicators: set[str] | None = None,
                       with_measures: bool = True) -> Evolution:
    """Indicator changes and (when the search index gives vectors) aligned measures between two years.

    With ``indicators`` (a family), the measures are the clauses naming one of their labels.
    """
    evolution = compare_plans(ctx.graph, ctx.records, from_year, to_year, region, within, indicators)
    lookup = getattr(ctx.search, "clause_vectors", None)
    if with_measures and lookup is not None:
        regions = _regions(ctx, region, within)
        documents = ctx.records.documents
        clauses = ctx.records.corpus.clauses
        goals = goal_years(ctx.records.corpus.targets)
        earlier = plan_clauses(clauses, documents, from_year, regions, goals)
        later = plan_clauses(clauses, documents, to_year, regions, goals)
        if indicators is not None:
            words = _label_words(indicators)
            earlier = [c for c in earlier if any(w in c.text for w in words)]
            later = [c for c in later if any(w in c.text for w in words)]
        evolution.measures = align_measures(earlier, later, documents, lookup)
    return evolution


def _label_words(indicators: set[str]) -> set[str]:
    """Words that name these indicators in a clause: their labels, and the words of their families."""
    scheme = load_scheme()
    words: set[str] = set()
    for indicator_id in indicators:
        concept = scheme.by_id(indicator_id)
        if concept is not None:
            words |= {concept.label_zh, *concept.alt_labels}
    for family in load_families().values():
        if indicators <= set(family.members):
            words |= {w for w in family.words_zh if len(w) >= 2}
    return words


def _regions(ctx: AnswerContext, region: str | None, within: bool) -> set[str] | None:
    if region is None:
        return None

    places = {region}
    if within:
        places |= {r.name for r in load_gazetteer().descendants(region)}
    return places


def answer_overview(ctx: AnswerContext, parsed: Question, from_year: int, to_year: int,
                    indicators: set[str] | None = None) -> Answer:
    """2019年的计划如何演变为2022年的目标 / how did 2019 plans evolve into 2022 goals."""
    col = Collector(parsed, "evolution")
    region = parsed.regions[0] if parsed.regions else _gazetteer_name(parsed)
    missing, years = missing_plan_years(ctx.records, from_year, to_year, region, parsed.places.include_sub)
    if missing:
        # 温州2019年的规划如何演变为2022年的目标 with no 2022 plan: say so, and which years there are.
        answer = not_found(ctx, col, "targets")
        answer.answer = missing_years_text(missing, years, region, parsed.language)
        answer.reshape()
        return answer
    evolution = evolution_overview(ctx, from_year, to_year, region, parsed.places.include_sub, indicators)
    col.sparql.extend(evolution.sparql)
    if not evolution.indicators and (evolution.measures is None or not
                                     (evolution.measures.continued or evolution.measures.new)):
        return not_found(ctx, col, "targets")
    zh = parsed.language == "zh"
    flat: list[dict[str, Any]] = []  # the table: plain values, one row per indicator and place, then measures
    for change in evolution.indicators:
        col.rows.append({"type": "indicator", **change.to_dict()})
        flat.append(_change_row(change, from_year, to_year, zh))
        for step in change.earlier[:1] + change.later[:1]:
            for value in step.values[:1]:
                col.cite(ctx.records, ctx.records.clauses.get(value.clause_id))
    if evolution.measures is not None:
        for status in ("continued", "new", "dropped"):
            for pair in getattr(evolution.measures, status):
                col.rows.append({"type": "measure", "status": status, "score": pair.score,
                                 "earlier": pair.earlier.__dict__ if pair.earlier else None,
                                 "later": pair.later.__dict__ if pair.later else None})
                flat.append({"type": "measure", "status": status, "similarity": round(float(pair.score), 2),
                             f"{from_year}": pair.earlier.text if pair.earlier else "",
                             f"{from_year} document": pair.earlier.doc_title if pair.earlier else "",
                             f"{to_year}": pair.later.text if pair.later else "",
                             f"{to_year} document": pair.later.doc_title if pair.later else ""})
        for pair in _shown_pairs(evolution.measures):
            for side in (pair.earlier, pair.later):
                if side is not None:
                    col.cite(ctx.records, ctx.records.clauses.get(side.clause_id))
    text = overview_text(evolution, parsed.language)
    return col.finish(text, lead=summary_lead(evolution, parsed.language), table=table_of(flat, parsed.language))


def _gazetteer_name(parsed: Question) -> str | None:
    """A place named through its documents (Quzhou's) that the gazetteer also knows, or None."""
    gazetteer = load_gazetteer()
    return next((name for name, _ in parsed.places.documents if name in gazetteer.regions), None)


def missing_years_text(missing: list[int], years: list[int], region: str | None, language: str) -> str:
    """语料中没有温州市2022年的规划（目标）；温州市有目标的年份：2019、2021。 (and in English)."""
    if language == "zh":
        where = region or "各地"
        asked = "、".join(f"{y}年" for y in missing)
        have = "、".join(str(y) for y in years) if years else "无"
        return f"语料中没有{where}{asked}的规划（目标），无法比较；{where}有目标的年份：{have}。"
    where = region_name(region, "en") if region else "any place"
    asked = " or ".join(str(y) for y in missing)
    have = ", ".join(str(y) for y in years) if years else "none"
    return f"no plan (goals) of {where} for {asked} in the corpus; years with goals: {have}"


def _change_row(change: IndicatorChange, from_year: int, to_year: int, zh: bool) -> dict[str, Any]:
    """One table row of plain values for an indicator across the two years."""
    def steps_text(steps: list[Step]) -> str:
        return ("；" if zh else "; ").join(s.text("zh" if zh else "en") for s in steps)

    docs = list(dict.fromkeys(s.doc_title for s in change.earlier + change.later))
    return {"type": "indicator", "place": change.region, "year": f"{from_year}→{to_year}", "status": change.status,
            "document": ("；" if zh else "; ").join(docs), "indicator_id": change.indicator_id,
            "indicator": change.label_zh if zh else change.label_en,
            f"{from_year}": steps_text(change.earlier), f"{to_year}": steps_text(change.later),
            "change": change.change if zh else change.change_en, "direction": change.direction,
            "year_inferred": any(s.year_inferred for s in change.earlier + change.later)}


def _relative_change(change: IndicatorChange) -> float:
    """How large a continued indicator's change is, relative to its earlier value (0 when not comparable)."""
    if change.direction not in ("raised", "lowered") or not change.earlier or not change.later:
        return 0.0
    a, b = change.earlier[0].main, change.later[0].main
    if a is None or b is None or a.value is None or b.value is None:
        return 0.0
    return abs(b.value - a.value) / abs(a.value) if a.value else abs(b.value - a.value)


def _main(step: Step, language: str = "zh") -> str:
    main = step.main
    return value_text(main, language) if main is not None else step.text(language)


def summary_lead(evolution: Evolution, language: str = "zh", shown: int = 5) -> str:
    """The lead: how many indicators continued (raised, lowered, unchanged), new and dropped, and the
    largest changes; the detail is in the table."""
    zh = language == "zh"
    a, b = evolution.from_year, evolution.to_year
    where = region_name(evolution.region, language) if evolution.region else ("各地" if zh else "all places")
    continued = evolution.by_status("continued")
    count = lambda items: len({(c.indicator_id, c.region) for c in items})  # noqa: E731
    directions = {d: sum(1 for c in continued if c.direction == d) for d in ("raised", "lowered", "unchanged")}
    new, dropped = count(evolution.by_status("new")), count(evolution.by_status("dropped"))
    elsewhere = len({c.indicator_id for c in evolution.by_status("elsewhere")})
    largest = sorted((c for c in continued if _relative_change(c) > 0), key=_relative_change, reverse=True)[:shown]
    if zh:
        text = (f"{where}{a}年→{b}年：延续{count(continued)}项（提高{directions['raised']}、降低{directions['lowered']}、"
                f"持平{directions['unchanged']}），新增{new}项，不再出现{dropped}项"
                + (f"，两年都有但在不同地区{elsewhere}项" if elsewhere else "") + "。")
        if largest:
            text += "变化最大：" + "；".join(f"{c.label_zh}{_main(c.earlier[0])}→{_main(c.later[0])}" for c in largest) + "。"
        return text
    text = (f"{where} {a}→{b}: {count(continued)} indicators continued ({directions['raised']} raised, "
            f"{directions['lowered']} lowered, {directions['unchanged']} unchanged), {new} new, {dropped} dropped"
                + (f", {elsewhere} in both years at different places" if elsewhere else "") + ".")
    if largest:
        text += " Largest changes: " + "; ".join(f"{c.label_en} {_main(c.earlier[0], 'en')} → {_main(c.later[0], 'en')}"
                                                for c in largest) + "."
    return text


def _shown_pairs(measures: MeasureAlignment) -> list[Any]:
    return measures.continued[:SHOWN_MEASURES] + measures.new[:SHOWN_MEASURES] + measures.dropped[:SHOWN_MEASURES]


def _step_text(step: Step, language: str, with_place: bool = False) -> str:
    inferred = ("（年份为推断）" if language == "zh" else " (year inferred)") if step.year_inferred else ""
    place = (region_name(step.place, language) or ("未注明地区" if language == "zh" else "place not stated")) \
        if with_place else ""
    if language == "zh":
        return f"{place}{step.year}年{inferred}{step.text('zh')}（《{step.doc_title}》）"
    return f"{place + ' ' if place else ''}{step.year}{inferred}: {step.text('en')} (in “{step.doc_title}”)"


def _change_text(change: IndicatorChange, language: str) -> str:
    zh = language == "zh"
    label = change.label_zh if zh else f"{change.label_en} ({change.label_zh})"
    where = region_name(change.region, language) or ("未注明地区" if zh else "place not stated")
    earlier = ("；" if zh else "; ").join(_step_text(s, language) for s in change.earlier)
    later = ("；" if zh else "; ").join(_step_text(s, language) for s in change.later)
    if change.status == "continued":
        how = change.change if zh else change.change_en
        return (f"{where}“{label}”：{earlier} → {later}，{how}" if zh
                else f"{where}, {label}: {earlier} → {later}; {how}")
    steps = earlier or later
    return f"{where}“{label}”：{steps}" if zh else f"{where}, {label}: {steps}"


def _elsewhere_texts(items: list[IndicatorChange], language: str) -> list[str]:
    """One entry per indicator: each year's steps, every step labelled with its own place."""
    zh = language == "zh"
    grouped: dict[str, list[IndicatorChange]] = {}
    for change in items:
        grouped.setdefault(change.indicator_id, []).append(change)
    entries = []
    for changes in sorted(grouped.values(), key=lambda cs: -sum(1 for c in cs for s in c.earlier + c.later
                                                                   if s.main is not None)):
        first = changes[0]
        label = first.label_zh if zh else f"{first.label_en} ({first.label_zh})"
        years = []
        for side in ("earlier", "later"):
            steps = [s for c in changes for s in getattr(c, side)]
            if steps:
                year = steps[0].year
                joined = ("、" if zh else "; ").join(_place_step(s, language) for s in steps)
                years.append(f"{year}年：{joined}" if zh else f"{year}: {joined}")
        entries.append(f"“{label}”——" + "；".join(years) if zh else f"{label} — " + "; ".join(years))
    return entries


def _place_step(step: Step, language: str) -> str:
    zh = language == "zh"
    place = region_name(step.place, language) or ("未注明地区" if zh else "place not stated")
    inferred = ("（年份为推断）" if zh else " (year inferred)") if step.year_inferred else ""
    return (f"{place}{inferred}{step.text('zh')}（《{step.doc_title}》）" if zh
            else f"{place}{inferred} {step.text('en')} (in “{step.doc_title}”)")


def overview_text(evolution: Evolution, language: str = "zh") -> str:
    """The overview as a paragraph: counts, then examples of each kind of change, then measures."""
    zh = language == "zh"
    a, b = evolution.from_year, evolution.to_year
    where = region_name(evolution.region, language) if evolution.region else ("各地" if zh else "all places")
    continued, elsewhere = evolution.by_status("continued"), evolution.by_status("elsewhere")
    new, dropped = evolution.by_status("new"), evolution.by_status("dropped")
    count = lambda items: len({c.indicator_id for c in items})  # noqa: E731
    parts: list[str] = []
    if zh:
        parts.append(f"{a}年计划与{b}年目标对比（{where}）：指标方面，同一地区两年都有目标的{count(continued)}项，"
                     f"两年都有但在不同地区的{count(elsewhere)}项，{b}年新出现的{count(new)}项，"
                     f"{a}年有而{b}年不再出现的{count(dropped)}项。")
    else:
        parts.append(f"{a} plans against {b} goals ({where}). Indicators: {count(continued)} with targets in both "
                     f"years at the same place, {count(elsewhere)} in both years but at different places, "
                     f"{count(new)} new in {b}, {count(dropped)} set in {a} but not in {b}.")
    sections = (("continued", continued, "延续并调整", "Continued"), ("elsewhere", elsewhere, "不同地区（各列各地，不连成序列）",
                                                                "At different places (each place on its own)"),
                ("new", new, f"{b}年新增指标", f"New in {b}"), ("dropped", dropped, f"{b}年不再出现", f"Dropped by {b}"))
    for status, items, title_zh, title_en in sections:
        if not items:
            continue
        if status == "elsewhere":
            shown = _elsewhere_texts(items, language)
            more = len(shown) - SHOWN_PER_STATUS
            shown = shown[:SHOWN_PER_STATUS]
        else:
            items = sorted(items, key=lambda c: not any(s.main for s in c.earlier + c.later))
            shown = [_change_text(c, language) for c in items[:SHOWN_PER_STATUS]]
            more = len(items) - len(shown)
        if zh:
            parts.append(f"{title_zh}：" + "；".join(shown) + (f"；另有{more}项见表格" if more > 0 else "") + "。")
        else:
            parts.append(f"{title_en}: " + "; ".join(shown) + (f"; {more} more in the table" if more > 0 else "") + ".")
    measures = evolution.measures
    if measures is not None:
        parts.append(_measures_text(measures, a, b, language))
    return ("" if zh else " ").join(parts)


def _measures_text(measures: MeasureAlignment, a: int, b: int, language: str) -> str:
    zh = language == "zh"
    if zh:
        text = (f"措施方面（条款按语义对齐，相似度≥{measures.threshold}视为同一措施）：{a}年计划{measures.earlier_count}条、"
                f"{b}年计划{measures.later_count}条，延续{len(measures.continued)}条、新增{len(measures.new)}条、"
                f"不再出现{len(measures.dropped)}条。")
    else:
        text = (f"Measures (clauses aligned by meaning; similarity ≥ {measures.threshold} counts as the same "
                f"measure): {measures.earlier_count} in the {a} plans, {measures.later_count} in the {b} plans; "
                f"{len(measures.continued)} continued, {len(measures.new)} new, {len(measures.dropped)} dropped.")
    examples = []
    for pair in measures.continued[:SHOWN_MEASURES]:
        examples.append((f"延续：“{snippet(pair.earlier.text, 40)}”→“{snippet(pair.later.text, 40)}”（{pair.score:.2f}）")
                        if zh else f"continued: “{snippet(pair.earlier.text, 40)}” → “{snippet(pair.later.text, 40)}” "
                        f"({pair.score:.2f})")
    for pair in measures.new[:SHOWN_MEASURES]:
        examples.append((f"新增：“{snippet(pair.later.text, 40)}”（最接近的{a}年条款相似度{pair.score:.2f}）") if zh
                        else f"new: “{snippet(pair.later.text, 40)}” (nearest {a} clause {pair.score:.2f})")
    for pair in measures.dropped[:SHOWN_MEASURES]:
        examples.append((f"不再出现：“{snippet(pair.earlier.text, 40)}”（最接近的{b}年条款相似度{pair.score:.2f}）") if zh
                        else f"dropped: “{snippet(pair.earlier.text, 40)}” (nearest {b} clause {pair.score:.2f})")
    if examples:
        text += ("；".join(examples) + "。") if zh else " " + "; ".join(examples) + "."
    return text


def evolution_for(engine: Any, from_year: int, to_year: int, region: str | None = None,
                  include_counties: bool = False, family: str | None = None,
                  with_measures: bool = True) -> Evolution:
    """The overview for the facade and the CLI: ``region`` as written (温州), ``family`` an id or word.

    Raises:
        QAError: A place the corpus does not know, a family no indicator scheme defines, or years
            in the wrong order.
    """
    if from_year >= to_year:
        raise QAError(f"years {from_year} -> {to_year}: the first year must be earlier than the second")
    place = None
    if region:

        places = parse_places(region)
        if not places.regions:
            raise QAError(f"region {region!r}: not a place the gazetteer knows")
        place = places.regions[0]
    members = None
    if family:
        found = load_families().get(family) or load_families().get(f"family_{family}") or \
            family_named(family, "en" if family.isascii() and "&" not in family else "zh")
        if found is None:
            raise QAError(f"family {family!r}: use one of {', '.join(load_families())} or a word such as 研发")
        members = set(found.members)
    missing, years = missing_plan_years(engine.context.records, from_year, to_year, place, include_counties)
    if missing:
        raise QAError(missing_years_text(missing, years, place, "en"))
    return evolution_overview(engine.context, from_year, to_year, place, include_counties, members, with_measures)
