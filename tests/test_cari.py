"""Search and catalogue that find data, the whole site in Indonesian (issue 9), in headless Chromium on
the built demo portal: typed search results, catalogue filter/sort/facets/reset, home indicators and
topic tiles, the 404 page over `sebar serve`, the footer, axe-core and no sideways scroll at 360 px."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import make_portal
from tests.test_accessibility import axe_problems
from tests.test_serve import free_port, wait_for

TIMEOUT_MS = 30_000
POPULATION = "/dataset/opendata-jabar/penduduk-jenis-kelamin/"
NEWER = "datasets/bandung/objek-wisata-belanja"  # committed a day after the others in `served`


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url + "/")
    context.set_default_timeout(TIMEOUT_MS)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo portal, one dataset changed a day later, previewed by `sebar serve` (a real process)."""
    root = make_portal(tmp_path_factory.mktemp("cari") / "portal")
    meta = root / NEWER / "datapackage.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("keywords: [", "keywords: [belanja, ", 1), encoding="utf-8")
    day = "2026-11-03T08:00:00+07:00"
    later = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day}
    who = ["-c", "user.name=Dewi", "-c", "user.email=dewi@example.go.id"]
    for args in (["add", "-A"], ["commit", "-q", "-m", "Kata kunci"]):
        subprocess.run(["git", "-C", str(root), *who, *args], check=True, env=later)
    port = free_port()
    log = (root.parent / "serve.log").open("w")
    command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base, "Katalog", seconds=240)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


# --- search ---------------------------------------------------------------------------------


def test_search_population_per_district_gives_the_population_dataset_first(page: Page) -> None:
    # There is no population table by kecamatan: the real answer is the population dataset (by kab/kota),
    # not the poor-population one, nor the shops "per kecamatan", and never the home or catalogue pages.
    page.goto("cari/?q=" + "jumlah penduduk per kecamatan".replace(" ", "+"), wait_until="domcontentloaded")
    status = page.locator("#sebar-cari-status")
    expect(status).to_contain_text("hasil untuk “jumlah penduduk per kecamatan”")
    expect(status).to_contain_text("Belum ada data per kecamatan")
    first = page.locator("#sebar-hasil > li").first
    assert first.get_attribute("data-jenis") == "dataset"
    assert first.locator("a").get_attribute("href") == POPULATION
    expect(first.locator(".sebar-lencana")).to_have_text("Dataset")
    expect(first.locator(".sebar-hasil__produsen")).to_have_text("Open Data Jabar (Diskominfo Provinsi Jawa Barat)")
    expect(first.locator(".sebar-hasil__periode")).to_have_text("periode 2013-2020")
    expect(first.locator(".sebar-hasil__tingkat")).to_have_text("rincian: Kabupaten/kota")
    links = page.locator("#sebar-hasil a").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
    assert not {"/", "/katalog/", "/topik/", "/produsen/", "/publikasi/", "/cari/"} & set(links)


def test_search_results_are_typed_and_the_kind_filter_narrows_them(page: Page) -> None:
    page.goto("cari/?q=kemiskinan", wait_until="domcontentloaded")
    expect(page.locator("#sebar-cari-status")).to_contain_text("hasil untuk “kemiskinan”")
    kinds = set(page.locator("#sebar-hasil > li").evaluate_all("ls => ls.map(l => l.dataset.jenis)"))
    assert kinds == {"dataset", "publikasi", "bantuan"}
    datasets = page.locator('#sebar-hasil > li[data-jenis="dataset"]').count()
    expect(page.locator("#sebar-cari-jenis label").filter(has_text="Dataset")).to_contain_text(f"({datasets})")
    page.locator("#sebar-cari-jenis input[value=publikasi]").check()
    expect(page).to_have_url(re.compile(r"/cari/\?q=kemiskinan&jenis=publikasi$"))
    shown = page.locator("#sebar-hasil > li")
    expect(shown.first).to_have_attribute("data-jenis", "publikasi")
    assert set(shown.evaluate_all("ls => ls.map(l => l.dataset.jenis)")) == {"publikasi"}
    badges = page.locator("#sebar-hasil .sebar-lencana").all_inner_texts()
    assert set(badges) <= {"Buku", "Dasbor", "Infografis"}
    page.reload(wait_until="domcontentloaded")  # a shared link opens with the same kind
    expect(page.locator("#sebar-cari-jenis input[value=publikasi]")).to_be_checked()


def test_search_index_holds_dataset_publication_and_help_pages_not_listings(demo_site: Path) -> None:
    listings = ("index.html", "katalog/index.html", "topik/index.html", "produsen/bandung/index.html", "cari/")
    for path in listings:
        file = demo_site / path / "index.html" if path.endswith("/") else demo_site / path
        assert "data-pagefind-body" not in file.read_text(encoding="utf-8"), path
    pages = ("dataset/opendata-jabar/penduduk-miskin", "publikasi/jabar-dalam-angka", "bantuan/persiapan", "tentang")
    for path in pages:
        html = (demo_site / path / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" in html and '<h1 data-pagefind-weight="10"' in html, path


# --- catalogue ------------------------------------------------------------------------------


def cards(page: Page) -> list[str]:
    return page.locator(".sebar-daftar .sebar-kartu:visible .sebar-kartu__judul").all_inner_texts()


def test_catalog_sorts_newest_first_then_a_to_z(browser: Browser, served: str) -> None:
    page = browser.new_page()
    page.goto(served + "katalog/")
    titles = cards(page)
    assert titles[0] == "Objek Wisata Belanja di Kota Bandung"  # the newest commit
    assert titles[1:] == sorted(titles[1:], key=str.casefold)
    page.select_option("#saring-urut", "judul")
    expect(page.locator(".sebar-daftar .sebar-kartu__judul").first).not_to_have_text(titles[0])
    assert cards(page) == sorted(titles, key=lambda t: t.casefold())
    assert page.url.endswith("/katalog/?urut=judul")
    page.close()


def test_catalog_text_filter_and_facets_narrow_then_reset_restores(page: Page) -> None:
    page.goto("katalog/", wait_until="domcontentloaded")
    total = len(cards(page))
    page.get_by_label("Cari di katalog").fill("kecamatan")
    expect(page.locator("#sebar-jumlah")).to_have_text("3 dataset")
    page.locator('.sebar-facet input[name="tingkat"][value="kecamatan"]').check()
    expect(page.locator("#sebar-jumlah")).to_have_text("1 dataset")
    assert cards(page) == ["Jumlah Supermarket, Minimarket dan Mal per Kecamatan di Kota Bandung"]
    assert "q=kecamatan" in page.url and "tingkat=kecamatan" in page.url
    # only the Kemendagri codes are MIT: no dataset left
    page.locator('.sebar-facet input[name="lisensi"][value="MIT"]').check()
    expect(page.locator("#sebar-jumlah")).to_have_text("0 dataset")
    reset = page.get_by_role("button", name="Hapus semua saringan")
    expect(reset).to_be_visible()
    reset.click()
    expect(page.locator("#sebar-jumlah")).to_have_text(f"{total} dataset")
    expect(reset).to_be_hidden()
    assert len(cards(page)) == total and page.url.endswith("/katalog/")
    page.locator('.sebar-facet input[name="format"][value="parquet"]').check()
    expect(page.locator("#sebar-jumlah")).to_have_text(f"{total} dataset")


def test_catalog_without_javascript_is_the_plain_list(browser: Browser, site_url: str, demo_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/katalog/")
    expect(page.locator("#sebar-saring")).to_be_hidden()
    expect(page.locator("#sebar-kosong")).to_be_hidden()
    assert len(cards(page)) == len(list(demo_site.glob("dataset/*/*/index.html")))
    context.close()


# --- home -----------------------------------------------------------------------------------


def test_home_shows_headline_indicators_and_topic_tiles_with_counts(page: Page, demo_site: Path) -> None:
    page.goto("", wait_until="domcontentloaded")
    indicators = page.locator(".sebar-angka--beranda .sebar-angka__kartu")
    # at most four figures, one dataset per topic: the demo has datasets with figures in more than four topics
    expect(indicators).to_have_count(4)
    links = [card.locator("a").first.get_attribute("href") for card in indicators.all()]
    topics = {json.loads((demo_site / link / "datapackage.json").read_text())["satudata"]["topik"] for link in links}
    assert len(topics) == 4
    population = indicators.filter(has=page.locator(f'a[href="{POPULATION[1:]}"]'))
    expect(population.locator(".sebar-angka__nilai")).to_have_text("47.142.623 jiwa")  # as on its own page
    expect(population.locator(".sebar-angka__periode")).to_have_text("2020")
    tile = page.locator(".sebar-topik a", has_text="Kemiskinan")
    expect(tile.locator(".sebar-topik__jumlah")).to_have_text("3 dataset")
    tile.click()
    expect(page).to_have_url(re.compile(r"/topik/kemiskinan/$"))
    expect(page.locator(".sebar-daftar:not(.sebar-daftar--publikasi) .sebar-kartu")).to_have_count(3)


# --- the site in Indonesian -----------------------------------------------------------------


def test_serve_answers_a_missing_path_with_the_indonesian_404_page(served: str, browser: Browser) -> None:
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(served + "dataset/tidak-ada/sama-sekali/", timeout=10)
    assert answer.value.code == 404
    html = answer.value.read().decode()
    assert '<html lang="id"' in html and "Halaman tidak ditemukan" in html and "Not found" not in html
    page = browser.new_page()
    response = page.goto(served + "salah/ketik/")
    assert response is not None and response.status == 404
    page.get_by_label("Cari data dan halaman").fill("penduduk")
    page.get_by_label("Cari data dan halaman").press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q=penduduk$"))
    expect(page.locator("#sebar-cari-status")).to_contain_text("hasil untuk “penduduk”")
    page.goto(served + "salah/ketik/")
    page.get_by_role("link", name="Katalog Data").click()
    expect(page).to_have_url(served + "katalog/")
    page.close()


@pytest.mark.parametrize("path", ["", POPULATION[1:], "bantuan/persiapan/", "404.html"])
def test_footer_names_walidata_contact_licence_and_tentang(page: Page, path: str) -> None:
    page.goto(path, wait_until="domcontentloaded")
    footer = page.locator("footer.md-footer")
    expect(footer).to_contain_text("Kontak Walidata: Sari")
    expect(footer.get_by_role("link", name="walidata@diskominfo.example.go.id")).to_have_attribute(
        "href", "mailto:walidata@diskominfo.example.go.id"
    )
    expect(footer).to_contain_text("boleh digunakan ulang sesuai lisensi")
    footer.get_by_role("link", name="Tentang", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tentang/$"))
    expect(page.locator("h1")).to_have_text("Tentang portal ini")


# --- accessibility and phones ---------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "katalog/", "cari/?q=jumlah+penduduk", "404.html", "tentang/"])
@pytest.mark.parametrize("width", [360, 1280])
def test_cari_pages_have_no_wcag_aa_violations(browser: Browser, site_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    if "?q=" in path:
        expect(page.locator("#sebar-cari-status")).to_contain_text("hasil untuk")
    problems = axe_problems(page)
    page.close()
    assert problems == []


PAGE_KINDS = [
    "",
    "katalog/",
    "cari/?q=kemiskinan",
    "produsen/",
    "produsen/bandung/",
    "topik/",
    "topik/kemiskinan/",
    "publikasi/",
    "publikasi/jabar-dalam-angka/",
    "publikasi/dasbor-kemiskinan/",
    "publikasi/infografis-kemiskinan-2020/",
    "riwayat/",
    "bantuan/operator/",
    "bantuan/persiapan/",
    "tentang/",
    POPULATION[1:],
    "dataset/kemendagri/kode-wilayah-jatim/",
    "404.html",
]


def test_no_page_kind_scrolls_sideways_at_360_px(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    wide = {}
    for path in PAGE_KINDS:
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    page.close()
    assert wide == {}
