"""A dataset's published rows as a pandas frame, and a view's filter, aggregation and pivot over them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from generator.config import FieldSpec, ResourceSpec
from generator.model import Dataset
from generator.render.downloads import FORMULA_START, NUMERIC_TEXT
from generator.views import teks
from generator.views.model import Agregasi, Pivot, Saring, View

# pandas' names of the declared aggregations; `banyak` counts rows, whatever the column holds
AGGREGATE = {"jumlah": "sum", "rata-rata": "mean", "min": "min", "maks": "max", "banyak": "count"}
TIME_TYPES = ("year", "date")
WIDE_VALUE = "nilai"  # the measure of a wide table turned long (one column per year -> rows)


class ViewError(ValueError):
    """A view that cannot be drawn from its data (check.py reports it before any build reaches here)."""


def resource(dataset: Dataset, name: str | None = None) -> ResourceSpec:
    """The resource named `name`, or the dataset's first."""
    specs = dataset.spec.resources
    found = next((r for r in specs if r.name == name), None) if name else specs[0]
    if found is None:
        raise ViewError(f"tabel `{name}` tidak ada di dataset {dataset.produsen}/{dataset.slug}")
    return found


def fields(dataset: Dataset, name: str | None = None) -> dict[str, FieldSpec]:
    return {f.name: f for f in resource(dataset, name).schema_.fields}


def undefused(text: str) -> str:
    """A text cell as it was before the CSV writer guarded it against spreadsheet formulas (downloads.defused)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START) and not NUMERIC_TEXT.fullmatch(text[1:]):
        return text[1:]
    return text


def frame(dataset: Dataset, resource_name: str | None = None, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The published, normalised CSV of a resource (dataset.files/<name>.csv), typed by its Table Schema:
    text stays text (leading zeros kept), integers and years are Int64, numbers float64, dates datetime64.
    Only `columns` are read (in the file's order): a table may have millions of rows."""
    spec = resource(dataset, resource_name)
    if dataset.files is None:
        raise ViewError(f"dataset {dataset.produsen}/{dataset.slug} belum diperiksa: unduhannya belum ada")
    schema = {f.name: f for f in spec.schema_.fields}
    wanted = list(schema) if columns is None else [c for c in schema if c in set(columns)]
    data = pd.read_csv(
        dataset.files / f"{spec.name}.csv",
        usecols=wanted,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    for name in wanted:
        kind = schema[name].type
        column = data[name]
        if kind in ("integer", "year"):
            data[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            data[name] = pd.to_numeric(column).astype("float64")
        elif kind == "date":
            data[name] = pd.to_datetime(column, format="ISO8601")
        elif kind == "boolean":
            data[name] = column.map({"true": True, "false": False})
        else:
            data[name] = column.map(lambda v: undefused(v) if isinstance(v, str) else v)
    return data


def matches(column: pd.Series, wanted: Any) -> pd.Series:
    """Rows whose value equals one of `wanted`, each compared as the column's type (`tahun: "2020"` = 2020)."""
    values = wanted if isinstance(wanted, list) else [wanted]
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        numbers = pd.to_numeric(pd.Series([str(v) for v in values]), errors="coerce").dropna()
        return column.isin(list(numbers))
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.isin(list(pd.to_datetime(pd.Series([str(v) for v in values]), errors="coerce").dropna()))
    present = column.dropna()
    if pd.api.types.is_bool_dtype(column) or (len(present) and present.map(lambda v: isinstance(v, bool)).all()):
        return column.isin([v if isinstance(v, bool) else str(v).lower() == "true" for v in values])
    return column.isin([str(v) for v in values])


def filtered(data: pd.DataFrame, saring: Saring) -> pd.DataFrame:
    keep = pd.Series(True, index=data.index)
    for name, wanted in saring.items():
        keep &= matches(data[name], wanted)
    return data[keep]


def aggregate(data: pd.DataFrame, keys: Sequence[str], measures: Sequence[str], how: Agregasi) -> pd.DataFrame:
    """One row per combination of `keys` (sorted), each measure aggregated `how`; no keys: one row."""
    if not keys:
        row = {m: getattr(data[m], AGGREGATE[how])() for m in measures}
        return pd.DataFrame([row], columns=list(measures))
    grouped = data.groupby(list(keys), sort=True, dropna=True)[list(measures)]
    result = grouped.count() if how == "banyak" else grouped.agg(AGGREGATE[how], numeric_only=False)
    return result.reset_index()


def needed(view: View) -> list[str]:
    """The columns a view reads."""
    return list(dict.fromkeys([*filter(None, [view.x, view.seri]), *view.measures, *view.saring]))


def apply(view: View, data: pd.DataFrame) -> pd.DataFrame:
    """What a view draws: the rows its `saring` keeps, aggregated by x (and seri), sorted by x.
    Columns: x, seri (when given), then the measures. Without x: one row per seri (or one row)."""
    kept = filtered(data, view.saring)
    if view.jenis == "sebar":  # every row is a point: nothing to aggregate
        columns = list(dict.fromkeys([*filter(None, [view.x, view.seri]), *view.measures]))
        return kept[columns].dropna().sort_values(columns, kind="stable").reset_index(drop=True)
    keys = [k for k in (view.x, view.seri) if k]
    return top(view, aggregate(kept, keys, view.measures, view.agregasi))


def top(view: View, rows: pd.DataFrame) -> pd.DataFrame:
    """Only the rows of the `teratas` x values with the largest total (ties: the first x in order)."""
    if not view.teratas or not view.x or view.x not in rows:
        return rows
    totals = rows.groupby(view.x, sort=True)[view.measures].sum().sum(axis=1)
    keep = totals.sort_values(ascending=False, kind="stable").index[: view.teratas]
    return rows[rows[view.x].isin(keep)].reset_index(drop=True)


def pivot(data: pd.DataFrame, spec: Pivot, saring: Saring | None = None) -> pd.DataFrame:
    """A cross table: one row per `baris`, one column per `kolom` value, cells `nilai` aggregated."""
    kept = filtered(data, saring or {})
    table = pd.pivot_table(
        kept,
        index=spec.baris,
        columns=spec.kolom,
        values=spec.nilai,
        aggfunc=AGGREGATE[spec.agregasi],
        sort=True,
        observed=True,
    )
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()


@dataclass(frozen=True)
class Drawn:
    """A view's aggregated rows and what the figure, the text alternative and the table need of the schema."""

    view: View
    rows: pd.DataFrame
    fields: dict[str, FieldSpec]
    unit: str | None
    places: int  # decimals of the measures
    combined: bool = True  # whether the aggregation combined rows (else "rata-rata" of one value is the value)

    def title(self, name: str | None) -> str:
        return self.fields[name].title if name in self.fields else str(name)

    def is_year(self, name: str | None) -> bool:
        return name in self.fields and (self.fields[name].type == "year" or name.lower() == "tahun")

    def is_time(self, name: str | None) -> bool:
        return name in self.fields and (self.fields[name].type in TIME_TYPES or self.is_year(name))


def plain(value: Any) -> Any:
    """A cell as a JSON value: numpy and pandas scalars to Python, NaN to None, whole floats kept float."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):
        return teks.label(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):  # sums of decimals carry float noise (5137.599999999999): not data
        return round(value, 9)
    return value


def prepare(dataset: Dataset, view: View) -> Drawn:
    """Read only the columns a view needs, then filter and aggregate them."""
    schema = fields(dataset, view.sumber)
    rows = frame(dataset, view.sumber, needed(view))
    drawn = apply(view, rows)
    combined = view.jenis != "sebar" and len(filtered(rows, view.saring)) > len(drawn)
    unit = view.satuan or next((schema[m].unit for m in view.measures if m in schema and schema[m].unit), None)
    if view.agregasi == "banyak":  # a count of rows has no unit of its column
        unit = view.satuan
    places = teks.decimals(v for m in view.measures for v in drawn[m])
    return Drawn(view, drawn, schema, unit, places, combined)


def widened(drawn: Drawn) -> Drawn:
    """A view without x over a wide table: its y columns become the x axis (`tahun` when they are years)."""
    view, measures = drawn.view, drawn.view.measures
    years = all(m.strip().isdigit() and len(m.strip()) == 4 for m in measures)
    x = "tahun" if years else "kolom"
    records = []
    for _, row in drawn.rows.iterrows():
        for m in measures:
            label: Any = int(m) if years else drawn.title(m)
            records.append({x: label, **({view.seri: row[view.seri]} if view.seri else {}), WIDE_VALUE: row[m]})
    columns = [x, *([view.seri] if view.seri else []), WIDE_VALUE]
    rows = pd.DataFrame(records, columns=columns)
    rows = rows.sort_values([x, *([view.seri] if view.seri else [])], kind="stable").reset_index(drop=True)
    first = drawn.fields.get(measures[0])
    extra = {
        x: FieldSpec(name=x, type="year" if years else "string", title="Tahun" if years else "Kolom", description=x),
        WIDE_VALUE: FieldSpec(
            name=WIDE_VALUE,
            type="number",
            title=drawn.title(measures[0]) if years and first else "Nilai",
            description=WIDE_VALUE,
            unit=drawn.unit,
        ),
    }
    if years and first:  # "Garis kemiskinan 2020" -> "Garis kemiskinan"
        extra[WIDE_VALUE] = extra[WIDE_VALUE].model_copy(
            update={"title": first.title.removesuffix(measures[0]).strip()}
        )
    wide = view.model_copy(update={"x": x, "y": WIDE_VALUE})
    return Drawn(wide, rows, {**drawn.fields, **extra}, drawn.unit, drawn.places, drawn.combined)
