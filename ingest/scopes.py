"""Year and goal scopes that carry from one clause to the next.

Plans state a year once and list the goals under it; reports state a year once and list results:

- a goal list: ``到2027年，`` (or ``主要目标：``) opening a clause holds for the clauses of its
  section and, where the document has no sections, for the bullets (——, 1., ①) on the lines after;
- a goal sentence: ``力争到2025年，A达到x；B达到y；C达到z。`` holds for its ``；`` parts;
- a year lead: ``2023年，……；全年新增……`` (or ``回望2024年，``) holds for its paragraph.

Scopes give a default year to values that name none, and goal scopes mark them as targets
unless their own words say they are results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.cues import cue_regex, table
from plankg.ingest.records import Clause, Document
from plankg.ingest.tense import PAST_CUE, is_baseline_year

_FIVE_YEAR_PLANS: dict[str, int] = table("years.five_year_plans")
_REVIEW_WORDS = cue_regex(r"<frames.review_words>")

_MARKER = r"(?:[一二三四五六七八九十\d]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[）)])?"
# 到2025年 is a horizon; 2018年至2021年 (a year before 至) is the span a report covers, no horizon.
_GOAL_OPEN = re.compile(r"^\W{0,3}" + _MARKER + r"[^，,。；]{0,12}?(?<!\d年)(?<!\d)(?:到|(?<!截)至)\s*(20\d\d)\s*年(?:底|末)?\s*[，,:：]")
#: …，目标到2023年，A达到x，B突破y。 A horizon named after a comma, before the goals it dates.
_GOAL_MID = re.compile(r"[，,:：]\s*(?:目标(?:是|为)?|力争|争取|确保)\s*(?:到|(?<!截)至)\s*(20\d\d)\s*年(?:底|末)?\s*[，,:：]")
#: What ends a horizon carried over the sentences after it: a sentence with a time or a result of its own.
_OWN_TIME = re.compile(r"20\d\d\s*年|今年|本年|全年|当年|年内|去年|上年|明年|目前|当前|以来")
_GOAL_HEADING = re.compile(r"(?:主要|发展|预期|具体|工作|总体)?目标(?:任务)?(?:是|为|如下)?\s*[:：]?$|^\W{0,3}" + _MARKER
                           + r"\s*(?:主要|发展|预期|具体|工作)目标")
_GOAL_SENTENCE = re.compile(r"(?:力争|确保|目标(?:是|为)?[:：，,]|主要目标|预期目标|(?<!\d年)(?<!\d)(?:到|(?<!截)至)\s*20\d\d\s*年(?:底|末)?[，,:：])"
                            # 2025年，全省将启动……；实施……: a year and its subject, then 将, lead the goals.
                            r"|^\W{0,3}(?:20\d\d\s*年|今年|明年)\s*[，,]?[^，,。；;]{0,12}?将(?!近)")
_GOAL_YEAR = re.compile(r"(?<!\d年)(?<!\d)(?:到|(?<!截)至)\s*(20\d\d)\s*年")
# 【概况】 2020年，…: a yearbook entry's label before its year lead.
_YEAR_LEAD = re.compile(r"^(?!\W{0,3}(?:截至|截止))\W{0,3}(?:【[^】\n]{1,8}】\s*[:：]?\s*)?" + _MARKER + r"[\u4e00-\u9fff]{0,4}?\s*(?:(20\d\d)\s*年?\s*[-—–~至到]\s*)?(20\d\d)\s*年(?:度|底|末|以来)?\s*(?:[，,:：]|(?=(?:我|全)[省市区县州旗]))")
#: 创新投入稳步增长，2030年，…: a short topic, then the year the paragraph reviews.
_TOPIC_YEAR_LEAD = re.compile(r"^\W{0,3}[\u4e00-\u9fff“”\"]{2,14}[，,]\s*(20\d\d)\s*年\s*[，,]")
#: “十三五”期间，… / 过去五年，… opening a paragraph: a review of that period (its figures are results at its end).
# 记者从发布会获悉，过去五年，…: a news lede may come first.
_PERIOD_REVIEW_LEAD = re.compile(r"^\W{0,3}(?:[^。；;，,“”\"]{0,16}(?:获悉|了解到|介绍|表示|指出)[，,:：]\s*)?(?:[“\"]?(十[一二三四五]五)[”\"]?(?:期间|时期|以来)|(过去|近)(五|三|一)年(?:来)?|(五|三|一)年来)\s*[，,]")
_RELATIVE_LEAD = re.compile(r"^\W{0,3}(?:[^。；;，,]{0,16}[，,])?(去年|上年|今年|本年)\s*[，,]")
_RELATIVE = re.compile(r"去年|上年|今年|本年|明年")
_THIS_YEAR = re.compile(r"^\W{0,3}(?:全年|今年|本年)")
_RELATIVE_OFFSET = {"去年": -1, "上年": -1, "明年": 1}
_LIST_ITEM = re.compile(r"^\s*(?:——|—|-|•|·|[①-⑳]|\d{1,2}\s?[.．、)]|[（(][\d一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十]是)")


@dataclass(frozen=True)
class Scope:
    """A year (and whether it lists goals) in force over some clauses."""

    year: int | None
    goal: bool
    reach: str  # "section" | "sentence" | "paragraph"
    path: tuple[str, ...] = ()
    heading_id: str | None = None
    since: int | None = None  # the first year of a span lead (2018-2022年，)
    review: str = ""  # why the paragraph reviews a past period ("“十三五”期间 reviews 2016–2020")
    carried: bool = False  # a horizon named mid-sentence: it ends at a sentence with a time or result of its own


class ScopeTracker:
    """Walks a document's clauses in order and says which scope each one is in."""

    def __init__(self, doc: Document, by_id: dict[str, Clause], today: int | None = None) -> None:
        self.doc = doc
        self.by_id = by_id
        self.today = today
        self.scope: Scope | None = None
        self.previous: Clause | None = None

    def enter(self, clause: Clause) -> Scope | None:
        """The scope that applies to ``clause`` (None for the clause that opens one)."""
        if clause.kind == "table_row":
            return None
        previous, self.previous = self.previous, clause
        new_paragraph = previous is None or "\n" in self.doc.text[previous.end : clause.start]
        if self.scope is not None and not self._holds(self.scope, clause, previous, new_paragraph):
            self.scope = None
        opened = self._opens(clause)
        if opened is not None:
            inherited = self.scope
            self.scope = opened
            # A goal heading without a year of its own (主要目标：) keeps the year in force.
            if opened.year is None and opened.goal and inherited is not None:
                self.scope = Scope(inherited.year, True, opened.reach, opened.path, opened.heading_id)
            if opened.review:
                return opened  # the review's own opening sentence reviews too
            return None if opened.year is not None else inherited
        return self.scope

    def _opens(self, clause: Clause) -> Scope | None:
        text = clause.text
        goal = _GOAL_OPEN.match(text)
        if goal:
            return self._section_scope(clause, int(goal.group(1)))
        if clause.kind == "heading" and _GOAL_HEADING.search(text.rstrip("。；; ")) and not _REVIEW_WORDS.search(text):
            # 一、发展基础、形势使命与远景目标 reviews before it plans: no goal list over its reviews.
            return self._section_scope(clause, None)
        mid = _GOAL_MID.search(text)
        if mid and clause.kind != "heading" and not text.rstrip().endswith(("；", ";", "：", ":")):
            # 蹇某介绍，方案提出，目标到2023年，A突破x，B达y。C力争突破z。: the sentences after it
            # that name no time of their own go on listing the goals of that year.
            return Scope(int(mid.group(1)), True, "paragraph", carried=True)
        if _GOAL_SENTENCE.search(text) and text.rstrip().endswith(("；", ";", "：", ":")):
            year = _GOAL_YEAR.search(text)
            return Scope(int(year.group(1)) if year else None, True, "sentence")
        lead = _YEAR_LEAD.match(text)
        if lead:
            # 2018-2022年，…: the span's last year, and its first for the changes it lists (由a增至b)
            since = int(lead.group(1)) if lead.group(1) and int(lead.group(1)) < int(lead.group(2)) else None
            return Scope(int(lead.group(2)), False, "paragraph", since=since)
        topic_lead = _TOPIC_YEAR_LEAD.match(text)
        if topic_lead and self.today is not None and int(topic_lead.group(1)) < self.today:
            # 创新投入稳步增长，2030年，…。企业主体地位增强，…达到1460家: a review paragraph names its
            # year once, after its topic; the sentences after it go on with that year.
            return Scope(int(topic_lead.group(1)), False, "paragraph")
        review = self._period_review(text)
        if review is not None:
            return review
        relative = _RELATIVE_LEAD.match(text)
        if relative and self.today:
            # 记者从省科技厅获悉，去年，全省……。……居前三位的设区市……: the paragraph speaks of last year.
            return Scope(self.today + _RELATIVE_OFFSET.get(relative.group(1), 0), False, "paragraph")
        if text.rstrip().endswith(("；", ";")):
            # 去年我市入库2707家；新增省技术创新中心6家: the year goes on to the sentence's next part.
            year = self._stated_year(text)
            if year is not None:
                return Scope(year, False, "sentence")
            # 2022年R&D强度3.02%；全年…；…: a part naming the current year ends the one carried
            # before it (a paragraph's or section's year stays).
            if _THIS_YEAR.match(text) and self.scope is not None and self.scope.reach == "sentence":
                return Scope(None, False, "sentence")
        return None

    def _period_review(self, text: str) -> Scope | None:
        """A paragraph opening with a period before the one the document speaks from reviews it."""
        lead = _PERIOD_REVIEW_LEAD.match(text)
        if lead is None or self.today is None:
            return None
        if lead.group(1):
            first = _FIVE_YEAR_PLANS[lead.group(1)]
            last = first + 4
        else:
            # 五年来，… in a year-end report ends with the year reported on; in a plan, the year before it.
            last = self.today if self.today in self.doc.reported_years and self.today not in self.doc.years else self.today - 1
            first = last - {"五": 5, "三": 3, "一": 1}[lead.group(3) or lead.group(4)] + 1
            if last == self.today:
                return Scope(last, False, "paragraph", since=first,
                             review=f"{lead.group().rstrip('，, ')} reviews {first}–{last}")
        reports_it = self.today in self.doc.reported_years and self.today not in self.doc.years
        if last > self.today or last == self.today and not reports_it:
            return None  # the plan in force (“十四五”期间，力争……) is no review; a report of its last year reviews it
        # “十三五”期间，A由a提高到b: a is where the period began, the last year of the plan before it.
        since = first - 1 if lead.group(1) else first
        return Scope(last, False, "paragraph", since=since, review=f"{lead.group().rstrip('，, ')} reviews {first}–{last}")

    def _stated_year(self, text: str) -> int | None:
        unquoted = re.sub(r"《[^》]*》", "", text)
        # 较上年净增136家 compares with last year: no year of the statement's own.
        relative = next((m for m in _RELATIVE.finditer(unquoted)
                         if not re.search(r"(?:比|较|与|同|是)\s*$", unquoted[: m.start()])), None)
        # 2022年度湖北省科学技术奖 names an award, not the year of the statement.
        # 是2015年的5倍 (a baseline) neither: the sentence's year stays.
        explicit = next((m for m in re.finditer(r"(20\d\d)\s*年(?!度?的?基础|相比|同期|度[^，,；;。]{0,10}(?:奖|评选|表彰|名单))",
                                                unquoted) if not is_baseline_year(unquoted, m.start(1), m.end(1))), None)
        if explicit and (not relative or explicit.start() < relative.start()):
            return int(explicit.group(1))
        if relative and self.today:
            return self.today + _RELATIVE_OFFSET.get(relative.group(), 0)
        return None

    def _section_scope(self, clause: Clause, year: int | None) -> Scope:
        if clause.kind in ("heading", "item"):
            return Scope(year, True, "section", clause.section_path, clause.id)
        if clause.section_path:
            return Scope(year, True, "section", clause.section_path)
        return Scope(year, True, "paragraph")

    def _holds(self, scope: Scope, clause: Clause, previous: Clause | None, new_paragraph: bool) -> bool:
        if scope.carried and (_OWN_TIME.search(clause.text) or PAST_CUE.search(clause.text)):
            return False
        if scope.reach == "sentence":
            return previous is not None and previous.text.rstrip().endswith(("；", ";", "：", ":"))
        if scope.reach == "paragraph":
            return not new_paragraph or scope.goal and bool(_LIST_ITEM.match(clause.text))
        if scope.heading_id is not None:
            return self._under(clause, scope.heading_id)
        return clause.section_path[: len(scope.path)] == scope.path

    def _under(self, clause: Clause, heading_id: str) -> bool:
        parent = clause.parent_id
        while parent is not None:
            if parent == heading_id:
                return True
            node = self.by_id.get(parent)
            parent = node.parent_id if node else None
        return False
