"""Spreadsheets -> text rows: XLSX and legacy XLS (python-calamine) and HTML tables saved as .xls.

A file is read by what its bytes are, not by its name, and never trusted: an XLSX's declared size
and a zip's compression are checked before anything is inflated, and formulas without a stored
value are errors instead of empty cells.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from python_calamine import CalamineError, CalamineWorkbook

from generator.config import Batas, Dialect
from generator.errors import DatasetError
from generator.limits import FileProblem, check_row, over_limit

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: legacy .xls, or an encrypted XLSX
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def what_is(data: bytes) -> str:
    """What a file that is not a spreadsheet really holds, for the message."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "sebuah PDF"
    if head.startswith(b"<?xml") and b"<workbook" in data[:4096].lower():
        return "XML Spreadsheet 2003; buka di Excel lalu simpan sebagai .xlsx"
    if not data.strip():
        return "kosong"
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "bukan spreadsheet yang dikenal"
    return "teks biasa (mungkin CSV); ganti akhiran namanya menjadi .csv"


def read_sheet_rows(path: Path, data: bytes, dialect: Dialect, limits: Batas) -> list[list[str]]:
    """The rows of the dialect's sheet (the first when none is named), as text."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"PK\x03\x04"):
        check_xlsx(path, data, dialect.sheet, limits)
    elif data.startswith(CFB):
        if ENCRYPTED in data:
            raise DatasetError(path, "file XLSX ini terenkripsi (dilindungi kata sandi); simpan ulang tanpa kata sandi")
    elif head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body")) or (
        head.startswith(b"<") and b"<table" in data[:65536].lower()
    ):
        if dialect.sheet:
            raise DatasetError(
                path, "file ini tabel HTML yang disimpan sebagai .xls: tidak punya sheet; hapus `dialect.sheet`"
            )
        return html_rows(path, data, limits)
    else:
        raise DatasetError(path, f"bukan file XLSX atau XLS: isinya {what_is(data)}")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as error:
        raise DatasetError(path, f"spreadsheet rusak atau terenkripsi ({error})") from error
    if dialect.sheet and dialect.sheet not in book.sheet_names:
        names = ", ".join(book.sheet_names)
        raise DatasetError(path, f"sheet '{dialect.sheet}' tidak ada (yang ada: {names})")
    if not book.sheet_names:
        raise DatasetError(path, "spreadsheet tidak berisi sheet")
    try:
        sheet = book.get_sheet_by_name(dialect.sheet) if dialect.sheet else book.get_sheet_by_index(0)
        check_extent(path, sheet.end[0] + 1 if sheet.end else 0, sheet.end[1] + 1 if sheet.end else 0, limits)
        # skip_empty_area=False keeps row numbers as in the file (headerRows, commentRows)
        values = sheet.to_python(skip_empty_area=False)
    except CalamineError as error:
        raise DatasetError(path, f"sheet tidak dapat dibaca ({error})") from error
    rows = []
    cells = 0
    for line, values_row in enumerate(values, start=1):
        row = [cell_text(value) for value in values_row]
        while row and row[-1] == "":  # every row is padded to the widest one
            row.pop()
        cells += len(row)
        check_row(path, row, line, cells, limits)
        rows.append(row)
    return rows


def check_extent(path: Path, height: int, width: int, limits: Batas) -> None:
    if height > limits.baris:
        raise over_limit(path, "baris", limits.baris, f"sheet berisi sel di baris {height}, lebih dari {limits.baris}")
    if width > limits.kolom:
        raise over_limit(
            path, "kolom", limits.kolom, f"sheet berisi sel di kolom ke-{width}, lebih dari {limits.kolom}"
        )
    if height * width > limits.sel:
        raise over_limit(path, "sel", limits.sel, f"sheet {height} x {width} berisi lebih dari {limits.sel} sel")


def check_xlsx(path: Path, data: bytes, sheet: str | None, limits: Batas) -> None:
    """Before inflating: the zip's real size, and the sheet's real extent (its <dimension> can lie)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise DatasetError(path, f"file XLSX rusak (arsip ZIP tidak sah: {error})") from error
    if inflated > limits.ukuran_terurai_mb * 1024 * 1024:
        detail = f"isi XLSX terurai menjadi {inflated // (1024 * 1024)} MB, lebih dari {limits.ukuran_terurai_mb} MB"
        raise over_limit(path, "ukuran_terurai_mb", limits.ukuran_terurai_mb, detail)
    names = archive.namelist()
    if len(set(names)) != len(names):  # two readers could pick different copies of a member
        raise DatasetError(path, "file XLSX rusak: arsip ZIP berisi nama file ganda")
    with archive:
        name, member = sheet_member(path, archive, sheet)
        if member is None:
            return  # no such sheet: calamine names the sheets there are
        try:
            with archive.open(member) as stream:
                scan_sheet(path, stream, name, limits)
        except (ET.ParseError, zipfile.BadZipFile, EOFError, OSError) as error:
            raise DatasetError(path, f"sheet '{name}' rusak ({error})") from error


def sheet_member(path: Path, archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, str | None]:
    """The zip member holding the named sheet (or the first): workbook.xml names it, its rels locate it."""
    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError as error:
        raise DatasetError(
            path, "arsip ZIP ini bukan XLSX (tidak ada xl/workbook.xml); mungkin ODS atau arsip biasa"
        ) from error
    except ET.ParseError as error:
        raise DatasetError(path, f"file XLSX rusak ({error})") from error
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    sheets = [element for element in book.iter() if element.tag.rsplit("}", 1)[-1] == "sheet"]
    chosen = next((s for s in sheets if sheet is None or s.get("name") == sheet), None)
    if chosen is None:
        return sheet or "", None
    name = chosen.get("name", "")
    target = targets.get(chosen.get(REL), "")
    member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    if member not in archive.namelist():  # never read a sheet whose real size was not checked first
        raise DatasetError(path, f"file XLSX rusak: isi sheet '{name}' tidak ditemukan di arsip ({member})")
    return name, member


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def scan_sheet(path: Path, stream: IO[bytes], name: str, limits: Batas) -> None:
    """Stream the sheet's XML once: its real last row and column, and formulas without a stored value."""
    row = column = 0
    sheet_data = None
    for event, element in ET.iterparse(stream, events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start":
            if tag == "sheetData":
                sheet_data = element
            elif tag == "row":
                row = int(element.get("r") or row + 1)
                column = 0
            continue
        if tag == "c":
            match = CELL_REF.match(element.get("r") or "")
            column = column_number(match.group(1)) if match else column + 1
            check_extent(path, row, column, limits)
            children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
            value = children.get("v")
            # a formula's cached result is its <v>; empty is a value only for a text result (t="str")
            if "f" in children and (value is None or (not value.text and element.get("t") != "str")):
                ref = f"{name}!{match.group(0) if match else column}"
                formula = (children["f"].text or "").strip()
                detail = f"sel {ref} berisi rumus `={formula}` tanpa nilai tersimpan"
                raise FileProblem(path, "formula-no-value", detail, cell=ref, formula=formula)
            element.clear()
        elif tag == "row" and sheet_data is not None:
            sheet_data.remove(element)  # keep memory flat on a sheet of many rows


class TableParser(HTMLParser):
    """The cells of the first <table> of an HTML page (an "Excel" export many systems produce)."""

    def __init__(self, path: Path, limits: Batas) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.limits, self.cells = path, limits, 0
        self.rows: list[list[str]] = []
        self.depth = 0
        self.done = False
        self.cell: list[str] | None = None
        self.span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif self.depth == 1 and tag == "tr":
            self.end_cell()
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th") and self.rows:
            self.end_cell()
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.span = min(int(span), 1000) if span.isdigit() and int(span) > 0 else 1
        elif self.depth == 1 and tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self.end_cell()
                self.done = True
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self.end_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and self.depth == 1:
            self.cell.append(data)

    def end_cell(self) -> None:
        if self.cell is not None:
            text = " ".join("".join(self.cell).split())
            self.cells += self.span
            if self.cells > self.limits.sel:  # colspan repeats cells: count before holding them
                detail = f"tabel berisi lebih dari {self.limits.sel} sel (sampai baris {len(self.rows)})"
                raise over_limit(self.path, "sel", self.limits.sel, detail)
            self.rows[-1] += [text] + [""] * (self.span - 1)
            self.cell = None
            self.span = 1


def html_rows(path: Path, data: bytes, limits: Batas) -> list[list[str]]:
    from generator.load import detect_encoding

    match = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    encoding = match.group(1).decode("ascii") if match else detect_encoding(data)
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode(detect_encoding(data), errors="replace")
    parser = TableParser(path, limits)
    parser.feed(text)
    parser.close()
    if not parser.rows:
        raise DatasetError(path, "file ini halaman HTML tanpa tabel, bukan spreadsheet")
    cells = 0
    for line, row in enumerate(parser.rows, start=1):
        if line > limits.baris:
            raise over_limit(path, "baris", limits.baris, f"tabel berisi lebih dari {limits.baris} baris")
        cells += len(row)
        check_row(path, row, line, cells, limits)
    return parser.rows
