"""A dataset's metadata guessed from its data file, read by the loader's own code (`sebar new dataset --data`).

Only what the file says is inferred: column names, types, separators, delimiter, encoding, sheet,
header rows, the period and the region. What only the operator knows (meaning, classification,
licence, topic) is left as a placeholder that `sebar check` refuses until it is written.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

from generator import load, referensi, sheets
from generator.config import Batas, Dialect
from generator.errors import DatasetError

SAMPLE_ROWS = 50  # rows looked at to find the header
INT = re.compile(r"^[+-]?\d+$")
INT_DOTS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")  # 1.234.567: Indonesian thousands
DECIMAL_DOT = re.compile(r"^[+-]?\d*\.\d+$")
DECIMAL_COMMA = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")  # 1.234,5 or 224,3
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DMY_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")  # 17/08/2024, as Indonesian spreadsheets write dates
BOOLEANS = ({"true", "false"}, {"ya", "tidak"}, {"Ya", "Tidak"}, {"YA", "TIDAK"})
MISSING = "-"  # "no data" in Indonesian tables
# codes and identifiers are text: 3201 is a name, not a quantity, and 0812 keeps its zero
CODE_WORDS = {"kode", "code", "id", "nik", "nip", "npwp", "nib", "kodepos", "postcode", "nomor", "no"}
YEAR_WORDS = {"tahun", "year", "thn"}


def words(name: str) -> set[str]:
    return set(re.split(r"[^a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower())) - {""}


def title_of(name: str) -> str:
    """`jumlah_penduduk` -> `Jumlah penduduk`; a header already written for people keeps its words."""
    text = " ".join(name.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def raw_rows(path: Path, dialect: Dialect, limits: Batas) -> tuple[list[list[str]], str | None, str | None]:
    """The file's first rows as the loader reads them, with the encoding and delimiter it chose."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        return sheets.read_sheet_rows(path, load.read_regular(path, limits), dialect, limits)[:SAMPLE_ROWS], None, None
    lines, encoding, delimiter = load.csv_lines(path, dialect, limits)
    rows = []
    for row in load.csv_rows(path, lines, delimiter, limits):
        rows.append(row)
        if len(rows) >= SAMPLE_ROWS:
            break
    return rows, encoding, delimiter


def first_sheet_with_data(path: Path, limits: Batas) -> str | None:
    """The name of the first sheet that holds a cell (None for a file without sheets, e.g. HTML saved as .xls)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(load.read_regular(path, limits)))
    except (CalamineError, ValueError, OSError):
        return None  # not a workbook: the loader says what it is
    for name in book.sheet_names:
        rows = sheets.read_sheet_rows(path, load.read_regular(path, limits), Dialect(sheet=name), limits)
        if any("".join(row).strip() for row in rows):
            return name
    return None


def header_rows(rows: list[list[str]]) -> list[int]:
    """The header: the first row filled at least half as wide as the table (title and blank rows above it are
    skipped), and the rows below it that start blank while the data rows do not (a BPS year under each label)."""
    filled = [sum(1 for cell in row if cell.strip()) for row in rows]
    widest = max(filled, default=0)
    if widest == 0:
        raise DatasetError(None, "file tidak berisi data")
    first = next(n for n, count in enumerate(filled) if count * 2 >= widest and count)
    found = [first + 1]
    for n in range(first + 1, len(rows) - 1):
        row, below = rows[n], rows[n + 1]
        if row and not row[0].strip() and filled[n] and below and below[0].strip():
            found.append(n + 1)
        else:
            break
    return found


def column_type(name: str, values: list[str], delimiter: str | None) -> dict[str, Any]:
    """The Table Schema type (and separators) every non-empty value of a column reads as."""
    if (
        not values
        or words(name) & CODE_WORDS
        or any(v[:1] == "0" and v[1:2].isdigit() and INT.match(v) for v in values)
    ):
        return {"type": "string"}
    if all(INT.match(v) for v in values):
        if words(name) & YEAR_WORDS and all(len(v) == 4 and 1900 <= int(v) <= 2100 for v in values):
            return {"type": "year"}
        return {"type": "integer"}
    dots = [v for v in values if INT_DOTS.match(v)]
    if all(INT.match(v) or INT_DOTS.match(v) for v in values) and (
        delimiter == ";" or any(v.count(".") > 1 for v in dots)
    ):
        return {"type": "integer", "groupChar": "."}
    if all(INT.match(v) or INT_DOTS.match(v) or DECIMAL_COMMA.match(v) for v in values):
        group = {"groupChar": "."} if any("." in v for v in values) else {}
        return {"type": "number", "decimalChar": ",", **group}
    if all(INT.match(v) or DECIMAL_DOT.match(v) for v in values):
        return {"type": "number"}
    for true, false in (sorted(pair, key=len) for pair in BOOLEANS):
        if set(values) <= {true, false}:
            return (
                {"type": "boolean"}
                if true == "true"
                else {"type": "boolean", "trueValues": [true], "falseValues": [false]}
            )
    if all(ISO_DATE.match(v) for v in values):
        return {"type": "date"}
    if all(DMY_DATE.match(v) for v in values):
        return {"type": "date", "format": "%d/%m/%Y"}
    return {"type": "string"}


def region(names: list[str], columns: list[list[str]]) -> str | None:
    """The region every code column agrees on, as deep as they go: Kemendagri `32.73` for Kota Bandung's districts."""
    best: list[str] = []
    for name, values in zip(names, columns, strict=True):
        if not (words(name) & {"kode", "code"}) or not values:
            continue
        codes = [referensi.normalise(v) or referensi.bps().get(v.strip()) for v in values]
        if codes.count(None) * 20 > len(codes):  # not a code column; a stray typo (`35.2`) is not the region
            continue
        parts = [code.split(".") for code in codes if code]
        common: list[str] = []
        for level in zip(*parts, strict=False):
            if len(set(level)) > 1:
                break
            common.append(level[0])
        if len(common) > len(best) and common[: len(best)] == best:
            best = common
    return ".".join(best) or None


def infer_resource(path: Path, limits: Batas | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The resource of `path` (name, path, dialect, schema) and what it says of the dataset (periode, cakupan)."""
    limits = limits or Batas()
    sheet = first_sheet_with_data(path, limits) if path.suffix.lower() in (".xlsx", ".xls") else None
    rows, encoding, delimiter = raw_rows(path, Dialect(sheet=sheet), limits)
    dialect: dict[str, Any] = {}
    headers = header_rows(rows)
    if headers != [1]:
        dialect["headerRows"] = headers
    if delimiter not in (None, ","):
        dialect["delimiter"] = delimiter
    if encoding not in (None, "utf-8", "utf-8-sig"):
        dialect["encoding"] = encoding
    if sheet is not None:
        dialect["sheet"] = sheet
    table = load.read_table(path, Dialect.model_validate(dialect), limits)
    names = table.header
    problem = header_problem(names, table.header_row)
    if problem:
        raise DatasetError(path, problem)
    columns = [[row[i].strip() for row in table.rows if i < len(row) and row[i].strip()] for i in range(len(names))]
    types = [column_type(name, values, delimiter) for name, values in zip(names, columns, strict=True)]
    dashed = [
        column_type(name, [v for v in values if v != MISSING], delimiter)
        for name, values in zip(names, columns, strict=True)
    ]
    # `-` for "no data" in a column of numbers: a missing value, in every column (Table Schema's missingValues)
    missing = any(
        MISSING in c and t["type"] == "string" and d["type"] != "string"
        for c, t, d in zip(columns, types, dashed, strict=True)
    )
    if missing:
        types, columns = dashed, [[v for v in values if v != MISSING] for values in columns]
    fields = []
    for name, kind in zip(names, types, strict=True):
        field = {"name": name, **kind, "title": title_of(name)}
        field["description"] = f"[ISI: arti kolom {name}]"
        fields.append(field)
    resource: dict[str, Any] = {"name": "data", "path": path.name, "title": title_of(path.stem)}
    if dialect:
        resource["dialect"] = dialect
    resource["schema"] = {"missingValues": ["", MISSING], "fields": fields} if missing else {"fields": fields}
    years = [int(v) for f, values in zip(fields, columns, strict=True) if f["type"] == "year" for v in values]
    # a wide table: one column a year (`2020`, `Jumlah Negeri 2021`)
    years += [int(year) for name in names for year in re.findall(r"\b(?:19|20)\d\d\b", name)]
    found: dict[str, Any] = {}
    if years:
        found["periode"] = f"{min(years)}-{max(years)}" if min(years) != max(years) else str(min(years))
    code = region(names, columns)
    if code:
        wilayah = referensi.kemendagri().get(code)
        found["cakupan"] = {
            "tingkat": referensi.TINGKAT[code.count(".")],
            "kode": code,
            "nama": wilayah.nama_resmi if wilayah else f"[ISI: nama wilayah {code}]",
        }
    return resource, found


def header_problem(names: list[str], row: int) -> str | None:
    """A header the schema cannot name: a blank, repeated or all-number one (a file without a header row)."""
    if all(INT.match(name) or INT_DOTS.match(name) for name in names):
        return f"baris {row} berisi angka, bukan judul kolom: tambahkan satu baris judul di atas data"
    blank = [n for n, name in enumerate(names, 1) if not name]
    if blank:
        return f"baris judul {row}: kolom ke-{blank[0]} tidak punya judul; tulis judulnya di file data"
    twice = [name for name, count in Counter(names).items() if count > 1]
    if twice:
        return f"baris judul {row}: judul kolom `{twice[0]}` ditulis lebih dari sekali; beri setiap kolom judul berbeda"
    return None
