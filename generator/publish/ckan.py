"""A CKAN-based Satu Data portal: each `terbuka` dataset of the built site becomes a CKAN package.

Read from the built site (dataset/<produsen>/<name>/datapackage.json and its CSV files), so only what the
portal itself publishes is ever sent; a dataset whose klasifikasi is not `terbuka` is refused even if
it got there. package_show decides create or patch; each CSV is uploaded only when its SHA-256 (kept in
the CKAN resource's `sha256` field) changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ckanapi
import requests

from generator.config import PublikasiCkan
from generator.publish.base import Published, PublishError, PublishResult, required_env, sha256

MAX_NAME = 100  # CKAN's limit on a package name


def packages(site: Path) -> list[dict[str, Any]]:
    """The datapackage.json of each dataset the site publishes, in a stable order."""
    found = []
    for path in sorted(site.glob("dataset/*/*/datapackage.json")):
        package = json.loads(path.read_text(encoding="utf-8"))
        package["_folder"] = path.parent
        found.append(package)
    return found


def ckan_error(error: Exception) -> str:
    """CKAN's own words: a validation error's fields, or the message of the other errors."""
    if isinstance(error, requests.RequestException):
        return f"CKAN tidak terjangkau ({type(error).__name__}); periksa `publikasi.ckan.url` dan jaringan"
    detail = error.args[0] if error.args else error
    if isinstance(detail, dict):
        kind = detail.get("__type", type(error).__name__)
        fields = {key: value for key, value in detail.items() if key not in ("__type", "message")}
        message = detail.get("message") or "; ".join(f"{key}: {value}" for key, value in sorted(fields.items()))
        return f"{kind}: {message}"
    return f"{type(error).__name__}: {detail}"


class CkanTarget:
    name = "ckan"

    def __init__(self, settings: PublikasiCkan) -> None:
        key = required_env("CKAN_API_KEY")["CKAN_API_KEY"]
        self.settings = settings
        self.remote = ckanapi.RemoteCKAN(settings.url, apikey=key, user_agent="sebar-publish")

    def publish(self, site: Path) -> PublishResult:
        found = packages(site)
        for package in found:  # every refusal before the first call: nothing is sent when one would fail
            meta = package.get("satudata", {})
            if meta.get("klasifikasi") != "terbuka":
                raise PublishError(
                    f"dataset {meta.get('produsen')}/{package.get('name')} berklasifikasi "
                    f"`{meta.get('klasifikasi')}`: hanya data `terbuka` yang dikirim ke CKAN; tidak ada yang dikirim"
                )
            if meta.get("produsen") not in self.settings.organisasi:
                raise PublishError(
                    f"produsen `{meta.get('produsen')}` (dataset {package.get('name')}) belum punya organisasi CKAN: "
                    "tambahkan di `publikasi.ckan.organisasi` pada portal.yml; tidak ada yang dikirim"
                )
        result = PublishResult(self.name, self.settings.url)
        for package in found:
            label = f"{package['satudata']['produsen']}/{package['name']}"
            try:
                self._push(package, result)
            except (ckanapi.CKANAPIError, requests.RequestException) as error:
                done = sorted({item.path.rsplit("/", 1)[0] for item in result.uploaded + result.unchanged})
                raise PublishError(
                    f"{self.settings.url}: dataset {label} gagal dikirim ke CKAN"
                    + (" (CKAN menolaknya)" if isinstance(error, ckanapi.CKANAPIError) else "")
                    + f": {ckan_error(error)}. "
                    + (f"Sudah terkirim utuh sebelum galat ini: {', '.join(done)}. " if done else "")
                    + f"Dataset {label} dan sesudahnya belum terkirim; "
                    "perbaiki lalu ulangi `sebar publish --target ckan`",
                    result,
                ) from error
        return result

    def _push(self, package: dict[str, Any], result: PublishResult) -> None:
        meta = package["satudata"]
        name = f"{meta['produsen']}-{package['name']}"[:MAX_NAME]
        fields = {
            "title": package["title"],
            "notes": package.get("description") or "",
            "owner_org": self.settings.organisasi[meta["produsen"]],
            "license_id": package["licenses"][0]["name"],
            "version": package.get("version"),
            "tags": [{"name": keyword} for keyword in package.get("keywords", [])],
            "extras": [
                {"key": key, "value": str(meta[key])}
                for key in ("klasifikasi", "frekuensi", "periode", "topik")
                if key in meta
            ],
        }
        action = self.remote.action
        try:
            existing = action.package_show(id=name)
        except ckanapi.NotFound:
            existing = action.package_create(name=name, **fields)
        else:
            existing = action.package_patch(id=existing["id"], **fields)
        resources = {item.get("name"): item for item in existing.get("resources", [])}
        sent: list[Published] = []
        kept: list[Published] = []
        for resource in package["resources"]:
            if resource.get("format") != "csv":
                continue
            path = package["_folder"] / resource["path"]
            digest = sha256(path)
            record = Published(f"{meta['produsen']}/{package['name']}/{resource['path']}", digest)
            old = resources.get(resource["name"])
            if old is not None and old.get("sha256") == digest:
                kept.append(record)
                continue
            details = {
                "name": resource["name"],
                "description": resource.get("title") or "",
                "format": "CSV",
                "mimetype": "text/csv",
                "sha256": digest,
            }
            with path.open("rb") as upload:
                if old is None:
                    action.resource_create(package_id=existing["id"], upload=upload, **details)
                else:
                    action.resource_patch(id=old["id"], upload=upload, **details)
            sent.append(record)
        # reported only once the whole dataset is through: a failure midway reports none of it as done
        result.uploaded += sent
        result.unchanged += kept
