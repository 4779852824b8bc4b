"""Document metadata detected from the text: title, issuer, region, type, years, date."""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import cue_regex
from plankg.ingest.issuer import BUREAU
from plankg.ingest.layout import is_chrome_line
from plankg.ontology.regions import Region

# Genre, goal and result words: lang/zh/cues.toml, [genre].
_TITLE = cue_regex(
    r"[^\n。；]{0,16}?(?:(?:20\d\d|20XX|２０\S\S)\s*(?:[—\-–~至到]\s*(?:20\d\d|20XX))?\s*年?度?)"
    r"[^\n。；]{0,24}?<genre.title_genres>"
    r"(?:[和及与、][^\n。；]{0,12}?(?:工作计划|工作思路|工作打算|工作要点))?"
)
_DATE = re.compile(r"(?:发文日期|公开日期|发布日期|发布时间|成文日期)\s*[:：]\s*(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})")
_YEAR_RANGE = re.compile(r"(20\d\d)\s*[—\-–~至到]?\s*(20\d\d)\s*年")


@dataclass(frozen=True)
class Metadata:
    """What the text says about itself (None where it does not say)."""

    title: str
    issuer: str | None
    region: Region | None
    doc_type: str
    years: tuple[int, ...]
    reported_years: tuple[int, ...]
    published: str | None
    zone: str | None = None


_DATE_LINE = re.compile(r"(?:发布|发表|生成|公开|成文|更新)?(?:时间|日期)\s*[:：]|(?:^|\s)20\d\d[-年./]\d{1,2}[-月./]\d{1,2}|来源\s*[:：]")
_NAME_FIELD = re.compile(r"^\s*(?:名\s*称|标\s*题|文件名称)\s*[:：]\s*(\S.{3,80}?)\s*(?:文号\s*[:：].*)?$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,6}[〔\[［(（【]\s*20\d\d\s*[〕\]］)）】]\s*\d+\s*号\s*")
_SENTENCE = re.compile(r"[。；;]|[，,].*[，,].*[，,]")
_GENRE_WORD = cue_regex(r"<genre.genre_words>")


def detect_title(text: str) -> str:
    """The document's own title (a title quoted in 《》 in the text is a cited document).

    Evidence, in order: a 名称/标题 field; a line followed closely by its date or source line, as
    web pages print headlines; a title-shaped line near the top (year + genre word, or a short line
    ending in a genre word); else the first line that is not page chrome.
    """
    lines = [ln.strip() for ln in text[:4000].split("\n")]
    for line in lines[:40]:
        field = _NAME_FIELD.match(line)
        if field:
            return _clean_title(field.group(1))
    covered = re.search(r"《([^》]{4,80}?)》(?:已经|已|经)[^。]{0,40}?(?:通过|同意)[^。]{0,12}?现(?:予以)?印发给你们", text[:3000])
    if covered:
        return _clean_title(covered.group(1))  # a notice printed above the plan it issues
    for line in lines[:40]:
        # A notice that issues a plan (关于印发《X》的通知) is the cover of X.
        notice = re.match(r"^[^《》]{0,30}?关于(?:印发|发布|下达)《(.{4,60}?)》的通知", line)
        if notice:
            return _clean_title(notice.group(1))
    candidates = [(i, ln) for i, ln in enumerate(lines[:60]) if _title_shaped(ln)]
    # The headline is the line right above its date or source line (then the one two lines above).
    for reach in (1, 2):
        for i, line in candidates:
            following = [ln for ln in lines[i + 1 : i + 6] if ln][:reach]
            if following and _DATE_LINE.search(following[-1]) and not _DATE_LINE.search(line):
                return _clean_title(line)
    head = text[:3000]
    found = [(m.start(), m.group().strip(" \t\n,，:：《》")) for m in _TITLE.finditer(head)]
    for start, candidate in sorted(found):
        line_start = head.rfind("\n", 0, start) + 1
        year_at = start + (re.search(r"20\d\d|20XX|２０", candidate).start() if re.search(r"20\d\d|20XX|２０", candidate) else 0)
        before = head[line_start:year_at]
        if before.rfind("《") > before.rfind("》"):
            continue  # inside a quoted title: a cited document
        if "通知" not in candidate and len(candidate) >= 6:
            return _clean_title(candidate)
    for _, line in candidates:
        if _GENRE_WORD.search(line[-8:]):
            return _clean_title(line)
    first = next((ln for _, ln in candidates), None) or next((ln for ln in lines if ln), "")
    return _clean_title(first)[:60]


def _title_shaped(line: str) -> bool:
    """A headline: 6-60 characters, not a sentence, not page chrome."""
    stripped = line.strip(" •·\u3000")
    return 6 <= len(stripped) <= 60 and not _SENTENCE.search(stripped) and not is_chrome_line(stripped) and not (
        stripped.endswith(("：", ":")))


def _clean_title(title: str) -> str:
    title = _DOC_NUMBER.sub("", title.strip(" •·\u3000"))
    title = re.sub(r"^【[^】]{1,8}】\s*|^\d{1,3}\s*[、.．]\s*(?=\D)", "", title)
    return _trim_title(re.sub(r"\.(?:docx?|pdf|wps)$", "", title))


def _trim_title(title: str) -> str:
    # A title glued to the body ("...工作计划今年以来") ends at its last keyword.
    matches = list(re.finditer(r"(?:要点|总结|计划|思路|打算|方案|规划|分工表)(?:\s*[（(]\s*20\d\d\D{0,2}20\d\d\s*年?\s*[）)])?", title))
    match = matches[-1] if matches else None
    if match and len(title) - match.end() > 12:
        return title
    return title[: match.end()] if match else title


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
REPORT_TYPES = ("summary", "summary_plan", "half_year_summary", "duty_report")


def detect_doc_type(title: str, text: str = "") -> str:
    """Classify a document by its title, then by what its opening says it does.

    A news report of a work meeting that sums up a year is a summary; one that sets out the
    year's work is a work plan; a half-year meeting is a half-year summary.
    """
    if re.search(r"分工表|分解表|分解一览表|责任清单|任务清单|任务分解|清单|分解[^，。]{0,16}任务", title):
        return "responsibility_table"
    if re.search(r"问答|答问|解读", title):
        return "policy_qa"
    if "述职" in title:
        return "duty_report"
    if re.search(r"(?:上|下)?半年", title) and re.search(r"总结|推进会|工作会|情况|汇报", title):
        return "half_year_summary"
    if re.search(r"总结|自查|完成情况|工作情况|工作报告", title):
        return "summary_plan" if re.search(r"计划|思路|打算|要点|安排", title.split("总结")[-1]) else "summary"
    if "实施方案" in title:
        return "implementation_plan"
    if re.search(r"行动方案|行动计划|工作方案|三年行动|攻坚", title):
        return "action_plan"
    if re.search(r"规划|纲要", title):
        return "development_plan"
    if re.search(r"要点|工作计划|重点工作|工作安排", title):
        return "work_plan"
    head = text[:1500]
    if re.search(r"(?:上|下)半年", title + head[:200]) and re.search(r"完成全年|上半年", head):
        return "half_year_summary"
    sums_up = re.search(r"总结(?:20\d\d|去|上一?)年|(?:20\d\d|去)年(?:以来|全年)?[^。]{0,6}(?:取得|完成|实现)", head)
    plans = re.search(r"部署(?:了)?[^。]{0,8}(?:20\d\d|今|明)年|(?:20\d\d|今|明)年[^。]{0,6}(?:工作要点|重点工作|工作计划|目标任务)", head)
    if sums_up and plans:
        return "summary_plan"
    if sums_up:
        return "summary"
    if plans:
        return "work_plan"
    if re.search(r"方案|计划", title):
        return "action_plan"
    return _type_from_tense(title, text)


_GOAL_WORDS = cue_regex(r"<genre.goal_words>|到\s*20\d\d\s*年|争取|力求")
_RESULT_WORDS = cue_regex(r"<genre.result_words>|新增[^，,。；]{0,12}\d|"
                           r"(?:20\d\d年|去年|上半年|一季度|前三季度|1-\d+月份?)[，,]")


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
    planned: list[int] = []
    reported: list[int] = []
    report_type = doc_type in REPORT_TYPES
    for candidate in [title, *extra_titles]:
        span = _YEAR_RANGE.search(candidate)
        if span and int(span.group(2)) > int(span.group(1)):
            planned = list(range(int(span.group(1)), int(span.group(2)) + 1))
            break
        if not _GENRE_WORD.search(candidate) and not _YEAR_RANGE.search(candidate):
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
    if not planned and not reported:
        planned, reported = _headline_years(title, doc_type)
    return tuple(planned), tuple(reported)


def _headline_years(title: str, doc_type: str) -> tuple[list[int], list[int]]:
    """A headline's year is the year it writes about (2022年X市入库数量位居全区第一)."""
    headline = [int(y) for y in re.findall(r"(20\d\d)\s*年", title)][:1]
    if not headline or _GENRE_WORD.search(title):
        return [], []
    plans = re.search(r"明确|部署|目标|计划|力争|将|规划|谋划|要点|任务", title)
    reports = re.search(r"位居|实现|完成|增长|成效|达到|突破|居|第一|排名|通报|情况", title)
    if (doc_type in REPORT_TYPES or reports) and not plans:
        return [], headline
    if doc_type != "other":
        return headline, []
    return [], []


_SUMS_UP = re.compile(r"总结(?:了)?(20\d\d)\s*年|(20\d\d)\s*年度?(?:工作|全年工作)?(?:总结|完成情况|工作情况|述职)")
_SETS_OUT = re.compile(r"部署(?:了)?[^。；]{0,8}?(20\d\d)\s*年|(20\d\d)\s*年(?:度)?(?:科技)?(?:工作要点|重点工作|工作计划|工作安排|目标任务|工作$)")


def _years_from_opening(text: str, doc_type: str, published: str | None) -> tuple[list[int], list[int]]:
    head = text[:1500]
    reported = [int(m.group(1) or m.group(2)) for m in _SUMS_UP.finditer(head)][:1]
    planned = [int(m.group(1) or m.group(2)) for m in _SETS_OUT.finditer(head)][:1]
    if not planned:
        glued = re.search(r"[\u4e00-\u9fff]{1,6}(20\d\d)\s*年(?:度)?工作[。，,；]", head)
        planned = [int(glued.group(1))] if glued and doc_type not in REPORT_TYPES else []
    if not reported and published and (doc_type == "half_year_summary" or doc_type in REPORT_TYPES and re.search(
            r"一季度|上半年|前三季度|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月", head[:300])):
        reported = [int(published[:4])]  # a bulletin of this year's first months, published the same year
    if not reported and doc_type in REPORT_TYPES:
        # A report without a dated title: the year its statements open with (2023年，开展……).
        lead = re.search(r"(?:^|[。；\n])\s*(?:[\u4e00-\u9fff]{0,4})(20\d\d)\s*年(?:度|以来)?[，,]", head)
        reported = [int(lead.group(1))] if lead else reported
    if not planned and not reported and doc_type == "work_plan":
        # A report on a plan names the year its goals are for (到2020年末…总数突破450家).
        horizon = re.search(r"(?:到|(?<!截)至)\s*(20\d\d)\s*年|(20\d\d)\s*年[^。；]{0,20}目标", head)
        planned = [int(horizon.group(1) or horizon.group(2))] if horizon else planned
    if not planned and not reported:
        # A plan that opens "2023年是…之年" speaks of that year.
        year_of = re.search(r"(20\d\d)\s*年是[^。]{0,60}?之年", head[:300])
        if year_of:
            (reported if doc_type in REPORT_TYPES else planned).append(int(year_of.group(1)))
    return planned, reported


_CN_DATE = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_FIELD_DATE = re.compile(r"(?:发文日期|公开日期|发布日期|发布时间|成文日期|发表时间|日期|时间)\s*[:：]\s*(20\d\d)[-年./](\d{1,2})[-月./](\d{1,2})")
_BARE_DATE = re.compile(r"^\s*(20\d\d)-(\d{1,2})-(\d{1,2})(?:\s|$)", re.M)


def detect_published(text: str) -> str | None:
    """Publication date as ISO ``YYYY-MM-DD``: a page's date field, a date line, or a signature date."""
    head = text[:3000]
    match = _DATE.search(head) or _FIELD_DATE.search(head) or _BARE_DATE.search(head) or _CN_DATE.search(head)
    if not match:
        dated = list(_CN_DATE.finditer(text))
        match = dated[-1] if dated else None
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def resolve_issuer(surface: str | None, region: Region | None) -> str | None:
    """Qualify a bare bureau name with the region (区科技局 in 路桥区 -> 路桥区科技局)."""
    if not surface:
        return None
    if region is None:
        return surface
    written = region.forms[-1] if region.forms else region.name
    for form in (region.name, *region.forms):
        if surface.startswith(form):
            return surface
    if surface.startswith(region.short):
        return written + surface[len(region.short):]
    if surface[0] in "省市区县州":
        return written + surface[1:]
    if re.match(BUREAU, surface):
        return written + surface
    return surface


def detect_metadata(text: str, file_titles: list[str] = ()) -> Metadata:
    """Detect every metadata field of one document's text."""
    from plankg.ingest.issuer import detect_issuer

    title = detect_title(text)
    doc_type = detect_doc_type(title, text)
    published = detect_published(text)
    years, reported = detect_years(title, doc_type, list(file_titles), text, published)
    issuer = detect_issuer(text, title)
    return Metadata(
        title=title,
        # A zone's body is named after the zone (宣城高新区), not requalified with its city.
        issuer=issuer.surface if issuer.zone else resolve_issuer(issuer.surface, issuer.region),
        region=issuer.region,
        doc_type=doc_type,
        years=years,
        reported_years=reported,
        published=published,
        zone=issuer.zone,
    )
