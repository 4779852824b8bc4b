"""``plankg ingest`` on the new formats as a user runs it: the reader, its timing and OCR confidence."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PIL import Image, ImageDraw, ImageFont

from plankg.ingest.read_notes import NotedText
from plankg.ingest.records import OcrSpan

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def plankg(*args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PLANKG_DEBUG"}
    return subprocess.run([sys.executable, "-m", "plankg.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_ingest_json_reports_reader_timing_and_ocr(tmp_path: Path) -> None:
    if shutil.which("tesseract") is None or not FONT.exists():
        pytest.skip("tesseract-ocr-chi-sim or fonts-noto-cjk not installed (make test-deps installs them)")
    page = Image.new("L", (1400, 300), 255)
    ImageDraw.Draw(page).text((60, 100), "到2025年，全县高新技术企业达到128家。",
                              font=ImageFont.truetype(str(FONT), 40), fill=0)
    page.save(tmp_path / "scan.png")
    book = openpyxl.Workbook()
    book.active.append(["序号", "指标", "2025年目标", "牵头单位"])
    book.active.append([1, "技术合同成交额（亿元）", 15, "县科技局"])
    book.save(tmp_path / "table.xlsx")
    (tmp_path / "broken.ofd").write_bytes(b"not a zip")
    result = plankg("ingest", "--json", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"plankg: {tmp_path / 'broken.ofd'}: not a valid .ofd (not a zip package)"
    rows = {row["doc"]: row for row in json.loads(result.stdout)}
    assert rows["scan.png"]["reader"] == "image" and rows["table.xlsx"]["reader"] == "sheet"
    assert all(isinstance(row["read_seconds"], float) for row in rows.values())
    [span] = rows["scan.png"]["ocr"]
    assert span["page"] == 1 and 0.5 < span["confidence"] <= 1 and span["start"] == 0
    assert rows["table.xlsx"]["ocr"] == [] and rows["table.xlsx"]["targets"] == 1
    text = plankg("ingest", str(tmp_path / "scan.png")).stdout
    assert "read by image in" in text and "OCR confidence page 1 0." in text


def test_noted_text_travels_to_a_worker_process() -> None:
    noted = NotedText("正文", [OcrSpan(0, 2, 1, 0.9)], "image", 1.5, ["page 1: note"])
    copy = pickle.loads(pickle.dumps(noted))
    assert copy == "正文" and copy.ocr == noted.ocr and copy.reader == "image" and copy.notes == ("page 1: note",)
