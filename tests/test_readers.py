"""Readers under attack and in careless hands (issue 5, area B): YAML, CSV, XLSX, legacy spreadsheets,
limits. Every input is a real file written here or a real fixture; `check` runs on a real portal."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator import load
from generator.config import Batas, Dialect
from generator.errors import DatasetError
from generator.limits import FileProblem
from generator.scaffold import template, to_yaml
from generator.validate import check
from generator.validate.metadata import PLACEHOLDER
from tests.helpers import DATA, ROOT

META = (DATA / "invalid" / "b-path-absolute" / "datapackage.yaml").read_text().replace("b-path-absolute", "kasus")
CSV = "tahun,jumlah\n2023,10\n2024,12\n"


def portal(tmp_path: Path, meta: str = META, files: dict[str, bytes | str] | None = None, extra: str = "") -> Path:
    """A test portal with one dataset datasets/dinkes/kasus holding `meta` and `files`."""
    root = tmp_path / "portal"
    folder = root / "datasets" / "dinkes" / "kasus"
    folder.mkdir(parents=True)
    (root / "portal.yml").write_text((DATA / "portal.yml").read_text() + extra)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (folder / "datapackage.yaml").write_text(meta)
    for name, data in (files if files is not None else {"data.csv": CSV}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def errors(root: Path) -> list[tuple[str, str]]:
    _, _, report = check(root)
    return [(issue.slug, issue.message()) for issue in report.errors]


def xlsx(rows: list[list[object]], edit=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook with the sheet's stored <dimension> replaced (as other writers get it wrong)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode(), content)
            target.writestr(name, content)
    return out.getvalue()


# --- YAML ---------------------------------------------------------------------------------


def test_read_yaml_duplicate_key_names_both_lines(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("name: a\nsatudata:\n  klasifikasi: terbatas\ntitle: b\nsatudata:\n  klasifikasi: terbuka\n")
    with pytest.raises(FileProblem) as caught:
        load.read_yaml(path)
    assert caught.value.slug == "yaml-duplicate-key"
    assert caught.value.params == {"detail": caught.value.detail, "key": "satudata", "first": 2, "line": 5}


def test_check_second_satudata_block_cannot_publish_a_restricted_dataset(tmp_path):
    meta = META.replace("klasifikasi: terbuka", "klasifikasi: terbatas") + "satudata:\n  klasifikasi: terbuka\n"
    root = portal(tmp_path, meta)
    portal_config, datasets, _ = check(root)
    assert datasets == []
    assert ("yaml-duplicate-key", "Kunci `satudata` ditulis dua kali: baris 6 dan baris 22. "
            "Yang kedua diam-diam menimpa yang pertama.") in errors(root)  # fmt: skip


def test_read_yaml_merge_key_may_be_overridden(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  x: 3\n")
    assert load.read_yaml(path) == {"base": {"x": 1, "y": 2}, "item": {"x": 3, "y": 2}}


def test_read_yaml_alias_bomb_ends_quickly_with_node_limit(tmp_path):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size < 1500
    start = time.monotonic()
    with pytest.raises(FileProblem) as caught:
        load.read_yaml(path)
    assert time.monotonic() - start < 2
    assert caught.value.slug == "limit-exceeded" and caught.value.params["key"] == "node_yaml"


def test_read_yaml_recursive_alias_is_a_clear_error(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("name: a\nkeywords: &k [uji, *k]\n")
    with pytest.raises(DatasetError, match=r"baris 2: alias merujuk ke dirinya sendiri"):
        load.read_yaml(path)


def test_read_yaml_unclosed_quote_reported_at_its_line(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('name: a\ntitle: "tanpa penutup\ndescription: x\nkeywords: [a]\n')
    with pytest.raises(DatasetError) as caught:
        load.read_yaml(path)
    assert caught.value.slug == "pesan-yaml-kutip"
    assert caught.value.detail == (
        'baris 2: YAML tidak sah (tanda kutip atau kurung belum ditutup); tulis baris itu: title: "tanpa penutup"'
    )


def test_read_yaml_tab_reported_at_its_line_not_the_mapping_start(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("name: a\nsatudata:\n  produsen: x\n\ttopik: y\n")
    with pytest.raises(DatasetError, match=r"^.*baris 4: YAML tidak sah \(karakter tab"):
        load.read_yaml(path)


def test_read_yaml_fifo_refused_without_blocking(tmp_path):
    path = tmp_path / "datapackage.yaml"
    os.mkfifo(path)
    with pytest.raises(DatasetError, match=r"ini sebuah FIFO \(pipa bernama\), bukan file biasa"):
        load.read_yaml(path)


def test_check_fifo_and_folder_named_datapackage_yaml_end_with_errors(tmp_path):
    root = portal(tmp_path)
    os.mkfifo(root / "datasets" / "dinkes" / "kasus" / "x.csv")
    fifo = root / "datasets" / "dinkes" / "pipa"
    fifo.mkdir()
    os.mkfifo(fifo / "datapackage.yaml")
    (root / "datasets" / "dinkes" / "folder" / "datapackage.yaml").mkdir(parents=True)
    found = errors(root)
    # check reports the FIFO without opening it; the reader refuses it on its own too
    assert (
        "special-file",
        "`datasets/dinkes/pipa/datapackage.yaml` bukan file biasa maupun folder (FIFO, soket atau perangkat).",
    ) in found
    with pytest.raises(DatasetError, match="ini sebuah FIFO"):
        load.read_yaml(fifo / "datapackage.yaml")
    assert ("yaml-error", "File tidak dapat dibaca: ini sebuah folder, bukan file biasa") in found


def test_read_table_device_file_refused():
    with pytest.raises(DatasetError, match="ini sebuah file perangkat, bukan file biasa"):
        load.read_csv_rows(Path("/dev/zero"), Dialect())


# --- dialect and paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dialect", "message"),
    [
        ("{headerRows: []}", "Nilai `resources[0].dialect.headerRows` tidak sah: tidak boleh kosong."),
        ("{headerRows: [0]}", "Nilai `resources[0].dialect.headerRows[0]` tidak sah: harus 1 atau lebih."),
        ("{headerRows: [-1]}", "Nilai `resources[0].dialect.headerRows[0]` tidak sah: harus 1 atau lebih."),
        ('{delimiter: ";;"}', "Nilai `resources[0].dialect.delimiter` tidak sah: harus satu karakter"),
    ],
)
def test_check_bad_dialect_is_a_metadata_error(tmp_path, dialect, message):
    root = portal(tmp_path, META.replace("    schema:\n", f"    dialect: {dialect}\n    schema:\n"))
    assert any(slug == "metadata-invalid" and text.startswith(message) for slug, text in errors(root))


def test_check_absolute_resource_path_is_a_metadata_error(tmp_path):
    root = portal(tmp_path)
    assert errors(root) == [("resource-outside", "Path `/etc/passwd` menunjuk ke luar folder dataset.")]


def test_check_folder_as_resource_path_says_it_is_a_folder(tmp_path):
    root = portal(tmp_path, META.replace("/etc/passwd", "tabel"), {"tabel/data.csv": CSV})
    assert errors(root) == [("resource-not-file", "Path `tabel` menunjuk ke folder, bukan file data.")]


def test_check_real_title_starting_with_isi_is_not_a_placeholder(tmp_path):
    meta = META.replace("/etc/passwd", "data.csv").replace("title: Uji kasus", "title: ISIAN Formulir Puskesmas")
    root = portal(tmp_path, meta.replace("description: Kasus", "description: Isi laporan. Kasus"))
    assert errors(root) == []


def test_scaffold_template_every_placeholder_is_detected():
    from generator.validate.metadata import placeholder_issues

    text = to_yaml(template("x", "dinkes", ["lainnya"]))
    found = placeholder_issues(yaml.safe_load(text), "dinkes/x", "datapackage.yaml")
    values = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert len(found) == sum(line.count(PLACEHOLDER) for line in values) == 18


# --- CSV and limits ------------------------------------------------------------------------


def test_read_table_csv_with_200000_columns_refused_quickly(tmp_path):
    path = tmp_path / "lebar.csv"
    path.write_text(",".join("a" * 5 for _ in range(200_000)) + "\n")
    assert path.stat().st_size > 1_000_000
    start = time.monotonic()
    with pytest.raises(FileProblem, match=r"baris 1 berisi 200000 kolom, lebih dari 1000") as caught:
        load.read_table(path, Dialect())
    assert time.monotonic() - start < 5
    assert caught.value.params["key"] == "kolom"


def test_read_table_csv_cell_beyond_the_csv_module_limit_is_a_limit_error(tmp_path):
    path = tmp_path / "panjang.csv"
    path.write_text('a,b\n1,"' + "x" * 200_000 + '"\n')  # the csv module's own limit is 131072
    with pytest.raises(FileProblem, match=r"baris 2, kolom ke-2: sel berisi 200000 karakter, lebih dari 32767"):
        load.read_table(path, Dialect())


def test_read_table_file_size_limit_names_the_key(tmp_path):
    path = tmp_path / "besar.csv"
    path.write_text("a,b\n" + "1,2\n" * 300_000)
    with pytest.raises(FileProblem, match="file lebih besar dari 1 MB") as caught:
        load.read_table(path, Dialect(), Batas(ukuran_file_mb=1))
    assert caught.value.params == {"detail": "file lebih besar dari 1 MB", "key": "ukuran_file_mb", "limit": 1}


def test_check_limit_message_says_how_to_raise_it(tmp_path):
    root = portal(tmp_path, META.replace("/etc/passwd", "data.csv"), extra="batas: {baris: 2}\n")
    _, _, report = check(root)
    [issue] = report.errors
    assert issue.message() == "File melewati batas `baris` (2): file berisi lebih dari 2 baris."
    assert "naikkan `batas.baris` di portal.yml" in issue.fix()


# --- XLSX, XLS, HTML -----------------------------------------------------------------------

ROWS = [["tahun", "jumlah"]] + [[2016 + n, n * 10] for n in range(8)]


def test_read_table_xlsx_understated_dimension_keeps_every_row(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(set_dimension(xlsx(ROWS), "A1:B2"))
    table = load.read_table(path, Dialect())
    assert len(table.rows) == 8 and table.rows[-1] == ["2023", "70"]


def test_read_table_xlsx_declared_huge_dimension_reads_quickly(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_bytes(set_dimension(xlsx(ROWS), "A1:XFD1048576"))
    assert path.stat().st_size < 6000
    start = time.monotonic()
    table = load.read_table(path, Dialect())
    assert time.monotonic() - start < 2
    assert table.header == ["tahun", "jumlah"] and len(table.rows) == 8


def test_read_table_xlsx_zip_bomb_refused_before_inflating(tmp_path):
    def pad(sheet):
        sheet["C1"] = "x"

    data = xlsx(ROWS, pad)
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/media/zeros.bin", b"\0" * 60 * 1024 * 1024)  # 60 MB of zeros in ~60 KB
    path = tmp_path / "bom.xlsx"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(FileProblem, match=r"isi XLSX terurai menjadi 60 MB, lebih dari 50 MB"):
        load.read_table(path, Dialect(), Batas(ukuran_terurai_mb=50))


def test_read_table_xlsx_formula_without_value_names_the_cell(tmp_path):
    def formula(sheet):
        sheet["C5"] = "=A5*2"

    path = tmp_path / "data.xlsx"
    path.write_bytes(xlsx(ROWS, formula))
    with pytest.raises(FileProblem, match=r"sel Sheet1!C5 berisi rumus `=A5\*2` tanpa nilai tersimpan") as caught:
        load.read_table(path, Dialect())
    assert caught.value.slug == "formula-no-value"


def test_read_table_xlsx_formula_with_cached_value_is_read(tmp_path):
    path = tmp_path / "data.xlsx"
    data = xlsx(ROWS)
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("xl/worksheets/"):
                content = content.replace(b'<c r="B9" t="n"><v>70</v>', b'<c r="B9" t="n"><f>B8+10</f><v>70</v>')
            target.writestr(name, content)
    path.write_bytes(out.getvalue())
    assert b"<f>B8+10</f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert load.read_table(path, Dialect()).rows[-1] == ["2023", "70"]


def test_read_table_legacy_xls_biff_reads_typed_cells():
    table = load.read_table(DATA / "fixtures" / "base.xls", Dialect(headerRows=[1]))
    assert table.rows[0][:8] == ["String", "1", "1.1", "true", "false", "2010-10-10", "2010-10-10T10:10:10", "10:10:10"]


def test_read_table_html_table_saved_as_xls_reads_first_table(tmp_path):
    path = tmp_path / "ekspor.xls"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body><p>Laporan</p>'
        "<table><tr><th>Kecamatan</th><th>Jumlah</th></tr>"
        "<tr><td>Cibeunying&nbsp;Kaler</td><td>1.250</td></tr>"
        '<tr><td colspan="2">Sumber: Dinkes</td></tr></table>'
        "<table><tr><td>lain</td></tr></table></body></html>",
        encoding="utf-8",
    )
    table = load.read_table(path, Dialect(commentRows=[3]))
    assert table.header == ["Kecamatan", "Jumlah"]
    assert table.rows == [["Cibeunying Kaler", "1.250"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("data.xlsx", (DATA / "invalid" / "b-xlsx-encrypted" / "data.xlsx").read_bytes(), "terenkripsi"),
        ("data.xls", b"tahun,jumlah\n2024,1\n", "isinya teks biasa (mungkin CSV)"),
        ("data.xlsx", b"%PDF-1.7\n", "isinya sebuah PDF"),
    ],
)
def test_read_table_mislabelled_spreadsheet_says_what_it_is(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DatasetError, match=re.escape(message)) as caught:
        load.read_table(path, Dialect())
    assert "zip" not in caught.value.detail.lower()


# --- process limits ------------------------------------------------------------------------


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator.cli", "check", "--root", str(root)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_cli_check_time_limit_is_exit_2_with_a_clear_message(tmp_path):
    rows = "tahun,jumlah\n" + "2024,1\n" * 400_000
    root = portal(tmp_path, META.replace("/etc/passwd", "data.csv"), {"data.csv": rows}, "batas: {waktu_detik: 1}\n")
    result = run_check(root)
    assert result.returncode == 2, result.stderr
    assert "melewati batas waktu 1 detik; naikkan `batas.waktu_detik` di portal.yml" in result.stderr


def test_cli_check_memory_limit_is_exit_2_with_a_clear_message(tmp_path):
    rows = "tahun,jumlah\n" + "2024,1\n" * 400_000
    root = portal(tmp_path, META.replace("/etc/passwd", "data.csv"), {"data.csv": rows}, "batas: {memori_mb: 64}\n")
    result = run_check(root)
    assert result.returncode == 2, result.stderr
    assert "melewati batas memori 64 MB; naikkan `batas.memori_mb` di portal.yml" in result.stderr
