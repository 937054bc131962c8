"""A streaming XLSX writer: one sheet `data`, written a chunk of columns at a time, the same bytes every run."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import IO, Any

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time: same input, same bytes
MAX_COLUMNS = 16_384  # Excel's last column is XFD; the old writer dropped cells beyond it, so do we
MAX_TEXT = 32_767  # UTF-16 units Excel holds in a cell; longer text is cut, as the old writer cut it
DATE_STYLE = 1  # index in cellXfs of "yyyy-mm-dd h:mm:ss", the format the old writer gave dates
EPOCH = dt.date(1899, 12, 31).toordinal()  # day 0 of Excel's 1900 date system
SHEET_LIMIT = zipfile.ZIP64_LIMIT  # bytes of sheet XML a zip entry holds without ZIP64 extensions

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PARTS = {  # every part but the sheet: fixed text, so fixed bytes
    "[Content_Types].xml": HEAD
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" '
    + 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + '<Override PartName="/xl/worksheets/sheet1.xml" '
    + 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    + '<Override PartName="/xl/styles.xml" '
    + 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    + '<Override PartName="/docProps/core.xml" '
    + 'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    + '<Override PartName="/docProps/app.xml" '
    + 'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    + "</Types>",
    "_rels/.rels": HEAD
    + f'<Relationships xmlns="{PACKAGE}">'
    + f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
    + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    + 'core-properties" Target="docProps/core.xml"/>'
    + f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
    + "</Relationships>",
    "docProps/core.xml": HEAD
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + "<dc:creator>Sebar</dc:creator>"
    + '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>'
    + '<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>'
    + "</cp:coreProperties>",
    "docProps/app.xml": HEAD
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    + "<Application>Sebar</Application></Properties>",
    "xl/workbook.xml": HEAD
    + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
    + '<bookViews><workbookView/></bookViews><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets>'
    + "</workbook>",
    "xl/_rels/workbook.xml.rels": HEAD
    + f'<Relationships xmlns="{PACKAGE}">'
    + f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    + f'<Relationship Id="rId2" Type="{RELS}/styles" Target="styles.xml"/>'
    + "</Relationships>",
    "xl/styles.xml": HEAD
    + f'<styleSheet xmlns="{MAIN}">'
    + '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    + '<fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    + "</styleSheet>",
}
SHEET_START = HEAD + f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"

SEPARATOR = "\x00"  # joins a column's texts so that each rule runs once per column; data never holds it
# Excel reads `_xHHHH_` in text as an escaped character: a literal one is kept by escaping its `_`
# (as Excel itself does), and the control characters XML cannot hold are written that way
ESCAPED = re.compile(r"_x[0-9a-fA-F]{4}_")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
CONTROL_BUT_SEPARATOR = re.compile(r"[\x01-\x08\x0b-\x1f\ufffe\uffff]")


def letters(column: int) -> str:
    """A 0-based column as Excel names it: 0 -> A, 26 -> AA."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def fit(text: str) -> str:
    """At most MAX_TEXT UTF-16 units, never splitting a character beyond U+FFFF."""
    if len(text.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_TEXT:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_TEXT:
            return text[:index]
    return text


def escape(text: str, control: re.Pattern[str] = CONTROL) -> str:
    """Text as XML character data that Excel reads back as the same text."""
    # XML reads a CR as a line end, as the old writer left it: the cell keeps its lines
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "_x" in text or control.search(text):
        text = ESCAPED.sub(r"_x005F\g<0>", text)
        text = control.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text_cells(texts: list[str | None]) -> list[str | None]:
    """Inline-string cells (the part after `<c r="A1"`); None stays None: no cell."""
    present = [t if len(t) <= MAX_TEXT // 2 else fit(t) for t in texts if t is not None]
    joined = SEPARATOR.join(present)
    if joined.count(SEPARATOR) == len(present) - 1:
        escaped = iter(escape(joined, CONTROL_BUT_SEPARATOR).split(SEPARATOR))
    else:  # a text holds the separator itself: escape cell by cell
        escaped = iter([escape(t) for t in present])
    return [
        None if t is None else f' t="inlineStr"><is><t xml:space="preserve">{next(escaped)}</t></is></c>' for t in texts
    ]


def number_cells(numbers: list[Any]) -> list[str | None]:
    """Number cells of ints and floats; 16 significant digits, as the old writer wrote them."""
    return [None if n is None else f"><v>{n:.16G}</v></c>" for n in numbers]


def bool_cells(values: list[bool | None]) -> list[str | None]:
    return [None if v is None else ' t="b"><v>1</v></c>' if v else ' t="b"><v>0</v></c>' for v in values]


def serial(value: dt.date) -> float:
    """A date or naive datetime as an Excel 1900-system serial number (days, with the time as a fraction)."""
    days = value.toordinal() - EPOCH
    if isinstance(value, dt.datetime):
        delta = value - dt.datetime(1899, 12, 31)  # an aware datetime raises here, as it did before
        days = delta.days
        number = days + (delta.seconds + delta.microseconds / 1e6) / 86400
        if value.isocalendar() == (1900, 1, 1):  # the old writer's quirk for 1900-01-01, kept
            number -= 1
    else:
        number = float(days)
    # Excel counts 1900-02-29, a day that never was
    return number + 1 if number > 59 else number


def date_cells(values: list[dt.date | None]) -> list[str | None]:
    return [None if v is None else f' s="{DATE_STYLE}"><v>{serial(v):.16G}</v></c>' for v in values]


class TooBig(Exception):
    """The sheet outgrew SHEET_LIMIT (ZIP64 extensions would hold it, but not every spreadsheet reads them)."""


class Workbook:
    """An XLSX file of one sheet `data`, its rows added in order, a chunk at a time."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        for name, text in PARTS.items():
            self.zip.writestr(self.entry(name), text)
        # the sheet streams straight into the archive: no temporary copy of it
        self.sheet: IO[bytes] | None = self.zip.open(self.entry("xl/worksheets/sheet1.xml"), "w")
        self.sheet.write(SHEET_START.encode())
        self.rows, self.size = 0, len(SHEET_START.encode())
        self.letters: list[str] = []

    @staticmethod
    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def add(self, columns: list[list[str | None]]) -> None:
        """The next rows, given as one list of cells per column (from the *_cells functions)."""
        assert self.sheet is not None
        columns = columns[:MAX_COLUMNS]
        while len(self.letters) < len(columns):
            self.letters.append(letters(len(self.letters)))
        names, lines = self.letters[: len(columns)], []
        for number, cells in enumerate(zip(*columns, strict=True), start=self.rows + 1):
            line = "".join(
                [f'<c r="{c}{number}"{cell}' for c, cell in zip(names, cells, strict=True) if cell is not None]
            )
            if cells and cells[-1] is None:  # a reader that takes a row's width from its last cell (openpyxl's
                line += f'<c r="{names[-1]}{number}"/>'  # read-only mode, so frictionless) sees the row whole
            lines.append(f'<row r="{number}">{line}</row>')
        self.rows += len(columns[0]) if columns else 0
        data = "".join(lines).encode("utf-8")
        self.size += len(data)
        if self.size + len(SHEET_END) > SHEET_LIMIT:  # zipfile itself would refuse only after it is all written
            raise TooBig
        self.sheet.write(data)

    def close(self) -> None:
        if self.sheet is not None:
            self.sheet.write(SHEET_END.encode())
            self.sheet.close()
            self.sheet = None
        self.zip.close()
