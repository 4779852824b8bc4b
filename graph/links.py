"""Links materialised at build time, so the two questions that joined across the graph are lookups.

- Region closure (``plankg:inRegion``): each observation -> its region and every region containing
  it. "Targets in 温州" then starts from 温州市's observations instead of walking every
  observation's ``refArea/withinRegion*`` path (5.6 s at 100x the bundled corpus, with the engine
  starting from the wrong end).
- Outcomes (``plankg:outcome``): each target -> the nearest later report of the same series
  (indicator, place, level, unit, growth or level), found by grouping and sorting (linear in the
  number of records); ``plankg:nextOutcome`` chains a series' reports year by year, so later
  reports stay reachable. "Plan vs outcome" was every target crossed with every later actual of
  its indicator and place: 207,600 rows and 54 s at 100x.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from plankg.graph.outcomes import measure_kind
from plankg.ingest.records import Clause, Document, Mention, Target
from plankg.ontology.levels import indicator_level


class OutcomeLink(NamedTuple):
    """One materialised link between two records (ids)."""

    source_id: str
    target_id: str


def region_closure(name: str, parent_of: Callable[[str], str | None]) -> list[str]:
    """``name`` and every region above it, nearest first (a cycle stops the walk).

    >>> parents = {"瑞安市": "温州市", "温州市": "浙江省"}
    >>> region_closure("瑞安市", parents.get)
    ['瑞安市', '温州市', '浙江省']
    """
    chain: list[str] = []
    current: str | None = name
    while current is not None and current not in chain:
        chain.append(current)
        current = parent_of(current)
    return chain


def series_key(target: Target, region: str | None) -> tuple:
    """What makes two figures the same series: indicator, place, level, unit, kind of measure
    (an increment is never a total's outcome: :func:`plankg.graph.outcomes.measure_kind`)."""
    return (target.indicator_id, region, indicator_level(target.indicator), (target.unit or "").strip(),
            measure_kind(target.measure, target.growth))


def outcome_links(targets: Iterable[Target], documents: Mapping[str, Document]
                  ) -> tuple[list[OutcomeLink], list[OutcomeLink]]:
    """Targets -> their nearest later reports, and reports -> the next year's reports of their series.

    A target's outcome is the report of its series in the target's year or the nearest later
    year (every report of that year). When that report is in the target's own document (a plan
    restating progress), the nearest report of another document is linked as well, so a later
    report is never hidden by the plan's own words. Reports of unknown year (20XX年) count as
    the farthest: linked only when no dated report at or after the target's year qualifies.
    Targets without a year, or of a document without a region, get no outcome.

    Args:
        targets: Target and achievement records.
        documents: Documents by id (for the region and to tell the target's own document).

    Returns:
        ``(outcome links, next-outcome links)``, each sorted.
    """
    plans: dict[tuple, list[Target]] = defaultdict(list)
    reports: dict[tuple, list[Target]] = defaultdict(list)
    for record in targets:
        doc = documents.get(record.doc_id)
        if doc is None or not doc.region:
            continue
        if record.kind == "achievement":
            reports[series_key(record, doc.region)].append(record)
        elif record.year is not None:
            plans[series_key(record, doc.region)].append(record)
    outcomes: list[OutcomeLink] = []
    chain: list[OutcomeLink] = []
    for key, series in reports.items():
        by_year: dict[int, list[Target]] = defaultdict(list)
        undated: list[Target] = []
        for report in series:
            (undated if report.year is None else by_year[report.year]).append(report)
        years = sorted(by_year)
        for earlier, later in zip(years, years[1:]):
            chain += [OutcomeLink(a.id, b.id) for a in by_year[earlier] for b in by_year[later]]
        for plan in plans.get(key, ()):
            outcomes += [OutcomeLink(plan.id, report.id) for report in _nearest(plan, years, by_year, undated)]
    return sorted(set(outcomes)), sorted(set(chain))


def _nearest(plan: Target, years: list[int], by_year: Mapping[int, list[Target]],
             undated: list[Target]) -> list[Target]:
    """The reports of the nearest year at or after the plan's (unknown year last), and, when
    those are all in the plan's own document, the nearest reports of another document too."""
    groups = [by_year[year] for year in years[bisect.bisect_left(years, plan.year):]]
    if undated:
        groups.append(undated)
    if not groups:
        return []
    found = list(groups[0])
    if all(report.doc_id == plan.doc_id for report in found):
        for group in groups[1:]:
            others = [report for report in group if report.doc_id != plan.doc_id]
            if others:
                found += others
                break
    return found


def materialised_triples(links: Iterable[OutcomeLink], source_iri: Callable[[str], object],
                         prop: object) -> Iterator[tuple]:
    """``(source, prop, target)`` triples of record links."""
    for link in links:
        yield source_iri(link.source_id), prop, source_iri(link.target_id)


# ---- lookup links: kept apart from the data (graph-links.nt.gz), loaded into the store beside it ----
#: Owner role -> the predicate linking a unit (prov:Agent) straight to the targets it owns in that role.
ROLE_LINKS = {"lead": "leadsTarget", "support": "supportsTarget", "default": "ownsTargetByDefault"}
#: Target -> each indicator family (skos:Collection of ``indicators.ttl``) its indicator belongs to.
FAMILY_LINK = "inFamily"
#: Entity -> the first and the next clause naming it, cited beside it when entities are listed
#: (one predicate per rank: the clauses are cited in the order of the entity's mentions).
CITE_LINKS = ("firstCitedIn", "nextCitedIn")
#: How many clauses an entity list cites per entity (the links hold no more).
CITED_PER_ENTITY = len(CITE_LINKS)
#: Entity -> the region it is located in and every region containing it.
PLACE_LINK = "locatedWithin"
#: Entity -> how many mentions annotate it (a literal: lists order by it without joining the mentions).
MENTION_COUNT = "mentionCount"
#: Entity -> the ids of the first clauses (records' order, headings apart) holding any of its names,
#: space-separated in that order: an entity's profile quotes them without reading the corpus.
NAMED_IN = "namedInClauses"
#: How many clauses ``plankg:namedInClauses`` holds (a profile quotes five at most).
NAMED_PER_ENTITY = 5
#: Lookup predicates whose values are literals, not nodes.
DATA_LINKS = frozenset({MENTION_COUNT, NAMED_IN})
#: What each lookup predicate means (emitted with the links, so the store describes what it holds).
LINK_LABELS = {
    "leadsTarget": ("牵头负责的目标", "leads target",
                    "Unit -> target it leads; materialised from prov:qualifiedAttribution with plankg:LeadRole, "
                    "so a unit's targets are one indexed lookup from the unit."),
    "supportsTarget": ("配合的目标", "supports target",
                       "Unit -> target it supports (plankg:SupportRole), materialised like plankg:leadsTarget."),
    "ownsTargetByDefault": ("默认负责的目标", "owns target by default",
                            "Issuing unit -> target no unit was named for (plankg:DefaultIssuerRole)."),
    "inFamily": ("所属指标族", "in indicator family",
                 "Target or achievement -> each indicator family (skos:Collection) holding its indicator, "
                 "so a family question starts from the family."),
    "firstCitedIn": ("首个引用条款", "first cited in",
                     "Entity -> the first clause naming it (that of its first mention by canonical name, else the "
                     "first clause whose text holds its name), so an entity list cites each entity without "
                     "scanning the corpus."),
    "nextCitedIn": ("其次引用条款", "next cited in",
                    "Entity -> the next clause naming it (its second mention's, else the second clause holding "
                    "its name), cited after plankg:firstCitedIn."),
    "mentionCount": ("提及次数", "mention count",
                     "Entity -> the number of mentions (oa:Annotation) whose body it is, so an entity list orders "
                     "by mentions without joining every mention."),
    "namedInClauses": ("提及条款", "named in clauses",
                       "Entity -> the ids of the first five clauses (in the records' order, headings apart) whose "
                       "text holds its name or an alias, space-separated in that order, so a profile quotes them "
                       "without reading the corpus."),
    "locatedWithin": ("位于（含上级地区）", "located within",
                      "Entity -> the region it is plankg:locatedIn and every region containing it (the closure of "
                      "plankg:withinRegion), so listing a place's entities starts from the place."),
}


def family_members(families: Iterable[Any]) -> dict[str, list[str]]:
    """Indicator id -> ids of the families covering it (``Family.members``, categories expanded)."""
    of: dict[str, list[str]] = defaultdict(list)
    for family in families:
        for member in family.members:
            of[member].append(family.id)
    return dict(of)


def citing_clauses(names: Iterable[str], mentions: Iterable[Mention], clauses: Sequence[Clause],
                   limit: int = CITED_PER_ENTITY) -> dict[str, list[str]]:
    """Name -> ids of the first clauses naming it, for citing an entity beside its name.

    The clauses of the name's first ``limit`` mentions by canonical name (once each); a name no
    mention carries gets the first ``limit`` clauses (reading order) whose text holds it. The
    text is read once for every such name together, so the cost is linear in the corpus.
    """
    wanted = set(names)
    known = {clause.id for clause in clauses}
    seen_mentions: dict[str, int] = defaultdict(int)
    cited: dict[str, list[str]] = {}
    for mention in mentions:
        name = mention.canonical
        if name not in wanted or seen_mentions[name] >= limit:
            continue
        seen_mentions[name] += 1
        ids = cited.setdefault(name, [])
        if mention.clause_id in known and mention.clause_id not in ids:
            ids.append(mention.clause_id)
    unmentioned = {name for name in wanted if name and not cited.get(name)}
    for name, ids in _first_holding(unmentioned, clauses, limit).items():
        cited[name] = ids
    return {name: ids for name, ids in cited.items() if ids}


def naming_clauses(forms_of: Mapping[str, Iterable[str]], clauses: Sequence[Clause],
                   limit: int = NAMED_PER_ENTITY) -> dict[str, list[str]]:
    """Key -> ids of the first ``limit`` clauses (headings apart) holding any of its forms, in the
    clauses' order; forms shorter than two characters are left out (as a profile leaves them)."""
    wanted = {key: {form for form in forms if len(form) >= 2} for key, forms in forms_of.items()}
    return _first_holding({key: forms for key, forms in wanted.items() if forms}, clauses, limit,
                          skip_headings=True)


def _first_holding(forms_of: Mapping[str, Iterable[str]] | set[str], clauses: Sequence[Clause], limit: int,
                   skip_headings: bool = False) -> dict[str, list[str]]:
    """Key -> the first ``limit`` clauses whose text holds one of its forms, in one pass over the clauses.

    ``forms_of`` maps keys to their forms (a set of names is its own forms). Forms are found by
    their first two characters (a regex of those heads finds where any form may start, overlapping
    included); single characters are checked one by one.
    """
    if isinstance(forms_of, set):
        forms_of = {name: (name,) for name in forms_of}
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, forms in forms_of.items():
        for form in set(forms):
            if form:
                keys_of[form].append(key)
    found: dict[str, list[str]] = {key: [] for key in forms_of}
    by_head: dict[str, list[str]] = defaultdict(list)
    short = [form for form in keys_of if len(form) < 2]
    for form in keys_of:
        if len(form) >= 2:
            by_head[form[:2]].append(form)
    heads = re.compile("(?=(" + "|".join(re.escape(h) for h in by_head) + "))") if by_head else None
    pending = len(found)
    for clause in clauses:
        if not pending:
            break
        if skip_headings and clause.kind == "heading":
            continue
        text = clause.text
        here: set[str] = {form for form in short if form in text}
        if heads is not None:
            for match in heads.finditer(text):
                start = match.start()
                here.update(f for f in by_head[match.group(1)] if text.startswith(f, start))
        for key in {key for form in here for key in keys_of[form]}:
            ids = found[key]
            if len(ids) < limit:
                ids.append(clause.id)
                pending -= len(ids) == limit
    return {key: ids for key, ids in found.items() if ids}
