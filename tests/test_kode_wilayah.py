"""Region codes: a field's `kode` checked against the shipped official lists, names on the dataset page."""

from __future__ import annotations

import csv

import lxml.html
import yaml

from generator.referensi import kemendagri, lookup
from generator.validate import check
from tests.helpers import ROOT, case_portal


def flat(root):
    _, datasets, report = check(root)
    found = [
        (i["slug"], i["severity"], i["file"].split("/")[-1], i["row"], i["column"], i["message"])
        for i in report.flatten()
    ]
    return datasets, found


def test_kode_unknown_code_fails_with_its_row_and_column(tmp_path):
    datasets, found = flat(case_portal(tmp_path, "invalid/kode-tidak-dikenal"))
    assert datasets == []
    assert found == [
        (
            "kode-tidak-dikenal",
            "error",
            "data.csv",
            4,
            "kode_kecamatan",
            "Kode wilayah `35.78.99` di kolom `kode_kecamatan` tidak ada di daftar kode Kemendagri.",
        )
    ]


def test_kode_unknown_code_on_many_rows_is_said_once_with_the_count(tmp_path):
    root = case_portal(tmp_path, "invalid/kode-tidak-dikenal")
    data = root / "datasets/dinkes/kode-tidak-dikenal/data.csv"
    data.write_text(data.read_text() + "35.78.99,Rungkut\n35.78.99,Rungkut\n", encoding="utf-8")
    _, found = flat(root)
    assert [(slug, row, message) for slug, _, _, row, _, message in found] == [
        (
            "kode-tidak-dikenal",
            4,
            "Kode wilayah `35.78.99` di kolom `kode_kecamatan` (dan 2 baris lain) tidak ada di daftar kode Kemendagri.",
        )
    ]


def test_kode_wrong_level_fails(tmp_path):
    _, found = flat(case_portal(tmp_path, "invalid/kode-tingkat-salah"))
    assert found == [
        (
            "kode-tingkat-salah",
            "error",
            "data.csv",
            3,
            "kode_kecamatan",
            "Kode wilayah `35.78` di kolom `kode_kecamatan` adalah kode kabupaten/kota, padahal kolom itu berisi "
            "kode kecamatan.",
        )
    ]


def test_kode_bps_code_goes_through_the_crosswalk(tmp_path):
    datasets, found = flat(case_portal(tmp_path, "valid/kode-bps"))
    assert [slug for slug, severity, *_ in found if severity == "error"] == []
    (resource,) = datasets[0].resources
    bps, dagri = resource.kode
    assert (bps.field, bps.sistem) == ("bps_kode_kecamatan", "bps")
    names = {code: (w.kode, w.nama_resmi, w.tingkat) for code, w in bps.codes}
    assert names["3578020"] == ("35.78.23", "Kecamatan Jambangan", "kecamatan")  # BPS 3578020 = 35.78.23
    # the two columns name the same districts: the crosswalk agrees with the Kemendagri codes in the data
    assert sorted(w.kode for _, w in bps.codes) == sorted(code for code, _ in dagri.codes)


def test_kode_bps_code_unknown_in_a_complete_list_fails(tmp_path):
    root = case_portal(tmp_path, "valid/kode-bps")
    data = root / "datasets/dinkes/kode-bps/data.csv"
    data.write_text(data.read_text().replace("3578030,", "3578039,"), encoding="utf-8")
    _, found = flat(root)
    errors = [(slug, row, column, message) for slug, severity, _, row, column, message in found if severity == "error"]
    assert errors == [
        (
            "kode-tidak-dikenal",
            4,
            "bps_kode_kecamatan",
            "Kode wilayah `3578039` di kolom `bps_kode_kecamatan` tidak ada di daftar kode BPS "
            "(lewat padanan BPS–Kemendagri).",
        )
    ]


def test_kode_outside_the_shipped_provinces_is_one_warning(tmp_path):
    root = case_portal(tmp_path, "valid/kode-bps")
    data = root / "datasets/dinkes/kode-bps/data.csv"
    # Central Java (33) is not shipped: its codes cannot be checked, whatever they are
    data.write_text(data.read_text() + "3374010,33.74.01,Semarang Tengah,3374\n3374020,33.74.02,Semarang Utara,3374\n")
    datasets, found = flat(root)
    warned = [(slug, row, column) for slug, severity, _, row, column, _ in found if severity == "warning"]
    assert ("kode-tidak-diperiksa", 6, "bps_kode_kecamatan") in warned
    assert ("kode-tidak-diperiksa", 6, "kode_kecamatan") in warned
    assert [slug for slug, severity, *_ in found if severity == "error"] == []
    assert datasets[0].resources[0].kode[0].unchecked == 2


def test_kode_column_typed_integer_is_a_warning(tmp_path):
    datasets, found = flat(case_portal(tmp_path, "valid/kode-bps"))
    assert ("kode-bertipe-angka", "warning", "data.csv", None, "kode_kota") in [f[:5] for f in found]
    message = next(m for slug, *_, m in found if slug == "kode-bertipe-angka")
    assert "`3201` sebagai `3.201`" in message
    assert len(datasets) == 1  # a warning: the dataset is still published


def test_kode_every_demo_code_column_declares_its_list_and_every_code_is_shipped():
    checked = 0
    for path in sorted((ROOT / "datasets").glob("*/*/datapackage.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        for resource in meta["resources"]:
            fields = resource["schema"]["fields"]
            for field in fields:
                if "kode_" in field["name"]:
                    assert field["type"] == "string", (path, field["name"])
                    assert "kode" in field, (path, field["name"])
            declared = {f["name"]: f["kode"] for f in fields if "kode" in f}
            if not declared:
                continue
            with (path.parent / resource["path"]).open(encoding="utf-8-sig", newline="") as file:
                for row in csv.DictReader(file):
                    for name, kode in declared.items():
                        if row[name] in kode.get("kecuali", []):
                            continue
                        found = lookup(row[name], kode["sistem"])
                        assert found.status == "dikenal", (path.parent.name, name, row[name], found)
                        assert found.tingkat == kode.get("tingkat", found.tingkat)
                        checked += 1
    assert checked > 10_000  # kode-wilayah-jatim alone has 9,206 rows


def test_kode_shipped_list_has_east_java_and_the_demo_west_java_codes():
    regions = kemendagri()
    assert regions["35.78.23"].nama_resmi == "Kecamatan Jambangan"
    assert regions["35.20"].nama_resmi == "Kabupaten Magetan"  # lost in the source as `35.2`: from the boundaries
    assert "35.2" not in regions
    assert len([c for c in regions if c.startswith("35.78.") and c.count(".") == 2]) == 31
    assert len([c for c in regions if c.startswith("32.") and c.count(".") == 1]) == 27
    assert len([c for c in regions if c.startswith("32.73.")]) == 30
    assert regions["32.73.05"].nama_resmi == "Kecamatan Andir"


def rows(page, field):
    """The rows of the page's Kode wilayah table of column `field`."""
    tables = page.find_class("sebar-kode-wilayah")
    (table,) = [t for t in tables if f"Kolom {field} " in t.find("caption").text_content()]
    return [[cell.text_content().strip() for cell in tr.iter("td")] for tr in table.find("tbody").iter("tr")]


def test_kode_demo_page_shows_official_names(demo_site):
    page = lxml.html.parse(str(demo_site / "dataset/bandung/supermarket-minimarket-mall/index.html")).getroot()
    assert page.get_element_by_id("kode-wilayah").text_content().strip().startswith("Kode wilayah")
    bps = rows(page, "bps_kode_kecamatan")
    assert ["3273180", "32.73.05", "Kecamatan Andir", "kecamatan"] in bps
    assert len(bps) == 30
    assert rows(page, "kemendagri_kode_kecamatan")[:1] == [["32.73.01", "Kecamatan Sukasari", "kecamatan"]]
    assert rows(page, "kode_provinsi") == [["32", "Provinsi Jawa Barat", "provinsi"]]


def test_kode_demo_page_shows_codes_as_text_not_numbers(demo_site):
    page = lxml.html.parse(str(demo_site / "dataset/opendata-jabar/penduduk-miskin/index.html")).getroot()
    data = next(t for t in page.iter("table") if "sebar-data" in (t.get("class") or ""))
    header = [th.get("data-kolom") for th in data.iter("th")]
    first = [td.text_content() for td in data.find("tbody").find("tr").iter("td")]
    assert first[header.index("kode_kabupaten_kota")] == "3201"
    assert "3.201" not in data.text_content()
    assert ["3201", "32.01", "Kabupaten Bogor", "kabupaten/kota"] in rows(page, "kode_kabupaten_kota")


def test_kode_declaration_is_checked_for_shape(tmp_path):
    root = case_portal(tmp_path, "valid/kode-bps")
    meta = root / "datasets/dinkes/kode-bps/datapackage.yaml"
    meta.write_text(meta.read_text().replace("{sistem: bps, tingkat: kecamatan}", "{sistem: dukcapil}"))
    _, found = flat(root)
    assert [(slug, severity) for slug, severity, *_ in found if severity == "error"] == [("metadata-invalid", "error")]
