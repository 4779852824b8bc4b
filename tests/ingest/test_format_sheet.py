"""Spreadsheets: each sheet a table with a header found by content, title rows, merged cells carried down."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from plankg.ingest.pipeline import read_corpus
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError

TITLE = "某某区2025年科技创新重点工作任务分解表"


def write_task_table(path: Path) -> Path:
    """A responsibility table: a merged title row, a section row, a lead unit merged over two rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务"
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "工作任务", "目标", "牵头单位", "配合单位", "完成时限"])
    sheet.append(["一、创新主体"])
    sheet.append([1, "培育高新技术企业", "全区高新技术企业达到128家", "区科技局", "区统计局", "2025年12月"])
    sheet.append([2, "加大研发投入", "研发经费投入突破8亿元", None, "区财政局", "2025年12月"])
    sheet.merge_cells("D4:D5")
    indicators = book.create_sheet("指标")
    indicators.append(["指标", "2024年", "2025年目标", "责任单位"])  # no 序号 column: rows are numbered
    indicators.append(["技术合同成交额（亿元）", 12.5, 15, "区科技局"])
    indicators.append(["研发经费投入强度", 0.028, 0.032, "区科技局"])
    for cell in ("B3", "C3"):
        indicators[cell].number_format = "0.0%"  # stored as 0.032, shown as 3.2%
    book.save(path)
    return path


def facts(paths: list[Path]) -> set[tuple[str, float | None, str | None, tuple[tuple[str, str], ...]]]:
    corpus = read_corpus(paths)
    assert not corpus.errors, corpus.errors
    return {(t.indicator, t.value, t.unit, tuple((o.surface, o.role) for o in t.owners)) for t in corpus.targets}


def test_xlsx_rows_have_named_cells_and_owners(tmp_path: Path) -> None:
    path = write_task_table(tmp_path / "tasks.xlsx")
    text = read_text(path)
    assert text.startswith(TITLE + "\n")
    corpus = read_corpus([path])
    assert corpus.documents[0].title == TITLE
    found = facts([path])
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in found
    # The merged 牵头单位 cell carries down to the second row.
    assert ("研发经费投入", 8.0, "亿元", (("区科技局", "lead"), ("区财政局", "support"))) in found
    # The second sheet has no 序号 column and is a table of its own, year columns read as years.
    years = {(t.indicator, t.value, t.unit, t.year, t.kind) for t in corpus.targets}
    assert ("技术合同成交额", 15.0, "亿元", 2025, "target") in years
    assert ("技术合同成交额", 12.5, "亿元", 2024, "achievement") in years
    assert ("研发经费投入强度", 3.2, "%", 2025, "target") in years  # the value as the sheet shows it
    rows = [c for c in corpus.clauses if c.kind == "table_row"]
    assert any(dict((cell.name, cell.text) for cell in c.cells).get("牵头单位") == "区科技局" for c in rows)


def test_csv_in_gb18030_is_one_table(tmp_path: Path) -> None:
    path = tmp_path / "tasks.csv"
    body = "序号,工作任务,牵头单位,配合单位\n1,全区高新技术企业达到128家,区科技局,区统计局\n"
    path.write_bytes(body.encode("gb18030"))
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in facts([path])


def _libreoffice_calc() -> str:
    soffice = shutil.which("soffice")
    if soffice is None or not Path("/usr/lib/libreoffice/program/libscfiltlo.so").exists():
        pytest.skip("LibreOffice Calc is not installed (make test-deps installs libreoffice-calc-nogui)")
    return soffice


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_binary_xls_and_wps_et(tmp_path: Path, suffix: str) -> None:
    soffice = _libreoffice_calc()
    source = write_task_table(tmp_path / "tasks.xlsx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True, timeout=120)
    path = (tmp_path / "out" / "tasks.xls").rename(tmp_path / f"tasks{suffix}")  # .et is WPS's .xls
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in facts([path])


def test_zip_bomb_xlsx_is_refused_in_one_line(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 2**20))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError) as caught:
        read_text(path, max_unpacked_bytes=2**20)
    assert str(caught.value).startswith(f"{path}: the spreadsheet unpacks to more than 1 MB")


def test_a_word_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "wrong.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match="not a spreadsheet"):
        read_text(path)
