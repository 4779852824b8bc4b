"""Small documents composed for the app tests (not copied from any real plan)."""
from __future__ import annotations

from pathlib import Path

WORK_PLAN = """椒江区科技局2024年科技创新工作要点

一、主要目标
1.全社会R&D经费支出占GDP比重达到3.2%(区科技局、区财政局)。
2.新增国家高新技术企业40家(区科技局、区经信局)。
3.全社会R&D经费支出增长12%以上(区发改委、区科技局)。
二、重点工作
(一)建设创新平台。推进科技企业孵化器建设，新增省级科技企业孵化器2家(区科技局)。
(二)加强人才引进。引进高层次人才团队5个(区委人才办)。
(三)深化产学研合作。支持椒江智能制造研究院与企业共建联合实验室。
"""

SUMMARY = """椒江区科技局2023年工作总结和2024年工作计划

一、2023年工作成效
1.全社会R&D经费支出占GDP比重达到2.9%。
2.新增国家高新技术企业35家。
3.椒江智能制造研究院新增合作企业12家。
二、2024年工作计划
1.全社会R&D经费支出占GDP比重达到3.2%。
2.新增国家高新技术企业40家。
"""

#: A later report: an increment (新增45家) to set against the plan's increment, and a total
#: (突破300家) that must never be set against it (plan vs outcome, like with like).
REPORT_2024 = """椒江区科技局2024年工作总结

一、2024年工作成效
1.2024年，全区新增国家高新技术企业45家，国家高新技术企业总数突破300家。
"""

#: Paragraphs of the .docx the browser test uploads; the markup must show as text, never run.
UPLOAD_PARAGRAPHS = [
    "椒江区科技局2025年科技工作要点",
    "一、主要目标",
    "1.新增省级重点实验室7个(区科技局)。",
    "2.技术合同成交额达到45亿元(区科技局、区商务局)。",
    "二、其他",
    "1.说明文字<script>window.__plankg_xss = 1; alert('xss')</script>照常显示。",
]


def write_corpus(folder: Path) -> list[Path]:
    """Write the plans and reports into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "jiaojiang-2024-plan.txt", folder / "jiaojiang-2023-summary.txt",
             folder / "jiaojiang-2024-summary.txt"]
    paths[0].write_text(WORK_PLAN, "utf-8")
    paths[1].write_text(SUMMARY, "utf-8")
    paths[2].write_text(REPORT_2024, "utf-8")
    return paths


def write_upload_docx(path: Path) -> Path:
    """A small .docx holding :data:`UPLOAD_PARAGRAPHS`."""
    import docx

    document = docx.Document()
    for paragraph in UPLOAD_PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path
