"""Intent of a question, by cue rules plus similarity to example questions (no LLM).

Rules give each intent points for cue words (谁负责, 多少, 变化, 完成了吗, 有哪些 + a type
word...). Similarity adds points for resemblance to example questions written with their slots
masked (〈地〉〈年〉〈指〉〈单位〉〈实体〉), so "〈指〉的目标定在什么水平" resembles "〈指〉目标是多少" even
without a listed cue. Slot conditions gate intents: no organisation, no "targets of a unit".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

SEARCH_THRESHOLD = 1.5
SIMILARITY_WEIGHT = 2.0

_ZH_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "target_owners": (
        (r"谁(来)?(负责|牵头|主抓|承担|管|落实|抓)", 3.0),
        (r"(哪些|哪个|哪几个|哪一个|什么|哪家|何)(责任|牵头|负责|主管)?(单位|部门|机构|处室|科室|主体)", 3.0),
        (r"(责任单位|牵头单位|负责单位|责任部门|牵头部门|责任主体|责任处室|配合单位|协同单位)", 2.5),
        (r"由(谁|哪)", 3.0),
        (r"(归口|主管部门|分工)", 1.0),
    ),
    "unit_targets": (
        (r"(负责|承担|牵头|分管|主抓|落实)(了)?(哪些|什么|哪几项|多少)", 2.5),
        (r"(的|有)(哪些|什么)?(目标|任务|工作|指标|职责|事项)(有哪些|是什么|包括|清单)", 2.0),
        (r"(职责|任务清单|工作任务)", 1.0),
    ),
    "target_value": (
        (r"(是|为|定为|设定为|定在|要)?多少", 2.5),
        (r"(达到|实现|突破|超过|提高到|提升到|增加到)(多少|几)", 2.5),
        (r"目标(是|为)?(什么|几)", 2.0),
        (r"(多少|几)(家|个|亿|万|%|项|件|人|位)", 1.5),
        (r"(目标值|目标数|预期值|预期目标)", 1.5),
        (r"有哪些(目标|指标)|(目标|指标)(有哪些|是什么|有什么)", 1.5),
    ),
    "evolution": (
        (r"(变化|演变|演进|变动|趋势|走势|历年|逐年|各年|轨迹|前后对比|调整)", 3.0),
        (r"(如何|怎样|怎么)(发展|调整|提高|增长)", 1.0),
        (r"(提高|增长|提升|下降|增加)了多少", 1.0),
    ),
    "plan_vs_outcome": (
        (r"(完成|实现|达成|达到|兑现|落实|做到)(了|得)?(吗|没有|没|情况|与否|了没|如何|怎么样|怎样|多少)", 3.0),
        (r"(是否|有没有|能否|有无)(完成|实现|达成|达到|达标)", 3.0),
        (r"(实际|实绩|完成值|成效|结果|实际完成)", 2.0),
        (r"(计划|目标|规划)(与|和|跟|对比|比较|vs|VS)(实际|完成|结果|实绩)", 3.0),
        (r"(达标|超额|未完成|差距)", 2.0),
    ),
    "search": (
        (r"(如何|怎样|怎么|哪些措施|举措|措施|政策|做法|路径|办法|机制|经验)", 1.0),
    ),
    "entity_list": (
        (r"(有哪些|有什么|有几个|有几家|有多少家|有多少个|都有|包括哪些|哪些|列出|列举|名单|清单)", 2.5),
    ),
    "entity_profile": (
        (r"(进展|进度|概况|简介|介绍|做了什么|怎么样|建设情况|动态|成果|情况|是什么)", 2.5),
    ),
}

_EN_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "target_owners": (
        (r"\bwho\b", 2.5),
        (r"\b(which|what)\s+(\w+\s+)?(units?|departments?|agenc(y|ies)|bureaus?|bod(y|ies)|offices?|"
         r"organi[sz]ations?|divisions?)\b", 3.0),
        (r"\bresponsible\s+(units?|departments?|bod(y|ies)|agenc(y|ies))\b", 2.0),
        (r"\b(owns?|owned by|in charge|responsib\w*|leads?|leading)\b", 1.0),
    ),
    "unit_targets": (
        (r"\b(what|which)\b.*\b(targets?|tasks?|goals?|responsibilit(y|ies)|work|duties)\b", 1.5),
        (r"\b(targets?|tasks?|goals?|duties|responsibilities)\s+(of|owned by|led by|assigned to|for)\b", 1.5),
        (r"\b(does|do|is|are)\b.*\b(own|lead|handle|responsible for|in charge of)\b", 1.5),
    ),
    "target_value": (
        (r"\bhow\s+(much|many|high|large|big)\b", 2.5),
        (r"\bwhat\s+(is|was|are|were)\b.*\b(targets?|goals?|values?|levels?)\b", 2.0),
        (r"\b(target|goal)\s+(for|of|value|level)\b", 1.0),
        (r"\bwhat targets?\b", 1.5),
        (r"\bwhat\s+(is|was|are|were)\b", 1.0),
        (r"\b(aim\w*|plan\w* to|plan\w* for|expect\w*|intend\w*|set to|supposed to|should)\b", 1.5),
    ),
    "evolution": (
        (r"\b(chang\w*|evolv\w*|evolution|trend\w*|trajector\w*|over time|over the years|year by year|"
         r"year-on-year|progression|shift\w*|develop\w* over)\b", 3.0),
    ),
    "plan_vs_outcome": (
        (r"\b(achiev\w*|met|meet|fulfil\w*|accomplish\w*|reach\w*|attain\w*|deliver\w*|hit|miss\w*)\b", 2.5),
        (r"\b(did|was|were|has|have)\b.*\b(reach\w*|achiev\w*|met|meet|hit|attain\w*|fulfil\w*)\b", 3.0),
        (r"\b(actual\w*|outcomes?|results?|reported|performance)\b", 2.0),
        (r"\bplan\w*\b.*\b(vs\.?|versus|against|compared)\b", 3.0),
    ),
    "search": (
        (r"\bhow (do|does|did|can|could|to|should|will)\b|\bmeasures?\b|\bpolic(y|ies)\b|\bsteps?\b|"
         r"\bways?\b|\bsupport\b", 1.0),
    ),
    "entity_list": (
        (r"\b(which|what|list|name|are there|how many|enumerate)\b", 2.5),
    ),
    "entity_profile": (
        (r"\b(progress|status|profile|tell me about|describe|overview|developments?|what is|what's|"
         r"what has)\b", 2.5),
    ),
}

# Example questions with masked slots, for the similarity part.
_EXAMPLES: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "target_owners": ("〈指〉的目标由哪个部门负责", "谁牵头〈指〉工作", "〈指〉目标的责任单位是谁", "〈地〉〈指〉由谁来抓",
                          "哪个单位承担〈指〉的目标", "〈指〉的牵头单位和配合单位"),
        "target_value": ("〈地〉〈年〉〈指〉要达到多少", "〈指〉的目标值定为多少", "〈地〉〈指〉〈年〉的目标", "〈年〉〈指〉预期是多少",
                         "〈地〉〈年〉有哪些目标", "〈指〉计划新增多少"),
        "unit_targets": ("〈单位〉负责哪些目标", "〈单位〉承担什么任务", "〈单位〉的工作任务有哪些", "〈单位〉牵头的指标",
                         "〈单位〉〈年〉的目标任务"),
        "evolution": ("〈指〉从〈年〉到〈年〉如何变化", "〈地〉〈指〉历年目标的变化", "〈指〉的目标怎样逐年调整",
                      "〈指〉的发展趋势", "〈年〉的〈指〉和〈年〉相比有什么不同"),
        "plan_vs_outcome": ("〈年〉〈指〉的目标完成了吗", "〈指〉计划与实际完成情况对比", "〈指〉实际完成了多少",
                            "〈地〉〈指〉目标是否实现", "〈指〉的目标有没有达到"),
        "entity_list": ("〈地〉有哪些研究院", "列出〈地〉的实验室", "〈地〉有几家孵化器", "〈地〉的园区名单"),
        "entity_profile": ("〈实体〉的进展", "〈实体〉建设情况如何", "介绍一下〈实体〉", "〈实体〉做了什么"),
        "search": ("如何支持企业创新", "关于人才政策有什么措施", "怎样优化创新生态", "科技金融方面的举措"),
    },
    "en": {
        "target_owners": ("who is responsible for the 〈指〉 target", "which department owns the 〈指〉 goal",
                          "who leads 〈指〉 in 〈地〉", "which units are in charge of 〈指〉",
                          "what agency is responsible for 〈指〉"),
        "target_value": ("what is the 〈年〉 target for 〈指〉 in 〈地〉", "how much 〈指〉 should 〈地〉 reach by 〈年〉",
                         "what level of 〈指〉 is planned", "how many 〈指〉 are planned in 〈年〉",
                         "what targets does 〈地〉 set for 〈年〉"),
        "unit_targets": ("what targets does 〈单位〉 own", "which tasks is 〈单位〉 responsible for",
                         "list the goals assigned to 〈单位〉", "what work does 〈单位〉 lead"),
        "evolution": ("how did the 〈指〉 target change from 〈年〉 to 〈年〉", "trend of 〈指〉 over the years",
                      "how has 〈指〉 evolved in 〈地〉", "〈指〉 targets year by year"),
        "plan_vs_outcome": ("was the 〈年〉 〈指〉 target met", "did 〈地〉 achieve its 〈指〉 goal",
                            "planned versus actual 〈指〉", "what was the actual outcome for 〈指〉 compared with the plan"),
        "entity_list": ("which research institutes are in 〈地〉", "list the laboratories of 〈地〉",
                        "what parks does 〈地〉 have", "how many incubators are there in 〈地〉"),
        "entity_profile": ("what progress has 〈实体〉 made", "tell me about 〈实体〉", "status of 〈实体〉",
                           "what is 〈实体〉"),
        "search": ("how does the plan support innovation", "measures for talent attraction",
                   "what policies improve the innovation ecosystem"),
    },
}


@dataclass(frozen=True)
class SlotFlags:
    """Which slots a question filled (gates and nudges intents)."""

    indicator: bool = False
    region: bool = False
    year: bool = False
    period: bool = False
    org: bool = False
    entity_type: bool = False
    entity_name: bool = False
    entity_type_after_cue: bool = False


@dataclass(frozen=True)
class IntentResult:
    """The chosen intent, its score, and every intent's score (for explanations and tests)."""

    intent: str
    score: float
    scores: dict[str, float]

    @property
    def confidence(self) -> float:
        """0..1 from the winner's margin over the runner-up and its absolute score."""
        ordered = sorted(self.scores.values(), reverse=True)
        margin = ordered[0] - (ordered[1] if len(ordered) > 1 else 0.0)
        return round(min(1.0, 0.4 + 0.1 * ordered[0] + 0.1 * margin), 3) if self.intent != "search" else 0.3


def _features(text: str, language: str) -> Counter:
    text = text.lower()
    if language == "en":
        words = re.findall(r"〈[^〉]+〉|[a-z&]+", text)
        return Counter(words + [a + " " + b for a, b in zip(words, words[1:])])
    chars = re.sub(r"[\s？?。，,！!]", "", text)
    return Counter(chars[i:i + 2] for i in range(len(chars) - 1))


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


_EXAMPLE_FEATURES = {
    lang: {intent: [_features(e, lang) for e in examples] for intent, examples in table.items()}
    for lang, table in _EXAMPLES.items()
}


def classify(masked: str, language: str, flags: SlotFlags, original: str = "") -> IntentResult:
    """Score every intent for a question whose slots are masked; pick the best or ``search``.

    Args:
        masked: The question with slots replaced by 〈地〉〈年〉〈指〉〈单位〉〈实体〉.
        language: ``zh`` or ``en``.
        flags: Which slots were filled.
        original: The question as asked; cue words hidden by a greedy slot mask still count.
    """
    cues = _EN_CUES if language == "en" else _ZH_CUES
    flags_re = re.IGNORECASE if language == "en" else 0
    scores: dict[str, float] = {}
    features = _features(masked, language)
    any_rule = False
    for intent in (*cues, "search"):
        rule = sum(weight for pattern, weight in cues.get(intent, ())
                   if re.search(pattern, masked, flags_re) or original and re.search(pattern, original, flags_re))
        any_rule = any_rule or rule > 0
        similarity = max((_cosine(features, f) for f in _EXAMPLE_FEATURES[language].get(intent, [])), default=0.0)
        scores[intent] = rule + SIMILARITY_WEIGHT * similarity
    if not any_rule and flags.indicator:
        scores["target_value"] += 1.0  # a bare noun phrase (桐乡技术交易额目标) asks for the value
    _apply_slot_rules(scores, flags)
    scores["search"] = max(scores["search"], SEARCH_THRESHOLD)
    best = max(scores, key=lambda k: (scores[k], k != "search"))
    return IntentResult(best, round(scores[best], 3), {k: round(v, 3) for k, v in scores.items()})


def _apply_slot_rules(scores: dict[str, float], flags: SlotFlags) -> None:
    """Slot conditions: an intent whose subject is missing cannot win; present slots nudge."""
    if not flags.org:
        scores["unit_targets"] = 0.0
    else:
        scores["unit_targets"] += 1.0
        scores["target_owners"] -= 1.5  # the question names the unit: it asks what it owns
    if not flags.entity_type:
        scores["entity_list"] = 0.0
    elif flags.entity_type_after_cue and not flags.entity_name:
        scores["entity_list"] += 1.5
    if not flags.entity_name:
        scores["entity_profile"] = 0.0
    else:
        scores["entity_profile"] += 1.0
    if flags.indicator or flags.region or flags.year:
        for intent in ("target_owners", "target_value", "evolution", "plan_vs_outcome"):
            scores[intent] += 0.5
    if flags.indicator:
        scores["entity_list"] -= 0.5
    if flags.period:
        scores["evolution"] += 1.0
    if not (flags.indicator or flags.region or flags.year or flags.org or flags.entity_name):
        # Nothing to look up (目标是多少): no named query fits; search answers with clauses.
        for intent in ("target_owners", "target_value", "evolution", "plan_vs_outcome"):
            scores[intent] = 0.0
