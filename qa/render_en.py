"""English sentences from typed facts: the twin of ``render_zh`` (same functions, same facts).

Chinese names stay beside their English forms (Luqiao (路桥区)), so a reader can find them in the
source documents.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from plankg.ontology.thesaurus import Family
from plankg.qa.areas import place_label
from plankg.qa.facts import OutcomeFact, Responsible, SeriesFact, TargetFact, UnitFact, UnitOwnership
from plankg.qa.parse import Question
from plankg.qa.render import (
    KIND_EN,
    ROLE_EN,
    indicator_label,
    join_list,
    possessive,
    quantity,
    region_name,
    snippet,
    year_phrase,
)

LANGUAGE = "en"
#: Sentences of one answer are joined with a space in English.
JOINER = " "


def _with_english(name: str, english_name: Callable[[str], str | None]) -> str:
    english = english_name(name)
    return f"{name} ({english})" if english else name


def owner_list(owners: Iterable[Responsible], english_name: Callable[[str], str | None]) -> str:
    """路桥区科技局 (Luqiao Science and Technology Bureau), lead; …"""
    parts = []
    for owner in owners:
        name, role = owner.name or "?", owner.role or "default"
        parts.append(f"{_with_english(name, english_name)}, {ROLE_EN.get(role, role)}")
    return "; ".join(parts)


def facts_by_region(rows: list[TargetFact]) -> list[str]:
    """Luqiao (路桥区): 2021 93 人年, 2025 135 人年 — one entry per region, its years in order."""
    regions: dict[str, list[str]] = {}
    for row in rows:
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        regions.setdefault(place_label(row.region, row.area) or "", []).append(f"{when} {row.stated}")
    out = []
    for region, facts in regions.items():
        where = region_name(region, LANGUAGE)
        joined = join_list(facts, LANGUAGE, 5)
        out.append(f"{where}: {joined}" if where else joined)
    return out


def owners_answer(groups: dict[str, list[tuple[str, str, list[TargetFact]]]],
                  english_name: Callable[[str], str | None]) -> str:
    """Owners of the … targets: A — lead; Luqiao: 2021 …; B — supporting; … per indicator."""
    sentences = []
    for indicator, owners in groups.items():
        parts = [f"{_with_english(owner, english_name)} — {ROLE_EN.get(role, role)}; "
                 f"{'; '.join(facts_by_region(rows))}" for owner, role, rows in owners]
        sentences.append(f"Owners of the {indicator} targets: {'; '.join(parts)}.")
    return JOINER.join(sentences)


def extras(row: TargetFact) -> str:
    """Stretch and baseline values where the source gives them."""
    parts = []
    unit = row.unit or ""
    if row.stretch is not None:
        parts.append(f", stretch target {quantity(row.stretch, unit, LANGUAGE)}")
    if row.baseline is not None:
        parts.append(f", baseline {quantity(row.baseline, unit, LANGUAGE)}")
    return "".join(parts)


def value_answer(groups: list[tuple[TargetFact, str]], question: Question, more: int) -> str:
    """Luqiao's (路桥区) 2025 target for … is … (owners: …). for each (fact, its owners as a phrase)."""
    sentences = []
    for row, owner_text in groups:
        label = indicator_label(question, row.indicator_id or "", row.indicator or "")
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        # A figure of an area inside the place (a county in its city's plan) is that area's.
        area = row.area if row.area and not (row.region and row.area.startswith(row.region)) else None
        owner_of = possessive(area or row.region) + (f" (in {row.region}'s plan)" if area and row.region else "")
        noun = "reported value" if row.kind == "achievement" else "target"
        subject = f"{owner_of} {when} {noun}" if owner_of else f"The {when} {noun}"
        text = f"{subject} for {label} is {row.stated}{extras(row)}"
        sentences.append(text + (f" (owners: {owner_text})" if owner_text else "") + ".")
    if more:
        sentences.append(f"{more} more targets are in the table.")
    return JOINER.join(sentences)


def other_years(found_elsewhere: str) -> str:
    """What follows "nothing for that year" when other years have targets."""
    return f" Figures of this indicator in other years (or with no year stated): {found_elsewhere}"


def unit_answer(who: list[str], targets: list[TargetFact], count: int, tasks: list[str],
                english_name: Callable[[str], str | None]) -> str:
    """… owns N quantified targets: …. M further clauses assign it tasks, e.g. …."""
    facts = []
    for row in targets:
        role = ROLE_EN.get(row.role or "", "")
        label = row.phrase or row.indicator
        when = year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)
        facts.append(f"{label} {when}: {row.stated}" + (f" ({role})" if role else ""))
    text = f"{'; '.join(_with_english(n, english_name) for n in who)} owns {count} quantified targets"
    text += f": {join_list(facts, LANGUAGE, 8)}." if facts else "."
    if tasks:
        shown = join_list([snippet(t, 50) for t in tasks], LANGUAGE, 3)
        text += f" {len(tasks)} further clauses assign it tasks, e.g. {shown}."
    return text


def capped_note(shown: int, total: int) -> str:
    """What a bounded answer adds when it describes only the first of many targets."""
    return f" ({total} targets in all; only the first {shown} are described here.)"


def series_when(row: SeriesFact) -> str:
    """The time of a series figure; a figure without one is placed by its document."""
    if row.year is None and not row.period:
        placed = row.placed_by_document
        return f"year unknown (in “{row.doc_title or ''}”" + (f", about {placed}" if placed else "") + ")"
    return year_phrase(row.year, row.period, LANGUAGE, row.year_inferred)


def series_figure(row: SeriesFact) -> str:
    """target 135 人年 (person-years)."""
    return f"{KIND_EN.get(row.kind, row.kind)} {row.stated}"


def stretch_note(row: SeriesFact) -> str:
    """(stretch …) after the target it stretches."""
    return f" (stretch {row.stated})"


def evolution_answer(series: list[tuple[str, str, list[tuple[str, list[str]]]]]) -> str:
    """Luqiao (路桥区), …: 2021 target … → 2025 target …. per indicator and place."""
    sentences = []
    for indicator, region, steps in series:
        joined = [f"{when} {', '.join(items)}" for when, items in steps]
        where = region_name(region, LANGUAGE) or "region not stated"
        sentences.append(f"{where}, {indicator}: {' → '.join(joined)}.")
    return JOINER.join(sentences)


def outcome_answer(rows: list[OutcomeFact], more: int) -> str:
    """A plan's figure, then the report's figure and the verdict (or "not reported"), per target."""
    sentences = []
    for row in rows:
        where = region_name(row.region, LANGUAGE)
        when = year_phrase(row.year, None, LANGUAGE, row.year_inferred)
        text = (f"{where} {when}: planned {row.phrase or row.indicator} {row.target_stated} "
                f"(in “{row.target_doc_title}”)").replace("  ", " ").strip()
        if row.actual_value is None:
            text += "; not reported (no outcome of the same indicator, place and level in the corpus)."
        else:
            actual_when = str(row.actual_year) if row.actual_year else "year unknown"
            if row.actual_year_inferred:
                actual_when += ", inferred: the source does not state it"
            verdict = "cannot tell" if row.met is None else "target met" if row.met else "target not met"
            if row.year_gap:
                verdict = f"reported for a year {row.year_gap} later than the target's; no verdict"
            elif row.year_gap is None and row.actual_year is None:
                verdict = "the report states no year; no verdict"
            text += f"; “{row.actual_doc_title}” reports an actual {row.actual_stated} ({actual_when}): {verdict}."
        sentences.append(text)
    if more:
        sentences.append(f"{more} more in the table.")
    return JOINER.join(sentences)


_WHAT = {"targets": "targets", "indicator": "indicator", "organisation": "organisation", "entities": "entities",
         "clauses": "clauses"}


def subject(question: Question) -> str:
    """What the question was about: Beijing (北京市) 2025, Luqiao (路桥区) Technology transaction value..."""
    parts: list[str] = []
    places = list(question.regions) + list(question.places.unknown)
    if places:
        parts.append(", ".join(region_name(p, LANGUAGE) for p in places))
    if question.time.period and len(question.time.years) >= 2:
        first, last = question.time.period
        parts.append(f"{first}-{last}")
    elif question.time.years:
        parts.append(", ".join(map(str, question.time.years)))
    if question.orgs:
        parts.append(", ".join(o.surface for o in question.orgs))
    if question.indicators:
        parts.append(", ".join(h.label_en or h.label_zh for h in question.indicators[:3]))
    if question.entity_names:
        parts.append(", ".join(question.entity_names))
    return " ".join(parts)


def not_found_answer(about: str, what: str, missing: list[str]) -> str:
    """No matching targets found for …, naming places no document is about."""
    text = f"No matching {_WHAT.get(what, 'facts')} found" + (f" for {about}." if about else ".")
    if missing:
        text += f" The corpus holds no plan about {', '.join(region_name(m, LANGUAGE) for m in missing)}."
    return text + " The related clauses below are the nearest text, not an answer."


def found_clause_lead(quote: str, doc: str) -> str:
    """The lead of an answer whose only figure is in a found clause: no fact, the words found."""
    return f"No extracted fact; a clause found by search writes: “{quote}” ({doc})."


def found_clause(quote: str, doc: str, unplaced: bool) -> str:
    """A clause found by search that writes the asked words and a figure, quoted (not an extracted fact)."""
    where = f"{doc}, place not stated in the document" if unplaced else doc
    return f" A clause found by search writes the asked words and a figure (not an extracted fact; read the figure " \
           f"in the text): “{quote}” ({where})."


def search_answer(clauses: list[tuple[str, str]]) -> str:
    """The nearest clauses (text, document title) when no named query fits."""
    lines = [f"{i + 1}. {snippet(text, 100)} (“{title}”)" for i, (text, title) in enumerate(clauses)]
    return "No structured fact in the graph answers this directly; the most relevant clauses are: " + " ".join(lines)


def entity_list_answer(question: Question, groups: dict[str, list[str]]) -> str:
    """Research institutes in Wenzhou (温州市) (N): … per type word asked."""
    where = ", ".join(region_name(r, LANGUAGE) for r in question.regions)
    sentences = []
    for asked, names in groups.items():
        label = next((t.label_en for t in question.entity_types if t.surface == asked), asked)
        place = f" in {where}" if where else ""
        sentences.append(f"{label.capitalize()}{place} ({len(names)}): {join_list(names, LANGUAGE, 20)}.")
    return JOINER.join(sentences)


def entities_capped_note(shown: int) -> str:
    """What a bounded entity list adds when a type has more entities than it fetched."""
    return f" (Only the {shown} most mentioned of each kind are listed; there are more.)"


def entity_profile_answer(name: str, aliases: list[str], region: str | None, progress: list[str]) -> str:
    """An entity with its other names and place, then the clauses on its progress."""
    about = []
    if aliases:
        about.append("also called " + ", ".join(aliases))
    if region:
        about.append("located in " + region_name(region, LANGUAGE))
    head = name + (f" ({'; '.join(about)})" if about else "")
    if progress:
        return head + ". Clauses on its progress: " + " ".join(f"{i + 1}. {p}" for i, p in enumerate(progress))
    return head + ". No clause reports its progress."


def family_fact(fact: UnitFact) -> str:
    """R&D personnel (Luqiao (路桥区), 2025: 135 人年 (person-years))."""
    when = year_phrase(fact.year, None, LANGUAGE, fact.year_inferred) if fact.year else ""
    place = ", ".join(p for p in (region_name(fact.region, LANGUAGE), when) if p)
    return f"{fact.indicator} ({place}: {fact.stated})" if place else f"{fact.indicator} ({fact.stated})"


def family_answer(family: Family, units: list[UnitOwnership], indicators: int, shown: int,
                  english_name: Callable[[str], str | None]) -> str:
    """The R&D targets (N indicators) are owned by M units: A — lead: …; B — supporting: …."""
    parts = []
    for unit in units:
        facts = [family_fact(f) for f in sorted(unit.facts, key=lambda f: (f.region or "", f.year or 0))]
        parts.append(f"{_with_english(unit.unit, english_name)} — {ROLE_EN.get(unit.role, unit.role)}: "
                     f"{join_list(facts, LANGUAGE, shown)}")
    return (f"The {family.label_en} targets ({indicators} indicators) are owned by {len({u.unit for u in units})} "
            "units: " + "; ".join(parts) + ".")


def family_lead(family: Family, units: list[UnitOwnership], indicators: int) -> str:
    """The R&D targets (N indicators) have M units: lead A, B…; supporting C…."""
    by_role: dict[str, list[str]] = {}
    for unit in units:
        names = by_role.setdefault(unit.role, [])
        if unit.unit not in names:
            names.append(unit.unit)
    who = "; ".join(f"{ROLE_EN.get(role, role) if role != 'default' else 'issuing body'} {join_list(names, LANGUAGE, 4)}"
                    for role, names in sorted(by_role.items(), key=lambda item: _ROLE_RANK.get(item[0], 3)))
    return (f"The {family.label_en} targets ({indicators} indicators) have {len({u.unit for u in units})} units: "
            f"{who}.")


def relaxed_note(what: str) -> str:
    """Says which part of the question an answer had to relax (a goal given for a result...)."""
    return {"goal_for_result": "No reported result found; these are the targets. ",
            "result_for_goal": "No target found; these are reported results. ",
            "parent_for_zone": "No figure of the zone itself; these are its place's figures. ",
            "child_for_place": "No figure for the place itself; these are of places inside it (each labelled). ",
            "parent_for_place": "No figure for the place itself; these are of the place above it (labelled). ",
            "place_in_parent": "The place's figures are written in the plan of the place above it (labelled). ",
            "goal_of_document_year": "These goals are written in a document of the year asked, for another year. ",
            "other_year": "Nothing for the year asked; these are the nearest years. ",
            "year_unstated": "The year of these figures is not stated. "}.get(what, "")


def owners_lead(groups: dict[str, dict[str, list[str]]], years: dict[str, set[int]]) -> str:
    """maker spaces (2022): lead A; supporting B. per indicator (the first three)."""
    parts = []
    for indicator, roles in list(groups.items())[:3]:
        when = sorted(years.get(indicator, ()))
        span = f" ({when[0]})" if len(when) == 1 else (f" ({when[0]}-{when[-1]})" if when else "")
        who = "; ".join(f"{ROLE_EN.get(role, role) if role != 'default' else 'issuing body'} "
                        f"{join_list(names, LANGUAGE, 4)}"
                        for role, names in sorted(roles.items(), key=lambda item: _ROLE_RANK.get(item[0], 3)))
        parts.append(f"{indicator}{span}: {who}")
    more = f"; {len(groups) - 3} more indicators in the table" if len(groups) > 3 else ""
    return "; ".join(parts) + more + "."


_ROLE_RANK = {"lead": 0, "support": 1, "default": 2}


_RELAXED_SHORT = {
    "result_for_goal": "a reported result, no target found",
    "goal_for_result": "a target, no reported result found",
    "parent_for_zone": "the figure of the zone's place",
    "child_for_place": "a figure of a place inside it",
    "parent_for_place": "a figure of the place above it",
    "place_in_parent": "from the plan of the place above it",
    "other_year": "the nearest year's figure",
    "year_unstated": "year not stated",
}


def relaxed_short(relaxed: list[str]) -> str:
    """The relaxations an answer needed, in a few words for its lead (empty when none)."""
    parts = [_RELAXED_SHORT[what] for what in dict.fromkeys(relaxed) if what in _RELAXED_SHORT]
    return (" (note: " + "; ".join(parts) + ")") if parts else ""
