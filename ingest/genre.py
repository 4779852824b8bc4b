"""What kind of document a text is (work plan, summary, action plan...) and which years it plans and reports.

The title decides first (工作要点, 工作总结, 实施方案); a text without a genre word is judged by its
tense (goal words against result words). Years: the title's, then the opening's own words.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex, fill, load_cues
from plankg.ingest.frames import five_year_plan
from plankg.ingest.titles import GENRE_WORD

_YEAR_RANGE = re.compile(r"(20\d\d)\s*[—\-–~至到]?\s*(20\d\d)\s*年")

# Document types: (Chinese, English) names.
DOC_TYPES = {
    "work_plan": ("工作要点/工作计划", "work plan"),
    "summary": ("工作总结", "annual summary"),
    "summary_plan": ("工作总结及计划", "summary with next year's plan"),
    "half_year_summary": ("半年总结", "half-year summary"),
    "duty_report": ("述职报告", "duty report"),
    "implementation_plan": ("实施方案", "implementation plan"),
    "action_plan": ("行动方案/行动计划", "action plan"),
    "development_plan": ("规划", "development plan"),
    "responsibility_table": ("任务分解表/责任清单", "responsibility table"),
    "policy_qa": ("政策问答", "policy Q&A"),
    "other": ("其他", "other"),
}
# Title words of each type (lang/zh/cues.toml, [doc_types]); 分解……任务 is a responsibility table too.
_TITLE_WORDS = {name: cue_regex(f"<doc_types.{name}>") for name in load_cues()["doc_types"]}
_TITLE_WORDS["responsibility_table"] = cue_regex(r"<doc_types.responsibility_table>|分解[^，。]{0,16}任务")
# Types that report on a past year (their title year is the year reported on).
REPORT_TYPES = ("summary", "summary_plan", "half_year_summary", "duty_report")

# Tense of a text without a genre word (lang/zh/cues.toml, [genre]).
_GOAL_WORDS = cue_regex(r"<genre.goal_words>|到\s*20\d\d\s*年|争取|力求")
_RESULT_WORDS = cue_regex(r"<genre.result_words>|新增[^，,。；]{0,12}\d|"
                           r"(?:20\d\d年|去年|上半年|一季度|前三季度|1-\d+月份?)[，,]")
_MEETING_YEAR = cue_regex(r"(20\d\d)\s*年度?[\u4e00-\u9fff]{2,30}?(?:<frames.event_words>)\s*(?:在[^。，,]{0,12})?"
                          r"(?:召开|举行|举办|开幕|<genre.meeting_says>)")
#: A report delivered at the start of its year (政府工作报告, 在…工作会议上的报告): it reviews the year before.
_DELIVERED_REPORT = re.compile(r"政府工作报告|工作会议上的(?:报告|讲话)")
#: An annual work meeting (2025年某省科技工作会议召开), held early in its year: not a half-year or quarter's.
_MEETING_NAME = (r"\s*年(?:度)?(?![^。，,]{0,14}?(?:半年|季度))(?:全[省市区县州旗]|[\u4e00-\u9fff]{1,12}?)(?<!半年)(?<!季度)"
                 r"(?:科技|科技创新|科学技术|经济)?(?:工作)?(?:会议|大会)")
_ANNUAL_MEETING = re.compile(r"(20\d\d)" + _MEETING_NAME + r"(?:在[^。，,]{0,12})?(?:召开|举行|举办|" + fill("<genre.meeting_says>") + ")"
                             r"|(?:召开|举行|举办)(?:了)?\s*(20\d\d)" + _MEETING_NAME
                             # 记者从全省2018科技工作会议上获悉: a news lede citing the meeting (its 年 often left out)
                             + r"|从(?:全[省市区县州旗])?(20\d\d)\s*年?度?(?![^。，,]{0,14}?(?:半年|季度))[\u4e00-\u9fff]{0,12}?"
                             r"(?:科技|科技创新|科学技术|经济)?(?:工作)?(?:会议|大会)上?(?:获悉|了解到|得知)")
#: A plan's own statement of its term: 规划期限为2021-2025年, 规划期为2021—2025年.
_PLAN_TERM = re.compile(r"规划(?:期限|期|时限)\s*(?:为|是|：|:)?\s*(20\d\d)\s*年?\s*[-—–~至到]\s*(20\d\d)\s*年")
_SUMS_UP = re.compile(r"(?:总结|回顾)(?:了)?(?:总结|回顾)?(?:了)?(20\d\d)\s*年|(20\d\d)\s*年度?(?:工作|全年工作)?(?:总结|完成情况|工作情况|述职)")
_SETS_OUT = re.compile(r"部署(?:了)?[^。；]{0,8}?(20\d\d)\s*年|(20\d\d)\s*年(?:度)?(?:科技)?(?:工作要点|重点工作|工作计划|工作安排|目标任务|工作$)")

#: A year's government work report, as a task-division plan cites it (2013年《政府工作报告》, 2025年省《政府工作报告》).
_DIVIDED_REPORT = re.compile(r"(20\d\d)\s*年[\u4e00-\u9fff]{0,6}《[^》]{0,12}政府工作报告》")


def delivered_year(title: str, text: str) -> int | None:
    """The year of the annual meeting or government work report a document gives, or None.

    Such a report is delivered at the start of its year: it reviews the year before and plans its
    own, and its 今年 and 去年 count from that year.
    """
    delivered = _DELIVERED_REPORT.search(re.sub(r"《[^》]*》", "", title))
    year = re.search(r"(20\d\d)", title) if delivered else None
    if year:
        return int(year.group(1))
    meeting = _ANNUAL_MEETING.search(title) or _ANNUAL_MEETING.search(text[:300])
    return int(next(g for g in meeting.groups() if g)) if meeting else None


def detect_doc_type(title: str, text: str = "") -> str:
    """Classify a document by its title, then by what its opening says it does.

    A news report of a work meeting that sums up a year is a summary; one that sets out the
    year's work is a work plan; a half-year meeting is a half-year summary.
    """
    if _TITLE_WORDS["responsibility_table"].search(title):
        return "responsibility_table"
    for doc_type in ("policy_qa", "duty_report"):
        if _TITLE_WORDS[doc_type].search(title):
            return doc_type
    if _TITLE_WORDS["half_year"].search(title) and _TITLE_WORDS["half_year_report"].search(title):
        return "half_year_summary"
    if _DELIVERED_REPORT.search(re.sub(r"《[^》]*》", "", title)):
        return "summary_plan"  # a government work report reviews last year and plans this one
    # 关于落实《政府工作报告》重点工作责任分工的意见: a report the title cites is not its genre.
    if _TITLE_WORDS["summary"].search(re.sub(r"《[^》]*》", "", title)):
        return "summary_plan" if _TITLE_WORDS["next_plan"].search(title.split("总结")[-1]) else "summary"
    for doc_type in ("implementation_plan", "action_plan", "development_plan", "work_plan"):
        if _TITLE_WORDS[doc_type].search(title):
            return doc_type
    head = text[:1500]
    if _task_table_header(title, head):
        return "responsibility_table"
    if re.search(r"(?:上|下)半年", title + head[:200]) and re.search(r"完成全年|上半年", head):
        return "half_year_summary"
    sums_up = re.search(r"(?:总结|回顾)(?:了)?(?:总结|回顾)?(?:了)?(?:20\d\d|去|上一?)年|(?:20\d\d|去)年(?:以来|全年)?[^。]{0,6}(?:取得|完成|实现)", head)
    plans = re.search(r"部署(?:了)?[^。]{0,8}(?:20\d\d|今|明)年|(?:20\d\d|今|明)年[^。]{0,6}(?:工作要点|重点工作|工作计划|目标任务)", head)
    if sums_up and plans:
        return "summary_plan"
    if sums_up:
        return "summary"
    if plans:
        return "work_plan"
    if _TITLE_WORDS["any_plan"].search(title):
        return "action_plan"
    return _type_from_tense(title, text)


_GOAL_COLUMN = cue_regex(r"<doc_types.goal_columns>")
_RESULT_COLUMN = cue_regex(r"<doc_types.result_columns>")


def _task_table_header(title: str, head: str) -> bool:
    """Whether the text opens with a table whose header names goals to meet (序号 | 任务 | 工作标准 | 时限).

    A table of tasks and their standards or targets plans them, whatever its cells' words; a column
    reporting how they went (完成情况) makes it a report instead.
    """
    for line in [title, *head.splitlines()[:6]]:
        cells = [cell.strip() for cell in re.split(r"\s*[|｜\t]\s*", line) if cell.strip()]
        if len(cells) < 3 or any(len(cell) > 12 for cell in cells):
            continue
        return any(_GOAL_COLUMN.search(cell) for cell in cells) and not any(_RESULT_COLUMN.search(cell) for cell in cells)
    return False


def _type_from_tense(title: str, text: str) -> str:
    """A news report or bulletin with no genre word: its tense says whether it reports or plans."""
    body = title + text[:3000]
    goals = len(_GOAL_WORDS.findall(body))
    results = len(_RESULT_WORDS.findall(body))
    if goals + results < 2:
        return "other"
    if results >= 2 * goals:
        return "summary"
    if goals >= 2 * results:
        return "work_plan"
    return "summary_plan"


def detect_years(title: str, doc_type: str, extra_titles: list[str] = (), text: str = "",
                 published: str | None = None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Years planned for and years reported on: the title first, then what the opening says.

    A summary's title year is the year reported on; a plan's is the year planned; a self-check
    or completion report (自查报告, 完成情况) reports on the year whose targets it lists, so that
    year is both. Without a title year, the opening's own words count (总结2021年工作,
    部署2022年工作, 科工局2018年工作), and a half-year report is for its publication year.
    """
    delivered = _DELIVERED_REPORT.search(re.sub(r"《[^》]*》", "", title))  # not a cited 《政府工作报告》
    # 2030年政府工作报告重点工作半年落实情况: progress on the report's tasks, halfway through its year.
    if delivered and re.search(r"20\d\d", title) and doc_type != "half_year_summary":
        # 2022年政府工作报告, delivered early in 2022: it plans 2022 and reviews 2021.
        year = int(re.search(r"(20\d\d)", title).group(1))  # type: ignore[union-attr]
        return (year,), (year - 1,)
    planned: list[int] = []
    reported: list[int] = []
    report_type = doc_type in REPORT_TYPES
    for candidate in [title, *extra_titles]:
        span = _YEAR_RANGE.search(candidate)
        if span and int(span.group(2)) > int(span.group(1)):
            planned = list(range(int(span.group(1)), int(span.group(2)) + 1))
            break
        if not GENRE_WORD.search(candidate) and not _YEAR_RANGE.search(candidate):
            continue  # a headline: its year is read after the opening's own words
        if report_type:
            head, _, tail = candidate.partition("总结")
            rep = [int(y) for y in re.findall(r"(20\d\d)", head)]
            plan = [int(y) for y in re.findall(r"(20\d\d)", tail)]
            if rep and not reported:
                reported = rep[:1]
            if plan and not planned:
                planned = plan[:1]
            if doc_type in ("summary_plan", "half_year_summary") and not plan and rep and "下半年" in tail and not planned:
                planned = rep[:1]
            if rep and not planned and re.search(r"自查|完成情况|绩效目标|进展情况|落实", candidate):
                planned = rep[:1]
        else:
            years = [int(y) for y in re.findall(r"(20\d\d)", candidate)]
            if years and not planned:
                planned = years[:1]
    if text and (not planned or not reported):
        opening_planned, opening_reported = _years_from_opening(text, doc_type, published)
        if not planned and not (reported and doc_type not in ("summary_plan", "half_year_summary")):
            planned = opening_planned
        if not reported and not (planned and doc_type not in REPORT_TYPES):
            reported = opening_reported
    term = _PLAN_TERM.search(text[:3000]) if text else None
    if term and not (planned and len(planned) > 1) and int(term.group(2)) > int(term.group(1)):
        planned = list(range(int(term.group(1)), int(term.group(2)) + 1))  # 规划期限为2021-2025年
    named_plan = five_year_plan(title)
    if named_plan and report_type and not reported and not planned:
        reported = [named_plan[1]]  # 某市“十三五”时期科技创新发展情况: the period's results, dated at its end
    dated_title = re.search(r"20\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", title)  # a date line run into the title
    if named_plan and doc_type not in REPORT_TYPES and (not planned or dated_title and len(planned) == 1):
        planned = list(range(named_plan[0], named_plan[1] + 1))  # 某市“十三五”科技创新规划: 2016–2020
    if not planned and not reported:
        planned, reported = _headline_years(title, doc_type)
    return tuple(planned), tuple(reported)


def _headline_years(title: str, doc_type: str) -> tuple[list[int], list[int]]:
    """A headline's year is the year it writes about (2022年X市入库数量位居全区第一)."""
    headline = [int(y) for y in re.findall(r"(20\d\d)\s*年", title)][:1]
    if not headline or GENRE_WORD.search(title):
        return [], []
    plans = re.search(r"明确|部署|目标|计划|力争|将|规划|谋划|要点|任务", title)
    reports = re.search(r"位居|实现|完成|增长|成效|达到|突破|居|第一|排名|通报|情况", title)
    if (doc_type in REPORT_TYPES or reports) and not plans:
        return [], headline
    if doc_type != "other":
        return headline, []
    return [], []


#: A date line of its own under a title, the day often left out: （2023年11月）, 2023年11月8日.
_DATE_UNDER_TITLE = re.compile(r"^\s*[（(]?\s*(20\d\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[）)]?\s*$", re.M)


def _years_from_opening(text: str, doc_type: str, published: str | None) -> tuple[list[int], list[int]]:
    head = text[:1500]
    reported = [int(m.group(1) or m.group(2)) for m in _SUMS_UP.finditer(head)][:1]
    planned = [int(m.group(1) or m.group(2)) for m in _SETS_OUT.finditer(head)][:1]
    if not planned:
        glued = re.search(r"[\u4e00-\u9fff]{1,6}(20\d\d)\s*年(?:度)?工作[。，,；]", head)
        planned = [int(glued.group(1))] if glued and doc_type not in REPORT_TYPES else []
    if not planned and doc_type not in REPORT_TYPES:
        # 现就2013年《政府工作报告》确定的重点工作提出分工意见: a plan dividing up a year's work report is
        # for the year that report plans.
        divided = _DIVIDED_REPORT.search(head)
        planned = [int(divided.group(1))] if divided else []
    if not reported and published and (doc_type == "half_year_summary" or doc_type in REPORT_TYPES and re.search(
            r"一季度|上半年|前三季度|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月", head[:300])):
        reported = [int(published[:4])]  # a bulletin of this year's first months, published the same year
    meeting_year = delivered_year("", head[:300])  # the lede names the meeting it reports
    if not reported and meeting_year and doc_type in REPORT_TYPES and (not planned or planned == [meeting_year]):
        # A report of 2025年某省科技工作会议 gives the results of 2024 and the goals of 2025.
        return [meeting_year], [meeting_year - 1]
    dated = _DATE_UNDER_TITLE.search(head[:400])
    if not reported and dated and doc_type in REPORT_TYPES:
        # 关于…工作情况的汇报 / （2023年11月）: a report dated under its title speaks from that year.
        reported = [int(dated.group(1))]
    if not reported and doc_type in REPORT_TYPES:
        # A report without a dated title: the year its statements open with (2023年，开展……).
        # 【摘要】：2020年，… / 【概况】 2020年，…: a yearbook entry opens with its year after a label.
        # 到2025年， is a horizon, not the year reported on.
        lead = re.search(r"(?:^|[。；\n])\s*(?:【[^】\n]{1,8}】\s*[:：]?\s*)?(?:[\u4e00-\u9fff]{0,4})(?<![到至])(20\d\d)\s*年(?:度|以来)?(?:[，,]|(?=(?:我|全)[省市区县州旗]))",
                         head)
        reported = [int(lead.group(1))] if lead else reported
    if not planned and not reported and doc_type == "work_plan":
        # A report on a plan names the year its goals are for (到2020年末…总数突破450家).
        horizon = re.search(r"(?<!\d年)(?<!\d)(?:到|(?<!截)至)\s*(20\d\d)\s*年|(20\d\d)\s*年[^。；]{0,20}目标", head)
        planned = [int(horizon.group(1) or horizon.group(2))] if horizon else planned
    if not planned and not reported and doc_type not in REPORT_TYPES:
        # A report of 2023年X市科技创新工作会议 (held, 召开) speaks from the meeting's year.
        meeting = _MEETING_YEAR.search(head)
        planned = [int(meeting.group(1))] if meeting else [meeting_year] if meeting_year else planned
    if not planned and not reported and doc_type not in REPORT_TYPES:
        # A meeting report with no date: 去年…。2019年，我省…达到52.8% names last year, so it speaks
        # from the year after, reporting 2019 and planning (今年) 2020.
        last_year = re.search(r"去年[^\n]{0,300}?[。；;]\s*(20\d\d)\s*年[，,]", head)
        if last_year:
            reported, planned = [int(last_year.group(1))], [int(last_year.group(1)) + 1]
    if not (planned and reported) and not published:
        # A year already read (a year lead, a horizon) must agree with the lines' years.
        news_planned, news_reported = _news_year_from_its_lines(head)
        if news_planned and planned in ([], news_planned) and reported in ([], news_reported):
            planned, reported = news_planned, news_reported
    if not planned and not reported:
        planned, reported = [], _undated_report_year(text, head, doc_type, published)
    if not planned and not reported:
        # A plan that opens "2023年是…之年" speaks of that year.
        year_of = re.search(r"(20\d\d)\s*年是[^。]{0,60}?之年", head[:300])
        if year_of:
            (reported if doc_type in REPORT_TYPES else planned).append(int(year_of.group(1)))
    return planned, reported


#: A news item's line on the year ending (2030年，某省预计全年…) or the year ahead (2031年某省将…).
_YEAR_ENDING = re.compile(r"(?:^|[。\n])\s*(20\d\d)\s*年\s*[，,][^。\n]{0,12}?预计全年")
_YEAR_AHEAD = re.compile(r"(?:^|[。\n，,])[^。\n，,]{0,12}?(20\d\d)\s*年[^。\n，,\d]{0,8}?将(?!近)")


def _news_year_from_its_lines(head: str) -> tuple[list[int], list[int]]:
    """A news item dated by month and day, speaking of 今年: the year its lines name ending or ahead.

    3月2日，…今年…目标为… gives no year; 2030年，…预计全年… (a year still ending) or
    2031年…将… (the year ahead) names it. Both must agree when both are written.
    """
    if "今年" not in head:
        return [], []
    ending = {int(m.group(1)) + 1 for m in _YEAR_ENDING.finditer(head)}
    ahead = {int(m.group(1)) for m in _YEAR_AHEAD.finditer(head)}
    years = ending | ahead
    if len(years) != 1:
        return [], []
    year = years.pop()
    return [year], [year - 1]


#: A digest of reports that sums up the year before it ran (文章汇总了各市去年取得的成绩).
_PAST_YEAR_DIGEST = re.compile(r"(?:总结|回顾|盘点)[^。；\n]{0,16}?(?:过去一年|去年|上一年)")
#: A report of where things stand when it ran: 拥有高新技术企业52家, 截至目前已有95家.
_STANDING = re.compile(r"拥有|现有|已有|截至目前|截至发稿|今年以来|年初以来|累计")
#: 今年以来 opening a report: this year so far.
_YEAR_SO_FAR = re.compile(r"今年以来|年初以来|今年来")


def _undated_report_year(text: str, head: str, doc_type: str, published: str | None) -> list[int]:
    """The year a report with no year of its own writes about, from its date or the years it names.

    A news report of where things stand (拥有…52家) is of the year it ran; a digest summing up
    the past year (总结了…过去一年) is of the year before; an undated report opening 今年以来
    whose text names a single year (申报2021年度第一批…) is of that year.
    """
    if doc_type not in REPORT_TYPES and doc_type != "other":
        return []
    if published:
        if _PAST_YEAR_DIGEST.search(head):
            return [int(published[:4]) - 1]
        return [int(published[:4])] if _STANDING.search(head) else []
    if _YEAR_SO_FAR.search(head[:300]):
        named = {int(y) for y in re.findall(r"(20\d\d)\s*年", text[:5000])}
        return [named.pop()] if len(named) == 1 else []
    return []
