"""Extraction: targets and achievements with owners from every clause and table row.

Rules and dictionaries only (no model): see ``facts`` for prose, ``table_facts`` for tables,
``owners`` for responsibility, ``entities`` for named things.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from plankg.ingest.clause_rows import rows_in_clause, units_closing_values
from plankg.ingest.clauses import noise_spans
from plankg.ingest.conflicts import mark_conflicts
from plankg.ingest.cues import cue_regex
from plankg.ingest.entities import extract_entities
from plankg.ingest.facts import ClauseContext, find_facts
from plankg.ingest.frames import Frame, five_year_plan, section_frame
from plankg.ingest.genre import REPORT_TYPES, delivered_year
from plankg.ingest.orgnames import is_unit_list, known_units
from plankg.ingest.owners import (
    default_owner,
    owners_from_list,
    owners_in_text,
    owners_leading_in,
    owners_of_line,
    row_owners,
)
from plankg.ingest.records import Clause, Corpus, Document, Owner, Target
from plankg.ingest.scopes import Scope, ScopeTracker
from plankg.ingest.table_facts import table_row_facts
from plankg.ingest.target_record import make_target
from plankg.ingest.textmap import clean_span
from plankg.ingest.years import hides_year, propose_years

# Section headings that plan or report (lang/zh/cues.toml, [sections]).
_PLAN_WORDS = cue_regex(r"<sections.plan_words>")
_REPORT_WORDS = cue_regex(r"<sections.report_words>")
_TASK_PROGRESS = re.compile(r"(?:目标任务|重点工作|工作任务|重点任务)[^，。；\n]{0,16}(?:进展|推进|落实)情况")
# A line that is only an owner list in brackets: round or hexagonal, a unit's second name inside
# (省数据局(省营商局)), perhaps never closed where the page was cut off.
_OWNER_LINE = re.compile(r"[（(〔][^（()）〔〕]{2,160}(?:[（(][^（()）]{2,16}[)）][^（()）〔〕]*)*(?:[)）〕][。.]?)?|[（(]?(?:主要)?(?:责任|牵头|主责)(?:单位|部门|处室|科室)[:：为][^。；;]{2,80}[)）]?[。.；;]?")
_SECTION_YEAR = re.compile(r"(20\d\d|20[\dXx][Xx])\s*年")  # 20XX年, 202X年: hidden
_PLAN_GENRES = ("work_plan", "implementation_plan", "action_plan", "development_plan", "responsibility_table")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s?[.．、﹒]|[①-⑳])")


def extract_corpus(corpus: Corpus) -> Corpus:
    """Fill ``targets``, ``mentions`` and ``entities`` of a corpus read by the pipeline."""

    targets: list[Target] = []
    warnings = list(corpus.warnings)
    by_doc: dict[str, list[Clause]] = {}
    for clause in corpus.clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    for doc in corpus.documents:
        def warn(message: str, doc: Document = doc) -> None:
            warnings.append(f"{doc.path}{f'#{doc.part + 1}' if doc.part else ''}: {message}")

        targets.extend(extract_document(doc, by_doc.get(doc.id, []), warn))
    return link_corpus(replace(corpus, warnings=tuple(warnings)), targets)


def link_corpus(corpus: Corpus, targets: list[Target]) -> Corpus:
    """The steps that need every document at once: conflicting targets, then merged entities."""
    warnings = list(corpus.warnings)
    corpus = replace(corpus, targets=tuple(mark_conflicts(targets, corpus.documents)))
    try:
        mentions, entities = extract_entities(corpus)
    except MemoryError:
        raise  # the file's memory budget: its one line, not a skipped paragraph
    except Exception as exc:  # noqa: BLE001 - entities are an extra; the targets stand without them
        warnings.append(f"entities not extracted ({type(exc).__name__}: {exc})")
        mentions, entities = [], []
    return replace(corpus, mentions=tuple(mentions), entities=tuple(entities), warnings=tuple(warnings))


def clause_mode(doc: Document, clause: Clause) -> tuple[str, int | None, bool, Frame | None]:
    """Plan or report, the section's own year, whether the section hides its year (20XX), and its frame.

    The innermost heading that reviews or plans decides (一、"十二五"期间主要工作回顾 reviews 2011–2015,
    发展基础 the years before the plan, 主要目标 plans); its figures without a year of their own take
    the end of the period reviewed.
    """
    # A text of no genre that only reports (a news report of where things stand) reads as a report.
    reports_only = doc.doc_type in REPORT_TYPES or (doc.doc_type == "other" and doc.reported_years and not doc.years)
    mode = "report" if reports_only else "plan"
    year: int | None = None
    hidden = False
    frame: Frame | None = None
    plan_start = min(doc.years) if doc.years else None
    report_year = max(doc.reported_years) if doc.reported_years and reports_only else None
    for label in clause.section_path:
        found = _SECTION_YEAR.search(label)
        framed = section_frame(label, plan_start, report_year)
        if framed is not None:
            frame, mode = framed, framed.mode
        elif _PLAN_WORDS.search(label) and not _REPORT_WORDS.search(label):
            mode = "plan"
            frame = Frame("plan", None, None, f'section "{label}" sets out tasks')
        elif _REPORT_WORDS.search(label):
            mode = "report"
            frame = Frame("report", None, None, f'section "{label}" reports')
        if found:
            hidden = found.group(1).upper().endswith("X")
            year = None if hidden else int(found.group(1))
        elif framed is not None and framed.year is not None:
            year = framed.year
    return mode, year, hidden, frame


def frame_line(doc: Document, clause: Clause) -> Frame | None:
    """A short line standing alone as a section head (2023年工作回顾, 2024年主要目标), and its frame.

    News pages and slides head their parts with plain lines instead of numbered headings; such a
    line frames the lines after it until the next one.
    """
    text = clause.text.strip()
    if clause.kind == "table_row" or len(text) > 16 or re.search(r"[，,。；;！!？?%％]|\d(?!\d*\s*年)", text):
        return None
    if clause.kind == "heading" or doc.text[max(0, clause.start - 1) : clause.start] not in ("", "\n"):
        if clause.kind != "heading":
            return None
    plan_start = min(doc.years) if doc.years else None
    report_year = max(doc.reported_years) if doc.reported_years and doc.doc_type in REPORT_TYPES else None
    return section_frame(text, plan_start, report_year)


def context_for(doc: Document, clause: Clause, line_frame: Frame | None = None) -> ClauseContext:
    """Default kind and year of the facts in a clause (``line_frame``: a plain-line section head in force)."""
    mode, section_year, hidden, frame = clause_mode(doc, clause)
    if frame is None and line_frame is not None:
        frame, mode = line_frame, line_frame.mode
        named = _SECTION_YEAR.search(line_frame.reason)
        if named and not named.group(1).upper().endswith("X"):
            section_year = int(named.group(1))
        elif line_frame.year is not None and line_frame.mode == "report":
            section_year = line_frame.year
    if clause.kind == "heading" and not clause.section_path and _TASK_PROGRESS.search(doc.title + doc.text[:1500]):
        # A progress report on assigned tasks heads each task with the task as assigned
        # (一、…，高新技术企业达620家。); the progress under it is what was done.
        mode = "plan"
    title_hidden = hides_year(doc.title) and not (doc.years if mode == "plan" else doc.reported_years)
    years = doc.years if mode == "plan" else doc.reported_years
    period = (min(years), max(years)) if len(years) > 1 else None
    default_year = section_year or (years[0] if len(years) == 1 else None)
    topic = _MARKER.sub("", clause.section_path[-1].split("·")[0]).strip("★ ") if clause.section_path else ""
    today = document_today(doc, mode)
    # 一、“十三五”工作回顾: A由a增加到b under it runs from the end of the plan before (a is of 2015).
    named_plan = five_year_plan(frame.reason) if frame is not None and frame.mode == "report" and frame.period else None
    return ClauseContext(mode, default_year, period, years_unknown=(hidden or title_hidden) and not section_year,
                         scope_since=named_plan[0] - 1 if named_plan else None,
                         topic=topic if 2 <= len(topic) <= 24 else "", today=today,
                         # A section's own year (二、2020年工作计划) outranks the document's.
                         plan_year=None if section_year else own_years(doc)[0],
                         report_year=None if section_year else own_years(doc)[1],
                         frame=frame.reason if frame else "", document_frame=document_frame(doc, today),
                         planned_genre=doc.doc_type in _PLAN_GENRES, within_year=within_year_report(doc))


#: A report on the year so far (上半年, 前三季度, 1-6月): its goals and its results are of one year.
_WITHIN_YEAR = re.compile(r"上半年|前三季度|一季度|二季度|三季度|[1一]\s*[-—～~至到]\s*(?:[2-9]|1[01]|[二三四五六七八九]|十[一]?)\s*月")


def within_year_report(doc: Document) -> bool:
    """Whether the document reports on part of a year (a half-year summary, 前三季度 progress on the year's tasks)."""
    return doc.doc_type == "half_year_summary" or (
        doc.doc_type in REPORT_TYPES and _WITHIN_YEAR.search(doc.title + "\n" + doc.text[:600]) is not None)


def own_years(doc: Document) -> tuple[int | None, int | None]:
    """The document's planned and reported year, for facts that name none.

    A progress report within a year (某年重点工作前三季度落实情况) states that year once, as the
    year of the goals or of the results; both are of it, so the one it names stands for the other.
    """
    plan = doc.years[0] if len(doc.years) == 1 else None
    report = doc.reported_years[0] if len(doc.reported_years) == 1 else None
    if within_year_report(doc) and not (doc.years and doc.reported_years):
        if plan is None and not doc.years:
            plan = report
        if report is None and not doc.reported_years:
            report = plan
    return plan, report


def document_frame(doc: Document, today: int | None) -> str:
    """Why the document speaks from ``today``, in words (for each record's reason)."""
    if today is None:
        return ""
    if doc.published and not doc.years and doc.reported_years == (int(doc.published[:4]) - 1,):
        return f"the document is dated {doc.published} and sums up {doc.reported_years[0]}"
    if doc.published and str(today) == doc.published[:4] and not re.search(r"20\d\d", doc.title):
        return f"the document is dated {doc.published}"
    if doc.reported_years and today in doc.reported_years:
        return f"the document reports on {today}"
    if doc.years:
        span = f"{min(doc.years)}–{max(doc.years)}" if len(doc.years) > 1 else str(doc.years[0])
        return f"the document plans for {span}"
    return f"the document speaks from {today}"


def document_today(doc: Document, mode: str = "plan") -> int | None:
    """The year a document speaks from: what its 今年 means.

    A document titled with its year speaks from it (a summary from the year it reports on, a plan
    from its first planned year); a news report from the year it ran; None when the years are hidden.
    """
    if mode == "report" and not doc.reported_years and hides_year(doc.title):
        return None  # 202x年度工作总结及2025年度工作计划: the year reported on is hidden
    delivered = delivered_year(doc.title, doc.text) if doc.years and doc.reported_years else None
    if delivered is not None and min(doc.years) == delivered == max(doc.reported_years) + 1:
        return delivered  # a meeting's or government work report's 去年 is the year it reviews
    if doc.published and not hides_year(doc.title) and not re.search(r"20\d\d", doc.title):
        return int(doc.published[:4])  # a news report's 今年 is the year it ran
    if doc.reported_years and (mode == "report" or not doc.years):
        return max(doc.reported_years)
    if doc.years:
        return min(doc.years)
    if doc.published and not hides_year(doc.title):
        return int(doc.published[:4])
    return None


def extract_document(doc: Document, clauses: list[Clause], warn: Callable[[str], None] | None = None) -> list[Target]:
    """Targets and achievements of one document; a clause that cannot be read is reported and skipped."""
    targets = _extract_document(doc, clauses, warn)
    proposal = propose_years(doc)
    if proposal is None:
        return targets
    inferred = []
    for target in targets:
        year = proposal.plan_year if target.kind == "target" else proposal.report_year
        if target.year is None and target.period is None and year is not None:
            target = replace(target, year=year, year_inferred=True, year_reason=proposal.reason)
        inferred.append(target)
    return inferred


def _extract_document(doc: Document, clauses: list[Clause], warn: Callable[[str], None] | None = None) -> list[Target]:
    drops, _ = noise_spans(doc.text)
    by_id = {c.id: c for c in clauses}
    group_owners = _paragraph_owners(doc, clauses)
    targets: list[Target] = []
    row_owners, row_starts = _row_end_owners(doc, clauses)
    progress_owners, progress_starts = _progress_rows(doc, clauses)
    row_owners.update(progress_owners)
    row_starts.update(progress_starts)
    group_owners.update(row_owners)
    scopes = ScopeTracker(doc, by_id, document_today(doc))
    line_frame: Frame | None = None
    for clause in clauses:
        scope = scopes.enter(clause)
        if not clause.section_path:
            line_frame = frame_line(doc, clause) or line_frame
        try:
            targets.extend(_clause_targets(doc, clause, by_id, group_owners, drops, scope,
                                           None if clause.section_path else line_frame, row_starts.get(clause.id, 0)))
        except MemoryError:
            raise  # the file's memory budget: its one line, not a skipped paragraph
        except Exception as exc:  # noqa: BLE001 - one odd clause must not lose the document
            if warn:
                warn(f"characters {clause.start}-{clause.end}: clause skipped ({type(exc).__name__}: {exc})")
    return _restated_owners(targets)


def _restated_owners(targets: list[Target]) -> list[Target]:
    """A goal restated where no unit is named (a news report's lede listing the goals that its task
    division then assigns) is owned by the units the text names for that same goal: same kind,
    indicator, value, unit and year, and one list of units for it."""
    def key(target: Target) -> tuple:
        return target.kind, target.indicator, target.value, target.unit, target.year

    named: dict[tuple, dict[tuple[str, ...], tuple[Owner, ...]]] = {}
    for target in targets:
        if target.owner_source == "explicit" and target.value is not None:
            named.setdefault(key(target), {})[tuple(o.name for o in target.owners)] = target.owners
    restated = []
    for target in targets:
        lists = named.get(key(target), {})
        if target.owner_source == "default" and len(lists) == 1:
            target = replace(target, owners=next(iter(lists.values())), owner_source="explicit")
        restated.append(target)
    return restated


def _clause_targets(doc: Document, clause: Clause, by_id: dict[str, Clause],
                    group_owners: dict[str, tuple[Owner, ...]], drops, scope: Scope | None,
                    line_frame: Frame | None = None, row_start: int = 0) -> list[Target]:
    """Targets of one clause, under the year scope that the clauses before it opened."""
    if clause.kind == "table_row":
        return table_row_facts(doc, clause)
    if not re.search(r"[\dXx]|百分之|[一二两三四五六七八九十百千][家个项件人名]", clause.text):
        return []
    row = _table_row_of(clause, by_id)
    if row is not None:
        owners, source = row_owners(doc, row.cells)
    elif row_start or clause.id in group_owners and _ROW_END_OWNED in group_owners[clause.id][-1:]:
        owners = group_owners[clause.id][:-1] if clause.id in group_owners else ()
        source = "explicit" if owners else "default"
    else:
        owners = owners_in_text(clause.text, doc) or group_owners.get(clause.id, ())
        source = "explicit" if owners else "default"
        owners = owners or default_owner(doc)
    mapped = clean_span(doc.text, clause.start, clause.end, doc.repairs, drops)
    marker = _MARKER.match(mapped.text, row_start)
    ctx = context_for(doc, clause, line_frame)
    if scope is not None and scope.review and ctx.frame and ctx.mode == "report":
        scope = None  # a review section's own frame dates its paragraphs, with its reason
    if scope is not None:
        # A scope restating the end of the period a review section covers keeps that period's start.
        since = scope.since if scope.since is not None or scope.year != ctx.default_year else ctx.scope_since
        ctx = replace(ctx, scope_year=scope.year, goal_list=scope.goal, scope_reach=scope.reach, scope_since=since)
        if scope.review:
            ctx = replace(ctx, mode="report", scope_review=f"the paragraph opening {scope.review}")
    rows = rows_in_clause(mapped.text, doc, row_start) if row is None else []
    if rows:
        # Task rows run together in this clause: each row's figures with that row's units.
        targets = []
        for k, part in enumerate(rows):
            part_owners, part_source = (part.owners, "explicit") if part.owners else (
                (owners, source) if k == 0 else (default_owner(doc), "default"))
            for fact in find_facts(mapped.text[part.body : part.end], ctx, 0):
                span = mapped.span(fact.start + part.body, fact.end + part.body)
                targets.append(make_target(doc, clause, fact, *span, part_owners, part_source))
        return targets
    facts = find_facts(mapped.text[row_start:], ctx, marker.end() - row_start if marker else 0)
    # A goal still owned by the issuer may have its item's units written right after its value.
    closing = units_closing_values(mapped.text[row_start:], [(f.start, f.end) for f in facts], doc) \
        if source == "default" else [()] * len(facts)
    return [make_target(doc, clause, fact, *mapped.span(fact.start + row_start, fact.end + row_start),
                        *((units, "explicit") if units else (owners, source)))
            for fact, units in zip(facts, closing)]


def _table_row_of(clause: Clause, by_id: dict[str, Clause]) -> Clause | None:
    parent = by_id.get(clause.parent_id) if clause.parent_id else None
    while parent is not None:
        if parent.kind == "table_row":
            return parent
        parent = by_id.get(parent.parent_id) if parent.parent_id else None
    return None


#: A unit list closing the row before, then this row's number (…达到2.1%。 县科技局 8 新增……).
_ROW_OPENING = re.compile(r"^([\u4e00-\u9fff、，,（）()]{2,60}?)\s*(\d{1,3})\s*[.．、]?\s*(?=[\u4e00-\u9fff])")
_ROW_NUMBER_AT = re.compile(r"^\s*\d{1,3}\s*[.．、]?\s*(?=[\u4e00-\u9fff])")
_ROW_END_OWNED = Owner("", "", "row-end")  # marks owners taken from the unit that ends a table row


#: A progress row's owner cell, then its progress sentence after a space (区发改局 生产总值同比增长3.1%。).
_UNITS_THEN_PROGRESS = re.compile(r"^\s*([\u4e00-\u9fff、，,（）()]{2,60}?)[ \t\u3000]+(?!\d{1,3}\s*[.．、]?\s*[\u4e00-\u9fff])(?=\S)")


def _progress_rows(doc: Document, clauses: list[Clause]) -> tuple[dict[str, tuple[Owner, ...]], dict[str, int]]:
    """Rows of a progress table written with single spaces (序号 目标任务 责任单位 推进情况).

    ``1 生产总值增长7%以上。 区发改局 生产总值同比增长3.1%。``: the task ends with its stop, then the owner
    cell, then the progress sentence. An owner cell of several units breaks one unit a line before the
    progress sentence. The goal and the result are both owned by all the cell's units, the first
    leading; the progress sentence's own text starts after the cell. Returns owners by clause id and
    where each progress sentence starts."""
    known = known_units(doc.text)
    owners: dict[str, tuple[Owner, ...]] = {}
    starts: dict[str, int] = {}
    row: Clause | None = None
    cell: list[str] = []
    for clause in clauses:
        raw = doc.text[clause.start:clause.end].strip()
        text = clause.text.strip()
        if clause.kind != "sentence":
            row, cell = None, []
            continue
        if _ROW_NUMBER_AT.match(text) and re.search(r"[。；;]$", text):
            row, cell = clause, []
            continue
        if row is None:
            continue
        # One unit a line: the cell goes on; a line of the cell's level word (区供销联社 under 区林业局)
        # is a unit of it even when its name ends unlike a bureau's.
        if is_unit_list(text, known) and len(text) <= 30 or cell and text[0] == cell[0][0] and re.fullmatch(
                r"[\u4e00-\u9fff]{3,16}", text) and text[0] in "省市区县":
            cell.append(text)
            continue
        opening = _UNITS_THEN_PROGRESS.match(raw)
        units_text = "、".join([*cell, opening.group(1)]) if opening and is_unit_list(opening.group(1), known) \
            else "、".join(cell)
        units = owners_from_list(units_text.split("、"), doc) if cell else owners_of_line(units_text, doc) \
            if units_text else ()
        if units:
            owners[row.id] = (*units, _ROW_END_OWNED)
            owners[clause.id] = (*units, _ROW_END_OWNED)
            if opening and units_text.endswith(opening.group(1)) and opening.group(1) not in cell:
                starts[clause.id] = len(re.sub(r"\s", "", opening.group(1)))
        row, cell = None, []
    return owners, starts


def _row_end_owners(doc: Document, clauses: list[Clause]) -> tuple[dict[str, tuple[Owner, ...]], dict[str, int]]:
    """Rows of a task table flattened into prose, each ending with its lead unit.

    ``7 全社会研发经费支出占GDP比重达到2.1%。 县科技局 8 新增高新技术企业15家。 县科技局、县发改局``: the
    sentences split after 。, so each opens with the previous row's unit list and its own number. The
    unit list goes to the row before (never the issuer by default), and the number starts a new row,
    so rows never run into each other. Returns owners by clause id and where each row's text starts.
    """
    known = known_units(doc.text)
    owners: dict[str, tuple[Owner, ...]] = {}
    starts: dict[str, int] = {}
    previous: Clause | None = None
    for clause in clauses:
        if clause.kind == "table_row":
            previous = None
            continue
        text = clause.text.strip()
        opening = _ROW_OPENING.match(text)
        unit_text = opening.group(1) if opening else text if is_unit_list(text, known) and len(text) <= 60 else ""
        if previous is not None and unit_text and is_unit_list(unit_text, known):
            units = owners_of_line(unit_text, doc)
            if units:
                owners[previous.id] = (*units, _ROW_END_OWNED)
                number = _ROW_NUMBER_AT.match(previous.text)
                if number and previous.id not in starts:
                    starts[previous.id] = number.end()
                if opening:
                    starts[clause.id] = opening.end()
                    owners.setdefault(clause.id, (_ROW_END_OWNED,))
        # A row without a number (…达到1.8%。　县科技局) is any statement with a figure before its unit list.
        previous = clause if opening or _ROW_NUMBER_AT.match(text) or re.search(r"\d", text) and not unit_text else None
    return owners, starts


def _paragraph_owners(doc: Document, clauses: list[Clause]) -> dict[str, tuple[Owner, ...]]:
    """Owners written once at the end of an item's paragraph apply to every clause in it."""
    children: dict[str, list[Clause]] = {}
    for clause in clauses:
        if clause.parent_id:
            children.setdefault(clause.parent_id, []).append(clause)
    result: dict[str, tuple[Owner, ...]] = {}
    for clause in clauses:
        if clause.kind != "item":
            continue
        group = [clause, *[c for c in children.get(clause.id, []) if c.kind == "sentence"]]
        owners = owners_in_text(_owner_tail(group), doc)
        if not owners:
            # 牵头科室：…／配合科室：… written as field lines under the item.
            fields = [c.text for c in group[1:] if re.match(r"^[^：:]{2,12}[：:]", c.text)]
            owners = owners_in_text("；".join(fields), doc) if fields else ()
        if owners:
            for member in group:
                result[member.id] = owners
    known = known_units(doc.text)
    for group in _line_groups(doc, clauses):
        # A paragraph of goals with no item number, closed by its owner block: the block owns every goal in it.
        tail = _owner_tail(group)
        line_owners: tuple[Owner, ...] = ()
        if len(group) > 1 and _FIELD_START.match(tail) and _OWNER_LINE.fullmatch(tail.strip()):
            line_owners = owners_in_text(tail, doc)
        # A line led by the units that own it (区科技局：新增…；技术合同…): they own every goal on the line.
        lead_in = _UNITS_LEAD_IN.match(_MARKER.sub("", group[0].text.strip()))
        if not line_owners and lead_in and is_unit_list(lead_in.group(1), known):
            line_owners = owners_of_line(lead_in.group(1), doc)
        for member in group if line_owners else ():
            result.setdefault(member.id, line_owners)
        if not line_owners:
            _closing_bracket_owns_run(doc, group, result)
    _field_lines_after(doc, clauses, result)
    _notes_on_siblings(doc, clauses, result)
    # Inner headings first: a section's own owners win over those of the section around it.
    for clause in reversed(clauses):
        if clause.kind != "heading":
            continue
        owners = _heading_owners(doc, clause, children.get(clause.id, []), known)
        if owners:
            for member in _descendants(clause, children):
                result.setdefault(member.id, owners)
    return result


#: A clause closed by an owner bracket: （X负责，Y牵头，Z、W参加） / （Y牵头，Z配合）.
_CLOSING_OWNER_BRACKET = re.compile(r"[（(]([^（()）]{2,160})[)）][。；;]?\s*$")
_OPEN_OWNER_BRACKET = re.compile(r"[（(]([^（()）]{2,160})$")


def _closing_bracket_owns_run(doc: Document, group: list[Clause], result: dict[str, tuple[Owner, ...]]) -> None:
    """Goals of one paragraph split by semicolons (``A增长7%；B5%左右；C下降2.5%（Y牵头，Z参加）``):
    the bracket closing a goal owns every goal written since the paragraph's start or the previous
    such bracket, since a list of goals is handed out once, at its end. A stop ends the run: a
    sentence before it is no part of that list."""
    pending: list[Clause] = []
    for member in group:
        bracket = _CLOSING_OWNER_BRACKET.search(member.text)
        if bracket is None and member is group[-1]:
            bracket = _OPEN_OWNER_BRACKET.search(member.text)  # the page cut the list inside its bracket
        owners = owners_in_text(bracket.group(), doc) if bracket else ()
        if owners:
            for earlier in pending:
                result.setdefault(earlier.id, owners)
            pending = []
        elif re.search(r"[；;]\s*$", member.text):
            pending.append(member)
        else:
            pending = []


#: An owner field on a line of its own, led by the lead or duty label (牵头单位：… / 责任单位：…).
_LEAD_FIELD_LINE = re.compile(r"^[（(【\[]?\s*(?:主要)?(?:牵头|责任|主责)(?:单位|部门|处室|科室)\s*[】\]]?\s*[：:]")


def _field_lines_after(doc: Document, clauses: list[Clause], result: dict[str, tuple[Owner, ...]]) -> None:
    """Owner field lines under an unnumbered item (``新增…18家。`` then ``牵头单位：县科技局`` then
    ``责任单位：县工信局``): the run of field lines, lead first, owns the sentences written since the
    previous field run or heading. Field lines straight under a heading are the heading's own, and
    a section whose first lines are fields writes them above its items: there no run looks back."""
    pending: list[Clause] = []
    fields_lead = False
    k = 0
    while k < len(clauses):
        clause = clauses[k]
        if clause.kind != "sentence":
            pending, fields_lead = [], fields_lead and clause.kind != "heading"
            k += 1
            continue
        if not _LEAD_FIELD_LINE.match(clause.text.strip()):
            pending.append(clause)
            k += 1
            continue
        fields = [clause.text]
        k += 1
        while k < len(clauses) and clauses[k].kind == "sentence" and _FIELD_START.match(clauses[k].text.strip()):
            fields.append(clauses[k].text)
            k += 1
        fields_lead = fields_lead or not pending
        owners = owners_in_text("；".join(fields), doc) if pending and not fields_lead else ()
        for member in pending if owners else ():
            result.setdefault(member.id, owners)
        pending = []


#: A field of an item's closing owner block: （责任领导：…； / 牵头单位：…； / 配合单位：…）
_FIELD_START = re.compile(r"^[（(【\[]?\s*[^\s：:，,。；;（(]{2,8}[：:]")


def _heading_owners(doc: Document, heading: Clause, below: list[Clause],
                    known: set[str] | None = None) -> tuple[Owner, ...]:
    """Owners a heading gives to everything under it.

    ``（一）壮大创新主体（牵头单位：县科技局；配合单位：县工信局）`` (in the heading, its field block
    perhaps split off by the semicolon); ``(一)地区生产总值增长7%以上`` then a ``责任单位：区发改局``
    line; ``一、新增市级创新平台50家。(第17条、高新科)``: a task heading whose owner line follows it,
    or whose sentences end with it, owns the whole task, the progress reported under it included.
    """
    fields = []
    for line in below:
        if line.kind != "sentence" or not (_FIELD_START.match(line.text) or _OWNER_LINE.fullmatch(line.text.strip())):
            break
        fields.append(line.text)
    own = _OPEN_FIELD_BLOCK.search(heading.text)
    if own and fields:
        return owners_in_text(own.group() + "".join(fields), doc)
    if len(fields) > 1:
        # 牵头单位：… then 责任单位：… on lines of their own under the heading: all of them, not the first.
        owners = owners_in_text("；".join(fields), doc)
        if owners:
            return owners
    # A heading that names only a unit (一、县科技局): a division of the goals by the body that owns them.
    title = _MARKER.sub("", heading.text.strip()).strip(" ：:")
    if title and len(title) <= 40 and is_unit_list(title, known or set()):
        owners = owners_of_line(title, doc)
        if owners:
            return owners
    if _CLOSING_OWNERS.search(heading.text):
        owners = owners_in_text(heading.text, doc)
        if owners:
            return owners
    lines = [below[0]] if below else []
    if len(below) > 1 and all(c.kind == "sentence" for c in below):
        lines.append(below[-1])
    for line in lines:
        if line.kind == "sentence" and _OWNER_LINE.fullmatch(line.text.strip()):
            owners = owners_in_text(line.text, doc)
            if owners:
                return owners
    return ()


#: A heading's owner block whose semicolon split the rest off: （一）壮大创新主体（牵头单位：县科技局；
_OPEN_FIELD_BLOCK = re.compile(r"[（(【\[][^（()）【】\[\]]{2,12}[：:][^（()）【】\[\]]*$")
#: A heading that ends with its owners: （二）提升研发投入（牵头单位：县统计局）
_CLOSING_OWNERS = re.compile(r"[（(【\[][^（()）【】\[\]]{2,80}[)）】\]][。；;]?$")


#: Units leading a line, before a colon: 区科技局：… / 市发改委、市统计局：…
_UNITS_LEAD_IN = re.compile(r"([\u4e00-\u9fff、]{3,40})[:：]")


#: A note that looks back over what stands before it in its section: 以上任务由…, 上述指标…
_LOOKS_BACK = re.compile(r"^(?:以上|上述)")


def _notes_on_siblings(doc: Document, clauses: list[Clause], result: dict[str, tuple[Owner, ...]]) -> None:
    """Owners a note gives to its neighbours in the same section: a closing note (以上任务由X牵头，Y配合)
    owns what stands before it, back to the section's heading or the previous such note; a lead-in
    (X牵头负责以下工作：) owns what follows it, up to the next heading. An item's own owners win."""
    since: list[Clause] = []
    handed: tuple[Owner, ...] = ()
    for clause in clauses:
        text = clause.text.strip()
        if clause.kind == "heading":
            since, handed = [], ()
            continue
        back = owners_in_text(text, doc) if clause.kind == "sentence" and _LOOKS_BACK.match(text) else ()
        if back:
            for member in since:
                result.setdefault(member.id, back)
            since = []
            continue
        ahead = owners_leading_in(text, doc) if clause.kind == "sentence" else ()
        if ahead:
            since, handed = [], ahead
            continue
        if handed:
            result.setdefault(clause.id, handed)
        since.append(clause)


def _line_groups(doc: Document, clauses: list[Clause]) -> list[list[Clause]]:
    """Runs of sentence clauses written on one line of the document (one paragraph), in order; a
    numbered item may open a run."""
    groups: list[list[Clause]] = []
    for clause in clauses:
        if clause.kind not in ("sentence", "item"):
            groups.append([])
            continue
        previous = groups[-1][-1] if groups and groups[-1] else None
        if clause.kind == "sentence" and previous is not None and "\n" not in doc.text[previous.end:clause.start]:
            groups[-1].append(clause)
        else:
            groups.append([clause])
    return [group for group in groups if group]


def _owner_tail(group: list[Clause]) -> str:
    """The text of an item's closing owner block: the last clause, with the field clauses before it
    that the block's semicolons split off (（责任领导：…；牵头单位：…；配合单位：…）)."""
    tail = [group[-1].text]
    for member in reversed(group[1:-1]):
        if not (_FIELD_START.match(member.text) and _FIELD_START.match(tail[0])):
            break
        tail.insert(0, member.text)
    # Field lines of their own (主要责任单位：X / 协同配合单位：Y) end without a stop: keep them apart.
    return "".join(part if re.search(r"[；;。，,]\s*$", part) else part + "；" for part in tail[:-1]) + tail[-1]


def _descendants(clause: Clause, children: dict[str, list[Clause]]) -> list[Clause]:
    """The clause and every clause under it."""
    found, stack = [], [clause]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current.id, []))
    return found
