"""Checks of portal.yml and datapackage.yaml: schema (pydantic), references, completeness."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.config import TINGKAT_BAGIAN, DatasetSpec, Portal
from generator.licenses import licence, register
from generator.validate.report import Issue

M = TypeVar("M", bound=BaseModel)
PLACEHOLDER = "[ISI:"  # the template's marker (scaffold.TEMPLATE); a real title may start with "ISI"


def key_names(model: type[BaseModel]) -> set[str]:
    """Every key a model and the models inside it accept, for "did you mean" hints."""
    names = set()
    for name, field in model.model_fields.items():
        names.add(field.alias or name)
        for inner in typing.get_args(field.annotation) or (field.annotation,):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                names |= key_names(inner)
    return names


KNOWN_KEYS = sorted(key_names(DatasetSpec) | key_names(Portal))

# pydantic's error types, said in Indonesian
DETAIL_ID = {
    "literal_error": "harus salah satu dari {expected}",
    "string_pattern_mismatch": "formatnya tidak sesuai",
    "string_too_short": "tidak boleh kosong",
    "too_short": "tidak boleh kosong",
    "string_too_long": "terlalu panjang (paling banyak {max_length} karakter)",
    "too_long": "terlalu banyak butir (paling banyak {max_length})",
    "string_type": "harus berupa teks",
    "list_type": "harus berupa daftar (baris diawali `- `)",
    "dict_type": "harus berupa kelompok kunci: nilai",
    "model_type": "harus berupa kelompok kunci: nilai",
    "model_attributes_type": "harus berupa kelompok kunci: nilai",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat, tanpa pecahan",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "finite_number": "harus berupa angka terhingga",
    "value_error": "{error}",
    "assertion_error": "{error}",
    "greater_than": "harus lebih dari {gt}",
    "greater_than_equal": "harus {ge} atau lebih",
    "less_than": "harus kurang dari {lt}",
    "less_than_equal": "harus {le} atau kurang",
    "bool_type": "harus `true` atau `false`",
    "bool_parsing": "harus `true` atau `false`",
    "date_type": "harus tanggal TTTT-BB-HH, mis. 2024-12-31",
    "date_parsing": "harus tanggal TTTT-BB-HH, mis. 2024-12-31",
    "date_from_datetime_parsing": "harus tanggal TTTT-BB-HH, mis. 2024-12-31",
    "url_parsing": "harus alamat web lengkap yang diawali https://",
    "url_scheme": "harus alamat web yang diawali https:// atau http://",
    "url_type": "harus alamat web lengkap yang diawali https://",
    "union_tag_invalid": "jenisnya tidak dikenal",
    "union_tag_not_found": "jenisnya belum ditulis",
    "none_required": "harus dikosongkan",
}
# a pattern-checked key, by its last name: how to write it, and an example line to copy
HINTS = {
    "name": (
        " dengan huruf kecil, angka dan tanda hubung",
        " with lowercase letters, digits and hyphens",
        "name: penduduk-2024",
    ),
    "kode": (
        " dengan kode Kemendagri bertitik, di antara tanda kutip",
        " with a dotted Kemendagri code, in quotes",
        'kode: "32.73"',
    ),
    "periode": (
        " dengan tahun atau rentang tahun, di antara tanda kutip",
        " with a year or a range of years, in quotes",
        'periode: "2020"',
    ),
    "url": (" dengan alamat web yang diawali https://", " with a web address starting with https://", ""),
    "path": (" dengan alamat web yang diawali https://", " with a web address starting with https://", ""),
    "email": (" dengan alamat surel", " with an e-mail address", "email: data@kota.go.id"),
    "kode_sdsn": (" dengan kode SDSN", " with an SDSN code", "kode_sdsn: SP00055.00.00"),
}
EXACT = (" Tulis:\n{line}", " Write:\n{line}")  # the corrected line, to copy
EXAMPLE = (" Contoh:\n{line}", " For example:\n{line}")  # how such a line looks


def dotted(loc: tuple[Any, ...]) -> str:
    key = ""
    for part in loc:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def step(raw: Any, part: Any) -> Any:
    if isinstance(raw, dict):
        return raw.get(part)
    if isinstance(raw, list) and isinstance(part, int) and part < len(raw):
        return raw[part]
    return None


def located(loc: tuple[Any, ...], raw: Any) -> tuple[str, str | None, dict[str, str]]:
    """The key as a report says it: a column's key is named by the column (its header), not by
    `resources[0].schema.fields[2]`. Returns the key, the column, and the `where` params."""
    if len(loc) > 5 and loc[0] == "resources" and loc[2:4] == ("schema", "fields") and isinstance(loc[4], int):
        field = step(step(step(step(raw, "resources"), loc[1]), "schema"), "fields")
        name = step(step(field, loc[4]), "name")
        column = name if isinstance(name, str) and name else None
        said = f'"{column}"' if column else f"ke-{loc[4] + 1}"
        where = {"where": f" pada kolom {said}", "where_en": f" of column {said if column else loc[4] + 1}"}
        resources = step(raw, "resources")
        table = step(step(resources, loc[1]), "name")
        if isinstance(resources, list) and len(resources) > 1 and isinstance(table, str):
            where = {
                "where": f'{where["where"]} tabel "{table}"',
                "where_en": f'{where["where_en"]} of table "{table}"',
            }
        return dotted(loc[5:]), column, where
    return dotted(loc), None, {"where": "", "where_en": ""}


def line_of(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    """The line of the nearest key of `loc` the file holds."""
    return next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)


def example(item: Any, last: str) -> tuple[str, tuple[str, str]]:
    """The corrected line, when the value and its error tell it: a number where text is wanted is
    quoted (`periode: "2020"`), a misspelt choice becomes the nearest allowed one."""
    value = item.get("input")
    if item["type"] == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f'{last}: "{value}"', EXACT
    if item["type"] == "literal_error" and isinstance(value, str):
        allowed = re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
        return (f"{last}: {close[0]}" if close else ""), EXACT
    return HINTS.get(last, ("", "", ""))[2], EXAMPLE


def said(item: Any) -> str:
    """pydantic's message in Indonesian (its own English only for a type Sebar does not know)."""
    template = DETAIL_ID.get(item["type"])
    try:
        text = template.format(**item.get("ctx", {})) if template else item["msg"]
    except (KeyError, IndexError):
        text = item["msg"]
    return re.sub(r"^Value error, ", "", text).replace("' or '", "' atau '")


def schema_issues(
    error: ValidationError, dataset: str, file: str, raw: Any = None, lines: dict[tuple[Any, ...], int] | None = None
) -> list[Issue]:
    lines = lines or {}
    items = error.errors()
    missing = [item["loc"] for item in items if item["type"] == "missing"]
    spelt: dict[tuple[Any, ...], str] = {}  # an unknown key -> the missing key beside it that it misspells
    for item in items:
        loc = item["loc"]
        if item["type"] == "extra_forbidden":
            siblings = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m[-1] not in spelt.values()]
            wanted = difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6)
            if wanted:
                spelt[loc] = wanted[0]
    merged = {(*loc[:-1], name) for loc, name in spelt.items()}
    issues = []
    for item in items:
        loc = item["loc"]
        key, column, where = located(loc, raw)
        row = line_of(loc if item["type"] != "missing" else loc[:-1], lines)

        def add(slug: str, **params: Any) -> None:
            # `path`: the whole dotted key (`resources[0].schema.fields[2].type`), where `key` is the column's own
            path = dotted(loc)  # noqa: B023
            issues.append(Issue(slug, dataset, file, row, column, params={"key": key, "path": path, **where, **params}))  # noqa: B023

        if item["type"] == "missing":
            if loc not in merged:
                add("metadata-missing")
        elif item["type"] == "extra_forbidden":
            name = str(loc[-1])
            if loc in spelt:  # `deskription` for the missing `description`: one message, not two
                value = item.get("input")
                text = f": {value}" if isinstance(value, str | int | float) and len(str(value)) <= 60 else ":"
                add("pesan-kunci-salah-eja", name=name, close=spelt[loc], fixed=spelt[loc] + text)
                continue
            close = difflib.get_close_matches(name, KNOWN_KEYS, n=1, cutoff=0.7)
            hints = {"hint": "", "hint_en": ""}
            if close:
                hints = {"hint": f" Maksud Anda `{close[0]}`?", "hint_en": f" Did you mean `{close[0]}`?"}
            add("metadata-unknown-key", **hints)
        else:
            last = str(loc[-1]) if loc else ""
            hint, hint_en, _ = HINTS.get(last, ("", "", ""))
            line, (text, text_en) = example(item, last)
            contoh = {"contoh": text.format(line=line), "contoh_en": text_en.format(line=line)} if line else {}
            add(
                "metadata-invalid",
                detail=said(item),
                hint=hint,
                hint_en=hint_en,
                **{"contoh": "", "contoh_en": "", **contoh},
            )
    return issues


def parse(
    model: type[M], raw: Any, dataset: str, file: str, lines: dict[tuple[Any, ...], int] | None = None
) -> tuple[M | None, list[Issue]]:
    try:
        return model.model_validate(raw if raw is not None else {}), []
    except ValidationError as error:
        return None, schema_issues(error, dataset, file, raw, lines)


def check_portal(raw: Any, lines: dict[tuple[Any, ...], int] | None = None) -> tuple[Portal | None, list[Issue]]:
    return parse(Portal, raw, "portal", "portal.yml", lines)


def check_dataset_meta(
    spec: DatasetSpec, portal: Portal, folder: Path, file: str, lines: dict[tuple[Any, ...], int] | None = None
) -> list[Issue]:
    """References and completeness, once the metadata has the right shape."""
    dataset = f"{folder.parent.name}/{folder.name}"
    meta = spec.satudata
    issues = []

    def add(slug: str, **params: Any) -> None:
        issues.append(Issue(slug, dataset, file, params=params))

    if spec.name != folder.name:
        add("name-mismatch", name=spec.name, folder=folder.name)
    if meta.produsen != folder.parent.name:
        add("produsen-folder", kode=meta.produsen, folder=folder.parent.name)
    if portal.producer(meta.produsen) is None:
        add("produsen-unknown", kode=meta.produsen, known=", ".join(p.kode for p in portal.produsen))
    if meta.topik not in portal.topik:
        add("topik-unknown", topik=meta.topik, known=", ".join(portal.topik))
    parts = TINGKAT_BAGIAN.get(meta.cakupan.tingkat)
    if parts and meta.cakupan.kode.count(".") + 1 != parts:
        example = ".".join(["32", "73", "05", "1001"][:parts])
        add("cakupan-tingkat", kode=meta.cakupan.kode, tingkat=meta.cakupan.tingkat, parts=parts, example=example)
    names = [r.name for r in spec.resources]
    for name in sorted({n for n in names if names.count(n) > 1}):
        add("resource-duplicate", name=name)
    for n, used in enumerate(spec.licenses):
        if licence(used.name, portal) is None:
            known = list(register(portal))
            close = difflib.get_close_matches(used.name, known, n=3, cutoff=0.5)
            close += [k for k in known if used.name.casefold() in k.casefold() and k not in close][: 3 - len(close)]
            add("lisensi-tidak-dikenal", key=f"licenses[{n}].name", name=used.name, close=", ".join(close) or "-")
    # today's date, not the last commit's: `periode` speaks of the real world, and an error here only
    # ever goes away with time (the build's output stays the same for the same input)
    last, now = int(meta.periode.split("-")[-1]), dt.date.today().year
    if last > now:
        row = (lines or {}).get(("satudata", "periode"))
        params = {"periode": meta.periode, "tahun": last, "sekarang": now}
        issues.append(Issue("pesan-periode-masa-depan", dataset, file, row, None, params))
    if meta.kontak is None:
        add("kontak-missing")
    if not spec.keywords:
        add("keywords-missing")
    issues += bps_issues(spec, dataset, file)
    return issues


def bps_issues(spec: DatasetSpec, dataset: str, file: str) -> list[Issue]:
    """BPS statistical metadata: an indicator's building variables are columns of this dataset."""
    if spec.satudata.indikator is None:
        return []
    columns = list(dict.fromkeys(f.name for r in spec.resources for f in r.schema_.fields))
    return [
        Issue("bps-variabel-pembangun", dataset, file, params={"name": name, "known": ", ".join(columns)})
        for name in spec.satudata.indikator.variabel_pembangun
        if name not in columns
    ]


def resource_path_issue(folder: Path, path: str, dataset: str, file: str) -> Issue | None:
    """The resource file must exist and stay inside its dataset folder."""
    if Path(path).is_absolute() or "\\" in path or "\0" in path:
        return Issue("resource-outside", dataset, file, params={"path": path})
    target = (folder / path).resolve()
    if not target.is_relative_to(folder.resolve()):
        return Issue("resource-outside", dataset, file, params={"path": path})
    if target.is_dir():
        return Issue("resource-not-file", dataset, file, params={"path": path, "kind": "folder", "kind_en": "a folder"})
    if target.exists() and not target.is_file():
        params = {"path": path, "kind": "FIFO atau file perangkat", "kind_en": "a FIFO or device file"}
        return Issue("resource-not-file", dataset, file, params=params)
    if not target.is_file():
        return Issue("resource-missing", dataset, file, params={"path": path})
    return None


def placeholder_issues(raw: Any, dataset: str, file: str, key: str = "") -> list[Issue]:
    """Template text (`[ISI: ...]`) the operator has not replaced yet."""
    if isinstance(raw, dict):
        return [
            i for k, v in raw.items() for i in placeholder_issues(v, dataset, file, f"{key}.{k}" if key else str(k))
        ]
    if isinstance(raw, list):
        return [i for n, v in enumerate(raw) for i in placeholder_issues(v, dataset, file, f"{key}[{n}]")]
    if isinstance(raw, str) and PLACEHOLDER in raw:
        return [Issue("placeholder", dataset, file, params={"key": key, "value": raw})]
    return []
