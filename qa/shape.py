"""The shape every answer shares: a short lead, then a table of plain values, then the evidence.

The lead is one or two sentences (at most about :data:`LEAD_CHARS` characters) with the key
numbers; the table has the place, year, kind and document columns first and holds only plain
values (text, numbers, booleans), never the repr of a dict or a list.
"""
from __future__ import annotations

import re
from typing import Any

from plankg.qa.render import ROLE_EN, ROLE_ZH

LEAD_CHARS = 200
#: The columns every table starts with, and the row keys each is read from (first present wins).
FIRST_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("place", ("place", "region")),
    ("year", ("year",)),
    ("kind", ("kind", "status", "type")),
    ("document", ("doc_title", "target_doc_title", "doc", "target_doc")),
)
#: Keys that are internal ids or repeat another column: kept in ``rows``, left out of the table.
_HIDDEN = {"target", "target_id", "entity", "indicator_id", "clause_ids", "year_inferred", "placeholder",
           "placed_by_document", "area", "asked", "period", "written", "comparator", "measure", "value",
           "target_value", "actual_value", "target_doc", "doc", "actual_doc", "related", "aliases", "score",
           "start", "end", "actual_year_inferred", "unit"}
_KIND_ZH = {"target": "目标", "achievement": "实际", "actual": "实际", "stretch": "力争目标", "baseline": "基数",
            "task": "任务", "continued": "延续", "new": "新增", "dropped": "不再出现", "elsewhere": "不同地区",
            "indicator": "指标", "measure": "措施"}
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+")
_LIST_BREAK = re.compile(r"[、；;，,]")


def lead_of(text: str, limit: int = LEAD_CHARS, language: str = "zh") -> str:
    """The first one or two sentences of an answer, cut at a list boundary to about ``limit`` chars."""
    text = " ".join(text.split()) if language == "en" else text.strip()
    sentences = [s for s in _SENTENCE_END.split(text) if s and s.strip()]
    if not sentences:
        return ""
    lead = sentences[0].strip()
    if len(sentences) > 1 and len(lead) + len(sentences[1]) <= limit:
        lead = (lead + ("" if language == "zh" else " ") + sentences[1].strip()).strip()
    if len(lead) <= limit:
        return lead
    breaks = [m.start() for m in _LIST_BREAK.finditer(lead) if m.start() <= limit - 12]
    cut = breaks[-1] if breaks else limit - 12
    return lead[:cut] + ("等（详见表格）。" if language == "zh" else " … (more in the table).")


def plain(value: Any, language: str = "zh") -> Any:
    """A cell as plain text or a number: owners as 名称（牵头）, lists joined, mappings as key: value."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        if "name" in value and set(value) <= {"name", "role", "owner"}:
            roles = ROLE_ZH if language == "zh" else ROLE_EN
            role = value.get("role")
            return f"{value['name']}（{roles.get(role, role)}）" if role and language == "zh" else \
                (f"{value['name']} ({roles.get(role, role)})" if role else str(value["name"]))
        if "text" in value:
            return str(value["text"])
        shown = [f"{k}: {plain(v, language)}" for k, v in value.items() if v not in (None, "", [], {})
                 and k not in _HIDDEN and not k.endswith("_id")]
        return "; ".join(shown)
    if isinstance(value, (list, tuple, set)):
        items = [plain(v, language) for v in value]
        return ("、" if language == "zh" else "; ").join(str(i) for i in items if i not in (None, ""))
    return str(value)


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if row.get(key) not in (None, ""):
            return key, row[key]
    return None, None


def table_of(rows: list[dict[str, Any]], language: str = "zh") -> dict[str, Any]:
    """``{"columns": [...], "rows": [[...], ...]}`` of plain values; place, year, kind, document first."""
    if not rows:
        return {"columns": [], "rows": []}
    used: set[str] = set()
    firsts: list[list[Any]] = []
    for row in rows:
        cells = []
        for name, keys in FIRST_COLUMNS:
            key, value = _first(row, keys)
            if key is not None:
                used.add(key)
            if name == "year" and value is None and row.get("period"):
                value = "—".join(str(y) for y in row["period"])
            if name == "place" and value is not None and row.get("area"):
                value = f"{value}·{row['area']}"
            if name == "kind" and language == "zh" and isinstance(value, str):
                value = _KIND_ZH.get(value, value)
            cells.append(plain(value, language))
        firsts.append(cells)
    rest: list[str] = []
    for row in rows:
        for key in row:
            if key not in used and key not in _HIDDEN and key not in rest and not key.endswith("_doc_title") \
                    and key not in {k for _, keys in FIRST_COLUMNS for k in keys}:
                rest.append(key)
    keep = [i for i, (name, _) in enumerate(FIRST_COLUMNS) if any(cells[i] not in (None, "") for cells in firsts)]
    columns = [FIRST_COLUMNS[i][0] for i in keep] + rest
    body = [[cells[i] for i in keep] + [_cell(key, row.get(key), language) for key in rest]
            for cells, row in zip(firsts, rows)]
    return {"columns": columns, "rows": body}


def _cell(key: str, value: Any, language: str) -> Any:
    if key == "role" and isinstance(value, str):
        named = {"named": "文中列名"} if language == "zh" else {"named": "named"}
        return {**(ROLE_ZH if language == "zh" else ROLE_EN), **named}.get(value, value)
    return plain(value, language)
