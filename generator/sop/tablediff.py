"""Cell-level difference of two versions of one table: rows added, removed and changed, old -> new."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import daff

from generator.model import Table

SHOWN = 20  # row changes listed per table; the rest are counted
# daff aligns rows without a key by content similarity, at about 0.25 ms per row (measured on the
# demo's kemendagri table: 9,207 rows in 2.2 s, 46,000 rows in 13 s). Rows whose values are
# unchanged are matched first by counting (linear), so daff sees only the rows that differ: an
# edit of a few cells in a 500,000-row table stays fast. Past this many differing rows daff would
# take minutes: rows are then paired by primaryKey with a dict, or, without a key, only counted.
DAFF_ROWS = 4_000

Row = tuple[str, ...]


@dataclass(frozen=True)
class RowChange:
    kind: str  # "diubah" | "ditambah" | "dihapus"
    line: int  # the file's row number: in the new file, or in the old one for a removed row
    key: dict[str, str]  # the primaryKey's values, when one is declared
    cells: dict[str, tuple[str | None, str | None]]  # column -> (old, new): changed cells, or every cell


@dataclass
class TableDiff:
    rows_old: int
    rows_new: int
    aligned_by: str  # "primaryKey" | "isi baris"
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    changed: int = 0
    cells_changed: int = 0
    paired: bool = True  # False: too many differing rows to pair without a key; changes are added + removed
    reordered: bool = False  # the same rows in another order
    changes: list[RowChange] = field(default_factory=list)  # the first SHOWN

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed or self.columns_added or self.columns_removed)


def project(table: Table, columns: list[str]) -> list[Row]:
    """Each row's cells in the order of `columns` (a short CSV row is padded with empty cells)."""
    index = [table.header.index(c) for c in columns]
    return [tuple(row[i] if i < len(row) else "" for i in index) for row in table.rows]


def unmatched(rows: list[Row], other: list[Row]) -> tuple[list[int], list[Row]]:
    """The indexes of `rows` that have no equal row left in `other`, and the rows that do, in order."""
    left = Counter(other)
    alone, kept = [], []
    for n, row in enumerate(rows):
        if left[row] > 0:
            left[row] -= 1
            kept.append(row)
        else:
            alone.append(n)
    return alone, kept


def daff_pairs(columns: list[str], old: list[Row], new: list[Row], key: list[str]) -> list[tuple[int, int]]:
    """daff's row alignment: (old index, new index), -1 on the side a row is missing from."""
    flags = daff.CompareFlags()
    for name in key:
        flags.addPrimaryKey(name)
    a = daff.PythonTableView([list(columns), *map(list, old)])
    b = daff.PythonTableView([list(columns), *map(list, new)])
    order = daff.Coopy.compareTables(a, b, flags).align().toOrder()
    return [
        (unit.l - 1 if unit.l > 0 else -1, unit.r - 1 if unit.r > 0 else -1)
        for unit in order.getList()
        if (unit.l, unit.r) != (0, 0)
    ]


def key_pairs(old: list[Row], new: list[Row], index: list[int]) -> list[tuple[int, int]]:
    """Rows paired on their key values (unique: `sebar check` refuses a repeated primaryKey)."""
    where = {tuple(row[i] for i in index): n for n, row in enumerate(old)}
    pairs = []
    for n, row in enumerate(new):
        pairs.append((where.pop(tuple(row[i] for i in index), -1), n))
    return pairs + [(n, -1) for n in sorted(where.values())]


def diff_tables(
    old: Table | None, new: Table | None, key: list[str], shown: int = SHOWN, daff_rows: int = DAFF_ROWS
) -> TableDiff:
    """Compare two tables on their common columns, aligned on `key` when all its columns are common."""
    old = old or Table([], 0, [], [])
    new = new or Table([], 0, [], [])
    columns = [c for c in dict.fromkeys(new.header) if c in old.header]
    key = key if key and set(key) <= set(columns) else []
    result = TableDiff(len(old.rows), len(new.rows), "primaryKey" if key else "isi baris")
    result.columns_added = [c for c in dict.fromkeys(new.header) if c not in old.header]
    result.columns_removed = [c for c in dict.fromkeys(old.header) if c not in new.header]
    old_rows, new_rows = project(old, columns), project(new, columns)
    gone, old_kept = unmatched(old_rows, new_rows)
    came, new_kept = unmatched(new_rows, old_rows)
    result.reordered = old_kept != new_kept
    a, b = [old_rows[n] for n in gone], [new_rows[n] for n in came]
    if not a or not b:  # only added or only removed rows: nothing to pair
        pairs = [(n, -1) for n in range(len(a))] + [(-1, n) for n in range(len(b))]
    elif len(a) + len(b) <= daff_rows:
        pairs = daff_pairs(columns, a, b, key)
    elif key:
        pairs = key_pairs(a, b, [columns.index(k) for k in key])
    else:
        result.paired = False
        pairs = [(n, -1) for n in range(len(a))] + [(-1, n) for n in range(len(b))]
    changes = []
    for i, j in pairs:
        row_old = a[i] if i >= 0 else None
        row_new = b[j] if j >= 0 else None
        some = row_new if row_new is not None else row_old
        assert some is not None
        keys = {k: some[columns.index(k)] for k in key}
        if row_old is not None and row_new is not None:
            cells: dict[str, tuple[str | None, str | None]] = {
                c: (x, y) for c, x, y in zip(columns, row_old, row_new, strict=True) if x != y
            }
            result.changed += 1
            result.cells_changed += len(cells)
            changes.append(RowChange("diubah", new.line_numbers[came[j]], keys, cells))
        elif row_new is not None:
            result.added += 1
            changes.append(
                RowChange(
                    "ditambah",
                    new.line_numbers[came[j]],
                    keys,
                    {c: (None, v) for c, v in zip(columns, row_new, strict=True)},
                )
            )
        elif row_old is not None:
            result.removed += 1
            changes.append(
                RowChange(
                    "dihapus",
                    old.line_numbers[gone[i]],
                    keys,
                    {c: (v, None) for c, v in zip(columns, row_old, strict=True)},
                )
            )
    order = {"diubah": 0, "ditambah": 1, "dihapus": 2}
    result.changes = sorted(changes, key=lambda c: (order[c.kind], c.line))[:shown]
    return result
