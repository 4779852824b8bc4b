"""When a section speaks: a review of a past period, a plan for a coming one, or the present state.

A five-year plan opens with a review (一、"十二五"期间主要工作回顾, 发展基础) before its goals; a work
report reviews the year (一年来, 2022年工作情况) before it plans the next (2023年工作安排). A figure
in a review is a result dated at the end of the period reviewed, unless its own words say otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import cue_regex, table

_REVIEW = cue_regex(r"<frames.review_words>")
_PLAN = cue_regex(r"<frames.plan_words>")
_STATUS = cue_regex(r"<frames.status_words>")
_FIVE_YEAR_PLANS: dict[str, int] = table("years.five_year_plans")
_PLAN_NAME = re.compile(r"[“\"]?(" + "|".join(map(re.escape, _FIVE_YEAR_PLANS)) + r")[”\"]?")
_RANGE = re.compile(r"(20\d\d)\s*[—\-–~至到]\s*(20\d\d)\s*年?")
_YEAR = re.compile(r"(20\d\d)\s*年")
#: 前三年目标, 五年目标任务: a plan's first N years (a table column's own year).
_YEARS_INTO_PLAN = re.compile(r"(?:前|第)?(?<!\d)([一二三四五六七八九十]|\d{1,2})年(?:度)?(?:目标|任务|预期)")
_NUMERALS = "〇一二三四五六七八九十"
#: A heading that names a summary and the plan after it (2022年工作总结和2023年工作思路) frames neither.
_SUMMARY_AND_PLAN = re.compile(r"总结[^，。；]{0,12}?[和及与、暨][^，。；]{0,12}?(?:计划|打算|思路|安排|要点)")
#: 情况 after the work it names reports on it, unless it tells how targets were set (指标设置情况, 任务分解情况).
_HOW_IT_WENT = re.compile(r"(?<!设置)(?<!设定)(?<!分解)(?<!安排)(?<!分工)情况")
_YEARS_AHEAD = {"今后五年": 5, "未来五年": 5, "今后三年": 3, "未来三年": 3}
_YEARS_BACK = {"过去五年": 5, "五年来": 5, "过去三年": 3, "三年来": 3}


@dataclass(frozen=True)
class Frame:
    """What a section heading says about the time of the figures under it.

    Attributes:
        mode: ``report`` (a review or a status) or ``plan``.
        year: The year its figures are dated at when they name none (a review's last year).
        period: The period it reviews or plans, where it names one.
        reason: Why, in words (``section "一、十二五期间主要工作回顾" reviews 2011–2015``).
    """

    mode: str
    year: int | None
    period: tuple[int, int] | None
    reason: str


def five_year_plan(text: str) -> tuple[int, int] | None:
    """The years of the five-year plan a text names (十三五 -> 2016–2020), or None."""
    match = _PLAN_NAME.search(text)
    if not match:
        return None
    first = _FIVE_YEAR_PLANS[match.group(1)]
    return first, first + 4


def section_frame(label: str, plan_start: int | None, report_year: int | None) -> Frame | None:
    """The frame a section heading sets, or None when it neither reviews nor plans.

    Args:
        label: The heading as written.
        plan_start: The first year the document plans for (a review before it ends the year before).
        report_year: The year the document reports on, if it is a report.
    """
    heading = label.strip()
    if _SUMMARY_AND_PLAN.search(heading):
        return None  # the document's own title as its first heading (X年工作总结及Y年工作打算): both parts
    if _STATUS.search(heading) and not _PLAN.search(heading):
        year = report_year or plan_start
        return Frame("report", year, None, f'section "{heading}" gives the state at the time of writing')
    reviews, plans = bool(_REVIEW.search(heading)), bool(_PLAN.search(heading))
    years_in = _YEARS_INTO_PLAN.search(heading)
    if years_in and plan_start and (plans or "目标" in heading):
        # 前三年目标任务: up to the plan's third year; 五年目标任务: its fifth (last) year.
        token = years_in.group(1)
        year = plan_start + (int(token) if token.isdigit() else _NUMERALS.index(token)) - 1
        return Frame("plan", year, None, f'column "{heading}" is for the plan\'s year {year}')
    ahead = next((n for word, n in _YEARS_AHEAD.items() if word in heading), 0)
    if ahead and plan_start and not reviews:
        end = plan_start + ahead - 1
        return Frame("plan", end, (plan_start, end), f'section "{heading}" plans {plan_start}–{end}')
    progress = _HOW_IT_WENT.search(heading)
    if plans and not reviews and progress and not _PLAN.search(heading[progress.end():]):
        # 一、重点工作情况, 目标任务完成情况: how the planned work went is reported, not planned.
        return Frame("report", report_year, None, f'section "{heading}" reports how the work went')
    if plans and not reviews:
        return Frame("plan", None, None, f'section "{heading}" sets out plans')
    if not reviews:
        return None
    period = _reviewed_period(heading, plan_start, report_year)
    if period is None:
        return Frame("report", None, None, f'section "{heading}" reviews past work')
    span = f"{period[0]}" if period[0] == period[1] else f"{period[0]}–{period[1]}"
    return Frame("report", period[1], period if period[0] != period[1] else None,
                 f'section "{heading}" reviews {span}')


def _reviewed_period(heading: str, plan_start: int | None, report_year: int | None) -> tuple[int, int] | None:
    """The period a review heading covers: as named, else the years just before the plan."""
    span = _RANGE.search(heading)
    if span and int(span.group(2)) > int(span.group(1)):
        return int(span.group(1)), int(span.group(2))
    named = five_year_plan(heading)
    if named:
        return named
    year = _YEAR.search(heading)
    if year:
        return int(year.group(1)), int(year.group(1))
    last = report_year or (plan_start - 1 if plan_start else None)
    if last is None:
        return None
    back = next((n for word, n in _YEARS_BACK.items() if word in heading), 1)
    return last - back + 1, last
