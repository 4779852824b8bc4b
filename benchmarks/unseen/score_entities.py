#!/usr/bin/env python3
"""Score plankg's named entities against a gold list, through the command line only.

Usage (from the project root):
    python benchmarks/unseen/score_entities.py --gold DIR [--cmd "plankg"] [--home DIR] [-q]

The gold directory holds meta.json ({"docs": "docs"}) and entities.jsonl, one line per name:
    {"doc": "e01_x_2022", "name": "临海市科学技术局", "type": "government|park|programme|institute|organisation"}
A line may also carry "names": [...], the other names the annotator accepts for the same thing (a gold.tsv
row 银川市科学技术局|银川市科技局|市科技局 converted to one line); any of them counts as found.

Without --home the documents are built into a fresh private workspace ($PLANKG_HOME set to a temporary
folder, as the shared score.py does); with --home an existing workspace is read and nothing is built.

Names are compared after removing whitespace (the texts carry stray spaces inside names) and the marks of a
title or a quote (《》〈〉“”), which annotators write or leave out as they please.
Recall: a gold name counts as found when some exported entity has a mention in that document whose surface,
or whose entity's name or alias, equals it. Precision: over the distinct (document, surface) mentions the
project exported for the gold documents, leaving out the types region and person (places and persons are
not annotated); exact = equal to a gold name of the same document, lenient = equal, containing one or
contained in one; resolved = exact, or the mention's entity is named as a gold name of that document (a short
surface such as 市人民政府 that the project resolved to the gold 绵阳市人民政府). The last line printed is the summary.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

UNSCORED_TYPES = ("region", "person")


def squash(text: object) -> str:
    """A name without whitespace and without the marks around a title or a quoted core (《》〈〉“”"):
    annotators write 《X实施方案》 or “瞪羚”企业 where the project exports X实施方案 and 瞪羚企业, or the reverse."""
    return re.sub(r"[\s《》〈〉<>“”\"]+", "", str(text))


def doc_key(pred_doc: object, gold_docs: set[str]) -> str | None:
    """The gold document a predicted document path or name belongs to, if any."""
    name = Path(str(pred_doc)).name
    for doc in gold_docs:
        if name.startswith(doc) or doc in str(pred_doc):
            return doc
    return None


def run(cmd: list[str], env: dict[str, str], timeout: int) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-600:]}")
    return proc.stdout


def load_gold(gold_dir: Path) -> list[dict]:
    lines = (gold_dir / "entities.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predicted(rows: list[dict], gold_docs: set[str]) -> tuple[
        dict[str, set[str]], Counter, dict[str, set[tuple[str, str]]], dict[tuple[str, str, str], set[str]]]:
    """Names known per document, the unscored count, surfaces per (document, type), and the names of the
    entities each (document, surface, type) belongs to."""
    names: dict[str, set[str]] = {}
    surfaces: dict[str, set[tuple[str, str]]] = {}
    unscored: Counter = Counter()
    entity_names: dict[tuple[str, str, str], set[str]] = {}
    for row in rows:
        kind = str(row.get("type"))
        for mention in row.get("mentions") or []:
            doc = doc_key(mention.get("doc"), gold_docs)
            if doc is None:
                continue
            known = names.setdefault(doc, set())
            known.update(squash(n) for n in [mention.get("surface"), row.get("name"), *(row.get("aliases") or [])] if n)
            if kind in UNSCORED_TYPES:
                unscored[kind] += 1
            else:
                surfaces.setdefault(doc, set()).add((squash(mention.get("surface")), kind))
                entity_names.setdefault((doc, squash(mention.get("surface")), kind), set()).add(squash(row.get("name")))
    return names, unscored, surfaces, entity_names


def score(gold: list[dict], rows: list[dict], verbose: bool) -> str:
    gold_docs = {g["doc"] for g in gold}
    names, unscored, surfaces, entity_names = predicted(rows, gold_docs)
    found_by_type: Counter = Counter()
    total_by_type: Counter = Counter()
    for g in gold:
        total_by_type[g["type"]] += 1
        ok = any(squash(n) in names.get(g["doc"], set()) for n in g.get("names") or [g["name"]])
        found_by_type[g["type"]] += ok
        if verbose and not ok:
            print(f"  missed  {g['doc'][:3]} {g['type']:<12} {g['name']}")
    gold_names = {doc: {squash(n) for g in gold if g["doc"] == doc for n in g.get("names") or [g["name"]]}
                  for doc in gold_docs}
    exact = lenient = resolved = total = 0
    by_type: dict[str, list[int]] = {}
    for doc, pairs in sorted(surfaces.items()):
        for surface, kind in sorted(pairs):
            total += 1
            is_exact = surface in gold_names[doc]
            is_lenient = is_exact or any(surface in n or n in surface for n in gold_names[doc] if n and surface)
            exact += is_exact
            lenient += is_lenient
            # A short surface whose entity the project resolved to a gold name (市人民政府 -> 绵阳市人民政府).
            resolved += is_exact or bool(entity_names.get((doc, surface, kind), set()) & gold_names[doc])
            tally = by_type.setdefault(kind, [0, 0, 0])
            tally[0] += is_exact
            tally[1] += is_lenient
            tally[2] += 1
            if verbose and not is_lenient:
                print(f"  extra   {doc[:3]} {kind:<12} {surface}")
    found = sum(found_by_type.values())
    per_type = " ".join(f"{t}={found_by_type[t]}/{total_by_type[t]}" for t in sorted(total_by_type))
    prec_type = " ".join(f"{t}={v[0]}|{v[1]}/{v[2]}" for t, v in sorted(by_type.items()))
    print(f"recall by type: {per_type}")
    print(f"precision by exported type (exact|lenient/total): {prec_type}")
    print(f"not scored (types {', '.join(UNSCORED_TYPES)}): {dict(unscored)}")
    return (f"entities: recall={found}/{len(gold)} precision_exact={exact}/{total} "
            f"precision_lenient={lenient}/{total} precision_resolved={resolved}/{total}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True, help="gold directory with meta.json and entities.jsonl")
    ap.add_argument("--cmd", default="plankg", help="how to call the project's command line")
    ap.add_argument("--home", type=Path, help="reuse this built workspace instead of building one")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not list misses and extras")
    args = ap.parse_args()
    cmd = shlex.split(args.cmd)
    env = dict(os.environ)
    try:
        gold = load_gold(args.gold)
        if args.home:
            env["PLANKG_HOME"] = str(args.home)
        else:
            meta = json.loads((args.gold / "meta.json").read_text(encoding="utf-8"))
            env["PLANKG_HOME"] = tempfile.mkdtemp(prefix="plankg-entities-")
            run(cmd + ["build", str((args.gold / meta.get("docs", "docs")).resolve())], env, 1800)
        out = run(cmd + ["export", "entities", "--format", "jsonl"], env, 600)
        rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as exc:
        print(f"score_entities: cannot run: {exc}")
        return 2
    print("score_entities: " + score(gold, rows, not args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
