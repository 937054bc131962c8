"""build: the demo portal end to end; atomic, deterministic, escaped, offline."""

from __future__ import annotations

import hashlib
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.build import InvalidContent, build
from tests.conftest import make_portal
from tests.helpers import case_portal


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def datasets_of(portal: Path) -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(portal.glob("datasets/*/*/datapackage.yaml")):
        found.append((path.parent.parent.name, path.parent.name, yaml.safe_load(path.read_text())))
    return found


def test_build_demo_page_and_downloads_per_public_dataset(demo_portal, demo_site):
    public = [(p, s, m) for p, s, m in datasets_of(demo_portal) if m["satudata"]["klasifikasi"] == "terbuka"]
    assert len(public) >= 6 and len({p for p, _, _ in public}) >= 3
    for producer, slug, meta in public:
        page = demo_site / "dataset" / producer / slug / "index.html"
        html = page.read_text()
        assert "<h1" in html and meta["title"].split()[0] in html
        for resource in meta["resources"]:
            for ext in ("csv", "xlsx", "json"):
                assert (page.parent / f"{resource['name']}.{ext}").stat().st_size > 0
        assert (page.parent / "datapackage.json").is_file()
        assert 'type="application/ld+json"' in html
    catalogue = (demo_site / "katalog" / "index.html").read_text()
    assert catalogue.count('class="sebar-kartu"') == len(public)


def test_build_terbatas_dataset_never_reaches_the_site(demo_portal, demo_site):
    hidden = [(p, s, m) for p, s, m in datasets_of(demo_portal) if m["satudata"]["klasifikasi"] != "terbuka"]
    assert hidden
    everything = b"".join(p.read_bytes() for p in demo_site.rglob("*") if p.is_file())
    for _, slug, meta in hidden:
        assert slug.encode() not in everything
        assert meta["title"].encode() not in everything


def test_build_pages_load_nothing_from_other_hosts(demo_site):
    loads = re.compile(r'(?:src|href)="(https?:)?//|url\((["\']?)https?:|@import')
    for page in demo_site.rglob("*.html"):
        html = page.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if re.match(r'<link rel="(?:canonical|alternate)"', tag):
                continue  # the page's own address and its feed: named, never loaded
            assert not loads.search(tag), f"{page}: {tag}"
    for sheet in demo_site.rglob("*.css"):
        assert not re.search(r"url\(([\"']?)https?:|@import", sheet.read_text()), sheet


def test_build_navigation_stays_small_as_catalogue_grows(demo_site):
    html = (demo_site / "index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary') :]
    assert "dataset/" not in nav[: nav.index("</nav>")]


def test_build_same_commit_gives_byte_identical_site(demo_portal, tmp_path):
    first = build(demo_portal, tmp_path / "a").site
    second = build(demo_portal, tmp_path / "b").site
    assert tree_hash(first) == tree_hash(second)
    assert (
        '"created": "2026-11-02T08:00:00+07:00"'
        in (first / "dataset/bandung/objek-wisata-belanja/datapackage.json").read_text()
    )


def test_build_invalid_dataset_writes_nothing_and_keeps_previous_site(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    site = build(root).site
    before = tree_hash(site)
    data = root / "datasets" / "dinkes" / "latin1" / "test_latin1.csv"
    data.write_text("a,b,c\n1,dua,3\n")
    with pytest.raises(InvalidContent) as raised:
        build(root)
    assert [i.slug for i in raised.value.report.errors] == ["type-error"]
    assert tree_hash(site) == before
    assert [p.name for p in root.glob(".sebar-*")] == [".sebar-cache"]  # no staging left, the cache kept


def test_build_killed_midway_leaves_previous_site_whole(tmp_path):
    root = make_portal(tmp_path / "portal")
    site = build(root).site
    before = tree_hash(site)
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(root.glob(".sebar-*/site")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert tree_hash(site) == before


def test_build_escapes_html_in_metadata(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    path = root / "datasets" / "dinkes" / "latin1" / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text())
    meta["title"] = "Data <script>alert(1)</script>"
    meta["description"] = 'Uraian <img src=x onerror="alert(2)"> & "kutip"'
    meta["satudata"]["sumber"] = {"nama": "Sumber </script><b>", "url": "https://data.go.id/?a=1&b=2"}
    path.write_text(yaml.safe_dump(meta, allow_unicode=True))
    site = build(root).site
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert "<script>alert" not in html and "<img src=x" not in html and "</script><b>" not in html
    html = (site / "dataset" / "dinkes" / "latin1" / "index.html").read_text()
    assert "Data &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://data.go.id/?a=1&amp;b=2"' in html


def test_build_refuses_script_links_in_metadata(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    path = root / "datasets" / "dinkes" / "latin1" / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text())
    meta["satudata"]["sumber"] = {"nama": "Sumber", "url": "javascript:alert(3)"}
    path.write_text(yaml.safe_dump(meta, allow_unicode=True))
    with pytest.raises(InvalidContent) as raised:
        build(root)
    (issue,) = raised.value.report.errors
    assert issue.message() == "Nilai `satudata.sumber.url` tidak sah: formatnya tidak sesuai."
    assert issue.fix() == "Perbaiki nilai `satudata.sumber.url` dengan alamat web yang diawali https://."
    assert not (root / "site").exists()
