"""Scans and images: pages drawn here with Pillow and the Noto CJK font, read by Tesseract."""
from __future__ import annotations

import io
import shutil
import struct
import zlib
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from plankg.ingest import ocr
from plankg.ingest.pipeline import read_corpus
from plankg.ingest.readers import read_text
from plankg.ingest.records import IngestError

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DPI = 200
PROSE = ["某某县2025年科技工作要点", "一、主要目标", "到2025年，全县高新技术企业达到128家，",
         "研发经费投入突破8亿元（县科技局牵头，县财政局配合）。"]
TABLE = [["序号", "工作任务", "牵头单位", "完成时限"],
         ["1", "技术合同成交额达到15亿元", "县科技局", "2025年12月"],
         ["2", "新建省级研发机构8家", "县经信局", "2025年10月"]]


def _needs_ocr() -> None:
    if shutil.which("tesseract") is None or not FONT.exists():
        pytest.skip("tesseract-ocr-chi-sim or fonts-noto-cjk not installed (make test-deps installs them)")


def draw(rows: list[list[str]], turn: float = 0.0) -> Image.Image:
    """A page at 200 dpi: 12 pt text, table cells at fixed columns with ruling lines."""
    point = DPI / 72
    font = ImageFont.truetype(str(FONT), int(12 * point))
    page = Image.new("L", (int(8.27 * DPI), int((len(rows) * 24 + 80) * point)), 255)
    pen = ImageDraw.Draw(page)
    columns = [int(x * point) for x in (50, 100, 330, 430)]
    for number, row in enumerate(rows):
        y = int((40 + number * 24) * point)
        for index, cell in enumerate(row):
            pen.text((columns[index], y), cell, font=font, fill=0)
        if len(row) > 1:
            pen.line([(columns[0] - 8, y - 6), (page.width - 40, y - 6)], fill=0, width=2)
    return page.rotate(turn, expand=True, fillcolor=255) if turn else page


def found(corpus) -> set[tuple]:  # type: ignore[no-untyped-def]
    return {(t.indicator, t.value, t.unit, tuple((o.surface, o.role) for o in t.owners)) for t in corpus.targets}


def test_scanned_pdf_is_read_by_ocr_and_marked(tmp_path: Path) -> None:
    _needs_ocr()
    path = tmp_path / "scan.pdf"
    draw([[line] for line in PROSE], turn=1.5).convert("RGB").save(path, resolution=DPI)  # a turned scan
    assert not "".join(p.extract_text() for p in pypdf.PdfReader(path).pages).strip()  # no text layer
    corpus = read_corpus([path])
    assert not corpus.errors, corpus.errors
    facts = found(corpus)
    assert {(indicator, value, unit) for indicator, value, unit, _ in facts} >= {
        ("高新技术企业", 128.0, "家"), ("研发经费投入", 8.0, "亿元")}
    assert ("研发经费投入", 8.0, "亿元", (("县科技局", "lead"), ("县财政局", "support"))) in facts
    doc = corpus.documents[0]
    assert doc.reader == "pdf" and doc.read_seconds is not None
    assert [span.page for span in doc.ocr] == [1] and 0.5 < doc.ocr[0].confidence <= 1
    target = next(t for t in corpus.targets if t.value == 128.0)
    assert doc.text[target.start:target.end] == "128家"  # evidence points at the OCR'd words
    assert doc.ocr_confidence(target.start, target.end) == doc.ocr[0].confidence


def test_table_image_comes_out_as_rows_with_owners(tmp_path: Path) -> None:
    _needs_ocr()
    path = tmp_path / "table.png"
    draw(TABLE).save(path)
    corpus = read_corpus([path])
    assert not corpus.errors, corpus.errors
    rows = [dict((cell.name, cell.text) for cell in c.cells) for c in corpus.clauses if c.kind == "table_row"]
    assert {"序号": "2", "工作任务": "新建省级研发机构8家", "牵头单位": "县经信局", "完成时限": "2025年10月"} in rows
    assert ("技术合同成交额", 15.0, "亿元", (("县科技局", "lead"),)) in found(corpus)
    assert corpus.documents[0].reader == "image" and corpus.documents[0].ocr


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels (its pixel data is never there)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("side", [50_000, 8_000])
def test_huge_image_is_refused_before_decoding(tmp_path: Path, side: int) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header(side, side))
    with pytest.raises(IngestError) as caught:
        read_text(path)
    assert str(caught.value).startswith(f"{path}: image too large")


def test_pdf_page_of_a_square_kilometre_is_refused(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=14_000, height=14_000)  # points: a page 5 m wide, no text
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match=r"bomb\.pdf: image too large"):
        read_text(path)


def test_missing_tesseract_names_the_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "page.png"
    draw([["一、主要目标"]]).save(path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(IngestError) as caught:
        read_text(path)
    assert str(caught.value) == (f"{path}: cannot OCR it: Tesseract is not installed"
                                 " (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")


def test_broken_image(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 50)
    with pytest.raises(IngestError, match=r"broken\.jpg: not a readable image"):
        read_text(path)


def test_numbers_ocr_doubts_are_named_in_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs_ocr()
    path = tmp_path / "page.png"
    draw([[line] for line in PROSE]).save(path)
    assert not read_corpus([path]).warnings  # a clean page: Tesseract is sure of its numbers
    monkeypatch.setattr(ocr, "DIGIT_CONFIDENCE", 101.0)  # now doubt every number
    warnings = read_corpus([path]).warnings
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: page 1: OCR was unsure of '2025")
    assert "check these numbers against the scan" in warnings[0]


def test_tsv_words_give_pieces_confidence_and_doubts() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    rows = ["5\t1\t1\t1\t1\t1\t10\t10\t40\t20\t95\t达到", "5\t1\t1\t1\t1\t2\t52\t10\t40\t20\t70\t38",
            "5\t1\t1\t1\t1\t3\t94\t10\t20\t20\t10\t|", "5\t1\t1\t1\t1\t4\t120\t10\t20\t20\t40\tdl"]
    pieces, confidence, doubtful = ocr._tsv_pieces(header + "\n".join(rows) + "\n")
    assert [p.text for p in pieces] == ["达到", "38"]  # the speck and the rule read as letters are dropped
    assert confidence == pytest.approx((95 * 2 + 70 * 2) / 4 / 100)
    assert doubtful == [("38", 0.7)]


@pytest.mark.parametrize("size", [40, 64])
def test_large_glyphs_on_a_short_image_are_not_wiped_as_rules(tmp_path: Path, size: int) -> None:
    # A glyph's vertical stroke is long on a short image; only far longer runs are table rules.
    _needs_ocr()
    page = Image.new("L", (size * 24, size * 5), 255)
    ImageDraw.Draw(page).text((size, size * 2), "到2025年，全县高新技术企业达到128家。",
                              font=ImageFont.truetype(str(FONT), size), fill=0)
    read = ocr.ocr_image(page)
    assert read.text == "到2025年，全县高新技术企业达到128家。\n" and not read.doubtful


def test_multi_page_tiff_marks_each_page(tmp_path: Path) -> None:
    _needs_ocr()
    path = tmp_path / "scan.tif"
    first, second = draw([[line] for line in PROSE]), draw(TABLE)
    first.save(path, save_all=True, append_images=[second], compression="tiff_deflate")
    corpus = read_corpus([path])
    assert not corpus.errors, corpus.errors
    doc = corpus.documents[0]
    assert [span.page for span in doc.ocr] == [1, 2]
    target = next(t for t in corpus.targets if t.value == 15.0)  # in the table on page 2
    assert doc.ocr[1].start <= target.start < doc.ocr[1].end
    assert doc.ocr_confidence(target.start, target.end) == doc.ocr[1].confidence
