"""English words of S&T plans and the Chinese words plans use for them (``glossary.tsv``).

The thesaurus maps whole policy concepts; this glossary covers the ordinary words around them, so
that an English search such as "recruiting foreign experts" still reaches 外国专家 and 引进.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Collection
from pathlib import Path

_GLOSSARY_TSV = Path(__file__).with_name("glossary.tsv")
#: The longest phrase of the glossary, in words (longer runs are never looked up).
MAX_PHRASE_WORDS = 3


class Glossary:
    """English words and phrases (lower case, singular) to Chinese words."""

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def translate(self, words: list[str], min_words: int = 1, skip: Collection[str] = ()
                  ) -> tuple[list[str], set[int]]:
        """Chinese words for a run of English words, longest phrases first.

        Args:
            words: Lower-case singular words in query order (see :func:`singular`).
            min_words: Shortest phrase looked up (2: phrases only).
            skip: Phrases left alone (another vocabulary names them).

        Returns:
            The Chinese words (each once, in query order) and the positions of ``words`` they covered.
        """
        out: list[str] = []
        covered: set[int] = set()
        i = 0
        while i < len(words):
            for size in range(min(MAX_PHRASE_WORDS, len(words) - i), min_words - 1, -1):
                phrase = " ".join(words[i:i + size])
                zh = None if phrase in skip else self.entries.get(phrase)
                if zh:
                    out += [w for w in zh if w not in out]
                    covered.update(range(i, i + size))
                    i += size
                    break
            else:
                i += 1
        return out, covered


def singular(text: str) -> str:
    """Lower-case words, plurals made singular (incubators -> incubator, policies -> policy)."""
    words = []
    for word in re.sub(r"[^a-z0-9&\-]+", " ", text.lower()).split():
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def parse_glossary(text: str) -> dict[str, tuple[str, ...]]:
    """Entries of a glossary file: ``english<TAB>中文 中文`` lines; ``#`` starts a comment line."""
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        english, sep, chinese = line.partition("\t")
        if not sep or not chinese.split():
            raise ValueError(f"glossary line {number}: expected 'english<TAB>中文', got {line!r}")
        entries[singular(english)] = tuple(chinese.split())
    return entries


@functools.cache
def load_glossary(path: str | None = None) -> Glossary:
    """The bundled glossary (or the file at ``path``), parsed once."""
    source = Path(path) if path else _GLOSSARY_TSV
    return Glossary(parse_glossary(source.read_text(encoding="utf-8")))
