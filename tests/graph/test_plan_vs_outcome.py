"""Plan vs reported outcome on the bundled corpus: a 2019 goal matched to a later report."""
from __future__ import annotations

from plankg.graph.queries import plan_vs_outcome
from plankg.graph.store import open_store


def test_a_later_report_is_paired_with_the_2019_ranking_goal_without_a_verdict(bundled_workspace):
    home, _ = bundled_workspace
    store = open_store(home / "graph", kind="oxigraph")
    result = plan_vs_outcome(store, "national_hitech_zone_rank", region="温州")
    matched = [r for r in result.rows if r.get("actualValue") is not None]
    # A report of a later year is shown with its gap and no verdict (plankg.graph.outcomes).
    assert [(r["year"], r["targetValue"], r["actualValue"], r["met"]) for r in matched] == [(2019, 10.0, 10.0, None)]
    assert matched[0]["actualYear"] > matched[0]["year"]
    # An actual reported before the target's year does not count as its outcome.
    assert not [r for r in result.rows if r.get("actualYear") is not None and r["actualYear"] < r["year"]]


def test_places_moved_are_not_compared_with_rank_positions(bundled_workspace):
    home, _ = bundled_workspace
    store = open_store(home / "graph", kind="oxigraph")
    result = plan_vs_outcome(store, "provincial_hitech_zone_rank", region="温州")
    assert result.rows  # 乐清、瑞安 省级高新区 进入前10和前15 (positions, 名)
    assert all(r.get("actualValue") is None for r in result.rows)  # reports say 上升1位和4位 (places, 位)
