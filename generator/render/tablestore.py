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
import itertools
import queue
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.config import ResourceSpec

BIG_ROWS = 10_000  # above this the page queries the SQLite store: all chunks of a smaller table
# (~0.5 MB for the demo's 9,206 rows) weigh less than sql.js-httpvfs's WebAssembly (1.2 MB) alone
PAGE_SIZE = 4096  # bytes per database page: one HTTP range request reads one (or a few) of them
BATCH = 5000  # rows inserted per statement batch: memory stays bounded whatever the row count
QUEUED = 2  # chunks of rows waiting for the store's thread
CACHE_KB = 32 * 1024  # SQLite's page cache while writing (default 2 MB): fewer spills when indexing
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


class TableStore:
    """The store of one table, written while its rows stream past (ResourceWriter feeds it the CSV
    download's text columns); indexes, the search index's optimisation and VACUUM come at close.
    SQLite works in a thread of its own (it lets go of the GIL): the second core writes the store
    while the first reads and checks the next rows. At most QUEUED chunks wait for it."""

    def __init__(self, spec: ResourceSpec, target: Path) -> None:
        self.spec, self.target, self.kinds = spec, target, [f.type for f in spec.schema_.fields]
        self.columns = [f"c{i}" for i in range(len(self.kinds))]
        self.empty = [0] * len(self.columns)
        self.rows = 0
        self.queue: queue.Queue[list[list[str]] | None] = queue.Queue(maxsize=QUEUED)
        self.error: BaseException | None = None
        self.aborted = False
        self.thread = threading.Thread(target=self.run, name="tablestore", daemon=True)
        self.thread.start()

    def add(self, texts: list[list[str]]) -> None:
        """Rows given as columns of CSV text (empty = NULL), the schema's fields in order."""
        if self.error is not None:
            raise self.error
        self.queue.put(texts)

    def close(self) -> int:
        """Wait for the file to be written, indexed, optimised and compacted; returns the row count."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.rows

    def abort(self) -> None:
        self.aborted = True
        self.queue.put(None)
        self.thread.join()

    def run(self) -> None:
        try:
            self.target.unlink(missing_ok=True)
            db = sqlite3.connect(self.target, isolation_level=None)
            try:
                self.create(db)
                while (texts := self.queue.get()) is not None:
                    self.insert(db, texts)
                if not self.aborted:
                    self.finish(db)
            finally:
                db.close()
        except BaseException as error:  # given to the writer's thread at its next add() or close()
            self.error = error
            while self.queue.get() is not None:  # the writer never waits for a store that stopped
                pass

    def create(self, db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("PRAGMA journal_mode = OFF")  # a file written once: nothing to roll back to
        db.execute("PRAGMA synchronous = OFF")  # nor to keep safe from a crash: it is rewritten
        db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        db.execute("BEGIN")
        typed = ", ".join(f"{c} {SQL_TYPES.get(k, 'TEXT')}" for c, k in zip(self.columns, self.kinds, strict=True))
        db.execute(f"CREATE TABLE data ({typed})")
        db.execute("CREATE VIRTUAL TABLE cari USING fts5(teks, content='', detail=none, tokenize='unicode61')")
        db.execute("CREATE TABLE kolom (nomor INTEGER PRIMARY KEY, nama TEXT, kosong INTEGER)")

    def insert(self, db: sqlite3.Connection, texts: list[list[str]]) -> None:
        values = [store_column(kind, column) for kind, column in zip(self.kinds, texts, strict=True)]
        for i, column in enumerate(values):
            self.empty[i] += column.count(None)
        # the search text of a row: its cells' values as text, empty cells left out
        # (a number's or boolean's stored value is written differently from its CSV text: 78.30 -> 78.3)
        words = [
            ["" if v is None else str(v) for v in stored] if kind in ("number", "boolean") else text
            for kind, text, stored in zip(self.kinds, texts, values, strict=True)
        ]
        insert = f"INSERT INTO data VALUES ({', '.join('?' * len(self.columns))})"
        count = len(values[0]) if values else 0
        for start in range(0, count, BATCH):
            db.executemany(insert, zip(*[column[start : start + BATCH] for column in values], strict=True))
            text = [" ".join(filter(None, row)) for row in zip(*[w[start : start + BATCH] for w in words], strict=True)]
            first = self.rows + start + 1
            db.executemany("INSERT INTO cari (rowid, teks) VALUES (?, ?)", zip(itertools.count(first), text))
        self.rows += count

    def finish(self, db: sqlite3.Connection) -> None:
        for i, column in enumerate(self.columns):
            collate = " COLLATE NOCASE" if SQL_TYPES.get(self.kinds[i], "TEXT") == "TEXT" else ""
            db.execute(f"CREATE INDEX i{i} ON data ({column}{collate})")
        fields = self.spec.schema_.fields
        db.executemany("INSERT INTO kolom VALUES (?, ?, ?)", [(i, f.name, self.empty[i]) for i, f in enumerate(fields)])
        db.execute("INSERT INTO cari (cari) VALUES ('optimize')")  # one b-tree per word list: fewer reads
        db.execute("COMMIT")
        db.execute("VACUUM")


def store_column(kind: str, texts: list[str]) -> list[Any]:
    """cell() of every text of a column, the common types without a call per cell."""
    try:
        if kind in ("integer", "year"):
            return [None if t == "" else int(t) for t in texts]
        if kind == "number":
            return [None if t == "" else float(t) for t in texts]
    except ValueError:
        return [cell(t, kind) for t in texts]
    if kind == "boolean":
        return [cell(t, kind) for t in texts]
    return [None if t == "" else t for t in texts]


def write_table_store(spec: ResourceSpec, csv_path: Path, target: Path) -> int:
    """Write the SQLite store of the table in `csv_path` (the resource's CSV download) to `target`;
    returns the row count. Reads the CSV in batches: memory does not grow with the table."""
    store = TableStore(spec, target)
    try:
        rows = csv_rows(csv_path)
        while batch := list(itertools.islice(rows, BATCH)):
            store.add([list(column) for column in zip(*batch, strict=True)])
    except BaseException:
        store.abort()
        raise
    return store.close()
