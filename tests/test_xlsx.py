"""The streaming XLSX writer: files two readers agree on, the same bytes every run."""

from __future__ import annotations

import datetime as dt
import zipfile

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from generator.render.xlsx import text_cells
from generator.validate import check
from tests.test_cells import table_portal

FIELDS = [
    "name: kode, type: string",
    "name: teks",
    "name: jumlah, type: integer",
    "name: nilai, type: number",
    "name: ya, type: boolean",
    "name: tanggal, type: date",
]
DATA = (
    "kode,teks,jumlah,nilai,ya,tanggal\n"
    '0042,"=1+1",12,1.5,true,2024-02-29\n'
    '3273,"a\r\nb & <c> ",9007199254740993,0.12345678901234567890,false,1900-01-01\n'
    ",x,,,,\n"
    '9,"  spasi ",-5,1e3,,\n'
)


def test_xlsx_openpyxl_and_calamine_read_the_same_cells(tmp_path):
    _, datasets, report = check(table_portal(tmp_path, FIELDS, DATA))
    assert report.valid, report.flatten()
    path = datasets[0].files / "data.xlsx"
    mine = [[c.value for c in row] for row in load_workbook(path).active.iter_rows()]
    # calamine reads an empty cell as "", a whole number as a float and a date cell as a date
    theirs = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("data").to_python()
    theirs = [[None if v == "" else v for v in row] for row in theirs]
    mine = [[v.date() if isinstance(v, dt.datetime) else v for v in row] for row in mine]
    assert mine == theirs
    assert mine[1:] == [
        ["0042", "'=1+1", 12, 1.5, True, dt.date(2024, 2, 29)],
        ["3273", "a\nb & <c> ", "9007199254740993", "0.12345678901234567890", False, dt.date(1900, 1, 1)],
        [None, "x", None, None, None, None],
        ["9", "  spasi ", -5, 1000, None, None],
    ]


def test_xlsx_written_twice_is_byte_identical_with_fixed_times(tmp_path):
    files = []
    for n in range(2):
        (tmp_path / str(n)).mkdir()
        _, datasets, report = check(table_portal(tmp_path / str(n), FIELDS, DATA))
        assert report.valid, report.flatten()
        files.append(datasets[0].files / "data.xlsx")
    assert files[0].read_bytes() == files[1].read_bytes()
    with zipfile.ZipFile(files[0]) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None


def test_xlsx_text_escapes_markup_control_characters_and_excel_escapes():
    # Excel reads `_xHHHH_` as an escaped character: a literal one keeps its `_` escaped
    cells = text_cells(["a & <b>", None, "bel\x07", "_x0041_", "nul\x00"])
    assert [c and c.split('<t xml:space="preserve">')[1].split("</t>")[0] for c in cells] == [
        "a &amp; &lt;b&gt;",
        None,
        "bel_x0007_",
        "_x005F_x0041_",
        "nul_x0000_",
    ]


def test_xlsx_calamine_reads_a_literal_excel_escape_as_written(tmp_path):
    data = 'teks\n"_x0041_ tetap"\n'
    _, datasets, report = check(table_portal(tmp_path, ["name: teks"], data))
    assert report.valid, report.flatten()
    sheet = CalamineWorkbook.from_path(str(datasets[0].files / "data.xlsx")).get_sheet_by_name("data")
    assert sheet.to_python() == [["teks"], ["_x0041_ tetap"]]


def test_xlsx_sheet_beyond_the_zip_limit_is_left_out_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr("generator.render.xlsx.SHEET_LIMIT", 1000)
    _, datasets, report = check(table_portal(tmp_path, FIELDS, DATA.replace("0042", "x" * 1000)))
    assert report.valid, report.flatten()
    assert datasets[0].resources[0].formats == ("csv", "json", "parquet")
    assert sorted(p.name for p in datasets[0].files.iterdir() if p.suffix == ".xlsx" or p.name.startswith(".")) == []
