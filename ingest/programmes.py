"""Programmes, strategies, designations and cited plan documents, quoted or not.

- plan documents in 《》 (``《银川市科技计划项目管理办法》``), with the short title a document gives
  them (``以下简称《管理办法》``), and numbered central documents (``中央12号文件``);
- programmes and campaigns after a verb that starts them (``实施科技强区行动``, ``国家火炬计划``),
  national programme codes (``863计划``) and talent titles (``长江学者``);
- strategies (``创新驱动发展战略``, ``科教兴宁``) and designations (``国家创新型城市``, ``…示范县``).

Names are cut on the left at verbs, particles and punctuation (the ``[entities]`` boundary list),
and a name made only of generic words (``国家战略``) is not one.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex, fill, words
from plankg.ingest.entity_spans import Found, overlaps
from plankg.ingest.name_heads import ends_in_verb, leading_non_name
from plankg.ontology.regions import load_gazetteer

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_SHORT_TITLE = re.compile(r"[（(]\s*(?:以下)?简称\s*[“\"《]?([^”\"》）)]{2,20})[”\"》]?\s*[）)]")
_NUMBERED_DOC = re.compile(r"(?:中央|国务院|省委|市委|区委)?\d{1,3}号文件?")
_CJK = r"[\u4e00-\u9fff]"
_PROGRAMME = cue_regex(
    rf"(?:<entity_programmes.triggers>)(?:\d{{4}}年度?)?((?:国家|省级|省|自治区|市级|市)?{_CJK}{{1,16}}?(?:<entity_programmes.endings>))"
    rf"(?!<entity_programmes.not_after>)(?!{_CJK}{{0,2}}(?:<entity_programmes.endings>))")
_JOINED_PROGRAMME = cue_regex(
    rf"(?:和|及|以及|、)({_CJK}{{2,14}}?(?:<entity_programmes.endings>))(?!<entity_programmes.not_after>)"
    rf"(?!{_CJK}{{0,2}}(?:<entity_programmes.endings>))")
_NATIONAL_PROGRAMME = cue_regex(
    rf"国家{_CJK}{{2,8}}?(?:计划|工程|专项)(?=项目|(?!<entity_programmes.not_after>))(?!{_CJK}{{0,2}}(?:计划|工程|专项))")
_CODE = cue_regex(r"(?<![\d.])(?:<entity_programmes.programme_codes>)(?:计划)?(?![\d.%个家万亿元件人次名年]|项(?!目))")
_TALENT = cue_regex(r"<entity_programmes.talent_titles>")
_EVENT = cue_regex(rf"(?:“[^“”]{{2,12}}”|{_CJK}){{0,18}}?(?:<entity_programmes.event_endings>)")
_EDITION = re.compile(r"第[一二三四五六七八九十\d]+届|首届")
_VOUCHER = cue_regex(r"(?<![\u4e00-\u9fff]{2}[“\"])(?:<entity_programmes.voucher_names>)")
_MECHANISM = cue_regex(rf"{_CJK}{{2,10}}?(?:<entity_programmes.mechanism_endings>)")
# A joint fund inside a fund keeps its name (国家自然科学基金区域创新发展联合基金).
_FUND = cue_regex(r"(?:<entity_programmes.fund_names>)(?:[\u4e00-\u9fff]{2,12}?联合基金)?")
_ENTERPRISE_TITLE = cue_regex(r"(?:国家级|国家|省级)?(?:<entity_programmes.enterprise_titles>)")
_LEVEL_BEFORE = re.compile(r"(?:^|(?<![\u4e00-\u9fff]))(?:[省市区县]级?)$|(?<=[获批评为认定])[省市区县]级?$")
_PLACED_TITLE = cue_regex(r"(?:<entity_programmes.placed_enterprise_titles>)")
_STRATEGY = cue_regex(
    rf"({_CJK}{{2,14}}?)(?:<entity_programmes.strategy_ending>)(?!<entity_programmes.strategy_not_after>)")
_STRATEGY_HEAD = cue_regex(
    r"(?:<entity_programmes.strategy_heads>)(?:<entity_programmes.strategy_head_places>(?!<entity_programmes.strategy_ending>)"
    r"|[\u4e00-\u9fff]<entity_programmes.strategy_ending>)")
_DESIGNATION = cue_regex(rf"({_CJK}{{0,14}}?)(<entity_programmes.designation_endings>)(?!{_CJK}{{0,1}}(?:企业|项目|工作))")
_DESIGNATION_END = cue_regex(r"(?:<entity_programmes.designation_endings>)$")
_QUOTED = re.compile(r"“([^“”、，。；]{2,16})”")
# A quoted list of slogans a programme ending follows (“抓项目、进企业、解难题”专项行动): one name.
_QUOTED_LIST = cue_regex(r"“([^“”，。；]{2,10}(?:、[^“”，。；、]{2,10}){1,4})”(?=<entities.programme_after>)")
# Single quotes and corner brackets quote names as double quotes do (‘33618’体系, 「X」行动); same width.
_QUOTE_MARKS = str.maketrans("‘’「」", "“”“”")
# The topic a quoted programme is named in before its quote (食品安全“扫雷”行动): words, no place nor verb.
_TOPIC_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,10}$")
_BODY_END = re.compile(r"[委局府厅办部]$")
# A heading that is wholly a programme's name (一、企业自主创新能力提升工程).
_HEADING_PROGRAMME = cue_regex(
    r"^[|｜\s]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])?\s*"
    r"([\u4e00-\u9fff]{4,20}?(?:<entity_programmes.endings>))[|｜\s]*$")
# A cell between bars (| 4 | 创新资源集聚工程 | …), a note in brackets after it (X工程(牵头承担)) left aside.
_BAR_CELL = re.compile(r"(?<=[|｜])\s*([^|｜\s][^|｜]{2,40}?)\s*(?=[|｜])")
# X战略和Y行动: two names joined, not one.
_TWO_NAMES = cue_regex(r"(?:<entity_programmes.endings>|<entity_programmes.strategy_ending>)(?:和|与|及|以及)")
_CELL_NOTE = re.compile(r"[（(][^（()）]{1,8}[)）]$")
_CELL_NAME = cue_regex(r"[\u4e00-\u9fff“”]{2,24}?(?:<entity_programmes.endings>)")
# A major programme named by its field (生物医药重大专项, 湖北重大科技专项).
_FIELD_PROGRAMME = cue_regex(r"[\u4e00-\u9fff]{2,14}?(?:<entity_programmes.field_programme_endings>)")
_QUOTED_AFTER = cue_regex(r"^<entities.programme_after>")
_QUOTED_HEADED_SHORT = cue_regex(r"^[\u4e00-\u9fff]{2}(?:<entity_programmes.list_endings>)(?!<entity_programmes.not_after>)")
_QUOTED_HEADED = cue_regex(r"^[\u4e00-\u9fff]{2,8}?(?:<entity_programmes.endings>)(?!<entity_programmes.not_after>)")
_QUOTED_NOT_AFTER = cue_regex(r"^<entity_programmes.quoted_not_after>")
_QUOTED_BEFORE = cue_regex(r"<entities.programme_before>$")
_QUOTED_END = cue_regex(r"(?:<entities.programme_endings>|\d+<entity_programmes.policy_count>)$")
_CAMPAIGN_AFTER = cue_regex(r"^<entities.campaign_after>")
# 九镇三谷, 三个一批, 一省两市三高地: numbers each counting a short word, two different numbers at least.
_SLOGAN = re.compile(r"(?:[一二三四五六七八九十双百千万两]+[\u4e00-\u9fff]{1,2}){2,}")
_NOT_SLOGANS = frozenset(words("entity_programmes.not_slogans"))
_NUMBERED_SYSTEM = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:创新体系|合作体系|体系|布局|产业链|经济带|格局)")
_PERIOD = re.compile(r"十[一二三四五六七八九]五")  # “十四五”: a plan period, not a campaign
_DRAFT = re.compile(r"[（(](?:公开)?征求意见稿[）)]$")
# The kinds of document a cited plan document is (规划, 方案, 意见...): its title ends with one.
_DOCUMENT_KIND = cue_regex(r"(?:<entity_programmes.document_kinds>)$")
_TRAILING_YEARS = re.compile(r"\s*[（(][^（()）]{0,24}[)）]$")
_INNER_TITLE = re.compile(r"[〈<]([^〈〉<>]{2,60})[〉>]")
_SENDS = re.compile(r"(?:印发|转发|发布|颁布)$")  # 关于印发〈X〉的通知: a notice that only sends X
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十双百千万两]")
_BOUNDARY = cue_regex(r"(?:<entity_programmes.boundary>|[\dX]+年|\d+个|\d+家|[一二三四五六七八九十两]+[大个项])")
# A measure word after a count (1家, 有 家) that a name's pattern may take as its first character.
_JOINED_FIELDS = re.compile(r"[\u4e00-\u9fff]{4,8}")
_JOINED_END = re.compile(r"(?:战略|先行区)$")
_COUNTED = re.compile(r"[家个项座所批]")
_COUNT_BEFORE = re.compile(r"(?:[\d一二三四五六七八九十两几数多余]|有\s*|\s)$")
_COUNT_IN_NAME = cue_regex(r"[一二三四五六七八九十两]+大(?:<entity_programmes.endings>)")
# 分别为:X突破行动、Y培育行动、Z拓展行动: a list whose items share a programme ending names programmes.
_SHARED_ENDING_LIST = cue_regex(
    r"(?:[^、，,。；;：:\s]{2,24}?(<entity_programmes.list_endings>)、){2,}[^、，,。；;：:\s]{2,24}?(?:<entity_programmes.list_endings>)")
_ITEM = cue_regex(r"[^、]+?(?:<entity_programmes.list_endings>)(?=、|$)")
_AWARD = cue_regex(r"(?:<entity_programmes.award_names>)")
_AWARD_HEADED = cue_regex(r"(?:<entity_programmes.award_endings>)(?![励金])")
_GENERIC = cue_regex(r"<entity_programmes.generic>")
_PLANNED = cue_regex(r"(?:<entity_programmes.planned_before>)$")
_STRATEGY_WORD_TEXT = tuple(words("entity_programmes.strategy_ending"))
_STRATEGY_GENERIC = cue_regex(r"<entity_programmes.strategy_generic>")
_STRATEGY_WORD = fill(r"(?:<entity_programmes.strategy_ending>)")
_ENDING_WORDS = sorted(words("entity_programmes.endings"), key=len, reverse=True)


def plan_documents(text: str) -> list[Found]:
    """Plan documents cited in 《》 and numbered central documents; a short title is one more name."""
    found: list[Found] = []
    shorts: list[tuple[int, int]] = []
    for match in _TITLE.finditer(text):
        if overlaps(match.start(), match.end(), shorts):
            continue  # the short title of the title before it
        title = _DRAFT.sub("", match.group(1).strip())
        if not _DOCUMENT_KIND.search(_TRAILING_YEARS.sub("", title)):
            continue  # 《深入实施X 以Y引领Z建设》: a speech or an article, not a plan document
        inner_titles = list(_INNER_TITLE.finditer(match.group(1)))
        if not (inner_titles and _SENDS.search(match.group(1), 0, inner_titles[0].start())):
            found.append(Found(match.start(), match.end(), "plan_document", title, "title in 《》"))
        for inner in inner_titles:  # 〈X〉 inside a title is cited too
            at = match.start(1) + inner.start(1)
            found.append(Found(at, at + len(inner.group(1)), "plan_document", inner.group(1), "title in 〈〉 inside a title"))
        short = _SHORT_TITLE.match(text, match.end())
        if short:
            found.append(Found(short.start(1), short.end(1), "plan_document", title,
                               f"short title {short.group(1)} given by the text"))
            shorts.append((short.start(), short.end()))
    for match in _NUMBERED_DOC.finditer(text):
        if match.group().endswith("文件") and not overlaps(match.start(), match.end(), [(f.start, f.end) for f in found]):
            found.append(Found(match.start(), match.end(), "plan_document", match.group(), "numbered document"))
    return found


def programmes(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Programmes, campaigns, strategies, designations and talent titles outside ``taken`` spans."""
    found: list[Found] = []
    spans = list(taken)
    text = text.translate(_QUOTE_MARKS)

    def add(start: int, end: int, name: str, why: str) -> None:
        if text[start : start + 1] == "年" and text[start - 1 : start].isdigit():
            start += 1  # 2022年首次跻身X: the year's 年 is not part of the name
            name = text[start:end]
        if _COUNTED.match(text, start) and _COUNT_BEFORE.search(text[max(0, start - 3) : start]):
            start += 1  # 争创1家国家创新型县: the count's measure word is not part of the name
            name = text[start:end]
        if name == text[start:end] and text[start - 1 : start] != "“":  # unquoted: past a leading verb
            start += leading_non_name(name, 4)
            name = text[start:end]
        if len(name) < 3 or overlaps(start, end, spans) or (_generic(name) and why != "designation ending"):
            return
        spans.append((start, end))
        found.append(Found(start, end, "programme", name, why, planned=bool(_PLANNED.search(text[max(0, start - 6):start]))))

    heading = _HEADING_PROGRAMME.match(text)
    if heading and programme_cell(heading.group(1)):
        add(heading.start(1), heading.end(1), heading.group(1), "heading that names a programme")
    for cell in _BAR_CELL.finditer(text):
        name = _CELL_NOTE.sub("", cell.group(1))
        if programme_cell(name):
            add(cell.start(1), cell.start(1) + len(name), name, "cell that names a programme")
    for match in _QUOTED_LIST.finditer(text):
        _quoted(text, match, add)
    for match in _QUOTED.finditer(text):
        _quoted(text, match, add)
    for match in _TALENT.finditer(text):
        add(match.start(), match.end(), match.group(), "talent title")
    for match in _ENTERPRISE_TITLE.finditer(text):
        add(match.start(), match.end(), match.group(), "title a firm earns")
    if _PLACED_TITLE.search(text):
        places = {end: start for _region, start, end in load_gazetteer().find_all(text)}
        for match in _PLACED_TITLE.finditer(text):
            if match.start() in places:  # 天津市瞪羚企业, not 瞪羚企业 alone (a kind of firm)
                start = places[match.start()]
                add(start, match.end(), text[start : match.end()], "title a firm earns from a place")
            elif _LEVEL_BEFORE.search(text, max(0, match.start() - 2), match.start()):
                # 获批省“瞪羚”企业: the plan's own level grants it; the title is the name
                add(match.start(), match.end(), match.group(), "title a firm earns from the plan's own level")
    places = {end: start for _region, start, end in load_gazetteer().find_all(text)}
    for match in _EVENT.finditer(text):
        start = _trim(text, match.start(), match.end())
        start += 1 if text[start] == "年" and text[start - 1 : start].isdigit() else 0
        edition = ([None] + list(_EDITION.finditer(text, start, match.end())))[-1]  # the last edition number
        if edition is not None:
            start = edition.end() if match.end() - edition.end() > 4 else edition.start()
            if start == edition.start() and re.match(r"[省市区县](?![\u4e00-\u9fff]?[省市区县])", text[start - 1 : start + 1]):
                start -= 1  # 市第六届X大赛: the level that holds it
        place = max((a for a in places.values() if start <= a < match.end() - 4), default=None)
        start = place if place is not None and edition is None else start  # 还要办好四川省X大会 -> 四川省X大会
        if not (edition is not None or place is not None or text.startswith(("中国", "全国", "“"), start)):
            continue  # 全省科技工作会议: a kind of meeting, not one named
        add(start, match.end(), text[start : match.end()], "event named by a place, a quote or an edition")
    for match in _FUND.finditer(text):
        start = places.get(match.start(), match.start() - 2 if text[max(0, match.start() - 2) : match.start()] == "国家" else -1)
        if start >= 0:
            add(start, match.end(), text[start : match.end()], "fund named by a place or 国家")
    for match in _VOUCHER.finditer(text):
        add(match.start(), match.end(), match.group(), "voucher a plan hands out")
    for match in _MECHANISM.finditer(text):
        start = _trim(text, match.start(), match.end())
        ordinal = re.match(r"第[一二三四五六七八九十\d]+批", text[start : match.end()])
        start += ordinal.end() if ordinal else 0
        add(start, match.end(), text[start : match.end()], "mechanism ending (负责制, 积分制)")
    for match in _CODE.finditer(text):
        name = match.group() if match.group().endswith("计划") else match.group() + "计划"
        if match.group().endswith("计划") or re.match(r"[、和及与]|计划|项目", text[match.end():match.end() + 2]):
            found.append(Found(match.start(), match.end(), "programme", name, "national programme code"))
            spans.append((match.start(), match.end()))
    for match in _PROGRAMME.finditer(text):
        start = _trim(text, match.start(1), match.end(1))
        add(start, match.end(1), text[start : match.end(1)], "programme ending after a verb that starts it")
        joined = _JOINED_PROGRAMME.match(text, match.end(1))
        if joined and not _BOUNDARY.search(joined.group(1)[:-2]):
            # 实施A领先行动和B攻坚行动: the verb starts both programmes the conjunction joins
            add(joined.start(1), joined.end(1), joined.group(1), "programme joined to one a verb starts")
    for match in _FIELD_PROGRAMME.finditer(text):
        start = _trim(text, match.start(), match.end())
        add(start, match.end(), text[start : match.end()], "field + major programme ending")
    for match in _SHARED_ENDING_LIST.finditer(text):
        for item in _ITEM.finditer(match.group()):
            start = match.start() + item.start()
            start = _trim(text, start, match.start() + item.end()) if item.start() == 0 else start
            add(start, match.start() + item.end(), text[start : match.start() + item.end()], "item of a list of programmes")
    for match in _AWARD.finditer(text):
        add(match.start(), match.end(), match.group(), "named award")
    for match in _AWARD_HEADED.finditer(text):
        head = max((a for a in places.values() if match.start() - 8 <= a < match.start()), default=None)
        national = re.search(r"国家(?:最高)?$", text[max(0, match.start() - 4) : match.start()])  # 国家最高科学技术奖
        start = match.start() - len(national.group()) if national else head
        if start is None:
            level = re.search(r"(?:自治区|省|市)$", text[max(0, match.start() - 3) : match.start()])
            start = match.start() - len(level.group()) if level else None  # 获得自治区科学技术奖: the plan's own level
        if start is not None and not re.search(r"[，。；、,:：]", text[start : match.start()]):
            add(start, match.end(), text[start : match.end()], "award named by a place or 国家")
    for match in _NATIONAL_PROGRAMME.finditer(text):
        start = _trim(text, match.start(), match.end())
        if text.startswith("国家", start) and not re.search(r"[区园城]", text[start : match.end()]):
            add(start, match.end(), text[start : match.end()], "国家 + programme ending")
    for match in _STRATEGY_HEAD.finditer(text):
        if not match.group().endswith(_STRATEGY_WORD_TEXT):
            continue  # 推进科技强省(建设): a goal the plan names; the strategy is named with 战略
        add(match.start(), match.end(), match.group(), "strategy head (科教兴X, 人才强X)")
    for match in _STRATEGY.finditer(text):
        start = _trim(text, match.start(1), match.end())
        add(start, match.end(), text[start : match.end()], "ending 战略")
    for match in _DESIGNATION.finditer(text):
        start = _trim(text, match.start(1), match.end())
        if start > match.start(2):  # not inside the ending: 创新型县(市、区)试点
            start = _trim(text, match.start(1), match.start(2) + 2)
        start += leading_non_name(text[start : match.end()], 4)
        # The place that earns a designation is not part of its name (三亚市建成国家创新型城市).
        for _region, a, b in load_gazetteer().find_all(text[start : match.end()]):
            if a == 0:
                start += b
        ordinal = re.match(r"第[一二三四五六七八九十\d]+批", text[start : match.start(2)])
        start += ordinal.end() if ordinal else 0
        core = re.sub(r"国家级|国家|省级|市级|自治区级|[省市区县级]", "", text[start : match.start(2)])
        if _GENERIC.sub("", core) or match.group(2).startswith("创新型"):
            add(start, match.end(), text[start : match.end()], "designation ending")
    return found


def programme_cell(name: str) -> bool:
    """Is ``name``, standing alone as a heading or a table cell, wholly a programme's name
    (创新资源集聚工程, “十百千”企业培育工程), not a task (实施X工程) nor a kind (科技计划)?"""
    if not _CELL_NAME.fullmatch(name) or _GENERIC.fullmatch(name) or _generic(name):
        return False
    # Standing alone, a name keeps the verbs inside it (科技体制改革深化工程); one that opens it is a task.
    return not _BOUNDARY.match(name) and not _TWO_NAMES.search(name) and not leading_non_name(name, 4)


def _quoted(text: str, match: re.Match[str], add) -> None:  # type: ignore[no-untyped-def]
    """A quoted name that a programme word follows, precedes or ends (“双倍增”行动, 实施“X”).

    A numbered slogan (“315”, “1+6”, “九镇三谷”) is a programme too, with the system it names when one
    follows (“315”科技创新体系, “五点一线”沿海经济带).
    """
    inner = match.group(1)
    after = text[match.end() : match.end() + 12]
    lead = _topic_start(text, match.start())
    before = text[max(0, lead - 4) : lead]
    if _QUOTED_NOT_AFTER.match(after) or _PERIOD.fullmatch(inner) or "的" in inner:
        return  # “停滞多年的X计划”: a quoted clause (的 joins a description to its head), not a name
    numbered = _SLOGAN.fullmatch(inner) and len(set(_CN_NUMERAL.findall(inner))) >= 2 and inner not in _NOT_SLOGANS
    system = _NUMBERED_SYSTEM.match(text, match.end()) if re.search(r"\d", inner) or numbered else None
    if system and not _BOUNDARY.search(system.group()):
        add(match.start(), system.end(), text[match.start() : system.end()], "numbered slogan + the system it names")
        return
    listed = after.startswith("等")
    if listed:  # “送科技政策到企业”等活动
        after = after[1:]
    # “X研究”等国家科技重大专项: one of a kind the words after 等 name, not a name with them
    suffix = _QUOTED_AFTER.match(after) or (None if listed else _quoted_headed(after))
    if _DESIGNATION_END.search(inner):  # “安徽省科技创新先进市”: the designation as the text names it
        add(match.start(1), match.end(1), inner, "quoted designation")
    elif suffix and suffix.group() in _STRATEGY_WORD_TEXT:
        # “一本三基四梁八柱”战略: the text names the strategy by its quoted core; 战略 says what it is
        add(match.start(1), match.end(1), inner + suffix.group(), f"quoted name + {suffix.group()}")
    elif suffix and suffix.group() not in ("活动", "业务"):
        # “小巨人”培育行动 is named without its marks, a longer tail (“双碳”技术示范行动) with them; the topic
        # before the quote (科技型企业“双倍增”行动) is in the text's form, not in the name
        short = _QUOTED_AFTER.match(after) or _QUOTED_HEADED_SHORT.match(after)
        name = inner + suffix.group() if short else text[match.start() : match.end() + suffix.end()]
        add(lead, match.end() + suffix.end(), name, f"quoted name + {suffix.group()}")
    elif lead < match.start() and (suffix or _QUOTED_BEFORE.search(before)) and not re.match(_CJK, after):
        # 开展食品安全“九查九扫”: the topic and the quoted core, as the text names the campaign
        add(lead, match.end(), text[lead : match.end()], "topic + quoted programme name")
    elif suffix or _QUOTED_BEFORE.search(text, max(0, match.start() - 4), match.start()) or _QUOTED_END.search(inner):
        add(match.start(1), match.end(1), inner, "quoted programme name")
    elif _CN_NUMERAL.search(inner) and _CAMPAIGN_AFTER.match(after):
        add(match.start(1), match.end(1), inner, "quoted numbered campaign")
    elif numbered:
        add(match.start(1), match.end(1), inner, "quoted numbered slogan")


def _quoted_headed(after: str) -> re.Match[str] | None:
    """“小巨人”培育行动, “数字丝路”科技合作行动计划: words, then a programme ending, after the quote."""
    match = _QUOTED_HEADED.match(after)
    if not match:
        return None
    ending = next((e for e in _ENDING_WORDS if match.group().endswith(e)), "")
    words_before = match.group()[: len(match.group()) - len(ending)]
    if _BOUNDARY.search(words_before) or (len(words_before) > 2 and leading_non_name(match.group(), 2)):
        return None  # “研发贷”申请X基金: a verb after the quote starts another phrase
    return match


def _topic_start(text: str, at: int) -> int:
    """Where the topic words before a quote start (开展食品安全“九查九扫” -> 食品安全), or ``at`` if none:
    words after the last boundary, without a place (鞍山市“X”行动 names the campaign “X”行动), not a body."""
    run = _TOPIC_BEFORE.search(text, max(0, at - 10), at)
    if not run:
        return at
    start = run.start()
    start += max((m.end() for m in _BOUNDARY.finditer(text, start, at)), default=start) - start
    for _region, a, b in load_gazetteer().find_all(text[start:at]):
        if a == 0:
            start += b
    start += leading_non_name(text[start:at], 0) if at - start >= 2 else 0  # 实行“X”制: a verb, no topic
    if (at - start < 2 or _BODY_END.search(text, start, at) or _GENERIC.fullmatch(text[start:at])
            or ends_in_verb(text[start:at])):  # 科技支撑“X”行动: an action, not the topic of a name
        return at
    return start


def _trim(text: str, start: int, end: int) -> int:
    """Move ``start`` past the last verb, particle or punctuation mark before the name's ending."""
    span = text[start:end]
    cut = 0
    for match in _BOUNDARY.finditer(span):
        # 科技兴赣六大行动: a count right before the ending belongs to the name, not a boundary
        if match.end() <= len(span) - 2 and not _COUNT_IN_NAME.fullmatch(span, match.start()):
            if (match.group() == "和" and len(span) - match.end() >= 5 and _JOINED_END.search(span)
                    and _JOINED_FIELDS.fullmatch(span, cut, match.start())):
                continue  # 科技创新和人才强市首位战略: two fields joined in one strategy's name
            cut = match.end()
    start += cut
    while start < end and text[start] in "()（）·“”":
        start += 1
    return start


def _generic(name: str) -> bool:
    """A name of generic words only (国家战略, 科技计划, 重点专项) is a kind, not a programme."""
    core = re.sub(_STRATEGY_WORD + "$", "", name)
    if core != name and len(core) <= 2 and not re.search(r"\d|[一二三四五六七八九十双]", core):
        return True  # 发展战略, 宏观战略: a kind of strategy
    if core != name and not _GENERIC.sub("", _STRATEGY_GENERIC.sub("", core)).strip("“”"):
        return True  # 创新驱动发展战略: the national strategy every plan cites
    core = re.sub(r"(?:行动计划|计划|行动|工程|专项|基金|示范县|示范市|示范城市|试点|先行区|引领市|引领区)$", "", core)
    core = _GENERIC.sub("", core)
    core = re.sub(r"[“”()（）·]", "", core)
    return not core and not re.search(r"创新型|\d|[一二三四五六七八九十双](?!批)", name)
