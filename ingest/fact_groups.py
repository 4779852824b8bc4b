"""Facts written together in one sentence: lists that share names, stretch values, from-to pairs.

分别建成A、B100个、1个 gives the values to the names in order; （高线：500家和2000家） gives
stretch values to the list before it; 从2020年的2.1%提高到2.6% makes the first value the baseline of
the second. Each function edits the facts ``facts.find_facts`` found in a clause.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plankg.ingest.cues import cue_regex, table
from plankg.ingest.indicator_phrase import clean_indicator, phrase_start

if TYPE_CHECKING:
    from plankg.ingest.facts import Fact

# 增长到2018年的: the verbs between a baseline and the next value, with that value's own year.
# 由a预计增至b: an adverb of estimate or sequence may stand before the verb.
_FROM_TO = cue_regex(r"^\s*[，,]?\s*(?:预计|将|可望|再|又|进一步)?\s*(?:<facts.change_verbs>\s*(?:到|至)|增至|升至|降至|增加至|达到)\s*"
                     r"(?:(?P<year>20\d\d)\s*年(?:底|末)?\s*的?)?\s*$")
# A sentence opening with the span its changes cover (2018-2022年，…, 2018年至2022年，…).
_SPAN_LEAD = re.compile(r"(?:^|[。\n])[^。\n]{0,6}?(20\d\d)\s*年?\s*[-—–~至到]\s*(20\d\d)\s*年\s*[，,][^。]*$")
# 由2015年的a, 由“十二五”末的a: where a change starts, and when.
_FIVE_YEAR_PLANS: dict[str, int] = table("years.five_year_plans")
_FROM = re.compile(r"(?:从|由)\s*(?:(20\d\d)\s*年(?:底|末)?\s*的?|[“\"]?(" + "|".join(_FIVE_YEAR_PLANS)
                   + r")[”\"]?(?:末期?|期末)\s*的?)?\s*$")
# 、2019年的85家 / ，再到2021年的131家: the next step of a dated series.
SERIES_STEP = re.compile(r"^\s*[、，,]?\s*(?:(?:再|又|并)?(?:增长|增加|提高|提升)?(?:到|至))?\s*(20\d\d)\s*年(?:底|末)?\s*的?\s*$")
_HEAD_NOUN = cue_regex(r"<facts.head_nouns>$")
_LEVEL_ONLY = cue_regex(r"^<facts.levels>$")
_LEVEL_PREFIX = cue_regex(r"^<facts.levels>")


def assign_respectively(text: str, facts: list[Fact]) -> None:
    """分别建成数字化车间、超级工厂100个、1个: values listed after names go to them in order."""
    i = 0
    while i < len(facts):
        run = [facts[i]]
        while i + len(run) < len(facts) and text[run[-1].end : facts[i + len(run)].start] in ("、", "和", "及", "与"):
            run.append(facts[i + len(run)])
        i += len(run)
        if len(run) < 2:
            continue
        head_start = phrase_start(text, run[0].start)
        names = [run[0].indicator]
        pos = head_start - 1
        while len(names) < len(run) and pos > 0 and text[pos] == "、":
            start = phrase_start(text, pos)
            names.insert(0, clean_indicator(text[start:pos]))
            pos = start - 1
        if len(names) != len(run) and "分别" in text[head_start : run[0].start]:
            # A和B数量分别达到120家和860家: the names share the head noun after the last one.
            names = _listed_names(text[head_start : run[0].start], len(run))
            if not names and re.match(r"^\W*分别", text[head_start : run[0].start]):
                # A和B在2022年的基础上实现倍增，分别超过90家和870家: the names lead the clause before.
                names = _listed_names(_subject_before(text, head_start), len(run))
        if len(names) != len(run) or not all(names):
            continue
        # 国家级、省级知识产权保护规范化市场2家、5家: a bare qualifier shares the last name's head noun.
        last = names[-1]
        for k, name in enumerate(names[:-1]):
            qualifier = _LEVEL_ONLY.match(name)
            head = _LEVEL_PREFIX.sub("", last)
            names[k] = name + head if qualifier else name
        for fact, name in zip(run, names):
            fact.indicator = name


def respective_growth(text: str, facts: list[Fact]) -> None:
    """A n项，B m万元，较上年分别增长x%和y%: the growth rates go to the values before them, in order.

    The baseline may stand after 分别 (分别比上年增长x%和y个百分点).
    """
    for match in re.finditer(r"分别(?:(?:比|较)(?:上年|去年|上一年|20\d\d\s*年)(?:同期)?)?(?:增长|提高|增加|下降)", text):
        rates = [f for f in facts if f.start >= match.end() and f.growth]
        run = [rates[0]] if rates and not re.search(r"[，,。；;]", text[match.end() : rates[0].start]) else []
        for rate in rates[1:]:
            if text[run[-1].end : rate.start].strip() not in ("和", "、", "及", "与"):
                break
            run.append(rate)
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。；;") + 1
        levels = [f for f in facts if sentence_start <= f.start < match.start() and not f.growth]
        if len(run) < 2 or len(levels) < len(run):
            continue
        for rate, level in zip(run, levels[-len(run):]):
            rate.indicator = level.indicator


def _subject_before(text: str, start: int) -> str:
    """The subject opening the comma stretch before ``start``, up to its first verb or preposition."""
    stretch = re.split(r"[，,；;。：:]", text[:start].rstrip("，, "))[-1]
    return re.split(r"在|实现|均|将|要|比|较|同比|[“\"]", stretch, maxsplit=1)[0]


def _listed_names(phrase: str, count: int) -> list[str]:
    """``国家高新技术企业和科技型中小企业数量分别达到`` -> the two names, each with the shared head."""
    subject = clean_indicator(phrase.split("分别")[0])
    parts = [p for p in re.split(r"[、和及与]", subject) if p]
    if len(parts) != count:
        return []
    head = _HEAD_NOUN.search(parts[-1])
    if head and not parts[0].endswith(head.group()):
        parts = [p + head.group() for p in parts[:-1]] + [parts[-1]]
    return parts


def from_to(text: str, facts: list[Fact], since: int | None = None) -> None:
    """A baseline and a value, or a dated series, written as one change.

    从2020年的2.1%提高到2.6% and 从120家增至312家 make the first value the baseline (a result, of its
    year) of the second; 由2017年的52家增长到2018年的68家、2021年的131家 gives one dated result per year.
    """
    i = 0
    earlier: tuple[int, int] | None = None  # the start year of a dated change before, and where it ended
    while i < len(facts) - 1:
        first, second = facts[i], facts[i + 1]
        origin = _FROM.search(text[: first.start])
        step = _FROM_TO.match(text[first.end : second.start])
        if not origin or not step:
            i += 1
            continue
        series = [first, second]
        years = [int(origin.group(1)) if origin.group(1) else _plan_end(origin.group(2)), _step_year(step)]
        span = _SPAN_LEAD.search(text[: first.start])
        if span and years[0] is None and int(span.group(2)) > int(span.group(1)):
            # 2018-2022年，A由a增至b；B由c增至d: each change runs from the span's first year to its last.
            years = [int(span.group(1)), years[1] or int(span.group(2))]
        elif since is not None and years[0] is None:
            years[0] = since  # the same, in a later part of the sentence (the span lead opened the paragraph)
        elif years[0] is None and earlier is not None and not re.search(r"[。；;]", text[earlier[1] : first.start]):
            # A由2016年的a增至b，B由c增至d: a change listed beside a dated one starts in the same year.
            years[0] = earlier[0]
        while i + len(series) < len(facts):
            following = facts[i + len(series)]
            more = SERIES_STEP.match(text[series[-1].end : following.start])
            if not more:
                break
            series.append(following)
            years.append(int(more.group(1)))
        if years[0] is not None:
            earlier = (years[0], series[-1].end)
        indicator = clean_indicator(text[phrase_start(text, origin.start()) : origin.start()])
        if len(indicator) < 2:
            # 高新技术企业数量快速增长，由2019年的a家增长到…: the subject leads the clause before.
            indicator = clean_indicator(re.split(r"数量|总量|规模|快速|持续|稳步|不断|逐年|大幅|增长|提升|提高|增加",
                                                 _subject_before(text, origin.start()), maxsplit=1)[0])
        for fact in series:
            if len(indicator) >= 2:
                fact.indicator = indicator
            fact.growth, fact.measure = first.growth, first.measure
        first.kind = "achievement"
        dated = all(year is not None for year in years)
        for fact, year in zip(series, years):
            if year is not None:
                fact.year, fact.period = year, None
        if dated and len(series) > 2 or dated and series[-1].kind == "achievement":
            # A series of past years reports each year's result, the last one included.
            for fact in series:
                fact.kind = "achievement"
        else:
            second.baseline = first.value
        i += len(series)


def _plan_end(name: str | None) -> int | None:
    """The last year of the five-year plan named (十二五 -> 2015)."""
    return _FIVE_YEAR_PLANS[name] + 4 if name else None


def _step_year(step: re.Match[str]) -> int | None:
    return int(step.group("year")) if step.group("year") else None


def attach_stretch_lists(text: str, facts: list[Fact]) -> None:
    """（高线：500家和2000家） after a list gives stretch values to the list, in order."""
    for match in re.finditer(r"[（(]\s*高线[:：]?([^）)]+)[）)]", text):
        inside = [f for f in facts if match.start() <= f.start < match.end()]
        if not inside:
            continue
        listed = [f for f in facts if f.end <= match.start()][-len(inside) :]
        for target, stretch in zip(listed, inside):
            target.stretch = stretch.value
        for fact in inside:
            facts.remove(fact)
