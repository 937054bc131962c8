"""Real plotly figures for the grafik tests (until figure.py builds them from the demo datasets):
a bar, a line, a donut and a choropleth of West Java's 27 regencies and cities (the real boundaries)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from generator.views import Chart, Figure

BOUNDARIES = Path("/work/shared/data/batas-wilayah/jabar-kabkota.geojson")
YEARS = [2016, 2017, 2018, 2019, 2020]
POOR = [4168.1, 3774.4, 3539.4, 3375.9, 4004.9]  # penduduk miskin Jawa Barat, ribu jiwa (BPS, September)
LAYOUT: dict[str, Any] = {"width": 720, "height": 420, "separators": ",.", "font": {"family": "system-ui, sans-serif"}}


def _dict(fig: go.Figure) -> dict[str, Any]:
    return json.loads(fig.to_json())


def figures(scale: float = 1.0) -> dict[str, dict[str, Any]]:
    """key -> plotly JSON; `scale` changes the values (another filter choice, another figure)."""
    values = [round(v * scale, 1) for v in POOR]
    bar = go.Figure(go.Bar(x=[str(y) for y in YEARS], y=values, marker_color="#283593", hovertemplate="%{y:,.1f}"))
    bar.update_layout(**LAYOUT, xaxis={"type": "category"}, yaxis={"separatethousands": True})
    line = go.Figure(go.Scatter(x=YEARS, y=values, mode="lines+markers", line_color="#283593"))
    line.update_layout(**LAYOUT, xaxis={"tickformat": "d", "dtick": 1})
    donut = go.Figure(go.Pie(labels=["Laki-laki", "Perempuan"], values=[24_700_000 * scale, 24_300_000], hole=0.5))
    donut.update_layout(**LAYOUT)
    geojson = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    codes = [f["properties"]["kode"] for f in geojson["features"]]
    choropleth = go.Figure(
        go.Choropleth(
            geojson=geojson,
            featureidkey="properties.kode",
            locations=codes,
            z=[(i * 37 % 27) * scale for i in range(len(codes))],
            colorscale="Blues",
        )
    )
    choropleth.update_geos(fitbounds="locations", visible=False)
    choropleth.update_layout(**{**LAYOUT, "height": 560})
    return {"batang": _dict(bar), "garis": _dict(line), "donat": _dict(donut), "peta": _dict(choropleth)}


def id_number(value: float) -> str:
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def chart(key: str, figure: dict[str, Any]) -> Chart:
    return Chart(
        key=f"{key:0<64}"[:64],
        title=f"Penduduk miskin Jawa Barat ({key}) <2016–2020>",
        kind=key,
        figure=figure,
        alt="Grafik jumlah penduduk miskin Jawa Barat 2016–2020: tertinggi 4.168,1 ribu jiwa (2016), "
        "terendah 3.375,9 ribu jiwa (2019).",
        header=("Tahun", "Penduduk miskin"),
        rows=tuple((str(y), id_number(v)) for y, v in zip(YEARS, POOR, strict=True)),
        source="Sumber: BPS Provinsi Jawa Barat, Penduduk miskin",
        unit="ribu jiwa",
        note="Keadaan September tiap tahun.",
    )


def headline(value: str = "4.004,9") -> Figure:
    return Figure(
        label="Penduduk miskin Jawa Barat",
        value=value,
        unit="ribu jiwa",
        period="2020",
        change="naik 18,6% dibanding 2019",
        direction="naik",
        source="Sumber: BPS Provinsi Jawa Barat",
    )
