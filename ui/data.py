"""What each tab needs, from the facade (``plankg.open``) and its records, in one place.

The app never touches the graph, the index or the records directly: every read goes through
:class:`AppData`, so pointing a tab at a new facade method (``kg.targets(...)`` as a DataFrame,
``kg.evolution``, ``kg.compare_plans``) is a change here only.
"""
from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import plankg
from plankg.graph.terms import local_name, record_id
from plankg.ontology.namespaces import PREFIXES
from plankg.reports import document_summaries
from plankg.tables import region_matches
from plankg.ui.labels import is_indicator_label

#: Search filter choices for clause kinds (the index's own names).
CLAUSE_KINDS = ("heading", "item", "sentence", "table_row")
#: Entity types the Entities tab offers (the graph's entity classes).
ENTITY_TYPES = ("organization", "division", "institute", "park", "programme", "plan_document", "person", "region")

#: Seconds a replaced facade keeps its graph store open for requests still running on it.
RELEASE_AFTER_SECONDS = 120.0
_INDICATOR_QUERY = """SELECT ?id ?label ?family WHERE {
  ?indicator a plankg:Indicator ; skos:notation ?id ; skos:prefLabel ?label . FILTER(LANG(?label) = "zh")
  OPTIONAL { ?indicator skos:broader ?category .
             ?category skos:prefLabel ?family . FILTER(LANG(?family) = "zh") }
}"""
_DECLARED_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?\s*:", re.IGNORECASE | re.MULTILINE)
_USED_PREFIX = re.compile(r"(?<![\w<:/#])([A-Za-z][\w-]*):(?=[A-Za-z_])")


#: Relations and properties in words (the graph's local names -> what a reader calls them).
RELATION_WORDS = {
    "hasBody": "co-mentioned with 同句提及", "unitOf": "part of 隶属", "subOrganizationOf": "part of 隶属",
    "hasUnit": "has unit 下设", "hasSubOrganization": "has unit 下设", "locatedIn": "located in 位于",
    "withinRegion": "located in 位于", "inRegion": "in region 所在地区", "refArea": "place of 地区",
    "wasAttributedTo": "owner of 负责", "publisher": "issued 发布", "spatial": "place of 地区",
    "type": "is a 类型", "label": "name 名称", "prefLabel": "name 名称", "altLabel": "also called 别名",
    "regionLevel": "level 层级", "recordId": "record 记录", "mergeReason": "merged because 合并原因",
}
#: Classes by their labels (local name -> 中文 English), never as IRIs.
CLASS_LABELS = {
    "Organization": "机构 Organization", "OrganizationalUnit": "内设机构 Division", "Institute": "研究机构 Institute",
    "ResearchOrganization": "研究机构 Research organisation", "Park": "园区 Park", "Programme": "计划项目 Programme",
    "Person": "人员 Person", "Region": "行政区域 Region", "Province": "省 Province", "City": "市 City",
    "County": "县（市）County", "District": "区 District", "Target": "目标 Target", "Achievement": "实绩 Achievement",
    "PlanDocument": "文件 Document", "Clause": "条款 Clause", "Indicator": "指标 Indicator", "Mention": "提及 Mention",
}
_DIRECTION_WORDS = {"out": "→", "in": "←", "co-mention": "↔"}


def relation_words(iri: str) -> str:
    """A relation's name in words (``part of``), or its local name when it has none."""
    name = local_name(iri)
    return RELATION_WORDS.get(name, name)


def value_words(value: str) -> str:
    """A fact's value: a class IRI as its label (机构 Organization), any other IRI as its local name."""
    if "://" not in value:
        return value
    name = local_name(value)
    return CLASS_LABELS.get(name, name)


_STATUS = {"continued": "continued 延续", "new": "new 新增", "dropped": "dropped 取消",
           "elsewhere": "elsewhere 异地"}


def _readable(row: dict) -> dict:
    """A family answer's unit row with its facts as one readable cell (指标（地点 年份 值）)."""
    if not isinstance(row.get("facts"), list):
        return row
    facts = "；".join(f"{f.get('indicator')}（{f.get('region') or ''} {f.get('year') or ''} {f.get('stated')}）"
                     for f in row["facts"])
    return {**{k: v for k, v in row.items() if k != "facts"}, "indicators": "、".join(row.get("indicators") or []),
            "facts": facts}


def _indicator_row(change: Any, year_a: int, year_b: int) -> dict:
    return {"status": _STATUS.get(change.status, change.status), "indicator": change.label_zh,
            "region": change.region or "",
            f"{year_a}": "；".join(f"{s.place or ''} {s.text()}".strip() for s in change.earlier),
            f"{year_b}": "；".join(f"{s.place or ''} {s.text()}".strip() for s in change.later),
            "change": change.change}


def _measure_rows(alignment: Any, year_a: int, year_b: int) -> list[dict]:
    rows = []
    for status, pairs in (("continued 延续", alignment.continued), ("new 新增", alignment.new),
                          ("dropped 取消", alignment.dropped)):
        for pair in pairs:
            rows.append({"status": status, "similarity": round(pair.score, 2),
                         f"{year_a}": pair.earlier.text if pair.earlier else "",
                         f"{year_b}": pair.later.text if pair.later else "",
                         "documents": " / ".join(p.doc_title for p in (pair.earlier, pair.later) if p)})
    return rows


#: Neighbours the entity tab fetches at most (one bounded query, whatever the corpus holds).
MAX_NEIGHBOURS = 300


class AppData:
    """The served workspace seen through the facade; safe to share between sessions.

    Args:
        home: Workspace folder (must be built; :func:`plankg.open` builds the bundled corpus).
    """

    def __init__(self, home: str | Path | None = None) -> None:
        self._lock = threading.Lock()
        self._kg = plankg.open(home, build=False)
        self._cache: dict[str, Any] = {}
        self._listeners: list[Any] = []

    # ---- the facade in use ----------------------------------------------------------------
    @property
    def kg(self) -> Any:
        """The facade currently served (replaced whole after an upload rebuild)."""
        return self._kg

    @property
    def home(self) -> Path:
        return Path(self._kg.home)

    def replace(self, kg: Any) -> None:
        """Serve ``kg`` from now on (a rebuilt workspace); requests in flight finish on the old one."""
        with self._lock:
            previous, self._kg = self._kg, kg
            self._cache = {}
        # Requests still running on the previous build finish first; then its store is released.
        timer = threading.Timer(RELEASE_AFTER_SECONDS, _release, [previous])
        timer.daemon = True
        timer.start()
        for listener in self._listeners:
            listener(kg)

    def on_replace(self, listener: Any) -> None:
        """Call ``listener(kg)`` after each replacement (e.g. restart the SPARQL endpoint)."""
        self._listeners.append(listener)

    def warm(self, kg: Any | None = None) -> None:
        """Load graph, index, encoder and tokenizer now, so no request loads them from disk later."""
        kg = kg or self._kg
        kg.ask("研发经费投入目标")
        kg.search("科技创新", k=1)
        _ = kg.corpus

    def _cached(self, key: str, make: Any) -> Any:
        cache = self._cache
        if key not in cache:
            cache[key] = make()
        return cache[key]

    # ---- Ask and Search --------------------------------------------------------------------
    def ask(self, question: str) -> dict:
        """The answer as a plain dict (answer, rows, evidence with spans, sparql)."""
        answer = self._kg.ask(question).to_dict()
        answer["evidence"] = [self._with_spans(e, answer["rows"]) for e in answer["evidence"]]
        answer["rows"] = [_readable(row) for row in answer["rows"]]
        answer["related"] = [self._with_spans(r, []) for r in answer.get("related") or []]
        return answer

    def _with_spans(self, evidence: dict, rows: list[dict]) -> dict:
        """Evidence plus the highlighted spans (clause-relative) of the facts it backs, and its place."""
        targets = self._targets_by_id()
        clause = self._clauses_by_id().get(evidence.get("clause_id"))
        text = evidence.get("text") or ""
        spans = set()
        # A family answer nests each unit's facts under "facts".
        facts = [fact for row in rows for fact in (row.get("facts") or [row])]
        for row in facts:
            if row.get("clause_id") != evidence.get("clause_id"):
                continue
            target = targets.get(record_id(row.get("target")) or row.get("id") or "")
            span = value_span(text, target, clause) if target else None
            if span is None and row.get("stated") and row["stated"] in text:
                begin = text.index(row["stated"])
                span = (begin, begin + len(row["stated"]))
            if span:
                spans.add(span)
        doc = self._documents_by_source().get(evidence.get("doc"), {})
        return {**evidence, "spans": sorted(spans), "region": doc.get("region") or "",
                "doc_title": evidence.get("doc_title") or doc.get("title", "")}

    def _clauses_by_id(self) -> dict[str, Any]:
        return self._cached("clauses_by_id", lambda: {c.id: c for c in self._kg.corpus.clauses})

    def search(self, query: str, k: int = 10, **filters: Any) -> list[dict]:
        """Hybrid search hits as rows with the document's title, region and type."""
        hits = self._kg.search(query, k=k, **{key: value for key, value in filters.items() if value not in (None, "", [])})
        docs = {d["id"]: d for d in self.documents()}
        rows = []
        for hit in hits:
            doc = docs.get(hit.doc_id, {})
            rows.append({"score": round(float(hit.score), 4), "text": hit.text, "kind": hit.kind,
                         "section": " › ".join(hit.section_path), "title": doc.get("title", ""),
                         "region": doc.get("region") or "", "doc_type": doc.get("doc_type", ""),
                         "doc": hit.doc, "clause_id": hit.clause_id})
        return rows

    def filter_choices(self) -> dict[str, list]:
        """Values the filters offer: regions, years, document types, indicators (id -> label)."""
        def make() -> dict[str, list]:
            docs = self.documents()
            rows = self.targets()
            labels = self.indicator_labels()
            # Scheme labels always; a proposed phrase only when it names a thing (ui/labels.py).
            indicators = sorted({(r["indicator_id"], labels.get(r["indicator_id"], r["indicator"])) for r in rows
                                 if not r["indicator_id"].startswith("proposed:") or is_indicator_label(r["indicator"])},
                                key=lambda p: (p[0].startswith("proposed:"), p[1]))
            return {
                "regions": sorted({d["region"] for d in docs if d["region"]} | {r["region"] for r in rows if r["region"]}),
                "years": sorted({y for d in docs for y in d["years"] + d["reported_years"]}),
                "doc_types": sorted({d["doc_type"] for d in docs if d["doc_type"]}),
                "indicators": indicators,
                "families": sorted({r["family"] for r in rows if r["family"]}),
            }
        return self._cached("choices", make)

    # ---- Targets and Evolution -------------------------------------------------------------
    def targets(self) -> list[dict]:
        """Every target and achievement as flat rows (``kg.targets()``) plus the indicator family."""
        def make() -> list[dict]:
            families = self.indicator_families()
            return [{**row, "family": families.get(row["indicator_id"], "")} for row in self._kg.rows("targets")]
        return self._cached("targets", make)

    def _targets_by_id(self) -> dict[str, dict]:
        return self._cached("targets_by_id", lambda: {r["id"]: r for r in self.targets()})

    def indicator_families(self) -> dict[str, str]:
        """Indicator id -> its category label (skos:broader in the indicator scheme)."""
        return {key: family for key, (label, family) in self._indicator_scheme().items() if family}

    def indicator_labels(self) -> dict[str, str]:
        """Indicator id -> its Chinese preferred label (proposed indicators are not in the scheme)."""
        return {key: label for key, (label, family) in self._indicator_scheme().items()}

    def _indicator_scheme(self) -> dict[str, tuple[str, str]]:
        def make() -> dict[str, tuple[str, str]]:
            try:
                rows = self.sparql(_INDICATOR_QUERY)
            except Exception:  # noqa: BLE001 - a graph without the scheme simply has no labels
                return {}
            return {str(r["id"]): (str(r["label"]), str(r.get("family") or "")) for r in rows}
        return self._cached("scheme", make)

    def series(self, indicator_ids: list[str], regions: list[str] | None = None) -> list[dict]:
        """Chart points for indicators: one per (indicator, place, value kind, unit, year, document).

        Kinds: ``baseline`` (an achievement a target names as its baseline), ``actual`` (other
        achievements), ``target`` and ``stretch``. Values of one year in one document make one point
        (the first stated); placeholders and values without a year are left out, never guessed.
        """
        rows = self.targets()
        labels = self.indicator_labels()
        baseline_ids = {r["baseline_id"] for r in rows if r.get("baseline_id")}
        wanted = set(indicator_ids)
        places = set(regions or [])
        points: dict[tuple, dict] = {}
        for row in rows:
            # A place typed without its suffix (温州) is the gazetteer's 温州市, as in the Targets tab.
            if row["indicator_id"] not in wanted or (places and not any(region_matches(row["region"], p) for p in places)):
                continue
            if row["value"] is None or row["year"] is None:
                continue
            if row["kind"] == "achievement":
                kinds = [("baseline" if row["id"] in baseline_ids else "actual", row["value"])]
            else:
                kinds = [("target", row["value"])] + ([("stretch", row["stretch"])] if row["stretch"] is not None else [])
            for kind, value in kinds:
                unit = row.get("unit_read", row["unit"]) or ""  # 億元 and 亿元 are one unit on a chart
                key = (row["indicator_id"], row["region"], kind, unit, row["measure"], row["year"], row["doc_id"])
                points.setdefault(key, {"indicator_id": row["indicator_id"],
                                        "indicator": labels.get(row["indicator_id"], row["indicator"]),
                                        "region": row["region"] or "?", "kind": kind, "unit": unit,
                                        "measure": row["measure"], "year": row["year"], "value": value,
                                        "doc_title": row["doc_title"], "text": row["text"]})
        return sorted(points.values(), key=lambda p: (p["indicator"], p["region"], p["kind"], p["year"]))

    def compare_years(self, year_a: int, year_b: int, regions: list[str] | None = None) -> list[dict]:
        """Indicators of ``year_a``'s and ``year_b``'s plans: continued (with the change), new, dropped."""
        return self.compare(year_a, year_b, regions, measures=False)[0]

    def compare(self, year_a: int, year_b: int, regions: list[str] | None = None,
                measures: bool = True) -> tuple[list[dict], list[dict]]:
        """The evolution analysis (``kg.evolution``) of two plan years, run once per place.

        Returns:
            Indicator rows (continued with the change, new, dropped; one step per year and
            document, places never mixed, inferred years marked) and, for one place or all,
            the measures aligned by meaning.
        """
        places = regions or [None]
        indicator_rows: list[dict] = []
        measure_rows: list[dict] = []
        for region in places:
            evolution = self._kg.evolution(year_a, year_b, region=region, measures=measures and len(places) == 1)
            indicator_rows += [_indicator_row(change, year_a, year_b) for change in evolution.indicators]
            if evolution.measures is not None:
                measure_rows += _measure_rows(evolution.measures, year_a, year_b)
        return indicator_rows, measure_rows

    def plan_vs_outcome(self, indicator_id: str | None = None, region: str | None = None) -> list[dict]:
        """Planned targets beside reported actuals (the graph's ``plan_vs_outcome`` named query).

        The pairs and verdicts are the named query's, the same the Ask tab and the notebooks
        show (:mod:`plankg.graph.outcomes`: like with like, a verdict only within one year).
        """
        result = self._kg.named_query("plan_vs_outcome", indicator=indicator_id or None, region=region or None)
        titles = {d.id: d.title for d in self._kg.corpus.documents} if result.rows else {}
        rows = []
        for r in result.rows:
            gap = None if r.actual_year is None or r.year is None else int(r.actual_year) - int(r.year)
            rows.append({"region": r.area_name, "year": r.year, "target": _number(r.target_value), "unit": r.unit or "",
                         "actual": _number(r.actual_value), "actual year": r.actual_year,
                         "verdict": outcome_verdict(r.met, r.actual_value, gap), "indicator": r.indicator_label,
                         "gap (years)": gap, "report": titles.get(record_id(r.actual_document) or "", ""),
                         "comparator": r.comparator or ""})
        return rows

    # ---- Entities ---------------------------------------------------------------------------
    def entities(self, text: str = "", entity_type: str | None = None, limit: int = 50) -> list[dict]:
        """Entities whose name or alias contains ``text``, and every unit that owns a target (a
        bureau named only as an owner, 温州市科技局, is found too); those with targets first.

        ``targets`` counts the targets an entity owns or is named in (``kg.entities()``'s ``targets``).
        """
        needle = (text or "").strip()
        owned = self._cached("owned_targets", self._owned_targets)
        linked = self._cached("entity_targets", lambda: {r["id"]: len(r["targets"]) for r in self._kg.rows("entities")})
        rows = []
        for entity in self._kg.corpus.entities:
            if entity_type and entity.type != entity_type:
                continue
            names = (entity.canonical, *entity.aliases)
            if needle and not any(needle in name for name in names):
                continue
            rows.append({"name": entity.canonical, "type": entity.type, "region": entity.region or "",
                         "targets": linked.get(entity.id, 0), "mentions": len(entity.mention_ids),
                         "aliases": "、".join(a for a in entity.aliases if a != entity.canonical)})
        listed = self._cached("entity_names", lambda: {name for entity in self._kg.corpus.entities
                                                        for name in (entity.canonical, *entity.aliases)})
        if entity_type in (None, "", "organization"):
            rows += [{"name": owner, "type": "organization", "region": "", "targets": count, "mentions": 0,
                      "aliases": ""}
                     for owner, count in owned.items() if owner not in listed and (not needle or needle in owner)]
        rows.sort(key=lambda r: (r["name"] != needle, -r["targets"], -r["mentions"], r["name"]))
        return rows[:limit]

    def _owned_targets(self) -> dict[str, int]:
        """Owner name -> number of targets it owns (counted once a session, not per search)."""
        owned: dict[str, int] = {}
        for row in self.targets():
            for owner in row["owners"]:
                owned[owner] = owned.get(owner, 0) + 1
        return owned

    def neighbourhood(self, name: str) -> list[dict]:
        """Nodes linked to the entity ``name`` and entities co-mentioned with it (the first
        :data:`MAX_NEIGHBOURS`: a place or a bureau is linked to thousands of targets at scale)."""
        rows = self._kg.named_query("entity_neighbourhood", name=name, limit=MAX_NEIGHBOURS).rows
        return [{"neighbour": str(r.neighbour_label or ""), "relation": relation_words(r.relation),
                 "direction": _DIRECTION_WORDS.get(r.direction, r.direction), "evidence": r.evidence or ""}
                for r in rows]

    def profile(self, name: str) -> list[dict]:
        """Facts the graph states about the entity ``name``."""
        rows = self._kg.named_query("entity_profile", name=name).rows
        facts = [{"property": relation_words(r.property), "value": value_words(str(r.value_label or r.value))}
                 for r in rows if local_name(r.property) not in ("recordId", "mergeReason", "namedInClauses")]
        return list({(f["property"], f["value"]): f for f in facts}.values())

    # ---- SPARQL and Corpus --------------------------------------------------------------------
    def sparql(self, query: str) -> list[dict]:
        """Run a read-only query with the project's prefixes predeclared, under the facade's guard.

        Updates, SERVICE and FROM are refused, and the timeout, row limit and memory cap of
        ``kg.query_limits`` apply (plain rows; the facade's DataFrame form is for notebooks).
        """
        return self._kg.sparql_rows(with_prefixes(query))

    def documents(self) -> list[dict]:
        """One row per document: metadata, counts, repairs and placeholders."""
        def make() -> list[dict]:
            corpus = self._kg.corpus
            rows = document_summaries(corpus)
            by_id = {d.id: d for d in corpus.documents}
            uploaded = self.uploaded_names()
            for row in rows:
                row["path"] = str(by_id[row["id"]].path)
                row["uploaded_as"] = uploaded.get(row["doc"], "")
                row["placeholder_texts"] = sorted({p.text for p in by_id[row["id"]].placeholders})
            return rows
        return self._cached("documents", make)

    def uploaded_names(self) -> dict[str, str]:
        """Upload label (the document's file name) -> the name it was uploaded under."""
        return {s.given: s.uploaded_as or s.given for s in self._kg.workspace.sources() if s.kind == "upload"}

    def _documents_by_source(self) -> dict[str, dict]:
        return self._cached("docs_by_source", lambda: {d["doc"]: d for d in self.documents()})

    def warnings(self) -> list[str]:
        """Files the last build could not read, one line each."""
        return [str(e) for e in self._kg.corpus.errors]


def outcome_verdict(met: bool | None, actual: float | None, gap: int | None) -> str:
    """The verdict in words: met, not met, or why there is none."""
    if actual is None:
        return "未报告 not reported"
    if met is not None:
        return "达成 met" if met else "未达成 not met"
    if gap is None:
        return "年份不明，不作判断 year unknown, no verdict"
    return f"相差{gap}年，不作判断 {gap} year(s) later, no verdict"


def _number(value: float | None) -> float | int | None:
    """400.0 as 400; other values as they are."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def with_prefixes(query: str) -> str:
    """Declare the project's prefixes the query uses and does not declare itself."""
    declared = {m.group(1) or "" for m in _DECLARED_PREFIX.finditer(query)}
    body_without_iris = re.sub(r"<[^>\s]*>|\"[^\"]*\"|'[^']*'", " ", query)
    used = {m.group(1) for m in _USED_PREFIX.finditer(body_without_iris)}
    missing = sorted((used & PREFIXES.keys()) - declared)
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + query


def value_span(text: str, target: dict, clause: Any) -> tuple[int, int] | None:
    """Where a target's value stands in its clause's text (clause-relative), or None.

    Offsets point into the document, and a table row's clause text is rebuilt from its cells
    (``name：text；``), so the document offset is tried first and checked against the value as
    written; otherwise the value is looked up in its cell, then in the whole clause, as a number
    standing alone (``15`` does not match inside ``2015``).
    """
    value = target.get("value_text") or ""
    if not value or target.get("start") is None:
        return None
    relative = target["start"] - (clause.start if clause is not None else 0)
    if clause is not None and text[relative:relative + len(value)] == value:
        return relative, relative + len(value)
    cells = [c for c in getattr(clause, "cells", ()) if c.start <= target["start"] < c.end]
    if cells and cells[0].text and cells[0].text in text:
        cell = cells[0]
        base = text.index(f"{cell.name}：{cell.text}") + len(cell.name) + 1 if f"{cell.name}：{cell.text}" in text \
            else text.index(cell.text)
        inner = target["start"] - cell.start
        if cell.text[inner:inner + len(value)] == value:
            return base + inner, base + inner + len(value)
        found = _standalone(value).search(cell.text)
        if found:
            return base + found.start(), base + found.end()
    found = _standalone(value).search(text)
    return (found.start(), found.end()) if found else None


def _standalone(value: str) -> re.Pattern:
    return re.compile(r"(?<![\d.])" + re.escape(value) + r"(?![\d.])")


def _release(kg: Any) -> None:
    """Close the graph store and index a replaced facade opened (if any)."""
    try:
        kg.close()
    except Exception:  # noqa: BLE001 - releasing is best effort
        pass


def _stated(row: dict) -> str:
    value = "?" if row["value"] is None else f"{row['value']:g}"
    return f"{row.get('comparator') or ''}{value}{row.get('unit') or ''}"

