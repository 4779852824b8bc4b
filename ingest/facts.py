"""Quantified goals and reported results in prose: value, unit, indicator, comparator, year.

Works on clean clause text; every fact keeps the clean offsets of its value so the caller can
map them back to the document text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.context import ClauseContext
from plankg.ingest.cues import cue_regex, words
from plankg.ingest.fact_groups import SERIES_STEP, assign_respectively, attach_stretch_lists, from_to, respective_growth
from plankg.ingest.indicator_phrase import clean_indicator, indicator_left, only_verbs, phrase_start, previous_noun
from plankg.ingest.numbers import ValueMention, comparator_for, find_values
from plankg.ingest.orgnames import parenthetical_units
from plankg.ingest.tense import (
    GOAL_AFTER_GAP_WHY,
    PAST_CUE,
    TARGET_CUE,
    YEAR,
    decide_kind,
    goal_after_gap,
    statement_before,
    statement_year,
    with_year_reason,
)
from plankg.ingest.units import infer_unit

# The regexes below are built from the word lists of lang/zh/cues.toml ([facts]).
_STRETCH_CUE = cue_regex(r"<facts.stretch>[:：]?$")
_STRETCH_ONLY = cue_regex(r"<facts.stretch>[:：]?")
_GROWTH = cue_regex(r"(?:同比)?(?:<facts.growth>|<facts.annual_growth>)(?:率)?<facts.growth_link>?$")
_SHORT_YEAR = re.compile(r"(?<!\d)(\d\d)年(?:数据)?")
_INCREMENT = cue_regex(r"<facts.increment>")
_CUMULATIVE = cue_regex(r"<facts.cumulative>")
_EXCLUDED_AFTER = re.compile(r"^(?:月|日|号|届|期|版|代|周年|\+|[A-Za-z])")
_SUBJECT_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?:要|在|将)")
_OF_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,12}?(?:的|是)")
_WHOLE_WORDS = words("facts.whole_words")
# A growth word, or only the comparison it makes (较去年同期增长1.2倍 names no indicator of its own).
_GROWTH_WORD = cue_regex(r"(?:同比|[比较](?:上年|去年|上一年|20\d\d年)(?:同期)?|[比较]?同期)?(?:<facts.growth>(?:率)?)?"
                         r"(?<=[\u4e00-\u9fff])")
_RIGHT_NOUN = cue_regex(r"^[^，,；;、。：:（(\s]{2,30}?(?=<facts.noun_end_verbs>|，|,|；|;|、|。|$|（|\(|\s)")
_RANK = cue_regex(r"<facts.rank_scope>[^，,；;。]{0,8}?前$")
_RANK_MOVE = cue_regex(r"<facts.rank_moves>")
_GOAL_VERB = cue_regex(r"<facts.goal_verbs>$")
_NUMERAL_VERB = cue_regex(r"<facts.numeral_verbs>$")
#: 较上年净增, 比去年新增: only a comparison and the verb of a change, naming nothing.
_CHANGE_ONLY = cue_regex(r"(?:同比|[比较](?:上年|去年|上一年|20\d\d年)(?:同期)?)(?:<facts.increment>|增加|减少)")
_COUNTING_VERB = cue_regex(r"<facts.numeral_verbs>|<facts.goal_verbs>|<facts.counting_verbs>")
#: A Chinese numeral closing its phrase (新增省级研究中心五家、市级十二家。): a count, not part of a name.
_CLOSES_PHRASE = cue_regex(r"^(?:<facts.value_suffixes>)?\s*(?:[，,。；;、）)]|$)")
_DRAWN_UP = cue_regex(r"<facts.drawn_up>了?$")
_VALUE_SUFFIXES = words("facts.value_suffixes")
_LEVEL = cue_regex(r"<facts.levels>")
_LEVEL_LEAD = cue_regex(r"^(?:有|共有|拥有|现有)?<facts.levels>")
_MEASURE_COUNT = cue_regex(r"^(.{0,6}?<facts.measure_nouns>).+$")
_MONEY = ("亿元", "万元", "元", "亿美元", "万美元", "亿", "万")
# Between a count and its amount (126笔860万元, 126笔、金额860万元).
_AMOUNT_AFTER_COUNT = re.compile(r"^[，,、]?\s*(?:共|合计|涉及)?(?:金额|资金)?(?:达到|达|为|约|共)?$")
_AMOUNT_WORD = re.compile(r"(?:成交|合同|交易|合计)?(?:金额|额)")
_COUNT_VERB = re.compile(r"^(?:共|累计|全年)?(?:认定登记|登记|签订|输出|吸纳|成交|完成)")
#: Places counted by the goal they all meet: 11个设区市…均超全国平均水平, 8个县（市、区）…均达到3%.
_PLACES_MEETING = re.compile(r"^((?:设区市|地级市|县（市、区）|县\(市、区\)|县市区|区县|县区|市|县|区|乡镇|园区|开发区|高新区)"
                             r"[^，,。；;：:]{2,40}?均(?:超过|超|达到|达|高于|实现|进入)[^，,。；;]{1,16})")
_QUOTES = re.compile(r"“[^”]{0,30}”|《[^》]{0,60}》|【[^】]{0,80}】|\"[^\"]{0,30}\"")


@dataclass
class Fact:
    """One number found in a clause, before records are made."""

    start: int
    end: int
    value: float | None
    unit: str | None
    indicator: str
    kind: str
    comparator: str | None = None
    measure: str = "level"
    growth: bool = False
    year: int | None = None
    period: tuple[int, int] | None = None
    stretch: float | None = None
    placeholder: bool = False
    unit_inferred: bool = False
    upper: float | None = None
    baseline: float | None = None
    why: str = ""  # why this kind and year (力争 marks a goal; section "发展基础" reviews 2015)


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Quoted names, titles and bracketed notes: numbers inside them are names, not values."""
    spans = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    return spans


def find_facts(text: str, ctx: ClauseContext, offset: int = 0) -> list[Fact]:
    """All facts in ``text`` (a clean clause). ``offset`` skips a leading list marker."""
    excluded = excluded_spans(text)
    facts: list[Fact] = []
    values = [v for v in find_values(text) if v.start >= offset]
    for value in values:
        if any(a <= value.start < b for a, b in excluded):
            continue
        fact = _fact(text, value, ctx, facts)
        if fact is None:
            continue
        if fact.kind == "stretch":
            if facts:
                facts[-1].stretch = fact.value
            continue
        facts.append(fact)
    attach_stretch_lists(text, facts)
    assign_respectively(text, facts)
    respective_growth(text, facts)
    from_to(text, facts, ctx.scope_since)
    facts.extend(_relative_goals(text, ctx, facts))
    return facts


def _counted_after_noun(text: str, value: ValueMention) -> bool:
    """新增国家高新技术企业十五家。: a Chinese numeral after its noun, closing a statement that counts.

    The statement must hold a verb that counts (新增, 建成, 有) and the numeral must end its phrase
    (a name such as 五个一 or 两家企业 goes on after it); 一批 counts nothing.
    """
    if value.unit in ("批", "些") or not _CLOSES_PHRASE.match(text[value.end :]):
        return False
    statement = re.split(r"[，,；;。]", text[: value.start])[-1]
    return bool(statement) and statement[-1] not in "第几" and bool(_COUNTING_VERB.search(statement))


def _fact(text: str, value: ValueMention, ctx: ClauseContext, earlier: list[Fact]) -> Fact | None:
    before = text[max(0, value.start - 12) : value.start]
    after = text[value.end : value.end + 8]
    if before.endswith(("第", "G", "+", ".", "．")) or _EXCLUDED_AFTER.match(after):
        return None
    if before.endswith(("前",)) and not _RANK.search(text[max(0, value.start - 14) : value.start]):
        return None
    dropped_unit = value.unit is None and not value.chinese and _owner_list_follows(text, value.end)
    index_value = value.unit is None and not value.chinese and re.search(r"指数(?:达到|达|为|保持在)?$", before) and (
        value.value is not None and value.value < 10_000)
    if value.unit is None and not before.endswith("前") and not dropped_unit and not index_value:
        return None  # a bare number is a code, an ordinal or a year; units are required in prose
    goal_met = _goal_met(text, value)
    if after.startswith("的") and not goal_met:
        return None  # 强度高于5%的企业: a qualifier, not a goal
    if value.chinese and not _NUMERAL_VERB.search(before) and not _counted_after_noun(text, value):
        return None
    if re.match(r"^[一二三四五六七八九十两]", after) and not re.match(r"^[一二三四五六七八九十两]*[百千万亿]+级", after):
        return None  # 五个一模式: a count inside a name (but 6个五百亿级产业集群 counts clusters)
    goal_verb = _GOAL_VERB.search(before)
    if value.unit in ("人", "名", "位", "家", "个") and not goal_verb and not goal_met and (
        _SUBJECT_AFTER.match(after) or _OF_AFTER.match(after) and not indicator_left(text, value.start)
    ):
        return None  # 2个省级高新区要...: a count that names the subject, not a goal
    rank = before.endswith("前") or value.unit == "位" and _RANK_MOVE.search(before)
    phrase_begin = phrase_start(text, value.start)
    left = text[phrase_begin : value.start]
    stretch_cue = _STRETCH_CUE.search(left.strip())
    indicator_raw = indicator_left(text, value.start)
    # 力争11个设区市研发经费支出占GDP比重均超全国平均水平: a count of places that all meet a goal
    # (not a stretch value of the goal before it).
    meeting = _PLACES_MEETING.match(text[value.end :]) if value.unit in ("个", "家") and not indicator_raw else None
    if not indicator_raw and stretch_cue and earlier and not meeting:
        return Fact(value.start, value.end, value.value, value.unit, "", "stretch")
    if indicator_raw and stretch_cue and _STRETCH_ONLY.fullmatch(indicator_raw) and earlier:
        return Fact(value.start, value.end, value.value, value.unit, "", "stretch")
    indicator = indicator_raw
    if _DRAWN_UP.search(indicator):
        indicator = ""  # 研究提出了18项培育措施: what was drawn up is named after the number
    growth_after = bool(re.match(r"^(?:的)?(?:增幅|增速|增长)", after))
    growth_value = value.unit in ("%", "百分点", "个百分点") and (bool(_GROWTH.search(left.strip())) or growth_after)
    if len(indicator) < 2 and meeting:
        indicator = meeting.group(1)
    if len(indicator) < 2:
        right = _RIGHT_NOUN.match(text[value.end :].lstrip("左右以上余多"))
        # 20家左右有较强市场话语权的行业龙头企业: the noun is what follows the last 的.
        indicator = clean_indicator(right.group(0).rsplit("的", 1)[-1]) if right else ""
        # 18项措施（高新技术企业培育）: a count of measures or tasks ends at that word.
        indicator = _MEASURE_COUNT.sub(r"\1", indicator)
    if len(indicator) < 2 and earlier and not _GROWTH_WORD.fullmatch(earlier[-1].indicator) and (
        text[earlier[-1].end : value.start].strip(" ，,、") in ("", "和", "及") or only_verbs(left)
    ):
        indicator = earlier[-1].indicator  # 新增2287家,累计突破1万家: the same indicator again
    if value.unit in _MONEY and earlier and earlier[-1].unit not in _MONEY and _AMOUNT_AFTER_COUNT.match(
            text[earlier[-1].end : value.start]):
        indicator = earlier[-1].indicator + "金额"  # 登记技术合同126笔860万元: the count's amount, its own measure
    elif value.unit in _MONEY and earlier and earlier[-1].unit not in _MONEY and _AMOUNT_WORD.fullmatch(indicator) and (
            not re.search(r"[。；;]", text[earlier[-1].end : value.start])):
        # 共登记技术合同16320项，成交金额214亿元: the amount of what was just counted.
        indicator = _COUNT_VERB.sub("", earlier[-1].indicator) + indicator
    if len(indicator) < 2:
        indicator = _bracketed_label(text, value) or indicator
    if len(indicator) < 2 and earlier and SERIES_STEP.match(text[earlier[-1].end : value.start]):
        indicator = earlier[-1].indicator  # 增长到2018年的68家、2019年的85家: the next step of a series
    if len(indicator) < 2 and only_verbs(left):
        indicator = previous_noun(text, phrase_begin)  # 申报2021年高新技术企业,拟申报25家
    label = _colon_label(text, value.start)
    if label and (len(indicator) < 2 or _GROWTH_WORD.fullmatch(indicator)
                  or _GROWTH_WORD.sub("", indicator) and label.endswith(_GROWTH_WORD.sub("", indicator))):
        indicator = label  # 人均地区生产总值：增长6%左右 / 某产业产值：产值增长16%: the label names it
    if (len(indicator) < 2 or _GROWTH_WORD.fullmatch(indicator)) and ctx.topic and not growth_value:
        indicator = ctx.topic  # 今年要达到4600亿元 in the row of 五大战新产业5000亿计划
    if (_GROWTH_WORD.fullmatch(indicator) or _CHANGE_ONLY.fullmatch(indicator)) and earlier:
        # 新认定企业52家，同比增长18.2%; 总数达1286家，较上年净增213家: the change of the same indicator
        indicator = earlier[-1].indicator
    if _LEVEL.fullmatch(indicator) and earlier:
        # 众创空间112家(国家级15家); 国家级特派员12人、省级45人: the level replaces the one before it.
        indicator += _LEVEL_LEAD.sub("", earlier[-1].indicator)
    if indicator in _WHOLE_WORDS:
        owner_phrase = earlier[-1].indicator if earlier else previous_noun(text, phrase_begin)
        indicator = owner_phrase + indicator if owner_phrase else indicator
    if value.unit in ("P", "PFlops", "EFlops") and "算力" not in text[max(0, value.start - 20) : value.start]:
        return None  # P is a unit of computing power only
    if rank:
        # 高新区综合排名进入全省前3: the indicator is the ranking, the scope stays in the text.
        indicator = re.sub(r"(?:要|力争|争取)?(?:进入|跻身|位居|位列|跃居|跃升|保持|挺进|达到|列|排)?"
                           r"(?:全国|全省|全市|全区|全州|全县)?(?:排名)?$", "", indicator)
        if len(indicator) < 2 or re.fullmatch(r"水平|位次|跃居|位居", indicator):
            # ……位次实现进位，跃居全省前40位 / 209人年，达到全市前3水平: the ranking of what came before.
            between = text[earlier[-1].end : phrase_begin] if earlier else ""
            same = earlier and not re.search(r"[。；;]", between) and len(re.sub(r"[^\u4e00-\u9fff]", "", between)) <= 3
            indicator = earlier[-1].indicator if same else previous_noun(text, phrase_begin)
    if len(indicator) < 2:
        return None
    comparator = comparator_for(text[:value.start], text[value.end :]) or (">=" if value.more else None)
    growth = (bool(_GROWTH.search(left.strip())) or growth_after) and value.unit in ("%", "百分点", "个百分点", "倍")
    measure = "growth" if growth else "rank" if rank else "level"
    if measure == "level" and _CUMULATIVE.search(left):
        measure = "cumulative"  # 累计引进: a total over the period, even with an increment verb
    if measure == "level" and _INCREMENT.search(left):
        measure = "increment"
    listed = earlier and text[earlier[-1].end : phrase_begin].strip(" ") in ("、", "")
    if measure == "level" and listed and earlier[-1].measure in ("increment", "growth"):
        measure = earlier[-1].measure  # 新增A10家、B120家: the list shares its verb
        growth = measure == "growth"
    year, period, explicit_year = statement_year(text, value.start, ctx)
    kind, why = decide_kind(text, value.start, ctx, year, explicit_year)
    same_sentence = earlier and not re.search(r"[。；;]", text[earlier[-1].end : value.start])
    statement = statement_before(text, value.start)
    if same_sentence and not TARGET_CUE.search(statement) and not PAST_CUE.search(statement) and not (
            YEAR.search(statement)):
        # 达285家,较十二五末增加107家,年均增长20%: one statement's tense (a goal it met is no tense)
        told = next((f for f in reversed(earlier) if f.why != _GOAL_MET_WHY), None)
        if told is not None:
            kind, why = told.kind, told.why
    if goal_after_gap(text, value.start):
        kind, why = "target", GOAL_AFTER_GAP_WHY  # one statement's tense does not reach its goal's bracket
    if not explicit_year and period is None and (ctx.plan_year or ctx.report_year) and not ctx.years_unknown:
        year = (ctx.plan_year if kind == "target" else ctx.report_year) or year
    if _SHARE_OF_YEARS_TASK.search(statement_before(text, value.start)) and value.unit in ("%", "％"):
        # 入库520家，完成全年任务的76.5%: the completion rate of the indicator just reported
        # (完成全年150家任务的42.7%, 完成年度目标任务45家的84.4%: the task's size may stand inside).
        kind, measure, growth, why = "achievement", "completion", False, "完成全年任务的 reports a completion rate"
        same = earlier and not re.search(r"[。；;]", text[earlier[-1].end : value.start])
        indicator = earlier[-1].indicator if same else ctx.topic or indicator
    if goal_met:
        # 超额完成全年净增130家目标任务: the goal the result met, for the same year.
        kind, why = "target", _GOAL_MET_WHY
        task = re.sub(r"(?:目标)?任务$|目标$", "", goal_met.group(1))
        named = clean_indicator(task) or task
        same = earlier and not re.search(r"[。；;]", text[earlier[-1].end : value.start])
        # 新增在孵企业64家，完成全年150家任务的42.7%: the task of the indicator just reported.
        indicator = named if len(named) >= 2 else earlier[-1].indicator if same else indicator
    unit = value.unit
    unit_inferred = False
    if dropped_unit:
        unit = infer_unit(indicator)
        if unit is None:
            return None
        unit_inferred = True
    if rank and unit is None:
        unit = "%" if text[value.end : value.end + 1] == "%" else "名"
    return Fact(
        start=value.start,
        end=value.end + _suffix_len(text, value.end),
        value=value.value,
        unit=unit,
        indicator=indicator,
        kind=kind,
        comparator=comparator,
        measure=measure,
        growth=growth,
        year=year,
        period=period,
        placeholder=value.placeholder,
        upper=value.upper,
        unit_inferred=unit_inferred,
        why=with_year_reason(why, year, explicit_year, ctx),
    )


_LABEL_BEFORE_BRACKET = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]$")
_RANKED_SUBJECT = re.compile(r"([^，,。；;：:]{2,30}?)(?:排名|排在|位居|居)前[一二三四五六七八九十\d]{1,2}位?")


_GOAL_MET = re.compile(r"(?:超额|提前|全面)?完成(?:了)?(?:全年|年度|\d{4}年)?([\u4e00-\u9fff]{0,10})$")
_GOAL_MET_WHY = "a goal that 完成…目标任务 says was met"
#: 完成全年任务的, 完成全年150家任务的, 完成年度目标任务45家的: the share of the year's task that follows is a result.
_SHARE_OF_YEARS_TASK = re.compile(r"完成(?:全年|年度)[^，,；;。]{0,12}?(?:任务|目标)[^，,；;。]{0,8}?的?$")


def _goal_met(text: str, value: ValueMention) -> re.Match[str] | None:
    """完成全年净增90家目标任务 / 完成年度目标任务45家的84.4%: the value is the year's task that was met."""
    met = _GOAL_MET.search(text[max(0, value.start - 16) : value.start])
    if met is None:
        return None
    after = text[value.end + _suffix_len(text, value.end) :]
    if re.match(r"^(?:以上)?(?:的)?(?:目标|任务)", after):
        return met
    named_before = re.search(r"(?:目标|任务)$", met.group(1)) and re.match(r"^(?:以上)?的", after)
    return met if named_before else None
_COLON_LABEL = re.compile(r"^\s*([\u4e00-\u9fffA-Za-z]{2,24})\s*[:：]")


def _colon_label(text: str, start: int) -> str:
    """The indicator a clause opens with before a colon, if the value is in the phrase right after it."""
    match = _COLON_LABEL.match(text)
    if match is None or re.search(r"[，,；;。（(]", text[match.end() : start]):
        return ""
    return match.group(1)


def _bracketed_label(text: str, value: ValueMention) -> str:
    """滨海新区(3487家)、武清区(611家): a value in brackets after a name is that name's.

    The ranked subject (科技型中小企业排名前五位的区是……) joins the name, so each value says what it counts.
    """
    label = _LABEL_BEFORE_BRACKET.search(text[: value.start])
    if not label or text[value.end : value.end + 1] not in (")", "）"):
        return ""
    name = re.sub(r"^.*?(?:是|为|有|、|和|及)", "", label.group(1)) or label.group(1)
    sentence_start = max(text.rfind(mark, 0, value.start) for mark in "。；;") + 1
    ranked = _RANKED_SUBJECT.search(text[sentence_start : value.start])
    subject = clean_indicator(ranked.group(1).split(",")[-1].split("，")[-1]) if ranked else ""
    return name + subject if len(name) >= 2 else ""


def _owner_list_follows(text: str, end: int) -> bool:
    """``1200(区科技局、区财政局)``: the unit fell out before an owner list."""
    if text[end : end + 1] not in ("(", "（"):
        return False
    return any(start == 0 for start, _, _ in parenthetical_units(text[end:]))


def _suffix_len(text: str, end: int) -> int:
    for word in _VALUE_SUFFIXES:
        if text.startswith(word, end):
            return len(word)
    return 0


_MULTIPLE = cue_regex(r"(<facts.multiples>)")
_CAMPAIGN_NAME = cue_regex(r"[”\"]?<facts.campaign_words>")


def _relative_goals(text: str, ctx: ClauseContext, facts: list[Fact]) -> list[Fact]:
    """翻一番, 倍增, 双倍增: a goal given as a multiple of the baseline (value 2 or 4, unit 倍)."""
    out = []
    excluded = excluded_spans(text)
    for match in _MULTIPLE.finditer(text):
        if any(f.start <= match.start() < f.end for f in facts) or any(a <= match.start() < b for a, b in excluded):
            continue  # “双倍增”行动: the name of a campaign, not a goal
        if _CAMPAIGN_NAME.match(text[match.end() :]):
            continue
        word = match.group(1)
        left = text[phrase_start(text, match.start()) : match.start()]
        left = re.sub(r"(?:实现|力争|确保|要|将|均|再)+$", "", left)
        names = [n for n in re.split(r"[和及与、]", indicator_left(left + "0", len(left))) if n] or [ctx.topic]
        year, period, explicit = statement_year(text, match.start(), ctx)
        kind, why = decide_kind(text, match.start(), ctx, year, explicit)
        for name in names if word == "双倍增" else [clean_indicator(left[phrase_start(left, len(left)):])]:
            if len(name) < 2:
                continue
            out.append(Fact(match.start(), match.end(), 4.0 if word == "翻两番" else 2.0, "倍", name, kind,
                            measure="multiple", year=year, period=period,
                            why=with_year_reason(why, year, explicit, ctx)))
    return out


def year_note(text: str) -> int | None:
    """A short-year note in a table cell: ``86.47(19年数据)`` -> 2019."""
    match = _SHORT_YEAR.search(text)
    return 2000 + int(match.group(1)) if match else None
