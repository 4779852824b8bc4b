"""Measures across years: which clauses of the earlier plans continue in the later ones, which are new.

The clauses of the plans for each year (their plan parts: a summary's 下一步/工作思路 sections,
not its 成效 sections) are embedded with the index's vectors and paired one-to-one, best pairs
first, when their cosine similarity reaches :data:`MATCH_THRESHOLD`. Paired clauses are
*continued* measures; earlier clauses left alone were *dropped*; later ones are *new*. Each item
keeps both clauses (for new and dropped ones, the nearest clause of the other year and its score)
as evidence.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from plankg.ingest.records import Clause, Document, Target

#: Cosine similarity (m3e-small) from which two clauses count as the same measure. Calibrated on
#: 52 labelled pairs of plan sentences (``benchmarks/calibrate_measures.py`` prints the F1 of every
#: threshold: 0.98 at 0.80-0.82, 0.93 at 0.84 with precision 1.0) and checked on the bundled
#: corpus's 2019->2022 pairs labelled by hand: of the pairs scoring 0.82-0.84 only about half were
#: the same measure, of those from 0.84 about three in four. Real clauses of one topic score higher
#: than the composed negatives, so the stricter 0.84 is used.
MATCH_THRESHOLD = 0.84
#: Clauses shorter than this (content characters) are headings in all but name.
MIN_CHARS = 12
_SUMMARY_SECTION = re.compile(r"成效|情况|亮点|总结|回顾|主要工作开展|完成|进展|发展基础|现状|指导思想|基本原则")
_PLAN_SECTION = re.compile(r"计划|思路|打算|重点工作|要点|任务|目标|举措|下一步|明年|行动|措施")
_CONTENT = re.compile(r"[\w\u3400-\u9fff]")
# A measure says what will be done: a clause without an action verb is a name, a heading or a list.
_ORG_NAME = re.compile(r"[^，,。；;：:]*(?:办公室|局|委员会|委|中心|集团|公司|小组|政府)")
_ACTION = re.compile(r"推进|推动|实施|建设|建立|健全|完善|开展|加强|加快|加大|强化|深化|培育|打造|引进|引育|招引|争取|争创|创建|"
                     r"落实|组织|提升|提高|优化|支持|鼓励|引导|扩大|探索|举办|办好|做好|做实|做优|实现|确保|力争|启动|构建|"
                     r"搭建|设立|出台|制定|编制|申报|服务|发挥|促进|拓展|深入|全面|着力|聚焦|围绕|完成|达到")

VectorLookup = Callable[[Sequence[Clause]], "Any"]


@dataclass(frozen=True)
class MeasureClause:
    """A clause standing for a measure, with where it comes from."""

    clause_id: str
    doc_id: str
    doc_title: str
    region: str | None
    text: str
    section: str


@dataclass(frozen=True)
class MeasurePair:
    """An earlier clause with the later clause nearest in meaning (or None), and their similarity."""

    earlier: MeasureClause | None
    later: MeasureClause | None
    score: float


@dataclass
class MeasureAlignment:
    """Continued, new and dropped measures between two years' plans."""

    threshold: float
    earlier_count: int
    later_count: int
    continued: list[MeasurePair] = field(default_factory=list)
    new: list[MeasurePair] = field(default_factory=list)
    dropped: list[MeasurePair] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def goal_years(targets: Sequence[Target]) -> dict[str, set[int]]:
    """Per document, the years its goals are for (a report whose title says 20XX年工作计划 plans
    the year its goals are dated to, from its text)."""
    years: dict[str, set[int]] = {}
    for target in targets:
        if target.kind == "target" and target.year is not None:
            years.setdefault(target.doc_id, set()).add(target.year)
    return years


def plan_clauses(clauses: Sequence[Clause], documents: dict[str, Document], year: int,
                 regions: set[str] | None = None, goals: dict[str, set[int]] | None = None) -> list[Clause]:
    """The clauses of the plans for ``year``: documents planning that year, plan sections only.

    Args:
        clauses: Every clause of the corpus.
        documents: Documents by id.
        year: The plan year.
        regions: Only documents of these places (None: every place).
        goals: Per document, the years of its goals (:func:`goal_years`): a document stating no
            plan year plans those.
    """
    chosen: list[Clause] = []
    seen: set[str] = set()
    for clause in clauses:
        doc = documents.get(clause.doc_id)
        if doc is None or clause.kind in ("heading", "table_row"):
            continue
        plans = set(doc.years) or (goals or {}).get(doc.id, set())
        if year not in plans:
            continue
        if regions is not None and doc.region not in regions:
            continue
        section = " ".join(clause.section_path)
        if _SUMMARY_SECTION.search(section):
            continue
        if doc.doc_type == "summary_plan" and not _PLAN_SECTION.search(section):
            continue
        if len(_CONTENT.findall(clause.text)) < MIN_CHARS or not _ACTION.search(clause.text):
            continue
        if _ORG_NAME.fullmatch(clause.text.strip()):
            continue  # a responsibility cell naming a body (…工作联席会议办公室), not a measure
        key = re.sub(r"\W+", "", clause.text)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(clause)
    return chosen


def _measure(clause: Clause, documents: dict[str, Document]) -> MeasureClause:
    doc = documents.get(clause.doc_id)
    return MeasureClause(clause.id, clause.doc_id, doc.title if doc else "", doc.region if doc else None,
                         clause.text, " > ".join(clause.section_path))


def align_measures(earlier: Sequence[Clause], later: Sequence[Clause], documents: dict[str, Document],
                   vectors: VectorLookup, threshold: float = MATCH_THRESHOLD) -> MeasureAlignment:
    """Pair earlier and later clauses one-to-one by cosine similarity, best pairs first.

    Args:
        earlier: Clauses of the earlier plans.
        later: Clauses of the later plans.
        documents: Documents by id (titles and places for the evidence).
        vectors: Returns L2-normalised vectors (one row per clause, in order).
        threshold: Similarity from which two clauses are the same measure.
    """
    import numpy as np

    alignment = MeasureAlignment(threshold, len(earlier), len(later))
    if not earlier or not later:
        alignment.dropped = [MeasurePair(_measure(c, documents), None, 0.0) for c in earlier]
        alignment.new = [MeasurePair(None, _measure(c, documents), 0.0) for c in later]
        return alignment
    a = np.asarray(vectors(list(earlier)), dtype="float32")
    b = np.asarray(vectors(list(later)), dtype="float32")
    scores = a @ b.T
    order = np.dstack(np.unravel_index(np.argsort(-scores, axis=None), scores.shape))[0]
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, j in order:
        score = float(scores[i, j])
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(int(i))
        used_b.add(int(j))
        alignment.continued.append(MeasurePair(_measure(earlier[i], documents), _measure(later[j], documents),
                                               round(score, 4)))
    for i, clause in enumerate(earlier):
        if i not in used_a:
            j = int(np.argmax(scores[i]))
            alignment.dropped.append(MeasurePair(_measure(clause, documents), _measure(later[j], documents),
                                                 round(float(scores[i, j]), 4)))
    for j, clause in enumerate(later):
        if j not in used_b:
            i = int(np.argmax(scores[:, j]))
            alignment.new.append(MeasurePair(_measure(earlier[i], documents), _measure(clause, documents),
                                             round(float(scores[i, j]), 4)))
    # Most distinct first: the clearest new and dropped measures lead the lists.
    alignment.dropped.sort(key=lambda p: p.score)
    alignment.new.sort(key=lambda p: p.score)
    return alignment
