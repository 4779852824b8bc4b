"""Question answering: Chinese or English questions answered from the graph's named queries, with evidence.

Example:
    >>> import plankg                                                    # doctest: +SKIP
    >>> kg = plankg.open()                     # the default workspace    # doctest: +SKIP
    >>> kg.ask("路桥区2025年技术交易额目标是多少？").answer               # doctest: +SKIP
    '路桥区2025年技术交易额目标为20亿元（路桥区科技局牵头）。'
"""
from __future__ import annotations

from plankg.qa.answer import INTENTS, Answer, Evidence, QAError
from plankg.qa.engine import QAEngine

__all__ = ["INTENTS", "Answer", "Evidence", "QAEngine", "QAError"]
