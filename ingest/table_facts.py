"""Targets and baselines from table rows whose columns are years (2020年完成情况, 2021年目标...)."""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.facts import Fact, year_note
from plankg.ingest.frames import section_frame
from plankg.ingest.numbers import UNIT_PATTERN, comparator_for, find_values
from plankg.ingest.owners import row_owners
from plankg.ingest.records import Cell, Clause, Document, Target
from plankg.ingest.target_record import make_target
from plankg.ingest.textmap import clean_span
from plankg.ingest.units import infer_unit

_YEAR_HEADER = re.compile(r"(20\d\d)")
# Column header words (lang/zh/cues.toml, [tables]).
_ACTUAL_HEADER = cue_regex(r"<tables.actual_columns>")
_OWNER_HEADER = cue_regex(r"<tables.owner_columns>")
_NAME_HEADER = cue_regex(r"<tables.name_columns>")
_YEAR_VALUE_HEADER = cue_regex(r"<tables.year_value_columns>")
_ROW_NAME_HEADER = cue_regex(r"<tables.row_name_columns>")
_INCREMENT = cue_regex(r"<tables.increment_words>")
_GROWTH = cue_regex(r"<tables.growth_words>")
# The words a value column is named by (目标, 完成情况, 任务, 值): what is left names the indicator.
_VALUE_WORDS = cue_regex(r"(?:<tables.year_value_columns>|<tables.value_columns>|任务|值|数|预期|计划|考核|分解)+$")
_RATE_COLUMN = re.compile(r"率|[%％]")
_GOAL_HEADER = re.compile(r"目标|预期|计划")
_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# 高新技术企业数（家）, 研发投入强度(%): the unit in brackets after the name, any unit the units module knows.
# A scale may lead the unit (培养技能型人才（千人）, 资金（万美元）).
_UNIT_IN_NAME = re.compile(r"[（(]\s*((?:千|百万|千万)?(?:" + UNIT_PATTERN
                           + r"))\s*[）)]?\s*$")
#: A column of units beside the values (单位, 计量单位).
_MEASURE_HEADER = re.compile(r"^(?:计量)?单位$")
#: A unit written in a measure cell: a known sign or a short counter (家, 亿元, 件/万人).
_MEASURE_CELL = re.compile(r"(%|％|‰|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,3})?)")


def _column_year(name: str) -> int | None:
    match = _YEAR_HEADER.search(name)
    return int(match.group(1)) if match else None


def table_row_facts(doc: Document, row: Clause) -> list[Target]:
    """Targets for each year column of a row, and the baseline column as an achievement."""
    # Year columns that hold values (2021年目标, 2020年完成情况, 2025), not plans written as prose.
    year_cells = [
        c for c in row.cells
        if _column_year(c.name) is not None and not _OWNER_HEADER.search(c.name)
        and (re.fullmatch(r"20\d\d年?", c.name) or _YEAR_VALUE_HEADER.search(c.name))
    ]
    column_years = {c.name: _column_year(c.name) for c in year_cells}
    if not year_cells and not any(_column_year(c.name) for c in row.cells) and row.table and _column_year(row.table):
        # 旌阳区2016年度…目标任务分解表 | 项目 | 目标任务: a bare number under a value column is the
        # goal for the title's year (prose cells with units are read as sentences instead).
        year_cells = [c for c in row.cells if _YEAR_VALUE_HEADER.search(c.name) and not _OWNER_HEADER.search(c.name)
                      and not _ROW_NAME_HEADER.search(c.name) and _BARE_NUMBER.fullmatch(c.text.strip())]
        column_years = {c.name: _column_year(row.table) for c in year_cells}
    if not year_cells and doc.years:
        year_cells, column_years = _years_into_plan_cells(row, min(doc.years))
    if not year_cells:
        return []
    name_cell = next((c for c in row.cells if _ROW_NAME_HEADER.search(c.name)), None) or next(
        (c for c in row.cells if _NAME_HEADER.search(c.name)), None)
    # 区县 | 2024年目标 | 2025年目标 under 某省研发投入目标分解: the title names what every column counts.
    titled = _title_indicator(row.table or "") if name_cell is None else ""
    if name_cell is None and not titled and not any(_column_indicator(c.name) for c in year_cells):
        return []
    raw_name = name_cell.text.replace("\n", "") if name_cell is not None else ""
    in_name = _UNIT_IN_NAME.search(raw_name)
    indicator = _UNIT_IN_NAME.sub("", raw_name).lstrip("*＊").strip()
    # A column of measures beside the name (单位：亿元, 件/万人) states the unit as a bracket in the name does.
    unit_cell = next((c.text.strip() for c in row.cells if _MEASURE_HEADER.match(c.name)), "")
    stated = in_name.group(1) if in_name else unit_cell if _MEASURE_CELL.fullmatch(unit_cell) else None
    stated = "%" if stated == "％" else stated
    owners, source = row_owners(doc, row.cells)
    first_plan = min(doc.years) if doc.years else None
    baseline: Target | None = None
    targets: list[Target] = []
    # 区县 | 出口目标（万美元） | 引资目标: with no column naming the indicator, each value column
    # names its own, and a unit in its brackets holds for its cells.
    facts = [(cell, _cell_fact(doc, cell, indicator or _column_indicator(cell.name) or titled,
                               stated or _column_unit(cell.name)))
             for cell in year_cells if indicator or _column_indicator(cell.name) or titled]
    # A unit written in one cell of a row (1.91元) holds for the row's bare numbers (1.95, 2).
    # A rate column's % (完成率 82%) is no unit of the row's counts.
    row_unit = next((f.unit for c, f in facts if f is not None and f.unit and not f.unit_inferred
                     and not (f.unit == "%" and _RATE_COLUMN.search(c.name))), None)
    for cell, fact in facts:
        if fact is None:
            continue
        column_year = column_years[cell.name]
        # A column named for a goal (2024年目标) plans that year, even one before the document's first.
        actual = bool(_ACTUAL_HEADER.search(cell.name)) or (first_plan is not None and column_year < first_plan
                                                             and not _GOAL_HEADER.search(cell.name))
        if (fact.unit is None or fact.unit_inferred) and row_unit:
            fact.unit, fact.unit_inferred = row_unit, True
        fact.kind = "achievement" if actual else "target"
        noted = year_note(cell.text)
        fact.year = noted if (actual and noted) else column_year
        fact.why = f'column "{cell.name}" {"reports" if actual else "plans"} {fact.year}'
        start, end = _span(doc, cell, fact)
        extra = {}
        if not actual and baseline is not None:
            extra = {"baseline": baseline.value, "baseline_id": baseline.id}
        target = make_target(doc, row, fact, start, end, owners, source, **extra)
        if actual and baseline is None:
            baseline = target
        targets.append(target)
    return targets


def _column_unit(name: str) -> str | None:
    """The unit a value column's name states in brackets (出口目标（万美元）)."""
    match = _UNIT_IN_NAME.search(name)
    return match.group(1) if match else None


def _column_indicator(name: str) -> str:
    """What a value column measures when its name says it (2002年外贸出口目标（万美元） -> 外贸出口)."""
    bare = _UNIT_IN_NAME.sub("", name)
    bare = re.sub(r"20\d\d\s*年(?:度|底|末)?|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月", "", bare)
    bare = _VALUE_WORDS.sub("", bare).strip("（()）%％ ")
    return bare if len(bare) >= 2 else ""


def _title_indicator(title: str) -> str:
    """What a table's title says it divides (某省2025年研发投入目标分解表 -> 研发投入), or ""."""
    bare = re.sub(r"20\d\d\s*年(?:度)?", "", re.sub(r"\s+", "", title))
    bare = re.sub(r"(?:目标任务|目标|任务|指标)?(?:分解|下达|安排|分配)(?:表|方案)?$", "", bare)
    bare = re.sub(r"^[^省市区县州]{0,8}[省市区县州](?=[\u4e00-\u9fff]{2})", "", bare, count=1)
    return bare if 2 <= len(bare) <= 16 and not re.search(r"[\d，,。；;：:]", bare) else ""


def _years_into_plan_cells(row: Clause, plan_start: int) -> tuple[list[Cell], dict[str, int | None]]:
    """Value columns named by the plan's years (前三年目标任务, 五年目标任务) and the year each is for."""
    cells, years = [], {}
    for cell in row.cells:
        if _OWNER_HEADER.search(cell.name) or not _BARE_NUMBER.match(cell.text.strip()):
            continue
        frame = section_frame(cell.name, plan_start, None)
        if frame is not None and frame.mode == "plan" and frame.year is not None and frame.period is None:
            cells.append(cell)
            years[cell.name] = frame.year
    return cells, years


def _cell_fact(doc: Document, cell: Cell, indicator: str, stated_unit: str | None) -> Fact | None:
    # The value is on the cell's first line; later lines are notes such as "(19年数据)".
    text = cell.text.split("\n")[0]
    if "X" in text.upper() and re.search(r"(?<![A-Za-z])[Xx]{1,3}(?![A-Za-z])", text):
        return Fact(0, len(text), None, stated_unit or infer_unit(indicator), indicator, "target",
                    placeholder=True, unit_inferred=stated_unit is None)
    values = [v for v in find_values(text) if not re.match(r"[年月日号届期版]", text[v.end : v.end + 1])]
    if len(values) > 1 and re.search(r"[/,，;；]", text):
        return None  # several numbers in one cell (申报数12个,通过初评数7): not one indicator value
    bare = re.match(r"^(?:新增|累计|达到|新引进|引进|每年不少于|每年|新推广|累计推广|累计达到|不少于|力争)?(\d+(?:\.\d+)?)(%|％)?", text)
    rank = re.search(r"(?:排名|全省|全国|全市|跻身)[^，,]{0,4}前(\d+)", text)
    if rank:
        number, unit, start, end = float(rank.group(1)), "名", rank.start(1), rank.end(1)
    elif bare:
        first = values[0] if values and values[0].start == bare.start(1) else None
        number = float(bare.group(1))
        unit = "%" if bare.group(2) else first.unit if first else None
        start, end = bare.start(1), first.end if first else bare.end()
    elif values and values[0].unit:
        number, unit, start, end = values[0].value, values[0].unit, values[0].start, values[0].end
    else:
        return None
    inferred = False
    if unit is None:
        unit = stated_unit
    if unit is None:
        unit = infer_unit(indicator)
        inferred = unit is not None
    measure = "level"
    head = text[:start]
    if _INCREMENT.search(head):
        measure = "increment"
    elif "累计" in head:
        measure = "cumulative"
    if rank:
        measure = "rank"
    if _GROWTH.search(indicator) and unit == "%":
        measure = "growth"
    return Fact(start, end, number, unit, indicator, "target", comparator=comparator_for(head, text[end:]),
                measure=measure, growth=measure == "growth", unit_inferred=inferred)


def _span(doc: Document, cell: Cell, fact: Fact) -> tuple[int, int]:
    """Document span of a fact found in a cell's text (lines joined without breaks)."""
    mapped = clean_span(doc.text, cell.start, cell.end, doc.repairs)
    if mapped.text == cell.text.replace("\n", ""):
        return mapped.span(fact.start, fact.end)
    return cell.start, cell.end
