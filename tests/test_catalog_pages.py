"""The catalogue at scale: 300 generated datasets (test data, copies of a demo dataset) give light pages
of at most 50 cards, links to every page without JavaScript, and a filter that finds datasets beyond the
first page (katalog/indeks.json)."""

from __future__ import annotations

import http.server
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.build import build
from tests.conftest import git, make_portal
from tests.helpers import serving
from tests.test_accessibility import axe_problems
from tests.test_csp import violations, watched_page

COPIES = 300
SOURCE = "datasets/bandung/perguruan-tinggi-kecamatan"


@pytest.fixture(scope="module")
def many_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_portal(tmp_path_factory.mktemp("banyak") / "portal", commit=False)
    meta = (root / SOURCE / "datapackage.yaml").read_text(encoding="utf-8")
    for n in range(COPIES):
        folder = root / f"datasets/bandung/salinan-uji-{n:03d}"
        shutil.copytree(root / SOURCE, folder)
        text = meta.replace("name: perguruan-tinggi-kecamatan", f"name: salinan-uji-{n:03d}", 1)
        text = text.replace("title: Jumlah Perguruan Tinggi", f"title: Salinan Uji {n:03d} Perguruan Tinggi", 1)
        if n == 277:  # the only copy on this topic: far beyond the first page
            text = re.sub(r"topik: \w+", "topik: pariwisata", text, count=1)
        (folder / "datapackage.yaml").write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Portal uji dengan 300 dataset")
    return build(root).site


@pytest.fixture(scope="module")
def many_url(many_site: Path) -> Iterator[str]:
    with serving(many_site, QuietRecorder) as base:
        yield base + "/"


class QuietRecorder(http.server.SimpleHTTPRequestHandler):
    paths: list[str] = []

    def log_message(self, format: str, *args: object) -> None:
        self.paths.append(self.path)


@pytest.fixture
def page(browser: Browser, many_url: str) -> Iterator[Page]:
    with watched_page(browser, many_url, 30_000) as p:
        yield p


def cards(html: str) -> list[str]:
    return re.findall(r'<a class="sebar-kartu__judul" href="([^"]+)"', html)


def test_catalog_pages_hold_at_most_50_cards_and_link_every_dataset(many_site: Path):
    first = (many_site / "katalog/index.html").read_text(encoding="utf-8")
    assert len(cards(first)) == 50
    assert "indeks.json" in first and 'href="../katalog/2/" rel="next"' in first
    pages = [many_site / "katalog/index.html", *sorted(many_site.glob("katalog/[0-9]*/index.html"))]
    linked = [href for p in pages for href in cards(p.read_text(encoding="utf-8"))]
    assert len(pages) == -(-len(linked) // 50) and len(pages) > 6
    assert all(len(cards(p.read_text(encoding="utf-8"))) <= 50 for p in pages)
    assert len(linked) == len(set(linked)) and sum("salinan-uji-" in h for h in linked) == COPIES
    assert len(first.encode()) < 120 * 1024


def test_catalog_filter_finds_a_dataset_beyond_the_first_page(page: Page):
    page.goto("katalog/", wait_until="load")
    expect(page.locator(".sebar-daftar .sebar-kartu")).to_have_count(50)
    assert "salinan-uji-277" not in (page.locator(".sebar-daftar").inner_html())
    page.select_option("#saring-topik", "pariwisata")
    expect(page).to_have_url(re.compile(r"/katalog/\?topik=pariwisata$"))
    link = page.get_by_role("link", name=re.compile("Salinan Uji 277"))
    expect(link).to_be_visible()
    assert link.get_attribute("href", timeout=1000).endswith("/dataset/bandung/salinan-uji-277/")
    expect(page.locator("#sebar-halaman")).to_be_hidden()
    shown = page.locator(".sebar-daftar .sebar-kartu").count()
    expect(page.locator("#sebar-jumlah")).to_have_text(f"{shown} dataset")
    link.click()
    expect(page).to_have_url(re.compile(r"/dataset/bandung/salinan-uji-277/$"))
    assert violations(page) == []


def test_catalog_filter_shows_matches_in_pieces_and_opens_from_address(page: Page):
    page.goto("katalog/?produsen=bandung", wait_until="load")
    expect(page.locator("#saring-produsen")).to_have_value("bandung")
    expect(page.locator("#sebar-jumlah")).to_have_text(re.compile(r"^30\d dataset$"))
    expect(page.locator(".sebar-daftar .sebar-kartu")).to_have_count(50)
    page.get_by_role("button", name="Tampilkan 50 dataset lagi").click()
    expect(page.locator(".sebar-daftar .sebar-kartu")).to_have_count(100)
    produsen = page.locator(".sebar-daftar .sebar-kartu").evaluate_all("ks => ks.map(k => k.dataset.produsen)")
    assert set(produsen) == {"bandung"}
    page.select_option("#saring-produsen", "")  # back to this page's own cards and the page links
    expect(page.locator(".sebar-daftar .sebar-kartu")).to_have_count(50)
    expect(page.locator("#sebar-halaman")).to_be_visible()
    assert violations(page) == []


def test_catalog_page_load_does_not_fetch_the_index(page: Page):
    QuietRecorder.paths.clear()
    page.goto("katalog/", wait_until="networkidle")
    assert not [p for p in QuietRecorder.paths if "indeks.json" in p]


@pytest.mark.parametrize("path", ["katalog/", "katalog/2/", "katalog/?produsen=bandung"])
def test_catalog_pages_have_no_wcag_aa_violations(browser: Browser, many_url: str, path: str):
    page = browser.new_page(viewport={"width": 360, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(many_url + path, wait_until="networkidle")
    problems = axe_problems(page)
    page.close()
    assert problems == []
