"""Which area a figure is about when it is not the whole place the document covers.

A city's plan may state a target for a park (省级乌镇大数据高新技术产业园工业总产值), for the zone a
section is about (确保区域内…R&D经费支出占GDP比重3% under 推进乌镇大道科创集聚区建设) or for one of
its counties (瑞安2个省级高新区…). Such a figure belongs to that area, not to the town or city:
answers label it with the area and never chain it with the place's own figures.
"""
from __future__ import annotations

import functools
import re

from plankg.ingest.records import Clause, Document, Target
from plankg.ontology.regions import load_gazetteer

_ZONE = (r"(?:科创集聚区|产业集聚区|集聚区|高新技术产业园区|高新技术产业园|产业园区|产业园|科技园|园区|高新区|开发区|经开区|"
         r"科创走廊|走廊|小镇|园中园)")
_ZONE_NAME = re.compile(r"([\u4e00-\u9fff“”]{2,16}?" + _ZONE + r")")
_QUALIFIER = re.compile(r"^(?:省级|国家级|市级|国家|省|市)")
_IN_ZONE = "区域内"
_FULL_NAMES: dict[str, str] = {}
_NOT_A_NAME = re.compile(r"应用|领导|莅临|调研|的|“|”|新增|新建|培育|创建")
_SECTION_VERBS = re.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])?(?:推进|加快|加强|实施|建设|打造|推动|深化)?")


def _zone_in(text: str) -> str | None:
    match = _ZONE_NAME.search(_SECTION_VERBS.sub("", text))
    return match.group(1).strip("“”") if match else None


def target_area(target: Target | None, clause: Clause | None, doc: Document | None,
                places_below: tuple[str, ...] = ()) -> str | None:
    """The park, zone or county a figure is about, or None when it is the document's own place.

    Args:
        target: The target or achievement.
        clause: Its clause.
        doc: Its document.
        places_below: Names (full and short) of the places inside the document's region.
    """
    if target is None or clause is None or doc is None:
        return None
    before = doc.text[clause.start:max(clause.start, target.start)] if doc.text else clause.text
    if _IN_ZONE in before or _IN_ZONE in (target.indicator or ""):
        for heading in reversed(clause.section_path):
            zone = _zone_in(heading)
            if zone:
                return zone
        return "区域内（所在园区）"
    phrase = _QUALIFIER.sub("", target.indicator or "")
    # 吉林省认定… is the province's own figure, though 吉林 is also the short name of a city in it.
    own = bool(doc.region) and phrase.startswith(doc.region or "")
    for place in sorted(places_below, key=len, reverse=True):
        if phrase.startswith(place) and not own:
            return _FULL_NAMES.get(place, place)
    raw = re.sub(r"^(?:省级|市级)", "", target.indicator or "")
    own = raw
    if doc.region:
        # 温州国家高新区 in Wenzhou's plan is the plan's 国家高新区: one area, however it is written.
        short = re.sub(r"[市县区]$", "", doc.region)
        own = raw[len(short):] if short and raw.startswith(short) else raw
    generic = re.match(r"^((?:国家|省级)?(?:高新区|经开区|开发区))", own)
    match = _ZONE_NAME.match(raw)
    if re.search(_ZONE + r"$|示范区$|[园区]$", raw):
        return None  # the parks are what is counted (新建农业科技园区示范区10家), not where
    if generic:
        return generic.group(1)
    if match is None or _NOT_A_NAME.search(match.group(1)):
        return None
    return match.group(1).strip("“”")


@functools.lru_cache(maxsize=256)
def places_below(region: str | None) -> tuple[str, ...]:
    """Full and short names of the places inside ``region`` (瑞安市, 瑞安 inside 温州市)."""
    if not region:
        return ()

    gazetteer = load_gazetteer()
    names: list[str] = []
    for place in gazetteer.descendants(region):
        names.append(place.name)
        if getattr(place, "short", None):
            names.append(place.short)
            _FULL_NAMES[place.short] = place.name
    return tuple(names)


def area_of(records: object, target: Target | None) -> str | None:
    """:func:`target_area` of a target through a ``RecordIndex`` (clause and document looked up)."""
    if target is None:
        return None
    clause = records.clauses.get(target.clause_id)  # type: ignore[attr-defined]
    doc = records.documents.get(target.doc_id)  # type: ignore[attr-defined]
    return target_area(target, clause, doc, places_below(doc.region if doc else None))


def place_label(region: str | None, area: str | None) -> str | None:
    """温州市·瑞安市, 桐乡市·乌镇大道科创集聚区, or the region alone."""
    if area and region and not area.startswith(region):
        return f"{region}·{area}"
    return area or region
