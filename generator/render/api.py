"""A static, read-only CKAN-shaped API (api/3/action/...) and the catalogue as CSV and JSON.

CKAN answers GET /api/3/action/<action>?id=<name>; static hosting has no query strings, so each answer
is a file: `package_list.json` (served as application/json) and the same body at CKAN's own address
without extension (`package_list`, served as application/octet-stream by GitHub Pages and most hosts),
for scripts that hardcode CKAN's URL (and at api/action/<action>, where ckanapi asks); an action with
a parameter is a folder: `package_show?id=x` is `package_show/x.json`. The shapes follow
CKAN 2.x (ckan/logic/action/get.py and ckan/lib/dictization): a harvester or a ckanapi-style script
reads the same keys it reads from CKAN.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.config import Portal, Producer
from generator.licenses import registered
from generator.model import Dataset
from generator.render.bps import ms_indikator
from generator.render.downloads import FORMATS, defused
from generator.render.web import absolute
from generator.sop.records import sha256

ACTIONS = Path("api/3/action")
UNVERSIONED = Path("api/action")  # CKAN answers there too; ckanapi uses it
CKAN_DOCS = "https://docs.ckan.org/en/2.11/api/index.html#ckan.logic.action.get."
MAX_NAME = 100  # CKAN's longest package name
CATALOG_FIELDS = (
    "nama",
    "judul",
    "produsen_kode",
    "produsen",
    "topik_kode",
    "topik",
    "periode",
    "wilayah_kode",
    "wilayah",
    "frekuensi",
    "lisensi",
    "diperbarui",
    "halaman",
    "unduhan",
)


def package_name(dataset: Dataset) -> str:
    """CKAN's names are unique across organisations: `<produsen>-<nama>`, as `sebar publish --target ckan`."""
    return f"{dataset.produsen}-{dataset.slug}"[:MAX_NAME]


def stable_id(portal: Portal, url: str) -> str:
    """A UUID that stays the same for as long as the thing keeps its address."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, absolute(portal, url)))


def ckan_time(iso: str | None) -> str | None:
    """CKAN's timestamps: UTC without an offset, to the microsecond (2026-11-02T01:00:00.000000)."""
    if not iso:
        return None
    moment = datetime.datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def organization(portal: Portal, producer: Producer) -> dict[str, Any]:
    return {
        "id": stable_id(portal, f"produsen/{producer.kode}/"),
        "name": producer.kode,
        "title": producer.nama,
        "display_name": producer.nama,
        "description": "",
        "image_url": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
    }


def group(portal: Portal, code: str) -> dict[str, Any]:
    return {
        "id": stable_id(portal, f"topik/{code}/"),
        "name": code,
        "title": portal.topik[code],
        "display_name": portal.topik[code],
        "description": "",
        "image_display_url": "",
        "type": "group",
        "is_organization": False,
        "state": "active",
        "approval_status": "approved",
    }


def resources(portal: Portal, dataset: Dataset, package_id: str, modified: str | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for resource in dataset.resources:
        for ext, media in FORMATS.items():
            if ext not in resource.formats:
                continue
            name = f"{resource.spec.name}.{ext}"
            url = absolute(portal, dataset.url + name)
            path = dataset.files / name if dataset.files is not None else None
            if path is not None and not path.is_file():
                path = None
            found.append(
                {
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, url)),
                    "package_id": package_id,
                    "name": f"{resource.spec.title or dataset.spec.title} ({ext.upper()})",
                    "description": f"Tabel `{resource.spec.name}`, {resource.rows} baris, format {ext.upper()}.",
                    "url": url,
                    "format": ext.upper(),
                    "mimetype": media,
                    "size": path.stat().st_size if path else None,
                    "hash": sha256(path) if path else "",
                    "last_modified": modified,
                    "created": modified,
                    "position": len(found),
                    "state": "active",
                    "url_type": None,
                }
            )
    return found


def package(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """package_show's `result`: the keys CKAN's own dictization gives a dataset."""
    spec, meta = dataset.spec, dataset.spec.satudata
    producer = portal.producer(dataset.produsen)
    licence = registered(spec.licenses[0], portal)
    package_id = stable_id(portal, dataset.url)
    modified = ckan_time(dataset.updated)
    contact = meta.kontak
    extras = {
        "produsen": dataset.produsen,
        "klasifikasi": meta.klasifikasi,
        "frekuensi": meta.frekuensi,
        "periode": meta.periode,
        "topik": meta.topik,
        "cakupan": meta.cakupan.nama,
        "cakupan_kode": meta.cakupan.kode,
        "cakupan_tingkat": meta.cakupan.tingkat,
        "sumber": meta.sumber.nama,
        "sumber_url": meta.sumber.url or "",
        "datapackage": absolute(portal, dataset.url + "datapackage.json"),
    }
    # BPS statistical metadata (MS-Ind), keyed as its form and as Indonesian CKAN portals show it
    for key, value in (ms_indikator(portal, dataset) or {}).items():
        if isinstance(value, list):
            value = "; ".join(v if isinstance(v, str) else v.get("Nama Variabel", "") for v in value)
        extras.setdefault(key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    found = resources(portal, dataset, package_id, modified)
    tags = [{"name": k, "display_name": k, "state": "active", "vocabulary_id": None} for k in spec.keywords]
    return {
        "id": package_id,
        "name": package_name(dataset),
        "title": spec.title,
        "notes": spec.description,
        "url": absolute(portal, dataset.url),
        "version": spec.version,
        "license_id": licence["name"],
        "license_title": licence["title"] or licence["name"],
        "license_url": licence["path"] or "",
        "author": portal.producer_name(dataset.produsen),
        "author_email": None,
        "maintainer": contact.nama if contact else portal.producer_name(dataset.produsen),
        "maintainer_email": contact.email if contact else None,
        "metadata_created": modified,
        "metadata_modified": modified,
        "owner_org": stable_id(portal, f"produsen/{dataset.produsen}/"),
        "organization": organization(portal, producer) if producer else None,
        "groups": [group(portal, meta.topik)],
        "tags": tags,
        "extras": [{"key": key, "value": value} for key, value in extras.items()],
        "resources": found,
        "num_resources": len(found),
        "num_tags": len(tags),
        "state": "active",
        "type": "dataset",
        "private": False,
    }


def envelope(action: str, result: Any) -> bytes:
    """CKAN's response: {"help", "success", "result"}."""
    body = {"help": CKAN_DOCS + action, "success": True, "result": result}
    return (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def api_files(portal: Portal, datasets: list[Dataset]) -> Iterator[tuple[Path, bytes]]:
    """Every answer of the static API, for the published datasets only."""
    ordered = sorted(datasets, key=package_name)
    packages = {package_name(d): package(portal, d) for d in ordered}

    def both(action: str, result: Any) -> Iterator[tuple[Path, bytes]]:
        body = envelope(action, result)
        yield ACTIONS / f"{action}.json", body
        yield ACTIONS / action, body
        yield UNVERSIONED / action, body  # ckanapi's RemoteCKAN(get_only=True) asks api/action/<action>

    yield from both("package_list", list(packages))
    yield from both("current_package_list_with_resources", list(packages.values()))
    yield from both("organization_list", sorted(p.kode for p in portal.produsen))
    yield from both("group_list", sorted(portal.topik))
    for name, data in packages.items():
        yield ACTIONS / "package_show" / f"{name}.json", envelope("package_show", data)
    for producer in portal.produsen:
        own = [packages[package_name(d)] for d in ordered if d.produsen == producer.kode]
        result = {**organization(portal, producer), "package_count": len(own), "packages": own}
        yield ACTIONS / "organization_show" / f"{producer.kode}.json", envelope("organization_show", result)
    for code in portal.topik:
        own = [packages[package_name(d)] for d in ordered if d.spec.satudata.topik == code]
        result = {**group(portal, code), "package_count": len(own), "packages": own}
        yield ACTIONS / "group_show" / f"{code}.json", envelope("group_show", result)


def catalog_rows(portal: Portal, datasets: list[Dataset]) -> list[dict[str, Any]]:
    """One row per published dataset, as the catalogue exports list them."""
    rows = []
    for d in sorted(datasets, key=lambda d: (d.produsen, d.slug)):
        meta = d.spec.satudata
        rows.append(
            {
                "nama": f"{d.produsen}/{d.slug}",
                "judul": d.spec.title,
                "produsen_kode": d.produsen,
                "produsen": portal.producer_name(d.produsen),
                "topik_kode": meta.topik,
                "topik": portal.topik[meta.topik],
                "periode": meta.periode,
                "wilayah_kode": meta.cakupan.kode,
                "wilayah": meta.cakupan.nama,
                "frekuensi": meta.frekuensi,
                "lisensi": registered(d.spec.licenses[0], portal)["name"],
                "diperbarui": d.updated or "",
                "halaman": absolute(portal, d.url),
                "unduhan": [absolute(portal, f"{d.url}{r.spec.name}.{ext}") for r in d.resources for ext in r.formats],
            }
        )
    return rows


def catalog_exports(portal: Portal, datasets: list[Dataset]) -> Iterator[tuple[Path, bytes]]:
    """katalog/katalog.csv (UTF-8, downloads separated by spaces) and katalog/katalog.json."""
    rows = catalog_rows(portal, datasets)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=CATALOG_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:  # a title starting with `=` must not run in a spreadsheet
        writer.writerow({k: defused(" ".join(v) if isinstance(v, list) else str(v)) for k, v in row.items()})
    yield Path("katalog/katalog.csv"), text.getvalue().encode("utf-8")
    document = {"portal": portal.nama, "url": absolute(portal, ""), "jumlah": len(rows), "dataset": rows}
    yield Path("katalog/katalog.json"), (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
