"""Publications are first-class: the publikasi/ listing, home, producer and topic pages, DCAT, schema.org, search."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import rdflib

from generator.build import build
from generator.publications.catalog import page_url, publications
from generator.render.catalog import publication_html, publication_ld
from generator.sop.records import read_portal as load_portal
from tests.conftest import git, make_portal
from tests.helpers import serving
from tests.test_accessibility import AXE

BASE = "http://portal.test/"
DRAFTS = Path("/tmp/demo-content/publikasi")
DASHBOARD = """---
jenis: dasbor
judul: Dasbor Kemiskinan Jawa Barat
deskripsi: Penduduk miskin per kabupaten/kota; pilih tahun.
produsen: opendata-jabar
topik: kemiskinan
tahun: 2021
saring: [tahun]
---

# Dasbor Kemiskinan Jawa Barat

```angka
dataset: opendata-jabar/penduduk-miskin
y: jumlah_penduduk_miskin
label: Penduduk miskin
```
"""
BOOK = """---
jenis: buku
judul: Jawa Barat dalam Angka 2021
deskripsi: Kependudukan dan kemiskinan kabupaten/kota.
produsen: opendata-jabar
topik: kependudukan
tanggal: 2021-10-29
nomor: "3200.2101"
isbn: 978-602-1234-56-7
bab: [kemiskinan.md]
---
# Jawa Barat dalam Angka 2021
"""
CHAPTER = """# Kemiskinan

```tabel
dataset: opendata-jabar/penduduk-miskin
judul: Penduduk miskin
saring: {tahun: 2020}
```

```grafik
dataset: opendata-jabar/pengeluaran-per-kapita
jenis: batang
x: nama_kabupaten_kota
y: pengeluaran_per_kapita
```
"""
INFOGRAPHIC = """---
jenis: infografis
judul: Kemiskinan Jawa Barat 2020
produsen: opendata-jabar
topik: kemiskinan
tahun: 2020
---
# Kemiskinan Jawa Barat 2020
"""


def add_publications(portal: Path) -> Path:
    folder = portal / "content" / "publikasi"
    (folder / "jabar").mkdir(parents=True)
    (folder / "dasbor.md").write_text(DASHBOARD)
    (folder / "infografis.md").write_text(INFOGRAPHIC)
    (folder / "jabar" / "index.md").write_text(BOOK)
    (folder / "jabar" / "kemiskinan.md").write_text(CHAPTER)
    git(portal, "add", "-A")
    git(portal, "commit", "-q", "-m", "Publikasi")
    return portal


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return add_publications(make_portal(tmp_path_factory.mktemp("publikasi") / "portal"))


@pytest.fixture(scope="module")
def site(portal: Path) -> Path:
    return build(portal).site


def article(page: Path) -> str:
    html = page.read_text()
    return html[html.index("<article") : html.index("</article>")]


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="sebar-kartu" data-jenis=.*?</li>', html, re.S)


def test_publications_read_from_front_matter_newest_first_chapters_left_out(portal):
    found = publications(portal / "content", load_portal(portal))
    assert [(p.source, p.url, p.jenis, p.year) for p in found] == [
        ("publikasi/dasbor.md", "publikasi/dasbor/", "dasbor", 2021),
        ("publikasi/jabar/index.md", "publikasi/jabar/", "buku", 2021),  # 2021-10-29, before the end of 2021
        ("publikasi/infografis.md", "publikasi/infografis/", "infografis", 2020),
    ]
    book = found[1]
    assert book.datasets == ("opendata-jabar/penduduk-miskin", "opendata-jabar/pengeluaran-per-kapita")
    assert [d.href for d in book.downloads] == ["publikasi/jabar/jabar.pdf"]
    assert [d.href for d in found[2].downloads] == [
        "publikasi/infografis/infografis.png",
        "publikasi/infografis/infografis.pdf",
    ]


def test_page_url_is_mkdocs_directory_url():
    assert page_url("publikasi/a.md") == "publikasi/a/"
    assert page_url("publikasi/buku/index.md") == "publikasi/buku/"
    assert page_url("index.md") == ""


def test_publication_listing_shows_kind_producer_year_and_links(site):
    html = article(site / "publikasi" / "index.html")
    found = cards(html)
    assert len(found) == 3
    dashboard, book, infographic = found
    assert '<span class="sebar-lencana sebar-lencana--dasbor">Dasbor</span>' in dashboard
    assert 'href="../publikasi/dasbor/"' in dashboard and "Dasbor Kemiskinan Jawa Barat" in dashboard
    assert "Open Data Jabar" in dashboard and "<span>2021</span>" in dashboard
    assert ">Buku</span>" in book and "No. 3200.2101" in book
    assert 'href="../publikasi/jabar/jabar.pdf">Unduh PDF' in book
    assert ">Infografis</span>" in infographic and "Unduh PNG" in infographic and "Unduh PDF" in infographic
    assert (site / "publikasi" / "dasbor" / "index.html").is_file()  # the link leads to the page


def test_home_producer_and_topic_pages_list_publications(site):
    home = article(site / "index.html")
    assert "Publikasi terbaru" in home
    assert "<strong>3</strong> publikasi" in home
    assert len(cards(home)) == 3
    producer = article(site / "produsen" / "opendata-jabar" / "index.html")
    assert [re.search(r'href="[^"]*"', c).group() for c in cards(producer)] == [
        'href="../../publikasi/dasbor/"',
        'href="../../publikasi/jabar/"',
        'href="../../publikasi/infografis/"',
    ]
    topic = article(site / "topik" / "kemiskinan" / "index.html")
    assert [c.count("sebar-lencana--") for c in cards(topic)] == [1, 1]
    assert "Dasbor Kemiskinan" in topic and "Kemiskinan Jawa Barat 2020" in topic
    assert "Jawa Barat dalam Angka" not in topic  # its topic is kependudukan
    assert "<h2" not in article(site / "produsen" / "bandung" / "index.html")  # no publication: one plain list


def test_dcat_catalogue_holds_publications_with_their_distributions(site):
    graph = rdflib.Graph().parse(site / "katalog" / "dcat.jsonld", format="json-ld", publicID=BASE)
    dct, dcat = rdflib.Namespace("http://purl.org/dc/terms/"), rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dcmi = rdflib.Namespace("http://purl.org/dc/dcmitype/")
    book = rdflib.URIRef(BASE + "publikasi/jabar/")
    assert (book, rdflib.RDF.type, dcat.Dataset) in graph
    assert graph.value(book, dct.type) == dcmi.Text
    assert str(graph.value(book, dct.title)) == "Jawa Barat dalam Angka 2021"
    media = sorted(str(graph.value(d, dcat.mediaType)) for d in graph.objects(book, dcat.distribution))
    assert media == ["application/pdf", "text/html"]
    sources = sorted(str(s).removeprefix(BASE) for s in graph.objects(book, dct.source))
    assert sources == ["dataset/opendata-jabar/penduduk-miskin/", "dataset/opendata-jabar/pengeluaran-per-kapita/"]
    kinds = {str(graph.value(p, dct.type)).rsplit("/", 1)[1] for p in graph.subjects(dct.type, None)}
    assert kinds == {"Text", "StillImage", "InteractiveResource"}


def test_publication_ld_is_schema_org_book_based_on_its_datasets(portal):
    info = load_portal(portal)
    book = next(p for p in publications(portal / "content", info) if p.jenis == "buku")
    data = publication_ld(info, book)
    local = json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}})
    graph = rdflib.Graph().parse(data=local, format="json-ld", publicID=BASE)
    schema = rdflib.Namespace("https://schema.org/")
    (subject,) = graph.subjects(rdflib.RDF.type, schema.Book)
    assert str(graph.value(subject, schema.name)) == "Jawa Barat dalam Angka 2021"
    assert str(graph.value(subject, schema.isbn)) == "978-602-1234-56-7"
    assert data["datePublished"] == "2021-10-29"
    assert [d["url"] for d in data["isBasedOn"]] == [
        "dataset/opendata-jabar/penduduk-miskin/",
        "dataset/opendata-jabar/pengeluaran-per-kapita/",
    ]
    assert data["associatedMedia"] == [
        {"@type": "MediaObject", "contentUrl": "publikasi/jabar/jabar.pdf", "encodingFormat": "application/pdf"}
    ]
    html = publication_html(info, book)
    assert 'data-pagefind-filter="jenis:publikasi"' in html and 'data-pagefind-meta="jenis:Buku"' in html
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(block) == data


def test_pagefind_indexes_a_publication_page_with_its_kind_filter(tmp_path):
    """The badge publication_html gives a page is what Pagefind files the page under."""
    portal = make_portal(tmp_path / "portal", commit=False)
    info = load_portal(portal)
    (portal / "content" / "publikasi").mkdir()
    (portal / "content" / "publikasi" / "dasbor.md").write_text(DASHBOARD)
    (dashboard,) = publications(portal / "content", info)
    site = tmp_path / "site"
    page = site / "publikasi" / "dasbor" / "index.html"
    page.parent.mkdir(parents=True)
    badge = str(publication_html(info, dashboard)).split("\n", 1)[1]
    page.write_text(
        f'<html lang="id"><body><article><h1>Dasbor</h1>{badge}<p>Penduduk miskin</p></article></body></html>'
    )
    from generator.build import index_search

    index_search(site)
    entry = json.loads(next((site / "pagefind").glob("pagefind-entry.json")).read_text())
    assert entry["languages"]["id"]["page_count"] == 1
    filters = list((site / "pagefind" / "filter").glob("*.pf_filter"))
    assert filters, "no filter index written"
    shutil.rmtree(site)


@pytest.mark.skipif(not DRAFTS.is_dir(), reason="the demo drafts are not on this machine")
def test_demo_drafts_are_listed(tmp_path):
    portal = make_portal(tmp_path / "portal", commit=False)
    shutil.copytree(DRAFTS, portal / "content" / "publikasi")
    found = publications(portal / "content", load_portal(portal))
    assert sorted(p.kind for p in found) == ["Buku", "Dasbor", "Infografis"]


@pytest.fixture(scope="module")
def served(site: Path):
    with serving(site) as base:
        yield base


@pytest.mark.parametrize("path", ["publikasi/", "", "produsen/opendata-jabar/", "bantuan/grafik/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_publication_lists_and_help_page_have_no_wcag_aa_violations(browser, served, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(f"{served}/{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    assert not overflow  # nothing runs off a phone's screen
