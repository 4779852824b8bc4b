"""Recognising names of responsible units (局, 办, 中心, 公司...) in owner lists."""
from __future__ import annotations

import re

from plankg.ingest.cues import cue_regex

# Endings of government units and companies that own tasks (lang/zh/cues.toml, [owners]).
ORG_SUFFIX = cue_regex(r"<owners.unit_endings>$")
# Endings as often of a project (研究中心) as of a unit: such a name needs a region prefix.
_AMBIGUOUS_ENDING = cue_regex(r"<owners.ambiguous_endings>$")
# Units that name themselves with a region prefix (区科技局, 市经信局).
_REGION_PREFIX = re.compile(r"^[省市区县镇]")
# 技术入股, 国有控股: shares, not a county bureau's section (工业股).
_SHARES = re.compile(r"[入参控持配送扩]股$")
LEVEL_KIND = re.compile(r"^[省市区县镇乡]级")
#: A place that owns a task beside the bureaus in an owner cell or list: the counties or districts
#: together (各县(区), 各有关县区, 各乡镇) or a zone, for its administration (高新区, 经开区).
PLACE_OWNER = re.compile(r"各(?:有关)?[\u4e00-\u9fff]{0,4}?(?:县|区|市|乡镇|街道)(?:[（(][县区市][）)])?"
                         r"|[\u4e00-\u9fff]{0,8}(?:高新区|开发区|经开区|工业园区)")
#: A place named on its own (万州区, 江津市, 石柱县, 青山镇): the owner of a row in a table that divides a
#: goal among districts or counties. Not 各县 or 全市, which are kinds or wholes, not one place.
PLACE_NAME = re.compile(r"(?![各全本该我])[\u4e00-\u9fff]{1,8}?(?:自治县|自治州|自治旗|新区|区|县|市|州|盟|旗|镇|乡|街道)")
# Round brackets, or the hexagonal ones some plans close an item's owner list with (〔省发展改革委、省财政厅〕).
_PARENS = re.compile(r"[（(〔]([^（()）〔〕]{2,120})[)）〕]")
_ARTICLE = re.compile(r"第[\d一二三四五六七八九十百]{1,4}[条项款号]")
_SPLIT = re.compile(r"[、，,；;/]|和(?=[区市县])")


def split_units(text: str) -> list[str]:
    """Split an owner list (区科技局、区财政局) into unit names."""
    return [p.strip(" *＊\u3000") for p in _SPLIT.split(text) if p.strip(" *＊\u3000")]


def looks_like_unit(name: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Is ``name`` a responsible unit? Known names (from the same document) count first."""
    bare = name.lstrip("*＊").strip()
    if not bare or len(bare) > 24 or re.search(r"[\d：:]", bare):
        return False
    if normalise_unit(bare) in known:
        return True
    if LEVEL_KIND.match(bare):
        return False  # 省级品牌指导服务站, 市级重点实验室: a kind of thing, not a body
    if not ORG_SUFFIX.search(bare) or _SHARES.search(bare):
        return False
    # A bare 中心 or 院 is as often a project (研究中心) as a unit; want a prefix or a known form.
    if _AMBIGUOUS_ENDING.search(bare) and not _REGION_PREFIX.match(bare):
        return False
    return True


def is_unit_list(text: str, known: set[str] | frozenset[str] = frozenset()) -> bool:
    """Is ``text`` wholly a list of units (区人社局、区委人才办)?"""
    parts = split_units(text)
    return bool(parts) and all(looks_like_unit(p, known) for p in parts)


#: Official long names and the short ones plans write for the same body (科学技术局 = 科技局).
_SHORT_NAMES = (("科学技术局", "科技局"), ("科学技术厅", "科技厅"), ("科学技术委员会", "科委"),
                ("科技创新委员会", "科创委"), ("发展和改革委员会", "发改委"), ("发展改革委员会", "发改委"),
                ("发展和改革局", "发改局"), ("发展改革局", "发改局"), ("经济和信息化局", "经信局"),
                ("经济和信息化委员会", "经信委"), ("工业和信息化局", "工信局"), ("工业和信息化厅", "工信厅"),
                ("人力资源和社会保障局", "人社局"), ("人力资源和社会保障厅", "人社厅"), ("市场监督管理局", "市场监管局"),
                ("卫生健康委员会", "卫健委"), ("大数据管理局", "大数据局"))


def canonical_unit(name: str) -> str:
    """One name per body: the short form plans use (谯城区科学技术局 -> 谯城区科技局)."""
    for long_name, short_name in _SHORT_NAMES:
        if name.endswith(long_name):
            return name[: -len(long_name)] + short_name
    return name


def normalise_unit(name: str) -> str:
    """Key for matching surface forms: no star, no region prefix (区飞龙湖... = 飞龙湖...)."""
    bare = name.lstrip("*＊").strip()
    return bare[1:] if len(bare) > 3 and _REGION_PREFIX.match(bare) else bare


def parenthetical_units(text: str) -> list[tuple[int, int, list[str]]]:
    """Owner lists written in parentheses, as (start, end, names), e.g. ``(区科技局、区财政局)``.

    Every part must end like a unit name; ``(含“卡脖子”)`` or ``(19年)`` are not owner lists.
    """
    found = []
    for match in _PARENS.finditer(text):
        # (第16条、高新科): the article of the plan the task comes from, then its owner.
        parts = [p for p in split_units(match.group(1)) if not _ARTICLE.fullmatch(p)]
        if parts and all(ORG_SUFFIX.search(p) and len(p) <= 24 and not re.search(r"\d", p) for p in parts):
            found.append((match.start(), match.end(), parts))
    return found


def known_units(text: str) -> set[str]:
    """Normalised names of every unit a document lists in parentheses."""
    return {normalise_unit(p) for _, _, parts in parenthetical_units(text) for p in parts}
