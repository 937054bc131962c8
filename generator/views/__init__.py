"""Charts, maps and headline figures declared in metadata or content pages, built from validated data.

The contract between the parts (each module's docstring says more):
- model.py   View (a declared chart or map) and Angka (a headline figure): the YAML keys, checked
- data.py    a dataset's published rows as a pandas frame; a view's filter, aggregation and pivot
- figure.py  View + frame -> Chart: a plotly figure (plain JSON dict), its text alternative, its data
- infer.py   the default views of a dataset that declares none
- regions.py boundary files (GeoJSON keyed by Kemendagri code): shipped ones and the portal's batas/
- check.py   issues of views and blocks (missing dataset or field, wrong type, unknown code)
- static.py  figures -> SVG at build time (kaleido with the system Chromium), cached by content
- html.py    the HTML of a chart on a page: picture, text alternative, data table, downloads
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Chart:
    """One chart or map, ready to be drawn: everything a page, a book or an infographic needs."""

    key: str  # sha256 of the figure's canonical JSON: names its files (grafik-<key[:12]>.svg/.json)
    title: str  # Indonesian, shown as the caption
    kind: str  # the view's `jenis`: batang, garis, peta, ...
    figure: dict[str, Any]  # plotly JSON: {"data": [...], "layout": {...}}; numbers in id-ID
    alt: str  # the text alternative: one or two Indonesian sentences saying what the chart shows
    header: tuple[str, ...]  # the chart's data as a table (the accessible form of the chart):
    rows: tuple[tuple[str, ...], ...]  # cells already formatted in id-ID (1.234,5)
    source: str  # "Sumber: <producer>, <dataset title>"
    unit: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    """A headline figure: the latest value of a measure and its change against the previous period."""

    label: str  # e.g. "Penduduk miskin Jawa Barat"
    value: str  # formatted in id-ID: "4.004,9"
    unit: str | None  # "ribu jiwa"
    period: str | None  # "2020"
    change: str | None  # "naik 7,8% dibanding 2019", or None when there is no previous period
    direction: str | None  # "naik" | "turun" | "tetap" | None
    source: str
