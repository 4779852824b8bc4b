"""Which phrases may stand as an indicator's label in the app's lists (issue 19).

Scheme labels always do. A proposed indicator (a phrase the scheme does not know) is offered
only when it reads as the name of a countable thing; fragments cut out of a sentence are left
out by their shape, not by a list of bad labels:

- a number, a percentage or a placeholder count (``15%``, ``12家企业以``, ``X家企业``);
- a place and nothing else (``乐清``, ``温州市``);
- a phrase that opens with a verb, a preposition or a comparison (``进行深入``, ``较年初``,
  ``以…``, ``优化…``), or ends on a function word that needs what follows (``…和``, ``…以``, ``…各``);
- one character, or more than 16 (a clause, not a name).
"""
from __future__ import annotations

import re

from plankg.ontology.regions import load_gazetteer

_NUMBER = re.compile(r"[0-9０-９]|^[XＸ×]|[XＸ][家个项名万亿元%]")
# A comparison with an earlier time (较年初, 比去年, …较上年) is a change, not a thing counted.
_COMPARISON = re.compile(r"[较比](年初|上年|去年|同期)")
# Openers that make the phrase an action or a comparison, not a thing counted.
_OPENERS = ("进行", "较", "比", "以", "在", "对", "向", "把", "将", "作为", "依托", "通过", "优化", "全面", "推动",
            "推进", "加快", "加强", "督促", "提前", "明确", "编制", "编发", "组建", "成立", "完成", "实现",
            "开展", "举办", "撰写", "提拔", "干部", "发放", "发布", "本次", "签订", "被评", "化解", "参与",
            "现场", "惠及", "服务")
# Endings that leave the phrase hanging (a conjunction, preposition or particle).
_HANGING = ("和", "及", "与", "以", "各", "获", "等", "的", "为", "或", "作", "成", "要", "共", "并", "了", "着")
MAX_LABEL_CHARS = 16


def is_indicator_label(text: str) -> bool:
    """True when ``text`` may be offered as an indicator label (a cleaned phrase naming a thing).

    >>> [is_indicator_label(t) for t in ("省级知识产权示范企业数量", "15%", "进行深入", "较年初", "乐清")]
    [True, False, False, False, False]
    """
    phrase = (text or "").strip()
    if not 2 <= len(phrase) <= MAX_LABEL_CHARS:
        return False
    if _NUMBER.search(phrase) or _COMPARISON.search(phrase):
        return False
    if phrase.startswith(_OPENERS) or phrase.endswith(_HANGING):
        return False
    return load_gazetteer().get(phrase) is None
