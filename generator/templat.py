"""The spreadsheet route: `templat-dataset.xlsx` (metadata, columns and data in one workbook, drop-downs
from portal.yml), read back into the same dict a datapackage.yaml holds, with each key's cell."""

from __future__ import annotations

import io
import typing
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from generator.config import Batas, Frekuensi, Klasifikasi, Portal, Tingkat
from generator.errors import DatasetError
from generator.licenses import register
from generator.load import read_regular
from generator.sheets import check_xlsx

NAME = "templat-dataset.xlsx"
METADATA, KOLOM, DATA, PILIHAN = "metadata", "kolom", "data", "pilihan"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # as render/xlsx.py: no build time in the bytes
CORE = (  # openpyxl stamps the save time here
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Sebar</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)

WORKBOOK_BYTES = 1024 * 1024  # a template's workbook.xml is a few KB; a bigger one is not read


@dataclass(frozen=True)
class Row:
    key: str  # the datapackage.yaml key, dotted as the checks name it
    label: str  # column A: what the operator reads
    help: str  # column C
    choices: str | None = None  # a list of the `pilihan` sheet


ROWS = (
    Row("name", "Nama dataset", "Huruf kecil, angka dan tanda hubung, sama dengan nama folder, mis. penduduk-2024."),
    Row("title", "Judul dataset", "Judul yang dibaca warga, mis. Jumlah Penduduk Kota Bandung 2024."),
    Row("description", "Uraian", "Apa isi data, satuannya, wilayah dan tahunnya (satu paragraf)."),
    Row("satudata.produsen", "Produsen data", "Kode produsen Anda dari daftar.", "produsen"),
    Row("satudata.klasifikasi", "Klasifikasi", "Hanya `terbuka` yang tampil di portal.", "klasifikasi"),
    Row("satudata.frekuensi", "Frekuensi pemutakhiran", "Seberapa sering data diperbarui.", "frekuensi"),
    Row("satudata.periode", "Periode", "Tahun data: 2020 atau 2013-2020 (tulis sebagai teks)."),
    Row("satudata.topik", "Topik", "Kode topik dari daftar.", "topik"),
    Row("satudata.cakupan.tingkat", "Tingkat wilayah", "Tingkat wilayah yang dicakup data.", "tingkat"),
    Row("satudata.cakupan.kode", "Kode wilayah", "Kode Kemendagri, mis. 32 atau 32.73 (tulis sebagai teks)."),
    Row("satudata.cakupan.nama", "Nama wilayah", "Mis. Provinsi Jawa Barat, Kota Bandung."),
    Row("satudata.sumber.nama", "Sumber data", "Asal data: instansi, kegiatan atau publikasi."),
    Row("satudata.sumber.url", "Alamat sumber (opsional)", "Alamat web sumber asli, diawali https://."),
    Row("satudata.kontak.nama", "Kontak", "Unit atau petugas yang dapat dihubungi publik."),
    Row("satudata.kontak.email", "Surel kontak (opsional)", "Mis. data@kota.go.id."),
    Row("licenses[0].name", "Lisensi", "Kode lisensi dari daftar, mis. CC-BY-4.0.", "lisensi"),
    Row("keywords", "Kata kunci", "2–5 kata kunci dipisah koma, mis. penduduk, jenis kelamin."),
    Row("resources[0].title", "Judul tabel (opsional)", "Judul tabel di sheet `data`."),
)
OPTIONAL = {"satudata.sumber.url", "satudata.kontak.email", "resources[0].title"}
# the `kolom` sheet: one row per column of the `data` sheet
COLUMNS = (
    ("name", "Nama kolom", "Sama persis dengan judul kolom di baris 1 sheet data."),
    ("title", "Judul kolom", "Judul untuk pembaca, mis. Jumlah penduduk."),
    ("type", "Tipe", "Pilih dari daftar; kode dan nomor identitas: string."),
    ("unit", "Satuan (opsional)", "Mis. jiwa, rupiah, persen."),
    ("description", "Uraian kolom", "Arti kolom ini."),
)
TYPES = ["string", "integer", "number", "boolean", "date", "year"]
# a check's slug that names no key, and the key it is about
SLUG_KEYS = {
    "name-mismatch": "name",
    "produsen-folder": "satudata.produsen",
    "produsen-unknown": "satudata.produsen",
    "topik-unknown": "satudata.topik",
    "cakupan-tingkat": "satudata.cakupan.kode",
    "kontak-missing": "satudata.kontak.nama",
    "keywords-missing": "keywords",
}


def choices(portal: Portal) -> dict[str, list[str]]:
    """The drop-down lists, from portal.yml and the licence register."""
    return {
        "produsen": [p.kode for p in portal.produsen],
        "klasifikasi": list(typing.get_args(Klasifikasi)),
        "frekuensi": list(typing.get_args(Frekuensi)),
        "topik": list(portal.topik),
        "tingkat": list(typing.get_args(Tingkat)),
        "lisensi": list(register(portal)),
        "tipe": TYPES,
    }


def workbook(portal: Portal) -> Workbook:
    """The empty template: labels, help text and drop-downs; the operator fills column B, `kolom` and `data`."""
    book = Workbook()
    meta = book.active
    meta.title = METADATA
    lists = book.create_sheet(PILIHAN)
    kolom = book.create_sheet(KOLOM)
    book.create_sheet(DATA)
    ranges = {}
    for n, (name, values) in enumerate(choices(portal).items(), start=1):
        letter = lists.cell(1, n).column_letter
        lists.cell(1, n, name)
        for number, value in enumerate(values, start=2):
            lists.cell(number, n, value)
        ranges[name] = f"{PILIHAN}!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    for column, heading in enumerate(("Isian", "Nilai", "Petunjuk"), start=1):
        meta.cell(1, column, heading).font = bold
    for line, row in enumerate(ROWS, start=2):
        meta.cell(line, 1, row.label)
        meta.cell(line, 3, row.help)
        meta.cell(line, 2).number_format = "@"  # 2020 and 32.73 stay text
        if row.choices:
            rule = DataValidation(type="list", formula1=ranges[row.choices], allow_blank=False)
            rule.error, rule.errorTitle = "Pilih salah satu isian dari daftar.", "Isian tidak ada di daftar"
            meta.add_data_validation(rule)
            rule.add(f"B{line}")
    for letter, width in (("A", 28), ("B", 50), ("C", 70)):
        meta.column_dimensions[letter].width = width
    for column, (_, label, help_text) in enumerate(COLUMNS, start=1):
        kolom.cell(1, column, label).font = bold
        kolom.column_dimensions[kolom.cell(1, column).column_letter].width = 30
        # help beside the table, not in it: a help text left in a row would be read as a column
        kolom.cell(column, len(COLUMNS) + 2, f"{label}: {help_text}")
    kolom.column_dimensions[kolom.cell(1, len(COLUMNS) + 2).column_letter].width = 70
    rule = DataValidation(type="list", formula1=ranges["tipe"], allow_blank=True)
    kolom.add_data_validation(rule)
    rule.add("C2:C1000")
    return book


def stable(book: Workbook) -> bytes:
    """The workbook's bytes without the clock: fixed zip times and document properties."""
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            data = CORE.encode() if name == "docProps/core.xml" else source.read(name)
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_template(portal: Portal, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable(workbook(portal)))
    return path


def text(value: Any) -> str:
    from generator.sheets import cell_text

    return cell_text(value).strip()


def read_template(path: Path, limits: Batas) -> tuple[dict[str, Any], dict[str, str]]:
    """The dataset dict a filled template stands for (as datapackage.yaml would hold it) and the cell of each key.
    Rows are found by their label in column A, so an operator's inserted row moves nothing. The file is
    read as any XLSX of a pull request is: a regular file within the size limits, its sheets' real
    extent checked before openpyxl inflates them (the data sheet is checked when the data is read)."""
    data = read_regular(path, limits)
    for sheet in (METADATA, KOLOM):
        check_xlsx(path, data, sheet, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise DatasetError(path, f"templat tidak dapat dibaca ({type(error).__name__}: {error})") from error
    missing = [name for name in (METADATA, KOLOM, DATA) if name not in book.sheetnames]
    if missing:
        raise DatasetError(path, f"bukan templat dataset: sheet {', '.join(missing)} tidak ada")
    labels = {row.label: row for row in ROWS}
    raw: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for line, values in enumerate(book[METADATA].iter_rows(values_only=True), start=1):
        row = labels.get(text(values[0]) if values else "")
        value = text(values[1]) if len(values) > 1 else ""
        if row is None:
            continue
        cells[row.key] = f"{METADATA}!B{line}"
        if not value and row.key in OPTIONAL:
            continue
        put(raw, row.key, [k.strip() for k in value.split(",") if k.strip()] if row.key == "keywords" else value)
    fields: list[dict[str, Any]] = []
    for line, values in enumerate(book[KOLOM].iter_rows(min_row=2, values_only=True), start=2):
        cellvalues = [text(v) for v in values[: len(COLUMNS)]]
        if not any(cellvalues):
            continue
        field: dict[str, Any] = {}
        for column, ((key, _, _), value) in enumerate(zip(COLUMNS, cellvalues, strict=False)):
            cells[f"resources[0].schema.fields[{len(fields)}].{key}"] = f"{KOLOM}!{'ABCDE'[column]}{line}"
            if key == "unit" and not value:
                continue
            field[key] = value or ("string" if key == "type" else "")
        fields.append(field)
    book.close()
    resource = raw.setdefault("resources", [{}])[0]
    resource.update(name="data", path=path.name, dialect={"sheet": DATA}, schema={"fields": fields})
    raw["resources"] = [{k: resource[k] for k in ("name", "path", "title", "dialect", "schema") if k in resource}]
    return raw, cells


def put(raw: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted key (`satudata.cakupan.kode`, `licenses[0].name`) in nested dicts and lists."""
    target: Any = raw
    parts = key.split(".")
    for part in parts[:-1]:
        name, _, index = part.partition("[")
        if index:
            items = target.setdefault(name, [{}])
            target = items[int(index.rstrip("]"))]
        else:
            target = target.setdefault(name, {})
    target[parts[-1]] = value


def to_yaml(raw: dict[str, Any]) -> str:
    """datapackage.yaml text of a template's dict (`sebar import`), its keys in the template's order."""
    import yaml

    order = ["name", "title", "description", "licenses", "keywords", "resources", "satudata"]
    ordered = {k: raw[k] for k in order if k in raw} | {k: v for k, v in raw.items() if k not in order}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=110)


def import_template(folder: Path) -> Path:
    """`sebar import FOLDER`: write datapackage.yaml from the folder's filled template (its data stays in the XLSX)."""
    source = template_in(folder)
    if source is None:
        raise DatasetError(folder, f"tidak ada templat XLSX (mis. {NAME}) di folder ini")
    target = folder / "datapackage.yaml"
    if target.exists():
        raise DatasetError(target, "sudah ada; hapus dulu bila ingin menggantinya dari templat")
    raw, _ = read_template(source, Batas())  # the default limits: the operator's own file
    target.write_text(to_yaml(raw), encoding="utf-8")
    return target


def template_in(folder: Path) -> Path | None:
    """The folder's XLSX that holds a `metadata` sheet (a filled template), if any."""
    for path in sorted(folder.glob("*.xlsx")):
        if path.is_symlink() or not path.is_file():
            continue  # a link or a device is never a template (and never read)
        try:
            with zipfile.ZipFile(path) as archive:
                book = archive.getinfo("xl/workbook.xml")
                if book.file_size <= WORKBOOK_BYTES and b'name="metadata"' in archive.read(book):
                    return path
        except (zipfile.BadZipFile, KeyError, OSError):
            continue
    return None


def locate(issues: list[Any], cells: dict[str, str]) -> list[Any]:
    """Issues of a template name the cell to change (`metadata!B7`) in the KOLOM column and in the message."""
    from dataclasses import replace

    located = []
    for issue in issues:
        key = issue.params.get("path") or issue.params.get("key") or SLUG_KEYS.get(issue.slug)
        cell = cells.get(str(key)) if key else None
        if cell is None and issue.row is None and isinstance(key, str) and key.startswith("resources[0]."):
            cell = next((c for k, c in cells.items() if key.startswith(k)), None)
        if cell is not None:
            params = {**issue.params, "key": cell} if "key" in issue.params else issue.params
            issue = replace(issue, column=cell, params=params)
        located.append(issue)
    return located
