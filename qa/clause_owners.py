"""Units written right after a goal in its clause, when the graph gives the goal no owner.

The one owner reader left at question time: table cells, 责任单位 lines and closing brackets are
read by extraction (``ingest/``) into the graph's owner facts; a flattened list whose units follow
the value in the same sentence (below) is not yet.

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

