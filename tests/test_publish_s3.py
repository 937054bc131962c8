"""The S3 target against a real S3 server on localhost (moto in server mode, over HTTP)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import boto3
import pytest
import yaml

from generator.build import MARKER
from generator.cli import main
from generator.publish.base import PublishError, publish

BUCKET = "portal-kota"


@pytest.fixture
def s3(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "sebar-uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "rahasia-uji")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def configure(root: Path, s3_endpoint: str, prefix: str = "portal/") -> None:
    settings = yaml.safe_load((root / "portal.yml").read_text())
    settings["publikasi"] = {"target": ["s3"], "s3": {"bucket": BUCKET, "prefix": prefix, "endpoint_url": s3_endpoint}}
    (root / "portal.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))


def keys(client, prefix: str = "") -> dict[str, str]:
    found = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", [])
    return {item["Key"]: item["ETag"] for item in found}


def test_publish_s3_sends_only_changes_and_deletes_only_its_own(demo_portal, demo_site, s3, s3_endpoint, tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(demo_portal, root, ignore=shutil.ignore_patterns("site", ".sebar-cache", ".git"))
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    configure(root, s3_endpoint)
    s3.put_object(Bucket=BUCKET, Key="lain/berkas.txt", Body=b"bukan milik Sebar")
    s3.put_object(Bucket=BUCKET, Key="portal/catatan-tangan.txt", Body=b"ditaruh orang, bukan Sebar")

    first = publish(root, site)[0]
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != MARKER)
    assert sorted(item.path for item in first.uploaded) == files
    assert not first.unchanged and not first.deleted
    order = [item.path.endswith(".html") for item in first.uploaded]  # in the order they were sent
    assert order == sorted(order)  # every page after the files it links
    stored = keys(s3, "portal/")
    assert set(stored) == {f"portal/{name}" for name in files} | {
        "portal/.sebar-manifest.json",
        "portal/catatan-tangan.txt",
    }
    assert not any("pengeluaran-per-kapita-internal" in key for key in stored)  # terbatas: never sent

    page = s3.head_object(Bucket=BUCKET, Key="portal/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "no-cache"
    assert page["Metadata"]["sha256"] == next(i.sha256 for i in first.uploaded if i.path == "index.html")
    csv = s3.head_object(Bucket=BUCKET, Key="portal/dataset/bandung/objek-wisata-belanja/data.csv")
    assert (csv["ContentType"], csv["CacheControl"]) == ("text/csv; charset=utf-8", "public, max-age=300")
    package = s3.head_object(Bucket=BUCKET, Key="portal/dataset/bandung/objek-wisata-belanja/datapackage.json")
    assert package["ContentType"] == "application/json"
    bundle = next(name for name in files if name.startswith("assets/javascripts/bundle.") and name.endswith(".js"))
    script = s3.head_object(Bucket=BUCKET, Key=f"portal/{bundle}")
    assert script["CacheControl"] == "public, max-age=31536000, immutable"
    assert script["ContentType"] == "text/javascript; charset=utf-8"
    fragment = next(name for name in files if name.endswith(".pf_fragment"))
    assert s3.head_object(Bucket=BUCKET, Key=f"portal/{fragment}")["CacheControl"].endswith("immutable")

    # one file changed, one removed: only that one is sent, the removed one deleted
    changed = site / "dataset/bandung/objek-wisata-belanja/data.csv"
    changed.write_bytes(changed.read_bytes() + b"99,Tempat baru,Jl. Baru,\n")
    (site / "sitemap.xml.gz").unlink()
    before = keys(s3)
    second = publish(root, site, ["s3"])[0]
    assert [item.path for item in second.uploaded] == ["dataset/bandung/objek-wisata-belanja/data.csv"]
    assert second.deleted == ["sitemap.xml.gz"]
    assert len(second.unchanged) == len(files) - 2
    after = keys(s3)
    assert "portal/sitemap.xml.gz" not in after
    assert after["lain/berkas.txt"] == before["lain/berkas.txt"]  # outside the prefix: untouched
    assert after["portal/catatan-tangan.txt"] == before["portal/catatan-tangan.txt"]  # not Sebar's: kept
    assert {k: v for k, v in after.items() if "data.csv" not in k and "manifest" not in k} == {
        k: v for k, v in before.items() if "data.csv" not in k and "manifest" not in k and "sitemap.xml.gz" not in k
    }
    manifest = json.loads(s3.get_object(Bucket=BUCKET, Key="portal/.sebar-manifest.json")["Body"].read())
    assert manifest["dataset/bandung/objek-wisata-belanja/data.csv"] == second.uploaded[0].sha256
    assert "sitemap.xml.gz" not in manifest

    third = publish(root, site, ["s3"])[0]
    assert not third.uploaded and not third.deleted


def test_publish_s3_without_keys_names_the_variables(
    demo_portal, demo_site, s3_endpoint, tmp_path, monkeypatch, capsys
):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    root = tmp_path / "portal"
    shutil.copytree(demo_portal, root, ignore=shutil.ignore_patterns("site", ".sebar-cache", ".git"))
    configure(root, s3_endpoint)
    assert main(["publish", "--root", str(root), "--site", str(demo_site), "--target", "s3"]) == 2
    error = capsys.readouterr().err
    assert "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY belum diisi" in error
    assert "portal.yml" in error


def test_publish_refuses_a_site_that_did_not_build(demo_portal, tmp_path, s3, s3_endpoint):
    root = tmp_path / "portal"
    shutil.copytree(demo_portal, root, ignore=shutil.ignore_patterns("site", ".sebar-cache", ".git"))
    configure(root, s3_endpoint)
    half = tmp_path / "setengah"
    half.mkdir()
    (half / "index.html").write_text("<p>setengah</p>")
    with pytest.raises(PublishError, match="bukan situs yang selesai dibangun Sebar"):
        publish(root, half, ["s3"])
    assert keys(s3) == {}
