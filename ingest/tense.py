"""Target or achievement, and which year, decided for each statement.

Cue words (力争, 确保, 到2025年 vs 同比, 已, 截至, 完成全年任务的), then the statement's year against
the year the document speaks from, then the section's mode; years from the statement, 今年/去年/明年,
the scope in force, or the section, never the publication year by default.
"""
from __future__ import annotations

import re

from plankg.ingest.context import ClauseContext
from plankg.ingest.cues import alternation_of, cue_regex, words

YEAR = re.compile(r"(?:到|至|截至|截止|在|于)?\s*(20\d\d|20[\dXx][Xx])\s*年(?:底|末|前|度)?")  # 20XX, 202X: hidden
PERIOD_145 = re.compile(r"[“\"]?十四五[”\"]?(?:期间|时期|末)?")
#: The end of a five-year plan (到“十四五”末期 is 2025), by the plan's number.
_PLAN_END = re.compile(r"[“\"]?十([二三四五])五[”\"]?(?:末期|期末|末)")
_PLAN_END_YEAR = {"二": 2015, "三": 2020, "四": 2025, "五": 2030}


# Cue words (lang/zh/cues.toml, [tense]); 较“十三五”末 compares with an earlier plan's end.
TARGET_CUE = cue_regex(r"<tense.target>")
PAST_CUE = cue_regex(r"<tense.past>|较[“\"]?十[二三四]五")
_FUTURE = cue_regex(r"<tense.future>")
_DONE = cue_regex(r"<tense.done>")
_ESTIMATE = cue_regex(r"<tense.estimate>")
_RELATIVE_YEAR = cue_regex(r"(<tense.this_year>|<tense.last_year>|<tense.next_year>)")
_LAST_YEAR = words("tense.last_year")
_NEXT_YEAR = words("tense.next_year")
#: The year in question as a whole (全年, 当年, 年内), as against the year of writing (今年).
_WHOLE_YEAR = ("全年", "当年", "年内")
#: A goal sentence (力争……同比增长12%): its 同比 growth is the goal's.
# 争取 and 计划 with the conditions of the goal cues: 争取上级资金 and 科技计划项目 lead no goal.
_GOAL_LEAD = re.compile(r"力争|确保|预期|目标|" + alternation_of("tense.target", ("争取", "计划")))
_GROWTH_AFTER_PAST = re.compile(r"(?:同比|比上年|较上年|比去年|较去年)(?:同期)?(?:增长|提高|增加)")
#: A period just ended opening a news report's sentence (一季度，全市共登记……): what it did then.
_PERIOD_LEAD = re.compile(r"^\W{0,3}((?:今年|去年|20\d\d年)?(?:一季度|上半年|前三季度|1\s*[-—~至]\s*\d{1,2}\s*月份?))[，,]")
#: Months with no year (截至2月底, 1-8月份): the year the document speaks from.
_MONTHS_SO_FAR = re.compile(r"(?:截至|截止|到)\s*\d{1,2}\s*月(?:底|末|份)?|(?<![\d年])\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月份?")
#: 目前，全市拥有…/当前全市共有…: a sentence giving the state at the time of writing.
_NOW_LEAD = re.compile(r"^\W{0,3}(目前|当前|现阶段|截至目前)\s*[，,]?\s*(?:全[省市区县]|我[省市区县]|已|共|拥有)")
#: 目前/当前 opening a comma stretch that names no year of its own.
_NOW_IN_STATEMENT = re.compile(r"^\s*(?:目前|当前|截至目前|截止目前)(?![^，,；;。]*20\d\d\s*年)")
#: A part of a year named without the year (三季度, 上半年, 前三季度, 一季度末).
_PART_OF_YEAR = re.compile(r"(?<![\d年])(?:前三|[一二三四]|第[一二三四])季度|(?<![\d年])[上下]半年")
#: 完成省定目标135%, 达到年度目标任务的112%: the share of a target reached is a result.
# 完成省对市目标考核任务180%: the target may be named by who set it and what it is for.
_SHARE_OF_TARGET = re.compile(r"(?:完成|达到|为)[^，,；;。]{0,8}?目标(?:考核|考评)?(?:任务)?(?:值)?的?\s*$"
                              # 高于年初人代会12%的目标14.4个百分点: a result beating its goal
                              r"|(?:高于|超过|超出)[^，,；;。]{0,16}?目标\s*$")
#: 低2.9个百分点（ : a result's gap to its goal (the comparison stated once, 下同), the goal opening a bracket.
_GOAL_AFTER_GAP = re.compile(r"[高低多少快慢]出?\s*\d+(?:\.\d+)?\s*个?百分点\s*[（(]\s*$")
#: 申报2024年度省重点研发计划项目: a programme's edition, not the year of the statement.
_EDITION_BEFORE = re.compile(r"(?:申报|获批|入选|获得|立项|组织)\s*$")
#: 争取 with funds as its object (争取企业研发后补助资金215万元): the funds a body obtained.
_FUNDS_OBTAINED = re.compile(r"争取(?:到)?[^，,；;。]{0,16}?(?:资金|经费|补助|奖补|补贴|奖励)(?:支持)?\s*$")
_NOT_FACT_YEAR = re.compile(r"^\s*(?:年?度?的?(?:基础上|水平|基数)|年?(?:相比|比较|同期|增幅|增速|不变价|价格))")
#: 由2020年的0.81%增加至1.04%, 是2015年的3倍, 比2020年, 与2019年相比: the year names the baseline.
_BASE_BEFORE = re.compile(r"(?:比|较|从|由|相比|是|与|同)\s*$|(?:比|较)\s*20\d\d\s*年(?:度|底|末)?\s*[和及、]\s*$")


GOAL_AFTER_GAP_WHY = "the bracket after the gap to the goal gives the goal"


def goal_after_gap(text: str, pos: int) -> bool:
    """Whether the value at ``pos`` is a goal bracketed after a result's gap to it (低2.9个百分点（7%左右）)."""
    return bool(_GOAL_AFTER_GAP.search(text[max(0, pos - 30) : pos]))


def is_baseline_year(text: str, start: int, end: int) -> bool:
    """Whether the year written at ``text[start:end]`` (its digits) only names a baseline, not the statement's year."""
    # 分别比2021年和2022年增长a%和b%: both years of the list are baselines.
    return bool(_NOT_FACT_YEAR.match(text[end:]) or _BASE_BEFORE.search(text[max(0, start - 12) : start]))


_CITED_TITLE = re.compile(r"《[^《》\n]{1,80}》")


def mask_cited_titles(text: str) -> str:
    """``text`` with the words of titles cited in 《》 blanked out, same length.

    根据《某省科技创新跃升计划(2019-2025年)》，32个县获评A类: the cited plan's 计划 and 2025年
    neither make the statement a goal nor date it.
    """
    if "《" not in text:
        return text
    return _CITED_TITLE.sub(lambda m: "《" + "＿" * (len(m.group()) - 2) + "》", text)


def statement_before(text: str, pos: int) -> str:
    """The comma-delimited stretch of text before ``pos`` (the value's own phrase)."""
    return re.split(r"[，,；;。]", text[max(0, pos - 30) : pos])[-1]


def statement_kind(text: str, pos: int, ctx: ClauseContext, year: int | None = None, explicit_year: bool = False) -> str:
    """Target or achievement for this statement (see ``decide_kind``)."""
    return decide_kind(text, pos, ctx, year, explicit_year)[0]


def decide_kind(text: str, pos: int, ctx: ClauseContext, year: int | None = None,
                explicit_year: bool = False) -> tuple[str, str]:
    """Target or achievement, and why: the statement's cue words, then its year, then the section, then the document.

    力争/确保/计划/到2025年 mark goals and 同比/已/荣获/完成全年任务的 mark results wherever they
    stand (a plan's 发展基础 reports, a summary's 下一步 plans); a year before the document's own
    year is a result, a later one a goal; otherwise the section's frame, then the document's, decides.
    """
    text = mask_cited_titles(text)
    before = text[max(0, pos - 30) : pos]
    statement = re.split(r"[，,；;。]", before)[-1]
    sentence = re.split(r"[；;。]", text[:pos])[-1]
    if goal_after_gap(text, pos):
        return "target", GOAL_AFTER_GAP_WHY
    share = _SHARE_OF_TARGET.search(statement)
    if share:
        return "achievement", f"{share.group().strip()} measures a result against its target"
    target_cue = TARGET_CUE.search(statement)
    if target_cue and target_cue.group() == "争取" and _FUNDS_OBTAINED.search(statement):
        target_cue = None  # 争取后补助资金215万元: funds won, as 争取上级资金 is (the cue list's own exception)
    past_cue = PAST_CUE.search(statement)
    # 力争2009年……；销售收入470亿元，同比增长34.3%: a goal opening the sentence holds over its ；parts.
    goal_sentence = _GOAL_LEAD.search(sentence) or _GOAL_LEAD.match(re.split(r"[。！？!?]", text[:pos])[-1].lstrip())
    # A progress report lists each goal, then its progress: there a 同比 growth outside a goal sentence is done.
    listed_goal = ctx.goal_list and not ctx.within_year
    if past_cue and not target_cue and (goal_sentence or listed_goal) and _GROWTH_AFTER_PAST.match(
            statement[past_cue.start():]):
        # 力争……，研发投入同比增长12%: a growth goal, 同比 only names the baseline.
        return "target", f"{goal_sentence.group() if goal_sentence else 'a list of goals'} makes the growth a goal"
    if (past_cue or re.match(r"^\W*(?:截至|截止)", sentence)) and not target_cue:
        return "achievement", f"{(past_cue.group() if past_cue else '截至')} reports a result"
    now = _NOW_LEAD.match(sentence)
    if now and not target_cue and not _FUTURE.search(sentence):
        return "achievement", f"{now.group(1)} gives the state at the time of writing"
    period_lead = _PERIOD_LEAD.match(sentence)
    if period_lead and not target_cue and not _FUTURE.search(sentence) and not ctx.planned_genre:
        return "achievement", f"{period_lead.group(1)} opens a report of that period"
    future = _FUTURE.search(sentence)  # 今年，X将……，分别新增1000家
    if ctx.mode == "report" and _ESTIMATE.search(statement) and not re.search(r"到\s*20\d\d|明年|下一年", before):
        return "achievement", "预计 in a report estimates the year's result"
    # 从2016年的1.2%提升至2021年的1.9%: a point of a series (年的), not a horizon; nor 2017年至2020年, a span.
    horizon = re.search(r"(?<!\d年)(?<!\d)(?:到|(?<!截)至)\s*(?:20\d\d|20XX)\s*年(?!的)", before)
    if target_cue or horizon or (future and not PAST_CUE.search(sentence[future.end():])):
        if not (explicit_year and ctx.today and year and year < ctx.today and not target_cue):
            cue = target_cue or horizon or future
            return "target", f"{cue.group().strip() if cue else ''} marks a goal"
    if ctx.scope_review and year == ctx.scope_year:
        return "achievement", ctx.scope_review
    if explicit_year and ctx.today and year and not (ctx.goal_list and year == ctx.scope_year):
        since = f" ({ctx.document_frame})" if ctx.document_frame else ""
        if year < ctx.today:
            return "achievement", f"{year} is before {ctx.today}, the year the document speaks from{since}"
        if year > ctx.today:
            return "target", f"{year} is after {ctx.today}, the year the document speaks from{since}"
    if ctx.goal_list:
        return "target", "a list of goals"
    if ctx.mode == "report":
        return "achievement", ctx.frame or ctx.document_frame or "the document reports"
    if _DONE.search(before[-20:]):
        return "achievement", f"{_DONE.search(before[-20:]).group()} reports a result"  # type: ignore[union-attr]
    return "target", ctx.frame or ctx.document_frame or "the document plans"


def with_year_reason(why: str, year: int | None, explicit_year: bool, ctx: ClauseContext) -> str:
    """The kind's reason, with where an unstated year came from (the section's or the document's frame)."""
    if explicit_year or year is None:
        return why
    source = ctx.frame if ctx.frame and (ctx.mode == "report" or str(year) in ctx.frame) else ctx.document_frame
    if not source or source in why:
        return why
    return f"{why}; {year} because {source}"


def statement_year(text: str, pos: int, ctx: ClauseContext) -> tuple[int | None, tuple[int, int] | None, bool]:
    """Year of a value: the nearest year its statement names, else the scope's or the section's.

    A year that only sets a baseline (在2022年的基础上, 比2020年) is not the value's. 今年/去年/明年
    count from the year the document speaks from. Returns (year, period, stated in the text).
    """
    text = mask_cited_titles(text)
    before = text[:pos]
    # 组建了2021年度企业库，目前入库14家: 目前 opening the value's own phrase speaks of now, not of a
    # year named earlier in the sentence; the section's or document's year then decides.
    named = "" if _NOW_IN_STATEMENT.match(statement_before(text, pos)) else before
    for match in reversed(list(YEAR.finditer(named))):
        if is_baseline_year(text, match.start(1), match.end(1)):
            continue
        if text.startswith("年度", match.end(1)) and _EDITION_BEFORE.search(before[: match.start(1)]):
            continue
        token = match.group(1)
        if token.upper().endswith("X"):
            return None, None, False  # the text hides the year: unknown, never the document's
        return int(token), None, True
    # 是“十三五”末的4倍, 比“十二五”期末: the plan's end names the baseline, not the value's year.
    plan_end = [m for m in _PLAN_END.finditer(named) if not _BASE_BEFORE.search(before[max(0, m.start() - 12) : m.start()])]
    if plan_end:
        return _PLAN_END_YEAR[plan_end[-1].group(1)], None, True
    if ctx.today and not ctx.scope_year and _NOW_LEAD.match(re.split(r"[。；;]", before)[-1]):
        return ctx.today, None, True  # 目前，全市拥有…: the year the document speaks from
    if ctx.today and _MONTHS_SO_FAR.search(re.split(r"[。；;]", before)[-1]):
        return ctx.today, None, True  # 截至2月底, 1-8月份: months of the year the document speaks from
    # 较去年同期增长1.2倍, 是上年的1.6倍: the year compared with is not the value's own.
    relative = [m for m in _RELATIVE_YEAR.finditer(before)
                if not re.search(r"(?:比|较|与|同|是)\s*$", before[: m.start()]) and not text.startswith("同期", m.end())]
    if relative and (ctx.today or ctx.scope_year):
        word = relative[-1].group(1)
        offset = -1 if word in _LAST_YEAR else 1 if word in _NEXT_YEAR else 0
        # A year stated mid-sentence (2022年R&D强度达3.02%；全年…) is that part's own; 全年 is the
        # document's year, unless a year leads the paragraph (2023年，……；全年新增3家).
        stated_in_passing = ctx.scope_reach == "sentence" and ctx.today is not None
        if offset == 0 and ctx.scope_year and not stated_in_passing:
            return ctx.scope_year, None, True
        if word in _WHOLE_YEAR and ctx.default_year and ctx.mode == "report":
            # 全年落地项目48个 under 一、2023年工作回顾 in a report delivered in 2024: the year reviewed.
            return ctx.default_year, None, True
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
    if ctx.default_year is None and ctx.default_period is None and ctx.today and _PART_OF_YEAR.search(
            re.split(r"[。；;]", before)[-1]):
        return ctx.today, None, True  # 力争三季度GDP增长8%: the quarter of the year the document speaks from
    return ctx.default_year, ctx.default_period if ctx.default_year is None else None, False
