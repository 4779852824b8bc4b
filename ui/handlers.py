"""Event handlers of the app: read through :class:`AppData`, answer with display values.

A handler never lets an exception reach the page: a failure becomes a one-line message naming the
input and the reason.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plankg.tables import region_matches
from plankg.ui import views
from plankg.ui.charts import evolution_figure, network_figure
from plankg.ui.data import MAX_NEIGHBOURS, AppData
from plankg.ui.libs import gradio
from plankg.ui.uploads import Uploader

if TYPE_CHECKING:
    import pandas as pd

MAX_QUESTION_CHARS = 500
MAX_QUERY_CHARS = 20_000


def _empty(reason: str = "没有结果 Nothing to show yet.") -> pd.DataFrame:
    return views.empty(reason)


def _years(values: list[str] | None) -> list[int]:
    years = []
    for value in values or []:
        text = str(value).strip()
        if not text.isdigit():
            raise ValueError(f"year {text!r} is not a year")
        years.append(int(text))
    return years


class Handlers:
    """The app's event handlers over one served workspace."""

    def __init__(self, data: AppData, uploader: Uploader, download_dir: Path) -> None:
        self.data = data
        self.uploader = uploader
        self.download_dir = download_dir

    # ---- Ask and Search ----------------------------------------------------------------------
    def ask(self, question: str) -> tuple:
        question = (question or "").strip()
        if not question:
            return views.status("请输入问题 Please type a question.", ok=False), _empty(), "", ""
        if len(question) > MAX_QUESTION_CHARS:
            return views.status(f"question: longer than {MAX_QUESTION_CHARS} characters", ok=False), _empty(), "", ""
        try:
            answer = self.data.ask(question)
        except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
            return views.status(views.one_line_error(exc, f"question {question[:40]!r}"), ok=False), _empty(), "", ""
        return (views.answer_markdown(answer), views.answer_table(answer["rows"], answer.get("table")),
                views.evidence_html(answer["evidence"], answer.get("related")), answer.get("sparql") or "")

    def search(self, query: str, k: float, regions: list[str], years: list[str], doc_types: list[str],
               kinds: list[str], has_target: bool) -> tuple:
        query = (query or "").strip()
        if not query:
            return _empty(), views.status("请输入查询 Please type a query.", ok=False)
        try:
            rows = self.data.search(query, k=int(k or 10), region=regions or None, year=_years(years) or None,
                                    doc_type=doc_types or None, kind=kinds or None, has_target=True if has_target else None)
        except Exception as exc:  # noqa: BLE001
            return _empty(), views.status(views.one_line_error(exc, f"search {query[:40]!r}"), ok=False)
        return views.table(rows), views.status(f"{len(rows)} 条结果 results")

    # ---- Targets -----------------------------------------------------------------------------
    def targets(self, regions: list[str], years: list[str], families: list[str], kinds: list[str], owner: str,
                text: str, placeholders_only: bool, inferred_only: bool, include_sub: bool = False) -> tuple:
        try:
            wanted_years = set(_years(years))
            rows = [r for r in self.data.targets()
                    if (not regions or any(region_matches(r["region"], w, include_sub) for w in regions)) and (not wanted_years or r["year"] in wanted_years)
                    and (not families or r["family"] in families) and (not kinds or r["kind"] in kinds)
                    and (not owner or any(owner.strip() in o for o in r["owners"]))
                    and (not text or text.strip() in r["indicator"] or text.strip() in r["text"])
                    and (not placeholders_only or r["placeholder"]) and (not inferred_only or r["year_inferred"])]
        except Exception as exc:  # noqa: BLE001
            return _empty(), views.status(views.one_line_error(exc, "targets filter"), ok=False), None
        frame = views.table(rows, views.TARGET_COLUMNS)
        # Named by what it holds: the same selection reuses its file instead of piling up copies.
        digest = hashlib.sha1("\n".join(r["id"] for r in rows).encode()).hexdigest()[:12]
        csv_path = self.download_dir / f"targets-{digest}.csv"
        if not csv_path.exists():  # every row, not only those the table shows
            views.table(rows, views.TARGET_COLUMNS, limit=len(rows)).to_csv(csv_path, index=False, encoding="utf-8-sig")
        return (frame, views.status(f"{len(rows)} 条目标与实绩 targets and achievements{views.shown_note(len(rows))}"),
                str(csv_path))

    # ---- Evolution -----------------------------------------------------------------------------
    def default_indicators(self) -> list[str]:
        """The indicator charted over the most places and years, so the tab opens on a chart."""
        points: dict[str, set] = {}
        for row in self.data.targets():
            if row["value"] is not None and row["year"] is not None and not row["indicator_id"].startswith("proposed:"):
                points.setdefault(row["indicator_id"], set()).add((row["region"], row["year"], row["kind"], row["measure"]))
        return sorted(points, key=lambda k: (-len(points[k]), k))[:1]

    def evolution(self, indicator_ids: list[str], regions: list[str]) -> tuple:
        if not indicator_ids:
            return None, _empty(), views.status("请选择指标 Pick at least one indicator.", ok=False)
        try:
            points = self.data.series(list(indicator_ids), list(regions or []))
            outcome = []
            for indicator_id in indicator_ids[:6]:
                for region in (regions or [None])[:6]:
                    outcome += self.data.plan_vs_outcome(indicator_id, region)
        except Exception as exc:  # noqa: BLE001
            return None, _empty(), views.status(views.one_line_error(exc, "evolution"), ok=False)
        message = f"{len(points)} 个数据点 points, {len(outcome)} 对计划与实绩 plan-outcome pairs{views.shown_note(len(outcome))}"
        return evolution_figure(points), views.table(outcome), views.status(message)

    def compare(self, year_a: str, year_b: str, regions: list[str]) -> tuple:
        try:
            first, second = _years([year_a, year_b])
            rows, measures = self.data.compare(first, second, list(regions or []))
        except Exception as exc:  # noqa: BLE001
            return _empty(), _empty(), views.status(views.one_line_error(exc, "compare years"), ok=False)
        statuses = ("new 新增", "continued 延续", "dropped 取消")
        counts = {s: sum(1 for r in rows if r["status"] == s) for s in statuses}
        aligned = {s: sum(1 for r in measures if r["status"] == s) for s in statuses}
        message = ("指标 indicators: " + " · ".join(f"{k} {v}" for k, v in counts.items())
                   + "　措施 measures: " + " · ".join(f"{k} {v}" for k, v in aligned.items()))
        return views.table(rows), views.table(measures), \
            views.status(message + views.shown_note(max(len(rows), len(measures))))

    # ---- Entities -------------------------------------------------------------------------------
    def find_entities(self, text: str, entity_type: str) -> tuple:
        try:
            rows = self.data.entities(text, entity_type or None)
        except Exception as exc:  # noqa: BLE001
            return _empty(), views.status(views.one_line_error(exc, f"entity {text!r}"), ok=False)
        return views.table(rows), views.status(f"{len(rows)} 个实体 entities")

    def open_entity(self, name: str) -> tuple:
        name = (name or "").strip()
        if not name:
            return name, None, _empty(), _empty(), views.status("请选择实体 Pick an entity.", ok=False)
        try:
            neighbours = self.data.neighbourhood(name)
            facts = self.data.profile(name)
        except Exception as exc:  # noqa: BLE001
            return name, None, _empty(), _empty(), views.status(views.one_line_error(exc, f"entity {name!r}"), ok=False)
        if not neighbours and not facts:
            return name, None, _empty(), _empty(), views.status(f"entity {name!r}: not in the graph", ok=False)
        capped = f" (前 {MAX_NEIGHBOURS} 个 the first {MAX_NEIGHBOURS})" if len(neighbours) >= MAX_NEIGHBOURS else ""
        return (name, network_figure(name, neighbours), views.table(facts), views.table(neighbours),
                views.status(f"{name}: {len(neighbours)} 个邻居 neighbours{capped}, {len(facts)} 条事实 facts"))

    def open_selected(self, event: Any) -> tuple:
        """Open the entity of the selected row (``event`` is Gradio's ``SelectData``; see ``app.build_app``)."""
        row = event.row_value or []
        return self.open_entity(str(row[0]) if row else "")

    # ---- SPARQL and Corpus ------------------------------------------------------------------------
    def sparql(self, query: str) -> tuple:
        query = (query or "").strip()
        if not query:
            return _empty(), views.status("请输入查询 Please type a query.", ok=False)
        if len(query) > MAX_QUERY_CHARS:
            return _empty(), views.status(f"query: longer than {MAX_QUERY_CHARS} characters", ok=False)
        try:
            rows = self.data.sparql(query)
        except Exception as exc:  # noqa: BLE001
            return _empty(), views.status(views.one_line_error(exc, "SPARQL"), ok=False)
        return views.table([{k: str(v) if v is not None else "" for k, v in r.items()} for r in rows]), \
            views.status(f"{len(rows)} 行 rows")

    def corpus(self) -> tuple:
        try:
            documents = self.data.documents()
            warnings = self.data.warnings()
        except Exception as exc:  # noqa: BLE001
            return _empty(), _empty(), "", views.status(views.one_line_error(exc, "corpus"), ok=False)
        targets = sum(d["targets"] + d["achievements"] for d in documents)
        return (views.documents_table(documents), views.repairs_table(documents),
                views.warnings_markdown(documents, warnings),
                views.status(f"{len(documents)} 个文件 documents · {targets} 条目标与实绩 targets and achievements"))

    def upload(self, files: Any, progress: Any) -> tuple:
        """Add the uploaded files (``progress`` is Gradio's ``Progress``; see ``app.build_app``)."""
        paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in (files or [])]
        report = self.uploader.add(paths, progress=lambda fraction, message: progress(fraction, desc=message))
        # None empties the upload box: the files are in the corpus (or refused), not to be added again.
        return (views.table(report, views.REPORT_COLUMNS), *self.corpus(), None, self.upload_choices())

    def remove_upload(self, label: str) -> tuple:
        report = self.uploader.remove(label)
        return (views.table(report, views.REPORT_COLUMNS), *self.corpus(), self.upload_choices())

    def upload_choices(self) -> Any:
        """The remove list: the uploads of the served build, by the names users gave."""
        return gradio().Dropdown(choices=self.uploader.uploads(), value=None)
