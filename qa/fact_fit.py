"""How well an extracted fact fits a question: the kind of figure asked for, and the indicator's wording.

Slot filling names indicators by the scheme's ids; a fact extracted under another id (a proposed
indicator 研发经费投入 beside the scheme's 全社会R&D经费支出) still answers a question whose words
match its own phrase. These scores rank the facts the graph returns for the asked place and year.
"""
from __future__ import annotations

import functools
import re

from plankg.ontology.indicators import load_scheme
from plankg.qa.intents import load_intent_data
from plankg.qa.lexicon import CUE_ZH, GENERIC_ZH

#: A fact's phrase fits an asked indicator from this Dice score of character bigrams on.
PHRASE_FIT = 0.5
#: A phrase ending with an asked name of at least this many characters fits it this well.
TAIL_NAME = 5
TAIL_FIT = 0.8
_SAME = (("R&D", "研发"), ("Ｒ＆Ｄ", "研发"), ("研究与试验发展", "研发"), ("研究与开发", "研发"), ("研究开发", "研发"))
#: Words that make a ratio or a rate of an amount: 研发经费投入占GDP比重 is not 研发经费投入.
_RATIO = re.compile(r"占|比重|比例|强度|增长|增速|增幅|率|人均|每万")
_NOISE = re.compile(r"[\s，,。、“”\"（）()]|全市|全区|全县|全省|新增|累计|总数|数量|实现|达到|增至|完成")


@functools.cache
def _kind_rules(language: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    table = load_intent_data()["kinds"]["en" if language == "en" else "zh"]
    flags = re.IGNORECASE if language == "en" else 0
    return {kind: tuple(re.compile(p, flags) for p in patterns) for kind, patterns in table.items()}


def asked_kinds(text: str, language: str) -> frozenset[str]:
    """``result``, ``goal``, both, or neither (empty): what kind of figure the question asks for.

    >>> sorted(asked_kinds("衢州2022年高新技术企业增至多少家？", "zh"))
    ['result']
    >>> sorted(asked_kinds("What is the 2025 target for R&D intensity?", "en"))
    ['goal']
    """
    return frozenset(kind for kind, rules in _kind_rules(language).items() if any(r.search(text) for r in rules))


def _normal(text: str) -> str:
    for other, same in _SAME:
        text = text.replace(other, same)
    return _NOISE.sub("", text)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two phrases (after R&D = 研发 and noise words)."""
    x, y = _bigrams(_normal(a)), _bigrams(_normal(b))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def phrase_fit(hit: object, phrase: str | None) -> float:
    """How well a fact's indicator phrase fits an asked indicator: the best Dice over its names."""
    if not phrase:
        return 0.0
    names = {str(getattr(hit, "surface", "") or ""), str(getattr(hit, "label_zh", "") or "")}
    concept = load_scheme().by_id(str(getattr(hit, "id", "")))
    if concept is not None:
        names |= {concept.label_zh, *concept.alt_labels}
    ratio = bool(_RATIO.search(phrase))
    core = _normal(phrase)
    best = 0.0
    for name in names:
        if not name or name.isascii():
            continue
        own = _normal(name)
        if len(own) >= TAIL_NAME and core.endswith(own):
            # A phrase that ends with the asked name is that indicator, whatever extraction kept
            # before it (…同比增长12.5%成果转化累计800多项国家级高层次创新人才数量).
            best = max(best, TAIL_FIT)
        best = max(best, dice(name, phrase) * (1.0 if bool(_RATIO.search(name)) == ratio else 0.5))
    return best


def written_in(phrase: str | None, question: str) -> bool:
    """Does the question write a fact's own phrase (at least three characters, not a generic word)?"""
    if not phrase:
        return False
    core = _normal(phrase)
    return len(core) >= 3 and core not in GENERIC_ZH and core in _normal(question)


_MASK = re.compile(r"〈[^〉]*〉")
_EXTRA_CUES = re.compile(r"多少|几|吗|呢|分别|以及|和|与|及|的|了|要|是|为|有|在|到|年底|年末|截至|全年|全市|全省|全区|全县|底|月")


def unread_words(masked: str, language: str) -> str:
    """What a question says beyond its slots, cue words and generic words (总产值 in
    〈地〉〈年〉要求81家〈指〉实现总产值多少): facts written in those words may be what it asks.

    >>> unread_words("〈地〉〈年〉〈指〉目标是多少？", "zh")
    ''
    """
    if language != "zh":
        return ""
    text = _MASK.sub(" ", masked)
    for cue in sorted(CUE_ZH, key=len, reverse=True):
        text = text.replace(cue, " ")
    for word in sorted(GENERIC_ZH, key=len, reverse=True):
        if len(word) >= 2:
            text = text.replace(word, " ")
    text = _EXTRA_CUES.sub(" ", text)
    runs = re.findall(r"[\u4e00-\u9fff]{3,}", text)
    return " ".join(runs)


#: A fact whose own words or the words written just before its value share a run this long with
#: the question is a candidate answer even when no slot named its indicator.
CONTEXT_RUN = 4
_CLAUSE_BREAK = re.compile(r"[，,；;。：:、！!？?（）()\s]")
_SLOT_MARK = re.compile(r"〈[^〉]*〉")


def left_context(clause_text: str, offset: int) -> str:
    """The words a clause writes right before a value at ``offset`` (back to the last comma or
    stop): 全年完成技改投资 before 80亿元, 武冈达到 before 20%."""
    if not 0 < offset <= len(clause_text):
        return ""
    head = clause_text[:offset]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def shared_run(masked_question: str, *texts: str) -> int:
    """The longest run of characters the question (its slots blanked) writes in any of ``texts``.

    >>> shared_run("〈地〉〈年〉规上工业总产值达到了多少", "全年工业向好规上工业总产值", "农林牧渔业总产值")
    7
    """
    pieces = [p for p in re.split(r"[\s？?，,。、：:]+", _SLOT_MARK.sub(" ", masked_question)) if p]
    best = 0
    for text in texts:
        if not text:
            continue
        for piece in pieces:
            best = max(best, _longest_common(piece, text))
    return best


def _longest_common(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    best = 0
    for char in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b):
            if char == other:
                current[j + 1] = previous[j] + 1
                best = max(best, current[j + 1])
        previous = current
    return best
