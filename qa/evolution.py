"""How the plans of one year became the goals of a later one: indicators (numbers) and measures.

The analysis compares the targets set for ``from_year`` with those set for ``to_year``:

* per indicator and place, the targets of one year from one document form one *step*
  (``2.2%（力争2.3%）``); steps of different places are never chained into one series;
* an indicator with targets in both years at the same place is *continued* (with the change:
  level, growth, ambition raised or lowered, unit or measure changes explained); one with targets
  in both years but at different places is listed per place (``elsewhere``); one only in the
  later plans is *new*, one only in the earlier plans *dropped*;
* years plankg inferred (the source wrote 20XX年) are shown as inferred, and count;
* the measures (clauses) of the earlier plans are aligned with the later ones by meaning
  (``plankg.qa.measures``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from plankg.graph import terms
from plankg.ontology.indicators import load_scheme
from plankg.ontology.regions import load_gazetteer
from plankg.qa.areas import area_of, place_label
from plankg.qa.backend import GraphBackend, RecordIndex
from plankg.qa.render import number


@dataclass(frozen=True)
class StepValue:
    """One target value of a step, as the plan states it."""

    value: float | None
    unit: str | None
    measure: str
    comparator: str | None
    stretch: float | None
    phrase: str
    placeholder: bool
    clause_id: str
    target_id: str


@dataclass
class Step:
    """The targets one document sets for one indicator, place and year."""

    indicator_id: str
    region: str | None
    year: int
    year_inferred: bool
    doc_id: str
    doc_title: str
    values: list[StepValue] = field(default_factory=list)
    #: The park, zone or county the figures are about, when not the whole region (plankg.qa.areas).
    area: str | None = None

    @property
    def place(self) -> str | None:
        """The region, or region·area for a figure about a park, zone or county."""
        return place_label(self.region, self.area)

    @property
    def main(self) -> StepValue | None:
        """The first stated value with a number (what a change is computed from)."""
        return next((v for v in self.values if v.value is not None and not v.placeholder), None)

    def text(self, language: str = "zh") -> str:
        """``2.2%（力争2.3%）``; several distinct values joined (新增120家；新增400家（力争500家）)."""
        parts = []
        for value in self.values:
            parts.append(value_text(value, language))
        joined = ("；" if language == "zh" else "; ").join(dict.fromkeys(parts))
        return joined


@dataclass
class IndicatorChange:
    """One indicator across the two years.

    Attributes:
        status: ``continued`` (same place, both years), ``elsewhere`` (both years, different
            places: each place's steps listed on their own), ``new`` or ``dropped``.
        change: Readable change between the earlier and later main values (zh), "" if none.
        change_en: The same in English.
        direction: ``raised`` | ``lowered`` | ``unchanged`` | ``not comparable`` | "".
    """

    indicator_id: str
    label_zh: str
    label_en: str
    status: str
    region: str | None
    earlier: list[Step] = field(default_factory=list)
    later: list[Step] = field(default_factory=list)
    change: str = ""
    change_en: str = ""
    direction: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["earlier_text"] = [s.text() for s in self.earlier]
        data["later_text"] = [s.text() for s in self.later]
        return data


@dataclass
class Evolution:
    """The comparison of two years' plans (``kg.compare_plans``)."""

    from_year: int
    to_year: int
    region: str | None
    indicators: list[IndicatorChange] = field(default_factory=list)
    measures: Any = None  # plankg.qa.measures.MeasureAlignment, when aligned
    sparql: list[str] = field(default_factory=list)

    def by_status(self, status: str) -> list[IndicatorChange]:
        return [c for c in self.indicators if c.status == status]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "region": self.region,
            "indicators": [c.to_dict() for c in self.indicators],
            "measures": self.measures.to_dict() if self.measures is not None else None,
            "sparql": self.sparql,
        }


def value_text(value: StepValue, language: str = "zh") -> str:
    """A step value as written: 新增400家（力争500家）, 2.2%, 增长15%, X（匿名）."""
    if value.placeholder or value.value is None:
        return "X（原文匿名）" if language == "zh" else "X (anonymised)"
    unit = value.unit or ""
    core = f"{number(value.value)}{unit}" if language == "zh" or unit in ("%", "") else f"{number(value.value)} {unit}"
    if language == "zh":
        prefix = {"increment": "新增", "growth": "增长", "rank": ""}.get(value.measure, "")
        suffix = "以上" if value.comparator in (">=", ">") else ""
        text = f"{prefix}{core}{suffix}"
        if value.stretch is not None:
            text += f"（力争{number(value.stretch)}{unit}）"
        return text
    prefix = {"increment": "+", "growth": "growth "}.get(value.measure, "")
    text = f"{'at least ' if value.comparator in ('>=', '>') else ''}{prefix}{core}"
    if value.stretch is not None:
        text += f" (stretch {number(value.stretch)}{unit if unit == '%' else ' ' + unit})"
    return text


def plan_years(records: RecordIndex, region: str | None = None, within: bool = False) -> list[int]:
    """The years a place has goals for, from every document of the place (reports with goals too).

    Args:
        records: The corpus's records.
        region: A gazetteer name (温州市), or None for every place.
        within: Count the documents of the counties and districts inside ``region`` too.
    """
    places: set[str | None] = {region}
    if region is not None and within:

        places |= {r.name for r in load_gazetteer().descendants(region)}
    years: set[int] = set()
    for target in records.corpus.targets:
        if target.kind != "target" or target.year is None:
            continue
        doc = records.documents.get(target.doc_id)
        if region is None or (doc is not None and doc.region in places):
            years.add(int(target.year))
    return sorted(years)


def missing_plan_years(records: RecordIndex, from_year: int, to_year: int, region: str | None = None,
                       within: bool = False) -> tuple[list[int], list[int]]:
    """(asked years without goals for the place, the years it has goals for)."""
    years = plan_years(records, region, within)
    return [y for y in (from_year, to_year) if y not in years], years


def compare_plans(graph: GraphBackend, records: RecordIndex, from_year: int, to_year: int,
                  region: str | None = None, within: bool = False,
                  indicators: set[str] | None = None) -> Evolution:
    """Compare the targets set for ``from_year`` with those set for ``to_year``.

    Args:
        graph: The named queries (``targets_in_years`` runs once).
        records: Target and document records (measure, stretch, inferred years).
        from_year: The earlier plan year.
        to_year: The later plan year.
        region: Only this place's targets (and, with ``within``, those of places inside it).
        within: Include the counties and districts inside ``region``.
        indicators: Only these indicator ids (a family or the indicators a question names).
    """
    scheme = load_scheme()
    result = graph.run("targets_in_years", years=[from_year, to_year], region=region, within=within)
    evolution = Evolution(from_year, to_year, region, sparql=[result.sparql])
    steps: dict[tuple[str, str | None, int, str], Step] = {}
    for row in result.rows:
        indicator_id = terms.indicator_id(row.indicator)
        if indicator_id is None:
            continue  # unreviewed phrases (proposed indicators): the measures part covers what they say
        if indicators is not None and indicator_id not in indicators:
            continue
        target = records.target(row.target)
        if target is None:
            continue
        doc = records.documents.get(target.doc_id)
        area = area_of(records, target)
        year = int(row.year or 0)
        key = (indicator_id, row.area_name, area, year, target.doc_id)
        step = steps.get(key)
        if step is None:
            step = steps[key] = Step(indicator_id, row.area_name, year, bool(target.year_inferred),
                                     target.doc_id, doc.title if doc else row.doc_title or "", area=area)
        step.year_inferred = step.year_inferred or bool(target.year_inferred)
        value = StepValue(row.value, row.unit, target.measure, row.comparator, target.stretch,
                          target.indicator, bool(row.placeholder), target.clause_id, target.id)
        if not any(_same_value(value, v) for v in step.values):
            step.values.append(value)
    by_indicator: dict[str, list[Step]] = {}
    for step in steps.values():
        step.values.sort(key=lambda v: (v.placeholder, v.value is None))
        by_indicator.setdefault(step.indicator_id, []).append(step)
    for indicator_id, indicator_steps in sorted(by_indicator.items()):
        concept = scheme.by_id(indicator_id)
        label_zh = concept.label_zh if concept else indicator_id
        label_en = concept.label_en if concept else indicator_id
        evolution.indicators.extend(_changes(indicator_id, label_zh, label_en, indicator_steps, from_year, to_year))
    order = {"continued": 0, "elsewhere": 1, "new": 2, "dropped": 3}
    evolution.indicators.sort(key=lambda c: (order[c.status], c.region or "", c.indicator_id))
    return evolution


def _same_value(a: StepValue, b: StepValue) -> bool:
    return (a.value, a.unit, a.measure, a.stretch, a.placeholder) == (b.value, b.unit, b.measure, b.stretch,
                                                                         b.placeholder)


def _changes(indicator_id: str, label_zh: str, label_en: str, steps: list[Step], from_year: int,
             to_year: int) -> list[IndicatorChange]:
    earlier: dict[str | None, list[Step]] = {}
    later: dict[str | None, list[Step]] = {}
    for step in sorted(steps, key=lambda s: (s.year, s.doc_title)):
        # A park's or county's figures are their own series, never chained with the region's.
        (earlier if step.year == from_year else later).setdefault(step.place, []).append(step)
    out: list[IndicatorChange] = []
    if not earlier:
        for place, place_steps in later.items():
            out.append(IndicatorChange(indicator_id, label_zh, label_en, "new", place, [], place_steps))
        return out
    if not later:
        for place, place_steps in earlier.items():
            out.append(IndicatorChange(indicator_id, label_zh, label_en, "dropped", place, place_steps, []))
        return out
    shared = [p for p in earlier if p in later]
    for place in shared:
        change = IndicatorChange(indicator_id, label_zh, label_en, "continued", place, earlier[place], later[place])
        change.change, change.change_en, change.direction = describe_change(earlier[place][0], later[place][0])
        out.append(change)
    for place, place_steps in earlier.items():
        if place not in shared:
            out.append(IndicatorChange(indicator_id, label_zh, label_en, "elsewhere", place, place_steps, []))
    for place, place_steps in later.items():
        if place not in shared:
            out.append(IndicatorChange(indicator_id, label_zh, label_en, "elsewhere", place, [], place_steps))
    return out


_MEASURE_ZH = {"level": "水平值", "increment": "新增数", "growth": "增速", "cumulative": "累计数", "rank": "排名"}
_MEASURE_EN = {"level": "a level", "increment": "a new count", "growth": "a growth rate", "cumulative": "a total",
               "rank": "a rank"}


def describe_change(before: Step, after: Step) -> tuple[str, str, str]:
    """The change between two steps' main values: (Chinese text, English text, direction).

    Values are compared only when they measure the same thing in the same unit; otherwise the
    text says what changed (新增数 -> 水平值, 家 -> 个) and the direction is ``not comparable``.
    """
    a, b = before.main, after.main
    if a is None or b is None:
        return ("数值未知（原文匿名），无法比较", "a value is unknown (anonymised), not comparable", "not comparable")
    if a.measure != b.measure:
        return (f"衡量方式由{_MEASURE_ZH.get(a.measure, a.measure)}改为{_MEASURE_ZH.get(b.measure, b.measure)}，不可直接比较",
                f"the measure changed from {_MEASURE_EN.get(a.measure, a.measure)} to "
                f"{_MEASURE_EN.get(b.measure, b.measure)}; not directly comparable", "not comparable")
    if (a.unit or "") != (b.unit or ""):
        return (f"单位由{a.unit or '无'}改为{b.unit or '无'}，不可直接比较",
                f"the unit changed from {a.unit or 'none'} to {b.unit or 'none'}; not directly comparable",
                "not comparable")
    difference = b.value - a.value  # type: ignore[operator]
    lower_is_better = a.measure == "rank"
    if abs(difference) < 1e-9:
        return ("目标持平", "target unchanged", "unchanged")
    raised = (difference < 0) if lower_is_better else (difference > 0)
    unit = "个百分点" if a.unit == "%" else (a.unit or "")
    unit_en = " percentage points" if a.unit == "%" else (f" {a.unit}" if a.unit else "")
    relative = f"，{'+' if difference > 0 else ''}{number(round(100 * difference / a.value, 1))}%" \
        if a.value and a.unit != "%" else ""
    zh = (f"{'提高' if difference > 0 else '降低'}{number(round(abs(difference), 4))}{unit}{relative}，"
          f"目标{'更高' if raised else '下调'}")
    en = (f"{'up' if difference > 0 else 'down'} {number(round(abs(difference), 4))}{unit_en}; "
          f"ambition {'raised' if raised else 'lowered'}")
    return zh, en, "raised" if raised else "lowered"
