"""Document text in the app's Markdown and HTML stays text: no link, image or emphasis from a document."""
from __future__ import annotations

from markdown_it import MarkdownIt

from plankg.ui import views

HOSTILE = "到2025年达到[点此领奖](javascript:alert(1))和![图](http://evil.example/x.png)，**100家**`code`<b>。"


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def test_a_link_in_an_answer_is_shown_as_text():
    html = rendered(views.answer_markdown({"answer": HOSTILE, "intent": "target_value", "confidence": 0.9}))
    assert "<a " not in html and "<img" not in html and "<strong>" not in html and "<b>" not in html
    assert "[点此领奖](javascript:alert(1))" in html and "**100家**" in html
    assert "<code>target_value</code>" in html


def test_a_link_in_a_status_or_a_warning_is_shown_as_text():
    for markdown in (views.status(f"plan.txt: {HOSTILE}", ok=False),
                     views.warnings_markdown([{"doc": "[a](javascript:x).txt", "placeholder_texts": ["X家"]}],
                                             [f"/srv/in/b.txt: {HOSTILE}"])):
        html = rendered(markdown)
        assert "<a " not in html and "<img" not in html and "<b>" not in html
        assert "javascript:" in html


def test_a_link_in_an_evidence_card_is_shown_as_text():
    card = views.evidence_html([{"text": HOSTILE, "spans": [(0, 5)], "doc": "[a](javascript:x).txt", "clause_id": "cl-1"}])
    assert "<a " not in card and "href" not in card and "<img" not in card
    assert "[点此领奖](javascript:alert(1))" in card


def test_evidence_read_by_ocr_is_marked_with_its_confidence():
    from plankg.ui.views import evidence_html

    scanned = evidence_html([{"doc": "scan.pdf", "clause_id": "cl-1", "text": "高新技术企业达到128家。", "spans": [[8, 12]],
                              "doc_title": "某县2025年工作要点", "ocr_confidence": 0.87}])
    assert "OCR 0.87" in scanned and "<mark>128家</mark>" in scanned
    typed = evidence_html([{"doc": "plan.txt", "clause_id": "cl-2", "text": "高新技术企业达到128家。", "spans": [],
                            "doc_title": "某县2025年工作要点", "ocr_confidence": None}])
    assert "OCR" not in typed


def test_the_corpus_table_shows_the_reader_and_the_lowest_ocr_confidence():
    from plankg.ui.views import documents_table, repairs_table

    docs = [{"doc": "scan.pdf", "title": "某县工作要点", "reader": "pdf", "repairs": [],
             "ocr": [{"page": 1, "confidence": 0.91}, {"page": 2, "confidence": 0.78}]},
            {"doc": "plan.txt", "title": "某市工作要点", "reader": "txt", "ocr": [],
             "repairs": [{"start": 3, "original": "術", "replacement": "术", "rule": "traditional"},
                         {"start": 9, "original": "IL77%", "replacement": "11.77%", "rule": "ocr_digits"}]}]
    frame = documents_table(docs)
    assert list(frame["读取 reader"]) == ["pdf", "txt"]
    assert frame["OCR 置信度 OCR confidence"].iloc[0] == 0.78
    assert list(repairs_table(docs)["规则 rule"]) == ["ocr_digits"]
