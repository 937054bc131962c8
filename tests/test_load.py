"""load: encodings, delimiters, header rows and spreadsheets, on the real fixtures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.config import Dialect
from generator.load import detect_delimiter, detect_encoding, read_table
from generator.validate import check
from tests.helpers import DATA, case_portal

ROOT = Path(__file__).resolve().parents[1]
JABAR = ROOT / "datasets" / "opendata-jabar"


def test_detect_encoding_latin1_bytes_fall_back_to_windows_1252():
    assert detect_encoding((DATA / "fixtures" / "test_latin1.csv").read_bytes()) == "cp1252"


def test_detect_encoding_bom_and_utf16():
    text = "kecamatan,jumlah\nCoblong,16\n"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode()) == "utf-8-sig"
    assert detect_encoding(text.encode("utf-16")) == "utf-16"
    assert detect_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert detect_encoding(text.encode()) == "utf-8"


def test_read_table_utf16_export_reads_like_utf8(tmp_path):
    source = (JABAR / "penduduk-miskin" / "jumlah_penduduk_miskin_berdasarkan_kabupatenkota_data.csv").read_bytes()
    utf16 = tmp_path / "data.csv"
    utf16.write_bytes(source.decode("utf-8").replace(",", "\t").encode("utf-16"))
    table = read_table(utf16, Dialect())
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.header[:3] == ["id", "kode_provinsi", "nama_provinsi"]
    assert len(table.rows) == 513


def test_read_table_bps_export_bom_semicolon_crlf_empty_first_row():
    path = JABAR / "garis-kemiskinan-provinsi" / "angka_garis_kemiskinan_per_kapita_per_bulan__provinsi.csv"
    table = read_table(path, Dialect(headerRows=[2]))
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.header == ["Nama Wilayah", "2020", "2019", "2018"]
    assert table.rows == [["JAWA BARAT", "410988", "386198", "367755"]]
    assert table.line_numbers == [3]


def test_detect_delimiter_keeps_quoted_commas_in_one_cell():
    text = 'id,nama,titik\n1,CIWALK,"-6.89, 107.60"\n2,PVJ,"-6.88, 107.59"\n'
    assert detect_delimiter(text) == ","


def test_read_table_two_header_rows_joined_and_footer_skipped():
    path = ROOT / "datasets" / "bandung" / "perguruan-tinggi-kecamatan" / "jumlah_perguruan_tinggi_per_kec.csv"
    table = read_table(path, Dialect(headerRows=[1, 2], commentRows=[33]))
    assert table.header == ["kecamatan", "Jumlah Negeri 2021", "Jumlah Swasta 2021", "Jumlah 2021"]
    assert len(table.rows) == 30 and table.rows[-1][0] == "Cidadap"


def test_read_table_xlsx_rows_above_header():
    table = read_table(DATA / "fixtures" / "test_skip_lines.xlsx", Dialect(headerRows=[4]))
    assert table.header == ["text", "date", "integer", "boolean", "float", "datetime", "empty_column"]
    assert table.rows[0] == ["Chicago Reader", "1971-01-01", "40", "true", "1", "1971-01-01T04:14:00", ""]
    assert table.line_numbers[0] == 5
    assert table.rows[3] == ["This row has blanks", "", "", "", "", "", ""]


def test_check_xlsx_typed_values_and_extra_data_beyond_header(tmp_path):
    _, datasets, report = check(case_portal(tmp_path, "valid/skip-lines"))
    assert [(i.slug, i.row, i.column) for i in report.errors] == [("extra-cell", 6, "ke-8")]


def test_check_latin1_and_decimal_comma_load_typed_values(tmp_path):
    _, datasets, report = check(case_portal(tmp_path, "valid/latin1", "valid/locale"))
    assert report.valid, report.to_text()
    records = {d.slug: list(d.resources[0].head) for d in datasets}
    assert records["latin1"] == [{"a": 1, "b": 2, "c": "3"}, {"a": 4, "b": 5, "c": "©"}]
    assert records["locale"] == [{"a": Decimal("1.7"), "b": Decimal("200000000"), "c": None}]


def test_check_demo_portal_is_valid_and_typed():
    _, datasets, report = check(ROOT)
    assert report.valid, report.to_text()
    by_slug = {d.slug: d for d in datasets}
    xlsx = by_slug["garis-kemiskinan-provinsi-xlsx"].resources[0]
    assert xlsx.rows == 3 and len(xlsx.head) == 3
    assert by_slug["kode-wilayah-jatim"].resources[0].head[0]["code"] == "35"
    assert isinstance(by_slug["penduduk-miskin"].resources[0].head[0]["jumlah_penduduk_miskin"], Decimal)


def test_read_table_drops_blank_lines_after_the_data_only(tmp_path):
    source = JABAR / "garis-kemiskinan-provinsi" / "angka_garis_kemiskinan_per_kapita_per_bulan__provinsi.csv"
    path = tmp_path / "ekspor.csv"
    path.write_bytes(source.read_bytes() + b";;;\r\n\r\n")  # as spreadsheet exports often end
    table = read_table(path, Dialect(headerRows=[2]))
    assert table.rows == [["JAWA BARAT", "410988", "386198", "367755"]] and table.header_row == 2
