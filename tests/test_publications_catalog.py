"""Publications are first-class: the publikasi/ listing, home, producer and topic pages, DCAT, schema.org,
search. On the demo's own publications (content/publikasi/: a dashboard, an infographic and the book
"Jawa Barat dalam Angka 2021"), built once per session (conftest `demo_site`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib

from generator.publications.catalog import page_url, publications
from generator.render.catalog import publication_ld
from generator.render.pages import Pages
from generator.sop.records import read_portal as load_portal
from generator.validate import check
from tests.conftest import make_portal
from tests.test_accessibility import axe_problems

BASE = "https://satudata.sebar.example/"  # the demo portal.yml's url: every link is absolute
BOOK = "publikasi/jabar-dalam-angka/"
INFOGRAPHIC = "publikasi/infografis-kemiskinan-2020/"
DASHBOARD = "publikasi/dasbor-kemiskinan/"
PRODUCER = "Open Data Jabar (Diskominfo Provinsi Jawa Barat)"
SCHEMA = rdflib.Namespace("https://schema.org/")
IANA = "http://www.iana.org/assignments/media-types/"
# two valid publications added to a copy of the demo: an infographic of the same year as the demo's
# (the title decides), and a table page without producer or date (last, after the undated dashboard)
SAME_YEAR = """---
jenis: infografis
judul: Angka Utama Jawa Barat 2020
produsen: opendata-jabar
tahun: 2020
---

# Angka Utama Jawa Barat 2020

```angka
dataset: opendata-jabar/penduduk-miskin
y: jumlah_penduduk_miskin
saring: {tahun: 2020}
label: Penduduk miskin
```

```angka
dataset: opendata-jabar/penduduk-jenis-kelamin
y: jumlah_penduduk
saring: {tahun: 2020}
label: Penduduk
```

```angka
dataset: opendata-jabar/pengeluaran-per-kapita
y: pengeluaran_per_kapita
agregasi: rata-rata
saring: {tahun: 2020}
label: Pengeluaran per kapita
```
"""
NO_PRODUCER = """---
jenis: tabel
judul: Penduduk Miskin per Kabupaten/Kota
---

# Penduduk Miskin per Kabupaten/Kota

```tabel
dataset: opendata-jabar/penduduk-miskin
saring: {tahun: 2020}
```
"""


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def cards(html: str) -> list[str]:
    return re.findall(r'<li class="sebar-kartu" data-jenis=.*?</li>', html, re.S)


def links(html: str) -> list[str]:
    return [re.search(r'href="([^"]*)"', c).group(1) for c in cards(html)]


def json_ld(page: Path) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)
    return json.loads(block)


def test_publications_read_from_front_matter_newest_first_chapters_left_out(demo_portal):
    found = publications(demo_portal / "content", load_portal(demo_portal))
    assert [(p.source, p.url, p.jenis, p.year) for p in found] == [
        ("publikasi/jabar-dalam-angka/index.md", BOOK, "buku", 2021),  # tanggal 2021-10-29
        ("publikasi/infografis-kemiskinan-2020.md", INFOGRAPHIC, "infografis", 2020),
        ("publikasi/dasbor-kemiskinan.md", DASHBOARD, "dasbor", None),  # undated: last
    ]  # the book's foreword and chapters are parts of it, not publications
    book, infographic, dashboard = found
    assert book.datasets == (  # the chapters' blocks, in the order of `bab`
        "opendata-jabar/penduduk-jenis-kelamin",
        "opendata-jabar/penduduk-miskin",
        "opendata-jabar/garis-kemiskinan-provinsi-xlsx",
        "opendata-jabar/pengeluaran-per-kapita",
    )
    assert [d.href for d in book.downloads] == [f"{BOOK}jabar-dalam-angka.pdf"]
    assert [d.href for d in infographic.downloads] == [
        f"{INFOGRAPHIC}infografis-kemiskinan-2020.png",
        f"{INFOGRAPHIC}infografis-kemiskinan-2020.pdf",
    ]
    assert dashboard.downloads == ()


def test_publications_same_date_by_title_undated_last_no_producer_shows_walidata(tmp_path):
    root = make_portal(tmp_path / "portal", commit=False)
    (root / "content" / "publikasi" / "angka-utama-2020.md").write_text(SAME_YEAR)
    (root / "content" / "publikasi" / "tabel-miskin.md").write_text(NO_PRODUCER)
    portal, datasets, report = check(root)
    assert report.errors == []  # both pages are publications the build would publish
    found = publications(root / "content", portal)
    assert [p.judul for p in found] == [
        "Jawa Barat dalam Angka 2021",
        "Angka Utama Jawa Barat 2020",  # 2020, as the next one: A-Z
        "Kemiskinan Jawa Barat 2020",
        "Dasbor Kemiskinan dan Kesejahteraan Jawa Barat",  # undated, A-Z
        "Penduduk Miskin per Kabupaten/Kota",
    ]
    _, text = Pages(root, portal, datasets, publications=found).page(
        "publikasi/", "publications.md", publications=found
    )
    table = cards(text)[-1]
    assert 'data-jenis="tabel"' in table and "data-produsen" not in table and ">Tabel</span>" in table
    assert f"<span>{portal.walidata.nama}</span>" in table  # the portal's walidata publishes it
    assert "sebar-kartu__unduh" not in table  # a table page has no file to download
    data = publication_ld(portal, found[-1])
    assert data["@type"] == "Report" and "creator" not in data and "datePublished" not in data


def test_page_url_is_mkdocs_directory_url():
    assert page_url("publikasi/a.md") == "publikasi/a/"
    assert page_url("publikasi/buku/index.md") == "publikasi/buku/"
    assert page_url("index.md") == ""


def test_publication_listing_shows_kind_producer_year_and_links(demo_site):
    html = article(demo_site / "publikasi" / "index.html")
    book, infographic, dashboard = cards(html)
    assert links(html) == [f"../{BOOK}", f"../{INFOGRAPHIC}", f"../{DASHBOARD}"]
    assert '<span class="sebar-lencana sebar-lencana--buku">Buku</span>' in book
    assert "Jawa Barat dalam Angka 2021" in book and f"<span>{PRODUCER}</span>" in book
    assert "<span>Kependudukan</span>" in book and "<span>2021</span>" in book and "No. 3200.2101" in book
    assert f'href="../{BOOK}jabar-dalam-angka.pdf">Unduh PDF' in book
    assert '<span class="sebar-lencana sebar-lencana--infografis">Infografis</span>' in infographic
    assert "<span>2020</span>" in infographic
    assert f'href="../{INFOGRAPHIC}infografis-kemiskinan-2020.png">Unduh PNG' in infographic
    assert f'href="../{INFOGRAPHIC}infografis-kemiskinan-2020.pdf">Unduh PDF' in infographic
    assert '<span class="sebar-lencana sebar-lencana--dasbor">Dasbor</span>' in dashboard
    assert "Dasbor Kemiskinan dan Kesejahteraan Jawa Barat" in dashboard
    assert "Unduh" not in dashboard and not re.search(r"<span>\d{4}</span>", dashboard)  # no file, no year
    # every link leads to a built file
    for href in re.findall(r'href="\.\./(publikasi/[^"]*)"', html):
        assert (demo_site / href / "index.html" if href.endswith("/") else demo_site / href).is_file(), href


def test_home_producer_and_topic_pages_list_publications(demo_site):
    home = article(demo_site / "index.html")
    assert "Publikasi terbaru" in home and "<strong>3</strong> publikasi" in home
    assert links(home) == [BOOK, INFOGRAPHIC, DASHBOARD]
    producer = article(demo_site / "produsen" / "opendata-jabar" / "index.html")
    assert '<h2 id="publikasi">Publikasi</h2>' in producer
    assert links(producer) == [f"../../{BOOK}", f"../../{INFOGRAPHIC}", f"../../{DASHBOARD}"]
    poverty = article(demo_site / "topik" / "kemiskinan" / "index.html")
    assert links(poverty) == [f"../../{INFOGRAPHIC}", f"../../{DASHBOARD}"]  # the book's topic is kependudukan
    population = article(demo_site / "topik" / "kependudukan" / "index.html")
    assert links(population) == [f"../../{BOOK}"]
    bandung = article(demo_site / "produsen" / "bandung" / "index.html")
    assert cards(bandung) == [] and "<h2" not in bandung  # no publication: one plain list of datasets


def test_dcat_catalogue_holds_publications_with_their_distributions(demo_site):
    graph = rdflib.Graph().parse(demo_site / "katalog" / "dcat.jsonld", format="json-ld", publicID=BASE)
    dct, dcat = rdflib.Namespace("http://purl.org/dc/terms/"), rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dcmi = rdflib.Namespace("http://purl.org/dc/dcmitype/")
    # a catalogue entry is the page's `#dataset`; the page is its landing page
    kinds = {str(s).removeprefix(BASE).removesuffix("#dataset"): o for s, o in graph.subject_objects(dct.type)}
    assert kinds == {BOOK: dcmi.Text, INFOGRAPHIC: dcmi.StillImage, DASHBOARD: dcmi.InteractiveResource}
    book = rdflib.URIRef(BASE + BOOK + "#dataset")
    assert (book, rdflib.RDF.type, dcat.Dataset) in graph
    assert str(graph.value(book, dct.title)) == "Jawa Barat dalam Angka 2021"
    assert str(graph.value(book, dct.identifier)) == "3200.2101"
    assert str(graph.value(book, dct.issued)) == "2021-10-29"
    assert graph.value(book, dcat.landingPage) == rdflib.URIRef(BASE + BOOK)
    media = {
        str(graph.value(d, dcat.mediaType)).removeprefix(IANA): str(
            graph.value(d, dcat.downloadURL) or graph.value(d, dcat.accessURL)
        )
        for d in graph.objects(book, dcat.distribution)
    }
    assert media == {"application/pdf": f"{BASE}{BOOK}jabar-dalam-angka.pdf", "text/html": BASE + BOOK}
    sources = sorted(str(s).removeprefix(BASE).removesuffix("#dataset") for s in graph.objects(book, dct.source))
    assert sources == sorted(
        f"dataset/opendata-jabar/{name}/"
        for name in (
            "penduduk-jenis-kelamin",
            "penduduk-miskin",
            "garis-kemiskinan-provinsi-xlsx",
            "pengeluaran-per-kapita",
        )
    )
    for source in sources:  # each is a dataset of the same catalogue
        assert (rdflib.URIRef(BASE + source + "#dataset"), rdflib.RDF.type, dcat.Dataset) in graph
    infographic = rdflib.URIRef(BASE + INFOGRAPHIC + "#dataset")
    assert sorted(
        str(graph.value(d, dcat.mediaType)).removeprefix(IANA) for d in graph.objects(infographic, dcat.distribution)
    ) == [
        "application/pdf",
        "image/png",
        "text/html",
    ]


def test_publication_pages_carry_schema_org_based_on_their_datasets(demo_portal, demo_site):
    found = {p.url: p for p in publications(demo_portal / "content", load_portal(demo_portal))}
    types = {BOOK: SCHEMA.Book, INFOGRAPHIC: SCHEMA.CreativeWork, DASHBOARD: SCHEMA.CreativeWork}
    for url, kind in types.items():
        page = demo_site / url / "index.html"
        data = json_ld(page)
        assert data["@context"] == "https://schema.org"
        local = json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}})  # no fetch of the context
        graph = rdflib.Graph().parse(data=local, format="json-ld", publicID=BASE)
        (subject,) = graph.subjects(rdflib.RDF.type, kind)
        assert str(graph.value(subject, SCHEMA.name)) == found[url].judul
        assert str(graph.value(subject, SCHEMA.genre)) == found[url].kind
        assert str(graph.value(graph.value(subject, SCHEMA.creator), SCHEMA.name)) == PRODUCER
        based = [str(graph.value(d, SCHEMA.url)).removeprefix(BASE) for d in graph.objects(subject, SCHEMA.isBasedOn)]
        assert sorted(based) == sorted(f"dataset/{ref}/" for ref in found[url].datasets)
        assert all((demo_site / b / "index.html").is_file() for b in based)  # the datasets' pages
        badge = (
            f'<p class="sebar-lencana sebar-lencana--{found[url].jenis}" data-pagefind-filter="jenis:publikasi" '
            f'data-pagefind-meta="jenis:{found[url].kind}">{found[url].kind}</p>'
        )
        assert badge in article(page)  # inside <article>: what Pagefind indexes
    book = json_ld(demo_site / BOOK / "index.html")
    assert (book["datePublished"], book["identifier"], book["about"]) == ("2021-10-29", "3200.2101", "Kependudukan")
    assert book["associatedMedia"] == [
        {
            "@type": "MediaObject",
            "contentUrl": f"{BASE}{BOOK}jabar-dalam-angka.pdf",
            "encodingFormat": "application/pdf",
        }
    ]
    assert json_ld(demo_site / INFOGRAPHIC / "index.html")["datePublished"] == "2020"


def test_pagefind_files_each_publication_under_jenis_publikasi(browser, site_url):
    """The built index, queried in Chromium with Pagefind's own API, as the search page does."""
    page = browser.new_page()
    page.goto(f"{site_url}/cari/", wait_until="domcontentloaded")
    result = page.evaluate(
        """async () => {
            const pf = await import("/pagefind/pagefind.js");
            await pf.options({ baseUrl: "/" });
            const filters = await pf.filters();
            const found = await pf.search(null, { filters: { jenis: "publikasi" } });
            const data = await Promise.all(found.results.map((r) => r.data()));
            const word = await pf.search("kemiskinan", { filters: { jenis: "publikasi" } });
            const words = await Promise.all(word.results.map((r) => r.data()));
            return {
                filters,
                pages: data.map((d) => [d.url, d.meta.jenis, d.meta.title]).sort(),
                words: words.map((d) => d.url).sort(),
            };
        }"""
    )
    page.close()
    assert result["filters"] == {"jenis": {"publikasi": 3}}  # only publications carry the filter
    assert result["pages"] == sorted(
        [
            [f"/{BOOK}", "Buku", "Jawa Barat dalam Angka 2021"],
            [f"/{DASHBOARD}", "Dasbor", "Dasbor Kemiskinan dan Kesejahteraan Jawa Barat"],
            [f"/{INFOGRAPHIC}", "Infografis", "Kemiskinan Jawa Barat 2020"],
        ]
    )
    assert result["words"] == sorted([f"/{BOOK}", f"/{DASHBOARD}", f"/{INFOGRAPHIC}"])  # all three are about it


@pytest.mark.parametrize("path", ["publikasi/", "", "produsen/opendata-jabar/", "topik/kemiskinan/", "bantuan/grafik/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_publication_lists_and_help_page_have_no_wcag_aa_violations(browser, site_url, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(f"{site_url}/{path}")
    problems = axe_problems(page)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    page.close()
    assert problems == []
    assert not overflow  # nothing runs off a phone's screen
