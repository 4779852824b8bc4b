"""Which indicator a question is about: SKOS labels (zh, en, altLabels), parts of them, embeddings.

Matching runs from the most to the least certain evidence and stops at the first that finds
something: a whole label in the question; a category label (研发投入 -> every R&D-input
indicator); the longest run of characters the question shares with labels (研发人员 -> both
R&D-personnel indicators); finally, when an encoder is available, cosine similarity between the
question's remaining words and the labels. English questions go through the English labels and a
small alias table.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from plankg.ontology.glossary import load_glossary, singular
from plankg.ontology.indicators import Concept, IndicatorScheme, normalize_phrase
from plankg.qa.lexicon import CUE_ZH, ENGLISH_INDICATOR_ALIASES, ENGLISH_STOPWORDS, GENERIC_ZH

#: Minimum cosine similarity for an embedding match. With m3e-small, paraphrases of a label score
#: 0.90+ (研发开支 ~ 研发经费支出 0.90, 孵化空间 ~ 孵化机构 0.91) and loosely related words 0.75-0.87.
EMBEDDING_THRESHOLD = 0.88
_MIN_PARTIAL = 3
_BLANK = "|"
_BOUNDARY = "|？?。，,！!、；;：:（）() \t\n的和与及"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words people use for the words of the English labels.
_EN_SYNONYMS = {
    "tech": "technology", "spending": "expenditure", "spend": "expenditure", "expense": "expenditure",
    "outlay": "expenditure", "firm": "enterprise", "company": "enterprise", "business": "enterprise",
    "staff": "personnel", "researcher": "personnel", "employee": "employed", "worker": "employed",
    "patenting": "patent", "lab": "laboratory", "laboratorie": "laboratory", "sme": "smes",
}
_EN_TOKEN = re.compile(r"[a-z][a-z&\-']*|\d[\d,\.]*")


@dataclass(frozen=True)
class IndicatorHit:
    """A concept (or proposed indicator) the question names.

    Attributes:
        id: Concept id (rd_intensity) or the IRI of a proposed indicator.
        label_zh: Chinese label.
        label_en: English label ("" for proposed indicators).
        score: 0..1 confidence of the match.
        method: ``label`` | ``category`` | ``partial`` | ``english`` | ``embedding`` | ``proposed``.
        surface: The words of the question that matched.
        span: (start, end) in the question, or None when not located.
    """

    id: str
    label_zh: str
    label_en: str
    score: float
    method: str
    surface: str
    span: tuple[int, int] | None = None


def canon(text: str) -> str:
    """Canonical form for matching: NFKC, no spaces, R&D and 研究与试验发展 as 研发, no 的."""
    text = normalize_phrase(text)
    for variant in ("研究与试验发展", "R&D", "R＆D", "RD"):
        text = text.replace(variant, "研发")
    return text.replace("的", "")


def _canon_with_map(text: str) -> tuple[str, list[int]]:
    """Canonical text and, for each of its characters, the index of the source character."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        piece = canon(char) if char not in "R&D" else char.upper()
        for c in piece:
            out.append(c)
            index.append(i)
    joined = "".join(out)
    # Multi-character replacements (R&D -> 研发) change lengths: redo them with the map.
    result: list[str] = []
    result_index: list[int] = []
    i = 0
    while i < len(joined):
        for variant in ("研究与试验发展", "R&D", "RD"):
            if joined.startswith(variant, i):
                result += ["研", "发"]
                result_index += [index[i], index[i + len(variant) - 1]]
                i += len(variant)
                break
        else:
            result.append(joined[i])
            result_index.append(index[i])
            i += 1
    return "".join(result), result_index


class IndicatorMatcher:
    """Matches question text against the indicator scheme.

    Args:
        scheme: The SKOS indicator scheme.
        proposed: Proposed (unreviewed) indicators of the graph as (IRI, label) pairs.
        encode: Optional function from texts to L2-normalised vectors (the clause encoder).
    """

    def __init__(self, scheme: IndicatorScheme, proposed: Sequence[tuple[str, str]] = (),
                 encode: Callable[[list[str]], object] | None = None) -> None:
        self.scheme = scheme
        self.encode = encode
        self._label_vectors = None
        labels: dict[str, Concept] = {}
        for concept in scheme.concepts:
            for label in (concept.label_zh, *concept.alt_labels):
                labels.setdefault(canon(label), concept)
        self.labels = sorted(labels.items(), key=lambda item: (-len(item[0]), item[0]))
        self.category_labels = sorted(
            ((canon(c.label_zh), c) for c in scheme.categories), key=lambda item: -len(item[0]))
        self.narrower: dict[str, list[Concept]] = {}
        for concept in scheme.concepts:
            if concept.broader:
                self.narrower.setdefault(concept.broader, []).append(concept)
        self.proposed = [(iri, label, canon(label)) for iri, label in proposed if len(canon(label)) >= 4]
        self._en_index = self._english_index()

    # ---- Chinese ------------------------------------------------------------------------
    def match(self, question: str, language: str = "zh", blanks: Sequence[tuple[int, int]] = (),
              use_embedding: bool = False) -> list[IndicatorHit]:
        """Indicators named in ``question``; ``blanks`` are spans of other slots (places, years...).

        The embedding step runs only when asked (it loads the encoder): the engine asks for it
        when the intent needs an indicator and the words found none.
        """
        masked = mask(question, blanks)
        hits = [self._widen(hit, masked) for hit in self.match_labels(masked)]
        if not hits or all(h.score < 1.0 for h in hits):
            # Only a short label (排名) or none: a proposed indicator sharing more words wins.
            proposed = self.match_proposed(masked)
            longest = max((len(h.surface) for h in hits), default=0)
            if proposed and max(len(p.surface) for p in proposed) > longest:
                hits = proposed
        if not hits:
            hits = self.match_categories(masked)
        if not hits and language == "en":
            hits = self.match_english(masked)
            # Records often carry an indicator only as written (新增入库科技型企业); the English
            # words in Chinese (technology-based enterprise -> 科技型企业) find those too.
            known = {h.id for h in hits}
            written = [h for h in self.match_proposed(_in_chinese(masked))
                       if len(h.surface) >= MIN_ENGLISH_PROPOSED_RUN and h.id not in known]
            known |= {h.id for h in written}
            written += [h for h in self.match_proposed_words(_chinese_words(masked)) if h.id not in known]
            if written:
                # An indicator the plans write in full (地区生产总值 for GDP) beats a label that
                # shares one loose word with the question (GDP in R&D expenditure as share of GDP).
                hits = [h for h in hits if h.score >= ENGLISH_SURE] + written
        if not hits:
            hits = self.match_partial(masked)
        if not hits and use_embedding and self.encode is not None and language == "zh":
            hits = self.match_embedding(masked)
        return hits

    def match_labels(self, text: str) -> list[IndicatorHit]:
        """Whole labels (preferred or alternative) occurring in the text, longest first."""
        canonical, index = _canon_with_map(text)
        taken: list[tuple[int, int]] = []
        hits: dict[str, IndicatorHit] = {}
        for label, concept in self.labels:
            start = canonical.find(label)
            while start >= 0:
                span = (start, start + len(label))
                free = not any(span[0] < e and s < span[1] for s, e in taken)
                short_ok = len(label) > 2 or not any(s in (span[1], span[1] + 1) or e in (span[0], span[0] - 1)
                                                     for s, e in taken)
                if free and short_ok:
                    taken.append(span)
                    if concept.id not in hits:
                        source = (index[span[0]], index[span[1] - 1] + 1)
                        hits[concept.id] = IndicatorHit(concept.id, concept.label_zh, concept.label_en,
                                                        1.0 if len(label) > 2 else 0.7, "label",
                                                        text[source[0]:source[1]], source)
                    break
                start = canonical.find(label, start + 1)
        return sorted(hits.values(), key=lambda h: h.span[0] if h.span else 0)

    def _widen(self, hit: IndicatorHit, text: str) -> IndicatorHit:
        """Prefer a concept sharing a longer run with the words around a label hit.

        "R&D经费支出占比" contains the label R&D经费支出 (expenditure), but shares the longer run
        研发经费支出占比 with 全社会R&D经费支出占比 (intensity), which is what is meant.
        """
        if hit.span is None:
            return hit
        start, end = hit.span
        while start > 0 and text[start - 1] not in _BOUNDARY:
            start -= 1
        while end < len(text) and text[end] not in _BOUNDARY:
            end += 1
        piece = residual_zh(text[start:end]).replace(_BLANK, "")
        hit_length = len(canon(hit.surface))
        best_run, best_concept = "", None
        own = canon(hit.surface)
        for label, concept in self.labels:
            run = _longest_common_run(piece, label)
            # The longer run must keep the words found: 产业增加值占GDP比重 shared with the digital
            # economy's share does not widen 高新技术产业增加值 (only its tail is in the run).
            if len(run) > max(len(best_run), hit_length + 1) and len(_longest_common_run(run, own)) >= hit_length - 1:
                best_run, best_concept = run, concept
        after = re.split(r"[|？?。，,！!、；;：:（）()\s]", text[hit.span[1]:], maxsplit=1)[0]
        if best_concept is None and _SHARE_OF.search(after) and not _SHARE_OF.search(canon(hit.surface)):
            # R&D经费投入占同期GDP的比重: a share of the amount named, whatever is written between
            # (同期, 当年): the share indicator sharing the amount's words.
            for label, concept in self.labels:
                run = _longest_common_run(piece, label)
                if _SHARE_OF.search(label) and len(run) >= hit_length - 1 and len(run) > len(best_run) \
                        and len(_longest_common_run(run, own)) >= hit_length - 1:
                    best_run, best_concept = run, concept
        if best_concept is None or best_concept.id == hit.id:
            return hit
        return IndicatorHit(best_concept.id, best_concept.label_zh, best_concept.label_en, 0.9, "label+partial",
                            hit.surface, hit.span)

    def match_proposed(self, text: str) -> list[IndicatorHit]:
        """Proposed indicators of the graph named by the text.

        A whole label in the text is best; otherwise labels sharing a run of at least four
        characters with the question's words (营商环境 in 优化营商环境).
        """
        canonical = canon(text)
        whole = [(iri, label) for iri, label, canonical_label in self.proposed if canonical_label in canonical]
        if whole:
            whole = [(iri, label) for iri, label in whole
                     if not any(label != other and label in other for _, other in whole)]
            return [IndicatorHit(iri, label, "", 0.8, "proposed", label)
                    for iri, label in sorted(whole, key=lambda item: -len(item[1]))[:3]]
        pieces = [p for p in residual_zh(text).split(_BLANK) if len(p) >= 4]
        best_len, found = 0, []
        for iri, label, canonical_label in self.proposed:
            run = max((_longest_common_run(piece, canonical_label) for piece in pieces), key=len, default="")
            if len(run) < 4 or len(run) < best_len:
                continue
            if len(run) > best_len:
                best_len, found = len(run), []
            found.append(IndicatorHit(iri, label, "", 0.6, "proposed", run))
        return found[:3]

    def match_proposed_words(self, words: Sequence[str]) -> list[IndicatorHit]:
        """Proposed indicators spelled out by Chinese words (an English question's words in
        Chinese: national-level high-level innovative talents -> 国家级 高层次 创新 人才): a label
        covered by at least two of the words, nearly all of its characters, the best covered first."""
        words = [canon(w) for w in words if len(w) >= 2]
        if len(words) < 2:
            return []
        scored: list[tuple[float, int, str, str]] = []
        for iri, label, canonical_label in self.proposed:
            covered = [False] * len(canonical_label)
            used = 0
            for word in words:
                start, hit = canonical_label.find(word), False
                while start >= 0:
                    covered[start:start + len(word)] = [True] * len(word)
                    hit = True
                    start = canonical_label.find(word, start + 1)
                used += hit
            share = sum(covered) / len(canonical_label)
            if used >= 2 and share >= WORDS_COVER:
                scored.append((share, len(canonical_label), iri, label))
        if not scored:
            return []
        best = max(share for share, *_ in scored)
        ranked = sorted((item for item in scored if item[0] >= best - 0.05), key=lambda item: (-item[0], -item[1]))
        return [IndicatorHit(iri, label, "", round(0.8 * share, 3), "proposed", label)
                for share, _, iri, label in ranked[:3]]

    def match_categories(self, text: str) -> list[IndicatorHit]:
        """A category label (研发投入, 科技人才) stands for every indicator under it."""
        canonical = canon(text)
        for label, category in self.category_labels:
            if len(label) >= 3 and label in canonical:
                return [IndicatorHit(c.id, c.label_zh, c.label_en, 0.6, "category", category.label_zh)
                        for c in self.narrower.get(category.id, [])]
        return []

    def match_partial(self, text: str) -> list[IndicatorHit]:
        """Concepts whose labels share the longest run (>= 3 characters) with the question's words."""
        residual = residual_zh(text)
        best_len = 0
        best: dict[str, tuple[Concept, str]] = {}
        for piece in residual.split(_BLANK):
            if len(piece) == 2 and len(_CJK.findall(piece)) == 2 and piece not in GENERIC_ZH:
                # A lone two-character word (专利, 人才) names a family of indicators.
                family = [c for label, c in self.labels if piece in label]
                if family and best_len < 2:
                    best_len, best = 2, {}
                if best_len == 2:
                    for concept in family:
                        best.setdefault(concept.id, (concept, piece))
                continue
            if len(piece) < _MIN_PARTIAL:
                continue
            for label, concept in self.labels:
                run = _longest_common_run(piece, label)
                if len(run) < _MIN_PARTIAL or run in GENERIC_ZH or len(_CJK.findall(run)) < 2:
                    continue
                if len(run) > best_len:
                    best_len, best = len(run), {concept.id: (concept, run)}
                elif len(run) == best_len:
                    best.setdefault(concept.id, (concept, run))
        if not best:
            best_len, best = 2, self._two_character_families(residual)
        if not best:
            return []
        return [IndicatorHit(c.id, c.label_zh, c.label_en, min(0.6, 0.15 * best_len), "partial", run)
                for c, run in best.values()]

    def _two_character_families(self, residual: str, limit: int = 10) -> dict[str, tuple[Concept, str]]:
        """Concepts sharing a specific two-character word (人才 in 人才引进) with the question."""
        found: dict[str, tuple[Concept, str]] = {}
        for piece in residual.split(_BLANK):
            for i in range(len(piece) - 1):
                word = piece[i:i + 2]
                if len(_CJK.findall(word)) < 2 or word in GENERIC_ZH:
                    continue
                for label, concept in self.labels:
                    if word in label:
                        found.setdefault(concept.id, (concept, word))
        return found if len(found) <= limit else {}

    def match_embedding(self, text: str) -> list[IndicatorHit]:
        """The label nearest in meaning to the question's remaining words, above a threshold."""
        import numpy as np

        residual = residual_zh(text).replace(_BLANK, "")
        specific = residual
        for word in sorted(GENERIC_ZH, key=len, reverse=True):
            specific = specific.replace(word, "")
        if len(_CJK.findall(residual)) < 3 or len(_CJK.findall(specific)) < 2:
            return []
        if self._label_vectors is None:
            self._label_vectors = np.asarray(self.encode([label for label, _ in self.labels]), dtype="float32")
        query = np.asarray(self.encode([residual]), dtype="float32")[0]
        scores = self._label_vectors @ query
        order = np.argsort(-scores)
        hits: dict[str, IndicatorHit] = {}
        top = float(scores[order[0]])
        if top < EMBEDDING_THRESHOLD:
            return []
        for i in order[:5]:
            if float(scores[i]) < top - 0.02:
                break
            concept = self.labels[int(i)][1]
            hits.setdefault(concept.id, IndicatorHit(concept.id, concept.label_zh, concept.label_en,
                                                     round(float(scores[i]), 3), "embedding", residual))
        return list(hits.values())

    # ---- English ------------------------------------------------------------------------
    def _english_index(self) -> dict[str, object]:
        """Token bags of every English label and alias, with IDF weights over the labels."""
        docs: list[tuple[str, list[str], str | None]] = []
        for concept in self.scheme.concepts:
            docs.append((concept.id, en_tokens(concept.label_en), None))
        for concept_id, aliases in ENGLISH_INDICATOR_ALIASES.items():
            if self.scheme.by_id(concept_id) is not None:
                docs += [(concept_id, en_tokens(alias), alias) for alias in aliases]
        frequency: dict[str, int] = {}
        for _, tokens, _ in docs:
            for token in set(tokens):
                frequency[token] = frequency.get(token, 0) + 1
        idf = {t: math.log(1 + len(docs) / f) for t, f in frequency.items()}
        return {"docs": docs, "idf": idf}

    def match_english(self, text: str) -> list[IndicatorHit]:
        """English labels and aliases, ranked by weighted word overlap (F1 of question and label).

        A label must cover the question's indicator words and the question the label's: "R&D
        spending share of GDP" fits R&D intensity better than gross R&D expenditure. An alias
        written verbatim in the question gets a bonus.
        """
        lowered = " " + re.sub(r"\s+", " ", text.lower().replace("’", "'")) + " "
        lowered = lowered.replace("research and development", "r&d").replace(" rd ", " r&d ")
        words = set(en_tokens(lowered))
        if not words:
            return []
        idf: dict[str, float] = self._en_index["idf"]  # type: ignore[assignment]
        weight = lambda tokens: sum(idf.get(t, 1.0) for t in tokens)  # noqa: E731
        best: dict[str, tuple[float, str]] = {}
        for concept_id, tokens, alias in self._en_index["docs"]:  # type: ignore[union-attr]
            overlap = words & set(tokens)
            if not overlap:
                continue
            question_share = weight(overlap) / weight(words)
            label_share = weight(overlap) / weight(set(tokens))
            score = 2 * question_share * label_share / (question_share + label_share)
            if alias and re.search(r"(?<![a-z])" + re.escape(alias) + r"(?![a-z])", lowered):
                score = min(1.0, score + 0.2)
            if score > best.get(concept_id, (0.0, ""))[0]:
                best[concept_id] = (score, alias or " ".join(sorted(overlap)))
        if not best:
            return []
        top = max(score for score, _ in best.values())
        if top < 0.45:
            return []
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        hits = []
        for concept_id, (score, surface) in ranked[:4]:
            if score < top - 0.1:
                break
            concept = self.scheme.by_id(concept_id)
            hits.append(IndicatorHit(concept_id, concept.label_zh, concept.label_en, round(0.9 * score, 3),
                                     "english", surface))
        return hits


#: Characters an English question's Chinese words must share with a proposed indicator's label.
MIN_ENGLISH_PROPOSED_RUN = 5
#: An English label match scoring below this gives way to an indicator written in full.
ENGLISH_SURE = 0.5


#: Share of a proposed indicator's characters an English question's Chinese words must cover.
WORDS_COVER = 0.8


def _chinese_words(text: str) -> list[str]:
    """The glossary's Chinese words for an English text, each on its own."""
    words, _ = load_glossary().translate(singular(text).split())
    return words


def _in_chinese(text: str) -> str:
    """The glossary's Chinese words for an English text, in the text's order, run together."""
    words, _ = load_glossary().translate(singular(text).split())
    return "".join(words)


def en_tokens(text: str) -> list[str]:
    """Content words of English text, lower-cased and singular (enterprises -> enterprise)."""
    text = text.lower().replace("research and development", "r&d").replace("hi-tech", "high-tech")
    text = text.replace("high tech", "high-tech").replace("sci-tech", "s&t").replace("science and technology", "s&t")
    tokens = []
    for token in _EN_TOKEN.findall(text):
        token = token.strip("'-").removesuffix("'s")
        if not token or token[0].isdigit() or token in ENGLISH_STOPWORDS:
            continue
        token = _EN_SYNONYMS.get(token, token)
        if token.endswith("ies") and len(token) > 4:
            token = token[:-3] + "y"
        elif token.endswith("s") and not token.endswith("ss") and len(token) > 3:
            token = token[:-1]
        token = _EN_SYNONYMS.get(token, token)
        if token not in ENGLISH_STOPWORDS:
            tokens.append(token)
    return tokens


def residual_zh(text: str) -> str:
    """The question without cue words and generic words, pieces separated by ``|``."""
    canonical = canon(text)
    for cue in sorted(CUE_ZH, key=len, reverse=True):
        canonical = canonical.replace(canon(cue) or cue, _BLANK)
    canonical = re.sub(r"[？?。，,！!、：:；;（）()\s\d]+", _BLANK, canonical)
    return re.sub(r"\|+", _BLANK, canonical).strip(_BLANK)


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = _BLANK
    return "".join(chars)


#: A share of an amount: 占GDP比重, 占比, 强度.
_SHARE_OF = re.compile(r"占.{0,8}(比重|比例)|占比|强度")


def _longest_common_run(a: str, b: str) -> str:
    """Longest common substring of two short strings."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best
