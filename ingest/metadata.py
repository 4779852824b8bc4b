"""Document metadata detected from the text: title, issuer, region, type, years, date."""
from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.ingest.genre import DOC_TYPES, REPORT_TYPES, detect_doc_type, detect_years
from plankg.ingest.issuer import BUREAU, detect_issuer
from plankg.ingest.titles import detect_title
from plankg.ontology.regions import Region

# The title (titles.py), the genre and years (genre.py), the issuer (issuer.py) and the date (here)
# make one Metadata record; the names below stay importable from here.
__all__ = ["DOC_TYPES", "REPORT_TYPES", "Metadata", "detect_doc_type", "detect_metadata", "detect_published",
           "detect_title", "detect_years", "resolve_issuer"]


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


# A page's date field, written 发布日期：2021-11-23, 发布:2022-06-29 (a news banner) or as a field table
# row [ 发布日期 ] | 2021-11-23.
_FIELD_SEP = r"\s*(?:[:：]|[\]］】]\s*[|｜:：]?)\s*"
_DATE = re.compile(r"(?:发文日期|公开日期|发布日期|发布时间|成文日期)" + _FIELD_SEP + r"(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})")
_CN_DATE = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_FIELD_DATE = re.compile(r"(?:发文日期|公开日期|发布日期|发布时间|成文日期|发表时间|日期|时间|发布)" + _FIELD_SEP + r"(20\d\d)[-年./](\d{1,2})[-月./](\d{1,2})")
_BARE_DATE = re.compile(r"^\s*(20\d\d)-(\d{1,2})-(\d{1,2})(?:\s|$)", re.M)
#: A news page's dateline: 2022年08月24日 09:57:32 来源：新华网 (a time or a source field after the date).
_NEWS_DATE = re.compile(r"^[^\n。，,]{0,20}?(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                        r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[^\n。]{0,40}|\s+(?:来源|作者|编辑|责任编辑|发布)\s*[:：][^\n。]{0,40})$", re.M)
#: A site's list of articles beside the story, each a short label and a two-digit-year date (要闻 22-11-16).
_LISTING_DATE = re.compile(r"^[^\d\n。，,]{1,10}?\s+(\d\d)-(\d{1,2})-(\d{1,2})\s*$", re.M)


def detect_published(text: str) -> str | None:
    """Publication date as ISO ``YYYY-MM-DD``: a page's date field, a date line, or a signature date."""
    head = text[:3000]
    match = (_DATE.search(head) or _FIELD_DATE.search(head) or _BARE_DATE.search(head) or _CN_DATE.search(head)
             or _NEWS_DATE.search(head))
    if not match:
        dated = list(_CN_DATE.finditer(text))
        match = dated[-1] if dated else None
    if not match:
        return _listing_date(text)
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _listing_date(text: str) -> str | None:
    """The newest date of a page's article list (two or more lines), the story being among the newest."""
    dates = sorted({(2000 + int(y), int(m), int(d)) for y, m, d in _LISTING_DATE.findall(text)
                    if 1 <= int(m) <= 12 and 1 <= int(d) <= 31})
    if len(_LISTING_DATE.findall(text)) < 2 or not dates:
        return None
    year, month, day = dates[-1]
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


#: A pinyin gloss written inside a word (管理(lǐ)局, 創新(xīn)): a reading aid some mirrors add after a character.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def without_glosses(text: str) -> str:
    """The text with the pinyin glosses inside its words taken out (江(jiāng)苏省 -> 江苏省)."""
    return _GLOSS.sub("", text)


def detect_metadata(text: str, file_titles: list[str] = ()) -> Metadata:
    """Detect every metadata field of one document's text."""
    # Glosses split the names of places and bodies (江(jiāng)苏省科技厅): they are read without them.
    text = without_glosses(text)
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
