"""Bodies a news page or a government page names as its source: 来源:杭州日报, 中新网西宁2月27日电.

The source line (来源:X 发布时间:…) and a news dateline (X网 + place + date + 电/讯) name the body that
wrote or published the page. The name runs from the label to the next field word (发布时间, 作者), a
digit or a separator; it counts as a body when it ends like one (a bureau, a division, a newspaper or a
news site) and is not a place.
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.entity_spans import Found
from plankg.ingest.govunits import find_units
from plankg.ontology.regions import load_gazetteer

# The value may be a body and its division apart (作者:科技厅 高新技术处).
# A label may be followed by its value after spaces only (所属机构 X县科学技术局 责任部门 …), and a value is
# never the next label (作者: 信息来源: X).
_LINE = cue_regex(r"[\[【]?(?:<entity_sources.labels>)[\]】]?\s*(?:[:：]\s*\|?|\||[ \u3000\t]+)\s*(?!<entity_sources.labels>)"
                  r"([\u4e00-\u9fff（）()A-Za-z]{2,30}(?:[ \u3000][\u4e00-\u9fff]{2,10}[处科股室])?)")
_FIELD = cue_regex(r"(?:<entity_sources.field_words>)")
_MEDIA = cue_regex(r"(?:<entity_sources.media_endings>)$")
_BODY = cue_regex(r"(?:<entity_units.bureau_endings>|<entity_sources.body_endings>)$")
_DIVISION = re.compile(r"[处科股室]$")
# One medium of a dateline naming several run together (X晚报Y网): the shortest name to each media ending.
_MEDIA_PART = cue_regex(r"[\u4e00-\u9fff]{2,}?(?:<entity_sources.media_endings>)(?=[\u4e00-\u9fff]{2,}?(?:<entity_sources.media_endings>)|$)"
                        r"|[\u4e00-\u9fff]+$")
_OFFICE_ALONE = re.compile(r"办公室|办公厅|综合科|综合处")
_CRUMB = re.compile(r"(?<=[>＞])\s*([\u4e00-\u9fff]{3,20})\s*(?=[>＞])")
_BUREAU_END = cue_regex(r"(?:<entity_units.bureau_endings>)$")
# 中新网西宁2月27日电, 中国甘肃网2月8日讯, 索比光伏网讯: a dateline opens a news report.
_DATELINE = cue_regex(r"(?:^|(?<![\u4e00-\u9fff]))([\u4e00-\u9fff]{2,10}?(?:<entity_sources.media_endings>))"
                      r"[ \u3000]*(?:[\u4e00-\u9fff]{2,4})?[ \u3000]*(?:\d{1,2}月\d{1,2}日)?[ \u3000]*(?:电|讯)", re.M)


def source_names(text: str, head: int = 2000) -> list[Found]:
    """Bodies named by the source lines, the breadcrumb path and the dateline in the first ``head`` characters."""
    found: list[Found] = []
    for line in _LINE.finditer(text[:head]):
        offset = line.start(1)
        for part in re.split(r"[ \u3000]", line.group(1)):
            found.extend(_value_names(part, offset))
            offset += len(part) + 1
    for match in _CRUMB.finditer(text[:head]):  # 首页>政务公开>科技和工业信息化局>工作动态
        name = match.group(1)
        if _BUREAU_END.search(name) and not any(f.start <= match.start(1) < f.end for f in found):
            found.append(Found(match.start(1), match.end(1), "organization", name, "body in the page's breadcrumb path"))
    for match in _DATELINE.finditer(text[:head]):
        name = match.group(1)
        if load_gazetteer().get(name) or any(f.start <= match.start(1) < f.end for f in found):
            continue
        start = match.start(1)
        for part in _MEDIA_PART.findall(name):  # 甲晚报乙网: two media named run together, one after the other
            found.append(Found(start, start + len(part), "organization", part, "news dateline (X网…电)"))
            start += len(part)
    return found


def _value_names(value: str, start: int) -> list[Found]:
    """The bodies one source-line value names (up to the next field word); ``start`` is its offset."""
    field = _FIELD.search(value)
    value = value[: field.start()] if field and field.start() >= 2 else value
    if _OFFICE_ALONE.fullmatch(value):
        return []  # 来源:办公室: an office of whichever body runs the page, which the line does not name
    units = find_units(value)
    whole = [u for u in units if (u.start, u.end) == (0, len(value))]
    if whole or (units and not _BODY.search(value)):
        return [Found(start + u.start, start + u.end, u.kind, u.name, f"{u.why}; source line", parent=u.parent)
                for u in units]
    if len(value) < 3 or load_gazetteer().get(value):
        return []
    if _MEDIA.search(value):
        return [Found(start, start + len(value), "organization", value, "newspaper or news site on the source line")]
    if _BODY.search(value):
        kind = "division" if _DIVISION.search(value) else "organization"
        return [Found(start, start + len(value), kind, value, "body named on the source line")]
    return []
