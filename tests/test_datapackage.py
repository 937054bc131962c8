"""The published datapackage.json: frictionless validates it and reads back the values of data.json."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import frictionless
import pyarrow.parquet as pq
import pytest
import yaml

from generator.build import build
from generator.config import ResourceSpec
from generator.render.bps import FILE as MS_IND
from generator.render.datapackage import datapackage, datapackage_json, published_schema
from generator.render.downloads import FORMATS
from generator.validate import check
from tests.helpers import case_portal

FORMAT_CASE = "valid/format-indonesia"
URL = "https://satudata.uji.example/"


def typed(value: Any, kind: str) -> Any:
    """A data.json value as a Table Schema reader gives it: numbers as Decimal, dates as dates."""
    if value is None:
        return None
    if kind == "number":
        return Decimal(repr(value))
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def read_back(package_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows frictionless reads from every resource a valid package declares a table, by resource name."""
    report = frictionless.validate(str(package_path))
    assert report.valid, (package_path, report.flatten(["taskName", "type", "note"]))
    tables = [r["name"] for r in json.loads(package_path.read_text())["resources"] if r.get("type") == "table"]
    package = frictionless.Package(str(package_path))
    return {name: [row.to_dict() for row in package.get_resource(name).read_rows()] for name in tables}


def expected_rows(folder: Path, package: dict[str, Any], resource: dict[str, Any]) -> list[dict[str, Any]]:
    kinds = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    table = resource["path"].rsplit(".", 1)[0]
    records = json.loads((folder / f"{table}.json").read_text(encoding="utf-8"))
    return [{k: typed(v, kinds[k]) for k, v in record.items()} for record in records]


def kind(value: Any) -> str:
    """What a value is to its reader (an XLSX number cell holding 0 reads as the integer 0: still a number)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, Decimal)):
        return "number"
    return type(value).__name__


def assert_same(rows: list[dict[str, Any]], expected: list[dict[str, Any]], where: str) -> None:
    assert len(rows) == len(expected), where
    for number, (row, want) in enumerate(zip(rows, expected, strict=True), start=1):
        assert row == want, f"{where}, row {number}"
        # equal is not enough: True == 1 and "1" is no number
        assert list(map(kind, row.values())) == list(map(kind, want.values())), f"{where}, row {number}"


def test_datapackage_every_demo_package_validates_and_reads_back_as_data_json(demo_site):
    packages = sorted(demo_site.glob("dataset/*/*/datapackage.json"))
    assert len(packages) == 9
    for path in packages:
        package = json.loads(path.read_text(encoding="utf-8"))
        rows = read_back(path)
        tables = [r for r in package["resources"] if r.get("type") == "table"]
        assert {r["format"] for r in tables} == {"csv", "xlsx"}, path
        for resource in tables:
            expected = expected_rows(path.parent, package, resource)
            assert_same(rows[resource["name"]], expected, f"{path.parent.name}/{resource['path']}")


def test_datapackage_lists_every_download_with_unique_names(demo_site):
    for path in sorted(demo_site.glob("dataset/*/*/datapackage.json")):
        package = json.loads(path.read_text(encoding="utf-8"))
        names = [r["name"] for r in package["resources"]]
        assert len(names) == len(set(names)), path
        assert all(re.fullmatch(r"[a-z0-9._-]+", name) for name in names), path
        listed = sorted(r["path"] for r in package["resources"])
        downloads = [p.name for p in path.parent.iterdir() if p.suffix.lstrip(".") in FORMATS]
        # the metadata files (this package, the MS-Ind form) describe the data; they are not its downloads
        assert listed == sorted(set(downloads) - {"datapackage.json", MS_IND}), path
        assert "null" not in path.read_text(encoding="utf-8")


def test_datapackage_demo_is_v2_with_absolute_page_and_git_date(demo_site):
    page = "https://satudata.sebar.example/dataset/opendata-jabar/penduduk-miskin/"
    package = json.loads((demo_site / "dataset/opendata-jabar/penduduk-miskin/datapackage.json").read_text())
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["id"] == package["homepage"] == page
    assert package["created"] == "2026-11-02T08:00:00+07:00"  # the commit's date, not the build's
    assert package["sources"] == [
        {
            "title": "Open Data Jabar (opendata.jabarprov.go.id); salinan dari "
            "jabardigitalservice/visualisasi-opendatajabar-r @ 2193813, 2021-10_garis-kemiskinan-jabar/data_raw/",
            "path": "https://github.com/jabardigitalservice/visualisasi-opendatajabar-r",
        }
    ]
    assert package["contributors"] == [
        {"title": "Open Data Jabar (Diskominfo Provinsi Jawa Barat)", "roles": ["publisher"]},
        {"title": "Rina, Operator Open Data Jabar", "roles": ["contact"]},
    ]
    assert "version" not in package and package["satudata"]["tampilan"]


@pytest.fixture(scope="module")
def format_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Indonesian-format case built as a site, its portal with a public url."""
    root = case_portal(tmp_path_factory.mktemp("format"), FORMAT_CASE)
    settings = yaml.safe_load((root / "portal.yml").read_text(encoding="utf-8"))
    (root / "portal.yml").write_text(yaml.safe_dump({**settings, "url": URL}, allow_unicode=True), encoding="utf-8")
    return build(root).site


def test_datapackage_indonesian_formats_read_back_as_their_meaning(format_site):
    path = format_site / "dataset/dinkes/format-indonesia/datapackage.json"
    rows = read_back(path)
    assert sorted(rows) == ["data", "data.xlsx"]
    meaning = [
        ["010", "Karangpilang", Decimal("1234.5"), Decimal("-3.5"), dt.date(2024, 8, 17), True, 72931],
        ["020", "Jambangan", Decimal("980.25"), Decimal("0.75"), dt.date(2024, 2, 1), False, 51476],
        ["030", "Gayungan", None, Decimal("12.0"), dt.date(2023, 12, 31), True, None],
        ["040", "Wonocolo", Decimal("12345678.9"), Decimal("-0.05"), dt.date(2024, 1, 5), False, 83123],
    ]
    for name, table in rows.items():
        assert [list(row.values()) for row in table] == meaning, name
        assert_same(table, [dict(zip(table[0], values, strict=True)) for values in meaning], name)
    package = json.loads(path.read_text(encoding="utf-8"))
    assert_same(rows["data"], expected_rows(path.parent, package, package["resources"][0]), "data.json")
    # Parquet, listed without a schema, keeps the meaning for a reader made for it
    parquet = [list(row.values()) for row in pq.read_table(path.parent / "data.parquet").to_pylist()]
    assert parquet == [[float(v) if isinstance(v, Decimal) else v for v in values] for values in meaning]


def test_datapackage_indonesian_formats_schema_is_the_written_one(format_site):
    package = json.loads((format_site / "dataset/dinkes/format-indonesia/datapackage.json").read_text())
    assert package["id"] == package["homepage"] == URL + "dataset/dinkes/format-indonesia/"
    assert package["version"] == "2024.1"
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",  # the register's title
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["contributors"][1] == {"title": "Tim Uji", "email": "uji@example.go.id", "roles": ["contact"]}
    schema = package["resources"][0]["schema"]
    assert schema["primaryKey"] == ["kode_kecamatan"] and "missingValues" not in schema
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["anggaran"] == {
        "name": "anggaran",
        "type": "number",
        "title": "Anggaran",
        "description": "Nilai uji.",
        "unit": "juta rupiah",
    }
    assert fields["perubahan"]["constraints"] == {"minimum": -100, "maximum": 100}
    assert fields["tanggal_laporan"]["constraints"] == {"minimum": "2020-01-01"}
    assert "format" not in fields["tanggal_laporan"]
    assert "trueValues" not in fields["terverifikasi"] and "falseValues" not in fields["terverifikasi"]
    assert "groupChar" not in fields["penduduk"]
    assert fields["kode_kecamatan"]["constraints"] == {"required": True, "pattern": "[0-9]{3}"}
    assert all(r["schema"] == schema for r in package["resources"] if r.get("type") == "table")


def test_datapackage_keeps_keys_it_does_not_know():
    spec = ResourceSpec.model_validate(
        {
            "name": "data",
            "path": "data.csv",
            "schema": {
                "fields": [
                    {
                        "name": "jumlah",
                        "type": "number",
                        "title": "Jumlah",
                        "description": "Jumlah.",
                        "decimalChar": ",",
                        "variabel": {"konsep": "Penduduk", "definisi": "Orang yang tinggal di wilayah itu."},
                        "constraints": {"enum": ["1,5", "2"]},
                    },
                    {"name": "ada", "type": "boolean", "title": "Ada", "description": "Ada.", "trueValues": ["Y"]},
                ],
                "missingValues": ["-"],
                "foreignKeys": [],
            },
        }
    )
    schema = published_schema(spec)
    assert schema["fields"][0]["variabel"] == {"konsep": "Penduduk", "definisi": "Orang yang tinggal di wilayah itu."}
    assert schema["fields"][0]["constraints"] == {"enum": [1.5, 2]}
    assert schema["fields"][1] == {"name": "ada", "type": "boolean", "title": "Ada", "description": "Ada."}
    assert schema["foreignKeys"] == [] and "missingValues" not in schema


def test_datapackage_without_portal_url_uses_the_relative_page(tmp_path):
    portal, datasets, report = check(case_portal(tmp_path, FORMAT_CASE))
    assert report.valid and portal is not None
    package = datapackage(portal.model_copy(update={"url": None}), datasets[0])
    assert package["id"] == package["homepage"] == "dataset/dinkes/format-indonesia/"
    assert "created" not in package  # no Git history: no date rather than the clock's
    folder = tmp_path / "paket"
    assert datasets[0].files is not None
    shutil.copytree(datasets[0].files, folder)
    (folder / "datapackage.json").write_text(datapackage_json(portal, datasets[0]), encoding="utf-8")
    assert sorted(read_back(folder / "datapackage.json")) == ["data", "data.xlsx"]
