"""Readers: every supported format on small files written here, and every kind of bad input."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from plankg.ingest.readers import SUPPORTED_SUFFIXES, iter_input_files, read_text
from plankg.ingest.records import IngestError

PLAN_TEXT = "温州市科学技术局2021年工作要点\n一、总体要求\n（一）研发投入占GDP比重达到3.2%。\n二、重点任务\n"


def read_error(path: Path, **kwargs: object) -> str:
    """The IngestError message for ``path``, checked for the rules every message follows."""
    with pytest.raises(IngestError) as caught:
        read_text(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(f"{path}: ")
    assert path.name in message
    return message


# --------------------------------------------------------------------------- text files


def test_utf8_text_is_returned_exactly(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_TEXT.encode("utf-8"))
    assert read_text(path) == PLAN_TEXT


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PLAN_TEXT.encode("utf-8"))
    text = read_text(path)
    assert text == PLAN_TEXT
    assert not text.startswith("\ufeff")


def test_gbk_text_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(PLAN_TEXT.encode("gbk"))
    assert read_text(path) == PLAN_TEXT


def test_gb18030_only_characters_are_read(tmp_path: Path) -> None:
    # 镕 is GBK but not GB2312; 𠀀 needs GB18030's four-byte form.
    text = "朱镕基同志讲话精神学习材料，𠀀字测试，科技创新工作要点。" * 3
    path = tmp_path / "gb18030.md"
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text


def test_big5_is_not_misread_as_gb18030(tmp_path: Path) -> None:
    # Big5 bytes are also valid GB18030 (as nonsense): detection must take the sensible reading.
    text = (
        "本計畫旨在推動科技創新與產業發展，強化研發投入，培育高新技術企業，建立產學研合作機制，"
        "提升區域創新能力。各單位應依據年度目標，落實工作責任，定期檢討執行進度，確保各項任務如期完成。"
    ) * 2
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_text(path) == text


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(PLAN_TEXT.encode("utf-16"))  # Python writes a BOM
    assert read_text(path) == PLAN_TEXT


def test_line_endings_become_newlines_and_nothing_else_changes(tmp_path: Path) -> None:
    path = tmp_path / "crlf.text"
    path.write_bytes("第一行\r\n　　第二行 \r第三行\t尾\n".encode("gbk"))
    assert read_text(path) == "第一行\n　　第二行 \n第三行\t尾\n"


# --------------------------------------------------------------------------- .docx


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("科技局2019年重点工作", level=1)
    document.add_paragraph("一、主要目标")
    table = document.add_table(rows=2, cols=3)
    for row_index, row in enumerate([["序号", "工作内容", "责任处室"], ["1", "自创区建设", "*高新处"]]):
        for column, value in enumerate(row):
            table.cell(row_index, column).text = value
    table.cell(1, 2).add_paragraph("农社处")  # a second paragraph inside one cell
    document.add_paragraph("备注：牵头处室标注*。")
    document.save(str(path))


def test_docx_paragraphs_and_table_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path)
    assert read_text(path) == (
        "科技局2019年重点工作\n"
        "一、主要目标\n"
        "\t序号\n\t工作内容\n\t责任处室\n"
        "\n"
        "\t1\n\t自创区建设\n\t*高新处\n农社处\n"
        "\n"
        "备注：牵头处室标注*。"
    )


def test_docx_merged_cells_appear_once_per_row(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row in range(3):
        for column in range(3):
            table.cell(row, column).text = f"r{row}c{column}"
    table.cell(0, 0).merge(table.cell(0, 2)).text = "2019年度工作进度计划"  # across a row
    table.cell(1, 0).merge(table.cell(2, 0)).text = "自创区"  # down a column
    path = tmp_path / "merged.docx"
    document.save(str(path))
    rows = read_text(path).strip("\n").split("\n\n")
    assert rows == [
        "\t2019年度工作进度计划",
        "\t自创区\n\tr1c1\n\tr1c2",
        "\t\n\tr2c1\n\tr2c2",  # the cell merged from above: an empty cell, as in the bundled tables
    ]


def test_docx_keeps_tracked_insertions_and_drops_deletions(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("研发投入达到")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    inserted = f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>3.2%</w:t></w:r></w:ins>'
    deleted = f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>3%</w:delText></w:r></w:del>'
    paragraph._p.append(parse_xml(inserted))
    paragraph._p.append(parse_xml(deleted))
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert read_text(path) == "研发投入达到3.2%"


def test_corrupt_docx(tmp_path: Path) -> None:
    zip_junk = tmp_path / "broken.docx"
    zip_junk.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    assert "not a valid .docx" in read_error(zip_junk)

    renamed_text = tmp_path / "renamed.docx"
    renamed_text.write_bytes(PLAN_TEXT.encode("utf-8"))
    assert "not a valid .docx (not a zip package)" in read_error(renamed_text)

    workbook = tmp_path / "table.docx"
    with zipfile.ZipFile(workbook, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a valid .docx (an Excel workbook" in read_error(workbook)

    old_word = tmp_path / "old.docx"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert "old binary .doc format" in read_error(old_word)


def test_truncated_docx(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    write_docx(good)
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "not a valid .docx" in read_error(truncated)


# --------------------------------------------------------------------------- .html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gb2312"><title>关于印发工作要点的通知_市科技局</title>
<style>.x { color: red }</style><script>var secret = "脚本内容";</script></head>
<body>
<header><div class="logo">市科技局门户网站</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/gk">政务公开</a></li></ul></nav>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/gk">政务公开</a> &gt; <a href="/tz">通知公告</a></div>
<h1>关于印发《2021年科技工作要点》
的通知</h1>
<div id="zoom">
<p>&nbsp;各县（市、区）科技局：</p>
<p>现将<b>工作要点</b>印发给你们，<br>请认真贯彻落实。</p>
<table border="1">
<tr><th>指标</th><th>2020年</th><th>2025年</th></tr>
<tr><td rowspan="2">研发投入</td><td>2.5%</td><td>3.2%</td></tr>
<tr><td>100亿元</td><td>200亿元</td></tr>
</table>
<p>朱镕基同志曾指出</p>
<div style="display:none">隐藏内容</div>
</div>
<!-- 注释不是正文 -->
<noscript>请启用脚本</noscript>
<footer>版权所有 市科技局</footer>
</body></html>
"""


def test_html_main_text_and_table(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))  # declared gb2312; 镕 is only in GBK
    assert read_text(path) == (
        "关于印发《2021年科技工作要点》的通知\n"  # a source line break between CJK is no space
        "各县（市、区）科技局：\n"
        "现将工作要点印发给你们，\n"
        "请认真贯彻落实。\n"
        "\t指标\n\t2020年\n\t2025年\n"
        "\n"
        "\t研发投入\n\t2.5%\n\t3.2%\n"
        "\n"
        "\t\n\t100亿元\n\t200亿元\n"  # the cell spanning two rows leaves an empty cell, as in .docx
        "\n"
        "朱镕基同志曾指出"
    )


def test_html_prefers_article_and_keeps_the_title_above_it(tmp_path: Path) -> None:
    page = """<html><body><div class="top">市政府门户网站 欢迎您 今天是星期一</div>
    <h1>2019年上半年工作总结</h1>
    <article><p>上半年，我局围绕年度目标，扎实推进各项工作，取得明显成效。</p>
    <p>下半年将继续加大研发投入，培育高新技术企业。</p></article>
    <div class="side">热点专题 政民互动</div></body></html>"""
    path = tmp_path / "article.htm"
    path.write_text(page, encoding="utf-8")
    assert read_text(path) == (
        "2019年上半年工作总结\n上半年，我局围绕年度目标，扎实推进各项工作，取得明显成效。\n"
        "下半年将继续加大研发投入，培育高新技术企业。"
    )


def test_html_layout_tables_are_not_flattened(tmp_path: Path) -> None:
    page = """<html><body><table><tr><td>
    <table><tr><td><p>一、总体要求</p><p>坚持创新驱动发展。</p></td></tr></table>
    </td></tr></table></body></html>"""
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    assert read_text(path) == "一、总体要求\n坚持创新驱动发展。"


def test_html_two_column_layout_table_is_not_flattened(tmp_path: Path) -> None:
    article = "".join(f"<p>第{i}条 加大研发投入，培育高新技术企业，建设高能级创新平台，完善科技金融服务体系。</p>" for i in range(60))
    rows = f"<tr><td>栏目</td><td>{article}</td></tr><tr><td></td><td>页脚</td></tr>"
    page = f"<html><body><table>{rows}</table></body></html>"
    path = tmp_path / "columns.html"
    path.write_text(page, encoding="utf-8")
    lines = read_text(path).split("\n")
    assert lines[0] == "栏目" and lines[1].startswith("第0条") and len(lines) == 62
    assert not any(line.startswith("\t") for line in lines)


def test_html_with_only_chrome_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "chrome.html"
    path.write_text("<html><body><nav>首页</nav><script>x()</script></body></html>", encoding="utf-8")
    assert "empty file" in read_error(path)


# --------------------------------------------------------------------------- .pdf


def pdf_bytes(pages: list[str | None]) -> bytes:
    """A minimal PDF: one page per entry, Helvetica ASCII text, or no content for None."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    kids = []
    next_id = 4
    for text in pages:
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        kids.append(f"{page_id} 0 R")
        stream = b"" if text is None else f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page_id] = (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            f" /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ).encode("ascii")
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode("ascii")
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in range(1, next_id):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % next_id
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, next_id))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (next_id, xref_at)
    return bytes(out)


def test_pdf_text_layer_pages_joined(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(["Science and technology plan 2021", "R&D spending 3.2 percent"]))
    text = read_text(path)
    first, second = text.split("\n")
    assert first.strip() == "Science and technology plan 2021"
    assert second.strip() == "R&D spending 3.2 percent"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    # Blank pages go to OCR (tests/ingest/test_format_ocr.py reads real scans), which finds nothing.
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([None, None]))
    assert read_error(path).endswith("PDF has no text, and OCR found none on its pages")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    assert "not a valid .pdf" in read_error(path)
    not_pdf = tmp_path / "page.pdf"
    not_pdf.write_text("<html>not a pdf</html>", encoding="utf-8")
    assert "not a valid .pdf (no %PDF header)" in read_error(not_pdf)


# --------------------------------------------------------------------------- bad input


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_error(empty).endswith(": empty file")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(" \r\n\t\u3000\n".encode("utf-8"))
    assert "empty file" in read_error(blank)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(os.urandom(4096))
    assert "binary file" in read_error(path)


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 50 + "正文".encode())
    assert "binary file" in read_error(path)


def test_known_binary_format_under_a_text_name(tmp_path: Path) -> None:
    path = tmp_path / "actually.txt"
    path.write_bytes(pdf_bytes(["hello"]))
    assert "binary file (looks like a PDF; give it the .pdf extension)" in read_error(path)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("正文", encoding="utf-8")
    message = read_error(path)
    assert "unsupported file type '.xyz'" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message
    word = tmp_path / "old.ODT"
    word.write_bytes(b"PK\x03\x04")
    message = read_error(word)
    assert "unsupported file type '.odt'" in message and "save it as .docx" in message


def test_undecodable_bytes(tmp_path: Path) -> None:
    utf8 = ("科技创新是引领发展的第一动力。" * 20).encode("utf-8")
    broken_utf8 = tmp_path / "broken_utf8.txt"
    broken_utf8.write_bytes(utf8[:100] + utf8[101:])  # one byte lost mid-character
    message = read_error(broken_utf8)
    assert "undecodable bytes" in message and "byte 99" in message

    gbk = ("科技创新是引领发展的第一动力。" * 20).encode("gbk")
    broken_gbk = tmp_path / "broken_gbk.txt"
    broken_gbk.write_bytes(gbk[:100] + b"\xff" + gbk[100:])
    assert "undecodable bytes" in read_error(broken_gbk)

    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(utf8[:300] + gbk[:300])  # half UTF-8, half GBK: no encoding fits
    assert "undecodable bytes" in read_error(mixed)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20)  # sparse: instant, no disk use
    assert read_error(path).endswith(
        ": file too large (50.0 MB > 20 MB limit; set max_file_mb in plankg.toml)"
    )
    small = tmp_path / "small.txt"
    small.write_text(PLAN_TEXT, encoding="utf-8")
    assert "MB limit" in read_error(small, max_bytes=10)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert read_error(tmp_path / "missing.txt").endswith(": no such file")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is a folder" in read_error(folder)


# --------------------------------------------------------------------------- batches


def test_iter_input_files_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "b" / "inner").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    names = ["b/inner/3.txt", "b/1.docx", "a.txt", "b/.hidden.txt", "b/~$1.docx", ".git/config"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    extra = tmp_path / "extra.pdf"
    extra.write_text("x", encoding="utf-8")
    files = iter_input_files([extra, tmp_path / "b", tmp_path])
    names = [path.relative_to(tmp_path).as_posix() for path in files]
    # given order, each folder sorted, nothing twice, no hidden or lock files
    assert names == ["extra.pdf", "b/1.docx", "b/inner/3.txt", "a.txt"]


def test_iter_input_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nowhere: no such file or folder$"):
        iter_input_files([tmp_path / "nowhere"])


def test_batch_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "1_plan.txt").write_bytes(PLAN_TEXT.encode("gbk"))
    (tmp_path / "2_junk.docx").write_bytes(os.urandom(512))
    write_docx(tmp_path / "3_table.docx")
    (tmp_path / "4_empty.txt").write_bytes(b"")
    texts, errors = {}, []
    for path in iter_input_files([tmp_path]):
        try:
            texts[path.name] = read_text(path)
        except IngestError as exc:
            errors.append(str(exc))
    assert sorted(texts) == ["1_plan.txt", "3_table.docx"]
    assert texts["1_plan.txt"] == PLAN_TEXT and "\t自创区建设" in texts["3_table.docx"]
    assert [message.split(": ", 1)[0] for message in errors] == [
        str(tmp_path / "2_junk.docx"),
        str(tmp_path / "4_empty.txt"),
    ]


def test_a_text_file_that_kept_its_page_markup_is_read_as_html(tmp_path):
    from plankg.ingest.readers import read_text

    styled = "".join(f'<p style="color: rgb(51, 51, 51); font-size: 20px;"><span>第{i}条：新增孵化器{i}家。</span></p>'
                     for i in range(1, 8))
    saved = tmp_path / "page.txt"
    saved.write_text("到2027年行动方案\n" + styled, encoding="utf-8")
    text = read_text(saved)
    assert "新增孵化器7家" in text and "rgb(" not in text and "<span>" not in text
    plain = tmp_path / "plain.txt"
    plain.write_text("研发投入强度<3%的企业，占比下降。\n" * 3, encoding="utf-8")
    assert read_text(plain) == plain.read_text(encoding="utf-8")
