"""Plotly figures drawn locally (``gr.Plot`` bundles plotly.js; nothing comes from a CDN)."""
from __future__ import annotations

import math
from typing import Any

from plankg.graph.outcomes import measure_kind

_KIND_STYLE = {
    "baseline": {"dash": "dot", "symbol": "square", "label": "基期 baseline"},
    "target": {"dash": "solid", "symbol": "circle", "label": "目标 target"},
    "stretch": {"dash": "dash", "symbol": "star", "label": "力争 stretch"},
    "actual": {"dash": "solid", "symbol": "diamond", "label": "实绩 actual"},
}
#: Panel titles per kind of measure (plankg.graph.outcomes.measure_kind): unlike ones never share an axis.
_MEASURE_LABEL = {"increment": "新增 added", "total": "总量 total", "rate": "增速 rate", "rank": "位次 rank",
                  "multiple": "倍数 multiple"}
_FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"


def evolution_figure(points: list[dict]) -> Any:
    """Values over the years: one panel per indicator, unit and kind of measure (yearly additions,
    totals and rates never share an axis), one series per place and value kind; years as integers.

    Args:
        points: Rows from :meth:`plankg.ui.data.AppData.series`.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    panels: dict[tuple, list[dict]] = {}
    for point in points:
        panels.setdefault((point["indicator"], point["unit"], measure_kind(point["measure"])), []).append(point)
    keys = sorted(panels)[:6]
    if not keys:
        figure = go.Figure()
        figure.add_annotation(text="没有可画的数值 No values to chart", showarrow=False, font={"size": 16})
        figure.update_layout(font={"family": _FONT}, height=300)
        return figure
    titles = [f"{name}（{unit or '—'}）· {_MEASURE_LABEL.get(kind, kind)}" for name, unit, kind in keys]
    figure = make_subplots(rows=len(keys), cols=1, subplot_titles=titles, vertical_spacing=0.12 if len(keys) > 1 else 0.1)
    shown: set[tuple] = set()  # one legend entry per place and value kind, whatever the panel
    for panel, key in enumerate(keys, start=1):
        series: dict[tuple, list[dict]] = {}
        for point in panels[key]:
            series.setdefault((point["region"], point["kind"]), []).append(point)
        for (region, kind), values in sorted(series.items()):
            values.sort(key=lambda p: p["year"])
            style = _KIND_STYLE.get(kind, _KIND_STYLE["target"])
            figure.add_trace(go.Scatter(
                x=[p["year"] for p in values], y=[p["value"] for p in values],
                mode="lines+markers", name=f"{region} · {style['label']}",
                legendgroup=f"{region}{kind}", showlegend=(region, kind) not in shown,
                line={"dash": style["dash"]}, marker={"symbol": style["symbol"], "size": 9},
                customdata=[[p["doc_title"]] for p in values],
                hovertemplate="%{x}: %{y}<br>%{customdata[0]}<extra>" + f"{region} {style['label']}" + "</extra>",
            ), row=panel, col=1)
            shown.add((region, kind))
        # Whole years only: a tick every year, written 2024, never 2024.2.
        figure.update_xaxes(dtick=1, tickformat="d", row=panel, col=1)
    figure.update_layout(height=max(360, 300 * len(keys)), font={"family": _FONT}, legend={"orientation": "h", "y": -0.08, "font": {"size": 11}},
                         margin={"l": 50, "r": 20, "t": 50, "b": 40})
    return figure


def network_figure(centre: str, neighbours: list[dict]) -> Any:
    """The entity and its neighbours as a star network (a plotly scatter, drawn locally)."""
    import plotly.graph_objects as go

    names: list[str] = []
    relation_of: dict[str, str] = {}
    for row in neighbours:
        name = row["neighbour"]
        if name and name != centre and name not in relation_of:
            names.append(name)
            relation_of[name] = f"{row['relation']} ({row['direction']})"
    names = names[:60]
    positions = {centre: (0.0, 0.0)}
    for index, name in enumerate(names):
        angle = 2 * math.pi * index / max(len(names), 1)
        radius = 1.0 if index % 2 == 0 or len(names) < 16 else 1.6
        positions[name] = (radius * math.cos(angle), radius * math.sin(angle))
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for name in names:
        edge_x += [0.0, positions[name][0], None]
        edge_y += [0.0, positions[name][1], None]
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=edge_x, y=edge_y, mode="lines", line={"width": 1, "color": "#aab"}, hoverinfo="skip",
                                showlegend=False))
    labels = [centre] + names
    figure.add_trace(go.Scatter(
        x=[positions[n][0] for n in labels], y=[positions[n][1] for n in labels], mode="markers+text",
        text=labels, textposition="top center", hovertext=[centre] + [f"{n}<br>{relation_of[n]}" for n in names],
        hoverinfo="text", marker={"size": [26] + [14] * len(names), "color": ["#d9480f"] + ["#1c7ed6"] * len(names)},
        showlegend=False,
    ))
    figure.update_layout(height=520, font={"family": _FONT}, xaxis={"visible": False}, yaxis={"visible": False},
                         margin={"l": 10, "r": 10, "t": 10, "b": 10}, plot_bgcolor="white")
    return figure
