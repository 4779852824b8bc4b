"""Question answering: Chinese or English questions answered from the graph's named queries, with evidence.

Example:
    >>> from plankg.qa import QAEngine                                   # doctest: +SKIP
    >>> engine = QAEngine()                    # the default workspace    # doctest: +SKIP
    >>> engine.ask("路桥区2025年技术交易额目标是多少？").answer           # doctest: +SKIP
    '路桥区2025年技术交易额目标为20亿元（路桥区科技局牵头）。'
"""
from __future__ import annotations

from plankg.qa.answer import INTENTS, Answer, Evidence, QAError
from plankg.qa.engine import QAEngine, answer_question

__all__ = ["INTENTS", "Answer", "Evidence", "QAEngine", "QAError", "answer_question"]
