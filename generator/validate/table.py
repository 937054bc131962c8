"""Checks of a table against its Table Schema (frictionless), as issues with file rows."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import regex
from frictionless import Resource, Schema

from generator.config import FieldSpec, ResourceSpec
from generator.model import FIRST_ROWS, Table
from generator.validate.kode import KodeScan
from generator.validate.messages import TYPE_NAMES
from generator.validate.report import Issue

ERROR_LIMIT = 50
CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"')
ROW_POSITION = re.compile(r"position (\d+)")
DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(?:\.?\d{3})*,\d+$")  # 224,3 or 1.234,5
# C0 controls but tab, LF and CR, and DEL: build tools (YAML, XML, mkdocs) choke on them
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPREADSHEET_ERRORS = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
NOT_FINITE = re.compile(r"^[+-]?(?:s?nan|inf(?:inity)?)$", re.IGNORECASE)
FLOAT_MAX = Decimal("1.7976931348623157e308")  # beyond this a number becomes infinity in JSON and XLSX
THOUSANDS_DOT = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")  # 1.234: Indonesian thousands, or 1.234 as decimal?
PATTERN_SECONDS = 2.0  # per column: a user's pattern must not hang the CI gate


def frictionless_schema(spec: ResourceSpec) -> Schema:
    descriptor = spec.schema_.model_dump(exclude_none=True)
    for field in descriptor["fields"]:
        field.pop("unit", None)  # ours, not Table Schema's
        field.pop("dataPribadi", None)
        field.pop("kode", None)
        if isinstance(field.get("constraints"), dict):  # patterns run here, with a timeout (cell_issues)
            field["constraints"] = {k: v for k, v in field["constraints"].items() if k != "pattern"}
    return Schema.from_descriptor(descriptor)


def pattern_of(field: FieldSpec) -> Any:
    constraints = field.option("constraints")
    return constraints.get("pattern") if isinstance(constraints, dict) else None


def schema_issues(spec: ResourceSpec, dataset: str, file: str) -> list[Issue]:
    """Schema mistakes frictionless would crash on or misread: duplicate field names, an unknown
    primaryKey, an invalid pattern, personal data allowed without a reason."""
    names = [f.name for f in spec.schema_.fields]
    issues = [
        Issue("schema-field-duplicate", dataset, file, column=name, params={"field": name})
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    key = (spec.schema_.model_extra or {}).get("primaryKey")
    for name in [key] if isinstance(key, str) else key if isinstance(key, list) else []:
        if name not in names:
            params = {"field": name, "known": ", ".join(names)}
            issues.append(Issue("primary-key-unknown", dataset, file, params=params))
    for field in spec.schema_.fields:

        def add(slug: str, **params: Any) -> None:
            issues.append(Issue(slug, dataset, file, column=field.name, params={"field": field.name, **params}))  # noqa: B023

        if pattern_of(field) is not None:
            try:
                regex.compile(str(pattern_of(field)))
            except regex.error as error:
                add("pattern-invalid", detail=str(error))
        allowed = field.option("dataPribadi")
        if allowed is not None and not (isinstance(allowed, dict) and str(allowed.get("alasan") or "").strip()):
            add("personal-data-reason")
    return issues


def normalise(spec: ResourceSpec, rows: list[list[str]]) -> list[list[str]]:
    """Integers written with a thousands separator (1.250) lose it, as the schema allows."""
    columns = [
        (i, f.option("groupChar"))
        for i, f in enumerate(spec.schema_.fields)
        if f.type == "integer" and f.option("groupChar")
    ]
    if not columns:
        return rows
    rows = [list(row) for row in rows]
    for row in rows:
        for i, char in columns:
            if i < len(row):
                row[i] = row[i].replace(char, "")
    return rows


LABELS = ("blank-label", "duplicate-label", "incorrect-label", "extra-label", "missing-label")
FAST_CONSTRAINTS = {"required", "unique"}  # checked here; any other constraint takes frictionless's reader
ISO_DATES = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\n[0-9]{4}-[0-9]{2}-[0-9]{2})*")


def row_schema(spec: ResourceSpec) -> Schema:
    """The schema frictionless checks a chunk against: unique and primaryKey span chunks, so they are checked here."""
    descriptor = frictionless_schema(spec).to_descriptor()
    descriptor.pop("primaryKey", None)
    for field in descriptor["fields"]:
        if isinstance(field.get("constraints"), dict):
            field["constraints"] = {k: v for k, v in field["constraints"].items() if k != "unique"}
    return Schema.from_descriptor(descriptor)


def fast_reader(field: Any, spec: FieldSpec) -> Callable[[Sequence[str]], list[Any]] | None:
    """A column at a time, what frictionless's reader gives for a column without problems; raises on any
    cell it is unsure of (the column is then read by frictionless's own reader, cell by cell)."""
    constraints = spec.option("constraints") or {}
    if set(constraints) - FAST_CONSTRAINTS or field.missing_values != [""]:
        return None
    kind = field.type
    if kind == "string" and field.format == "default":
        return lambda column: [c or None for c in column]
    if kind == "integer" and field.bare_number:
        return lambda column: [int(c) if c else None for c in column]
    if kind == "number" and not {"groupChar", "decimalChar", "bareNumber"} & set(field.list_defined()):
        return lambda column: [Decimal(c) if c else None for c in column]
    if kind == "boolean":
        mapping = {**dict.fromkeys(field.true_values, True), **dict.fromkeys(field.false_values, False)}
        return lambda column: [mapping[c] if c else None for c in column]
    if kind == "date" and field.format == "default":

        def dates(column: Sequence[str]) -> list[Any]:
            if not ISO_DATES.fullmatch("\n".join(column)):
                raise ValueError("not every cell is YYYY-MM-DD")
            return [dt.date.fromisoformat(c) for c in column]

        return dates
    return None


class ColumnReader:
    """Typed values of one field's column; `ok` is False when a cell breaks its type or constraints."""

    def __init__(self, field: Any, spec: FieldSpec) -> None:
        self.cell = field.create_cell_reader()
        self.fast = fast_reader(field, spec)
        self.required = bool((spec.option("constraints") or {}).get("required"))

    def __call__(self, column: Sequence[str]) -> tuple[list[Any], bool]:
        if self.fast is not None:
            try:
                values = self.fast(column)
                if not (self.required and None in values):
                    return values, True
            except (ValueError, TypeError, KeyError, ArithmeticError):
                pass
        values, ok = [], True
        for cell in column:
            value, notes = self.cell(cell)
            ok = ok and not notes
            values.append(value)
        return values, ok


class TableCheck:
    """Checks a table chunk by chunk: the header once, then each chunk's cells column by column; only a
    chunk with a problem goes through frictionless row by row, so its issues read as they always did."""

    def __init__(self, spec: ResourceSpec, header: list[str], header_row: int, dataset: str, file: str) -> None:
        self.spec, self.dataset, self.file = spec, dataset, file
        self.header, self.header_row = header, header_row
        self.fields = spec.schema_.fields
        self.names = [f.name for f in self.fields]
        self.rows_schema = row_schema(spec)
        self.readers = [ColumnReader(f, s) for f, s in zip(self.rows_schema.fields, self.fields, strict=True)]
        self.cells = CellScan(spec, dataset, file)
        self.kode = KodeScan(spec, dataset, file)
        report = Resource(data=[header], schema=frictionless_schema(spec)).validate(limit_errors=ERROR_LIMIT)
        self.found = [to_issue(e, spec, dataset, file, lambda _: header_row) for e in report.tasks[0].errors]
        self.counted = len(self.found)  # errors frictionless would have counted towards its limit
        unique = [i for i, f in enumerate(self.fields) if (f.option("constraints") or {}).get("unique")]
        self.unique: dict[int, dict[Any, int]] = {i: {} for i in unique}
        key = (spec.schema_.model_extra or {}).get("primaryKey")
        keys = [key] if isinstance(key, str) else key if isinstance(key, list) else []
        self.key = [self.names.index(k) for k in keys if k in self.names] if set(keys) <= set(self.names) else []
        self.keys: dict[tuple[Any, ...], int] = {}
        self.rows = 0
        self.head: list[dict[str, Any]] = []

    @property
    def failed(self) -> bool:
        return bool(self.found) or any(i.severity == "error" for i in self.cells.issues)

    @property
    def finished(self) -> bool:
        """Both limits reached: nothing more would be reported."""
        return self.counted >= ERROR_LIMIT and len(self.cells.issues) > ERROR_LIMIT

    def columns(self, rows: list[list[str]]) -> tuple[list[Sequence[str]], bool]:
        width = len(self.fields)
        if set(map(len, rows)) == {width}:
            return list(zip(*rows, strict=True)), True
        padded = [row[:width] + [""] * (width - len(row)) for row in rows]
        return list(zip(*padded, strict=True)) if padded else [() for _ in range(width)], False

    def chunk(self, rows: list[list[str]], lines: list[int]) -> list[list[Any]] | None:
        """Check a chunk; its typed columns when it and everything before it had no error."""
        if not rows:
            return None if self.failed else [[] for _ in self.fields]
        self.cells.scan(rows, lines)
        columns, whole = self.columns(normalise(self.spec, rows))
        values, clean = [], whole
        for reader, column in zip(self.readers, columns, strict=True):
            typed, ok = reader(column)
            values.append(typed)
            clean = clean and ok
        self.kode.scan(values, lines)
        if clean and all(None in column for column in values):
            clean = not any(all(v is None for v in row) for row in zip(*values, strict=True))
        found: list[Issue] = []
        if not clean and self.counted < ERROR_LIMIT:
            found = self.row_issues(rows, lines)
        found += self.integrity(values, lines)
        if found:
            found.sort(key=lambda issue: issue.row or 0)
            found = found[: ERROR_LIMIT - self.counted]
            self.counted += len(found)
            self.found += found
        self.rows += len(rows)
        if len(self.head) < FIRST_ROWS:
            self.head += [dict(zip(self.names, row, strict=True)) for row in zip(*values, strict=True)][
                : FIRST_ROWS - len(self.head)
            ]
        return None if self.failed else values

    def row_issues(self, rows: list[list[str]], lines: list[int]) -> list[Issue]:
        resource = Resource(data=[self.header, *normalise(self.spec, rows)], schema=self.rows_schema)
        report = resource.validate(limit_errors=ERROR_LIMIT - self.counted)

        def line(position: int | None) -> int | None:
            # frictionless counts the header as row 1 and data from row 2
            if position is None or position < 2 or position - 2 >= len(lines):
                return self.header_row
            return lines[position - 2]

        errors = [e for e in report.tasks[0].errors if e.type not in LABELS]
        return [to_issue(e, self.spec, self.dataset, self.file, line) for e in errors]

    def integrity(self, values: list[list[Any]], lines: list[int]) -> list[Issue]:
        """unique and primaryKey across every chunk (the row of the latest equal value, as frictionless says)."""
        issues = []
        for i, seen in self.unique.items():
            name = self.names[i]
            for value, row in zip(values[i], lines, strict=True):
                if value is None:
                    continue
                earlier = seen.get(value)
                seen[value] = row
                if earlier:
                    params = {"cell": str(value), "field": name, "row": row, "other": earlier}
                    issues.append(Issue("unique-error", self.dataset, self.file, row, name, params))
        if self.key:
            for row, cells in zip(lines, zip(*[values[i] for i in self.key], strict=True), strict=True):
                other: Any = "?"
                if set(cells) != {None}:
                    found = self.keys.get(cells)
                    self.keys[cells] = row
                    if not found:
                        continue
                    other = found
                params = {"cell": None, "field": None, "row": row, "other": other}
                issues.append(Issue("primary-key", self.dataset, self.file, row, None, params))
        return issues

    def issues(self) -> list[Issue]:
        cells = self.cells.issues + self.cells.closing() + self.kode.issues()
        flagged = {(i.row, i.column) for i in cells if i.severity == "error"}  # said once, in our words
        issues = cells + [i for i in self.found if (i.row, i.column) not in flagged]
        errors = [i for i in issues if i.severity == "error"]
        if len(errors) >= ERROR_LIMIT or self.counted >= ERROR_LIMIT:
            issues = [i for i in issues if i.severity != "error"] + errors[:ERROR_LIMIT]
            issues.append(Issue("too-many-errors", self.dataset, self.file, params={"limit": ERROR_LIMIT}))
        return issues


def check_table(spec: ResourceSpec, table: Table, dataset: str, file: str) -> tuple[list[Issue], list[dict[str, Any]]]:
    """Issues found in a whole table held in memory, and its typed records when there are no errors."""
    check = TableCheck(spec, table.header, table.header_row, dataset, file)
    records: list[dict[str, Any]] = []
    for start in range(0, max(len(table.rows), 1), 50_000):
        columns = check.chunk(table.rows[start : start + 50_000], table.line_numbers[start : start + 50_000])
        if columns is not None:
            records += [dict(zip(check.names, row, strict=True)) for row in zip(*columns, strict=True)]
    issues = check.issues()
    return issues, [] if any(i.severity == "error" for i in issues) else records


def well_grouped(cell: str, group: str, decimal: str, integer: bool) -> bool:
    """`1.234.567` (and `1.234.567,5` in a number column): groups of three after the first."""
    g, d = re.escape(group), re.escape(decimal)
    fraction = "" if integer else f"(?:{d}\\d+)?"
    return re.fullmatch(f"[+-]?(?:\\d{{1,3}}(?:{g}\\d{{3}})*|\\d+){fraction}", cell) is not None


SUSPECT = re.compile(r"[A-Za-z]|[0-9]{300}")  # NaN, infinity, exponents, overlong numbers


class CellScan:
    """What frictionless accepts but breaks the build or publishes a wrong number: control characters,
    spreadsheet error values, NaN/infinity, overflowing numbers, misplaced thousands separators, and
    `constraints.pattern`, run here with a timeout. A column of a chunk is looked at cell by cell only
    when a search over its joined text finds something to look at."""

    def __init__(self, spec: ResourceSpec, dataset: str, file: str) -> None:
        self.fields = fields = spec.schema_.fields
        self.dataset, self.file = dataset, file
        self.issues: list[Issue] = []
        self.patterns: dict[int, Any] = {}
        for i, field in enumerate(fields):
            if pattern_of(field) is not None:
                try:
                    self.patterns[i] = regex.compile(str(pattern_of(field)))
                except regex.error:
                    pass  # reported by schema_issues
        self.budget = dict.fromkeys(self.patterns, PATTERN_SECONDS)  # seconds left for each column's pattern
        self.dots: dict[int, list[tuple[int, str]] | None] = {
            i: []
            for i, f in enumerate(fields)
            if f.type == "number" and not f.option("groupChar") and (f.option("decimalChar") or ".") == "."
        }

    def add(self, slug: str, row: int, field: str, **params: Any) -> None:
        self.issues.append(Issue(slug, self.dataset, self.file, row, field, {"field": field, **params}))

    def suspect(self, i: int, column: Sequence[str]) -> str | None:
        """Why the column's cells must be looked at: "cells" (any check), "dots" (only the thousands-dot
        count: nothing else could be found in it), or None."""
        field = self.fields[i]
        joined = "\n".join(column)
        if i in self.patterns or CONTROL.search(joined) or "#" in joined:
            return "cells"
        if field.type not in ("number", "integer"):
            return None
        group = field.option("groupChar")
        if SUSPECT.search(joined) or (group and group in joined):
            return "cells"
        return "dots" if self.dots.get(i) is not None and "." in joined else None

    def scan(self, rows: list[list[str]], lines: list[int]) -> None:
        if len(self.issues) > ERROR_LIMIT:
            return
        width = max(map(len, rows))
        columns = [[row[i] if i < len(row) else "" for row in rows] for i in range(min(width, len(self.fields)))]
        why = {i: self.suspect(i, column) for i, column in enumerate(columns)}
        wanted = [i for i, reason in why.items() if reason]
        if wanted and "cells" in why.values():
            self.cells(rows, lines, wanted)
        else:  # no issue can be found: only the dotted numbers are counted, without the cell-by-cell checks
            for i in wanted:
                self.dotted(i, columns[i], lines)

    def dotted(self, i: int, column: list[str], lines: list[int]) -> None:
        """What cells() does with a number column's dots when it finds nothing else in the column."""
        seen = self.dots[i]
        assert seen is not None
        for cell, row in zip(column, lines, strict=True):
            if "." in cell:
                text = cell.strip()
                if not THOUSANDS_DOT.match(text):
                    self.dots[i] = None
                    return
                seen.append((row, text))

    def cells(self, rows: list[list[str]], lines: list[int], wanted: list[int]) -> None:
        fields, add, patterns, budget, dots = self.fields, self.add, self.patterns, self.budget, self.dots
        for cells, row in zip(rows, lines, strict=True):
            if len(self.issues) > ERROR_LIMIT:
                break
            for i in wanted:
                if i >= len(cells):
                    break
                field, cell = fields[i], cells[i]
                text = cell.strip()
                control = CONTROL.search(cell)
                if control:
                    add("cell-control", row, field.name, cell=cell, char=f"U+{ord(control.group()):04X}")
                    continue
                if text in SPREADSHEET_ERRORS:
                    add("spreadsheet-error", row, field.name, cell=text)
                    continue
                if field.type in ("number", "integer") and text:
                    if NOT_FINITE.match(text):
                        add("number-not-finite", row, field.name, cell=text)
                        continue
                    group = field.option("groupChar")
                    decimal = field.option("decimalChar") or "."
                    if group and group in text and (group != decimal or field.type == "integer"):
                        if not well_grouped(text, group, decimal, field.type == "integer"):
                            add("group-char-invalid", row, field.name, cell=text, group=group)
                            continue
                    number = text.replace(group, "") if group else text
                    try:
                        value = Decimal(number.replace(decimal, "."))
                    except (InvalidOperation, ValueError):
                        value = None
                    if field.type == "number" and value is not None and value.is_finite() and abs(value) > FLOAT_MAX:
                        add("number-out-of-range", row, field.name, cell=text)
                        continue
                    seen = dots.get(i)
                    if seen is not None and "." in text:
                        if THOUSANDS_DOT.match(text):
                            seen.append((row, text))
                        else:
                            dots[i] = None
                pattern = patterns.get(i)
                if pattern is not None and text:
                    start = time.monotonic()
                    try:
                        if pattern.fullmatch(cell, timeout=budget[i]) is None:
                            params = {"cell": cell, "constraint": "pattern", "limit": pattern.pattern}
                            add("constraint-error", row, field.name, **params)
                        budget[i] -= time.monotonic() - start
                        if budget[i] <= 0:
                            raise TimeoutError
                    except TimeoutError:
                        add("pattern-timeout", row, field.name, seconds=PATTERN_SECONDS)
                        del patterns[i]

    def closing(self) -> list[Issue]:
        """The thousands-dot warning: known only once every cell of the column was seen."""
        return [
            Issue(
                "number-thousands-dot",
                self.dataset,
                self.file,
                seen[0][0],
                self.fields[i].name,
                {"field": self.fields[i].name, "cell": seen[0][1], "count": len(seen)},
            )
            for i, seen in self.dots.items()
            if seen
        ]


def to_issue(error: Any, spec: ResourceSpec, dataset: str, file: str, line: Any) -> Issue:
    kind = error.type
    row = line(getattr(error, "row_number", None))
    field = getattr(error, "field_name", None) or None
    position = getattr(error, "field_number", None)
    cell = getattr(error, "cell", None)
    label = getattr(error, "label", None)
    note = error.note or ""
    fields = spec.schema_.fields
    schema_field = fields[position - 1] if position and position <= len(fields) else None
    if kind in ("blank-label", "duplicate-label", "incorrect-label", "extra-label", "missing-label"):
        others = ", ".join(f"ke-{n}" for n in re.findall(r"\d+", note))
        params = {
            "position": position,
            "label": label,
            "field": schema_field.name if schema_field else field,
            "note": others,
        }
        return Issue(kind, dataset, file, row, params["field"] or label, params)
    if kind in ("blank-row", "extra-cell", "missing-cell"):
        params = {"row": row, "cell": cell, "field": field, "position": position}
        return Issue(kind, dataset, file, row, field or (f"ke-{position}" if position else None), params)
    if kind == "type-error":
        declared = schema_field.option("decimalChar") if schema_field else None
        if schema_field and schema_field.type == "number" and not declared and DECIMAL_COMMA.match(cell or ""):
            return Issue("decimal-comma", dataset, file, row, field, {"cell": cell, "field": field})
        type_id, type_en, example = TYPE_NAMES.get(
            schema_field.type if schema_field else "string", TYPE_NAMES["string"]
        )
        params = {"cell": cell, "field": field, "type_id": type_id, "type_en": type_en, "example": example}
        return Issue(kind, dataset, file, row, field, params)
    if kind == "constraint-error":
        match = CONSTRAINT_NOTE.search(note)
        constraint, limit = match.groups() if match else ("?", note)
        if constraint == "required":
            return Issue("required-error", dataset, file, row, field, {"field": field})
        declared = (schema_field.option("constraints") or {}) if schema_field else {}
        if isinstance(declared.get(constraint), list):  # enum: the allowed values, as the operator wrote them
            limit = ", ".join(str(v) for v in declared[constraint])
        params = {"cell": cell, "field": field, "constraint": constraint, "limit": limit}
        return Issue(kind, dataset, file, row, field, params)
    if kind in ("unique-error", "primary-key"):
        match = ROW_POSITION.search(note)
        other = line(int(match.group(1))) if match else "?"
        return Issue(kind, dataset, file, row, field, {"cell": cell, "field": field, "row": row, "other": other})
    return Issue("table-error", dataset, file, row, field, {"detail": error.message})
