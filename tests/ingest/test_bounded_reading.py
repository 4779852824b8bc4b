"""Bounded work: zip bombs, FIFOs, devices, link loops, huge groups of targets, clause limits."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from plankg.ingest.pipeline import FileLimits, read_corpus
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError

_MB = 2**20
GOOD = "乙区科技局2024年工作要点\n\n一、主要目标\n到2025年，全区高新技术企业达到120家。\n"
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_bytes(text: str, padding_bytes: int = 0) -> bytes:
    """A minimal .docx; ``padding_bytes`` of spaces inside the XML make it a zip bomb."""
    xml = DOCUMENT_XML.format(text=text)
    if padding_bytes:
        xml = xml.replace("<w:body>", "<w:body>" + " " * padding_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_a_small_docx_is_read(tmp_path: Path):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes("到2025年，全区高新技术企业达到120家。"))
    assert "120家" in read_text(path)


@pytest.mark.timeout(60)
def test_a_docx_zip_bomb_is_refused_while_unpacking(tmp_path: Path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bytes("到2025年，全区高新技术企业达到120家。", padding_bytes=60 * _MB))
    assert path.stat().st_size < 1 * _MB  # passes the on-disk size check
    with pytest.raises(IngestError, match=r"bomb\.docx: the \.docx unpacks to more than 20 MB"):
        read_text(path, max_unpacked_bytes=20 * _MB)


def test_an_html_page_decoding_past_the_limit_is_refused(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>" + "研" * 400_000 + "</p></body></html>", "utf-8")
    with pytest.raises(IngestError, match=r"page\.html: the \.html unpacks to more than 1 MB"):
        read_text(path, max_unpacked_bytes=1 * _MB)


@pytest.mark.timeout(60)
def test_a_fifo_and_a_device_link_are_skipped_before_reading(tmp_path: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    errors: list[str] = []
    corpus = read_corpus([folder], on_error=errors.append, extract=False)
    assert len(corpus.documents) == 1
    assert any("pipe.txt: not a regular file (a named pipe (FIFO))" in e for e in errors)
    assert any("zero.txt: not a regular file (a device)" in e for e in errors)


@pytest.mark.timeout(120)
def test_build_with_a_fifo_does_not_hang(tmp_path: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    os.mkfifo(folder / "pipe.txt")
    env = {**os.environ, "PLANKG_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-m", "plankg.cli", "build", "--no-index", str(folder)],
                            capture_output=True, text=True, env=env, timeout=100)
    assert result.returncode == 0, result.stderr
    assert "named pipe" in result.stderr and "built 1 documents" in result.stdout


def test_a_symlink_loop_is_reported_per_file_and_the_batch_goes_on(tmp_path: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, "utf-8")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    errors: list[str] = []
    corpus = read_corpus([folder, folder / "a.txt"], on_error=errors.append, extract=False)
    assert len(corpus.documents) == 1
    looped = {Path(e.split(": ")[0]).name for e in errors if "symbolic link loop" in e}
    assert looped == {"a.txt", "b.txt"}, errors
    env = {**os.environ, "PLANKG_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-m", "plankg.cli", "build", "--no-index", str(folder)],
                            capture_output=True, text=True, env=env, timeout=100)
    assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr


@pytest.mark.timeout(120)  # took 300 s and 10 GB when every pair in a group was compared
def test_four_thousand_values_of_one_indicator_stay_linear(tmp_path: Path):
    lines = ["丙市科技局2024年工作要点", ""]
    lines += [f"到2025年，全市研发投入强度达到{1 + n / 1000:.3f}%。" for n in range(4000)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines), "utf-8")
    corpus = read_corpus([path])
    targets = [t for t in corpus.targets if t.value is not None]
    assert len(targets) == 4000
    from plankg.ingest.conflicts import MAX_CONFLICTS

    assert all(0 < len(t.conflicts_with) <= MAX_CONFLICTS for t in targets)
    links = sum(len(t.conflicts_with) for t in targets)
    assert links <= MAX_CONFLICTS * len(targets)


@pytest.mark.timeout(120)
def test_one_value_repeated_has_no_conflicts_and_is_fast(tmp_path: Path):
    lines = ["丙市科技局2024年工作要点", ""] + ["到2025年，全市研发投入强度达到1.23%。"] * 6000
    path = tmp_path / "same.txt"
    path.write_text("\n".join(lines), "utf-8")
    corpus = read_corpus([path])
    assert len(corpus.targets) == 6000 and not any(t.conflicts_with for t in corpus.targets)


def test_conflicts_still_link_two_different_values(tmp_path: Path):
    path = tmp_path / "two.txt"
    path.write_text("丁市科技局2024年工作要点\n\n一、到2025年，全市研发投入强度达到2.5%。\n"
                    "二、到2025年，全市研发投入强度达到2.8%。\n", "utf-8")
    targets = read_corpus([path]).targets
    assert len(targets) == 2
    assert targets[0].conflicts_with == (targets[1].id,) and targets[1].conflicts_with == (targets[0].id,)


def test_a_document_with_too_many_clauses_is_refused(tmp_path: Path):
    path = tmp_path / "long.txt"
    path.write_text("戊市科技局2024年工作要点\n\n" + "".join(f"{n}. 推进第{n}项工作。\n" for n in range(1, 60)), "utf-8")
    errors: list[str] = []
    corpus = read_corpus([path], limits=FileLimits(max_clauses=40), on_error=errors.append, extract=False)
    assert not corpus.documents and "long.txt: too many clauses in one document" in errors[0]


def test_a_file_name_with_terminal_escapes_is_reported_harmlessly(tmp_path: Path):
    path = tmp_path / "evil\x1b]0;title\x07.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as caught:
        read_text(path)
    assert "\x1b" not in str(caught.value) and "\x07" not in str(caught.value) and "empty file" in str(caught.value)
