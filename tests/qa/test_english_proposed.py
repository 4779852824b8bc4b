"""An English question reaches an indicator the plans write in their own words (no concept for it)."""
from __future__ import annotations

from tests.qa.conftest import engine_over_texts

# A bulletin written for this test: its count has no concept in the indicator scheme.
BULLETIN = """青河市科技局2024年一季度工作情况
2024年一季度，青河市新增入库科技型企业420家，同比增长15%。
"""


def test_english_words_in_chinese_find_an_indicator_written_as_the_plan_wrote_it(tmp_path_factory):
    engine = engine_over_texts(tmp_path_factory, "english-proposed", {"bulletin.txt": BULLETIN})
    answer = engine.ask("How many technology-based enterprises were added in Qinghe in 2024?")
    assert answer.found and "420" in answer.answer
    assert any("420" in str(e.get("text", "")) for e in answer.evidence)
