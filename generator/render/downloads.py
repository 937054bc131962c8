"""Downloads generated from the validated data: CSV, XLSX, JSON and Parquet per table."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from generator.config import ResourceSpec
from generator.render.tablestore import BIG_ROWS, TableStore
from generator.render.xlsx import TooBig, Workbook, bool_cells, date_cells, number_cells, text_cells

CHUNK = 1000  # rows per file of the table script
FORMATS = {  # the downloads of every resource, by file extension
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
XLSX_ROWS = 200_000  # beyond this a spreadsheet is no help (Excel holds 1,048,576): CSV and Parquet only
# OWASP CSV injection: a text cell starting with one of these is a formula to a spreadsheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXACT_DIGITS = 15  # a spreadsheet keeps 15 significant digits: longer numbers are written as text
EXACT_INTEGER = 10**EXACT_DIGITS  # an integer below this in size has at most EXACT_DIGITS digits
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


def as_text_columns(spec: ResourceSpec) -> list[bool]:
    """Columns written to a spreadsheet as text: the primary key and identifiers keep their digits."""
    key = spec.schema_.model_extra.get("primaryKey") if spec.schema_.model_extra else None
    keys = [key] if isinstance(key, str) else key if isinstance(key, list) else []
    return [f.name in keys or bool(IDENTIFIER.match(f.name)) for f in spec.schema_.fields]


def csv_column(kind: str, values: list[Any]) -> list[str]:
    """csv_text of every value of a column, with the common types done without a call per cell."""
    if kind == "string":
        return [("" if v is None else defused(v) if v.startswith(FORMULA_START) else v) for v in values]
    if kind in ("integer", "year"):
        return ["" if v is None else str(v) for v in values]
    if kind == "number":
        return ["" if v is None else format(v, "f") for v in values]
    return [csv_text(v) for v in values]


def plain_column(kind: str, values: list[Any]) -> list[Any]:
    if kind in ("string", "integer", "year", "boolean"):
        return values
    if kind == "date":
        return [None if v is None else v.isoformat() for v in values]
    return [plain(v) for v in values]


ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "year": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def arrow_column(kind: str, values: list[Any]) -> pa.Array:
    if kind == "number":
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    if kind in ARROW_TYPES:
        return pa.array(values, ARROW_TYPES[kind])
    return pa.array([None if v is None else json.dumps(plain(v), ensure_ascii=False) for v in values], pa.string())


def significant(value: int | Decimal) -> int:
    return len(Decimal(value).normalize().as_tuple().digits)


def xlsx_cell(value: Any, as_text: bool) -> str | None:
    """One spreadsheet cell: text, number, boolean or date, as the writer before xlsx.py typed it."""
    if value is None:
        return None
    if isinstance(value, str):
        return text_cells([defused(value)])[0]
    if isinstance(value, bool):
        return bool_cells([value])[0]
    if isinstance(value, (int, Decimal)):
        if as_text or significant(value) > EXACT_DIGITS:
            return text_cells([csv_text(value)])[0]
        return number_cells([float(value) if isinstance(value, Decimal) else value])[0]
    if isinstance(value, (dt.date, dt.datetime)):
        return date_cells([value])[0]
    return text_cells([csv_text(value)])[0]


def exact(value: Decimal) -> bool:
    """Whether a spreadsheet keeps every digit of the number (the cheap count first: it is never smaller)."""
    return len(value.as_tuple().digits) <= EXACT_DIGITS or significant(value) <= EXACT_DIGITS


def xlsx_column(values: list[Any], as_text: bool) -> list[str | None]:
    """xlsx_cell of every value of a column, a whole column at once when all its values share a type."""
    present = [v for v in values if v is not None]
    types = set(map(type, present))
    if types <= {str}:
        return text_cells([(None if v is None else defused(v) if v.startswith(FORMULA_START) else v) for v in values])
    if types == {int} and as_text:
        return text_cells([None if v is None else str(v) for v in values])
    if types == {int} and all(-EXACT_INTEGER < v < EXACT_INTEGER for v in present):
        return number_cells(values)
    if types == {Decimal} and not as_text and all(map(exact, present)):
        return number_cells([None if v is None else float(v) for v in values])
    if types == {bool}:
        return bool_cells(values)
    if types == {dt.date}:
        return date_cells(values)
    return [xlsx_cell(v, as_text) for v in values]


class ResourceWriter:
    """Writes one resource's downloads while its rows stream past: CSV, JSON, Parquet, for tables up to
    XLSX_ROWS XLSX, and what the page reads: JSON chunks for a table of up to BIG_ROWS rows (held
    until the end), an SQLite store for a bigger one (tablestore.py). Files get their names only when
    complete."""

    def __init__(self, spec: ResourceSpec, out: Path, xlsx: bool = True) -> None:
        self.spec, self.out = spec, out
        self.names = [f.name for f in spec.schema_.fields]
        self.kinds = [f.type for f in spec.schema_.fields]
        name = spec.name
        out.mkdir(parents=True, exist_ok=True)
        self.done: dict[Path, Path] = {}  # temporary name -> final name
        temp = self.temp
        self.csv_file = temp(f"{name}.csv").open("w", encoding="utf-8", newline="")
        # CRLF rows (RFC 4180): the writer quotes a cell holding any character of the line end, so a
        # lone CR inside a cell is quoted too and cannot split the row
        self.csv = csv.writer(self.csv_file, lineterminator="\r\n")
        self.csv.writerow(self.names)
        self.json_file = temp(f"{name}.json").open("w", encoding="utf-8")
        self.json_file.write("[")
        self.rows = 0
        self.held: list[list[list[Any]]] = []  # a small table's typed columns, for its chunks
        self.store: TableStore | None = None
        self.schema = pa.schema(
            [(n, ARROW_TYPES.get(k, pa.string())) for n, k in zip(self.names, self.kinds, strict=True)]
        )
        self.parquet_path: Path | None = temp(f"{name}.parquet")
        self.parquet: pq.ParquetWriter | None = pq.ParquetWriter(self.parquet_path, self.schema, compression="zstd")
        self.book: Workbook | None = None
        if xlsx:
            self.xlsx_path = temp(f"{name}.xlsx")
            self.book = Workbook(self.xlsx_path)
            self.as_text = as_text_columns(spec)
            self.book.add([text_cells([defused(field)]) for field in self.names])

    def temp(self, final: str) -> Path:
        path = self.out / f".{final}.tmp"
        self.done[path] = self.out / final
        return path

    def write(self, columns: list[list[Any]]) -> None:
        """A chunk of typed values, one list per field in schema order."""
        if not columns or not columns[0]:
            return
        kinds = self.kinds
        texts = [csv_column(k, c) for k, c in zip(kinds, columns, strict=True)]
        self.csv.writerows(zip(*texts, strict=True))
        plain_columns = [plain_column(k, c) for k, c in zip(kinds, columns, strict=True)]
        records = [dict(zip(self.names, row, strict=True)) for row in zip(*plain_columns, strict=True)]
        text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))[1:-1]
        self.json_file.write(("," if self.rows else "") + text)
        del records
        if self.store is None and self.rows + len(columns[0]) <= BIG_ROWS:
            self.held.append(columns)
        else:
            if self.store is None:  # the table just became big: its rows so far go to the store too
                self.store = TableStore(self.spec, self.temp(f"{self.spec.name}.sqlite3"))
                for held in self.held:
                    self.store.add([csv_column(k, c) for k, c in zip(kinds, held, strict=True)])
                self.held = []
            self.store.add(texts)
        if self.parquet is not None:
            try:
                arrays = [arrow_column(k, c) for k, c in zip(kinds, columns, strict=True)]
                self.parquet.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
            except (pa.ArrowInvalid, OverflowError):  # an integer beyond 64 bits: no Parquet download
                self.parquet.close()
                self.parquet = None
        if self.book is not None:
            self.write_xlsx(columns)
        self.rows += len(columns[0])

    def write_xlsx(self, columns: list[list[Any]]) -> None:
        assert self.book is not None
        cells = [xlsx_column(c, t) for c, t in zip(columns, self.as_text, strict=True)]
        try:
            self.book.add(cells)
        except TooBig:  # a sheet of gigabytes is no help either: no XLSX download, as beyond XLSX_ROWS
            self.book.close()
            self.book = None
            self.xlsx_path.unlink(missing_ok=True)
            del self.done[self.xlsx_path]

    def write_chunks(self) -> None:
        """A small table's rows as the page's files of CHUNK rows (one empty file for no rows)."""
        chunks = self.temp(f"{self.spec.name}.bagian")
        chunks.mkdir()
        plain = [[plain_column(k, c) for k, c in zip(self.kinds, columns, strict=True)] for columns in self.held]
        rows = [list(row) for columns in plain for row in zip(*columns, strict=True)]
        for number, start in enumerate(range(0, max(len(rows), 1), CHUNK)):
            data = json.dumps(rows[start : start + CHUNK], ensure_ascii=False, separators=(",", ":"))
            (chunks / f"{number}.json").write_bytes(data.encode("utf-8"))
        self.held = []

    def close(self) -> tuple[str, ...]:
        """Finish every file and give it its name; returns the formats written."""
        if self.store is not None:
            self.store.close()
        else:
            self.write_chunks()
        self.json_file.write("]")
        self.json_file.close()
        self.csv_file.close()
        formats = ["csv", "json"]
        if self.parquet is not None:
            self.parquet.close()
            formats.append("parquet")
        elif self.parquet_path is not None:
            self.parquet_path.unlink(missing_ok=True)
            del self.done[self.parquet_path]
        if self.book is not None:
            self.book.close()
            formats.append("xlsx")
        for temp, final in self.done.items():
            if final.is_dir():  # two resources of one name (reported by check): the last one wins
                shutil.rmtree(final)
            temp.replace(final)
        return tuple(sorted(formats, key=list(FORMATS).index))

    def abort(self) -> None:
        """Stop writing (the table has errors): the caller discards the folder."""
        self.csv_file.close()
        self.json_file.close()
        if self.parquet is not None:
            self.parquet.close()
        if self.store is not None:
            self.store.abort()
        if self.book is not None:
            with contextlib.suppress(Exception):
                self.book.close()
