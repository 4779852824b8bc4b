"""Page layout noise: web-page chrome lines and page numbers glued into sentences."""
from __future__ import annotations

import re

from plankg.ingest.frames import section_frame

_CHROME_LINE = re.compile(
    r"^\s*(?:首页\s*>|>\s|当前位置|您的位置|索引号\s*[:：]|发布机构\s*[:：]|公开方式\s*[:：]|组配分类\s*[:：]"
    r"|发布时间\s*[:：]|发布日期\s*[:：]|发文日期\s*[:：]|公开日期\s*[:：]|信息来源\s*[:：]|来源\s*[:：]"
    r"|文件编号\s*[:：]?|有效性\s|浏览次数|访问次数|打印本页|关闭窗口|【打印】|【关闭】|分享到"
    r"|.*由会员分享.*可在线阅读"
    # A disclosure page's field table row: [ 发布机构 ] | 某区发展改革委 |
    r"|[\[［]\s*[\u4e00-\u9fff]{2,6}\s*[\]］]\s*[|｜]"
    # A document-sharing site's toolbar: 收藏 分享(赏), 下载 相关 举报
    r"|收藏\s+分享|下载\s+相关\s+举报)"
)
# Site banners and widgets that open or close copied web pages.
_WIDGET_LINE = re.compile(
    r"^\s*[•·]?\s*(?:无障碍|长辈版|关怀版|个人中心|用户登录|立即注册|还没有账号|扫一扫|视力保护色|字号\s*[:：]|分享\s*[:：]?$"
    r"|最新评论|网站首页|公开范围|公开方式|体裁分类|关键词\s*[:：]|有效性|文\s*号\s*[:：]|首页\s*[»>]|.*[|｜].*网站|.*网站\s*[|｜]|阅读数|发表时间|生成日期|主题分类|索引号|组配分类|编辑\s*[:：]"
    r"|浏览量|字体\s*[:：]|【字体|\[\s*我要打印|\d+\.jpe?g$)"
)
# Breadcrumbs (首页 > 新闻 > 正文), footers (主办单位 … 版权所有, ICP备案) and bare dates are not text.
_FRAME_LINE = re.compile(
    r"^\s*(?:[^>»＞\n]{1,12}\s*[>»＞]\s*){2,}[^>»＞\n]{0,40}$|.*(?:版权所有|ICP备|网站标识码|主办单位\s*[:：]|承办单位\s*[:：]"
    r"|联系电话\s*[:：]|技术支持\s*[:：]|分辨率|浏览器)|^\s*[(（]?\s*20\d\d\s*[年/.-]\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]?\s*$|^\s*(?:20\d\d\s+)?\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}|.*热搜\s*[:：]|^\s*\{\w+\}\s*$"
    r"|^\s*Original URL|^\s*<[a-zA-Z/!]")
_TRAILING_CHROME = re.compile(r"(?:浏览次数|访问次数)\s*[:：]?\s*\d*\s*(?:打印)?\s*$|打印本页\s*关闭窗口")
_FILE_NAME_LINE = re.compile(r"^\s*\S{2,80}\.(?:docx?|pdf|wps|txt)\s*$", re.I)
_PAGE_MARK = re.compile(r"^(\d{1,3})[、.．]")
_SENTENCE_END = "。；;！!？?：:”）)》】]"


def is_chrome_line(line: str) -> bool:
    """Whether one line is page chrome: navigation, page fields, widgets, file names."""
    return bool(_CHROME_LINE.match(line) or _WIDGET_LINE.match(line) or _FILE_NAME_LINE.match(line)
                or _TRAILING_CHROME.search(line) or _FRAME_LINE.match(line))


def chrome_lines(text: str) -> list[tuple[int, int]]:
    """Spans of whole lines that are web-page chrome or file-name lines (newline included)."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if is_chrome_line(line):
            spans.append((pos, min(end + 1, len(text))))
        pos = end + 1
    return spans


_EXPORT_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")


def export_artefacts(text: str) -> list[tuple[int, int]]:
    """Spans of word-processor export residue such as ``[bookmark: _GoBack]``."""
    return [(m.start(), m.end()) for m in _EXPORT_ARTEFACT.finditer(text)]


_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十\d]{1,3}[章节条部分])"
                               r"[^。；;，,]{0,30}$")
_FIELD_LINE = re.compile(r"^[^\s：:，,。；;]{2,12}[：:]\S")


def page_number_marks(text: str) -> list[tuple[int, int]]:
    """Spans of page numbers printed at line starts and glued into running sentences.

    A run of at least three consecutive line-start numbers (``2、``, ``3、``...) counts as page
    numbering when most of them interrupt a sentence (the line before ends without punctuation),
    as in text copied from paged viewers.
    """
    candidates: list[tuple[int, int, int, bool]] = []
    pos = 0
    previous = ""
    for line in text.split("\n"):
        match = _PAGE_MARK.match(line)
        if match:
            # A field line (完成时限：2024年12月) is whole without a stop: the number after it opens an item.
            # A numbered heading (一、创新投入, （二）平台建设) ends without a stop, and the items under it
            # are numbered from 1: it is no sentence the page cut.
            breaks = (bool(previous.strip()) and previous.rstrip()[-1] not in _SENTENCE_END
                      and not _FIELD_LINE.match(previous.strip()) and not _NUMBERED_HEADING.match(previous.strip()))
            candidates.append((int(match.group(1)), pos, pos + match.end(), breaks))
        pos += len(line) + 1
        previous = line
    runs: list[list[tuple[int, int, int, bool]]] = []
    for cand in candidates:
        if runs and cand[0] == runs[-1][-1][0] + 1:
            runs[-1].append(cand)
        else:
            runs.append([cand])
    spans = []
    for run in runs:
        if len(run) >= 3 and sum(c[3] for c in run) * 2 >= len(run):
            spans.extend((c[1], c[2]) for c in run)
    return spans


_WRAP_END = set("。！？；：:;!?）)”」》】]")
# A line that is only a printed page number: - 3 -, —12—, 第3页, 第 3 页 共 20 页 (a bare 3 may be a row number).
_PAGE_LINE = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?)\s*$")


def _line_starts(lines: list[str]) -> list[int]:
    """Where each of ``lines`` (a text split at newlines) starts in the text."""
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return starts


def page_break_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Lines that are only a page number, as spans to drop, and the page breaks that cut a sentence.

    A sentence the page cut (…配合单位：县发改局、县 / - 3 - / 统计局）) runs on across the page number:
    when the line before it ends without a stop and the line after opens no new item, the break is
    returned as a (newline, resume) join, blank lines and the page number included.
    """
    lines = text.split("\n")
    starts = _line_starts(lines)
    drops: list[tuple[int, int]] = []
    joins: list[tuple[int, int]] = []
    for k, line in enumerate(lines):
        if not _PAGE_LINE.match(line):
            continue
        drops.append((starts[k], min(starts[k] + len(line) + 1, len(text))))
        before = next((b for b in range(k - 1, -1, -1) if lines[b].strip()), None)
        after = next((a for a in range(k + 1, len(lines)) if lines[a].strip()), None)
        if before is None or after is None:
            continue
        previous, following = lines[before].rstrip(" \t\u3000\xa0"), lines[after]
        stripped_next = following.lstrip(" \t\u3000\xa0")
        if previous[-1:] in _WRAP_END or _LINE_OPENER.match(stripped_next) or "\t" in previous or "\t" in following:
            continue
        joins.append((starts[before] + len(previous), starts[after] + len(following) - len(stripped_next)))
    return drops, joins
_LINE_OPENER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s?[.．、](?!\d)|[①-⑳]|——|[-•·*★]|附件|注[:：])")
#: A line this long that ends mid-sentence was cut, however few such lines the text has.
LONG_LINE = 60
MIN_WRAPS = 3


def is_frame_head(line: str) -> bool:
    """A short plain line that heads a part (2024年主要目标, 2023年工作回顾): it starts a new clause."""
    line = line.strip()
    return len(line) <= 16 and not re.search(r"[，,。；;！!？?%％]", line) and section_frame(line, None, None) is not None


def hard_wraps(text: str) -> list[tuple[int, int]]:
    """Line breaks that copying from a PDF put inside sentences, as (newline, next line's text) spans.

    A break counts when its line runs to the text's usual full width, ends without punctuation,
    and the next line (after at most one blank line) carries on (no list marker, heading or page
    chrome). Only documents with
    at least ``MIN_WRAPS`` such breaks are hard-wrapped; a title over two lines is not.
    """
    lines = text.split("\n")
    starts = _line_starts(lines)
    widths = sorted(len(ln.strip()) for ln in lines if len(ln.strip()) >= 10)
    if len(widths) < MIN_WRAPS:
        return []
    full = widths[int(len(widths) * 0.75)] * 0.8
    joins = []
    for k in range(len(lines) - 1):
        line, after = lines[k].rstrip(" \t\u3000\xa0"), k + 1
        # Web pages made from PDFs put a blank line after each cut line (增加\n\n值的72.8%).
        if not lines[after].strip(" \t\u3000\xa0") and after + 1 < len(lines):
            after += 1
        following = lines[after]
        stripped_next = following.lstrip(" \t\u3000\xa0")
        if (len(line.strip()) < max(full, 12) or not stripped_next or line[-1:] in _WRAP_END
                or _LINE_OPENER.match(stripped_next) or is_chrome_line(line) or is_chrome_line(following)
                or "\t" in line or "\t" in following or is_frame_head(stripped_next)):
            continue
        newline = starts[k] + len(lines[k])
        joins.append((newline, starts[after] + len(following) - len(stripped_next), len(line.strip())))
    if len(joins) >= MIN_WRAPS:
        return [(newline, resume) for newline, resume, _ in joins]
    # A paragraph-long line cut mid-sentence is a wrap on its own; a title over two lines is short.
    return [(newline, resume) for newline, resume, width in joins if width >= LONG_LINE]
