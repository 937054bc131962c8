"""The HTML of charts on a page: picture, caption, data table, downloads; tabs; headline cards; filters.

Everything works without JavaScript: the static SVG (drawn at build time) is the chart, its data is a
table in a <details>, the tabs are stacked sections with headings. sebar-grafik.js (loaded only on
pages holding `class="sebar-grafik"`) adds the rest: the live plotly chart on demand, the PNG
download, the tabs, the dashboard filter.

The dashboard filter's data (a JSON file, `data-src` of the form; phase 2 writes it):

    {"saring": ["tahun"],                           # the filters, in the order of the form's selects
     "nilai": {                                     # key: the selected values joined by "|"
       "2020": {
         "grafik": {"<chart id>": {"svg": "grafik-<key>.svg", "json": "grafik-<key>.json"}},
         "angka": {"<headline id>": {"nilai": "4.004,9", "periode": "2020",
                                     "perubahan": "naik 7,8% dibanding 2019", "arah": "naik"}}}}}

A chart entry may hold the figure itself ("figure": {...}) instead of "json". URLs are relative to
the JSON file. A chart or headline missing from an entry keeps what it shows.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from generator.views import Chart, Figure

NUMBER = re.compile(r"^[−-]?[\d.]+(,\d+)?\s?%?$")  # an id-ID number: right-aligned in the data table
DEFAULT_SIZE = (700, 500)  # kaleido's size when the layout has none


def chart_html(chart: Chart, svg_href: str, data_href: str, id: str, size: tuple[int, int] | None = None) -> str:
    """A <figure class="sebar-grafik">: the static SVG, its caption, its data as a table, downloads."""
    width, height = size or figure_size(chart)
    name = posixpath.basename(svg_href.split("?")[0]) or f"grafik-{chart.key[:12]}.svg"
    png = name.removesuffix(".svg") + ".png"
    caption = [Markup('<span class="sebar-grafik__judul">{}</span>').format(chart.title)]
    if chart.unit:
        caption.append(Markup('<span class="sebar-grafik__satuan">Satuan: {}</span>').format(chart.unit))
    if chart.note:
        caption.append(Markup('<span class="sebar-grafik__catatan">{}</span>').format(chart.note))
    caption.append(Markup('<span class="sebar-grafik__sumber">{}</span>').format(chart.source))
    return Markup(
        '<figure class="sebar-grafik" id="{id}" data-jenis="{kind}" data-figure="{data}">\n'
        "<figcaption>{caption}</figcaption>\n"
        '<div class="sebar-grafik__gambar">'
        '<img src="{svg}" width="{width}" height="{height}" alt="{alt}" decoding="async"></div>\n'
        '<p class="sebar-grafik__aksi">'
        '<button type="button" class="sebar-grafik__interaktif" hidden>Grafik interaktif</button> '
        '<span>Unduh gambar: <a href="{svg}" download="{name}">SVG</a>'
        '<span class="sebar-grafik__png" hidden> · <a href="{svg}" download="{png}" data-png>PNG</a></span>'
        '</span> · <a href="{data}" download>Data grafik (JSON)</a></p>\n'
        '<details class="sebar-grafik__data"><summary>Lihat data</summary>\n{table}</details>\n'
        "</figure>\n"
    ).format(
        id=id,
        kind=chart.kind,
        data=data_href,
        caption=Markup(" ").join(caption),
        svg=svg_href,
        width=width,
        height=height,
        alt=chart.alt,
        name=name,
        png=png,
        table=data_table(chart),
    )


def data_table(chart: Chart) -> Markup:
    """The chart's data, the accessible form of the chart: first column row headers, numbers right."""
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(cell) for cell in chart.header)
    body = []
    for row in chart.rows:
        cells = [Markup('<th scope="row">{}</th>').format(row[0])] if row else []
        for cell in row[1:]:
            number = Markup(' class="angka"') if NUMBER.match(cell) else Markup("")
            cells.append(Markup("<td{}>{}</td>").format(number, cell))
        body.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
    return Markup(
        '<div class="sebar-grafik__tabel"><table>\n<caption>Data: {title}</caption>\n'
        "<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n"
    ).format(title=chart.title, head=head, body=Markup("\n").join(body))


def figure_size(chart: Chart) -> tuple[int, int]:
    """The static SVG's size: kaleido draws layout.width x layout.height (its default otherwise)."""
    layout = chart.figure.get("layout") or {}
    return int(layout.get("width") or DEFAULT_SIZE[0]), int(layout.get("height") or DEFAULT_SIZE[1])


def tabs_html(panels: Sequence[tuple[str, str, str]], label: str = "Tampilan data", level: int = 2) -> str:
    """Panels (label, id, html) as tabs. Without JavaScript they stand one after the other, each under
    its heading; sebar-grafik.js shows the tab list (WAI-ARIA tabs: arrow keys, Home, End)."""
    tabs = Markup("").join(
        Markup(
            '<button type="button" role="tab" id="{id}-tab" aria-controls="{id}" '
            'aria-selected="{selected}" tabindex="{index}">{label}</button>'
        ).format(id=id, label=text, selected="true" if i == 0 else "false", index="0" if i == 0 else "-1")
        for i, (text, id, _) in enumerate(panels)
    )
    sections = Markup("\n").join(
        Markup(
            '<section class="sebar-tab__panel" id="{id}" aria-labelledby="{id}-judul">\n'
            '<h{level} class="sebar-tab__judul" id="{id}-judul">{label}</h{level}>\n{html}</section>'
        ).format(id=id, label=text, level=level, html=Markup(html))
        for text, id, html in panels
    )
    return Markup(
        '<div class="sebar-tab">\n<div class="sebar-tab__daftar" role="tablist" aria-label="{label}" hidden>'
        "{tabs}</div>\n{sections}\n</div>\n"
    ).format(label=label, tabs=tabs, sections=sections)


def headline_html(figure: Figure, id: str) -> str:
    """A headline card (.sebar-angka__kartu): label, value and unit, period, change against the period before."""
    unit = Markup(' <span class="sebar-angka__satuan">{}</span>').format(figure.unit) if figure.unit else ""
    parts = [
        Markup('<p class="sebar-angka__label">{}</p>').format(figure.label),
        Markup('<p class="sebar-angka__nilai"><span data-bagian="nilai">{}</span>{}</p>').format(figure.value, unit),
        Markup('<p class="sebar-angka__periode" data-bagian="periode">{}</p>').format(figure.period or ""),
        Markup('<p class="sebar-angka__perubahan" data-bagian="perubahan" data-arah="{}">{}</p>').format(
            figure.direction or "", figure.change or ""
        ),
        Markup('<p class="sebar-angka__sumber">{}</p>').format(figure.source),
    ]
    return Markup('<div class="sebar-angka__kartu" id="{}">{}</div>\n').format(id, Markup("").join(parts))


def headlines_html(cards: Sequence[str]) -> str:
    """Headline cards in a grid (div.sebar-angka: two columns on a phone, up to four on a wide screen;
    the home page's ul.sebar-angka is its list form)."""
    return Markup('<div class="sebar-angka">\n{}</div>\n').format(Markup("").join(Markup(c) for c in cards))


def dashboard_filter_html(
    filters: Mapping[str, Sequence[str]],
    data_href: str,
    labels: Mapping[str, str] | None = None,
    selected: Mapping[str, str] | None = None,
) -> str:
    """The filter form of a dashboard: one <select data-saring="field"> per filter; the JSON at
    `data_href` (the contract in this module's docstring) says what each choice shows. Hidden without
    JavaScript: the page then shows the default choice (the charts as built)."""
    selects = []
    for field, values in filters.items():
        chosen = (selected or {}).get(field, values[0] if values else "")
        options = Markup("").join(
            Markup('<option value="{v}"{s}>{v}</option>').format(v=v, s=Markup(" selected") if v == chosen else "")
            for v in values
        )
        label = (labels or {}).get(field, field.replace("_", " ").capitalize())
        selects.append(
            Markup(
                '<label class="sebar-dasbor__pilihan">{label} '
                '<select name="{field}" data-saring="{field}">{options}</select></label>'
            ).format(label=label, field=field, options=options)
        )
    return Markup(
        '<form class="sebar-dasbor__saring" data-src="{src}" hidden>{selects}'
        '<p class="sebar-dasbor__status" role="status" aria-live="polite"></p></form>\n'
    ).format(src=data_href, selects=Markup("").join(selects))
