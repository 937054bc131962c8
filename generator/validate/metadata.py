"""Checks of portal.yml and datapackage.yaml: schema (pydantic), references, completeness."""

from __future__ import annotations

import difflib
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
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "value_error": "{error}",
    "greater_than_equal": "harus {ge} atau lebih",
    "less_than_equal": "harus {le} atau kurang",
    "bool_type": "harus `true` atau `false`",
    "bool_parsing": "harus `true` atau `false`",
}
# what a pattern-checked key looks like, by its last name
HINTS = {
    "name": (
        " dengan huruf kecil, angka dan tanda hubung, mis. `penduduk-2024`",
        " with lowercase letters, digits and hyphens, e.g. `penduduk-2024`",
    ),
    "kode": (" (contoh: `32`, `32.73`, `32.73.05`)", " (e.g. `32`, `32.73`, `32.73.05`)"),
    "periode": (" dengan `2020` atau `2013-2020`", " with `2020` or `2013-2020`"),
    "url": (" dengan alamat web yang diawali https://", " with a web address starting with https://"),
    "path": (" dengan alamat web yang diawali https://", " with a web address starting with https://"),
    "email": (" dengan alamat surel, mis. `data@kota.go.id`", " with an e-mail address, e.g. `data@kota.go.id`"),
    "kode_sdsn": (" dengan kode SDSN, mis. `SP00055.00.00`", " with an SDSN code, e.g. `SP00055.00.00`"),
}


def dotted(loc: tuple[Any, ...]) -> str:
    key = ""
    for part in loc:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def schema_issues(error: ValidationError, dataset: str, file: str) -> list[Issue]:
    issues = []
    for item in error.errors():
        key = dotted(item["loc"])
        if item["type"] == "missing":
            issues.append(Issue("metadata-missing", dataset, file, params={"key": key}))
        elif item["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(item["loc"][-1]), KNOWN_KEYS, n=1, cutoff=0.7)
            params = {"key": key, "hint": "", "hint_en": ""}
            if close:
                params.update(hint=f" Maksud Anda `{close[0]}`?", hint_en=f" Did you mean `{close[0]}`?")
            issues.append(Issue("metadata-unknown-key", dataset, file, params=params))
        else:
            template = DETAIL_ID.get(item["type"])
            detail = template.format(**item.get("ctx", {})) if template else item["msg"]
            last = str(item["loc"][-1]) if item["loc"] else ""
            hint, hint_en = HINTS.get(last, ("", ""))
            params = {"key": key, "detail": detail, "hint": hint, "hint_en": hint_en}
            issues.append(Issue("metadata-invalid", dataset, file, params=params))
    return issues


def parse(model: type[M], raw: Any, dataset: str, file: str) -> tuple[M | None, list[Issue]]:
    try:
        return model.model_validate(raw if raw is not None else {}), []
    except ValidationError as error:
        return None, schema_issues(error, dataset, file)


def check_portal(raw: Any) -> tuple[Portal | None, list[Issue]]:
    return parse(Portal, raw, "portal", "portal.yml")


def check_dataset_meta(spec: DatasetSpec, portal: Portal, folder: Path, file: str) -> list[Issue]:
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
