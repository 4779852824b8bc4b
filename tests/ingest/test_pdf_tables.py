"""Tables in text-layer PDFs: a .docx composed here, printed to PDF by LibreOffice, read back as rows."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from plankg.ingest.pipeline import read_corpus
from plankg.ingest.readers import read_text

ROWS = [["序号", "工作任务", "牵头单位", "配合单位"],
        ["1", "技术合同成交额达到15亿元", "区科技局", "区财政局"],
        ["2", "全区高新技术企业达到128家", "区科技局", "区统计局"]]


def composed_pdf(tmp_path: Path, ruled: bool) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make test-deps installs libreoffice-writer-nogui)")
    document = docx.Document()
    document.add_paragraph("某某区2025年科技创新工作任务分解表")
    table = document.add_table(rows=len(ROWS), cols=4)
    if ruled:
        table.style = "Table Grid"
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
            table.rows[r].cells[c].width = Cm((1.5, 7, 3.5, 3.5)[c])  # the task cell wraps
    document.add_paragraph("二、保障措施")
    document.add_paragraph("加强组织领导，各责任单位要明确分工，确保各项任务落到实处。")
    source = tmp_path / "tasks.docx"
    document.save(source)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True, timeout=120)
    return tmp_path / "out" / "tasks.pdf"


@pytest.mark.parametrize("ruled", [True, False])
def test_pdf_table_rows_have_named_cells_and_owners(tmp_path: Path, ruled: bool) -> None:
    path = composed_pdf(tmp_path, ruled)
    corpus = read_corpus([path])
    assert not corpus.errors, corpus.errors
    rows = [dict((cell.name, cell.text) for cell in c.cells) for c in corpus.clauses if c.kind == "table_row"]
    assert {"序号": "2", "工作任务": "全区高新技术企业达到128家", "牵头单位": "区科技局", "配合单位": "区统计局"} in rows
    found = {(t.indicator, t.value, t.unit, tuple((o.surface, o.role) for o in t.owners)) for t in corpus.targets}
    assert ("技术合同成交额", 15.0, "亿元", (("区科技局", "lead"), ("区财政局", "support"))) in found
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in found
    doc = corpus.documents[0]
    assert doc.reader == "pdf" and not doc.ocr  # a text layer: nothing OCR'd
    assert "加强组织领导，各责任单位要明确分工，确保各项任务落到实处。" in read_text(path)  # running text intact
