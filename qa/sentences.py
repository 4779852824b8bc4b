"""Pick the sentence writer of an answer's language.

It sits above :mod:`plankg.qa.render`, whose shared wording both writers import.
"""
from __future__ import annotations

from types import ModuleType

from plankg.qa import render_en, render_zh


def sentences_for(language: str) -> ModuleType:
    """The sentence writer of a language: ``plankg.qa.render_zh`` or ``plankg.qa.render_en``.

    Both modules have the same functions over the same facts, so handlers never branch on the
    language to write an answer.
    """
    return render_zh if language == "zh" else render_en
