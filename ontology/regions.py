"""Region gazetteer: province -> city -> county/district, with short forms and English names."""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

#: Level suffixes, longest first; the one list every layer strips (graph entities, search filters).
_SUFFIXES = ("自治县", "自治州", "新区", "地区", "省", "市", "区", "县", "州", "盟", "旗")


@dataclass(frozen=True)
class Region:
    """One administrative region.

    Attributes:
        name: Full name (路桥区).
        level: ``province`` | ``city`` | ``county`` | ``district``.
        parent: Full name of the enclosing region, None for provinces.
        short: Name without its level suffix (路桥), used to find mentions.
        en: English name where known.
    """

    name: str
    level: str
    parent: str | None
    short: str
    en: str | None = None


class Gazetteer:
    """Looks up regions by full name, short form or English name."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = {r.name: r for r in regions}
        self._by_form: dict[str, Region] = {}
        for region in regions:
            for form in (region.name, region.short, region.en):
                if form and form not in self._by_form:
                    self._by_form[form.lower() if form.isascii() else form] = region
        forms = sorted(self._by_form, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(f) for f in forms if not f.isascii()))

    def get(self, form: str) -> Region | None:
        """Region named ``form`` (full, short or English), or None."""
        key = form.strip()
        return self._by_form.get(key.lower() if key.isascii() else key)

    def find_all(self, text: str) -> list[tuple[Region, int, int]]:
        """Every region mention in ``text`` as (region, start, end), longest form first."""
        return [(self._by_form[m.group()], m.start(), m.end()) for m in self._pattern.finditer(text)]

    def ancestors(self, name: str) -> list[Region]:
        """Enclosing regions of ``name``, nearest first."""
        chain = []
        region = self.regions.get(name)
        while region and region.parent:
            region = self.regions.get(region.parent)
            if region:
                chain.append(region)
        return chain

    def descendants(self, name: str) -> list[Region]:
        """Regions inside ``name`` (a city's counties and districts; a province's cities...)."""
        out = []
        for region in self.regions.values():
            if name in (a.name for a in self.ancestors(region.name)):
                out.append(region)
        return out

    def english(self, name: str) -> str | None:
        """English name of a region, if known."""
        region = self.regions.get(name)
        return region.en if region else None


def short_form(name: str | None) -> str:
    """Drop the level suffix when at least two characters remain (路桥区 -> 路桥, 温州 stays).

    >>> short_form("温州市"), short_form("路桥区"), short_form("温州"), short_form(None)
    ('温州', '路桥', '温州', '')
    """
    name = (name or "").strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _level(name: str, parent_level: str | None) -> str:
    if parent_level is None:
        return "province"
    if parent_level == "province":
        return "city"
    return "district" if name.endswith("区") else "county"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load the bundled ``regions.toml`` (cached)."""
    data = tomllib.loads(resources.files("plankg.ontology").joinpath("regions.toml").read_text("utf-8"))
    english = data.get("english", {})
    regions: list[Region] = []
    for name, info in data["provinces"].items():
        regions.append(Region(name, "province", None, short_form(name), info.get("en")))
    for province, cities in data["cities"].items():
        for city, children in cities.items():
            level = "district" if city.endswith("区") else "city"
            regions.append(Region(city, level, province, short_form(city), english.get(city)))
            for child in children:
                regions.append(
                    Region(child, _level(child, "city"), city, short_form(child), english.get(child))
                )
    return Gazetteer(regions)
