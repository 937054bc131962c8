"""A dataset page's picture: headline figures from its main view, and its charts and maps as tabs.

The views are the dataset's own (`satudata.tampilan`, checked by `sebar check`) or, when it declares
none, those inferred from its schema and data (views/infer.py); an inferred view that cannot be
drawn is left out, never an error. Charts go into the build's `Charts` (one kaleido pass for all).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Dataset
from generator.render.charts import Charts, stem
from generator.views import Chart, Figure
from generator.views import data as views_data
from generator.views.describe import headline, lower_first
from generator.views.figure import chart
from generator.views.html import chart_html, headline_html, headlines_html
from generator.views.infer import FEW_PERIODS, default_views, is_time
from generator.views.model import Angka, View
from generator.views.regions import Boundaries

CARDS = 4  # headline figures at most: one per measure of the main view
# an inferred chart of more rows than this (a line over 3,650 days) is no picture for a phone: its
# SVG, its figure and its data table would weigh more than the page; a date axis becomes years first
MAX_ROWS = 400


@dataclass
class Picture:
    """What a dataset page shows above its table; `stems` name its chart files under grafik/."""

    headlines: Markup = Markup("")
    charts: list[Markup] = field(default_factory=list)  # the Grafik tab
    maps: list[Markup] = field(default_factory=list)  # the Peta tab
    stems: list[str] = field(default_factory=list)


def views_of(dataset: Dataset, boundaries: Boundaries) -> tuple[list[View], bool]:
    """The dataset's views and whether they are declared (else inferred)."""
    declared = list(dataset.spec.satudata.tampilan)
    if declared:
        return declared, True
    try:
        return default_views(dataset, boundaries), False
    except (views_data.ViewError, ValueError, KeyError):
        return [], False


def picture(dataset: Dataset, charts: Charts, boundaries: Boundaries, produsen: str | None) -> Picture:
    views, declared = views_of(dataset, boundaries)
    result = Picture()
    drawn: list[tuple[View, Chart]] = []
    for view in views:
        # a declared view was checked by `sebar check` (views/check.py), which reports every issue with
        # its file and place; templates are rendered in check before that, so one failing here is skipped
        found = (
            inferred(dataset, view, boundaries, produsen)
            if not declared
            else drawable(dataset, view, boundaries, produsen)
        )
        drawn += [found] if found else []
    # the picture shown first (the first chart, else the first map) is the page's largest paint: it
    # loads at once; the others only when shown (a hidden tab's image is not fetched while lazy)
    first = next((n for n, (view, _) in enumerate(drawn) if view.jenis != "peta"), 0)
    for n, (view, item) in enumerate(drawn):
        svg, data = charts.add(item, dataset.url)
        html = str(chart_html(item, svg, data, id=f"grafik-{n + 1}"))  # Markup.replace would escape
        if n != first:
            html = html.replace(' decoding="async">', ' loading="lazy" decoding="async">', 1)
        (result.maps if view.jenis == "peta" else result.charts).append(Markup(html))
        if stem(item.key) not in result.stems:
            result.stems.append(stem(item.key))
    main = next((view for view, _ in drawn), None)
    if main is not None:
        cards = [headline_html(f, id=f"angka-{n + 1}") for n, f in enumerate(headlines(dataset, main, produsen))]
        if cards:
            result.headlines = Markup(headlines_html(cards))
    return result


def drawable(dataset: Dataset, view: View, boundaries: Boundaries, produsen: str | None) -> tuple[View, Chart] | None:
    try:
        return view, chart(dataset, view, boundaries, produsen)
    except (views_data.ViewError, ValueError, KeyError):
        return None


def inferred(dataset: Dataset, view: View, boundaries: Boundaries, produsen: str | None) -> tuple[View, Chart] | None:
    """An inferred view's chart, by years rather than days when the days are too many; None when it
    cannot be drawn or stays too big."""
    try:
        fields = views_data.fields(dataset, view.sumber)
        if view.x is not None and fields[view.x].type == "date":  # counted first: drawing 3,650 days costs seconds
            days = views_data.frame(dataset, view.sumber, [view.x])[view.x].nunique()
            year = next((f.name for f in fields.values() if is_time(f) and f.type != "date"), None)
            if days > MAX_ROWS:
                if year is None:
                    return None
                view = view.model_copy(update={"x": year})
                periods = views_data.frame(dataset, view.sumber, [year])[year].nunique()
                if periods <= FEW_PERIODS and view.jenis == "garis":  # as infer draws a few periods
                    view = view.model_copy(update={"jenis": "batang"})
        item = chart(dataset, view, boundaries, produsen)
        return (view, item) if len(item.rows) <= MAX_ROWS else None
    except (views_data.ViewError, ValueError, KeyError):
        return None


def headlines(dataset: Dataset, view: View, produsen: str | None) -> list[Figure]:
    """The main view's measures in their latest period, with the change against the period before.
    A filter on the period (a map of the latest year) is dropped: the change needs two periods."""
    fields = views_data.fields(dataset, view.sumber)
    if view.x is None:  # a wide table: one column per year
        return [wide_headline(dataset, view, produsen)] if len(view.measures) > 1 else []
    time = view.x if view.x in fields and fields[view.x].type in views_data.TIME_TYPES else None
    if time is None and "tahun" in fields:
        time = "tahun"
    saring = {k: v for k, v in view.saring.items() if k != time and fields[k].type not in views_data.TIME_TYPES}
    # "rata-rata" only where rows were combined: of one value per period it is the value itself
    combined = (
        view.agregasi == "banyak" or views_data.prepare(dataset, view.model_copy(update={"saring": saring})).combined
    )
    figures = []
    for measure in view.measures[:CARDS]:
        label = None
        if len(fields[measure].title.split()) == 1:  # "Jumlah": the dataset's title says of what
            label = dataset.spec.title
        elif view.agregasi == "banyak":
            label = f"Banyak {lower_first(fields[measure].title)}"
        elif view.agregasi == "rata-rata" and combined:
            label = f"Rata-rata {lower_first(fields[measure].title)}"
        block = Angka(
            y=measure,
            agregasi=view.agregasi,
            saring=saring,
            label=label,
            satuan=view.satuan,
            x=time,
            banding=True,
            sumber=view.sumber,
        )
        try:
            figures.append(headline(dataset, block, produsen))
        except (views_data.ViewError, ValueError, KeyError):
            continue
    return figures


def wide_headline(dataset: Dataset, view: View, produsen: str | None) -> Figure:
    """A table with a column per year: the last column's value against the one before."""
    from generator.views import teks
    from generator.views.describe import source

    drawn = views_data.widened(views_data.prepare(dataset, view))
    x, y = drawn.view.x, drawn.view.measures[0]
    assert x is not None
    totals = views_data.aggregate(drawn.rows, [x], [y], view.agregasi).dropna(subset=[y])
    latest = totals.iloc[-1]
    change = direction = None
    if len(totals) > 1:
        before = totals.iloc[-2]
        change, direction = teks.change(float(latest[y]), float(before[y]), teks.label(before[x]))
    title = drawn.title(y)
    label = f"Rata-rata {lower_first(title)}" if view.agregasi == "rata-rata" and drawn.combined else title
    return Figure(
        label=label,
        value=teks.number(views_data.plain(latest[y]), drawn.places),
        unit=drawn.unit,
        period=teks.label(views_data.plain(latest[x])),
        change=change,
        direction=direction,
        source=source(dataset, produsen),
    )
