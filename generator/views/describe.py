"""What a chart says in words: its title, text alternative, data table, source, and headline figures."""

from __future__ import annotations

from typing import Any

from generator.model import Dataset
from generator.views import Figure, teks
from generator.views import data as views_data
from generator.views.data import Drawn, plain
from generator.views.model import Angka, View

KINDS = {
    "batang": "Grafik batang",
    "batang-bertumpuk": "Grafik batang bertumpuk",
    "batang-mendatar": "Grafik batang mendatar",
    "garis": "Grafik garis",
    "area": "Grafik area",
    "pai": "Diagram pai",
    "donat": "Diagram donat",
    "sebar": "Diagram sebar",
    "peta": "Peta",
}


def lower_first(text: str) -> str:
    """ "Jumlah penduduk" -> "jumlah penduduk"; an acronym (BPS, PDRB) keeps its capitals."""
    word = text.split(" ", 1)[0]
    return text if len(word) > 1 and word.isupper() else text[:1].lower() + text[1:]


def measure_title(drawn: Drawn, measure: str | None = None) -> str:
    """ "Jumlah penduduk"; "Rata-rata pengeluaran per kapita"; "Banyak nama objek wisata" (a count of rows)."""
    text = drawn.title(measure or drawn.view.measures[0])
    prefix = {"banyak": "Banyak", "rata-rata": "Rata-rata"}.get(drawn.view.agregasi) if drawn.combined else None
    return f"{prefix} {lower_first(text)}" if prefix else text


def place(dataset: Dataset) -> str:
    return dataset.spec.satudata.cakupan.nama.removeprefix("Provinsi ")


def region_level(drawn: Drawn) -> str:
    """`Kode kabupaten/kota (BPS)` -> `kabupaten/kota`."""
    title = lower_first(drawn.title(drawn.view.x)).split(" (")[0]
    return title.removeprefix("kode wilayah").removeprefix("kode").strip() or "wilayah"


def filters(drawn: Drawn) -> str:
    """`{tahun: 2020}` -> "tahun 2020"; several filters joined with commas."""
    parts = []
    for name, wanted in drawn.view.saring.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        parts.append(f"{lower_first(drawn.title(name))} {', '.join(teks.label(v) for v in values)}")
    return ", ".join(parts)


def title(drawn: Drawn, dataset: Dataset) -> str:
    view = drawn.view
    if view.judul:
        return view.judul
    text = measure_title(drawn)
    if view.jenis == "peta":
        text += f" per {region_level(drawn)}"
    elif drawn.is_year(view.x):
        text += " per tahun"
    elif view.x:
        text += f" menurut {lower_first(drawn.title(view.x))}"
    if view.seri:
        text += f" dan {lower_first(drawn.title(view.seri))}"
    where = filters(drawn)
    return f"{text}, {where}" if where else text


def amount(drawn: Drawn, value: Any) -> str:
    return f"{teks.number(value, drawn.places)}{f' {drawn.unit}' if drawn.unit else ''}"


def labels(drawn: Drawn, figure: dict[str, Any]) -> list[str]:
    """The label of each aggregated row: the region's name on a map, else the x value (and its series)."""
    view = drawn.view
    if view.jenis == "peta":
        return [str(name) for name in figure["data"][0]["text"]]
    found = []
    for _, row in drawn.rows.iterrows():
        parts = [teks.label(plain(row[view.seri]))] if view.seri else []
        found.append(", ".join([*parts, teks.label(plain(row[view.x]))]))
    return found


def alt(drawn: Drawn, dataset: Dataset, figure: dict[str, Any]) -> str:
    """One Indonesian sentence: what is drawn, where, when, and its highest and lowest values."""
    view = drawn.view
    measure = view.measures[0]
    values = [plain(v) for v in drawn.rows[measure]]
    points = [(label, v) for label, v in zip(labels(drawn, figure), values, strict=True) if v is not None]
    subject = f"{KINDS[view.jenis]} {lower_first(measure_title(drawn))}"
    where = filters(drawn)
    where = f" ({where})" if where else ""
    if not points:
        return f"{subject} {place(dataset)}{where}: tidak ada nilai."
    high = max(points, key=lambda p: p[1])
    low = min(points, key=lambda p: p[1])
    if view.jenis == "sebar":
        xs = drawn.title(view.x)
        return (
            f"{subject} terhadap {lower_first(xs)} {place(dataset)}{where}: {len(points)} titik; "
            f"tertinggi {amount(drawn, high[1])}, terendah {amount(drawn, low[1])}."
        )
    if view.jenis in ("pai", "donat"):
        total = sum(v for _, v in points) or 1
        return (
            f"{subject} menurut {lower_first(drawn.title(view.x))} {place(dataset)}{where}: "
            f"terbesar {high[0]} ({amount(drawn, high[1])}; {teks.number(high[1] / total * 100, 1)}%), "
            f"terkecil {low[0]} ({amount(drawn, low[1])}; {teks.number(low[1] / total * 100, 1)}%)."
        )
    if view.jenis == "peta":
        head = f"{subject} per {region_level(drawn)} {place(dataset)}{where}"
    elif drawn.is_time(view.x):
        periods = [teks.label(plain(v)) for v in drawn.rows[view.x]]
        span = f"{min(periods)}–{max(periods)}" if len(set(periods)) > 1 else periods[0]
        head = f"{subject} {place(dataset)} {span}{where}"
        return f"{head}: tertinggi {amount(drawn, high[1])} ({high[0]}), terendah {amount(drawn, low[1])} ({low[0]})."
    else:
        head = f"{subject} menurut {lower_first(drawn.title(view.x))} {place(dataset)}{where}"
    return f"{head}: tertinggi {high[0]} ({amount(drawn, high[1])}), terendah {low[0]} ({amount(drawn, low[1])})."


def table(drawn: Drawn, figure: dict[str, Any]) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The chart's data as a table, every cell formatted in id-ID: the accessible form of the chart."""
    view = drawn.view
    unit = f" ({drawn.unit})" if drawn.unit else ""
    header = [drawn.title(view.x)]
    if view.jenis == "peta":
        header.append("Wilayah")
    if view.seri:
        header.append(drawn.title(view.seri))
    header += [measure_title(drawn, m) + unit for m in view.measures]
    names = figure["data"][0]["text"] if view.jenis == "peta" else None
    rows = []
    for n, (_, row) in enumerate(drawn.rows.iterrows()):
        cells = [teks.label(plain(row[view.x]))]
        if names is not None:
            cells.append(str(names[n]))
        if view.seri:
            cells.append(teks.label(plain(row[view.seri])))
        cells += [teks.number(plain(row[m]), drawn.places) for m in view.measures]
        rows.append(tuple(cells))
    return tuple(header), tuple(rows)


def source(dataset: Dataset, produsen: str | None = None) -> str:
    return f"Sumber: {produsen or dataset.produsen}, {dataset.spec.title}"


def time_field(dataset: Dataset, resource: str | None, wanted: str | None) -> str | None:
    """The period column of a headline: the one named, else the first year or date column."""
    fields = views_data.fields(dataset, resource)
    if wanted:
        return wanted
    return next((f.name for f in fields.values() if f.type in views_data.TIME_TYPES), None)


def headline(dataset: Dataset, block: Angka | View, produsen: str | None = None) -> Figure:
    """The latest period's value of a measure and, when asked (always for a view), its change."""
    if isinstance(block, View):
        measure, saring, how, label, unit = block.measures[0], block.saring, block.agregasi, None, block.satuan
        x = (
            block.x
            if block.x and views_data.fields(dataset, block.sumber)[block.x].type in views_data.TIME_TYPES
            else None
        )
        x, resource, compare = time_field(dataset, block.sumber, x), block.sumber, True
    else:
        measure, saring, how, label, unit = block.y, block.saring, block.agregasi, block.label, block.satuan
        x, resource, compare = time_field(dataset, block.sumber, block.x), block.sumber, block.banding
    fields = views_data.fields(dataset, resource)
    columns = [c for c in (x, measure, *saring) if c]
    rows = views_data.filtered(views_data.frame(dataset, resource, columns), saring)
    totals = views_data.aggregate(rows, [x] if x else [], [measure], how).dropna(subset=[measure])
    if totals.empty:
        raise views_data.ViewError(f"tidak ada nilai `{measure}` setelah penyaringan")
    places = teks.decimals(float(v) for v in totals[measure]) if how != "banyak" else 0
    latest = totals.iloc[-1]
    period = teks.label(plain(latest[x])) if x else None
    change = direction = None
    if compare and x and len(totals) > 1:
        before = totals.iloc[-2]
        change, direction = teks.change(float(latest[measure]), float(before[measure]), teks.label(plain(before[x])))
    field_unit = fields[measure].unit if measure in fields else None
    return Figure(
        label=label or (fields[measure].title if measure in fields else measure),
        value=teks.number(plain(latest[measure]), places),
        unit=unit or (None if how == "banyak" else field_unit),
        period=period,
        change=change,
        direction=direction,
        source=source(dataset, produsen),
    )
