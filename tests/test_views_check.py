"""Wrong views and blocks: each gives its exact message, naming the file, the block and the fix."""

from __future__ import annotations

import pytest

from generator.model import Dataset
from generator.publications.blocks import find_blocks, validate_block
from generator.validate import check
from generator.views.check import Placed, check_views, declared
from generator.views.model import Angka, Pivot, Tabel, View
from tests.helpers import ROOT

PAGE = "content/dasbor.md"
MISKIN = "opendata-jabar/penduduk-miskin"


@pytest.fixture(scope="module")
def demo() -> list[Dataset]:
    return check(ROOT)[1]


def one(demo: list[Dataset], block: View | Angka | Tabel) -> tuple[str, str, int | None, str, str]:
    (issue,) = check_views(demo, [Placed(PAGE, "blok grafik ke-2, baris 14", block, line=14)], root=ROOT)
    return issue.slug, issue.file, issue.row, issue.message(), issue.fix()


def test_check_views_demo_declares_nothing_wrong(demo):
    assert check_views(demo, declared(demo), root=ROOT) == []


def test_check_views_valid_blocks_pass(demo):
    blocks = [
        View(jenis="peta", x="kode_kabupaten_kota", y="jumlah_penduduk_miskin", saring={"tahun": 2020}, dataset=MISKIN),
        Angka(y="jumlah_penduduk_miskin", dataset=MISKIN, banding=True),
        Tabel(dataset=MISKIN, pivot=Pivot(baris="nama_kabupaten_kota", kolom="tahun", nilai="jumlah_penduduk_miskin")),
        View(
            jenis="pai", x="kategori", y="nama_objek_wisata", agregasi="banyak", dataset="bandung/objek-wisata-belanja"
        ),
    ]
    assert check_views(demo, [Placed(PAGE, "blok", b) for b in blocks], root=ROOT) == []


def test_check_views_missing_dataset(demo):
    slug, file, row, message, _ = one(demo, View(jenis="garis", x="tahun", y="jumlah", dataset="opendata-jabar/miskin"))
    assert (slug, file, row) == ("view-dataset-unknown", PAGE, 14)
    assert (
        message == "blok grafik ke-2, baris 14: dataset `opendata-jabar/miskin` tidak ada atau belum lolos pemeriksaan."
    )


def test_check_views_missing_field_lists_the_columns(demo):
    slug, _, _, message, fix = one(demo, View(jenis="garis", x="tahun", y="penduduk_miskin", dataset=MISKIN))
    assert slug == "view-field-unknown"
    assert message == (
        "blok grafik ke-2, baris 14: kolom `penduduk_miskin` (kunci `y`) tidak ada di tabel `data` dataset "
        "`opendata-jabar/penduduk-miskin`."
    )
    assert fix == (
        "Tulis nama kolom persis seperti di `schema.fields`: `id`, `kode_provinsi`, `nama_provinsi`, "
        "`kode_kabupaten_kota`, `nama_kabupaten_kota`, …."
    )


def test_check_views_sum_over_text_column(demo):
    slug, _, _, message, fix = one(demo, View(jenis="batang", x="tahun", y="nama_kabupaten_kota", dataset=MISKIN))
    assert slug == "view-field-type"
    assert message == (
        "blok grafik ke-2, baris 14: kolom `nama_kabupaten_kota` (kunci `y`) bertipe teks; agregasi `jumlah` "
        "memerlukan kolom angka."
    )
    assert fix.endswith("atau pakai `agregasi: banyak` untuk menghitung baris.")


def test_check_views_map_x_not_a_code(demo):
    slug, _, _, message, _ = one(demo, View(jenis="peta", x="tahun", y="jumlah_penduduk_miskin", dataset=MISKIN))
    assert slug == "view-map-code"
    assert message == (
        "blok grafik ke-2, baris 14: `x` sebuah peta harus kolom kode wilayah bertipe teks; "
        "kolom `tahun` bertipe tahun."
    )


def test_check_views_filter_value_absent(demo):
    view = View(jenis="garis", x="tahun", y="jumlah_penduduk_miskin", saring={"tahun": 2030}, dataset=MISKIN)
    slug, _, _, message, fix = one(demo, view)
    assert slug == "view-filter-value"
    assert message == "blok grafik ke-2, baris 14: penyaring `tahun: 2030` tidak cocok dengan baris mana pun."
    assert fix == "Tulis nilai yang ada di kolom `tahun`, mis. `2002`, `2003`, `2004`, `2005`, `2006`, …."


def test_check_views_empty_after_all_filters(demo):
    saring = {"kode_kabupaten_kota": "3218", "tahun": 2002}  # Pangandaran's first row is 2002... with 0.0
    view = View(jenis="garis", x="tahun", y="jumlah_penduduk_miskin", saring=saring, dataset=MISKIN)
    assert check_views(demo, [Placed(PAGE, "blok", view)], root=ROOT) == []
    saring = {"nama_kabupaten_kota": "KOTA BANJAR", "kode_kabupaten_kota": "3201"}
    view = View(jenis="garis", x="tahun", y="jumlah_penduduk_miskin", saring=saring, dataset=MISKIN)
    assert one(demo, view)[0] == "view-empty"


def test_check_views_region_code_without_boundary_names_the_rows(demo):
    view = View(jenis="peta", x="bps_kode_kecamatan", y="jumlah", dataset="bandung/supermarket-minimarket-mall")
    slug, _, _, message, fix = one(demo, view)
    assert slug == "view-region-unknown"
    assert message == (
        "blok grafik ke-2, baris 14: 30 kode wilayah di datasets/bandung/supermarket-minimarket-mall/"
        "jumlah_supermarket_minimarket_dan_mall_di_kota_bandung.csv tidak punya batas wilayah di `jabar-kabkota`: "
        "`3273180` (baris 2), `3273141` (baris 3), `3273130` (baris 4), `3273050` (baris 5), `3273020` (baris 6), …."
    )
    assert "folder `batas/`" in fix


def test_check_views_restricted_dataset_not_on_a_page(demo):
    view = View(
        jenis="garis", x="tahun", y="pengeluaran_per_kapita", dataset="opendata-jabar/pengeluaran-per-kapita-internal"
    )
    assert one(demo, view)[0] == "view-dataset-closed"


def test_check_views_one_measure_and_missing_x(demo):
    view = View(jenis="pai", x="tahun", y=["jumlah_penduduk_miskin", "id"], dataset=MISKIN)
    assert (
        one(demo, view)[3] == "blok grafik ke-2, baris 14: `pai` menggambar satu ukuran, tetapi `y` menyebut 2 kolom."
    )
    view = View(jenis="garis", y="jumlah_penduduk_miskin", dataset=MISKIN)
    assert one(demo, view)[3] == "blok grafik ke-2, baris 14: grafik `garis` memerlukan `x`."


def test_block_unknown_kind_lists_the_kinds():
    page = (
        "---\ntitle: x\n---\n```grafik\njenis: batang-miring\ny: a\nwarna: 1\n```\n\n```angka\ndataset: "
        + MISKIN
        + "\n```\n"
    )
    blocks, found = find_blocks(page, PAGE)
    assert found == []
    chart, issues = validate_block(blocks[0], {"grafik": View, "angka": Angka}, PAGE)
    assert chart is None
    assert [(i.slug, i.row, i.message()) for i in issues] == [
        (
            "block-invalid",
            5,
            "Blok grafik ke-1 (baris 4): `jenis` jenis grafik `batang-miring` tidak dikenal; pilih "
            "salah satu: batang, batang-bertumpuk, batang-mendatar, garis, area, pai, donat, sebar, peta.",
        ),
        ("block-unknown-key", 7, "Blok grafik ke-1 (baris 4): kunci `warna` tidak dikenal."),
    ]
    _, issues = validate_block(blocks[1], {"grafik": View, "angka": Angka}, PAGE)
    assert [i.message() for i in issues] == ["Blok angka ke-1 (baris 10) belum berisi `y`."]
