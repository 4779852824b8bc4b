"""Every file has a time and memory budget, and costly structure is counted before the parse (issue 23).

The hostile files are composed here (tests/ingest/hostile.py): a few KB on disk, minutes and
gigabytes to parse without the limits.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from plankg.ingest.pipeline import FileLimits, FileTask, read_corpus, read_file
from plankg.ingest.read_base import ReadLimits
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError
from plankg.ingest.sandbox import OverBudget, run_within
from tests.ingest.hostile import docx_bytes, nested_tags_html, pdf_bytes

GOOD = "某市科技局2024年工作要点\n\n一、到2024年，全市高新技术企业达到120家。\n"
NO_CAPS = ReadLimits(max_pdf_pages=10**9, max_pdf_page_operators=10**9, max_html_tags=10**9,
                     max_docx_elements=10**9)


def refused(path: Path, limits: ReadLimits = ReadLimits()) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(IngestError) as error:
        read_text(path, limits=limits)
    message = str(error.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message, time.perf_counter() - started


def test_a_page_of_too_many_operators_is_refused_before_the_parse(tmp_path: Path):
    # Three pages sharing one deflated stream of 300,000 operators: 2 KB, ~12 s for the parser.
    path = tmp_path / "shared.pdf"
    path.write_bytes(pdf_bytes(3, 300_000))
    assert path.stat().st_size < 5_000
    message, seconds = refused(path)
    assert "page 1" in message and "max_pdf_page_operators" in message and seconds < 2


def test_a_normal_pdf_page_is_within_the_operator_budget(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(3, 2_000, text="plan text"))
    assert read_text(path).count("plan text") == 3


def test_a_pdf_of_too_many_pages_is_refused_before_any_page_is_read(tmp_path: Path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf_bytes(3_000, 1))
    message, seconds = refused(path)
    assert "3,000" in message and "max_pdf_pages" in message and seconds < 1
    path.write_bytes(pdf_bytes(41, 1))
    refused(path, ReadLimits(max_pdf_pages=40))
    assert read_text(path, limits=ReadLimits(max_pdf_pages=41)).count("plan") == 41


def test_an_html_page_of_nested_tags_is_refused_before_the_parse(tmp_path: Path):
    path = tmp_path / "tags.html"
    path.write_bytes(nested_tags_html(250_000))  # 750 KB, within every size limit
    message, seconds = refused(path)
    assert "max_html_tags" in message and seconds < 2


def test_a_docx_of_millions_of_empty_paragraphs_is_refused_while_unpacking(tmp_path: Path):
    path = tmp_path / "empty.docx"
    path.write_bytes(docx_bytes(b"<w:p/>", 2_000_000))
    assert path.stat().st_size < 30_000
    message, seconds = refused(path)
    assert "max_docx_elements" in message and seconds < 2


def test_a_file_past_its_time_budget_gets_one_line_and_the_batch_goes_on(tmp_path: Path):
    (tmp_path / "a-slow.pdf").write_bytes(pdf_bytes(1, 600_000))  # ~7 s to parse with the caps lifted
    (tmp_path / "b-good.txt").write_text(GOOD, "utf-8")
    errors: list[str] = []
    started = time.perf_counter()
    corpus = read_corpus([tmp_path], limits=FileLimits(read=NO_CAPS, max_seconds=1), on_error=errors.append,
                         extract=False)
    assert time.perf_counter() - started < 5
    assert errors == [f"{tmp_path / 'a-slow.pdf'}: took longer than 1 s; raise max_file_seconds to allow it"]
    assert [d.source_name for d in corpus.documents] == ["b-good.txt"]


# The time limit is generous: on a loaded machine the parse reaches the memory cap late, and this
# test is about memory (the time limit has its own test).
def test_a_file_past_its_memory_budget_gets_one_line(tmp_path: Path):
    path = tmp_path / "deep.html"
    path.write_bytes(nested_tags_html(600_000))  # the parse tree needs ~500 MB
    result = read_file(FileTask(path, {}, FileLimits(read=NO_CAPS, max_seconds=300, max_memory_mb=64), extract=False))
    assert result.error == f"{path}: needed more than 64 MB; raise max_file_memory_mb to allow it"


def test_within_the_budget_a_forked_read_equals_an_unguarded_one(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(GOOD, "utf-8")
    guarded = read_file(FileTask(path, {}, FileLimits()))
    plain = read_file(FileTask(path, {}, FileLimits(max_seconds=None, max_memory_mb=None)))
    assert guarded.error is None and guarded == plain and guarded.targets


def test_the_budget_runs_the_work_elsewhere_and_passes_errors_back():
    assert run_within(sum, [1, 2, 3], seconds=5, memory_mb=64) == 6
    with pytest.raises(ZeroDivisionError):
        run_within(divmod, 1, 0, seconds=5, memory_mb=64)
    with pytest.raises(OverBudget, match="took longer than 0.2 s"):
        run_within(time.sleep, 5, seconds=0.2, memory_mb=None)


def test_a_docx_of_a_million_one_line_paragraphs_is_refused_before_segmenting(tmp_path: Path):
    paragraph = "<w:p><w:r><w:t>一、加快推进科技创新，到2025年达到100家。</w:t></w:r></w:p>".encode()
    path = tmp_path / "lines.docx"
    path.write_bytes(docx_bytes(paragraph, 1_000_000))  # 310 KB: refused while unpacking
    errors: list[str] = []
    read_corpus([path], on_error=errors.append, extract=False)
    assert len(errors) == 1 and "max_docx_elements" in errors[0]
    path.write_bytes(docx_bytes(paragraph, 30_000))  # within the elements: 30,000 lines, ~10 s of segmenting
    started = time.perf_counter()
    errors.clear()
    read_corpus([path], limits=FileLimits(max_clauses=10_000), on_error=errors.append, extract=False)
    assert errors == [f"{path}: too many lines to segment (30,000 > 20,000, 2 per clause of max_clauses_per_document;"
                      " raise that setting in plankg.toml to read it)"]
    assert time.perf_counter() - started < 3


def running(pid: int) -> bool:
    """Is ``pid`` a live process (not gone, not a zombie waiting for its parent)?"""
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_reader_does_not_outlive_its_caller(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys

    pid_file = tmp_path / "reader.pid"
    script = ("import os, time\nfrom plankg.ingest.sandbox import run_within\n"
              f"def read():\n    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n    time.sleep(60)\n"
              "run_within(read, seconds=120, memory_mb=256)\n")
    caller = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    reader = int(pid_file.read_text())
    caller.kill()  # an app killed (or stopped) while one of its files is being read
    caller.wait()
    deadline = time.monotonic() + 5
    while running(reader) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = running(reader)
    if alive:
        os.kill(reader, signal.SIGKILL)
    assert not alive


def test_a_docx_past_the_memory_budget_is_not_called_broken(tmp_path: Path):
    # lxml reports the failed allocation as a syntax error; it is the budget, not the file.
    path = tmp_path / "many.docx"
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>一、加快推进科技创新。</w:t></w:r></w:p>".encode(), 600_000))
    result = read_file(FileTask(path, {}, FileLimits(read=NO_CAPS, max_clauses=None, max_seconds=300, max_memory_mb=32),
                                extract=False))
    assert result.error == f"{path}: needed more than 32 MB; raise max_file_memory_mb to allow it"


def test_operators_are_counted_as_the_parser_counts_them():
    from pypdf.generic import ContentStream, DecodedStreamObject

    from plankg.ingest.format_pdf import count_operators

    # Words inside strings, names, numbers, an inline image's binary data and marked content.
    data = (b"BT /F1 12 Tf 72 720 Td (a b c Tj \\) q) Tj [(x) -20 (y)] TJ T* (z) ' 1 2 (w) \" ET q 1 0 0 1 0 0 cm"
            b" BI /W 2 /H 2 /BPC 8 /CS /G ID \x00Tj q Q\x01 EI Q /P <</MCID 0>> BDC EMC 0.5 g 0 0 10 10 re f* n")
    stream = DecodedStreamObject()
    stream.set_data(data)
    assert count_operators(data, 1_000) == len(ContentStream(stream, None).operations) == 19
    assert count_operators(b"q Q " * 1_000, 10) == 11  # stops counting past the budget


def test_a_real_syntax_error_is_not_taken_for_want_of_memory():
    from lxml import etree

    from plankg.ingest.read_base import out_of_memory

    with pytest.raises(etree.XMLSyntaxError) as broken:
        etree.fromstring(b"<w:document><w:body>")
    assert not out_of_memory(broken.value)
    assert out_of_memory(MemoryError())
