"""Tokens for BM25: jieba words (private tokenizer + corpus user dictionary), CJK character bigrams
and single CJK characters.

Words carry meaning when jieba knows them; bigrams keep recall when it does not (names, OCR damage,
paraphrases sharing a morpheme such as 孵化器/孵化机构). Bigram tokens are prefixed with
:data:`BIGRAM_PREFIX` so the two kinds keep separate statistics. Single characters form a separate
index: Chinese paraphrases often share characters but no word (科普 / 普及科学, 党建 / 党的建设).
"""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

BIGRAM_PREFIX = "#"
USERDICT_FILE = "userdict.txt"
DICTIONARY_FILE = "dict.txt"
JIEBA_CACHE_FILE = "jieba.cache"
# Private-use character (never in text) whose frequency keeps the pruned dictionary's total equal
# to the full one's: jieba's path scores depend on that total.
_TOTAL_KEEPER = "\ue000"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_OK = re.compile(r"[\w\u3400-\u9fff]")
# Function words that match everywhere and say nothing about a clause's subject.
STOPWORDS = frozenset(
    "的 了 和 与 及 以及 等 在 对 为 是 将 把 给 做 有 从 由 向 于 并 或 其 该 这 那 个 之 也 就 都 而 又 上 中 下 "
    "一个 一些 哪些 什么 怎么 怎样 如何 进行 开展 加强 推进 推动 实施 工作 方面 相关 有关 关于".split()
)
# Characters jieba's default regex cannot keep inside one word; names holding them are split there.
_NAME_SPLIT = re.compile(r"[^\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")


def _jieba() -> ModuleType:
    """The ``jieba`` module (word segmentation), imported when text is first tokenised."""
    import jieba

    return jieba


def normalize(text: str) -> str:
    """NFKC (full-width digits/letters to ASCII) and lower case, for matching only."""
    return unicodedata.normalize("NFKC", text).lower()


def dictionary_words(names: Iterable[str], max_length: int = 24) -> list[str]:
    """Clean, sorted, unique user-dictionary words from entity and indicator names."""
    words: set[str] = set()
    for name in names:
        for part in _NAME_SPLIT.split(normalize(name or "")):
            if 2 <= len(part) <= max_length and re.search(r"[\u4e00-\u9fd5]", part):
                words.add(part)
    return sorted(words)


def write_userdict(folder: Path, words: Iterable[str]) -> Path:
    """Write the user dictionary (one word a line) into ``folder``."""
    path = Path(folder) / USERDICT_FILE
    path.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    return path


@functools.lru_cache(maxsize=1)
def _full_dictionary() -> tuple[dict[str, int], frozenset[str], int]:
    """jieba's main dictionary: word frequencies, proper prefixes of words, total frequency."""
    jieba = _jieba()

    frequencies: dict[str, int] = {}
    with jieba.Tokenizer().get_dict_file() as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) >= 2:
                frequencies[parts[0]] = int(parts[1])
    prefixes = frozenset(word[:i] for word in frequencies for i in range(1, len(word)))
    return frequencies, prefixes, sum(frequencies.values())


def write_dictionary(folder: Path, texts: Iterable[str]) -> Path:
    """Write jieba's main dictionary cut to the words occurring in ``texts`` into ``folder``.

    jieba only ever uses dictionary words that are substrings of the text it cuts, and the total
    frequency, which is kept; so the corpus is cut exactly as with the full dictionary, while the
    tokenizer loads in milliseconds instead of seconds (the full dictionary has 350k words).
    """
    frequencies, prefixes, total = _full_dictionary()
    found: set[str] = set()
    for text in texts:
        text = normalize(text)
        for i in range(len(text)):
            for j in range(i + 1, len(text) + 1):
                fragment = text[i:j]
                if fragment in frequencies:
                    found.add(fragment)
                if fragment not in prefixes:
                    break
    kept = sorted(found)
    lines = [f"{word} {frequencies[word]}\n" for word in kept]
    rest = total - sum(frequencies[word] for word in kept)
    if rest > 0:
        lines.append(f"{_TOTAL_KEEPER} {rest}\n")
    path = Path(folder) / DICTIONARY_FILE
    path.write_text("".join(lines), encoding="utf-8")
    return path


class TextAnalyzer:
    """Turns text into BM25 tokens with a private jieba tokenizer whose cache lives in ``folder``.

    Args:
        folder: Index folder holding ``dict.txt`` (optional; jieba's full dictionary otherwise),
            ``userdict.txt`` (optional) and jieba's dictionary cache.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._tokenizer = None

    @property
    def tokenizer(self):
        """The initialised ``jieba.Tokenizer`` (built on first use)."""
        if self._tokenizer is None:
            jieba = _jieba()

            # jieba logs dictionary loading at DEBUG to stderr; a CLI should stay quiet.
            logging.getLogger("jieba").setLevel(logging.WARNING)
            dictionary = self.folder / DICTIONARY_FILE
            tokenizer = jieba.Tokenizer(str(dictionary)) if dictionary.is_file() else jieba.Tokenizer()
            tokenizer.tmp_dir = str(self.folder)
            tokenizer.cache_file = JIEBA_CACHE_FILE
            tokenizer.initialize()
            userdict = self.folder / USERDICT_FILE
            if userdict.is_file():
                for word in userdict.read_text(encoding="utf-8").split("\n"):
                    if word:
                        tokenizer.add_word(word)
            self._tokenizer = tokenizer
        return self._tokenizer

    def words(self, text: str) -> list[str]:
        """jieba words of ``text`` without stopwords, punctuation and single characters."""
        return [
            w for w in self.tokenizer.lcut(normalize(text), HMM=True)
            if len(w) > 1 and w not in STOPWORDS and _WORD_OK.search(w)
        ]

    def tokens(self, text: str) -> list[str]:
        """Words plus prefixed CJK character bigrams."""
        normalized = normalize(text)
        bigrams = [
            BIGRAM_PREFIX + run[i : i + 2]
            for run in _CJK_RUN.findall(normalized)
            for i in range(len(run) - 1)
        ]
        return self.words(text) + bigrams


def characters(text: str) -> list[str]:
    """The CJK characters of ``text``, one token each (needs no tokenizer)."""
    return _CJK_CHAR.findall(normalize(text))
