"""Checks of a table against its Table Schema (frictionless), as issues with file rows."""

from __future__ import annotations

import re
import time
from decimal import Decimal, InvalidOperation
from typing import Any

import regex
from frictionless import Resource, Schema

from generator.config import FieldSpec, ResourceSpec
from generator.model import Table
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


def normalise(spec: ResourceSpec, table: Table) -> list[list[str]]:
    """Integers written with a thousands separator (1.250) lose it, as the schema allows."""
    columns = [
        (i, f.option("groupChar"))
        for i, f in enumerate(spec.schema_.fields)
        if f.type == "integer" and f.option("groupChar")
    ]
    if not columns:
        return table.rows
    rows = [list(row) for row in table.rows]
    for row in rows:
        for i, char in columns:
            if i < len(row):
                row[i] = row[i].replace(char, "")
    return rows


def check_table(spec: ResourceSpec, table: Table, dataset: str, file: str) -> tuple[list[Issue], list[dict[str, Any]]]:
    """Issues found in the table, and its typed records when there are no errors."""
    cells = cell_issues(spec, table, dataset, file)
    resource = Resource(data=[table.header, *normalise(spec, table)], schema=frictionless_schema(spec))
    report = resource.validate(limit_errors=ERROR_LIMIT)

    def line(position: int | None) -> int | None:
        # frictionless counts the header as row 1 and data from row 2
        if position is None or position < 2 or position - 2 >= len(table.line_numbers):
            return table.header_row
        return table.line_numbers[position - 2]

    flagged = {(i.row, i.column) for i in cells if i.severity == "error"}  # said once, in our words
    found = [to_issue(error, spec, dataset, file, line) for error in report.tasks[0].errors]
    issues = cells + [i for i in found if (i.row, i.column) not in flagged]
    errors = [i for i in issues if i.severity == "error"]
    if len(errors) >= ERROR_LIMIT or len(report.tasks[0].errors) >= ERROR_LIMIT:
        issues = [i for i in issues if i.severity != "error"] + errors[:ERROR_LIMIT]
        issues.append(Issue("too-many-errors", dataset, file, params={"limit": ERROR_LIMIT}))
    if errors:
        return issues, []
    names = [f.name for f in spec.schema_.fields]
    records = [{name: row[name] for name in names} for row in resource.read_rows()]  # type: ignore[attr-defined]
    return issues, records


def well_grouped(cell: str, group: str, decimal: str, integer: bool) -> bool:
    """`1.234.567` (and `1.234.567,5` in a number column): groups of three after the first."""
    g, d = re.escape(group), re.escape(decimal)
    fraction = "" if integer else f"(?:{d}\\d+)?"
    return re.fullmatch(f"[+-]?(?:\\d{{1,3}}(?:{g}\\d{{3}})*|\\d+){fraction}", cell) is not None


def cell_issues(spec: ResourceSpec, table: Table, dataset: str, file: str) -> list[Issue]:
    """What frictionless accepts but breaks the build or publishes a wrong number: control characters,
    spreadsheet error values, NaN/infinity, overflowing numbers, misplaced thousands separators, and
    `constraints.pattern`, run here with a timeout."""
    fields = spec.schema_.fields
    issues: list[Issue] = []
    patterns: dict[int, Any] = {}
    for i, field in enumerate(fields):
        if pattern_of(field) is not None:
            try:
                patterns[i] = regex.compile(str(pattern_of(field)))
            except regex.error:
                pass  # reported by schema_issues
    budget = dict.fromkeys(patterns, PATTERN_SECONDS)  # seconds left for each column's pattern
    dots: dict[int, list[tuple[int, str]] | None] = {
        i: []
        for i, f in enumerate(fields)
        if f.type == "number" and not f.option("groupChar") and (f.option("decimalChar") or ".") == "."
    }

    def add(slug: str, row: int, field: str, **params: Any) -> None:
        issues.append(Issue(slug, dataset, file, row, field, {"field": field, **params}))

    for cells, row in zip(table.rows, table.line_numbers, strict=True):
        if len(issues) > ERROR_LIMIT:
            break
        for i, (field, cell) in enumerate(zip(fields, cells, strict=False)):
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
                    dots[i] = seen + [(row, text)] if THOUSANDS_DOT.match(text) else None
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
    for i, seen in dots.items():
        if seen:
            add("number-thousands-dot", seen[0][0], fields[i].name, cell=seen[0][1], count=len(seen))
    return issues


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
