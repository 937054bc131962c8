"""What crawlers, harvesters and feed readers read (issue 8): `url` required, sitemap.xml with each
page's Git date (sitemaps.org XSD), robots.txt, the static CKAN-shaped API, the catalogue exports and
the Atom feed, on the built demo site over HTTP and on small Git repositories with known dates."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import ckanapi
import feedparser
import pytest
import yaml
from lxml import etree

from generator.cli import main
from generator.config import Portal
from generator.publications.catalog import publications
from generator.render import render
from generator.serve import serve
from generator.validate import check
from tests.helpers import DATA, case_portal

URL = "https://satudata.sebar.example/"  # the demo portal.yml's url
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XSD = etree.XMLSchema(etree.parse(str(DATA / "sitemap" / "sitemap.xsd")))
ENVELOPE_FIELDS = {"help", "success", "result"}
PACKAGE_FIELDS = {
    "id",
    "name",
    "title",
    "notes",
    "url",
    "version",
    "license_id",
    "license_title",
    "license_url",
    "author",
    "maintainer",
    "maintainer_email",
    "metadata_modified",
    "organization",
    "groups",
    "tags",
    "extras",
    "resources",
    "num_resources",
    "num_tags",
    "state",
    "type",
    "private",
}
RESOURCE_FIELDS = {"id", "name", "url", "format", "mimetype", "size", "hash", "last_modified"}


def commit(root: Path, date: str, message: str) -> None:
    """Everything in `root`, committed at `date` (author and committer)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=Rina", "-c", "user.email=rina@example.go.id", *args],
            check=True,
            capture_output=True,
            env=env,
        )


def demo_portal_model(root: Path) -> Portal:
    return Portal.model_validate(yaml.safe_load((root / "portal.yml").read_text(encoding="utf-8")))


def published(root: Path) -> list[tuple[str, str]]:
    """(produsen, nama) of every `terbuka` dataset of a portal, read from its datapackage.yaml files."""
    found = []
    for path in sorted((root / "datasets").glob("*/*/datapackage.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        if meta["satudata"]["klasifikasi"] == "terbuka":
            found.append((meta["satudata"]["produsen"], meta["name"]))
    return found


def local(url: str, site_url: str) -> str:
    """A link of the built site (absolute, with portal.yml's url) on the local server."""
    assert url.startswith(URL), url
    return site_url + "/" + url.removeprefix(URL)


def page_link(site: Path, page: Path) -> str:
    """The public address of a built page (.../index.html)."""
    folder = page.parent.relative_to(site).as_posix()
    return URL if folder == "." else f"{URL}{folder}/"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read()


def test_sitemap_validates_and_lists_every_page_with_its_git_date(demo_site, demo_portal):
    tree = etree.parse(str(demo_site / "sitemap.xml"))
    XSD.assertValid(tree)
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in tree.iter(f"{SITEMAP}url")}
    pages = {
        page_link(demo_site, page)
        for page in demo_site.rglob("index.html")
        if not page.relative_to(demo_site).as_posix().startswith(("assets/", "pagefind/"))
    }
    assert set(entries) == pages
    assert not any(loc.endswith(("404.html", ".js", ".css")) or "/assets/" in loc for loc in entries)
    for produsen, nama in published(demo_portal):  # the demo is committed once, at conftest.GIT_DATE
        assert entries[f"{URL}dataset/{produsen}/{nama}/"] == "2026-11-02T08:00:00+07:00"
    assert gzip.decompress((demo_site / "sitemap.xml.gz").read_bytes()) == (demo_site / "sitemap.xml").read_bytes()


def test_sitemap_dates_are_each_sources_last_commit(tmp_path):
    root = case_portal(tmp_path, "valid/locale")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    commit(root, "2025-03-04T10:00:00+07:00", "dataset dan halaman")
    (root / "content" / "bantuan" / "api.md").write_text("# API\n\nDiubah.\n", encoding="utf-8")
    commit(root, "2026-01-15T09:30:00+07:00", "halaman API")
    (root / "content" / "baru.md").write_text("# Baru\n\nBelum dikomit.\n", encoding="utf-8")
    (root / "content" / "bantuan" / "cli.md").write_text("# CLI\n\nDiubah, belum dikomit.\n", encoding="utf-8")
    portal, datasets, report = check(root)
    assert report.valid and portal is not None
    documents = []
    for name in ("docs", "docs2"):  # twice: the same bytes (no clock)
        render(root, portal, datasets, tmp_path / name)
        documents.append((tmp_path / name / "sitemap.xml").read_bytes())
    assert documents[0] == documents[1]
    tree = etree.fromstring(documents[0])
    XSD.assertValid(tree)
    site = "https://satudata.uji.example/"
    dates = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in tree.iter(f"{SITEMAP}url")}
    assert dates[site + "dataset/dinkes/locale/"] == "2025-03-04T10:00:00+07:00"  # its folder's commit
    assert dates[site + "bantuan/metadata/"] == "2025-03-04T10:00:00+07:00"  # untouched since
    assert dates[site + "bantuan/api/"] == "2026-01-15T09:30:00+07:00"
    # not committed as it is: the last commit's date, never the clock
    assert dates[site + "baru/"] == "2026-01-15T09:30:00+07:00"
    assert dates[site + "bantuan/cli/"] == "2026-01-15T09:30:00+07:00"
    # listings: the newest of what they list (here the one dataset); an empty one, the last commit's
    for listing in ("", "katalog/", "produsen/dinkes/", "topik/lainnya/"):
        assert dates[site + listing] == "2025-03-04T10:00:00+07:00", listing
    assert dates[site + "topik/kesehatan/"] == "2026-01-15T09:30:00+07:00"
    feed = feedparser.parse((tmp_path / "docs" / "feed.xml").read_bytes())
    assert [(e.link, e.updated) for e in feed.entries] == [
        (site + "dataset/dinkes/locale/", "2025-03-04T10:00:00+07:00")
    ]


def test_robots_txt_allows_all_and_names_the_sitemap(site_url):
    text = fetch(site_url + "/robots.txt").decode()
    assert text == f"User-agent: *\nAllow: /\n\nSitemap: {URL}sitemap.xml\n"


def test_every_page_has_an_absolute_canonical_link_and_the_feed(demo_site):
    pages = [p for p in demo_site.rglob("*.html") if not p.relative_to(demo_site).as_posix().startswith("pagefind/")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<link rel="alternate" type="application/atom+xml" href="{URL}feed.xml"' in html, page
        if page.name == "404.html":
            continue
        assert f'<link rel="canonical" href="{page_link(demo_site, page)}">' in html, page


def test_api_files_have_ckan_envelope_and_list_exactly_the_published_datasets(demo_site, demo_portal, site_url):
    files = [p for p in (demo_site / "api").rglob("*") if p.is_file()]
    assert files
    for path in files:
        body = json.loads(path.read_bytes())
        assert set(body) == ENVELOPE_FIELDS and body["success"] is True, path
    names = sorted(f"{produsen}-{nama}" for produsen, nama in published(demo_portal))
    action = site_url + "/api/3/action/"
    listed = json.loads(fetch(action + "package_list.json"))["result"]
    assert listed == names
    assert json.loads(fetch(action + "package_list")) == json.loads(fetch(action + "package_list.json"))
    everything = json.loads(fetch(action + "current_package_list_with_resources.json"))["result"]
    assert [p["name"] for p in everything] == names
    portal = demo_portal_model(demo_portal)
    assert json.loads(fetch(action + "organization_list.json"))["result"] == sorted(p.kode for p in portal.produsen)
    assert json.loads(fetch(action + "group_list.json"))["result"] == sorted(portal.topik)
    ids = set()
    for name in names:
        package = json.loads(fetch(f"{action}package_show/{name}.json"))["result"]
        assert PACKAGE_FIELDS <= set(package), name
        assert package in everything
        assert package["state"] == "active" and package["type"] == "dataset" and package["private"] is False
        assert package["url"].startswith(URL) and fetch(local(package["url"], site_url))
        assert package["num_resources"] == len(package["resources"]) > 0
        assert package["num_tags"] == len(package["tags"])
        assert {e["key"] for e in package["extras"]} >= {"periode", "cakupan", "frekuensi", "klasifikasi"}
        assert {"name", "title"} <= set(package["organization"]) and package["groups"][0]["name"] in portal.topik
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}", package["metadata_modified"])
        ids.add(package["id"])
        for resource in package["resources"]:  # what a harvester does: fetch every resource's url
            assert RESOURCE_FIELDS <= set(resource)
            data = fetch(local(resource["url"], site_url))
            assert len(data) == resource["size"]
            assert hashlib.sha256(data).hexdigest() == resource["hash"]
            ids.add(resource["id"])
    assert len(ids) == len(names) + sum(len(p["resources"]) for p in everything)  # every id its own
    for producer in portal.produsen:
        shown = json.loads(fetch(f"{action}organization_show/{producer.kode}.json"))["result"]
        assert shown["title"] == producer.nama
        assert [p["name"] for p in shown["packages"]] == [n for n in names if n.startswith(producer.kode + "-")]
    for code in portal.topik:
        shown = json.loads(fetch(f"{action}group_show/{code}.json"))["result"]
        assert all(p["groups"][0]["name"] == code for p in shown["packages"])
        assert shown["package_count"] == len(shown["packages"])


def test_ckanapi_reads_the_list_actions_with_get_only(demo_portal, site_url):
    remote = ckanapi.RemoteCKAN(site_url + "/", get_only=True)
    names = sorted(f"{produsen}-{nama}" for produsen, nama in published(demo_portal))
    assert remote.action.package_list() == names
    assert [p["name"] for p in remote.action.current_package_list_with_resources()] == names
    assert "opendata-jabar" in remote.action.organization_list()


def test_catalog_exports_one_row_per_published_dataset(demo_site, demo_portal, site_url):
    expected = [f"{produsen}/{nama}" for produsen, nama in sorted(published(demo_portal))]
    rows = list(csv.DictReader(io.StringIO(fetch(site_url + "/katalog/katalog.csv").decode("utf-8"))))
    assert [r["nama"] for r in rows] == expected
    document = json.loads(fetch(site_url + "/katalog/katalog.json"))
    assert [d["nama"] for d in document["dataset"]] == expected
    for row, entry in zip(rows, document["dataset"], strict=True):
        assert row["unduhan"].split(" ") == entry["unduhan"]
        assert fetch(local(entry["halaman"], site_url))
        assert all(fetch(local(url, site_url)) for url in entry["unduhan"][:1])
        assert row["lisensi"] and row["periode"] and row["wilayah"] and row["diperbarui"]
    page = (demo_site / "katalog" / "index.html").read_text(encoding="utf-8")
    assert 'href="katalog.csv"' in page or 'href="../katalog/katalog.csv"' in page
    assert 'href="katalog.json"' in page or 'href="../katalog/katalog.json"' in page


def test_atom_feed_has_one_entry_per_dataset_and_publication(demo_site, demo_portal, site_url):
    feed = feedparser.parse(fetch(site_url + "/feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    pubs = publications(demo_portal / "content", demo_portal_model(demo_portal))
    expected = {f"{URL}dataset/{p}/{n}/" for p, n in published(demo_portal)} | {URL + p.url for p in pubs}
    assert sorted(e.link for e in feed.entries) == sorted(expected)
    assert len(feed.entries) == len(published(demo_portal)) + len(pubs)
    for entry in feed.entries:
        assert entry.id == entry.link and entry.author and entry.summary and entry.updated
        assert fetch(local(entry.link, site_url))
    assert feed.feed.updated == max(e.updated for e in feed.entries)


def test_help_page_examples_are_real_files_of_the_site(demo_site, site_url):
    text = (demo_site / "bantuan" / "api" / "index.html").read_text(encoding="utf-8")
    urls = set(re.findall(re.escape(URL) + r"[A-Za-z0-9_./-]*", text))
    assert len(urls) >= 10
    for url in urls:
        path = demo_site / url.removeprefix(URL)
        assert path.exists(), url
        if path.is_file():
            assert fetch(local(url, site_url)), url


def test_build_without_url_fails_and_preview_builds(tmp_path, capsys):
    root = case_portal(tmp_path, "valid/locale")
    text = (root / "portal.yml").read_text(encoding="utf-8")
    (root / "portal.yml").write_text(re.sub(r"(?m)^url: .*\n", "", text), encoding="utf-8")
    assert main(["--root", str(root), "build", "--pratinjau"]) == 0
    site = root / "site"
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text()
    XSD.assertValid(etree.parse(str(site / "sitemap.xml")))
    before = (site / "index.html").read_bytes()
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    out = capsys.readouterr().out
    assert "portal.yml" in out and "`url`" in out and "url: https://satudata.kotaanda.go.id/" in out
    assert "[url-missing]" in out and "Tidak ada yang ditulis ke site/" in out
    assert (site / "index.html").read_bytes() == before  # the old site stays


@pytest.mark.parametrize(
    "path", ["api/3/action/package_list.md", "robots.txt", "feed.xml", "katalog/katalog.csv", "katalog/katalog.json"]
)
def test_check_content_cannot_take_a_machine_file(tmp_path, path):
    root = case_portal(tmp_path)
    (root / "content" / path).parent.mkdir(parents=True, exist_ok=True)
    (root / "content" / path).write_text("# bukan milik Sebar\n", encoding="utf-8")
    _, _, report = check(root)
    assert [(i.slug, i.file) for i in report.errors] == [("content-collision", f"content/{path}")]


def test_serve_without_url_links_to_its_own_address(tmp_path):
    root = case_portal(tmp_path)
    text = (root / "portal.yml").read_text(encoding="utf-8")
    (root / "portal.yml").write_text(re.sub(r"(?m)^url: .*\n", "", text), encoding="utf-8")
    said: list[str] = []
    stop = threading.Event()
    worker = threading.Thread(target=serve, args=(root, None, "127.0.0.1", 0, said.append, stop), daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 120
        while not said and time.monotonic() < deadline:
            time.sleep(0.2)
        address = said[0].split()[1]
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address)
        assert fetch(address + "robots.txt").decode().endswith(f"Sitemap: {address}sitemap.xml\n")
        assert f'<link rel="canonical" href="{address}bantuan/">' in fetch(address + "bantuan/").decode()
    finally:
        stop.set()
        worker.join(timeout=30)
