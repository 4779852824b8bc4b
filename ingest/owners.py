"""Who owns a target: explicit unit lists, lead markers, and the issuing body by default."""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex, fill, words
from plankg.ingest.orgnames import canonical_unit, looks_like_unit, parenthetical_units, split_units
from plankg.ingest.records import Document, Owner

_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_DIVISION = cue_regex(r"<owners.division_endings>$")
# In a responsibility column every listed name is a unit: 科技中心 and 高新投公司 too.
_COLUMN_UNIT = cue_regex(r"^[\u4e00-\u9fff]{2,16}<owners.column_unit_endings>$")
_LEAD_MARK = words("owners.lead_marks")
_LEAD_MARK_CHARS = "".join(_LEAD_MARK)
# 【牵头单位市经信局，市科技局为配合单位】 / 牵头单位：X；配合单位：Y / 责任单位：X
# (lead, support and unit words: lang/zh/cues.toml, [owners])
_UNIT_WORD = fill(r"<owners.unit_words>(?:[（(](?:单位|部门)[）)])?")
_LEAD_PHRASE = cue_regex(r"<owners.lead_words>" + _UNIT_WORD + r"[:：为是]?\s*([^，,；;。】\]）)]+)")
_SUPPORT_PHRASE = cue_regex(r"([^，,；;。【\[：:]+?)为配合(?:单位|部门)|<owners.support_words>" + _UNIT_WORD
                            + r"[:：为是]\s*([^，,；;。】\]）)]+)")
_RESPONSIBLE_PHRASE = re.compile(r"责任(?:单位|部门|处室)[:：]\s*([^，,；;。】\]）)]+)")
# （区科技局牵头，区财政局、区统计局配合） / 由市发改委负责 / 由市科技局牵头负责
_X_LEADS = re.compile(r"(?:由)?([\u4e00-\u9fff、]{2,40}?)(?:牵头(?:负责)?|负责(?:落实|推进|实施)?)(?=[，,；;。）)]|$)")
_X_SUPPORTS = cue_regex(r"([\u4e00-\u9fff、]{2,60}?)<owners.support_words>(?=[，,；;。）)]|$)")


def resolve_unit(surface: str, doc: Document) -> str:
    """Qualify a unit with the document's region (区科技局 in 路桥区 -> 路桥区科技局).

    A name that starts with 区/县/市 is resolved only if the document's region is of that level
    (a city plan's 区科技局 stays as written: which district is meant is unknown).
    """
    name = canonical_unit(surface.lstrip(_LEAD_MARK_CHARS).strip())
    region = doc.region
    if not region or not name:
        return name
    level_char = name[0]
    region_char = region[-1]
    if level_char in "区县市州" and not name.startswith(region):
        if level_char == region_char or (level_char == "市" and region_char == "市"):
            return region + name[1:]
    return name


def division_owner(surface: str, doc: Document, role: str) -> Owner:
    """A division (高新处) of the issuing bureau, named with its parent."""
    bare = surface.lstrip(_LEAD_MARK_CHARS).strip()
    parent = canonical_unit(doc.issuer) if doc.issuer else None
    name = f"{parent}{bare}" if parent else bare
    return Owner(name=name, surface=bare, role=role, parent=parent, kind="division")


def _support_owner(unit: str, doc: Document) -> Owner:
    """A supporting unit: a division (政策法规科) of the issuer, or a unit resolved in the region."""
    if _DIVISION.search(unit) and len(unit) <= 6:
        return division_owner(unit, doc, "support")
    return Owner(name=resolve_unit(unit, doc), surface=unit, role="support")


def owners_from_list(units: list[str], doc: Document) -> tuple[Owner, ...]:
    """Owners from a unit list: starred units lead; without stars the first listed leads."""
    starred = any(u.strip().startswith(_LEAD_MARK) for u in units)
    owners = []
    for i, unit in enumerate(units):
        is_lead = unit.strip().startswith(_LEAD_MARK) if starred else i == 0
        role = "lead" if is_lead else "support"
        bare = unit.lstrip(_LEAD_MARK_CHARS).strip()
        if _DIVISION.search(bare) and len(bare) <= 5:
            owners.append(division_owner(bare, doc, role))
        else:
            owners.append(Owner(name=resolve_unit(bare, doc), surface=bare, role=role))
    return tuple(owners)


def owners_from_cell(cell_text: str, doc: Document) -> tuple[tuple[Owner, ...], tuple[Owner, ...]]:
    """Units and people from a responsibility cell (``朱勇敏\\n项晓东\\n*高新处\\n合作处``).

    Returns:
        (unit owners, people) — leaders are people, not owners of the target.
    """
    lines = [_bare_unit(ln) for ln in re.split(r"[\n、，,；;]", cell_text)]
    lines = [ln for ln in lines if ln]
    # 陈  忠: a name spaced out to fill the cell's width.
    units = [ln for ln in lines if ln.startswith(_LEAD_MARK) or looks_like_unit(ln) or _DIVISION.search(ln)
             or _COLUMN_UNIT.search(ln) and not _PERSON.match(ln)]
    people = [re.sub(r"\s+", "", ln) for ln in lines if ln not in units and _PERSON.match(re.sub(r"\s+", "", ln))]
    person_owners = tuple(Owner(name=p, surface=p, role="leader", kind="person") for p in people)
    return owners_from_list(units, doc), person_owners


def _bare_unit(entry: str) -> str:
    """One entry of a unit list without what trails the unit's name.

    ``区财政局等区政府有关部门`` (the rest of the government), ``区商务局(区某中心)`` (a second name for
    the same office), the full stop that closes the cell, a label before it (责任单位：).
    """
    entry = re.sub(r"^(?:主要)?(?:责任|牵头|主责|配合|协同)?(?:单位|部门|处室|科室)[:：]", "", entry.strip()).rstrip("。.；;")
    entry = re.sub(r"等[\u4e00-\u9fff]{0,10}?(?:部门|单位)$", "", entry)
    return re.sub(r"(?<=.{2})[（(][^（()）]{2,16}[)）]$", "", entry).strip()


def owners_in_text(text: str, doc: Document) -> tuple[Owner, ...]:
    """Owners written in a clause: 牵头/配合 phrases, or a unit list in parentheses at its end."""
    lead = _LEAD_PHRASE.search(text)
    if lead:
        owners = list(owners_from_list(split_units(lead.group(1)), doc))
        for match in _SUPPORT_PHRASE.finditer(text):
            for unit in split_units(match.group(1) or match.group(2) or ""):
                owners.append(_support_owner(unit, doc))
        return tuple(owners)
    responsible = _RESPONSIBLE_PHRASE.search(text)
    if responsible:
        return owners_from_list(split_units(responsible.group(1)), doc)
    leads = [m for m in _X_LEADS.finditer(text) if _unit_list(m.group(1))]
    if leads:
        owners = list(owners_from_list(_unit_list(leads[-1].group(1)), doc))
        for match in _X_SUPPORTS.finditer(text[leads[-1].end():]):
            for unit in _unit_list(match.group(1)):
                owners.append(_support_owner(unit, doc))
        return tuple(owners)
    trailing = [p for p in parenthetical_units(text) if not text[p[1]:].strip("。；; ")]
    if trailing:
        return owners_from_list(trailing[-1][2], doc)
    # A list whose opening bracket was lost: "...达到4.8%区经信局)".
    unclosed = re.search(r"([\u4e00-\u9fff、()（）]{3,60})[)）][。；;]?$", text)
    if unclosed:
        parts = split_units(unclosed.group(1))
        tail = []
        for part in reversed(parts):
            trimmed = _longest_unit_suffix(part)
            if not trimmed:
                break
            tail.insert(0, trimmed)
            if trimmed != part:
                break
        if tail:
            return owners_from_list(tail, doc)
    return ()


def _unit_list(phrase: str) -> list[str]:
    """The units of ``区科技局、区财政局`` written before 牵头/负责/配合 (the longest unit at each end)."""
    parts = [p for p in split_units(re.sub(r"^(?:由|并由|均由)", "", phrase)) if p]
    units = [_longest_unit_suffix(p) for p in parts]
    return [u for u in units if u] if units and all(units) else []


def _longest_unit_suffix(part: str) -> str | None:
    for i in range(len(part)):
        candidate = part[i:]
        if candidate[0] in "区市县" and looks_like_unit(candidate):
            return candidate
    return None


def default_owner(doc: Document) -> tuple[Owner, ...]:
    """The issuing body, when a document names no owner."""
    if not doc.issuer:
        return ()
    return (Owner(name=canonical_unit(doc.issuer), surface=doc.issuer, role="default"),)
