"""Was a goal met? A goal and a reported result of the same place, year, unit and kind of number.

The plan-versus-outcome query pairs a goal with a result of the same indicator concept. A report
often states both in its own words (超额完成全年净增130家目标任务 / 净增200家), under indicators no
concept joins: the facts found for the question by fit are paired here instead, and a verdict is
given only where the pair is comparable (same unit and kind of number, the result's year the
goal's); otherwise the two figures are shown side by side with no verdict.
"""
from __future__ import annotations

from typing import Any


def _comparable(goal: dict[str, Any], result: dict[str, Any]) -> bool:
    return (goal.get("unit") or "") == (result.get("unit") or "") and \
        (goal.get("measure") or "level") == (result.get("measure") or "level") and \
        goal.get("year") == result.get("year") and goal.get("value") is not None and \
        result.get("value") is not None and not goal.get("placeholder") and not result.get("placeholder")


def pairs(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any], bool]]:
    """(goal, result, met) for each goal with a comparable result (the first such result)."""
    goals = [r for r in rows if r.get("kind") == "target"]
    results = [r for r in rows if r.get("kind") == "achievement"]
    found = []
    for goal in goals:
        result = next((r for r in results if _comparable(goal, r)), None)
        if result is None:
            continue
        lower_is_better = goal.get("comparator") in ("<=", "<")
        met = result["value"] <= goal["value"] if lower_is_better else result["value"] >= goal["value"]
        found.append((goal, result, met))
    return found


def verdict_text(found: list[tuple[dict[str, Any], dict[str, Any], bool]], language: str) -> str:
    """One sentence per pair: the goal, the result and whether it was met."""
    sentences = []
    for goal, result, met in found[:3]:
        label = goal.get("indicator") or goal.get("phrase") or ""
        year = goal.get("year")
        if language == "zh":
            when = f"{year}年" if year else ""
            sentences.append(f"{when}{label}：目标{goal.get('stated')}，实际{result.get('stated')}，"
                             f"{'已完成' if met else '未完成'}。")
        else:
            when = f" in {year}" if year else ""
            sentences.append(f"{label}{when}: target {goal.get('stated')}, reported {result.get('stated')}; "
                             f"{'met' if met else 'not met'}. ")
    return "".join(sentences)
