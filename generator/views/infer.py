"""The default views of a dataset that declares none: read from its schema and its data, so every page has a picture."""

from __future__ import annotations

import re

import pandas as pd

from generator.config import FieldSpec
from generator.model import Dataset
from generator.views import data as views_data
from generator.views.model import Agregasi, Jenis, View
from generator.views.regions import Boundaries, normalise
from generator.views.regions import load as load_boundaries

# names and titles of columns that identify or locate rather than measure
IDENTIFIER = re.compile(r"^(?:id|no|nomor|urut)$|(?:^|_|\b)(?:kode|id)(?:_|\b|$)|^tahun$", re.IGNORECASE)
YEAR_NAME = re.compile(r"^\d{4}$")
# units and titles of rates, averages and per-capita values: summing them means nothing
AVERAGED = re.compile(r"per ?kapita|/kapita|%|persen|rupiah|rata|indeks|rasio|angka|tingkat|per \w+", re.IGNORECASE)
SERIES_MAX = 6  # a categorical column with at most this many values becomes one series each (jenis_kelamin)
CATEGORY_MAX = 60  # a text column with at most this many values can be the bars of a ranked bar chart
FEW_PERIODS = 5  # up to this many periods: bars; more: a line
SMALL_SCALE = 10  # an integer column bounded by this (tingkat 1-4) is a code, not a measure


def is_measure(field: FieldSpec) -> bool:
    if field.type not in ("integer", "number") or IDENTIFIER.search(field.name) or IDENTIFIER.search(field.title):
        return False
    limits = field.option("constraints") or {}
    return not (field.type == "integer" and isinstance(limits.get("maximum"), int) and limits["maximum"] <= SMALL_SCALE)


def is_time(field: FieldSpec) -> bool:
    return field.type in views_data.TIME_TYPES or (field.type == "integer" and field.name.lower() == "tahun")


def aggregation(field: FieldSpec) -> Agregasi:
    text = " ".join(filter(None, [field.name.replace("_", " "), field.title, field.unit]))
    return "rata-rata" if AVERAGED.search(text) else "jumlah"


def total_of(measures: list[FieldSpec], rows: pd.DataFrame) -> FieldSpec:
    """The measure that is the sum of the others in every row (Jumlah = Negeri + Swasta), else the first."""
    for field in measures:
        others = [m.name for m in measures if m is not field]
        if len(others) >= 2 and (rows[others].sum(axis=1) - rows[field.name]).abs().max() < 1e-9:
            return field
    return measures[0]


def code_column(texts: list[FieldSpec], rows: pd.DataFrame, boundaries: Boundaries) -> str | None:
    """The region-code column with the most distinct codes that one boundary file covers."""
    best: tuple[int, str] | None = None
    for field in texts:
        if "kode" not in f"{field.name} {field.title}".lower():
            continue
        values = rows[field.name].dropna().unique()
        codes = [normalise(v) for v in values]
        if len(values) < 2 or None in codes or boundaries.find([c for c in codes if c]) is None:
            continue
        if best is None or len(values) > best[0]:
            best = (len(values), field.name)
    return best[1] if best else None


def name_column(code: str, names: list[str]) -> str:
    """The column naming the regions of a code column: kode_kabupaten_kota -> nama_kabupaten_kota."""
    wanted = code.replace("kode", "nama")
    return wanted if wanted in names else code


def default_views(dataset: Dataset, boundaries: Boundaries | None = None) -> list[View]:
    """Views for a dataset's first table, the main picture first:
    over time (line, or bars for few periods) with a series per small category; per region (a map of
    the latest period where boundaries cover the codes, and a ranked bar); per category (ranked bar);
    years as columns (a line over them); no measure: a count per small category; else nothing."""
    boundaries = boundaries or load_boundaries(None)[0]
    spec = dataset.spec.resources[0]
    fields = list(spec.schema_.fields)
    measures = [f for f in fields if is_measure(f)]
    wide = [f for f in measures if YEAR_NAME.match(f.name.strip())]
    times = [f for f in fields if is_time(f)]
    texts = [f for f in fields if f.type == "string"]
    rows = views_data.frame(dataset, spec.name, [f.name for f in texts + times + measures])
    distinct = {f.name: rows[f.name].nunique() for f in texts}
    small = [f.name for f in texts if 2 <= distinct[f.name] <= SERIES_MAX and "kode" not in f.name.lower()]
    if len(wide) >= 2:
        years = sorted((f.name for f in wide), key=lambda n: int(n))
        kind: Jenis = "batang" if len(years) <= FEW_PERIODS else "garis"
        return [View(jenis=kind, y=years, agregasi=aggregation(wide[0]))]
    if not measures:
        category = next((f for f in texts if 2 <= distinct[f.name] <= 12 and "kode" not in f.name.lower()), None)
        counted = next(
            (
                f
                for f in texts
                if f is not category
                and "kode" not in f.name.lower()
                and (f.option("constraints") or {}).get("required")
            ),
            None,
        )
        if category is None or counted is None:
            return []
        return [View(jenis="batang", x=category.name, y=counted.name, agregasi="banyak", urut="turun")]
    measure = total_of(measures, rows)
    how = aggregation(measure)
    views = []
    time = times[0] if times else None
    latest: dict[str, str | int | float | bool | list[str | int | float | bool]] = {}
    if time is not None:
        periods = rows[time.name].dropna().unique()
        if len(periods) > 1:
            over: Jenis = "batang" if len(periods) <= FEW_PERIODS else "garis"
            views.append(View(jenis=over, x=time.name, y=measure.name, seri=small[0] if small else None, agregasi=how))
        if len(periods):
            latest = {time.name: views_data.plain(max(periods))}
    code = code_column(texts, rows, boundaries)
    if code is not None:
        views.append(View(jenis="peta", x=code, y=measure.name, saring=latest, agregasi=how))
    label = name_column(code, [f.name for f in texts]) if code else None
    if label is None:
        label = next((f.name for f in texts if 2 < distinct[f.name] <= CATEGORY_MAX and f.name not in small), None)
    if label is not None:
        seri = small[0] if small and how == "jumlah" else None
        ranked = View(jenis="batang-mendatar", x=label, y=measure.name, seri=seri, saring=latest, agregasi=how)
        views.append(ranked.model_copy(update={"urut": "turun"}))
    return views
