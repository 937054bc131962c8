"""Downloads generated from the validated data: CSV, XLSX, JSON and datapackage.json per dataset."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from generator.config import Portal, ResourceSpec
from generator.model import Dataset

CHUNK = 1000  # rows per file of the table script
FORMATS = {  # the downloads of every resource, by file extension
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time: same input, same bytes
# OWASP CSV injection: a text cell starting with one of these is a formula to a spreadsheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXACT_DIGITS = 15  # a spreadsheet keeps 15 significant digits: longer numbers are written as text
IDENTIFIER = re.compile(r"^(?:kode|id|nik|nip|npwp|nomor|no)(?:_|$)", re.IGNORECASE)


# a sign followed only by digits, dots, commas and spaces (`-`, `-6.89, 107.60`) calls nothing:
# coordinates and "no data" dashes stay as written
NUMERIC_TEXT = re.compile(r"[+-][0-9.,\s]*")


def defused(text: str) -> str:
    """A text cell that no spreadsheet runs: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`."""
    if text.startswith(FORMULA_START) and not NUMERIC_TEXT.fullmatch(text):
        return "'" + text
    return text


def plain(value: Any) -> Any:
    """A typed cell as a JSON value."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return defused(value)
    return str(plain(value))


def resource_csv(spec: ResourceSpec, records: list[dict[str, Any]]) -> bytes:
    names = [f.name for f in spec.schema_.fields]
    out = io.StringIO(newline="")
    # CRLF rows (RFC 4180): the writer quotes a cell holding any character of the line end, so a
    # lone CR inside a cell is quoted too and cannot split the row
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([csv_text(record[n]) for n in names] for record in records)
    return out.getvalue().encode("utf-8")


def resource_json(records: list[dict[str, Any]]) -> bytes:
    rows = [{k: plain(v) for k, v in record.items()} for record in records]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def resource_chunks(spec: ResourceSpec, records: list[dict[str, Any]]) -> list[bytes]:
    """The table for the page's script: rows as arrays in column order, CHUNK rows a file, so
    that turning a page loads one small file whatever the row count."""
    names = [f.name for f in spec.schema_.fields]
    rows = [[plain(record[n]) for n in names] for record in records]
    return [
        json.dumps(rows[start : start + CHUNK], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for start in range(0, max(len(rows), 1), CHUNK)
    ]


def resource_xlsx(spec: ResourceSpec, records: list[dict[str, Any]], updated: dt.datetime) -> bytes:
    book = Workbook(write_only=True)
    book.properties.creator = "Sebar"
    book.properties.created = book.properties.modified = updated
    sheet = book.create_sheet(title="data")
    fields = spec.schema_.fields
    key = spec.schema_.model_extra.get("primaryKey") if spec.schema_.model_extra else None
    keys = [key] if isinstance(key, str) else key if isinstance(key, list) else []
    as_text = [f.name in keys or bool(IDENTIFIER.match(f.name)) for f in fields]  # codes keep their digits
    sheet.append([text_cell(sheet, f.name) for f in fields])
    for record in records:
        sheet.append([xlsx_cell(sheet, record[f.name], text) for f, text in zip(fields, as_text, strict=True)])
    raw = io.BytesIO()
    book.save(raw)
    return fixed_zip(raw.getvalue(), updated.strftime("%Y-%m-%dT%H:%M:%SZ").encode())


def text_cell(sheet: WriteOnlyWorksheet, text: str, defuse: bool = True) -> WriteOnlyCell:
    """A cell that holds text whatever it starts with (openpyxl takes a leading `=` for a formula)."""
    cell = WriteOnlyCell(sheet, value=defused(text) if defuse else text)
    cell.data_type = "s"
    return cell


def xlsx_cell(sheet: WriteOnlyWorksheet, value: Any, as_text: bool) -> Any:
    """Numbers stay numbers while a spreadsheet can hold them exactly; identifiers and longer
    numbers (a 16-digit NIK) are written as text."""
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        digits = len(Decimal(value).normalize().as_tuple().digits)
        if as_text or digits > EXACT_DIGITS:
            return text_cell(sheet, csv_text(value), defuse=False)
        return float(value) if isinstance(value, Decimal) else value
    return value


def fixed_zip(data: bytes, stamp: bytes) -> bytes:
    """Rewrite a zip with fixed entry times, so that the file is byte-identical on every build."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            target.writestr(entry, data)
    return out.getvalue()


def datapackage(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """The published Data Package: the operator's metadata, pointing at the generated CSVs."""
    spec = dataset.spec
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "version": spec.version,
        "keywords": spec.keywords,
        "licenses": [lic.model_dump(exclude_none=True) for lic in spec.licenses],
        "sources": [spec.satudata.sumber.model_dump(exclude_none=True)],
        "publisher": portal.producer_name(dataset.produsen),
        "updated": dataset.updated,
        "satudata": spec.satudata.model_dump(exclude_none=True),
        "resources": [
            {
                "name": r.spec.name,
                "path": f"{r.spec.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": r.spec.title,
                "schema": r.spec.schema_.model_dump(exclude_none=True),
            }
            for r in dataset.resources
        ],
    }


def write_table_downloads(spec: ResourceSpec, records: list[dict[str, Any]], folder: Path) -> None:
    """A resource's CSV, JSON, XLSX and the page script's chunks; the same input gives the same bytes
    (no Git date, no clock: the XLSX is stamped 1980-01-01)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = spec.name
    (folder / f"{name}.csv").write_bytes(resource_csv(spec, records))
    (folder / f"{name}.json").write_bytes(resource_json(records))
    (folder / f"{name}.xlsx").write_bytes(resource_xlsx(spec, records, dt.datetime(*FIXED_TIME)))
    chunks = folder / f"{name}.bagian"
    chunks.mkdir()
    for number, chunk in enumerate(resource_chunks(spec, records)):
        (chunks / f"{number}.json").write_bytes(chunk)


def datapackage_json(portal: Portal, dataset: Dataset) -> str:
    meta = json.dumps(datapackage(portal, dataset), ensure_ascii=False, indent=2, sort_keys=False)
    return meta + "\n"
