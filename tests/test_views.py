"""Charts, maps and headline figures from the real demo data: golden figures, default views, id-ID, maps."""

from __future__ import annotations

import json
import shutil

import plotly.graph_objects as go
import pytest
import yaml

from generator.model import Dataset
from generator.validate import check
from generator.views import data as views_data
from generator.views import teks
from generator.views.figure import PALETTE, base_layout, chart, headline
from generator.views.infer import default_views
from generator.views.model import Angka, Pivot, View
from generator.views.regions import load as load_boundaries
from generator.views.regions import normalise
from tests.helpers import DEMO_PUBLICATIONS, ROOT

MISKIN = "opendata-jabar/penduduk-miskin"
KELAMIN = "opendata-jabar/penduduk-jenis-kelamin"
PENGELUARAN = "opendata-jabar/pengeluaran-per-kapita"
BANDUNG = "bandung/supermarket-minimarket-mall"
# one view per kind, each from real demo data
KINDS = {
    "batang": (KELAMIN, View(jenis="batang", x="tahun", y="jumlah_penduduk", seri="jenis_kelamin")),
    "batang-bertumpuk": (
        BANDUNG,
        View(jenis="batang-bertumpuk", x="kemendagri_nama_kecamatan", y="jumlah", seri="kategori", urut="turun"),
    ),
    "batang-mendatar": (
        MISKIN,
        View(jenis="batang-mendatar", x="nama_kabupaten_kota", y="jumlah_penduduk_miskin", saring={"tahun": 2020}),
    ),
    "garis": (MISKIN, View(jenis="garis", x="tahun", y="jumlah_penduduk_miskin")),
    "area": (KELAMIN, View(jenis="area", x="tahun", y="jumlah_penduduk", seri="jenis_kelamin")),
    "pai": (BANDUNG, View(jenis="pai", x="kategori", y="jumlah")),
    "donat": (KELAMIN, View(jenis="donat", x="jenis_kelamin", y="jumlah_penduduk", saring={"tahun": 2020})),
    "sebar": (PENGELUARAN, View(jenis="sebar", x="tahun", y="pengeluaran_per_kapita", saring={"tahun": [2019, 2020]})),
    "peta": (MISKIN, View(jenis="peta", x="kode_kabupaten_kota", y="jumlah_penduduk_miskin", saring={"tahun": 2020})),
}


@pytest.fixture(scope="module")
def demo() -> dict[str, Dataset]:
    _, datasets, report = check(ROOT)
    assert report.valid
    return {f"{d.produsen}/{d.slug}": d for d in datasets}


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_chart_golden_figure_per_kind(demo, golden, kind):
    name, view = KINDS[kind]
    drawn = chart(demo[name], view, produsen="Open Data Jabar")
    go.Figure(drawn.figure)  # plotly accepts every key and value
    assert drawn.kind == kind and drawn.figure["layout"]["separators"] == ",."
    assert len(drawn.key) == 64 and drawn.key == chart(demo[name], view, produsen="Open Data Jabar").key
    record = {
        "title": drawn.title,
        "alt": drawn.alt,
        "header": drawn.header,
        "rows": drawn.rows,
        "source": drawn.source,
        "unit": drawn.unit,
        "key": drawn.key,
        "figure": drawn.figure,
    }
    golden(f"figures/{kind}.json", as_json(record))


def test_chart_line_alt_says_range_highest_and_lowest(demo):
    drawn = chart(demo[MISKIN], KINDS["garis"][1])
    assert drawn.alt == (
        "Grafik garis jumlah penduduk miskin Jawa Barat 2002–2020: tertinggi 5.712,40 ribu jiwa (2006), "
        "terendah 3.399,20 ribu jiwa (2019)."
    )
    assert drawn.header == ("Tahun", "Jumlah penduduk miskin (ribu jiwa)")
    assert drawn.rows[0] == ("2002", "4.938,30") and len(drawn.rows) == 19


def test_chart_year_axis_is_integer_and_numbers_id(demo):
    drawn = chart(demo[KELAMIN], KINDS["batang"][1])
    layout, trace = drawn.figure["layout"], drawn.figure["data"][0]
    assert layout["xaxis"]["tickformat"] == "d" and layout["xaxis"]["hoverformat"] == "d"
    assert trace["x"][0] == 2013 and trace["hovertemplate"].startswith("<b>%{x:d}</b><br>%{y:,.0f} jiwa")
    assert layout["yaxis"]["tickformat"] == ",.0~f"
    text = json.dumps([drawn.alt, drawn.rows], ensure_ascii=False)
    assert "2.013" not in text and "2.020" not in text and "21.626.912" in text
    assert teks.number(1234.5, 1) == "1.234,5" and teks.number(-1234567, 0) == "-1.234.567"
    assert teks.label(2020) == "2020" and teks.label(2020.0) == "2020"


def test_chart_map_locations_are_the_data_codes_exactly(demo):
    drawn = chart(demo[MISKIN], KINDS["peta"][1])
    trace = drawn.figure["data"][0]
    rows = views_data.frame(demo[MISKIN], columns=["kode_kabupaten_kota", "tahun"])
    codes = sorted(normalise(c) for c in rows[rows["tahun"] == 2020]["kode_kabupaten_kota"])
    assert sorted(trace["locations"]) == codes and len(codes) == 27
    assert sorted(f["properties"]["kode"] for f in trace["geojson"]["features"]) == codes
    assert trace["featureidkey"] == "properties.kode"
    assert drawn.figure["layout"]["geo"]["fitbounds"] == "locations"
    assert drawn.figure["layout"]["height"] == 560


def test_chart_bandung_district_map(demo):
    view = View(jenis="peta", x="kemendagri_kode_kecamatan", y="jumlah")
    drawn = chart(demo[BANDUNG], view)
    trace = drawn.figure["data"][0]
    assert len(trace["locations"]) == 30 and all(c.startswith("32.73.") for c in trace["locations"])
    assert len(trace["geojson"]["features"]) == 30
    assert drawn.alt == (
        "Peta jumlah per kecamatan Kota Bandung: tertinggi Coblong (62 unit), terendah Cinambo (3 unit)."
    )


def test_chart_wide_table_draws_year_columns(demo):
    view = View(jenis="garis", y=["2020", "2019", "2018"])
    drawn = chart(demo["opendata-jabar/garis-kemiskinan-provinsi"], view)
    assert drawn.figure["data"][0]["x"] == [2018, 2019, 2020]
    assert drawn.figure["data"][0]["y"] == [367755, 386198, 410988]


def test_headline_latest_value_and_change(demo):
    figure = headline(demo[KELAMIN], Angka(y="jumlah_penduduk", banding=True), produsen="Open Data Jabar")
    assert (figure.value, figure.unit, figure.period) == ("47.142.623", "jiwa", "2020")
    assert figure.change == "naik 3,0% dibanding 2019" and figure.direction == "naik"
    assert figure.source == "Sumber: Open Data Jabar, Jumlah Penduduk Berdasarkan Jenis Kelamin di Jawa Barat"
    plain = headline(demo[MISKIN], Angka(y="jumlah_penduduk_miskin", saring={"kode_kabupaten_kota": "3201"}))
    assert (plain.value, plain.period, plain.change) == ("465,67", "2020", None)


def test_data_frame_keeps_text_codes_and_pivots(demo):
    rows = views_data.frame(demo[BANDUNG], columns=["bps_kode_kecamatan", "kategori", "jumlah", "tahun"])
    assert list(rows.columns) == ["bps_kode_kecamatan", "kategori", "jumlah", "tahun"]
    assert rows["bps_kode_kecamatan"].iloc[0] == "3273180" and str(rows["tahun"].dtype) == "Int64"
    table = views_data.pivot(rows, Pivot(baris="bps_kode_kecamatan", kolom="kategori", nilai="jumlah"))
    assert list(table.columns) == ["bps_kode_kecamatan", "MALL", "MINIMARKET", "SUPERMARKET"] and len(table) == 30


def test_default_views_of_every_demo_dataset(demo, golden):
    inferred = {
        name: [v.model_dump(exclude_defaults=True) for v in default_views(d)] for name, d in sorted(demo.items())
    }
    golden("figures/default-views.json", as_json(inferred))
    for name, dataset in demo.items():
        if dataset.public and name != "kemendagri/kode-wilayah-jatim":
            assert inferred[name], name
        for view in default_views(dataset):
            chart(dataset, view)  # every default view draws
    kinds = {name: [v["jenis"] for v in views] for name, views in inferred.items()}
    assert kinds[MISKIN] == ["garis", "peta", "batang-mendatar"]
    assert inferred[KELAMIN][0]["seri"] == "jenis_kelamin"
    assert inferred[PENGELUARAN][0]["agregasi"] == "rata-rata"
    assert kinds[BANDUNG][0] == "peta" and inferred[BANDUNG][0]["x"] == "kemendagri_kode_kecamatan"


def test_palette_contrast_against_the_chart_background_is_wcag_aa():
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    layout = base_layout()  # what every figure is drawn on, and the colours it draws with
    assert layout["colorway"] == list(PALETTE)
    for background in (layout["paper_bgcolor"], layout["plot_bgcolor"]):
        for color in layout["colorway"]:
            assert (luminance(background) + 0.05) / (luminance(color) + 0.05) >= 4.5, (color, background)


def test_boundaries_shipped_and_normalised():
    boundaries, issues = load_boundaries(None)
    assert issues == []
    assert {n: len(c) for n, c in boundaries.codes.items()} == {
        "jabar-kabkota": 27,
        "jatim-kabkota": 38,
        "kota-bandung-kecamatan": 30,
        "kota-surabaya-kecamatan": 31,
    }
    assert normalise("3201") == "32.01" and normalise("327305") == "32.73.05" and normalise("3273180") is None
    assert boundaries.find(["3201", "32.73"]) == "jabar-kabkota"
    assert boundaries.find(["32.73.05", "32.73.01"]) == "kota-bandung-kecamatan"


def test_boundaries_portal_file_checked_safely(tmp_path):
    (tmp_path / "batas").mkdir()
    (tmp_path / "batas" / "rusak.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    feature = {"type": "Feature", "properties": {"nama": "X"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
    (tmp_path / "batas" / "tanpa-kode.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8"
    )
    boundaries, issues = load_boundaries(tmp_path)
    messages = sorted(i.message() for i in issues)
    assert messages[0].startswith("File batas wilayah `batas/rusak.geojson` tidak dapat dipakai: bukan JSON yang sah")
    assert messages[1] == (
        "File batas wilayah `batas/tanpa-kode.geojson` tidak dapat dipakai: fitur ke-1 tidak punya properti `kode`"
        " berupa kode Kemendagri bertitik, mis. `32.73.05`."
    )
    assert "rusak" not in boundaries.files and "jabar-kabkota" in boundaries.files


def test_tampilan_in_datapackage_is_checked_with_the_usual_message(tmp_path):
    root = tmp_path / "portal"
    root.mkdir()
    for name in ("portal.yml", "mkdocs.yml", "content"):
        source = ROOT / name
        shutil.copytree(source, root / name, ignore=DEMO_PUBLICATIONS) if source.is_dir() else shutil.copy(
            source, root / name
        )
    (root / "datasets" / "opendata-jabar").mkdir(parents=True)
    shutil.copytree(ROOT / "datasets" / MISKIN, root / "datasets" / MISKIN)
    path = root / "datasets" / MISKIN / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta["satudata"]["tampilan"] = [{"jenis": "garis", "x": "tahun", "y": "jumlah_penduduk_miskin"}]
    path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    _, datasets, report = check(root)
    assert report.valid and datasets[0].spec.satudata.tampilan[0].jenis == "garis"
    meta["satudata"]["tampilan"] = [{"jenis": "batang-miring", "y": "jumlah_penduduk_miskin", "warna": "biru"}]
    path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    found = [(i.slug, i.message()) for i in check(root)[2].errors]
    assert found == [
        (
            "metadata-invalid",
            "Nilai `satudata.tampilan[0].jenis` tidak sah: jenis grafik `batang-miring` tidak dikenal; pilih salah "
            "satu: batang, batang-bertumpuk, batang-mendatar, garis, area, pai, donat, sebar, peta.",
        ),
        ("metadata-unknown-key", "Kunci `satudata.tampilan[0].warna` tidak dikenal."),
    ]
