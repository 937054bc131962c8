"""The published datapackage.json (Data Package v2): it describes the files Sebar writes, not the operator's source."""

from __future__ import annotations

import json
from typing import Any

from generator.config import Portal, ResourceSpec
from generator.licenses import registered
from generator.model import Dataset, Resource
from generator.render.downloads import FORMATS, plain
from generator.sop.records import sha256
from generator.validate.table import frictionless_schema

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# How the source file was read; the downloads are written in Table Schema's defaults (numbers as
# `1234.5`, ISO dates, `true`/`false`, an empty cell for a missing value), so a reader that kept these
# would turn 1234.5 into 12345 without a word
SOURCE_OPTIONS = {
    "number": {"decimalChar", "groupChar", "bareNumber"},
    "integer": {"groupChar", "bareNumber"},
    "date": {"format"},
    "boolean": {"trueValues", "falseValues"},
}
VALUE_CONSTRAINTS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum")
# Downloads listed as tables (with the schema): those frictionless reads back as written, CSV and XLSX
# (openpyxl). The others are listed as files, without a schema, so that no reader is told what it would
# misread: data.json (an array of records) is a table to frictionless only with its `json` extra (ijson),
# and frictionless reads Parquet through pandas, where a missing integer becomes NaN (a type error) and
# a missing number NaN instead of empty; Parquet carries its own column types for the readers made for it
TABLES = ("csv", "xlsx")
LABELS = {"csv": "CSV", "xlsx": "XLSX", "json": "JSON", "parquet": "Parquet"}


def compact(value: Any) -> Any:
    """`value` without a key whose value is None, at any depth (the profile refuses `"version": null`)."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def published_schema(spec: ResourceSpec) -> dict[str, Any]:
    """The Table Schema of the downloads: the operator's, without the options that read the source file,
    and constraints in the written form (`minimum: "01/01/2020"` becomes `"2020-01-01"`)."""
    schema = spec.schema_.model_dump(exclude_none=True)
    schema.pop("missingValues", None)
    readers = [f.create_value_reader() for f in frictionless_schema(spec).fields]
    fields = []
    for field, read in zip(schema["fields"], readers, strict=True):
        dropped = SOURCE_OPTIONS.get(field["type"], set()) | {"missingValues"}
        field = {k: v for k, v in field.items() if k not in dropped}
        constraints = field.get("constraints")
        if isinstance(constraints, dict):
            field["constraints"] = {**constraints, **written_constraints(constraints, read)}
        fields.append(field)
    return compact({**schema, "fields": fields})


def written_constraints(constraints: dict[str, Any], read: Any) -> dict[str, Any]:
    """Bounds and allowed values as the downloads write them; a value the reader cannot take stays as is."""
    found = {}
    for key in VALUE_CONSTRAINTS:
        if key not in constraints:
            continue
        values = constraints[key] if key == "enum" and isinstance(constraints[key], list) else [constraints[key]]
        typed = [read(v) for v in values]
        if None not in typed:
            found[key] = [plain(v) for v in typed] if key == "enum" else plain(typed[0])
    return found


def file_facts(dataset: Dataset, path: str) -> dict[str, Any]:
    """Size and SHA-256 of a written download (frictionless checks both), when the files are at hand."""
    file = dataset.files / path if dataset.files is not None else None
    if file is None or not file.is_file():
        return {}
    return {"bytes": file.stat().st_size, "hash": f"sha256:{sha256(file)}"}


def resources(dataset: Dataset, resource: Resource) -> list[dict[str, Any]]:
    """One entry per download of a table: the CSV first (named as the table), then the other formats
    (named `<table>.<format>`: a table's name has no dot, so no two entries share a name)."""
    spec = resource.spec
    schema = published_schema(spec)
    entries = []
    for suffix in ["csv", *(f for f in resource.formats if f != "csv")]:
        path = f"{spec.name}.{suffix}"
        table = suffix in TABLES
        entry = {
            "name": spec.name if suffix == "csv" else path,
            "type": "table" if table else None,
            "path": path,
            "format": suffix,
            "mediatype": FORMATS[suffix],
            "encoding": "utf-8" if suffix in ("csv", "json") else None,
            "title": spec.title if suffix == "csv" or spec.title is None else f"{spec.title} ({LABELS[suffix]})",
            # frictionless reads Parquet with pyarrow, not through its byte stream: it would count no bytes
            **(file_facts(dataset, path) if suffix != "parquet" else {}),
            "schema": schema if table else None,
        }
        entries.append(entry)
    return entries


def datapackage(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """The published Data Package (v2): the operator's metadata, describing the generated downloads;
    the Satu Data metadata stays under `satudata`, an extension the standard allows."""
    spec, satudata = dataset.spec, dataset.spec.satudata
    page = f"{portal.url.rstrip('/')}/{dataset.url}" if portal.url else dataset.url
    contact = satudata.kontak
    return compact(
        {
            "$schema": PROFILE,
            "id": page,
            "name": spec.name,
            "title": spec.title,
            "description": spec.description,
            "homepage": page,
            "version": spec.version,
            "created": dataset.updated,  # the last commit of the dataset's folder: never the clock
            "keywords": spec.keywords,
            "licenses": [registered(lic, portal) for lic in spec.licenses],
            "sources": [{"title": satudata.sumber.nama, "path": satudata.sumber.url}],
            "contributors": [
                {"title": portal.producer_name(dataset.produsen), "roles": ["publisher"]},
                *([{"title": contact.nama, "email": contact.email, "roles": ["contact"]}] if contact else []),
            ],
            # views are written only when declared: a dataset without them keeps its metadata as it was
            "satudata": satudata.model_dump(exclude_none=True, exclude=None if satudata.tampilan else {"tampilan"}),
            "resources": [entry for r in dataset.resources for entry in resources(dataset, r)],
        }
    )


def datapackage_json(portal: Portal, dataset: Dataset) -> str:
    return json.dumps(datapackage(portal, dataset), ensure_ascii=False, indent=2) + "\n"
