"""What a dataset page shows a citizen first: a summary in words, named downloads, the measure columns
(redundant ones hidden, but one click away), facets and a year pivot, from the table's own rows."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.config import FieldSpec, Portal
from generator.model import Dataset, Resource
from generator.views.teks import date as long_date

FREKUENSI = {
    "harian": "Harian",
    "mingguan": "Mingguan",
    "bulanan": "Bulanan",
    "triwulanan": "Triwulanan",
    "semesteran": "Semesteran",
    "tahunan": "Tahunan",
    "dua-tahunan": "Dua tahunan",
    "lima-tahunan": "Lima tahunan",
    "sepuluh-tahunan": "Sepuluh tahunan",
    "tidak-tetap": "Tidak tetap",
}
KLASIFIKASI = {"terbuka": "Terbuka", "terbatas": "Terbatas", "dikecualikan": "Dikecualikan"}
TINGKAT = {
    "nasional": "Nasional",
    "provinsi": "Provinsi",
    "kabupaten/kota": "Kabupaten/kota",
    "kecamatan": "Kecamatan",
    "desa/kelurahan": "Desa/kelurahan",
}
FINER = list(TINGKAT)  # coarse to fine
ROW_ID = re.compile(r"^(?:id|no|nomor)(?:_|$)", re.IGNORECASE)  # a row number, not a fact
MEASURE_TYPES = ("integer", "number")
FACET_VALUES = 12  # a column with at most this many distinct values gets facet buttons
PIVOT_ROWS = 500  # a pivot of more rows than this is no easier to read than the long table


@dataclass(frozen=True)
class Kolom:
    """A column as the page's table shows it: hidden columns stay in the table, shown by one click."""

    index: int
    field: FieldSpec
    sembunyi: bool  # hidden by default (JavaScript only: without it every column shows)
    alasan: str  # why it is hidden, as the column chooser says it

    @property
    def ukuran(self) -> bool:
        """A measure: a number that is not a row number or a year."""
        return self.field.type in MEASURE_TYPES and not ROW_ID.match(self.field.name)


@dataclass(frozen=True)
class Segi:
    """A facet: a column of few values, each a button that filters the table."""

    index: int
    title: str
    values: tuple[tuple[str, int], ...]  # (value as text, rows)


@dataclass(frozen=True)
class Pivot:
    """The long year table turned: one row per region (and other dimension), one column per year."""

    dimensions: tuple[str, ...]  # the row headers' titles
    years: tuple[str, ...]
    measure: FieldSpec
    rows: tuple[tuple[tuple[str, ...], tuple[Any, ...]], ...]  # (labels, value per year or None)


@dataclass(frozen=True)
class Tabel:
    kolom: tuple[Kolom, ...]
    segi: tuple[Segi, ...]
    pivot: Pivot | None
    tetap: tuple[tuple[str, str], ...]  # hidden constant columns: (title, their one value)
    unduh: str  # the download files' name without extension

    @property
    def tersembunyi(self) -> int:
        return sum(k.sembunyi for k in self.kolom)

    @property
    def lekat(self) -> int:
        """The first shown column: it stays in view while the table scrolls sideways."""
        return next((k.index for k in self.kolom if not k.sembunyi), 0)


def download_name(dataset: Dataset, resource: Resource) -> str:
    """`penduduk-jenis-kelamin-2013-2020`: the dataset, its period and, beside others, the table."""
    periode = dataset.spec.satudata.periode
    stem = dataset.slug if dataset.slug.endswith(periode) else f"{dataset.slug}-{periode}"
    return stem if len(dataset.resources) == 1 else f"{stem}-{resource.spec.name}"


def rows(dataset: Dataset, resource: Resource) -> list[list[Any]] | None:
    """The rows of a small table as the page's script reads them (its chunks); None for a big one."""
    if dataset.files is None:
        return None
    folder = dataset.files / f"{resource.spec.name}.bagian"
    if not folder.is_dir():
        return None
    chunks = sorted(folder.glob("*.json"), key=lambda p: int(p.stem) if p.stem.isdigit() else -1)
    return [row for chunk in chunks for row in json.loads(chunk.read_text(encoding="utf-8"))]


def cell(value: Any) -> str:
    """A value as facet buttons and the script compare it: 2020, LAKI-LAKI, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def hidden(fields: list[FieldSpec], data: list[list[Any]] | None) -> list[str]:
    """Why each column is hidden by default ("" = shown): row numbers, codes beside their names,
    columns of one value; `tampil.sembunyi` decides when written. A measure is never hidden unasked,
    and at least one column always shows."""
    names = {f.name for f in fields}
    reasons = []
    for i, f in enumerate(fields):
        reason = ""
        values = {cell(row[i]) for row in data} if data and len(data) > 1 else None
        if ROW_ID.match(f.name):
            reason = "nomor baris"
        elif "kode" in f.name and f.name.replace("kode", "nama") in names:
            reason = "kode; namanya ada di kolom lain"
        elif values is not None and len(values) == 1 and f.type not in MEASURE_TYPES:
            reason = "nilainya sama di setiap baris"
        if f.tampil is not None and f.tampil.sembunyi is not None:
            reason = "disembunyikan produsen data" if f.tampil.sembunyi else ""
        reasons.append(reason)
    if all(reasons):
        return [""] * len(fields)
    return reasons


def facets(kolom: list[Kolom], data: list[list[Any]]) -> list[Segi]:
    found = []
    for k in kolom:
        if k.sembunyi or k.ukuran or k.field.type not in ("string", "year", "boolean", "integer"):
            continue
        counts = Counter(cell(row[k.index]) for row in data if row[k.index] is not None)
        if 2 <= len(counts) <= FACET_VALUES and len(counts) < len(data):
            values = sorted(counts.items(), key=lambda item: item[0].zfill(20) if item[0].isdigit() else item[0])
            found.append(Segi(k.index, k.field.title, tuple(values)))
    return found


def pivot(kolom: list[Kolom], data: list[list[Any]]) -> Pivot | None:
    """Rows = the shown dimensions (region first), columns = years, when the table has a year column,
    exactly one shown measure and one value per row and year."""
    shown = [k for k in kolom if not k.sembunyi]
    years = [k for k in shown if k.field.type == "year" or k.field.name.lower() == "tahun"]
    measures = [k for k in shown if k.ukuran and k not in years]
    if len(years) != 1 or len(measures) != 1:
        return None
    year, measure = years[0], measures[0]
    dimensions = [k for k in shown if k is not year and k is not measure]
    if not dimensions:
        return None
    table: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in data:
        key = tuple(cell(row[d.index]).strip() for d in dimensions)
        column = cell(row[year.index])
        if column in table.setdefault(key, {}):
            return None  # two values for one cell: not a long year table
        table[key][column] = row[measure.index]
    columns = sorted({y for values in table.values() for y in values})
    if len(columns) < 2 or len(table) > PIVOT_ROWS or len(table) == len(data):
        return None
    body = tuple((key, tuple(values.get(y) for y in columns)) for key, values in table.items())
    return Pivot(tuple(d.field.title for d in dimensions), tuple(columns), measure.field, body)


def table_view(dataset: Dataset, resource: Resource) -> Tabel:
    fields = resource.spec.schema_.fields
    data = rows(dataset, resource)
    reasons = hidden(fields, data)
    kolom = [Kolom(i, f, bool(reason), reason) for i, (f, reason) in enumerate(zip(fields, reasons, strict=True))]
    tetap = []
    if data:
        tetap = [
            (k.field.title, cell(data[0][k.index]))
            for k in kolom
            if k.alasan == "nilainya sama di setiap baris" and data[0][k.index] is not None
        ]
    return Tabel(
        kolom=tuple(kolom),
        segi=tuple(facets(kolom, data)) if data else (),
        pivot=pivot(kolom, data) if data else None,
        tetap=tuple(tetap),
        unduh=download_name(dataset, resource),
    )


def detail_level(dataset: Dataset) -> str:
    """The finest region level the rows give (from the columns' region codes), else the coverage's."""
    levels = [f.kode.tingkat for r in dataset.spec.resources for f in r.schema_.fields if f.kode and f.kode.tingkat]
    level = max(levels, key=FINER.index) if levels else dataset.spec.satudata.cakupan.tingkat
    return TINGKAT[level]


def iso_date(value: str | None) -> str:
    """`2026-11-02T08:00:00+07:00` -> `2 November 2026`."""
    return long_date(dt.date.fromisoformat(value[:10])) if value else "–"


def report_link(portal: Portal, dataset: Dataset) -> str | None:
    """Where a reader asks about or reports the data: the dataset's contact, the portal's report page
    (`laporan_url`), or the Walidata, in that order."""
    subject = quote(f"Pertanyaan tentang data: {dataset.spec.title}")
    kontak = dataset.spec.satudata.kontak
    if kontak and kontak.email:
        return f"mailto:{kontak.email}?subject={subject}"
    if portal.laporan_url:
        return portal.laporan_url
    if portal.walidata.email:
        return f"mailto:{portal.walidata.email}?subject={subject}"
    return None


def globals_(portal: Portal) -> dict[str, Any]:
    """What dataset.md uses from this module."""
    return {
        "table_view": table_view,
        "detail_level": detail_level,
        "tanggal": iso_date,
        "frekuensi": FREKUENSI,
        "klasifikasi": KLASIFIKASI,
        "tingkat": TINGKAT,
        "report_link": lambda dataset: report_link(portal, dataset),
    }
