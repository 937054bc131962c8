"""The spreadsheet route: a template filled from a real demo dataset builds the same page as its
datapackage.yaml twin; a wrong drop-down value names its cell; `sebar import` round-trips."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from openpyxl import load_workbook

from generator.build import build
from generator.config import Batas
from generator.sop.review import review
from generator.sop.roles import read_portal
from generator.templat import COLUMNS, NAME, ROWS, read_template, workbook, write_template
from generator.validate import check
from tests.conftest import git, make_portal

DATASET = "datasets/opendata-jabar/penduduk-jenis-kelamin"
CSV_NAME = "jumlah_penduduk_berdasarkan_jenis_kelamin_data.csv"


def twin(meta: dict) -> dict:
    """The demo metadata as far as the template says it: a field's name, title, type, unit and description."""
    meta = dict(meta)
    meta["licenses"] = [{"name": meta["licenses"][0]["name"]}]
    resource = dict(meta["resources"][0])
    keep = [key for key, _, _ in COLUMNS]
    resource["schema"] = {"fields": [{k: f[k] for k in keep if k in f} for f in resource["schema"]["fields"]]}
    resource.pop("dialect", None)
    meta["resources"] = [resource]
    return meta


def get(meta: dict, key: str):
    value = meta
    for part in key.split("."):
        name, _, index = part.partition("[")
        value = value.get(name) if isinstance(value, dict) else None
        if index and value is not None:
            value = value[int(index.rstrip("]"))]
    return value


def fill_template(portal_root: Path, meta: dict, rows: list[list[str]], target: Path) -> None:
    """What an operator does in Excel: type the metadata, one row per column, paste the data."""
    book = workbook(read_portal(portal_root))
    sheet = book["metadata"]
    for line, row in enumerate(ROWS, start=2):
        value = get(meta, row.key)
        if value is not None:
            sheet.cell(line, 2, ", ".join(value) if isinstance(value, list) else str(value))
    kolom = book["kolom"]
    for line, field in enumerate(meta["resources"][0]["schema"]["fields"], start=2):
        for column, (key, _, _) in enumerate(COLUMNS, start=1):
            kolom.cell(line, column, field.get(key))
    data = book["data"]
    for row in rows:
        data.append(row)
    book.save(target)


def portal_pair(tmp_path: Path) -> tuple[Path, Path, dict]:
    """Two copies of the demo portal: the dataset as datapackage.yaml (twin) and as a filled XLSX template."""
    yaml_root = make_portal(tmp_path / "yaml", commit=False)
    xlsx_root = make_portal(tmp_path / "xlsx", commit=False)
    meta = twin(yaml.safe_load((yaml_root / DATASET / "datapackage.yaml").read_text()))
    (yaml_root / DATASET / "datapackage.yaml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
    folder = xlsx_root / DATASET
    with (folder / CSV_NAME).open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    shutil.rmtree(folder)
    folder.mkdir()
    template_meta = {**meta, "resources": [{**meta["resources"][0]}]}
    fill_template(xlsx_root, template_meta, rows, folder / NAME)
    return yaml_root, xlsx_root, meta


def test_template_filled_from_demo_dataset_builds_the_same_dataset_page(tmp_path):
    yaml_root, xlsx_root, _ = portal_pair(tmp_path)
    sites = [build(root, tmp_path / f"site-{root.name}").site for root in (yaml_root, xlsx_root)]
    url = "dataset/opendata-jabar/penduduk-jenis-kelamin"
    page = [(site / url / "index.html").read_text() for site in sites]
    assert page[0] == page[1]
    package = [(site / url / "datapackage.json").read_text() for site in sites]
    assert package[0] == package[1]
    # the template the help page links, generated from portal.yml
    template = sites[0] / "bantuan" / NAME
    assert template.read_bytes() == sites[1].joinpath("bantuan", NAME).read_bytes()
    assert load_workbook(template)["metadata"]["A2"].value == "Nama dataset"
    assert f'href="../{NAME}"' in (sites[0] / "bantuan/operator/index.html").read_text()


def test_template_wrong_dropdown_value_names_its_cell(tmp_path):
    _, xlsx_root, _ = portal_pair(tmp_path)
    path = xlsx_root / DATASET / NAME
    book = load_workbook(path)
    book["metadata"]["B6"] = "rahasia"  # satudata.klasifikasi: not a value of its drop-down
    book["kolom"]["C4"] = "teks"  # the third column's type
    book.save(path)
    _, datasets, report = check(xlsx_root)
    found = [
        (i.slug, i.column, i.message()) for i in report.issues if i.dataset == "opendata-jabar/penduduk-jenis-kelamin"
    ]
    # the message wording belongs to the messages module; the cell is ours, in the KOLOM column and the text
    assert [(slug, column) for slug, column, _ in found] == [
        ("metadata-invalid", "kolom!C4"),
        ("metadata-invalid", "metadata!B6"),
    ]
    assert found[1][2].startswith("Nilai `metadata!B6` tidak sah: harus salah satu dari 'terbuka'")
    assert "opendata-jabar/penduduk-jenis-kelamin" not in {f"{d.produsen}/{d.slug}" for d in datasets}


def test_template_import_round_trips(tmp_path):
    _, xlsx_root, meta = portal_pair(tmp_path)
    folder = xlsx_root / DATASET
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import", str(folder)], cwd=xlsx_root, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    written = yaml.safe_load((folder / "datapackage.yaml").read_text())
    raw, _ = read_template(folder / NAME, Batas())
    assert written == raw
    resource = written["resources"][0]
    assert resource["path"] == NAME and resource["dialect"] == {"sheet": "data"}
    assert resource["schema"] == meta["resources"][0]["schema"]
    assert {k: v for k, v in written.items() if k != "resources"} == {k: v for k, v in meta.items() if k != "resources"}
    _, datasets, report = check(xlsx_root)
    assert "opendata-jabar/penduduk-jenis-kelamin" in {f"{d.produsen}/{d.slug}" for d in datasets}, report.to_text()


def test_template_is_deterministic_and_its_dropdowns_follow_portal_yml(tmp_path):
    root = make_portal(tmp_path / "portal", commit=False)
    portal = read_portal(root)
    first = write_template(portal, tmp_path / "a.xlsx").read_bytes()
    assert first == write_template(portal, tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    book = load_workbook(tmp_path / "a.xlsx")
    rules = {str(rule.sqref): rule.formula1 for rule in book["metadata"].data_validations.dataValidation}
    lists = book["pilihan"]
    produsen_row = next(n for n, row in enumerate(ROWS, start=2) if row.key == "satudata.produsen")
    sheet_range = rules[f"B{produsen_row}"].split("!")[1].replace("$", "")
    values = [row[0].value for row in lists[sheet_range]]
    assert values == [p.kode for p in portal.produsen]
    assert book["metadata"]["A2"].value == "Nama dataset"


def test_template_uploaded_through_the_forge_is_in_the_pic_review(tmp_path):
    """The browser-only route: one XLSX uploaded into a new folder is a new dataset in `sebar review`."""
    _, xlsx_root, _ = portal_pair(tmp_path)
    template = xlsx_root / DATASET / NAME
    kept = tmp_path / NAME
    shutil.move(template, kept)
    shutil.rmtree(xlsx_root / DATASET)
    git(xlsx_root, "init", "-q", "-b", "main")
    git(xlsx_root, "add", "-A")
    git(xlsx_root, "commit", "-q", "-m", "Portal demo")
    (xlsx_root / DATASET).mkdir()
    shutil.move(kept, template)
    git(xlsx_root, "add", "-A")
    git(xlsx_root, "commit", "-q", "-m", "Upload files")
    data = review(xlsx_root, base="HEAD~1")
    entry = next(d for d in data["dataset"] if d["dataset"] == "opendata-jabar/penduduk-jenis-kelamin")
    assert entry["perubahan"] == "ditambah"
    assert entry["tabel"][0]["tabel"] == "baru" and entry["tabel"][0]["baris_baru"] > 400


def test_template_sheets_beyond_the_limits_are_refused_before_they_are_read(tmp_path):
    """A hostile upload: the `kolom` sheet holds a cell in column 5,000 (the limit is 1,000 columns), and a
    link named like a template points outside the folder."""
    _, xlsx_root, _ = portal_pair(tmp_path)
    path = xlsx_root / DATASET / NAME
    book = load_workbook(path)
    book["kolom"].cell(2, 5_000, "x")
    book.save(path)
    (xlsx_root / "datasets/bandung/tautan").mkdir()
    (xlsx_root / "datasets/bandung/tautan/templat.xlsx").symlink_to(path)
    _, datasets, report = check(xlsx_root)
    found = [(i.slug, i.message()) for i in report.issues if i.dataset == "opendata-jabar/penduduk-jenis-kelamin"]
    assert found[0][0] == "limit-exceeded" and "kolom ke-5000, lebih dari 1000" in found[0][1], found
    assert "opendata-jabar/penduduk-jenis-kelamin" not in {f"{d.produsen}/{d.slug}" for d in datasets}
    assert "bandung/tautan" not in {f"{d.produsen}/{d.slug}" for d in datasets}
