"""Legacy Word and WPS: converted by LibreOffice in a private profile, within a time limit."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from plankg.ingest import format_legacy_word
from plankg.ingest.pipeline import read_corpus
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (make test-deps installs libreoffice-writer-nogui)")
    return found


def composed_doc(tmp_path: Path, suffix: str) -> Path:
    """A work plan with a responsibility table, saved as .docx and converted once to .doc by LibreOffice."""
    document = docx.Document()
    document.add_paragraph("某某区2025年科技工作要点")
    document.add_paragraph("一、主要目标")
    document.add_paragraph("全区高新技术企业达到128家（区科技局牵头，区统计局配合）。")
    table = document.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    for row, values in enumerate([["序号", "工作任务", "牵头单位", "配合单位"],
                                  ["1", "技术合同成交额达到15亿元", "区科技局", "区财政局"]]):
        for column, value in enumerate(values):
            table.rows[row].cells[column].text = value
            table.rows[row].cells[column].width = Cm(4)  # LibreOffice drops a table without widths
    document.add_paragraph("二、保障措施")
    source = tmp_path / "plan.docx"
    document.save(source)
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "doc", "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True,
                   timeout=120)
    return (tmp_path / "out" / "plan.doc").rename(tmp_path / f"plan{suffix}")


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_gives_values_and_owners(tmp_path: Path, suffix: str) -> None:
    path = composed_doc(tmp_path, suffix)
    assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # really the binary format
    corpus = read_corpus([path])
    assert not corpus.errors, corpus.errors
    found = {(t.indicator, t.value, t.unit, tuple((o.surface, o.role) for o in t.owners)) for t in corpus.targets}
    assert ("高新技术企业", 128.0, "家", (("区科技局", "lead"), ("区统计局", "support"))) in found
    assert ("技术合同成交额", 15.0, "亿元", (("区科技局", "lead"), ("区财政局", "support"))) in found
    assert corpus.documents[0].title == "某某区2025年科技工作要点"


def test_missing_converter_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(IngestError) as caught:
        read_text(path)
    assert str(caught.value) == (f"{path}: cannot convert .doc/.wps: LibreOffice is not installed"
                                 " (apt-get install libreoffice-writer-nogui)")


def test_a_hanging_converter_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\n{shutil.which('sleep')} 60 &\n{shutil.which('sleep')} 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setattr(format_legacy_word, "CONVERT_SECONDS", 1.0)
    path = tmp_path / "plan.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    began = time.monotonic()
    with pytest.raises(IngestError, match=r"plan\.wps: the \.doc/\.wps conversion took longer than 1 s"):
        read_text(path)
    assert time.monotonic() - began < 10


def test_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.doc"
    path.write_bytes("这不是Word文件".encode())
    with pytest.raises(IngestError, match="not a Word or WPS document"):
        read_text(path)
