"""The demo's publications in headless Chromium, under the built site's own Content-Security-Policy:
the dashboard's charts and filter, the infographic and book pages, WCAG 2.1 AA at 360 and 1280 px."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.test_accessibility import axe_problems
from tests.test_csp import strict_page

ROOT = Path(__file__).resolve().parents[1]
DASBOR = "publikasi/dasbor-kemiskinan/"
PAGES = [DASBOR, "publikasi/infografis-kemiskinan-2020/", "publikasi/jabar-dalam-angka/"]


@pytest.fixture
def dashboard(browser: Browser, site_url: str) -> Iterator[Page]:
    """The dashboard; fails on a console error, a CSP violation or a request that leaves the site."""
    with strict_page(browser, f"{site_url}/{DASBOR}", site_url) as page:
        yield page


def test_dashboard_every_chart_renders(dashboard: Page):
    images = dashboard.locator("figure.sebar-grafik .sebar-grafik__gambar img")
    expect(images).to_have_count(4)
    for n in range(4):
        dashboard.locator("figure.sebar-grafik").nth(n).scroll_into_view_if_needed()
        dashboard.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=images.nth(n).element_handle())


def test_dashboard_year_changes_every_chart_and_headline(dashboard: Page, demo_site: Path):
    data = json.loads((demo_site / DASBOR / "saring.json").read_text(encoding="utf-8"))["nilai"]
    before = {
        "img": dashboard.eval_on_selector_all("figure.sebar-grafik img", "els => els.map(e => e.src)"),
        "nilai": dashboard.eval_on_selector_all("[data-bagian='nilai']", "els => els.map(e => e.textContent)"),
    }
    dashboard.locator("figure#grafik-1 .sebar-grafik__gambar").hover()  # one chart live: redrawn by Plotly.react
    expect(dashboard.locator("#grafik-1 .js-plotly-plot")).to_have_count(1)
    dashboard.locator("select[data-saring='tahun']").select_option("2015")
    for card, entry in data["2015"]["angka"].items():
        expect(dashboard.locator(f"#{card} [data-bagian='nilai']")).to_have_text(entry["nilai"])
        expect(dashboard.locator(f"#{card} [data-bagian='perubahan']")).to_have_text(entry["perubahan"])
    for figure, entry in data["2015"]["grafik"].items():
        src = dashboard.eval_on_selector(f"#{figure} .sebar-grafik__gambar img", "e => e.src")
        assert src.endswith(entry["svg"].removeprefix("../..")), figure
    after = {
        "img": dashboard.eval_on_selector_all("figure.sebar-grafik img", "els => els.map(e => e.src)"),
        "nilai": dashboard.eval_on_selector_all("[data-bagian='nilai']", "els => els.map(e => e.textContent)"),
    }
    # every headline and every chart but the line over the years shows 2015 now
    assert all(a != b for a, b in zip(before["nilai"], after["nilai"], strict=True))
    assert [a != b for a, b in zip(before["img"], after["img"], strict=True)] == [True, True, True, False]
    expect(dashboard.get_by_role("status")).to_have_text("Menampilkan tahun 2015.")


def test_dashboard_fits_a_phone(browser: Browser, site_url: str):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{site_url}/{DASBOR}", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_publication_page_has_no_wcag_aa_violations(browser: Browser, site_url: str, path: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(f"{site_url}/{path}", wait_until="load")
    problems = axe_problems(page)
    page.close()
    assert problems == []
