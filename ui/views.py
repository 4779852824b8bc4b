"""Turn adapter rows into what the components show: escaped HTML, tables, one-line errors.

Every piece of document or user text passes :func:`html.escape` before it reaches HTML, so a
document holding ``<script>`` shows that text and runs nothing; text that goes into Markdown
passes :func:`markdown_text` too, so ``[x](javascript:...)`` in a document shows as that text,
never as a link.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Any

from plankg.ui.libs import pandas

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the Targets table, in order (export row key -> header).
#: What a researcher reads first (place, year, kind, value, unit, document) on the left, the evidence last.
TARGET_COLUMNS = {
    "region": "地区 region", "year": "年份 year", "kind": "类型 kind", "indicator": "指标 indicator",
    "comparator": "比较 cmp", "value": "数值 value", "unit": "单位 unit", "doc_title": "文件 document",
    "measure": "口径 measure", "family": "指标类别 family", "baseline": "基期 baseline", "stretch": "力争 stretch",
    "owners": "责任单位 owners", "lead_owners": "牵头 lead", "placeholder": "匿名 placeholder",
    "year_inferred": "年份推断 inferred year", "text": "条款 clause",
}
#: The one column an empty table shows, holding the reason it is empty.
EMPTY_COLUMN = "说明 note"


def empty(reason: str) -> pd.DataFrame:
    """A table that says in one line why it holds nothing (never bare "1 2 3" headers)."""
    return pandas().DataFrame({EMPTY_COLUMN: [reason]})


_FOLDERS = re.compile(r"(?:/[^/\s:]+)+/([^/\s:]+)")
# Markdown's punctuation (links, images, emphasis, code, headings, tables, math): each shown as itself.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~$])")


def markdown_text(text: str) -> str:
    """``text`` for a Markdown component, shown as written: HTML escaped, Markdown punctuation
    backslash-escaped (a link, an image or emphasis in a document stays text)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escape(text, quote=False))


def one_line_error(error: BaseException, what: str) -> str:
    """``what: reason`` on one line, never a traceback."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"{what}: {message}"


def plain(value: Any) -> Any:
    """A table cell: lists and dicts as compact text, numbers and text as they are."""
    if isinstance(value, (list, tuple)):
        return "、".join(plain_owner(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def plain_owner(value: Any) -> str:
    if isinstance(value, dict) and "name" in value:
        return f"{value['name']}（{value.get('role') or ''}）" if value.get("role") else str(value["name"])
    return str(value)


#: Rows a tab's table shows at most: the browser gets a bounded table whatever the corpus holds
#: (the status line gives the full count, and the Targets tab's CSV holds every row).
MAX_TABLE_ROWS = 1000


def shown_note(count: int, limit: int = MAX_TABLE_ROWS) -> str:
    """What the status line adds when a table shows only its first ``limit`` of ``count`` rows."""
    return f"，显示前 {limit:,} 条 (first {limit:,} shown)" if count > limit else ""


def table(rows: Iterable[dict], columns: dict[str, str] | None = None,
          reason: str = "没有符合条件的行 No rows match.", limit: int = MAX_TABLE_ROWS) -> pd.DataFrame:
    """Rows as a DataFrame (the first ``limit``); ``columns`` picks and renames (key -> header);
    no rows: ``reason``."""
    rows = list(rows)[:limit]
    if not rows:
        return empty(reason)
    if columns is None:
        keys: list[str] = []
        for row in rows:
            keys += [k for k in row if k not in keys]
        columns = {k: k for k in keys}
    data = [[plain(row.get(key)) for key in columns] for row in rows]
    return pandas().DataFrame(data, columns=list(columns.values()))


_ANSWER_COLUMNS = ("region", "year", "kind", "indicator", "comparator", "value", "target_stated", "unit", "stated",
                   "actual_stated", "actual_year", "year_gap", "doc_title", "target_doc_title", "actual_doc_title",
                   "owner", "owners", "role", "label", "name", "type")


_HIDDEN_ANSWER_COLUMNS = ("target", "clause_id", "doc", "phrase", "written", "observation")


def answer_table(rows: list[dict], plain_table: dict | None = None) -> pd.DataFrame:
    """The table behind an answer: the answer's own plain table (place, year, kind, document
    first) when it has one, else its rows with the readable columns first."""
    if plain_table and plain_table.get("columns"):
        keep = [i for i, c in enumerate(plain_table["columns"]) if c not in _HIDDEN_ANSWER_COLUMNS
                and not str(c).endswith("_id")]
        data = [{plain_table["columns"][i]: row[i] for i in keep} for row in plain_table.get("rows") or []]
        keys = [plain_table["columns"][i] for i in keep]
        keys = [k for k in keys if any(r.get(k) not in (None, "", [], {}) for r in data)]
        return table(data, {k: k for k in keys})
    keys: list[str] = [k for k in _ANSWER_COLUMNS if any(k in r for r in rows)]
    for row in rows:
        keys += [k for k in row if k not in keys and not k.endswith("_id") and k not in _HIDDEN_ANSWER_COLUMNS]
    # Columns no row fills only widen the table.
    keys = [k for k in keys if any(r.get(k) not in (None, "", [], {}) for r in rows)]
    if "owners" in keys and "owner" in keys:
        keys.remove("owners")  # one row per unit and role: the unit is the row's own owner
    return table(rows, {k: k for k in keys})


#: A lead is at most this many characters; the rest of a long answer folds away below it.
LEAD_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")


def split_lead(text: str, limit: int = LEAD_CHARS) -> tuple[str, str]:
    """``(lead, rest)``: whole sentences up to ``limit`` characters, then the rest (never a cut word
    unless the first sentence alone is longer than the limit)."""
    if len(text) <= limit:
        return text, ""
    lead = ""
    for sentence in _SENTENCE_END.split(text):
        if len(lead) + len(sentence) > limit:
            break
        lead += sentence
    if not lead:  # one sentence longer than the limit: stop at its last clause break
        cut = max(text.rfind(mark, 0, limit) for mark in "，、：:,")
        lead = text[:cut + 1] if cut > 0 else text[:limit - 1] + "…"
    return lead, text[len(lead.rstrip("…")):]


def answer_markdown(answer: dict) -> str:
    """The answer's lead (escaped, at most 400 characters), the rest folded, and what was understood."""
    lead, rest = split_lead(answer.get("lead") or answer.get("answer") or "")
    if answer.get("lead") and answer.get("answer") and answer["answer"] != answer["lead"]:
        rest = answer["answer"]  # the whole answer folds under the engine's own lead
    text = markdown_text(lead)
    if rest:
        text += ("\n\n<details><summary>全文 Full answer</summary>\n\n"
                 f"{markdown_text(rest)}\n\n</details>")
    note = "" if answer.get("found", True) else "\n\n*语料中没有找到直接的答案 Nothing in the corpus answers this directly.*"
    return f"{text}{note}\n\n<small>intent `{escape(answer.get('intent') or '')}` · confidence {answer.get('confidence', 0):.2f}</small>"


def evidence_html(evidence: list[dict], related: list[dict] | None = None) -> str:
    """Evidence cards: document title and place, the clause with the exact spans marked."""
    cards = [_card(item, marked=True) for item in evidence]
    if not cards and related:
        cards = ["<p class='plankg-note'>最相近的条款 Nearest clauses (not an answer):</p>"] + [_card(r, marked=False) for r in related]
    if not cards:
        return "<p class='plankg-note'>无证据 No evidence.</p>"
    return "<div class='plankg-evidence'>" + "".join(cards) + "</div>"


def _card(item: dict, marked: bool) -> str:
    text = item.get("text") or ""
    spans = item.get("spans") or [] if marked else []
    pieces, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    title = escape(item.get("doc_title") or item.get("title") or item.get("doc") or "")
    place = escape(item.get("region") or "")
    source = escape(item.get("doc") or "")
    confidence = item.get("ocr_confidence")
    # Text read from a scan: its value is what OCR saw, to be checked against the page.
    ocr = (f" <span class='plankg-ocr' title='read by OCR from a scan: check the value against the page'>"
           f"OCR {confidence:.2f}</span>" if isinstance(confidence, (int, float)) else "")
    return (f"<div class='plankg-card'><div class='plankg-source'><b>{title}</b>"
            f"{' · ' + place if place else ''}{ocr} <small>{source} {escape(item.get('clause_id') or '')}</small></div>"
            f"<div class='plankg-clause'>{''.join(pieces)}</div></div>")


def status(message: str, ok: bool = True) -> str:
    """A one-line status (escaped) for a tab."""
    return f"{'✓' if ok else '⚠'} {markdown_text(_without_folders(message))}"


def _without_folders(message: str) -> str:
    """Server folders stay private: ``/srv/x/uploads/upload-1.pdf: bad`` -> ``upload-1.pdf: bad``."""
    return _FOLDERS.sub(r"\1", message)


def documents_table(documents: list[dict]) -> pd.DataFrame:
    columns = {"doc": "文件 file", "uploaded_as": "上传名 uploaded as", "part": "部分 part", "title": "标题 title",
               "issuer": "发文单位 issuer", "region": "地区 region", "doc_type": "类型 type", "years": "计划年份 plans",
               "reported_years": "报告年份 reports", "published": "发布 published", "clauses": "条款 clauses",
               "targets": "目标 targets", "achievements": "实绩 achievements", "placeholders": "匿名 placeholders",
               "reader": "读取 reader", "ocr_confidence": "OCR 置信度 OCR confidence"}
    if not any(d.get("uploaded_as") for d in documents):
        del columns["uploaded_as"]
    rows = [{**d, "ocr_confidence": min((p["confidence"] for p in d.get("ocr") or ()), default=None)}
            for d in documents]
    if not any(r["ocr_confidence"] is not None for r in rows):
        del columns["ocr_confidence"]
    return table(rows, columns)


#: Headers of the per-file upload report.
REPORT_COLUMNS = {"file": "文件 file", "status": "状态 status", "detail": "详情 detail"}


def repairs_table(documents: list[dict]) -> pd.DataFrame:
    # Traditional characters read as simplified are one "repair" a character: the type column and
    # the evidence say it once; the table keeps the OCR repairs a reader should check.
    rows = [{"doc": d["doc"], **r} for d in documents for r in d["repairs"] if r.get("rule") != "traditional"]
    return table(rows, {"doc": "文件 file", "original": "原文 original", "replacement": "修复 repaired", "rule": "规则 rule",
                        "start": "位置 start"})


def warnings_markdown(documents: list[dict], warnings: list[str]) -> str:
    """Placeholders kept unknown and files that could not be read."""
    lines = []
    for doc in documents:
        if doc.get("placeholder_texts"):
            lines.append(f"- {markdown_text(doc['doc'])}: 匿名占位 placeholders kept unknown: "
                         f"{markdown_text('、'.join(doc['placeholder_texts'][:15]))}")
    for warning in warnings:
        lines.append(f"- ⚠ {markdown_text(_without_folders(warning))}")
    return "\n".join(lines) or "无警告 No warnings."
