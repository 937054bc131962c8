"""BPS statistical metadata (MS-Ind, MS-Keg, MS-Var): shape checks, the dataset page, ms-indikator.json."""

from __future__ import annotations

import json

import yaml
from lxml import html

from generator.validate import check
from tests.conftest import ROOT
from tests.helpers import case_portal

INDIKATOR = {
    "konsep": "Kemampuan memenuhi kebutuhan dasar.",
    "definisi": "Jumlah a dan b.",
    "variabel_pembangun": ["a", "b"],
}
KEGIATAN = {"judul_kegiatan": "Survei Uji", "cara_pengumpulan": "survei"}


def issues(root):
    _, _, report = check(root)
    return [(i["slug"], i["file"].split("/")[-1], i["message"], i["fix"]) for i in report.flatten()]


def portal_with(tmp_path, change):
    """The `valid/latin1` case (columns a, b, c) with its metadata changed by `change`."""
    root = case_portal(tmp_path, "valid/latin1")
    path = root / "datasets" / "dinkes" / "latin1" / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text())
    change(meta)
    path.write_text(yaml.safe_dump(meta, allow_unicode=True))
    return root


def test_bps_metadata_valid_keys_pass(tmp_path):
    def change(meta):
        meta["satudata"].update(indikator=INDIKATOR, kegiatan=KEGIATAN)
        meta["resources"][0]["schema"]["fields"][0]["variabel"] = {"definisi": "Isian a.", "kode_sdsn": "SP00055.00.00"}

    assert issues(portal_with(tmp_path, change)) == []


def test_bps_metadata_wrong_type_unknown_key_and_bad_code(tmp_path):
    def change(meta):
        meta["satudata"]["indikator"] = {**INDIKATOR, "komposit": "ya"}
        meta["satudata"]["kegiatan"] = {**KEGIATAN, "tahun": "dua ribu", "cara_pengumpulan_data": "survei"}
        meta["resources"][0]["schema"]["fields"][1]["variabel"] = {"definisi": "Isian b.", "kode_sdsn": "55"}
        meta["resources"][0]["schema"]["fields"][2]["variabel"] = "Kolom c"

    assert issues(portal_with(tmp_path, change)) == [
        (
            "metadata-invalid",
            "datapackage.yaml",
            'Nilai `variabel.kode_sdsn` pada kolom "b" tidak sah: formatnya tidak sesuai.',
            "Perbaiki nilai `variabel.kode_sdsn` dengan kode SDSN. Contoh:\nkode_sdsn: SP00055.00.00",
        ),
        (
            "metadata-invalid",
            "datapackage.yaml",
            'Nilai `variabel` pada kolom "c" tidak sah: harus berupa kelompok kunci: nilai.',
            "Perbaiki nilai `variabel`.",
        ),
        (
            "metadata-invalid",
            "datapackage.yaml",
            "Nilai `satudata.indikator.komposit` tidak sah: harus `true` atau `false`.",
            "Perbaiki nilai `satudata.indikator.komposit`.",
        ),
        (
            "metadata-invalid",
            "datapackage.yaml",
            "Nilai `satudata.kegiatan.tahun` tidak sah: harus berupa bilangan bulat.",
            "Perbaiki nilai `satudata.kegiatan.tahun`.",
        ),
        (
            "metadata-unknown-key",
            "datapackage.yaml",
            "Kunci `satudata.kegiatan.cara_pengumpulan_data` tidak dikenal. Maksud Anda `cara_pengumpulan`?",
            "Periksa ejaannya atau hapus; kunci yang sah ada di Bantuan > Panduan metadata.",
        ),
    ]


def test_bps_metadata_building_indicators_need_a_composite(tmp_path):
    def change(meta):
        meta["satudata"]["indikator"] = {**INDIKATOR, "indikator_pembangun": ["Indikator X"]}

    assert [i[2] for i in issues(portal_with(tmp_path, change))] == [
        "Nilai `satudata.indikator` tidak sah: `indikator_pembangun` hanya untuk indikator komposit;"
        " tulis `komposit: true`."
    ]


def test_bps_metadata_variabel_pembangun_names_no_column(tmp_path):
    def change(meta):
        meta["satudata"]["indikator"] = {**INDIKATOR, "variabel_pembangun": ["a", "jumlah_penduduk"]}

    assert issues(portal_with(tmp_path, change)) == [
        (
            "bps-variabel-pembangun",
            "datapackage.yaml",
            "`satudata.indikator.variabel_pembangun` menyebut `jumlah_penduduk`, "
            "tetapi dataset ini tidak punya kolom itu.",
            "Tulis nama kolom yang ada (a, b, c); indikator lain yang membangunnya ditulis di "
            "`satudata.indikator.indikator_pembangun`.",
        )
    ]


def definitions(dl):
    """A <dl> as {term: text}."""
    return {dt.text_content().strip(): dt.getnext().text_content().strip() for dt in dl.findall("dt")}


def demo_meta(name):
    return yaml.safe_load((ROOT / "datasets" / "opendata-jabar" / name / "datapackage.yaml").read_text())


def test_bps_metadata_demo_page_shows_the_section_after_metadata(demo_site):
    page = html.parse(str(demo_site / "dataset/opendata-jabar/penduduk-miskin/index.html")).getroot()
    headings = [h.text_content().strip("¶ \n") for h in page.iter("h2")]
    assert headings.index("Metadata") + 1 == headings.index("Metadata statistik (BPS)")
    assert headings.index("Metadata statistik (BPS)") + 1 == headings.index("Asal-usul")
    indicator = definitions(page.find(".//dl[@data-ms='indikator']"))
    meta = demo_meta("penduduk-miskin")["satudata"]
    assert indicator["Nama indikator"] == "Jumlah Penduduk Miskin"
    assert indicator["Konsep"] == meta["indikator"]["konsep"]
    assert "basic needs approach" in indicator["Konsep"]
    assert indicator["Definisi"].startswith("Penduduk miskin adalah penduduk yang memiliki rata-rata pengeluaran")
    assert indicator["Level estimasi"] == "Kabupaten/kota"
    assert indicator["Indikator komposit"] == "Tidak"
    activity = definitions(page.find(".//dl[@data-ms='kegiatan']"))
    assert activity["Judul kegiatan"] == "Survei Sosial Ekonomi Nasional (Susenas)"
    assert activity["Cara pengumpulan data"] == "Survei"
    assert activity["Penanggung jawab"].startswith("Direktorat Statistik Kesejahteraan Rakyat")
    variable = page.find(".//dl[@data-ms='variabel']")
    assert variable.get("data-kolom") == "jumlah_penduduk_miskin"
    assert definitions(variable)["Aturan validasi"].startswith("Bilangan tidak negatif")
    assert page.find(".//a[@href='ms-indikator.json']") is not None


def test_bps_metadata_composite_indicator_keeps_its_lines(demo_site):
    page = html.parse(str(demo_site / "dataset/opendata-jabar/garis-kemiskinan-provinsi/index.html")).getroot()
    dl = page.find(".//dl[@data-ms='indikator']")
    indicator = definitions(dl)
    assert indicator["Indikator komposit"] == "Ya"
    assert indicator["Indikator pembangun"] == "Garis Kemiskinan Makanan (GKM); Garis Kemiskinan Non Makanan (GKNM)"
    method = next(dt.getnext() for dt in dl.findall("dt") if dt.text_content() == "Metode/rumus perhitungan")
    assert len(method.findall("br")) == 2  # three lines as written with `|-`
    assert "2100 kilokalori" in indicator["Metode/rumus perhitungan"]


def test_bps_metadata_ms_indikator_json_and_datapackage(demo_site):
    folder = demo_site / "dataset/opendata-jabar/garis-kemiskinan-provinsi"
    meta = demo_meta("garis-kemiskinan-provinsi")["satudata"]
    ms_ind = json.loads((folder / "ms-indikator.json").read_text(encoding="utf-8"))
    assert ms_ind["Jenis Metadata"] == "Metadata Statistik Indikator (MS-Ind)"
    assert ms_ind["Nama Indikator"] == "Garis Kemiskinan"
    assert ms_ind["Konsep"] == meta["indikator"]["konsep"]
    assert ms_ind["Definisi"] == meta["indikator"]["definisi"]
    assert ms_ind["Metode/Rumus Perhitungan"] == meta["indikator"]["metode_perhitungan"]
    assert ms_ind["Apakah Indikator Komposit"] is True
    assert ms_ind["Nama Indikator Pembangun"] == meta["indikator"]["indikator_pembangun"]
    assert ms_ind["Level Estimasi"] == "Provinsi"
    assert ms_ind["Nama Kegiatan"] == "Survei Sosial Ekonomi Nasional (Susenas)"
    assert ms_ind["Cara Pengumpulan Data"] == "Survei"
    assert ms_ind["Produsen Data"] == "Open Data Jabar (Diskominfo Provinsi Jawa Barat)"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["satudata"]["indikator"]["konsep"] == meta["indikator"]["konsep"]
    assert package["satudata"]["indikator"]["komposit"] is True
    assert package["satudata"]["kegiatan"]["cara_pengumpulan"] == "survei"
    miskin = json.loads((demo_site / "dataset/opendata-jabar/penduduk-miskin/datapackage.json").read_text())
    fields = {f["name"]: f for f in miskin["resources"][0]["schema"]["fields"]}
    assert fields["jumlah_penduduk_miskin"]["variabel"]["konsep"] == "Kemiskinan"
    assert "variabel" not in fields["tahun"]


def test_bps_metadata_absent_without_the_keys(demo_site):
    folder = demo_site / "dataset/opendata-jabar/penduduk-jenis-kelamin"
    assert not (folder / "ms-indikator.json").exists()
    page = html.parse(str(folder / "index.html")).getroot()
    assert "Metadata statistik (BPS)" not in [h.text_content().strip("¶ \n") for h in page.iter("h2")]
    assert "indikator" not in json.loads((folder / "datapackage.json").read_text())["satudata"]
