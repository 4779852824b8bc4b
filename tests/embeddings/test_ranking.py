"""Fusion and clean-up rules, on plain row numbers (no index, no model)."""
from __future__ import annotations

import pytest

from plankg.embeddings import ranking
from plankg.embeddings.ranking import Candidate


def test_rrf_rewards_agreement_over_a_single_top_rank():
    fused = ranking.rrf([[1, 2, 3], [2, 4, 1]], [1.0, 1.0], k0=60)
    assert max(fused, key=fused.get) == 2  # 2nd and 1st beats 1st and 3rd
    assert fused[4] < fused[1]
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)


def test_rrf_weights_shift_the_winner():
    lists = [[1, 2], [2, 1]]
    dense_first = ranking.rrf(lists, [2.0, 1.0])
    sparse_first = ranking.rrf(lists, [1.0, 2.0])
    assert max(dense_first, key=dense_first.get) == 1
    assert max(sparse_first, key=sparse_first.get) == 2


@pytest.mark.parametrize("text, expected", [
    ("一、", 0), ("（三）创新平台", 4), ("12.新增孵化器3家", 7), ("①推进", 2), ("abc 12", 5),
])
def test_content_length_ignores_numbering_and_punctuation(text, expected):
    assert ranking.content_length(text) == expected


def test_short_clause_factor_grows_with_content():
    bare, short, full = (ranking.short_clause_factor(t) for t in ("一、", "（三）创新平台", "加快科技企业孵化器建设"))
    assert bare == ranking.SHORT_CLAUSE_FLOOR
    assert bare < short < full == 1.0


def _candidates(*specs):
    return {row: Candidate(row, text, doc, start, end) for row, (text, doc, start, end) in enumerate(specs)}


def test_rank_drops_same_text_in_another_document():
    candidates = _candidates(("新增众创空间5家。", "a", 0, 9), ("2.新增众创空间5家", "b", 50, 60),
                             ("举办创新创业大赛。", "a", 20, 29))
    top = ranking.rank({0: 0.03, 1: 0.029, 2: 0.02}, candidates, k=3)
    assert [row for row, _ in top] == [0, 2]


def test_rank_drops_clause_nested_in_a_better_one_of_the_same_document():
    # a table row (0-100) and a sentence written in one of its cells (10-40)
    candidates = _candidates(("序号：7；工作内容：推动企业融资；责任单位：金融办", "a", 0, 100),
                             ("推动企业融资", "a", 10, 40), ("推动企业融资工作", "b", 10, 40))
    top = ranking.rank({0: 0.03, 1: 0.02, 2: 0.01}, candidates, k=3)
    assert [row for row, _ in top] == [0, 2]  # same span in another document is kept


def test_rank_demotes_bare_headings_and_cuts_at_k():
    candidates = _candidates(("一、", "a", 0, 2), ("加快科技企业孵化器建设", "a", 5, 16), ("新增孵化器3家", "a", 20, 27),
                             ("孵化器绩效评价", "a", 30, 37))
    top = ranking.rank({0: 0.033, 1: 0.030, 2: 0.020, 3: 0.019}, candidates, k=2)
    assert [row for row, _ in top] == [1, 2]
    assert top[0][1] == pytest.approx(0.030)
