"""Language of a question: Chinese or English (the answer is written in the same language)."""
from __future__ import annotations

import re
from typing import Literal

#: The languages questions are asked and answered in.
Language = Literal["zh", "en"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin tokens that commonly appear inside Chinese sentences and say nothing about the language.
_EMBEDDED = {"gdp", "pct", "sci", "it", "ai", "ip", "rd", "r&d", "xx", "cn", "no"}


def detect_language(text: str) -> Language:
    """Return ``en`` when Latin words dominate the question, else ``zh``.

    Chinese questions often carry R&D, GDP or PCT; English questions may quote a Chinese name
    (技术交易额). Words, not characters, are compared: two CJK characters weigh like one word.

    >>> detect_language("桐乡2019年R&D投入占GDP比重的目标是多少？")
    'zh'
    >>> detect_language("What is Luqiao's 技术交易额 target?")
    'en'
    """
    cjk = len(_CJK.findall(text))
    words = [w for w in _LATIN_WORD.findall(text) if w.lower() not in _EMBEDDED]
    if not words:
        return "zh"
    return "en" if len(words) * 2 >= cjk * 0.5 and len(words) >= 2 else "zh"
