"""Synthetic plans at N times the bundled corpus, made at run time (never committed).

Each copy recombines the bundled plans' real structure (headings, numbered items, tables,
responsibility columns) with other places, shifted years and rescaled values:

- every county-level or city-level place name of the gazetteer found in a plan is swapped for
  another place of the same level (its short form too), the same swap throughout one copy;
- every year 2000-2039 moves by the same offset in one copy (-3..+3), so plans stay coherent;
- every number followed by a unit (%, 家, 个, 项, 亿元, 万元, 人, 件...) is multiplied by a factor
  in 0.6..1.6, keeping its decimals.

    python benchmarks/synth_corpus.py 10 /tmp/plans10     # writes 10 x 5 files
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?=\s*年)")
_VALUE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s*(?:%|％|家|个|项|亿元|万元|元|人|件|所|倍|次|名))")


def _places() -> dict[str, list[tuple[str, str]]]:
    from plankg.ontology.regions import load_gazetteer

    by_level: dict[str, list[tuple[str, str]]] = {}
    for region in load_gazetteer().regions.values():
        if region.level in ("county", "city") and len(region.name) >= 3:
            by_level.setdefault(region.level, []).append((region.name, region.short))
    return by_level


def vary(text: str, rng: random.Random, places: dict[str, list[tuple[str, str]]]) -> str:
    """One varied copy of a plan's text."""
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

    return _VALUE.sub(scale, text)


def write_corpus(copies: int, folder: Path, seed: int = 13) -> list[Path]:
    """Write ``copies`` varied copies of every bundled plan into ``folder``; return the files."""
    from plankg.ingest.pipeline import bundled_paths

    rng = random.Random(seed)
    places = _places()
    sources = [(p.name, p.read_text("utf-8")) for p in bundled_paths()]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k in range(copies):
        for name, text in sources:
            path = folder / f"synth{k:05d}_{name}"
            path.write_text(text if k == 0 else vary(text, rng, places), "utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("synthetic")
    files = write_corpus(count, out)
    print(f"wrote {len(files)} files to {out}")
