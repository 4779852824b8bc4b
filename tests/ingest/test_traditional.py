"""Traditional characters: read as simplified, quoted as written, offsets exact."""
from __future__ import annotations

from pathlib import Path

from plankg.ingest.pipeline import read_corpus
from plankg.ingest.traditional import reading_text, traditional_repairs, written_form

PAGE = ("某某縣2025年科技工作要點\n\n一、主要目標\n"
        "到2025年，全縣高新技術企業達到360家，研發經費投入突破80億元，技術合同成交額達到5萬元。\n")


def test_plan_vocabulary_reads_simplified_with_the_same_length() -> None:
    text = "億 萬 臺 發展 研發 技術 企業 達到 經費 牽頭單位 責任單位"
    reading = reading_text(text)
    assert reading == "亿 万 台 发展 研发 技术 企业 达到 经费 牵头单位 责任单位"
    assert len(reading) == len(text)


def test_simplified_text_is_left_alone() -> None:
    text = "到2025年，全县高新技术企业达到128家，乾隆年间的著作不变。"
    assert reading_text(text) is text
    assert traditional_repairs(text, reading_text(text)) == []


def test_repairs_cover_each_converted_run() -> None:
    reading = reading_text(PAGE)
    repairs = traditional_repairs(PAGE, reading)
    assert all(PAGE[r.start:r.end] == r.original and reading[r.start:r.end] == r.replacement for r in repairs)
    assert any(r.original == "億" and r.replacement == "亿" for r in repairs)


def test_traditional_page_gives_values_units_and_indicators(tmp_path: Path) -> None:
    path = tmp_path / "trad.txt"
    path.write_text(PAGE, encoding="utf-8")
    corpus = read_corpus([path])
    doc = corpus.documents[0]
    assert doc.text == PAGE  # evidence quotes the text as written
    assert doc.doc_type == "work_plan" and doc.title.endswith("工作要点")
    found = {(t.indicator, t.value, t.unit, doc.text[t.start:t.end]) for t in corpus.targets}
    assert ("高新技术企业", 360.0, "家", "360家") in found
    assert ("研发经费投入", 80.0, "亿元", "80億元") in found
    assert ("技术合同成交额", 5.0, "万元", "5萬元") in found


def test_traditional_spreadsheet_header_names_owners(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某某區2025年科技創新重點工作任務分解表"])
    sheet.append(["序號", "工作任務", "牽頭單位", "配合單位"])
    sheet.append([1, "研發經費投入突破80億元", "區科技局", "區財政局"])
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    corpus = read_corpus([path])
    doc = corpus.documents[0]
    rows = [dict((cell.name, cell.text) for cell in c.cells) for c in corpus.clauses if c.kind == "table_row"]
    assert rows and rows[0]["牵头单位"] == "区科技局"  # the header found and named in simplified characters
    [target] = corpus.targets
    assert (target.indicator, target.value, target.unit, doc.text[target.start:target.end]) == (
        "研发经费投入", 80.0, "亿元", "80億元")
    assert [(o.surface, o.role) for o in target.owners] == [("区科技局", "lead"), ("区财政局", "support")]


def test_an_owner_read_in_simplified_characters_is_exported_as_written(tmp_path):
    path = tmp_path / "tasks.txt"
    path.write_text("某省2024年重點工作任務\n1.培育科技企業。高新技術企業達到9000家以上。(牽頭單位:省科技廳、省教育廳)\n",
                    encoding="utf-8")
    corpus = read_corpus([path])
    doc = corpus.documents[0]
    target = next(t for t in corpus.targets if t.value == 9000)
    assert [o.surface for o in target.owners] == ["省科技厅", "省教育厅"]
    assert [written_form(o.surface, doc.text, doc.repairs) for o in target.owners] == ["省科技廳", "省教育廳"]
    assert written_form("省科技厅", "省科技厅负责", ()) == "省科技厅"
