"""Infographics from real demo data: the 1080x1350 page, its PNG (headless Chromium) and PDF (WeasyPrint)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pypdf import PdfReader

from generator.publications.infographic import (
    THEMES,
    Infographic,
    Note,
    Picture,
    contrast,
    icon_names,
    infographic_fragment,
    infographic_html,
    infographic_pdf,
    infographic_png,
    png_size,
)
from generator.views import Figure

ROOT = Path(__file__).resolve().parents[1]
MISKIN = ROOT / "datasets/opendata-jabar/penduduk-miskin/jumlah_penduduk_miskin_berdasarkan_kabupatenkota_data.csv"
SOURCE = "Sumber: Open Data Jabar, Jumlah Penduduk Miskin Berdasarkan Kabupaten/Kota"


def id_number(value: float) -> str:
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


@pytest.fixture(scope="module")
def charts() -> tuple[Picture, ...]:
    """Two real charts of the demo data, as SVG from kaleido with the system Chromium."""
    import kaleido

    frame = pd.read_csv(MISKIN)
    total = frame.groupby("tahun")["jumlah_penduduk_miskin"].sum()
    line = go.Figure(go.Scatter(x=total.index, y=total.values, mode="lines", line={"color": "#0b4a7d"}))
    line.update_layout(width=720, height=420, separators=",.", xaxis={"tickformat": "d"})
    top = frame[frame.tahun == 2020].nlargest(5, "jumlah_penduduk_miskin")
    bar = go.Figure(go.Bar(x=top.jumlah_penduduk_miskin, y=top.nama_kabupaten_kota, orientation="h"))
    bar.update_layout(width=720, height=420, separators=",.", margin={"l": 220})
    kaleido.start_sync_server(path="/usr/bin/chromium")
    try:
        svgs = [kaleido.calc_fig_sync(f, opts={"format": "svg"}) for f in (line, bar)]
    finally:
        kaleido.stop_sync_server()
    return (
        Picture("Penduduk miskin Jawa Barat 2002–2020 (ribu jiwa)", svgs[0], "Grafik garis penduduk miskin."),
        Picture("Lima kabupaten/kota terbanyak, 2020", svgs[1], "Grafik batang lima kabupaten/kota."),
    )


@pytest.fixture(scope="module")
def info(charts) -> Infographic:
    frame = pd.read_csv(MISKIN)
    total = frame.groupby("tahun")["jumlah_penduduk_miskin"].sum()
    change = (total[2020] - total[2019]) / total[2019] * 100
    top = frame[frame.tahun == 2020].nlargest(1, "jumlah_penduduk_miskin").iloc[0]
    figures = (
        Figure(
            "Penduduk miskin Jawa Barat",
            id_number(total[2020]),
            "ribu jiwa",
            "2020",
            f"naik {id_number(change)}% dibanding 2019",
            "naik",
            SOURCE,
        ),  # fmt: skip
        Figure(
            f"Terbanyak: {top.nama_kabupaten_kota.title()}",
            id_number(top.jumlah_penduduk_miskin),
            "ribu jiwa",
            "2020",
            None,
            None,
            SOURCE,
        ),  # fmt: skip
        Figure("Kabupaten/kota", str(frame.kode_kabupaten_kota.nunique()), None, "2020", None, None, SOURCE),
    )
    return Infographic(
        title="Kemiskinan di Jawa Barat 2020",
        producer="Open Data Jabar (Diskominfo Provinsi Jawa Barat)",
        portal="Portal Satu Data Demo Sebar",
        source=SOURCE,
        figures=figures,
        period="2002–2020",
        icons=("account-group", "map-marker", "city"),
        notes=(Note("Penduduk miskin naik pada 2020 setelah turun sejak 2015.", "trending-up"),),
        charts=charts,
    )


def test_infographic_figures_are_real_data(info):
    assert [f.value for f in info.figures] == ["3.920,2", "465,7", "27"]
    assert info.figures[0].change == "naik 15,3% dibanding 2019"


def test_infographic_png_is_1080x1350_not_blank_and_stable(info):
    html = infographic_html(info)
    png = infographic_png(html)
    assert png_size(png) == (1080, 1350)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (1080, 1350)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 200  # text antialiasing, charts, icons
    white = sum(count for count, rgb in colours if rgb == (255, 255, 255))
    assert white < 0.8 * 1080 * 1350
    assert image.getpixel((540, 40)) == (0x0B, 0x4A, 0x7D)  # the theme's header band
    assert infographic_png(html) == png  # Chromium's PNG is byte-stable here


def test_infographic_pdf_one_page_of_the_same_size_with_every_label(info):
    pdf = infographic_pdf(infographic_html(info))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (810.0, 1012.5)  # 1080x1350 CSS px at 96 dpi
    text = " ".join(reader.pages[0].extract_text().split())  # lines wrapped in the layout joined
    for needed in [info.title, info.source, info.portal, "naik 15,3% dibanding 2019"]:
        assert needed in text
    for figure in info.figures:
        assert figure.label in text and figure.value in text
    assert reader.metadata.title == info.title
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    assert all(x.get_object()["/Subtype"] == "/Form" for x in xobjects.values())  # charts and icons stay vector
    assert infographic_pdf(infographic_html(info)) == pdf


def test_infographic_hostile_text_is_escaped(info):
    hostile = Figure('<script>alert(1)</script> "Kota"', "1", None, None, None, None, "x")
    bad = Infographic(
        title='<img src=x onerror="alert(1)">Judul',
        producer="A & B",
        portal="Portal",
        source="Sumber: <b>x</b>",
        figures=(hostile, *info.figures[1:]),
        notes=(Note("<iframe src=//evil></iframe>"),),
    )
    for html in (infographic_html(bad), infographic_fragment(bad)):
        assert "<script>" not in html and "<img src=x" not in html and "<iframe" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;Kota&#34;" in html
        assert "A &amp; B" in html
    text = " ".join(PdfReader(io.BytesIO(infographic_pdf(infographic_html(bad)))).pages[0].extract_text().split())
    assert '<script>alert(1)</script> "Kota"' in text and '<img src=x onerror="alert(1)">Judul' in text


def test_infographic_fetches_nothing_and_fragment_obeys_the_sites_csp(info):
    html = infographic_html(info)
    assert not re.findall(r'(?:src|href)="(?!data:)', html)
    assert "@import" not in html and "url(" not in html
    fragment = infographic_fragment(info)
    assert fragment.lstrip().startswith('<article class="infografis tema-biru angka-3 grafik-2"')
    assert "<style" not in fragment and " style=" not in fragment  # style-src 'self': no inline style
    assert fragment.count('alt="Grafik') == 2


def test_infographic_themes_meet_wcag_aa():
    for dark, light in THEMES.values():
        assert contrast("#ffffff", dark) >= 4.5  # header text
        assert contrast(dark, light) >= 4.5  # values on their card
        assert contrast("#424a53", light) >= 4.5  # period and change on the card
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_infographic_refuses_counts_it_is_not_designed_for(info):
    with pytest.raises(ValueError, match="3–6 angka, bukan 2"):
        Infographic("J", "P", "Portal", "S", figures=info.figures[:2])
    with pytest.raises(ValueError, match="ikon 'tidak-ada'"):
        Infographic("J", "P", "Portal", "S", figures=info.figures, icons=("tidak-ada",))
    assert "account-group" in icon_names()
    licence = (ROOT / "generator/publications/icons/LICENSE").read_text()
    assert "Apache 2.0" in licence
