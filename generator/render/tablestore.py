"""The browser's store of a big table: an SQLite file the page queries over HTTP range requests.

A table of more than BIG_ROWS rows is searched, sorted and paged in the browser with sql.js-httpvfs
(generator/assets/vendor/sql.js-httpvfs/), which reads only the database pages a query needs: a few
KB for a page of rows, however long the table. Smaller tables keep the JSON chunks (lighter: no
WebAssembly to load). The file holds:

- `data(c0, c1, ...)`: the rows in published order (rowid 1..n), typed as the schema says, empty
  cells NULL; column i is the schema's field i;
- `i0, i1, ...`: an index per column, so that sorting reads only the pages it shows;
- `cari`: a contentless FTS5 index of every cell's text (words and word prefixes are found, not
  substrings), so that a search reads the word's list of rows, not the table;
- `kolom(nomor, nama, kosong)`: each column's name and number of empty cells (empty cells are shown
  last whatever the direction: the page needs the count to place them).

Same CSV in, same bytes out: rows are inserted in order, then VACUUM rewrites the file compactly.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.config import ResourceSpec
from generator.model import Resource

BIG_ROWS = 10_000  # above this the page queries the SQLite store: all chunks of a smaller table
# (~0.5 MB for the demo's 9,206 rows) weigh less than sql.js-httpvfs's WebAssembly (1.2 MB) alone
PAGE_SIZE = 4096  # bytes per database page: one HTTP range request reads one (or a few) of them
BATCH = 5000  # rows inserted per statement batch: memory stays bounded whatever the row count
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "year": "INTEGER"}


def cell(text: str, kind: str) -> Any:
    """A cell of the CSV download as the store keeps it: numbers as numbers, empty as NULL."""
    if text == "":
        return None
    try:
        if kind in ("integer", "year"):
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text  # the CSV holds only validated values; keep anything else as written
    if kind == "boolean":
        return 1 if text == "true" else 0 if text == "false" else text
    return text


def csv_rows(csv_path: Path) -> Iterator[list[str]]:
    with csv_path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        next(reader, None)  # the header: columns are the schema's fields, in order
        yield from reader


def count_rows(csv_path: Path) -> int:
    return sum(1 for _ in csv_rows(csv_path))


def write_table_store(spec: ResourceSpec, csv_path: Path, target: Path) -> int:
    """Write the SQLite store of the table in `csv_path` (the resource's CSV download) to `target`;
    returns the row count. Reads the CSV once, in batches: memory does not grow with the table."""
    kinds = [f.type for f in spec.schema_.fields]
    columns = [f"c{i}" for i in range(len(kinds))]
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target, isolation_level=None)
    try:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("PRAGMA journal_mode = OFF")  # a file written once: nothing to roll back to
        db.execute("BEGIN")
        typed = ", ".join(f"{c} {SQL_TYPES.get(k, 'TEXT')}" for c, k in zip(columns, kinds, strict=True))
        db.execute(f"CREATE TABLE data ({typed})")
        db.execute("CREATE VIRTUAL TABLE cari USING fts5(teks, content='', detail=none, tokenize='unicode61')")
        db.execute("CREATE TABLE kolom (nomor INTEGER PRIMARY KEY, nama TEXT, kosong INTEGER)")
        insert = f"INSERT INTO data ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        empty = [0] * len(columns)
        rows = 0
        batch: list[list[Any]] = []
        for row in csv_rows(csv_path):
            values = [cell(text, kind) for text, kind in zip(row, kinds, strict=True)]
            for i, value in enumerate(values):
                empty[i] += value is None
            batch.append(values)
            if len(batch) == BATCH:
                rows = flush(db, insert, batch, rows)
        rows = flush(db, insert, batch, rows)
        for i, column in enumerate(columns):
            collate = " COLLATE NOCASE" if SQL_TYPES.get(kinds[i], "TEXT") == "TEXT" else ""
            db.execute(f"CREATE INDEX i{i} ON data ({column}{collate})")
        db.executemany(
            "INSERT INTO kolom VALUES (?, ?, ?)", [(i, f.name, empty[i]) for i, f in enumerate(spec.schema_.fields)]
        )
        db.execute("INSERT INTO cari (cari) VALUES ('optimize')")  # one b-tree per word list: fewer reads
        db.execute("COMMIT")
        db.execute("VACUUM")
    finally:
        db.close()
    return rows


def flush(db: sqlite3.Connection, insert: str, batch: list[list[Any]], rows: int) -> int:
    """Insert a batch of rows and their search text; returns the rows written so far."""
    db.executemany(insert, batch)
    db.executemany(
        "INSERT INTO cari (rowid, teks) VALUES (?, ?)",
        [(rows + n + 1, " ".join(str(v) for v in values if v is not None)) for n, values in enumerate(batch)],
    )
    rows += len(batch)
    batch.clear()
    return rows


def write_browser_tables(resources: Sequence[Resource], folder: Path) -> None:
    """For each big table in `folder` (the dataset's downloads), the SQLite store replaces the JSON
    chunks: each table is stored as few times as the page needs."""
    for resource in resources:
        name = resource.spec.name
        csv_path = folder / f"{name}.csv"
        if count_rows(csv_path) <= BIG_ROWS:
            continue
        write_table_store(resource.spec, csv_path, folder / f"{name}.sqlite3")
        chunks = folder / f"{name}.bagian"
        for chunk in sorted(chunks.glob("*.json")):
            chunk.unlink()
        if chunks.is_dir():
            chunks.rmdir()
