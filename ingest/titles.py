"""A document's own title, from the text: a name field, a headline over its date, a title-shaped line.

A title quoted in 《》 is a cited document; a notice that issues a plan (关于印发《X》的通知) is the
cover of X. Genre words come from lang/zh/cues.toml ([genre]).
"""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex
from plankg.ingest.layout import is_chrome_line

_TITLE = cue_regex(
    r"[^\n。；]{0,16}?(?:(?:20\d\d|20XX|２０\S\S)\s*(?:[—\-–~至到]\s*(?:20\d\d|20XX))?\s*年?度?)"
    r"[^\n。；]{0,24}?<genre.title_genres>"
    r"(?:[和及与、][^\n。；]{0,12}?(?:工作计划|工作思路|工作打算|工作要点))?"
)
_DATE_LINE = re.compile(r"(?:发布|发表|生成|公开|成文|更新)?(?:时间|日期)\s*[:：]|(?:^|\s)20\d\d[-年./]\d{1,2}[-月./]\d{1,2}|来源\s*[:：]")
_NAME_FIELD = re.compile(r"^\s*(?:名\s*称|标\s*题|文件名称)\s*[:：]\s*(\S.{3,80}?)\s*(?:文号\s*[:：].*)?$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,6}[〔\[［(（【]\s*20\d\d\s*[〕\]］)）】]\s*\d+\s*号\s*")
_SENTENCE = re.compile(r"[。；;]|[，,].*[，,].*[，,]")
# Genre words a title line ends with (工作要点, 实施方案); genre.py weighs title years by them too.
GENRE_WORD = cue_regex(r"<genre.genre_words>")


def detect_title(text: str) -> str:
    """The document's own title (a title quoted in 《》 in the text is a cited document).

    Evidence, in order: a 名称/标题 field; a line followed closely by its date or source line, as
    web pages print headlines; a title-shaped line near the top (year + genre word, or a short line
    ending in a genre word); else the first line that is not page chrome.
    """
    lines = _join_broken_title(text[:4000].split("\n"))
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
        if re.search(r"[，,]", candidate):
            continue  # a clause of a sentence (规划范围为某县，规划的基准年为2020年，规划…), not a title
        if "通知" not in candidate and len(candidate) >= 6:
            return _clean_title(candidate)
    for _, line in candidates:
        if GENRE_WORD.search(line[-8:]):
            return _clean_title(line)
    for _, line in candidates:
        if _OFFICIAL_TITLE.match(line):
            return _clean_title(line)  # 关于……的通报 under its body's name
    # A document number alone on its line (某办〔2013〕6号) is no title.
    candidates = [(i, ln) for i, ln in candidates if _clean_title(ln)]
    first = next((ln for _, ln in candidates), None) or next((ln for ln in lines if ln), "")
    # A news text with no headline opens with its lede (2月8日，2025年某省科技工作会议召开。…): its
    # first sentence stands for the title, never the sentences after it.
    return _clean_title(re.split(r"(?<=.{6})[。！？!?]", first, maxsplit=1)[0])[:60]


#: An official document's genre word, printed spaced on a line of its own (通  报) under its title.
_GENRE_LINE = re.compile(r"^(?:通\s*知|通\s*报|意\s*见|决\s*定|报\s*告|批\s*复|请\s*示|公\s*告|通\s*告|函)$")


_OFFICIAL_TITLE = re.compile(r"^关于.{4,50}的(?:通知|通报|意见|决定|报告|批复|请示|公告|通告|函)$")


def _join_broken_title(raw_lines: list[str]) -> list[str]:
    """Lines, with an official title broken over two or three lines joined into one.

    A 公文 prints its title under the issuing body, broken where the page ends
    (关于2013年上半年…考核结果的 / 通  报); the last line is often the genre word alone, spaced.
    """
    lines = [ln.strip() for ln in raw_lines]
    for i in range(min(len(lines), 40) - 1):
        if not lines[i].startswith("关于") or _SENTENCE.search(lines[i]):
            continue
        for reach in (1, 2):
            tail = lines[i + reach] if i + reach < len(lines) else ""
            if _GENRE_LINE.match(tail):
                joined = "".join([lines[i], *lines[i + 1 : i + reach]]) + re.sub(r"\s+", "", tail)
                if len(joined) <= 60 and not any(_SENTENCE.search(ln) for ln in lines[i + 1 : i + reach]):
                    return [*lines[:i], joined, *lines[i + reach + 1 :]]
    return lines


def _title_shaped(line: str) -> bool:
    """A headline: 6-60 characters, not a sentence, not page chrome."""
    stripped = line.strip(" •·\u3000")
    return 6 <= len(stripped) <= 60 and not _SENTENCE.search(stripped) and not is_chrome_line(stripped) and not (
        stripped.endswith(("：", ":")))


def _clean_title(title: str) -> str:
    title = _DOC_NUMBER.sub("", title.strip(" •·\u3000|｜"))
    title = re.sub(r"^【[^】]{1,8}】\s*|^\d{1,3}\s*[、.．]\s*(?=\D)", "", title)
    return _trim_title(re.sub(r"\.(?:docx?|pdf|wps)$", "", title))


def _trim_title(title: str) -> str:
    # A title glued to the body ("...工作计划今年以来") ends at its last keyword.
    matches = list(re.finditer(r"(?:要点|总结|计划|思路|打算|方案|规划|分工表)(?:\s*[（(]\s*20\d\d\D{0,2}20\d\d\s*年?\s*[）)])?", title))
    match = matches[-1] if matches else None
    if match and len(title) - match.end() > 12:
        return title
    if match and re.fullmatch(r"(?:执行|完成|落实|实施|进展)?情况的?(?:报告|通报|汇报)?|的(?:通知|报告|通报|意见)",
                              title[match.end() :].strip()):
        return title  # 关于2023年计划执行情况的报告: the report on a plan, not the plan
    return title[: match.end()] if match else title
