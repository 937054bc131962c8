"""View + a dataset's published rows -> Chart: a plotly figure (plain JSON dict) in id-ID, its text and its data."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import replace
from typing import Any

import pandas as pd

from generator.model import Dataset
from generator.views import Chart, describe, teks
from generator.views import data as views_data
from generator.views.data import Drawn, plain
from generator.views.describe import headline
from generator.views.model import View
from generator.views.regions import Boundaries, normalise
from generator.views.regions import load as load_boundaries

WIDTH, HEIGHT, MAP_HEIGHT = 720, 420, 560  # fixed: the static SVG and the interactive chart match
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"  # Material's stack with `font: false`
TEXT = "#1f2328"
GRID = "#e3e6ea"
# Each has at least 4.5:1 contrast against white (WCAG AA for text, so more than the 3:1 graphics need);
# neighbours differ in hue and lightness for colour-blind readers.
PALETTE = ("#1d5fa8", "#b0461a", "#2b7a34", "#8a3b8f", "#00707a", "#9c2c4c", "#6b6100", "#56606b")
__all__ = ["CONFIG", "chart", "headline"]

MAP_SCALE = [[0.0, "#eaf1f8"], [0.25, "#b6cfe8"], [0.5, "#6e9fd2"], [0.75, "#2f68ac"], [1.0, "#0f3766"]]
# plotly.js config for the interactive chart (not part of the figure): no logo, no cloud link
CONFIG = {"displaylogo": False, "responsive": True, "locale": "id", "modeBarButtonsToRemove": ["sendDataToCloud"]}
BAR_ROW = 26  # px per bar of a horizontal bar chart


def canonical(figure: dict[str, Any]) -> str:
    return json.dumps(figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def category(drawn: Drawn, value: Any) -> Any:
    """An x value as the axis takes it: years stay numbers (the axis prints them as 2020), the rest labels."""
    value = plain(value)
    return value if drawn.is_year(drawn.view.x) and value is not None else teks.label(value)


def unit_suffix(unit: str | None) -> str:
    return f" {unit}" if unit else ""


def value_template(drawn: Drawn, axis: str) -> str:
    return f"%{{{axis}:{teks.d3(drawn.places)}}}{unit_suffix(drawn.unit)}"


def base_layout(height: int = HEIGHT) -> dict[str, Any]:
    return {
        "separators": teks.SEPARATORS,
        "font": {"family": FONT, "size": 13, "color": TEXT},
        "width": WIDTH,
        "height": height,
        "margin": {"l": 72, "r": 24, "t": 16, "b": 64},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "colorway": list(PALETTE),
        "hoverlabel": {"font": {"family": FONT, "size": 13}},
        "showlegend": False,
        "legend": {"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top", "title": {"text": ""}},
    }


def value_axis(drawn: Drawn) -> dict[str, Any]:
    axis: dict[str, Any] = {"tickformat": teks.d3(drawn.places, trim=True), "gridcolor": GRID, "zerolinecolor": GRID}
    axis["hoverformat"] = teks.d3(drawn.places)
    if drawn.unit:
        axis["title"] = {"text": drawn.unit}
    return axis


def category_axis(drawn: Drawn, count: int) -> dict[str, Any]:
    axis: dict[str, Any] = {"title": {"text": drawn.title(drawn.view.x)}, "showgrid": False, "linecolor": GRID}
    if drawn.is_year(drawn.view.x):
        # a year is an integer, never 2.020: no grouping, whole-number ticks only
        axis.update(type="linear", tickformat="d", hoverformat="d", dtick=max(1, math.ceil(count / 10)))
    else:
        axis["type"] = "category"
    return axis


def series(drawn: Drawn) -> list[tuple[str, pd.DataFrame, str]]:
    """(name, rows, measure) per trace: one per value of `seri`, else one per measure."""
    view, rows = drawn.view, drawn.rows
    if view.seri:
        return [(teks.label(plain(key)), part, view.measures[0]) for key, part in rows.groupby(view.seri, sort=True)]
    return [(drawn.title(m), rows, m) for m in view.measures]


def ordered(drawn: Drawn) -> pd.DataFrame:
    """Rows in the view's `urut` order (by the total of the measures), else as aggregated (by x)."""
    rows, view = drawn.rows, drawn.view
    if not view.urut or not view.x:
        return rows
    totals = rows.groupby(view.x, sort=False)[view.measures].sum().sum(axis=1)
    order = totals.sort_values(ascending=view.urut == "naik", kind="stable").index
    rank = {key: n for n, key in enumerate(order)}
    return rows.sort_values(view.x, key=lambda c: c.map(rank), kind="stable")


def cartesian(drawn: Drawn) -> dict[str, Any]:
    view = drawn.view
    drawn = replace(drawn, rows=ordered(drawn))
    traces = series(drawn)
    many = len(traces) > 1
    xs = drawn.rows[view.x].drop_duplicates()
    layout = base_layout()
    layout["showlegend"] = many
    layout["xaxis"] = category_axis(drawn, len(xs))
    layout["yaxis"] = value_axis(drawn)
    if view.jenis == "sebar" and not drawn.is_year(view.x):
        layout["xaxis"] = {**value_axis(drawn), "title": {"text": drawn.title(view.x)}, "tickformat": ",.2~f"}
    if view.urut and not drawn.is_year(view.x):
        layout["xaxis"].update(categoryorder="array", categoryarray=[category(drawn, x) for x in xs])
    x_hover = "%{x:d}" if drawn.is_year(view.x) else "%{x}"
    data = []
    for n, (name, part, measure) in enumerate(traces):
        color = PALETTE[n % len(PALETTE)]
        trace: dict[str, Any] = {
            "name": name,
            "x": [category(drawn, v) for v in part[view.x]],
            "y": [plain(v) for v in part[measure]],
            "hovertemplate": f"<b>{x_hover}</b><br>{value_template(drawn, 'y')}<extra>{name if many else ''}</extra>",
        }
        if view.jenis in ("garis", "area"):
            trace.update(type="scatter", mode="lines+markers", line={"color": color, "width": 2.5})
            trace["marker"] = {"color": color, "size": 6}
            if view.jenis == "area":
                trace.update(fill="tonexty" if n else "tozeroy", stackgroup="satu")
        elif view.jenis == "sebar":
            trace.update(type="scatter", mode="markers", marker={"color": color, "size": 8, "opacity": 0.85})
            x_value = x_hover if drawn.is_year(view.x) else "%{x:,.2~f}"
            trace["hovertemplate"] = (
                f"{drawn.title(view.x)}: {x_value}<br>{value_template(drawn, 'y')}<extra>{name if many else ''}</extra>"
            )
        else:
            trace.update(type="bar", marker={"color": color})
        data.append(trace)
    if view.jenis in ("batang", "batang-bertumpuk"):
        layout["barmode"] = "stack" if view.jenis == "batang-bertumpuk" else "group"
    if many:
        layout["margin"]["b"] = 96
    return {"data": data, "layout": layout}


def horizontal(drawn: Drawn) -> dict[str, Any]:
    view = drawn.view if drawn.view.urut else drawn.view.model_copy(update={"urut": "turun"})
    drawn = replace(drawn, view=view)
    drawn = replace(drawn, rows=ordered(drawn))
    traces = series(drawn)
    labels = [teks.label(plain(v)) for v in drawn.rows[view.x].drop_duplicates()]
    longest = max((len(label) for label in labels), default=4)
    layout = base_layout(max(HEIGHT, BAR_ROW * len(labels) + 120))
    layout["showlegend"] = len(traces) > 1
    layout["margin"]["l"] = min(320, 16 + 9 * longest)  # 13 px capitals are ~9 px wide: no label is cut
    layout["xaxis"] = value_axis(drawn)
    layout["yaxis"] = {
        "type": "category",
        "autorange": "reversed",
        "categoryorder": "array",
        "categoryarray": labels,
        "automargin": True,
    }
    layout["barmode"] = "stack" if len(traces) > 1 else "group"
    data = []
    for n, (name, part, measure) in enumerate(traces):
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": name,
                "y": [teks.label(plain(v)) for v in part[view.x]],
                "x": [plain(v) for v in part[measure]],
                "marker": {"color": PALETTE[n % len(PALETTE)]},
                "hovertemplate": f"<b>%{{y}}</b><br>{value_template(drawn, 'x')}<extra></extra>",
            }
        )
    return {"data": data, "layout": layout}


def pie(drawn: Drawn) -> dict[str, Any]:
    view, measure = drawn.view, drawn.view.measures[0]
    rows = drawn.rows.sort_values(measure, ascending=False, kind="stable")
    layout = base_layout()
    layout.update(showlegend=True, legend={"orientation": "v", "x": 1.02, "y": 0.5, "yanchor": "middle"})
    layout["margin"] = {"l": 24, "r": 24, "t": 16, "b": 16}
    trace = {
        "type": "pie",
        "labels": [teks.label(plain(v)) for v in rows[view.x]],
        "values": [plain(v) for v in rows[measure]],
        "sort": False,
        "direction": "clockwise",
        "marker": {"colors": [PALETTE[n % len(PALETTE)] for n in range(len(rows))], "line": {"color": "#ffffff"}},
        "textinfo": "percent",
        "texttemplate": "%{percent:.1%}",
        "hovertemplate": f"<b>%{{label}}</b><br>{value_template(drawn, 'value')} (%{{percent:.1%}})<extra></extra>",
    }
    if view.jenis == "donat":
        trace["hole"] = 0.55
    return {"data": [trace], "layout": layout}


def choropleth(drawn: Drawn, boundaries: Boundaries) -> dict[str, Any]:
    view, measure = drawn.view, drawn.view.measures[0]
    assert view.x is not None  # a map's x is its region code (check.py)
    codes = [str(plain(c)) for c in drawn.rows[view.x]]
    name = view.batas or boundaries.find(codes)
    if name is None or name not in boundaries.files:
        raise views_data.ViewError(f"tidak ada batas wilayah yang memuat semua kode {', '.join(codes[:5])}")
    locations = [normalise(c) or c for c in codes]
    names = [boundaries.regions[c].name if c in boundaries.regions else c for c in locations]
    layout = base_layout(MAP_HEIGHT)
    layout["margin"] = {"l": 8, "r": 8, "t": 8, "b": 8}
    layout["geo"] = {
        "fitbounds": "locations",
        "visible": False,
        "projection": {"type": "mercator"},
        "bgcolor": "#ffffff",
    }
    trace = {
        "type": "choropleth",
        "geojson": boundaries.features(name, locations),
        "featureidkey": "properties.kode",
        "locations": locations,
        "z": [plain(v) for v in drawn.rows[measure]],
        "text": names,
        "colorscale": MAP_SCALE,
        "marker": {"line": {"color": "#ffffff", "width": 0.8}},
        "colorbar": {
            "title": {"text": drawn.unit or drawn.title(measure)},
            "tickformat": teks.d3(drawn.places, trim=True),
            "thickness": 14,
            "len": 0.7,
        },
        "hovertemplate": f"<b>%{{text}}</b><br>{value_template(drawn, 'z')}<extra></extra>",
    }
    return {"data": [trace], "layout": layout}


def chart(dataset: Dataset, view: View, boundaries: Boundaries | None = None, produsen: str | None = None) -> Chart:
    """The chart or map a view declares, drawn from the dataset's published rows.

    `boundaries`: the portal's (regions.load(root)); Sebar's own when None. `produsen`: the producer's
    name for the source line (the code when None)."""
    drawn = views_data.prepare(dataset, view)
    if view.x is None:
        drawn = views_data.widened(drawn)
    if drawn.rows.empty:
        raise views_data.ViewError("tidak ada baris tersisa setelah penyaringan")
    view = drawn.view
    if view.jenis == "peta":
        figure = choropleth(drawn, boundaries or load_boundaries(None)[0])
    elif view.jenis in ("pai", "donat"):
        figure = pie(drawn)
    elif view.jenis == "batang-mendatar":
        figure = horizontal(drawn)
    else:
        figure = cartesian(drawn)
    key = hashlib.sha256(canonical(figure).encode("utf-8")).hexdigest()
    header, rows = describe.table(drawn, figure)
    return Chart(
        key=key,
        title=describe.title(drawn, dataset),
        kind=view.jenis,
        figure=figure,
        alt=describe.alt(drawn, dataset, figure),
        header=header,
        rows=rows,
        source=describe.source(dataset, produsen),
        unit=drawn.unit,
        note=view.catatan,
    )
