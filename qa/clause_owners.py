"""Units written right after a goal in its clause, when the graph gives the goal no owner.

A responsibility list flattened to text keeps each goal and its units on one line
(``6 研发经费支出占GDP比重提高到2.8%. 科技局`` / ``7 固定资产投资550亿元,其中:…. 发改委、经信委``).
When extraction gave such a goal only its issuing body, an owner question still finds the units:
the first run of unit names after the goal's value, close to it and within its sentence, shown
as named by the clause (never given a role the text does not give).
"""
from __future__ import annotations

import re

from plankg.ingest.govunits import find_units
from plankg.ingest.records import Clause, Target
from plankg.qa.orgs import OrgResolver

#: The first unit must start within this many characters after the value.
NEAR = 60
_BETWEEN_UNITS = re.compile(r"[、，,和及与\s]*")
_SENTENCE_END = re.compile(r"。|；|;")
_BARE_UNIT = re.compile(r"(?:^|(?<=[、，,.．:：\s]))([\u4e00-\u9fff]{1,6}?(?:局|委|办|厅|管委会|中心))(?=[、，,和及与\s.．*＊]|$|\d)")


def _units_in(text: str, orgs: OrgResolver, regions: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Unit names in ``text`` as (start, end, name): known units as the text writes them, then the
    government-unit recogniser's, then a list's bare names (发改委、经信委: the place is the document's)."""
    known = orgs.find(text, regions)
    found = [(o.start, o.end, o.surface) for o in known]
    found += [(u.start, u.end, u.name) for u in find_units(text)
              if not any(o.start < u.end and u.start < o.end for o in known)]
    found += [(m.start(1), m.end(1), m.group(1)) for m in _BARE_UNIT.finditer(text)
              if not any(s < m.end(1) and m.start(1) < e for s, e, _ in found)]
    return found


def units_after(target: Target, clause: Clause, orgs: OrgResolver, regions: tuple[str, ...] = ()) -> list[str]:
    """The run of unit names following a goal's value in its clause (empty when none is close)."""
    offset = target.end - clause.start
    if not 0 <= offset <= len(clause.text):
        written = re.escape(str(target.value_text or "")) if getattr(target, "value_text", None) else None
        match = re.search(written, clause.text) if written else None
        if match is None:
            return []
        offset = match.end()
    tail = clause.text[offset:offset + NEAR + 40]
    stop = _SENTENCE_END.search(tail)
    if stop:
        tail = tail[:stop.start()]
    found = _units_in(tail, orgs, regions)
    run: list[str] = []
    last_end = 0
    for start, end, name in sorted(found):
        if not run and start > NEAR:
            break
        if run and not _BETWEEN_UNITS.fullmatch(tail[last_end:start]):
            break
        if name not in run:
            run.append(name)
        last_end = end
    return run


#: A cell of the same row holding only a figure (10亿元) may stand between a goal and its units.
VALUE_CELL = re.compile(r"[\d.,，%％~～\-—以上左右亿万元家个项件人名所]+")
#: How many cells after a goal are read for its units.
CELLS_AFTER = 3


def unit_cell(text: str, orgs: OrgResolver, regions: tuple[str, ...] = ()) -> list[tuple[str, str]] | None:
    """The units of a cell made of unit names only (区财政局*、区科技局), each with its role: the
    starred one leads (the genre's mark of the lead unit); None when the cell holds anything else."""
    stripped = text.strip()
    if not stripped or len(stripped) > 60:
        return None
    found = _units_in(stripped, orgs, regions)
    if not found:
        return None
    rest = stripped
    for start, end, _ in sorted(found, reverse=True):
        rest = rest[:start] + rest[end:]
    if not re.fullmatch(r"[、，,；;和及与*＊\s]*", rest):
        return None
    def star(end: int) -> bool:
        return stripped[end:end + 1] in ("*", "＊")

    starred = any(star(end) for _, end, _ in found)
    return [(name, "lead" if star(end) else ("support" if starred else "named")) for _, end, name in sorted(found)]


#: An item's closing owner bracket, alone after its sentences: (市经信委牵头落实), (A牵头，B配合).
_OWNER_BRACKET = re.compile(r"^[（(]([^（）()]{2,120})[）)]$")
_LEAD_WORD = re.compile(r"牵头|主办|负责")
_SUPPORT_WORD = re.compile(r"配合|参与|协办|协同")
#: A line naming an item's units after it: 责任单位：县发改局（首位单位为牵头单位）、县财政局.
_OWNER_LABEL = re.compile(r"^(责任单位|牵头单位|责任部门|牵头部门|责任处室|牵头处室)[:：]\s*(.+)$")
#: Where a flattened line runs on into the next item (…县农业农村局2.落实…, …县财政局二、…).
_NEXT_ITEM = re.compile(r"\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]")
_FIRST_LEADS = re.compile(r"[（(][^（）()]*(首位|第一|排名第一|排在首位|第一个)[^（）()]*牵头[^（）()]*[)）]")
#: A bracket of labelled lists: (牵头单位：A局；责任单位：B局、C局).
_BRACKET_LABEL = re.compile(r"^(牵头单位|牵头部门|责任单位|责任部门|配合单位|协办单位)[:：]")
_LABELLED_PART = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|协办单位)[:：]([^；;]*)")
#: How many sentences after a goal its item may run on before the bracket closing it.
ITEM_SENTENCES = 6


def units_closing_item(clause: Clause, following: list[Clause], orgs: OrgResolver,
                       regions: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The units of the bracket that closes a goal's numbered item, several sentences on
    (2.…营业收入增长10%。加快…。(区商务局牵头落实)), with their roles: those before 牵头 lead,
    those after 配合 support. Empty when the next item or heading comes first."""
    if clause.kind not in ("item", "sentence"):
        return []
    ahead = following[:ITEM_SENTENCES]
    for at, other in enumerate(ahead):
        if other.kind in ("item", "heading", "table_row"):
            return []
        text = other.text.strip()
        labelled = _OWNER_LABEL.match(text)
        if labelled is not None:
            return _labelled_units(labelled, orgs, regions)
        if text[:1] in "（(" and not re.search(r"[）)]$", text):
            # A bracket cut at its semicolon ((牵头单位:A局; | 责任单位:B局)): read it whole.
            for more in ahead[at + 1:at + 3]:
                text += more.text.strip()
                if re.search(r"[）)]$", text):
                    break
        match = _OWNER_BRACKET.match(text)
        if match is None:
            continue
        inside = match.group(1)
        if _BRACKET_LABEL.match(inside):
            return _bracket_labels(inside, orgs, regions)
        lead_at = _LEAD_WORD.search(inside)
        support_at = _SUPPORT_WORD.search(inside)
        if lead_at is None and support_at is None:
            return []
        units = []
        for start, _, name in sorted(_units_in(inside, orgs, regions)):
            role = "support" if support_at is not None and start > support_at.start() and (
                lead_at is None or lead_at.start() < support_at.start()) else "lead" if lead_at else "support"
            if all(name != unit for unit, _ in units):
                units.append((name, role))
        return units
    return []


def _labelled_units(labelled: re.Match[str], orgs: OrgResolver, regions: tuple[str, ...]) -> list[tuple[str, str]]:
    """The units of a 责任单位：/牵头单位： line, to the next item: a 牵头单位 line's lead; a list
    whose note says its first unit leads (首位单位为牵头单位) lead then support; else as named."""
    label, text = labelled.group(1), labelled.group(2)
    following_item = _NEXT_ITEM.search(text)
    text = text[:following_item.start()] if following_item else text
    first_leads = _FIRST_LEADS.search(text) is not None
    text = _FIRST_LEADS.sub("", text)
    units: list[tuple[str, str]] = []
    for _, _, name in sorted(_units_in(text, orgs, regions)):
        if any(name == unit for unit, _ in units):
            continue
        role = "lead" if label.startswith("牵头") or (first_leads and not units) else \
            "support" if first_leads else "named"
        units.append((name, role))
    return units


def _bracket_labels(inside: str, orgs: OrgResolver, regions: tuple[str, ...]) -> list[tuple[str, str]]:
    """Units of a bracket of labelled lists: 牵头 lists lead; the others support beside a lead, and
    are as named when no list leads."""
    parts = _LABELLED_PART.findall(inside)
    has_lead = any(label.startswith("牵头") for label, _ in parts)
    units: list[tuple[str, str]] = []
    for label, text in parts:
        role = "lead" if label.startswith("牵头") else "support" if has_lead or label in ("配合单位", "协办单位") \
            else "named"
        for _, _, name in sorted(_units_in(text, orgs, regions)):
            if all(name != unit for unit, _ in units):
                units.append((name, role))
    return units
