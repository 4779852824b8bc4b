"""Clause tree: headings, items, sentences, tables and offsets on the bundled corpus and small texts."""
from __future__ import annotations

import re

from plankg.ingest.clauses import build_clauses, noise_spans
from plankg.ingest.repair import find_repairs
from plankg.ingest.textmap import clean_span
from tests.conftest import doc_by_name


def _clauses(corpus, doc):
    return [c for c in corpus.clauses if c.doc_id == doc.id]


def test_every_clause_text_comes_from_its_span(corpus):
    for doc in corpus.documents:
        drops, _ = noise_spans(doc.text)
        for clause in _clauses(corpus, doc):
            assert 0 <= clause.start <= clause.end <= len(doc.text)
            if clause.kind == "table_row":
                for cell in clause.cells:
                    lines = [clean_span(doc.text, a, b, doc.repairs, drops).text
                             for a, b in _line_spans(doc.text, cell.start, cell.end)]
                    assert cell.text == "\n".join(line for line in lines if line)
            else:
                assert clean_span(doc.text, clause.start, clause.end, doc.repairs, drops).text == clause.text
                assert clause.text, clause


def _line_spans(text, start, end):
    pos, spans = start, []
    for line in text[start:end].split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def test_top_level_sections_per_document(corpus):
    def top(prefix, part=0):
        doc = doc_by_name(corpus, prefix, part)
        return [c.text for c in _clauses(corpus, doc) if c.kind == "heading" and c.level == 1]

    assert top("002") == ["一、指导思想", "二、目标任务", "三、重点工作"]
    assert top("003") == ["一、总体要求", "二、重点任务", "三、保障措施"]
    assert top("004") == ["一、上半年主要工作开展情况和成效", "二、下半年工作计划与打算"]
    assert top("001", 0) == ["一、亮点工作", "二、2022年重点工作"]
    assert top("001", 1) == ["二、20XX年工作思路"]


def test_luqiao_plan_has_80_numbered_tasks_in_order(corpus):
    doc = doc_by_name(corpus, "003")
    tasks = [c for c in _clauses(corpus, doc) if c.kind == "item" and c.level == 3 and c.table is None
             and c.section_path and c.section_path[0] == "二、重点任务"]
    assert [int(t.number) for t in tasks] == list(range(1, 81))
    assert tasks[18].text.startswith("19.健全“微成长、小升高、高壮大”梯次培育机制")


def test_responsibility_table_rows_have_lead_divisions(corpus):
    doc = doc_by_name(corpus, "000")
    rows = [c for c in _clauses(corpus, doc) if c.kind == "table_row"]
    assert len(rows) == 11
    for row in rows:
        owner_cell = next(c for c in row.cells if "责任处室" in c.name)
        assert re.search(r"处", owner_cell.text), row.text
    sixth = rows[9]  # section 二, row 6 (numbering restarts in each section)
    assert sixth.cell("序号").text == "6" and "加大企业科技创新投入" in sixth.cell("工作内容").text
    assert "*综合处" in next(c for c in sixth.cells if "责任处室" in c.name).text
    quarters = [c.name for c in rows[0].cells if "季度" in c.name]
    assert len(quarters) == 4


def test_flattened_tables_become_named_rows(corpus):
    doc = doc_by_name(corpus, "003")
    rows = [c for c in _clauses(corpus, doc) if c.kind == "table_row"]
    indicator_rows = [r for r in rows if r.cell("主要创新指标")]
    assert len(indicator_rows) == 12
    first = indicator_rows[0]
    assert first.cell("2020").text.startswith("1.35") and first.cell("2025").text == "2.8"
    assert first.cell("类别").text == "六倍增" and indicator_rows[-1].cell("类别").text == "六提升"
    task_rows = [r for r in rows if r.cell("重点项目或重点指标")]
    numbers = sorted({int(r.number) for r in task_rows})
    assert numbers == list(range(1, 81))
    rd = next(r for r in task_rows if "全社会R&D经费投入占GDP比重" in r.cell("重点项目或重点指标").text)
    assert rd.cell("2021年目标").text == "1.45%" and rd.cell("2025年目标").text == "2.8%"
    assert rd.cell("责任单位").text == "区科技局"
    # The responsible unit of row 49 is merged down over rows 50-53.
    trade = next(r for r in task_rows if "全年技术交易额" in r.text)
    assert trade.cell("责任单位").text == "区科技局" and trade.cell("2021年目标").text == "12亿元"


def test_two_documents_in_one_file(corpus):
    parts = [d for d in corpus.documents if d.source_name.startswith("001")]
    assert len(parts) == 2
    assert parts[0].region is None and parts[0].issuer == "区科技局"
    assert parts[1].issuer == "温州市科技局" and parts[1].title.startswith("市科技局20XX年工作总结")
    assert parts[1].file_start == len(parts[0].text)


def test_chrome_and_page_numbers_are_not_clause_text(corpus):
    ruian = doc_by_name(corpus, "004")
    texts = [c.text for c in _clauses(corpus, ruian)]
    assert any("享受企业所得税优惠政策自查" in t for t in texts)  # "2、" glued at a page break is gone
    assert not any("由会员分享" in t for t in texts)
    luqiao = doc_by_name(corpus, "003")
    assert not any("打印本页" in c.text or "索引号" in c.text for c in _clauses(corpus, luqiao))


def test_inline_headings_items_and_sentences():
    text = "一、总体要求今年以来全区上下深入实施创新驱动发展战略成效明显。二、重点工作(一)强化平台。一是建设实验室，新增2家。二是引进人才；培育团队。"
    clauses = build_clauses("doc-x", text, find_repairs(text))
    kinds = [(c.kind, c.number, c.text) for c in clauses]
    assert ("heading", "一", "一、总体要求") in kinds
    assert ("heading", "二", "二、重点工作") in kinds
    assert ("heading", "一", "(一)强化平台。") in kinds
    assert ("item", "一", "一是建设实验室，新增2家。") in kinds
    assert ("sentence", "", "培育团队。") in kinds
    heading = next(c for c in clauses if c.text == "(一)强化平台。")
    item = next(c for c in clauses if c.number == "二" and c.kind == "item")
    assert item.parent_id == heading.id and item.section_path == ("二、重点工作", "(一)强化平台")


def test_numbers_never_split_and_out_of_sequence_markers_are_text():
    text = "全年增长2.8%；实现3.5亿元。1.推进建设。2.完成验收。5.这不是第五项"
    clauses = build_clauses("doc-y", text, [])
    texts = [c.text for c in clauses]
    assert "全年增长2.8%；" in texts and "实现3.5亿元。" in texts
    assert [c.number for c in clauses if c.kind == "item"] == ["1", "2"]
