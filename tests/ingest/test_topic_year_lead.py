"""A review paragraph naming its year once, after a short topic (composed text)."""
from __future__ import annotations

from plankg.ingest import read_corpus


def test_the_year_after_a_paragraphs_topic_carries_to_its_next_sentence(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("某市科技创新工作情况\n发布日期：2032-02-10\n"
                    "一、发展基础\n"
                    "创新投入稳步增长，2030年，全市研发经费投入强度达到3.1%，技术合同成交额达到85亿元。"
                    "企业主体地位不断增强，高新技术企业达到1460家，科技型中小企业达到2210家。\n",
                    encoding="utf-8")
    facts = {t.value: t for t in read_corpus([path]).targets}
    assert (facts[3.1].kind, facts[3.1].year) == ("achievement", 2030)
    assert (facts[1460].kind, facts[1460].year) == ("achievement", 2030)
    assert facts[2210].year == 2030
