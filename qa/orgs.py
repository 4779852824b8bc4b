"""Organisations and divisions in a question: 区经信局, 高新处, 人社局, "the HR bureau".

Known bodies come from the graph (one node per real body, e.g. 路桥区经信局). Each is indexed
under the forms people write: the full name, the name without its region (经信局), with a
level prefix (区经信局, 市科技局高新处) and, for divisions, the division alone (高新处). A form
shared by several bodies is narrowed by the question's region and by the level prefix written.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from plankg.ontology.regions import Gazetteer, load_gazetteer

# English names of common bodies: pattern -> Chinese short form, English name.
ENGLISH_BODIES: tuple[tuple[str, str, str], ...] = (
    (r"(?:science (?:and|&) technology|s&t|sci-tech|science) bureau|bureau of science (?:and|&) technology",
     "科技局", "Science and Technology Bureau"),
    (r"econom(?:y|ic)(?: and|&)? information(?:isation|ization| technology)?(?: bureau)?|"
     r"economy and it bureau|industry and information technology bureau", "经信局",
     "Economy and Information Technology Bureau"),
    (r"human resources(?: and social security)?(?: bureau)?|hr bureau|human resources department",
     "人社局", "Human Resources and Social Security Bureau"),
    (r"development and reform(?: bureau| commission)?", "发改局", "Development and Reform Bureau"),
    (r"finance bureau|bureau of finance|finance department", "财政局", "Finance Bureau"),
    (r"tax(?:ation)? bureau", "税务局", "Tax Bureau"),
    (r"education bureau|bureau of education", "教育局", "Education Bureau"),
    (r"health (?:bureau|commission)", "卫健局", "Health Bureau"),
    (r"market (?:supervision|regulation)(?: bureau)?", "市场监管局", "Market Supervision Bureau"),
    (r"commerce bureau|bureau of commerce", "商务局", "Commerce Bureau"),
    (r"statistics bureau|bureau of statistics", "统计局", "Statistics Bureau"),
    (r"natural resources(?: and planning)?(?: bureau| branch)?", "自然资源规划分局",
     "Natural Resources and Planning Branch"),
    (r"ecology and environment(?: bureau| branch)?|environment(?:al)? bureau", "生态环境分局",
     "Ecology and Environment Branch"),
    (r"agricultur(?:e|al)(?: and rural affairs)?(?: bureau)?", "农业农村局", "Agriculture and Rural Affairs Bureau"),
    (r"high[- ]tech(?:nology)? (?:division|department|section|office)", "高新处", "High-Tech Division"),
    (r"(?:general|comprehensive)(?: affairs)? (?:division|department|section)", "综合处", "General Affairs Division"),
    (r"(?:cooperation|co-operation) (?:division|department|section)", "合作处", "Cooperation Division"),
    (r"(?:achievements?|results?) (?:division|department|section)", "成果处", "Achievements Division"),
    (r"talent office", "人才办", "Talent Office"),
    (r"association for science and technology|science association", "科协", "Association for Science and Technology"),
)
# Extra English names for rendering (short form -> English).
_ENGLISH_EXTRA = {"农水局": "Agriculture and Water Bureau", "外专处": "Foreign Experts Division",
                  "农社处": "Rural and Social Development Division", "委宣传部": "Publicity Department",
                  "金融工作中心": "Finance Work Centre", "投资促进中心": "Investment Promotion Centre",
                  "发改委": "Development and Reform Commission", "管委会": "Administrative Committee"}
_LEVEL_CHARS = "省市区县"
_BODY_END = re.compile(r"(局|委员会|委|办公室|办|中心|厅)")
_DIVISION_END = ("处", "科", "室")
# A body the graph does not know (a bureau name written out), so the answer can say so.
_UNKNOWN_BODY = re.compile(r"(?:[省市区县])?[\u4e00-\u9fff]{1,5}(?:局|委员会|管委会)")


@dataclass(frozen=True)
class OrgRecord:
    """A known organisation or division."""

    name: str
    aliases: tuple[str, ...] = ()
    region: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class OrgHit:
    """An organisation mention: the text written and the known bodies it may name.

    ``names`` is empty when the text names a body the graph does not know.
    """

    surface: str
    names: tuple[str, ...]
    start: int
    end: int
    english: str | None = None


@dataclass
class OrgResolver:
    """Finds organisation mentions in questions and resolves them to known bodies."""

    records: list[OrgRecord]
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)

    def __post_init__(self) -> None:
        self.by_name = {r.name: r for r in self.records}
        self.forms: dict[str, set[str]] = {}
        for record in self.records:
            for form in self._forms(record):
                if len(form) >= 2:
                    self.forms.setdefault(form, set()).add(record.name)
        ordered = sorted(self.forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(f) for f in ordered)) if ordered else None
        self._english = [(re.compile(r"\b(?:the\s+)?(?:" + p + r")\b", re.IGNORECASE), zh, en)
                         for p, zh, en in ENGLISH_BODIES]

    # ---- forms --------------------------------------------------------------------------
    def split_region(self, name: str) -> tuple[str | None, str]:
        """路桥区经信局 -> (路桥区, 经信局); a name without a known region prefix -> (None, name)."""
        for region, start, end in self.gazetteer.find_all(name[:6]):
            if start == 0:
                rest = name[end:]
                if region.name != name[:end] and rest[:1] in _LEVEL_CHARS:
                    rest = rest[1:]  # 路桥 + 区经信局 written with a short form
                return region.name, rest
        return None, name

    def _forms(self, record: OrgRecord) -> set[str]:
        forms = {record.name, *record.aliases}
        region, rest = self.split_region(record.name)
        if region and rest:
            level = region[-1] if region[-1] in _LEVEL_CHARS else ""
            short = self.gazetteer.regions[region].short if region in self.gazetteer.regions else region
            forms |= {rest, level + rest, short + rest}
        body_end = list(_BODY_END.finditer(rest))
        if rest.endswith(_DIVISION_END) and body_end:
            division = rest[body_end[-1].end():]
            if len(division) >= 2:
                forms.add(division)
        return {f for f in forms if f}

    # ---- lookup -------------------------------------------------------------------------
    def find(self, text: str, regions: Iterable[str] = ()) -> list[OrgHit]:
        """Organisation mentions in ``text``, longest form first, narrowed by ``regions``."""
        hits: list[OrgHit] = []
        taken: list[tuple[int, int]] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(text):
                names = self.narrow(match.group(), self.forms[match.group()], regions)
                hits.append(OrgHit(match.group(), tuple(sorted(names)), match.start(), match.end()))
                taken.append(match.span())
        for pattern, short, english in self._english:
            for match in pattern.finditer(text):
                if any(match.start() < e and s < match.end() for s, e in taken):
                    continue
                names = self.narrow(short, self.forms.get(short, set()), regions)
                hits.append(OrgHit(short, tuple(sorted(names)), match.start(), match.end(), english))
                taken.append(match.span())
        for match in _UNKNOWN_BODY.finditer(text):
            if not any(match.start() < e and s < match.end() for s, e in taken):
                hits.append(OrgHit(match.group(), (), match.start(), match.end()))
                taken.append(match.span())
        return sorted(hits, key=lambda h: h.start)

    def narrow(self, surface: str, names: set[str], regions: Iterable[str]) -> set[str]:
        """Keep the bodies in the asked regions and at the level the surface names (区 -> district)."""
        candidates = set(names)
        wanted = set(regions)
        if wanted:
            inside = {n for n in candidates if self._in_regions(n, wanted)}
            candidates = inside
        if len(candidates) > 1 and surface[:1] in _LEVEL_CHARS and surface not in candidates:
            level = surface[0]
            same_level = {n for n in candidates if (self.split_region(n)[0] or "").endswith(level)}
            candidates = same_level or candidates
        return candidates

    def _in_regions(self, name: str, wanted: set[str]) -> bool:
        record = self.by_name.get(name)
        region = (record.region if record else None) or self.split_region(name)[0]
        if region is None:
            return False
        chain = {region, *(r.name for r in self.gazetteer.ancestors(region))}
        return bool(chain & wanted)

    def english_name(self, name: str) -> str | None:
        """English rendering of a body's name where its parts are known (Luqiao Tax Bureau)."""
        region, rest = self.split_region(name)
        english_rest = english_body(rest)
        if english_rest is None:
            return None
        region_en = self.gazetteer.english(region) if region else None
        return f"{region_en} {english_rest}" if region_en else english_rest


def english_body(rest: str) -> str | None:
    """English name of a body written without its region (科技局高新处 -> ... High-Tech Division)."""
    table = {zh: en for _, zh, en in ENGLISH_BODIES} | _ENGLISH_EXTRA
    if rest in table:
        return table[rest]
    for zh in sorted(table, key=len, reverse=True):
        if rest.endswith(zh) and len(rest) > len(zh):
            head = english_body(rest[: -len(zh)])
            if head:
                return f"{head}, {table[zh]}"
    return None
