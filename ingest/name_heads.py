"""Where a name really starts: past a leading verb or adverb the boundary list does not know.

The boundary words of ``lang/zh/cues.toml`` cut most clause fragments off a name (推进X研究院); a
verb outside that list (抓好国家自主创新示范区, 总结提炼X试点) is found by jieba's part-of-speech
tags on the name alone. Only the first words are looked at, and only while enough of the name is
left, so a proper name tagged oddly in its middle (银川iBi育成中心) is not cut.
"""
from __future__ import annotations

import functools
from typing import Any

from plankg.ingest.cues import words
from plankg.ontology.regions import load_gazetteer

# Tags of a word that cannot start a name: verbs, adverbs, prepositions, conjunctions, particles,
# pronouns (not locatives: 西部科学城). Verbal nouns (vn: 建设) and names (ns, nr, nz) do start names.
_NOT_A_HEAD = {"v", "vd", "d", "p", "c", "u", "ul", "uj", "r", "ad"}
# Tags of a word that is an action, not a name's qualifier (分析 vn, 明确 ad): with a bare ending, no name.
_VERB_TAGS = {"v", "vn", "vd", "d", "ad"}
_NAME_VERBS = frozenset(words("entity_heads.name_verbs"))
_LEVELS = ("市", "县", "区", "旗", "盟", "州")


@functools.cache
def _tagger() -> Any:
    import jieba  # deferred: loading its dictionary takes about a second
    import jieba.posseg

    jieba.setLogLevel(60)
    return jieba.posseg


def leading_non_name(name: str, keep: int) -> int:
    """How many characters at the start of ``name`` are a verb or particle, leaving at least ``keep``."""
    cut = 0
    gazetteer = load_gazetteer()
    for _ in range(3):
        rest = name[cut:]
        tokens = list(_tagger().cut(rest))
        first = tokens[0] if tokens else None
        if first is None or first.flag not in _NOT_A_HEAD or first.word in _NAME_VERBS or len(rest) - len(first.word) < keep:
            break
        if any(gazetteer.get(first.word + level) for level in _LEVELS):
            break  # 包头 (tagged a verb) is 包头市: a place starts the name
        cut += len(first.word)
    return cut


def is_verb(word: str) -> bool:
    """Is ``word`` one verb or adverb for jieba (分析, 明确), not a name or a noun?"""
    tokens = list(_tagger().cut(word))
    return len(tokens) == 1 and tokens[0].flag in _VERB_TAGS


def word_frequency(word: str) -> int:
    """How often the general dictionary has seen ``word`` as one word (0: not a dictionary word)."""
    import jieba  # deferred: loading its dictionary takes about a second

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return int(jieba.dt.FREQ.get(word) or 0)


def ends_in_verb(phrase: str) -> bool:
    """Does ``phrase`` end with a verb (科技支撑, 稳增长), so that it is an action, not a topic?"""
    tokens = list(_tagger().cut(phrase))
    return bool(tokens) and tokens[-1].flag in _VERB_TAGS and tokens[-1].word not in _NAME_VERBS  # 科技创新: a field
