"""Synthetic plans at N times the bundled corpus, made at run time (never committed).

Each copy recombines the bundled plans' real structure (headings, numbered items, tables,
responsibility columns) with other places, shifted years and rescaled values:

- every county-level or city-level place name of the gazetteer found in a plan is swapped for
  another place of the same level (its short form too), the same swap throughout one copy;
- every year 2000-2039 moves by the same offset in one copy (-3..+3), so plans stay coherent;
- every number followed by a unit (%, 家, 个, 项, 亿元, 万元, 人, 件...) is multiplied by a factor
  in 0.6..1.6, keeping its decimals.

That alone (``--mode places``, the old generator) repeats about two clause texts in three across
copies, and each distinct text is encoded once, so scale figures were flattered. The default
``--mode honest`` also varies the wording as real plans of different places do:

- interchangeable plan words (the thesaurus' synonyms and the genre's verbs: 加强/强化,
  推进/推动/促进, 建设/打造/构建...) are drawn afresh at each occurrence;
- runs of numbered items are reordered; lines are dropped, and lines of the other plans are
  added (clauses recombined across plans).

    python benchmarks/synth_corpus.py 10 /tmp/plans10            # writes 10 x 5 files
    python benchmarks/synth_corpus.py 20 /tmp/plans20 --repeats  # and prints the share of repeated clauses
"""
from __future__ import annotations

import random
import re
from pathlib import Path

_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?=\s*年)")
#: Words plans of different places use for the same thing (never 力争/确保, which change a goal's kind).
GENRE_WORDS = (("加强", "强化", "加大"), ("推进", "推动", "促进"), ("建设", "打造", "构建"),
               ("提升", "提高", "增强"), ("完善", "健全", "优化"), ("支持", "扶持", "鼓励"),
               ("实施", "开展", "组织实施"), ("积极", "主动", "大力"), ("进一步", "持续", "不断"),
               ("重点", "着力", "聚焦"), ("企业", "市场主体"), ("落实", "贯彻落实"), ("培育", "培植"),
               ("开展", "举办", "组织"), ("服务", "保障"), ("工作", "任务"), ("全面", "全力", "加快"),
               ("科技", "科学技术"), ("创新", "自主创新"), ("项目", "课题"), ("平台", "载体"))
_ITEM = re.compile(r"^\s*(?:\d+[.、．]|（\d+）|\(\d+\)|[①-⑳])")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_VALUE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:%|％|家|个|项|亿元|万元|元|人|件|所|倍|次|名))")
#: Any number but a year or a list marker (honest mode varies the numbers of tables and counts too).
_ANY_VALUE = re.compile(r"(?<![\d.])(?<!^)(\d+(?:\.\d+)?)(?![\d.]|\s*年|[、.．）)])", re.MULTILINE)


def _places() -> dict[str, list[tuple[str, str]]]:
    from plankg.ontology.regions import load_gazetteer

    by_level: dict[str, list[tuple[str, str]]] = {}
    for region in load_gazetteer().regions.values():
        if region.level in ("county", "city") and len(region.name) >= 3:
            by_level.setdefault(region.level, []).append((region.name, region.short))
    return by_level


def vary(text: str, rng: random.Random, places: dict[str, list[tuple[str, str]]], every_number: bool = False
         ) -> str:
    """One varied copy of a plan's text (``every_number``: not only values followed by a unit)."""
    swaps: dict[str, str] = {}
    for names in places.values():
        present = [(name, short) for name, short in names if name in text]
        for name, short in present:
            other_name, other_short = rng.choice(names)
            swaps[name] = other_name
            if short and len(short) >= 2 and short != name:
                swaps[short] = other_short or other_name
    if swaps:
        pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
        text = pattern.sub(lambda m: swaps[m.group()], text)
    offset = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)

    def scale(match: re.Match[str]) -> str:
        number = match.group(1)
        value = float(number) * rng.uniform(0.6, 1.6)
        decimals = len(number.split(".")[1]) if "." in number else 0
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))

    return (_ANY_VALUE if every_number else _VALUE).sub(scale, text)


def word_groups() -> list[tuple[str, ...]]:
    """Groups of interchangeable words: the thesaurus' Chinese synonyms and :data:`GENRE_WORDS`."""
    from plankg.ontology.thesaurus import load_thesaurus

    groups = [tuple(term.zh) for term in load_thesaurus().terms if len(term.zh) > 1]
    return [*groups, *GENRE_WORDS]


def reword(text: str, rng: random.Random, groups: list[tuple[str, ...]]) -> str:
    """Draw each interchangeable word afresh from its group (about half of them change)."""
    choice = {word: group for group in groups for word in group if len(word) >= 2}
    pattern = re.compile("|".join(re.escape(w) for w in sorted(choice, key=len, reverse=True)))
    return pattern.sub(lambda m: rng.choice(choice[m.group()]) if rng.random() < 0.8 else m.group(), text)


def restructure(text: str, rng: random.Random, borrowed: list[str]) -> str:
    """Reorder runs of numbered items, drop some lines and add lines of other plans."""
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) > 1 and rng.random() < 0.5:
            rng.shuffle(run)
        out.extend(run)
        run.clear()

    for line in lines:
        if _ITEM.match(line):
            run.append(line)
            continue
        flush()
        if len(line.strip()) > 12 and not _HEADING.match(line) and rng.random() < 0.1:
            continue  # a dropped line
        out.append(line)
        if borrowed and len(line.strip()) > 12 and rng.random() < 0.1:
            out.append(rng.choice(borrowed))  # a line from another plan
    flush()
    return "\n".join(out)


def write_corpus(copies: int, folder: Path, seed: int = 13, mode: str = "honest") -> list[Path]:
    """Write ``copies`` varied copies of every bundled plan into ``folder``; return the files.

    Args:
        copies: Copies of each bundled plan (the first is the plan itself).
        folder: Where to write them.
        seed: Seed of the random choices (the same seed writes the same files).
        mode: ``honest`` varies wording and structure too; ``places`` only places, years and values.
    """
    from plankg.ingest.pipeline import bundled_paths

    if mode not in ("honest", "places"):
        raise ValueError(f"unknown mode {mode!r}: use honest or places")
    rng = random.Random(seed)
    places = _places()
    groups = word_groups() if mode == "honest" else []
    sources = [(p.name, p.read_text("utf-8")) for p in bundled_paths()]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k in range(copies):
        for name, text in sources:
            path = folder / f"synth{k:05d}_{name}"
            if k and mode == "honest":
                others = [line for other, body in sources if other != name for line in body.split("\n")
                          if len(line.strip()) > 12 and not _HEADING.match(line)]
                text = restructure(reword(text, rng, groups), rng, others)
            path.write_text(text if k == 0 else vary(text, rng, places, every_number=mode == "honest"), "utf-8")
            written.append(path)
    return written


def repeated_share(files: list[Path]) -> dict[str, float | int]:
    """How much of the corpus repeats: clauses whose text another clause repeats.

    Returns:
        ``clauses``; ``all`` (share of clauses repeated), ``long`` (the same among clauses of
        20 characters or more: table cells and unit names repeat in real plans too) and
        ``characters`` (share of the text's characters in repeated clauses, which is what
        deduplication saves in encoding).
    """
    from collections import Counter

    from plankg.ingest import read_corpus

    counts = Counter(c.text for c in read_corpus(files).clauses if c.text.strip())
    total = sum(counts.values())
    long = {text: n for text, n in counts.items() if len(text) >= 20}
    characters = sum(len(text) * n for text, n in counts.items())

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    return {"clauses": total,
            "all": share(sum(n for n in counts.values() if n > 1), total),
            "long": share(sum(n for n in long.values() if n > 1), sum(long.values())),
            "characters": share(sum(len(t) * n for t, n in counts.items() if n > 1), characters)}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Synthetic plans at N times the bundled corpus.")
    parser.add_argument("copies", type=int, nargs="?", default=10)
    parser.add_argument("out", type=Path, nargs="?", default=Path("synthetic"))
    parser.add_argument("--mode", choices=["honest", "places"], default="honest")
    parser.add_argument("--repeats", action="store_true", help="print the share of repeated clause texts")
    args = parser.parse_args()
    files = write_corpus(args.copies, args.out, mode=args.mode)
    if args.repeats:
        shares = repeated_share(files)
        print(f"{len(files)} files, {shares['clauses']} clauses; repeated: {shares['all']:.1%} of clauses, "
              f"{shares['long']:.1%} of those of 20+ characters, {shares['characters']:.1%} of the characters")
    print(f"wrote {len(files)} files to {args.out}")
