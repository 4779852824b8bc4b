"""Target or achievement, and which year, decided for each statement.

Cue words (力争, 确保, 到2025年 vs 同比, 已, 截至, 完成全年任务的), then the statement's year against
the year the document speaks from, then the section's mode; years from the statement, 今年/去年/明年,
the scope in force, or the section, never the publication year by default.
"""
from __future__ import annotations

import re

from plankg.ingest.context import ClauseContext

YEAR = re.compile(r"(?:到|至|截至|截止|在|于)?\s*(20\d\d|20XX|20xx)\s*年(?:底|末|前|度)?")
PERIOD_145 = re.compile(r"[“\"]?十四五[”\"]?(?:期间|时期|末)?")
#: The end of a five-year plan (到“十四五”末期 is 2025), by the plan's number.
_PLAN_END = re.compile(r"[“\"]?十([二三四五])五[”\"]?(?:末期|期末|末)")
_PLAN_END_YEAR = {"二": 2015, "三": 2020, "四": 2025, "五": 2030}


# 要 as "shall" (要达到), not inside 主要, 重要, 需要 ...
TARGET_CUE = re.compile(r"力争|争取|确保|力求|努力|目标|计划|预计|预期|拟|将(?!近)|(?<![主重需只必纲摘概首紧])要(?!求|素|点)|届时|每年")
PAST_CUE = re.compile(
    r"同比|比上年|较上年|比去年|较去年|已经|已(?:有|达|建成|完成|认定|引进|累计)|截至目前|目前已|荣获|获批|入选|位居|共计|累计(?:选派|服务|完成|培育)"
    r"|完成全年任务|实现了|取得了|签订|签约|截至|截止|较[“\"]?十[二三四]五")
_RELATIVE_YEAR = re.compile(r"(今年|本年|当年|全年|年内|去年|上年|上一年|明年|下一年|上半年|下半年|一季度|前三季度)")
_NOT_FACT_YEAR = re.compile(r"^\s*(?:年?度?的?(?:基础上|水平|基数)|年?(?:相比|比较|同期|增幅|增速))")


def statement_before(text: str, pos: int) -> str:
    """The comma-delimited stretch of text before ``pos`` (the value's own phrase)."""
    return re.split(r"[，,；;。]", text[max(0, pos - 30) : pos])[-1]


def statement_kind(text: str, pos: int, ctx: ClauseContext, year: int | None = None, explicit_year: bool = False) -> str:
    """Target or achievement, decided for this statement: its cue words, then its year, then the section.

    力争/确保/计划/到2025年 mark goals and 同比/已/荣获/完成全年任务的 mark results wherever they
    stand (a plan's 发展基础 reports, a summary's 下一步 plans); a year before the document's own
    year is a result, a later one a goal; otherwise the section's mode decides.
    """
    before = text[max(0, pos - 30) : pos]
    statement = re.split(r"[，,；;。]", before)[-1]
    sentence = re.split(r"[；;。]", text[:pos])[-1]
    if (PAST_CUE.search(statement) or re.match(r"^\W*(?:截至|截止)", sentence)) and not TARGET_CUE.search(statement):
        return "achievement"
    future = re.search(r"将(?!近)|力争|计划|拟|目标", sentence)  # 今年，X将……，分别新增1000家
    if ctx.mode == "report" and re.search(r"预计", statement) and not re.search(r"到\s*20\d\d|明年|下一年", before):
        return "achievement"  # a year-end summary's 预计 is an estimate of the year's result
    if TARGET_CUE.search(statement) or re.search(r"(?:到|(?<!截)至)\s*(?:20\d\d|20XX)\s*年", before) or (
            future and not PAST_CUE.search(sentence[future.end():])):
        if not (explicit_year and ctx.today and year and year < ctx.today and not TARGET_CUE.search(statement)):
            return "target"
    if explicit_year and ctx.today and year and not (ctx.goal_list and year == ctx.scope_year):
        if year < ctx.today:
            return "achievement"
        if year > ctx.today:
            return "target"
    if ctx.goal_list:
        return "target"
    if ctx.mode == "report":
        return "achievement"
    if re.search(r"已经|已(?:有|达|建成|完成|认定|引进)|截至目前|目前已", before[-20:]):
        return "achievement"
    return "target"


def statement_year(text: str, pos: int, ctx: ClauseContext) -> tuple[int | None, tuple[int, int] | None, bool]:
    """Year of a value: the nearest year its statement names, else the scope's or the section's.

    A year that only sets a baseline (在2022年的基础上, 比2020年) is not the value's. 今年/去年/明年
    count from the year the document speaks from. Returns (year, period, stated in the text).
    """
    before = text[:pos]
    for match in reversed(list(YEAR.finditer(before))):
        if _NOT_FACT_YEAR.match(text[match.end(1) :]) or re.search(r"(?:比|较|从|相比|是)\s*$", before[: match.start(1)]):
            continue
        token = match.group(1)
        if token.upper().endswith("XX"):
            return None, None, False  # the text hides the year: unknown, never the document's
        return int(token), None, True
    plan_end = list(_PLAN_END.finditer(before))
    if plan_end:
        return _PLAN_END_YEAR[plan_end[-1].group(1)], None, True
    relative = list(_RELATIVE_YEAR.finditer(before))
    if relative and (ctx.today or ctx.scope_year):
        word = relative[-1].group(1)
        offset = -1 if word in ("去年", "上年", "上一年") else 1 if word in ("明年", "下一年") else 0
        # A year stated mid-sentence (2022年R&D强度达3.02%；全年…) is that part's own; 全年 is the
        # document's year, unless a year leads the paragraph (2023年，……；全年新增3家).
        stated_in_passing = ctx.scope_reach == "sentence" and ctx.today is not None
        if offset == 0 and ctx.scope_year and not stated_in_passing:
            return ctx.scope_year, None, True
        if ctx.today:
            return ctx.today + offset, None, True
    if ctx.scope_year:
        return ctx.scope_year, None, True
    if PERIOD_145.search(before):
        return None, (2021, 2025), False
    if "每年" in before and ctx.default_period:
        return None, ctx.default_period, False
    if ctx.years_unknown:
        return None, None, False
    return ctx.default_year, ctx.default_period if ctx.default_year is None else None, False
