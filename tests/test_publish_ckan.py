"""The CKAN target against a local HTTP server speaking the CKAN Action API calls it uses, in CKAN's shapes."""

from __future__ import annotations

import email.parser
import email.policy
import http.server
import json
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.publish.base import PublishError, publish, sha256
from tests.helpers import listening

KEY = "kunci-ckan-uji"
ORGS = {"bandung": "diskominfo-bandung", "kemendagri": "kemendagri", "opendata-jabar": "diskominfo-jabar"}


class Ckan:
    """The state of the pretend CKAN site: organisations, packages and every call made."""

    def __init__(self) -> None:
        self.orgs = set(ORGS.values())
        self.packages: dict[str, dict[str, Any]] = {}
        self.calls: list[str] = []
        self.uploads: dict[str, bytes] = {}
        self.refuse_upload: str | None = None  # a package name whose resource upload fails validation

    def answer(self, action: str, data: dict[str, Any], files: dict[str, bytes]) -> tuple[int, dict[str, Any]]:
        self.calls.append(action)
        packages = self.packages
        if action == "package_show":
            package = packages.get(data["id"]) or next((p for p in packages.values() if p["id"] == data["id"]), None)
            if package is None:
                return 404, error("Not Found Error", "Not found")
            return 200, ok(package)
        if action == "package_create":
            problems = {}
            if data.get("owner_org") not in self.orgs:
                problems["owner_org"] = ["Organization does not exist"]
            if data.get("name") in packages:
                problems["name"] = ["That URL is already in use."]
            if problems:
                return 409, error("Validation Error", None, problems)
            package = {**data, "id": str(uuid.uuid4()), "resources": []}
            packages[data["name"]] = package
            return 200, ok(package)
        if action == "package_patch":
            package = next(p for p in packages.values() if p["id"] == data["id"])
            package.update({k: v for k, v in data.items() if k != "id"})
            return 200, ok(package)
        if action in ("resource_create", "resource_patch"):
            if action == "resource_create":
                package = next(p for p in packages.values() if p["id"] == data["package_id"])
                resource: dict[str, Any] = {"id": str(uuid.uuid4()), "package_id": package["id"]}
                if package["name"] == self.refuse_upload:
                    return 409, error("Validation Error", None, {"upload": ["Berkas melebihi batas ukuran"]})
                package["resources"].append(resource)
            else:
                resource = next(r for p in packages.values() for r in p["resources"] if r["id"] == data["id"])
            resource.update({k: v for k, v in data.items() if k not in ("id", "package_id")})
            if "upload" in files:
                self.uploads[resource["id"]] = files["upload"]
                resource["url"] = (
                    f"http://ckan.test/dataset/{resource['package_id']}/resource/{resource['id']}/download"
                )
            return 200, ok(resource)
        return 400, error("Bad request", f"Action name not known: {action}")


def ok(result: Any) -> dict[str, Any]:
    return {"help": "http://ckan.test/api/3/action/help_show", "success": True, "result": result}


def error(kind: str, message: str | None, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"__type": kind, **(fields or {})}
    if message is not None:
        body["message"] = message
    return {"help": "http://ckan.test/api/3/action/help_show", "success": False, "error": body}


def handler_for(ckan: Ckan) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            action = self.path.rsplit("/", 1)[-1]
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            data, files = parse(self.headers.get("Content-Type", ""), body)
            if self.headers.get("Authorization") != KEY:
                status, answer = 403, error("Authorization Error", f"Access denied: not authorized to call {action}")
            else:
                status, answer = ckan.answer(action, data, files)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def parse(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A JSON body, or a multipart form (ckanapi's file upload) as fields and files."""
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}"), {}
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    data: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if part.get_filename():
            files[name] = payload
        else:
            data[name] = payload.decode()
    return data, files


@pytest.fixture
def ckan() -> Iterator[tuple[Ckan, str]]:
    state = Ckan()
    with listening(handler_for(state)) as address:
        yield state, address


@pytest.fixture
def portal(demo_portal: Path, tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(demo_portal, root, ignore=shutil.ignore_patterns("site", ".sebar-cache", ".git"))
    return root


def configure(root: Path, url: str, orgs: dict[str, str] = ORGS) -> None:
    settings = yaml.safe_load((root / "portal.yml").read_text())
    settings["publikasi"] = {"target": ["pages", "ckan"], "ckan": {"url": url, "organisasi": orgs}}
    (root / "portal.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))


def public_packages(site: Path) -> list[str]:
    return sorted(f"{p.parent.parent.name}-{p.parent.name}" for p in site.glob("dataset/*/*/datapackage.json"))


def test_publish_ckan_creates_then_patches_and_uploads_only_changed_csv(portal, demo_site, ckan, tmp_path, monkeypatch):
    state, url = ckan
    monkeypatch.setenv("CKAN_API_KEY", KEY)
    configure(portal, url)
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    first = publish(portal, site, ["ckan"])[0]
    names = public_packages(site)
    assert sorted(state.packages) == names and len(names) == 9
    assert not any("pengeluaran-per-kapita-internal" in name for name in state.packages)  # terbatas: never sent
    assert state.calls.count("package_create") == 9 and "package_patch" not in state.calls
    package = state.packages["bandung-objek-wisata-belanja"]
    assert package["owner_org"] == "diskominfo-bandung"
    assert package["title"] == "Objek Wisata Belanja di Kota Bandung"
    assert {"name": "pariwisata"} in package["tags"]
    assert {"key": "klasifikasi", "value": "terbuka"} in package["extras"]
    (resource,) = package["resources"]
    csv = site / "dataset/bandung/objek-wisata-belanja/data.csv"
    assert state.uploads[resource["id"]] == csv.read_bytes()
    assert resource["sha256"] == sha256(csv) and resource["format"] == "CSV"
    assert len(first.uploaded) == 9 and not first.unchanged

    csv.write_bytes(csv.read_bytes() + b"99,Tempat baru,Jl. Baru,\n")
    state.calls.clear()
    second = publish(portal, site, ["ckan"])[0]
    assert state.calls.count("package_patch") == 9 and "package_create" not in state.calls
    assert state.calls.count("resource_patch") == 1 and "resource_create" not in state.calls
    assert [item.path for item in second.uploaded] == ["bandung/objek-wisata-belanja/data.csv"]
    assert state.uploads[resource["id"]].endswith(b"99,Tempat baru,Jl. Baru,\n")
    assert len(second.unchanged) == 8


def test_publish_ckan_validation_error_names_the_dataset_and_reports_only_whole_ones(
    portal, demo_site, ckan, monkeypatch, capsys
):
    state, url = ckan
    monkeypatch.setenv("CKAN_API_KEY", KEY)
    state.orgs.discard("diskominfo-jabar")  # the portal's organisation for opendata-jabar is missing in CKAN
    state.refuse_upload = "kemendagri-kode-wilayah-jatim"
    configure(portal, url)
    with pytest.raises(PublishError) as raised:
        publish(portal, demo_site, ["ckan"])
    message = str(raised.value)
    assert "dataset kemendagri/kode-wilayah-jatim gagal dikirim ke CKAN (CKAN menolaknya)" in message
    assert "Berkas melebihi batas ukuran" in message
    done = {item.path.rsplit("/", 1)[0] for item in raised.value.result.uploaded}
    bandung = {"objek-wisata-belanja", "perguruan-tinggi-kecamatan", "supermarket-minimarket-mall"}
    assert done == {f"bandung/{name}" for name in bandung}  # sent whole before the failing one
    assert "Sudah terkirim utuh sebelum galat ini: bandung/objek-wisata-belanja" in message
    assert not any(item.path.startswith("kemendagri/") for item in raised.value.result.uploaded)

    state.refuse_upload = None
    assert main(["publish", "--root", str(portal), "--site", str(demo_site), "--target", "ckan"]) == 2
    error = capsys.readouterr().err
    assert "dataset opendata-jabar/garis-kemiskinan-provinsi gagal dikirim ke CKAN (CKAN menolaknya)" in error
    assert "Validation Error: owner_org: ['Organization does not exist']" in error
    assert "Traceback" not in error


def test_publish_ckan_authorization_error_and_missing_key(portal, demo_site, ckan, monkeypatch):
    state, url = ckan
    configure(portal, url)
    monkeypatch.delenv("CKAN_API_KEY", raising=False)
    with pytest.raises(PublishError, match="variabel lingkungan CKAN_API_KEY belum diisi"):
        publish(portal, demo_site, ["ckan"])
    assert state.calls == []
    monkeypatch.setenv("CKAN_API_KEY", "kunci-salah")
    with pytest.raises(PublishError, match="Authorization Error: Access denied") as raised:
        publish(portal, demo_site, ["ckan"])
    assert "dataset bandung/objek-wisata-belanja gagal dikirim" in str(raised.value)
    assert raised.value.result is not None and not raised.value.result.uploaded and state.packages == {}


def test_publish_ckan_never_sends_a_dataset_that_is_not_terbuka(portal, demo_site, ckan, tmp_path, monkeypatch):
    state, url = ckan
    monkeypatch.setenv("CKAN_API_KEY", KEY)
    configure(portal, url)
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    secret = site / "dataset/opendata-jabar/rahasia/datapackage.json"
    secret.parent.mkdir()
    package = json.loads((site / "dataset/bandung/objek-wisata-belanja/datapackage.json").read_text())
    package["satudata"]["klasifikasi"] = "dikecualikan"
    secret.write_text(json.dumps(package))
    for target in ("ckan", "pages"):
        with pytest.raises(PublishError, match="berklasifikasi `dikecualikan`"):
            publish(portal, site, [target])
    assert state.calls == []
    assert not (site / ".nojekyll").exists()


def test_publish_ckan_unreachable_names_the_address(portal, demo_site, monkeypatch):
    monkeypatch.setenv("CKAN_API_KEY", KEY)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    configure(portal, f"http://127.0.0.1:{port}")
    with pytest.raises(PublishError, match="CKAN tidak terjangkau \\(ConnectionError\\); periksa `publikasi.ckan.url`"):
        publish(portal, demo_site, ["ckan"])
