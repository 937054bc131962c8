"""Checks of a table against its Table Schema (frictionless), as issues with file rows."""

from __future__ import annotations

import re
from typing import Any

from frictionless import Resource, Schema

from generator.config import ResourceSpec
from generator.model import Table
from generator.validate.messages import TYPE_NAMES
from generator.validate.report import Issue

ERROR_LIMIT = 50
CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"')
ROW_POSITION = re.compile(r"position (\d+)")
DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(?:\.?\d{3})*,\d+$")  # 224,3 or 1.234,5


def frictionless_schema(spec: ResourceSpec) -> Schema:
    descriptor = spec.schema_.model_dump(exclude_none=True)
    for field in descriptor["fields"]:
        field.pop("unit", None)  # ours, not Table Schema's
    return Schema.from_descriptor(descriptor)


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
    """Issues found in the table, and its typed records when there are none."""
    resource = Resource(data=[table.header, *normalise(spec, table)], schema=frictionless_schema(spec))
    report = resource.validate(limit_errors=ERROR_LIMIT)

    def line(position: int | None) -> int | None:
        # frictionless counts the header as row 1 and data from row 2
        if position is None or position < 2 or position - 2 >= len(table.line_numbers):
            return table.header_row
        return table.line_numbers[position - 2]

    issues = [to_issue(error, spec, dataset, file, line) for error in report.tasks[0].errors]
    if len(report.tasks[0].errors) >= ERROR_LIMIT:
        issues.append(Issue("too-many-errors", dataset, file, params={"limit": ERROR_LIMIT}))
    if issues:
        return issues, []
    names = [f.name for f in spec.schema_.fields]
    records = [{name: row[name] for name in names} for row in resource.read_rows()]  # type: ignore[attr-defined]
    return [], records


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
