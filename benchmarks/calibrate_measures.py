"""Calibrate the similarity from which two plan clauses count as the same measure.

Reads labelled pairs (``benchmarks/data/measure_pairs.tsv``: 1 = the same measure continued,
0 = different measures; written for this, not quoted), embeds both sides with the workspace's
encoder (m3e-small) and prints precision, recall and F1 of each threshold, and the best one
(``plankg.qa.measures.MATCH_THRESHOLD`` is set from it).

Usage: ``PLANKG_HOME=DIR python benchmarks/calibrate_measures.py``
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

PAIRS = Path(__file__).resolve().parent / "data" / "measure_pairs.tsv"


def load_pairs() -> list[tuple[int, str, str]]:
    pairs = []
    for line in PAIRS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, a, b = line.split("\t")
            pairs.append((int(label), a, b))
    return pairs


def main() -> int:
    from plankg.embeddings.encoder import load_encoder
    from plankg.qa.measures import MATCH_THRESHOLD
    from plankg.workspace import Workspace

    pairs = load_pairs()
    encoder = load_encoder(Workspace().settings)
    a = np.asarray(encoder.encode([p[1] for p in pairs]), dtype="float32")
    b = np.asarray(encoder.encode([p[2] for p in pairs]), dtype="float32")
    scores = (a * b).sum(axis=1)
    labels = np.array([p[0] for p in pairs])
    print(f"{len(pairs)} pairs ({labels.sum()} same, {len(labels) - labels.sum()} different); "
          f"similarity same: mean {scores[labels == 1].mean():.3f} min {scores[labels == 1].min():.3f}; "
          f"different: mean {scores[labels == 0].mean():.3f} max {scores[labels == 0].max():.3f}")
    print("| threshold | precision | recall | F1 |\n|---:|---:|---:|---:|")
    best = (0.0, 0.0)
    for threshold in np.arange(0.70, 0.951, 0.01):
        predicted = scores >= threshold
        tp = int((predicted & (labels == 1)).sum())
        precision = tp / max(1, int(predicted.sum()))
        recall = tp / max(1, int(labels.sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        best = max(best, (round(f1, 4), -round(float(threshold), 2)))
        print(f"| {threshold:.2f} | {precision:.2f} | {recall:.2f} | {f1:.3f} |")
    print(f"best F1 {best[0]:.3f} at {-best[1]:.2f}; plankg uses {MATCH_THRESHOLD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
