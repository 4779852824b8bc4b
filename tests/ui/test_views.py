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
