"""BM25 over jieba words, bigrams and characters; the private tokenizer and its user dictionary."""
from __future__ import annotations

import json

import numpy as np
import pytest

from plankg.embeddings.bm25 import BM25Index
from plankg.embeddings.tokens import (
    BIGRAM_PREFIX,
    JIEBA_CACHE_FILE,
    TextAnalyzer,
    characters,
    dictionary_words,
    normalize,
    write_userdict,
)


@pytest.fixture(scope="module")
def analyzers(tmp_path_factory):
    """(plain, with user dictionary) analyzers, each with its own folder."""
    plain_dir = tmp_path_factory.mktemp("plain")
    dict_dir = tmp_path_factory.mktemp("dict")
    write_userdict(dict_dir, dictionary_words(["科创飞地", "《创新路桥》行动方案"]))
    return TextAnalyzer(plain_dir), TextAnalyzer(dict_dir)


def test_dictionary_words_split_at_characters_jieba_cannot_keep():
    words = dictionary_words(["《创新路桥》行动方案", "浙大温研院", "Ｘ", "温州市科技局·高新处", "浙大温研院"])
    assert words == sorted({"创新路桥", "行动方案", "浙大温研院", "温州市科技局", "高新处"})


def test_user_dictionary_keeps_corpus_names_whole(analyzers):
    plain, with_dict = analyzers
    assert "科创飞地" not in plain.words("共建科创飞地")
    assert "科创飞地" in with_dict.words("共建科创飞地")


def test_jieba_cache_lives_in_the_index_folder(analyzers):
    _, with_dict = analyzers
    with_dict.words("预热")
    assert (with_dict.folder / JIEBA_CACHE_FILE).is_file()


def test_tokens_add_prefixed_bigrams_and_drop_stopwords(analyzers):
    plain, _ = analyzers
    tokens = plain.tokens("推进孵化器的建设")
    assert "孵化器" in tokens and "的" not in tokens and "推进" not in tokens
    assert BIGRAM_PREFIX + "孵化" in tokens and BIGRAM_PREFIX + "化器" in tokens


def test_normalize_and_characters():
    assert normalize("ＲＤ２％") == "rd2%"
    assert characters("R&D科普 经费2") == ["科", "普", "经", "费"]


def test_bm25_rare_term_beats_common_term():
    docs = [["企业", "融资"], ["企业", "孵化器"], ["企业"], ["企业", "人才"]]
    index = BM25Index.build(docs)
    scores = index.scores(["孵化器", "企业"])
    assert int(np.argmax(scores)) == 1
    assert scores[2] > 0 and scores[2] < scores[1]
    assert index.scores(["没有"]).sum() == 0


def test_bm25_prefers_shorter_clause_for_same_match():
    index = BM25Index.build([["孵化器"] + ["填充"] * 20, ["孵化器", "建设"]])
    scores = index.scores(["孵化器"])
    assert scores[1] > scores[0]


def test_bm25_round_trip_without_pickle(tmp_path):
    index = BM25Index.build([["企业", "融资"], ["孵化器"], ["企业", "企业", "人才"]])
    index.save(tmp_path, "terms")
    for path in tmp_path.glob("*.npy"):
        np.load(path, allow_pickle=False)
    json.loads((tmp_path / "bm25_terms_vocab.json").read_text(encoding="utf-8"))
    loaded = BM25Index.load(tmp_path, "terms", 3)
    for query in (["企业"], ["孵化器", "人才"]):
        assert np.array_equal(loaded.scores(query), index.scores(query))


def test_pruned_dictionary_cuts_the_corpus_like_the_full_one(tmp_path, analyzers):
    from plankg.embeddings.tokens import DICTIONARY_FILE, write_dictionary

    full, _ = analyzers
    texts = ["深化农村科技特派员制度，选派科技人员下基层。", "探索技术产权证券化试点，发行全国首个产品。",
             "全社会R&D经费支出占GDP比重达到2.8%", "加快科技企业孵化器建设"]
    write_dictionary(tmp_path, texts)
    pruned = TextAnalyzer(tmp_path)
    assert [pruned.words(t) for t in texts] == [full.words(t) for t in texts]
    assert sum(1 for _ in (tmp_path / DICTIONARY_FILE).open(encoding="utf-8")) < 500


def test_bm25_weights_equal_the_textbook_formula_after_a_round_trip(tmp_path):
    """Weights are computed from the stored term frequencies and lengths when a query reads a
    column: they are the float32 numbers of the textbook formula, before and after saving."""
    import math

    from plankg.embeddings import bm25

    rows = [["科技", "创新", "科技"], ["创新", "平台"], ["人才", "科技", "平台", "平台"], ["人才"]]
    lengths = [len(r) for r in rows]
    average = sum(lengths) / len(rows)
    expected = {}
    for term in {t for r in rows for t in r}:
        df = sum(term in r for r in rows)
        idf = math.log(1.0 + (len(rows) - df + 0.5) / (df + 0.5))
        for i, r in enumerate(rows):
            tf = r.count(term)
            if tf:
                norm = bm25.K1 * (1.0 - bm25.B + bm25.B * lengths[i] / average)
                expected[(term, i)] = np.float32(idf * tf * (bm25.K1 + 1.0) / (tf + norm))
    built = bm25.BM25Index.build(iter(rows))
    built.save(tmp_path, "terms")
    for index in (built, bm25.BM25Index.load(tmp_path, "terms", len(rows))):
        weights = index.weights
        got = {(term, int(index.rows[j])): weights[j] for term, col in index.vocab.items()
               for j in range(index.indptr[col], index.indptr[col + 1])}
        assert got == expected


def test_bm25_files_use_the_smallest_integer_types(tmp_path):
    rows = [["科技"] * 3 + ["创新"]] + [["平台"]] * 300
    bm25_index = BM25Index.build(iter(rows))
    bm25_index.save(tmp_path, "terms")
    assert np.load(tmp_path / "bm25_terms_rows.npy").dtype == np.uint16  # 301 rows
    assert np.load(tmp_path / "bm25_terms_tfs.npy").dtype == np.uint8
    assert np.load(tmp_path / "bm25_terms_lengths.npy").dtype == np.uint8
    assert not (tmp_path / "bm25_terms_weights.npy").exists()
    assert BM25Index.build(iter([["科技"] * 300])).tfs.dtype == np.uint16


def test_bm25_index_with_stored_weights_is_still_read(tmp_path):
    """An index written before the term frequencies (a ``weights`` file) scores as it did."""
    index = BM25Index.build([["企业", "融资"], ["孵化器"], ["企业", "企业", "人才"]])
    terms = sorted(index.vocab, key=index.vocab.__getitem__)
    (tmp_path / "bm25_terms_vocab.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
    np.save(tmp_path / "bm25_terms_indptr.npy", index.indptr)
    np.save(tmp_path / "bm25_terms_rows.npy", index.rows.astype(np.int32))
    np.save(tmp_path / "bm25_terms_weights.npy", index.weights)
    old = BM25Index.load(tmp_path, "terms", 3)
    for query in (["企业"], ["孵化器", "人才"], ["没有"]):
        assert np.array_equal(old.scores(query), index.scores(query))
