"""`sebar new dataset --data`: the schema inferred from every real data file passes `sebar check` once
only the placeholders are filled; `sebar new` branches from the default branch and warns."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.errors import DatasetError
from generator.scaffold import new_dataset
from generator.validate import check
from generator.validate.metadata import PLACEHOLDER
from tests.conftest import git, make_portal

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# every real data file of ../shared/data (SOURCES.md), as the repository holds it
REAL = [
    ROOT / "datasets" / path
    for path in (
        "opendata-jabar/penduduk-jenis-kelamin/jumlah_penduduk_berdasarkan_jenis_kelamin_data.csv",
        "opendata-jabar/penduduk-miskin/jumlah_penduduk_miskin_berdasarkan_kabupatenkota_data.csv",
        "opendata-jabar/pengeluaran-per-kapita/jumlah_pengeluaran_per_kapita__kabupatenkota_data.csv",
        "opendata-jabar/garis-kemiskinan-provinsi/angka_garis_kemiskinan_per_kapita_per_bulan__provinsi.csv",
        "opendata-jabar/garis-kemiskinan-provinsi-xlsx/angka_garis_kemiskinan_per_kapita_per_bulan_provinsi.xlsx",
        "bandung/supermarket-minimarket-mall/jumlah_supermarket_minimarket_dan_mall_di_kota_bandung.csv",
        "bandung/perguruan-tinggi-kecamatan/jumlah_perguruan_tinggi_per_kec.csv",
        "bandung/objek-wisata-belanja/objek_wisata_belanja_di_kota_bandung_2.csv",
        "kemendagri/kode-wilayah-jatim/dagri2017.jatim35.csv",
    )
] + [
    DATA / "fixtures/test_locale.csv",
    DATA / "fixtures/test_latin1.csv",
    DATA / "fixtures/test_skip_lines.xlsx",
    DATA / "fixtures/base.xls",
    DATA / "valid/format-indonesia/data.csv",
]
# a defect in the data itself, which no schema can fix: "Extra data beyond headers" in a cell of row 6
DEFECTS = {"test_skip_lines.xlsx": {"extra-cell"}}
FILLED = {  # what a test operator writes in place of each placeholder, by its key's last part
    "description": "Uraian uji.",
    "name": "CC-BY-4.0",
    "klasifikasi": "terbuka",
    "frekuensi": "tahunan",
    "periode": "2020",
    "topik": "kependudukan",
    "tingkat": "provinsi",
    "kode": "32",
    "nama": "Uji",
}


def fill(value, key=""):
    """Every placeholder replaced, nothing else touched."""
    if isinstance(value, dict):
        return {k: fill(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, key) for v in value]
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        return FILLED.get(key, "uji")
    return value


def scaffold(tmp_path, data, nama="uji-data"):
    root = make_portal(tmp_path / "portal", commit=False)
    folder, branch, warnings = new_dataset(root, "opendata-jabar", nama, branch=False, data=data)
    assert branch is None and warnings == []
    return root, root / folder


def dataset_issues(root, nama="uji-data"):
    _, datasets, report = check(root)
    return [i for i in report.issues if i.dataset == f"opendata-jabar/{nama}"], datasets


@pytest.mark.parametrize("data", REAL, ids=lambda p: p.name)
def test_infer_every_real_file_passes_check_once_placeholders_are_filled(tmp_path, data):
    root, folder = scaffold(tmp_path, data)
    assert (folder / data.name).read_bytes() == data.read_bytes()
    path = folder / "datapackage.yaml"
    text = path.read_text()
    raw = yaml.safe_load(text)
    unfilled, _ = dataset_issues(root)
    defects = DEFECTS.get(data.name, set())
    assert {i.slug for i in unfilled if i.severity == "error"} == {"placeholder"} | defects, unfilled
    path.write_text(yaml.safe_dump(fill(raw), sort_keys=False, allow_unicode=True))
    issues, datasets = dataset_issues(root)
    assert {i.slug for i in issues if i.severity == "error"} == defects, issues
    if not defects:
        assert "opendata-jabar/uji-data" in {f"{d.produsen}/{d.slug}" for d in datasets}


def fields(folder):
    raw = yaml.safe_load((folder / "datapackage.yaml").read_text())
    resource = raw["resources"][0]
    return (
        raw,
        resource,
        {
            f["name"]: {k: v for k, v in f.items() if k not in ("title", "description")}
            for f in resource["schema"]["fields"]
        },
    )


def test_infer_population_codes_are_text_years_give_periode_and_region(tmp_path):
    root, folder = scaffold(tmp_path, REAL[0])
    raw, resource, found = fields(folder)
    assert found["kode_kabupaten_kota"] == {"name": "kode_kabupaten_kota", "type": "string"}
    assert found["id"]["type"] == "string"
    assert found["jumlah_penduduk"]["type"] == "integer" and found["tahun"]["type"] == "year"
    assert resource["schema"]["fields"][6]["title"] == "Jumlah penduduk"
    assert raw["title"] == "Jumlah penduduk berdasarkan jenis kelamin data"
    assert raw["satudata"]["periode"] == "2013-2020"
    assert raw["satudata"]["cakupan"] == {"tingkat": "provinsi", "kode": "32", "nama": "Provinsi Jawa Barat"}
    # what only the operator knows stays a placeholder: no plausible default passes silently
    for key in ("klasifikasi", "frekuensi", "topik"):
        assert raw["satudata"][key].startswith(PLACEHOLDER)
    assert raw["licenses"][0]["name"].startswith(PLACEHOLDER)


def test_infer_indonesian_excel_csv_separators_dates_booleans_and_dash(tmp_path):
    _, folder = scaffold(tmp_path, DATA / "valid/format-indonesia/data.csv")
    _, resource, found = fields(folder)
    assert resource["dialect"] == {"delimiter": ";"}
    assert resource["schema"]["missingValues"] == ["", "-"]
    assert found["kode_kecamatan"]["type"] == "string"  # 010 keeps its zero
    assert found["anggaran"] == {"name": "anggaran", "type": "number", "decimalChar": ",", "groupChar": "."}
    assert found["perubahan"] == {"name": "perubahan", "type": "number", "decimalChar": ","}
    assert found["penduduk"] == {"name": "penduduk", "type": "integer", "groupChar": "."}
    assert found["tanggal_laporan"] == {"name": "tanggal_laporan", "type": "date", "format": "%d/%m/%Y"}
    assert found["terverifikasi"]["trueValues"] == ["ya"]


def test_infer_header_rows_encoding_and_sheet(tmp_path):
    _, folder = scaffold(tmp_path, REAL[6], "perguruan-tinggi")
    raw, resource, found = fields(folder)
    assert resource["dialect"] == {"headerRows": [1, 2]}
    assert list(found) == ["kecamatan", "Jumlah Negeri 2021", "Jumlah Swasta 2021", "Jumlah 2021"]
    assert raw["satudata"]["periode"] == "2021"
    _, folder = scaffold(tmp_path / "b", REAL[3], "garis-kemiskinan")
    assert fields(folder)[1]["dialect"] == {"headerRows": [2], "delimiter": ";"}  # an empty first row
    _, folder = scaffold(tmp_path / "c", DATA / "fixtures/test_latin1.csv", "latin")
    assert fields(folder)[1]["dialect"] == {"encoding": "cp1252"}
    _, folder = scaffold(tmp_path / "d", DATA / "fixtures/test_skip_lines.xlsx", "baris-lewat")
    assert fields(folder)[1]["dialect"] == {"headerRows": [4], "sheet": "Sheet1"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (DATA / "infer/bps-to-dagri.jatim35.tsv", "baris 1 berisi angka, bukan judul kolom"),
        (DATA / "fixtures/duplicate-headers.csv", "judul kolom `id` ditulis lebih dari sekali"),
        (DATA / "fixtures/invalid.csv", "kolom ke-3 tidak punya judul"),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_infer_file_without_usable_header_is_refused_before_anything_is_made(tmp_path, data, message):
    root = make_portal(tmp_path / "portal", commit=False)
    with pytest.raises(DatasetError, match=message):
        new_dataset(root, "opendata-jabar", "uji-data", branch=False, data=data)
    assert not (root / "datasets/opendata-jabar/uji-data").exists()


def sebar(root, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=root, capture_output=True, text=True)


def test_new_branches_from_default_branch_and_warns_of_another_draft(tmp_path):
    root = make_portal(tmp_path / "portal")
    data = tmp_path / "penduduk.csv"
    shutil.copy(REAL[0], data)
    run = sebar(root, "new", "dataset", "--produsen", "opendata-jabar", "--nama", "pertama", "--data", str(data))
    assert run.returncode == 0, run.stderr
    assert "Cabang baru: draf/opendata-jabar/pertama" in run.stdout and run.stderr == ""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Draf pertama")
    (root / "catatan.txt").write_text("belum di-commit\n")
    run = sebar(root, "new", "dataset", "--produsen", "opendata-jabar", "--nama", "kedua", "--data", str(data))
    assert run.returncode == 0, run.stderr
    assert "Peringatan: Anda sedang di cabang draf lain (draf/opendata-jabar/pertama)" in run.stderr
    assert "Ada perubahan yang belum di-commit (catatan.txt)" in run.stderr
    assert git(root, "branch", "--show-current").strip() == "draf/opendata-jabar/kedua"
    # the second draft starts from main: the first dataset is not in it
    assert git(root, "merge-base", "HEAD", "main").strip() == git(root, "rev-parse", "main").strip()
    assert "pertama" not in git(root, "ls-tree", "-r", "--name-only", "HEAD")
    assert not (root / "datasets/opendata-jabar/pertama").exists()


def test_new_branches_from_origin_head_when_there_is_a_remote(tmp_path):
    origin = make_portal(tmp_path / "origin")
    git(origin, "branch", "-m", "main", "utama")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    git(clone, "switch", "-q", "-c", "draf/lain")
    git(clone, "commit", "-q", "--allow-empty", "-m", "draf lain")
    run = sebar(clone, "new", "dataset", "--produsen", "bandung", "--nama", "baru")
    assert run.returncode == 0, run.stderr
    assert git(clone, "rev-parse", "HEAD").strip() == git(clone, "rev-parse", "origin/utama").strip()
