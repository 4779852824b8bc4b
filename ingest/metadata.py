"""Document metadata detected from the text: title, issuer, region, type, years, date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from plankg.ontology.regions import Gazetteer, Region, load_gazetteer

_BUREAU = r"(?:科学技术局|科技局|科技厅|科学技术厅|科委|科学技术委员会|科技和经济信息化局|经信科技局)"
_TITLE = re.compile(
    r"[^\n。；]{0,16}?(?:(?:20\d\d|20XX|２０\S\S)\s*(?:[—\-–~至到]\s*(?:20\d\d|20XX))?\s*年?度?)"
    r"[^\n。；]{0,24}?(?:工作要点|工作总结|工作计划|工作思路|行动方案|实施方案|行动计划|规划|责任分工表|分工表|工作方案)"
    r"(?:[和及与、][^\n。；]{0,12}?(?:工作计划|工作思路|工作打算|工作要点))?"
)
_QUOTED_TITLE = re.compile(r"《([^》]{4,60}?(?:方案|规划|计划|要点|总结|分工表)[^》]{0,12})》")
_ISSUER_FIELD = re.compile(r"(?:发布机构|信息来源|来源)\s*[:：]\s*(\S+?" + _BUREAU + r")")
_ISSUER_INLINE = re.compile(r"((?:[\u4e00-\u9fff]{2,6}?)?[省市区县]?" + _BUREAU + r")")
_DATE = re.compile(r"(?:发文日期|公开日期|发布日期|发布时间|成文日期)\s*[:：]\s*(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})")
_YEAR_RANGE = re.compile(r"(20\d\d)\s*[—\-–~至到]?\s*(20\d\d)\s*年")
_YEAR = re.compile(r"(20\d\d)\s*年?")


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


def detect_title(text: str) -> str:
    """The document's title: a quoted plan name, or the first title-shaped phrase near the top."""
    head = text[:3000]
    found = [(m.start(), m.group().strip(" \t\n,，:：《》")) for m in _TITLE.finditer(head)]
    found += [(m.start(), m.group(1)) for m in _QUOTED_TITLE.finditer(head)]
    for _, candidate in sorted(found):
        if "通知" not in candidate and len(candidate) >= 6:
            return _trim_title(re.sub(r"\.(?:docx?|pdf|wps)$", "", candidate))
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    return first[:60]


def _trim_title(title: str) -> str:
    # A title glued to the body ("...工作计划今年以来") ends at its last keyword.
    match = None
    for match in re.finditer(r"(?:要点|总结|计划|思路|打算|方案|规划|分工表)(?:\s*[（(]\s*20\d\d\D{0,2}20\d\d\s*年?\s*[）)])?", title):
        pass
    return title[: match.end()] if match else title


def detect_doc_type(title: str) -> str:
    """Classify a document by its title."""
    if "分工表" in title or "责任清单" in title:
        return "responsibility_table"
    if re.search(r"行动方案|实施方案|行动计划|规划|(20\d\d).{0,2}(20\d\d)", title):
        return "action_plan"
    if "总结" in title and re.search(r"计划|思路|打算|要点", title):
        return "summary_plan"
    if "总结" in title:
        return "summary"
    if re.search(r"要点|工作计划|工作方案", title):
        return "work_plan"
    return "other"


def detect_years(title: str, doc_type: str, extra_titles: list[str] = ()) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Years planned for and years reported on, from the title (and file-name titles)."""
    planned: list[int] = []
    reported: list[int] = []
    for candidate in [title, *extra_titles]:
        span = _YEAR_RANGE.search(candidate)
        if span and int(span.group(2)) > int(span.group(1)):
            planned = list(range(int(span.group(1)), int(span.group(2)) + 1))
            break
        if doc_type in ("summary_plan", "summary"):
            head, _, tail = candidate.partition("总结")
            rep = [int(y) for y in re.findall(r"(20\d\d)", head)]
            plan = [int(y) for y in re.findall(r"(20\d\d)", tail)]
            if rep and not reported:
                reported = rep[:1]
            if plan and not planned:
                planned = plan[:1]
            if doc_type == "summary_plan" and not plan and rep and "下半年" in tail and not planned:
                planned = rep[:1]
        else:
            years = [int(y) for y in re.findall(r"(20\d\d)", candidate)]
            if years and not planned:
                planned = years[:1]
    return tuple(planned), tuple(reported)


def detect_published(text: str) -> str | None:
    """Publication date from web-page fields, as ISO ``YYYY-MM-DD``."""
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def detect_issuer_surface(text: str, title: str) -> str | None:
    """The issuing bureau as written (市科技局, 区科技局, 瑞安市科技局)."""
    field = _ISSUER_FIELD.search(text[:2000])
    if field:
        return field.group(1)
    candidates = [m.group(1) for m in _ISSUER_INLINE.finditer(title)]
    candidates += [m.group(1) for m in _ISSUER_INLINE.finditer(text[:400])]
    if not candidates:
        return None
    # A bare 科技局 in a title is less telling than 区科技局 in the first lines.
    qualified = [c for c in candidates if c[0] in "省市区县" or len(c) > 4]
    return (qualified or candidates)[0]


def detect_region(text: str, issuer: str | None, gazetteer: Gazetteer | None = None) -> Region | None:
    """The region a document covers: named in its issuer, else the most mentioned region of its level.

    A county-level issuer (区/县 bureau) picks the most mentioned district or county; a city
    bureau (市科技局) picks the most mentioned city or county-level city, where mentions of a
    city's counties also count for the city only when the city itself is named.
    """
    gaz = gazetteer or load_gazetteer()
    if issuer:
        named = [r for r, _, _ in gaz.find_all(issuer)]
        if named:
            return named[0]
    counts: Counter[str] = Counter(r.name for r, _, _ in gaz.find_all(text))
    if not counts:
        return None
    level_char = issuer[0] if issuer and issuer[0] in "省市区县" else None
    if level_char == "区" or level_char == "县":
        wanted = {"district", "county"}
    elif level_char == "市":
        wanted = {"city", "county", "district"}
    elif level_char == "省":
        wanted = {"province"}
    else:
        wanted = {"city", "county", "district", "province"}
    scored: Counter[str] = Counter()
    for name, n in counts.items():
        region = gaz.regions[name]
        if region.level not in wanted:
            continue
        if level_char == "市" and region.level == "district":
            continue
        scored[name] += n
    if not scored:
        return None
    best, best_n = scored.most_common(1)[0]
    # Require real evidence: a single passing mention does not name a document's region.
    return gaz.regions[best] if best_n >= 2 else None


def resolve_issuer(surface: str | None, region: Region | None) -> str | None:
    """Qualify a bare bureau name with the region (区科技局 in 路桥区 -> 路桥区科技局)."""
    if not surface:
        return None
    if region is None:
        return surface
    if surface.startswith(region.name) or surface.startswith(region.short):
        return surface if surface.startswith(region.name) else region.name + surface[len(region.short):]
    if surface[0] in "省市区县":
        return region.name + surface[1:]
    return surface


def detect_metadata(text: str, file_titles: list[str] = ()) -> Metadata:
    """Detect every metadata field of one document's text."""
    title = detect_title(text)
    doc_type = detect_doc_type(title)
    years, reported = detect_years(title, doc_type, list(file_titles))
    surface = detect_issuer_surface(text, title)
    region = detect_region(text, surface)
    return Metadata(
        title=title,
        issuer=resolve_issuer(surface, region),
        region=region,
        doc_type=doc_type,
        years=years,
        reported_years=reported,
        published=detect_published(text),
    )
