"""Chinese sentences from typed facts: every answer about targets, series and outcomes.

The handlers compute the facts (``plankg.qa.facts``) and group them; this module and its English
twin ``render_en`` only write. Both have the same functions, so a handler picks one with
:func:`plankg.qa.sentences.sentences_for` and never branches on the language.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from plankg.ontology.thesaurus import Family
from plankg.qa.areas import place_label
from plankg.qa.facts import OutcomeFact, Responsible, SeriesFact, TargetFact, UnitFact, UnitOwnership
from plankg.qa.parse import Question
from plankg.qa.render import KIND_ZH, ROLE_ZH, join_list, quantity, region_name, snippet, year_phrase

LANGUAGE = "zh"
#: Sentences of one answer are joined without a space in Chinese.
JOINER = ""


def owner_list(owners: Iterable[Responsible], english_name: Callable[[str], str | None]) -> str:
    """路桥区科技局牵头、路桥区人社局配合."""
    parts = []
    for owner in owners:
        name, role = owner.name or "?", owner.role or "default"
        parts.append(f"{name}{ROLE_ZH.get(role, role)}" if role != "default" else f"{name}为{ROLE_ZH['default']}")
    return "、".join(parts)


def facts_by_region(rows: list[TargetFact]) -> list[str]:
    """路桥区：2021年93人年、2025年135人年 — one entry per region, its years in order."""
    regions: dict[str, list[str]] = {}
    for row in rows:
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        regions.setdefault(place_label(row.region, row.area) or "", []).append(f"{when}{row.stated}")
    out = []
    for region, facts in regions.items():
        where = region_name(region, LANGUAGE)
        joined = join_list(facts, LANGUAGE, 5)
        out.append(f"{where}：{joined}" if where else joined)
    return out


def owners_answer(groups: dict[str, list[tuple[str, str, list[TargetFact]]]],
                  english_name: Callable[[str], str | None]) -> str:
    """负责“…”目标的单位：A（牵头；路桥区：2021年…）；B（配合；…）。 per indicator."""
    sentences = []
    for indicator, owners in groups.items():
        parts = [f"{owner}（{ROLE_ZH.get(role, role)}；{'；'.join(facts_by_region(rows))}）"
                 for owner, role, rows in owners]
        sentences.append(f"负责“{indicator}”目标的单位：{'；'.join(parts)}。")
    return JOINER.join(sentences)


def extras(row: TargetFact) -> str:
    """Stretch and baseline values where the source gives them."""
    parts = []
    unit = row.unit or ""
    if row.stretch is not None:
        parts.append(f"，力争{quantity(row.stretch, unit, LANGUAGE)}")
    if row.baseline is not None:
        parts.append(f"，基数{quantity(row.baseline, unit, LANGUAGE)}")
    return "".join(parts)


def value_answer(groups: list[tuple[TargetFact, str]], question: Question, more: int) -> str:
    """路桥区2025年技术交易额目标为…（…牵头）。 for each (fact, its owners as a phrase)."""
    sentences = []
    for row, owner_text in groups:
        # Without a named indicator the target's own wording says what it is.
        indicator = row.phrase if not question.indicators else row.indicator
        reported = row.kind == "achievement"
        where = region_name(place_label(row.region, row.area), LANGUAGE)
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        text = f"{where}{when}{indicator}{'实际（报告）为' if reported else '目标为'}{row.stated}{extras(row)}"
        sentences.append(text + (f"（{owner_text}）" if owner_text else "") + "。")
    if more:
        sentences.append(f"另有{more}项目标见表格。")
    return JOINER.join(sentences)


def other_years(found_elsewhere: str) -> str:
    """What follows "nothing for that year" when other years have targets."""
    return f"该指标在其他年份（或未写明年份）的数据：{found_elsewhere}"


def unit_answer(who: list[str], targets: list[TargetFact], count: int, tasks: list[str],
                english_name: Callable[[str], str | None]) -> str:
    """区经信局负责N项量化目标：…。另有M条条款写明其任务，如：…。"""
    facts = []
    for row in targets:
        role = ROLE_ZH.get(row.role or "", "")
        label = row.phrase or row.indicator
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        facts.append(f"{label}{when}{row.stated}" + (f"（{role}）" if role else ""))
    text = f"{'、'.join(who)}负责{count}项量化目标"
    text += f"：{join_list(facts, LANGUAGE, 8)}。" if facts else "。"
    if tasks:
        text += f"另有{len(tasks)}条条款写明其任务，如：{join_list([snippet(t, 50) for t in tasks], LANGUAGE, 3)}。"
    return text


def capped_note(shown: int, total: int) -> str:
    """What a bounded answer adds when it describes only the first of many targets."""
    return f"（共{total}项目标，此处只列出前{shown}项。）"


def series_when(row: SeriesFact) -> str:
    """The time of a series figure; a figure without one is placed by its document."""
    if row.year is None and not row.period:
        placed = row.placed_by_document
        return f"年份未知（《{row.doc_title or ''}》" + (f"，约{placed}年" if placed else "") + "）"
    return year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)


def series_figure(row: SeriesFact) -> str:
    """目标135人年."""
    return f"{KIND_ZH.get(row.kind, row.kind)}{row.stated}"


def stretch_note(row: SeriesFact) -> str:
    """（力争…） after the target it stretches."""
    return f"（力争{row.stated}）"


def evolution_answer(series: list[tuple[str, str, list[tuple[str, list[str]]]]]) -> str:
    """路桥区“…”：2021年目标93人年 → 2025年目标135人年。 per indicator and place."""
    sentences = []
    for indicator, region, steps in series:
        joined = [f"{when}{'、'.join(items)}" for when, items in steps]
        where = region_name(region, LANGUAGE) or "未注明地区"
        sentences.append(f"{where}“{indicator}”：{' → '.join(joined)}。")
    return JOINER.join(sentences)


def outcome_answer(rows: list[OutcomeFact], more: int) -> str:
    """A plan's figure, then the report's figure and the verdict (or "not reported"), per target."""
    sentences = []
    for row in rows:
        where = region_name(row.region, LANGUAGE)
        when = year_phrase(row.year, None, LANGUAGE, row.year_inferred)
        text = f"{where}{when}“{row.phrase or row.indicator}”计划{row.target_stated}（《{row.target_doc_title}》）"
        if row.actual_value is None:
            text += "，未报告（语料中没有同一指标、同一地区和层级的完成情况）。"
        else:
            actual_when = year_phrase(row.actual_year, None, LANGUAGE) if row.actual_year else "年份未知"
            if row.actual_year_inferred:
                actual_when += "，原文未写明年份，为推断"
            verdict = "无法判断" if row.met is None else "已达成" if row.met else "未达成"
            if row.year_gap:
                verdict = f"报告年份与目标年份相差{row.year_gap}年，不作达成判断"
            elif row.year_gap is None and row.actual_year is None:
                verdict = "报告未写明年份，不作达成判断"
            text += f"；《{row.actual_doc_title}》报告实际{row.actual_stated}（{actual_when}），{verdict}。"
        sentences.append(text)
    if more:
        sentences.append(f"另有{more}项见表格。")
    return JOINER.join(sentences)


_WHAT = {"targets": "目标", "indicator": "指标", "organisation": "单位", "entities": "机构", "clauses": "内容"}


def subject(question: Question) -> str:
    """What the question was about: 北京市2025年, 路桥区“技术交易额”..."""
    parts: list[str] = []
    places = list(question.regions) + list(question.places.unknown)
    if places:
        parts.append("、".join(region_name(p, LANGUAGE) for p in places))
    if question.time.period and len(question.time.years) >= 2:
        first, last = question.time.period
        parts.append(f"{first}—{last}年")
    elif question.time.years:
        parts.append("、".join(f"{y}年" for y in question.time.years))
    if question.orgs:
        parts.append("、".join(o.surface for o in question.orgs))
    if question.indicators:
        parts.append("“" + "、".join(h.label_zh for h in question.indicators[:3]) + "”")
    if question.entity_names:
        parts.append("、".join(question.entity_names))
    return "".join(parts)


def not_found_answer(about: str, what: str, missing: list[str]) -> str:
    """未找到…的相关目标。 naming places no document is about; related clauses are not the answer."""
    text = f"未找到{about}的相关{_WHAT.get(what, '内容')}。"
    if missing:
        text += f"语料中没有关于{'、'.join(missing)}的规划文件。"
    return text + "下方“相关条款”仅供参考，不是答案。"


def found_clause_lead(quote: str, doc: str) -> str:
    """The lead of an answer whose only figure is in a found clause: no fact, the words found."""
    return f"未找到抽取的事实；检索到的原文写有：“{quote}”（{doc}）。"


def found_clause(quote: str, doc: str, unplaced: bool) -> str:
    """A clause found by search that writes the asked words and a figure, quoted (not an extracted fact)."""
    where = f"{doc}，文件未写明地区" if unplaced else doc
    return f"检索到一条写有所问指标和数字的原文（未抽取为事实，数值以原文为准）：“{quote}”（{where}）。"


def search_answer(clauses: list[tuple[str, str]]) -> str:
    """The nearest clauses (text, document title) when no named query fits."""
    lines = [f"{i + 1}. {snippet(text, 100)}（《{title}》）" for i, (text, title) in enumerate(clauses)]
    return "知识图谱中没有直接对应的事实，以下是与问题最相关的条款：" + "；".join(lines) + "。"


def entity_list_answer(question: Question, groups: dict[str, list[str]]) -> str:
    """温州的研究院（共N个）：…。 per type word asked."""
    where = "、".join(question.regions)
    return JOINER.join(f"{where}的{asked}（共{len(names)}个）：{join_list(names, LANGUAGE, 20)}。"
                       for asked, names in groups.items())


def entities_capped_note(shown: int) -> str:
    """What a bounded entity list adds when a type has more entities than it fetched."""
    return f"（每类只列出提及最多的前{shown}个，另有更多未列出。）"


def entity_profile_answer(name: str, aliases: list[str], region: str | None, progress: list[str]) -> str:
    """An entity with its other names and place, then the clauses on its progress."""
    about = []
    if aliases:
        about.append("又称" + "、".join(aliases))
    if region:
        about.append("位于" + region)
    head = name + (f"（{'；'.join(about)}）" if about else "")
    if progress:
        return head + "。相关进展：" + "；".join(f"{i + 1}. {p}" for i, p in enumerate(progress)) + "。"
    return head + "。文件中没有关于其进展的条款。"


def family_fact(fact: UnitFact) -> str:
    """研发人员数（路桥区2025年135人年）."""
    when = year_phrase(fact.year, None, LANGUAGE, fact.year_inferred) if fact.year else ""
    return f"{fact.indicator}（{region_name(fact.region, LANGUAGE)}{when}{fact.stated}）"


def family_answer(family: Family, units: list[UnitOwnership], indicators: int, shown: int,
                  english_name: Callable[[str], str | None]) -> str:
    """“研发”相关目标（N项指标）由M个单位负责：A（牵头）：…；B（配合）：…。"""
    parts = []
    for unit in units:
        facts = [family_fact(f) for f in sorted(unit.facts, key=lambda f: (f.region or "", f.year or 0))]
        parts.append(f"{unit.unit}（{ROLE_ZH.get(unit.role, unit.role)}）：{join_list(facts, LANGUAGE, shown)}")
    count = len({u.unit for u in units})
    return f"“{family.label_zh}”相关目标（{indicators}项指标）由{count}个单位负责：" + "；".join(parts) + "。"


def family_lead(family: Family, units: list[UnitOwnership], indicators: int) -> str:
    """“研发”相关目标（N项指标）由M个单位负责：牵头 A、B…；配合 C…。"""
    by_role: dict[str, list[str]] = {}
    for unit in units:
        names = by_role.setdefault(unit.role, [])
        if unit.unit not in names:
            names.append(unit.unit)
    who = "；".join(f"{ROLE_ZH.get(role, role) if role != 'default' else '发文单位'} {join_list(names, LANGUAGE, 4)}"
                   for role, names in sorted(by_role.items(), key=lambda item: _ROLE_RANK.get(item[0], 3)))
    return f"“{family.label_zh}”相关目标（{indicators}项指标）由{len({u.unit for u in units})}个单位负责：{who}。"


def relaxed_note(what: str) -> str:
    """Says which part of the question an answer had to relax (a goal given for a result...)."""
    return {"goal_for_result": "未找到实际完成值，以下为目标值。",
            "result_for_goal": "未找到目标值，以下为实际（报告）值。",
            "parent_for_zone": "未找到该园区（开发区）本身的数据，以下为其所在地区的数据。",
            "child_for_place": "未找到该地区本级的数据，以下为其下辖地区的数据（各标地区）。",
            "parent_for_place": "未找到该地区本身的数据，以下为其上级地区的数据（各标地区）。",
            "place_in_parent": "该地区的数据写在其上级地区的文件中（各标地区）。",
            "goal_of_document_year": "以下目标写在所问年份的文件中，其目标年份另有所指。",
            "other_year": "未找到所问年份的数据，以下为最接近年份的数据。",
            "year_unstated": "以下数据的年份文中未写明。"}.get(what, "")


def owners_lead(groups: dict[str, dict[str, list[str]]], years: dict[str, set[int]]) -> str:
    """数字化示范车间（2022年）：牵头 A；配合 B。 per indicator (the first three)."""
    parts = []
    for indicator, roles in list(groups.items())[:3]:
        when = sorted(years.get(indicator, ()))
        span = f"（{when[0]}年）" if len(when) == 1 else (f"（{when[0]}—{when[-1]}年）" if when else "")
        who = "；".join(f"{ROLE_ZH.get(role, role) if role != 'default' else '发文单位'} {join_list(names, LANGUAGE, 4)}"
                       for role, names in sorted(roles.items(), key=lambda item: _ROLE_RANK.get(item[0], 3)))
        parts.append(f"{indicator}{span}：{who}")
    more = f"；另有{len(groups) - 3}项指标见表格" if len(groups) > 3 else ""
    return "；".join(parts) + more + "。"


_ROLE_RANK = {"lead": 0, "support": 1, "default": 2}


_RELAXED_SHORT = {
    "result_for_goal": "未找到目标，为实际值",
    "goal_for_result": "未找到实际值，为目标值",
    "parent_for_zone": "为所在地区的数据",
    "child_for_place": "为下辖地区的数据",
    "parent_for_place": "为上级地区的数据",
    "place_in_parent": "据上级地区文件",
    "other_year": "为最接近年份的数据",
    "year_unstated": "年份文中未写明",
}


def relaxed_short(relaxed: list[str]) -> str:
    """The relaxations an answer needed, in a few words for its lead (empty when none)."""
    parts = [_RELAXED_SHORT[what] for what in dict.fromkeys(relaxed) if what in _RELAXED_SHORT]
    return ("（注：" + "；".join(parts) + "）") if parts else ""
