"""What a clause's facts default to: kind, year, period, topic, and the scopes in force."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClauseContext:
    """What a clause's facts default to: kind, year, period."""

    mode: str  # "plan" | "report"
    default_year: int | None
    default_period: tuple[int, int] | None
    years_unknown: bool = False  # the document hides its years (20XX)
    topic: str = ""  # the task or section a clause belongs to, for values that name no indicator
    today: int | None = None  # the year the document speaks from (今年), for 去年/明年 and past vs future
    scope_year: int | None = None  # a goal list's 到2027年 that holds for the items after it
    scope_since: int | None = None  # the first year of a span lead in force (2018-2022年，)
    scope_review: str = ""  # why the paragraph in force reviews a past period (“十三五”期间 reviews 2016–2020)
    scope_reach: str = ""  # how far that scope reaches: "section" | "paragraph" | "sentence"
    goal_list: bool = False  # the clause is an item of a goal list (主要目标：…；…)
    plan_year: int | None = None  # the document's own planned year and reported year: a goal
    report_year: int | None = None  # that names no year is for the first, a result for the second
    planned_genre: bool = False  # the document is a plan by genre (工作要点, 实施方案): 一季度， schedules work
    within_year: bool = False  # a progress report within one year (前三季度落实情况): its 同比 figures are results
    frame: str = ""  # why the section's frame holds (section "发展基础" reviews 2015), for each record's reason
    document_frame: str = ""  # why the document speaks from ``today`` (the document plans for 2023)
