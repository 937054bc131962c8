"""Charts in headless Chromium under the site's Content-Security-Policy: the static SVG first, plotly.js
(the vendored bundle) on demand, PNG download, tabs by keyboard, the dashboard filter, WCAG 2.1 AA."""

from __future__ import annotations

import json
import re
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page, expect

from generator.harden import PLACEHOLDER, policy
from generator.views import static
from generator.views.html import chart_html, dashboard_filter_html, headline_html, headlines_html, tabs_html
from tests.grafik_figures import chart, figures, headline
from tests.helpers import serving
from tests.test_accessibility import axe_problems
from tests.test_csp import strict_page

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "generator" / "assets"
MATERIAL_CSS = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
TIMEOUT_MS = 20_000


def write_charts(folder: Path, scale: float, suffix: str) -> dict[str, tuple[str, str]]:
    """Each figure's SVG (kaleido) and JSON in `folder`; key -> (svg href, json href)."""
    figs = figures(scale)
    svgs = static.svgs(figs)
    hrefs = {}
    for key, figure in figs.items():
        name = f"grafik-{key}{suffix}"
        (folder / f"{name}.svg").write_bytes(svgs[key])
        (folder / f"{name}.json").write_text(json.dumps(figure), encoding="utf-8")
        hrefs[key] = (f"{name}.svg", f"{name}.json")
    return hrefs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One page with every part: headline cards, the dashboard filter, tabs holding charts and a map."""
    folder = tmp_path_factory.mktemp("grafik")
    for name in ("sebar.css", "sebar-grafik.js"):
        shutil.copy(ASSETS / name, folder / name)
    shutil.copytree(ASSETS / "vendor" / "plotly", folder / "vendor" / "plotly")
    shutil.copy(MATERIAL_CSS, folder / "material.css")
    now = write_charts(folder, 1.0, "")
    before = write_charts(folder, 0.9, "-2019")
    figs = figures()
    html = {key: chart_html(chart(key, figs[key]), *now[key], id=f"g-{key}") for key in figs}
    (folder / "saring.json").write_text(
        json.dumps(
            {
                "saring": ["tahun"],
                "nilai": {
                    "2019": {
                        "grafik": {f"g-{k}": {"svg": svg, "json": data} for k, (svg, data) in before.items()},
                        "angka": {"a-miskin": {"nilai": "3.375,9", "periode": "2019", "perubahan": "turun 4,6%"}},
                    },
                    "2020": {
                        "grafik": {f"g-{k}": {"svg": svg, "json": data} for k, (svg, data) in now.items()},
                        "angka": {"a-miskin": {"nilai": "4.004,9", "periode": "2020", "perubahan": "naik 18,6%"}},
                    },
                },
            }
        ),
        encoding="utf-8",
    )
    body = (
        headlines_html([headline_html(headline(), "a-miskin")])
        + dashboard_filter_html({"tahun": ["2020", "2019"]}, "saring.json")
        + tabs_html(
            [
                ("Grafik", "tab-grafik", html["batang"] + html["garis"]),
                ("Peta", "tab-peta", html["peta"]),
                ("Tabel", "tab-tabel", "<p>Tabel lengkap ada di halaman unduhan.</p>"),
            ]
        )
        + html["donat"]
    )
    page = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{PLACEHOLDER}
<script>document.documentElement.classList.add("sebar-js")</script>
<title>Uji grafik</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="material.css"><link rel="stylesheet" href="sebar.css">
</head><body><main class="md-main"><div class="md-content"><article class="md-content__inner md-typeset">
<h1>Penduduk miskin Jawa Barat</h1>
{body}
</article></div></main><script src="sebar-grafik.js" defer></script></body></html>
"""
    (folder / "index.html").write_text(policy(page), encoding="utf-8")
    with serving(folder) as address:
        yield address + "/"


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    """The page under its policy; fails on a console error, a CSP violation or a request off 127.0.0.1."""
    with strict_page(browser, site, "http://127.0.0.1:") as page:
        yield page


def live(page: Page, figure: str) -> None:
    expect(page.locator(f"#{figure} .js-plotly-plot")).to_have_count(1)
    expect(page.locator(f"#{figure} .sebar-grafik__gambar img")).to_be_hidden()


def test_static_svgs_show_before_any_script_work(page: Page):
    for key in ("batang", "garis", "donat"):
        img = page.locator(f"#g-{key} img")
        expect(img).to_be_visible()
        assert img.evaluate("i => i.complete && i.naturalWidth") == 720
    assert page.locator("#g-batang img").get_attribute("height") == "420"
    assert page.evaluate("window.Plotly") is None  # plotly.js waits for the reader


def test_pointer_on_a_chart_loads_plotly_and_draws_it_live(page: Page):
    page.locator("#g-batang .sebar-grafik__gambar").hover()
    live(page, "g-batang")
    assert page.locator("#g-batang .js-plotly-plot path").count() > 0
    assert page.locator("#g-batang .modebar-btn[data-title='Unduh grafik sebagai PNG']").count() == 1  # locale id
    assert page.locator("#g-batang .sebar-grafik__interaktif").count() == 0
    box = page.locator("#g-batang .sebar-grafik__gambar").bounding_box()
    assert box and abs(box["height"] / box["width"] - 420 / 720) < 0.01  # the live chart keeps the SVG's shape


def test_map_in_a_tab_draws_live_with_the_shipped_topojson(page: Page):
    page.get_by_role("tab", name="Peta").click()
    page.locator("#g-peta").get_by_role("button", name="Grafik interaktif").click()
    live(page, "g-peta")
    expect(page.locator("#g-peta .choroplethlocation")).to_have_count(27)


def test_tabs_follow_the_keyboard(page: Page):
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(3)
    tabs.first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Peta")).to_be_focused()
    expect(page.get_by_role("tab", name="Peta")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-peta")).to_be_visible()
    expect(page.locator("#tab-grafik")).to_be_hidden()
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Tabel")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowRight")  # wraps around
    expect(page.get_by_role("tab", name="Grafik")).to_be_focused()
    expect(page.get_by_role("tabpanel")).to_have_count(1)
    assert page.get_by_role("tabpanel").get_attribute("id") == "tab-grafik"


def test_png_download_is_the_svg_at_twice_its_size(page: Page):
    with page.expect_download() as info:
        page.locator("#g-donat").get_by_role("link", name="PNG").click()
    download = info.value
    assert download.suggested_filename == "grafik-donat.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert struct.unpack(">II", data[16:24]) == (1440, 840)


def test_dashboard_filter_changes_every_chart_and_headline(page: Page):
    page.locator("#g-garis .sebar-grafik__gambar").hover()
    live(page, "g-garis")
    page.get_by_label("Tahun").select_option("2019")
    expect(page.locator("#a-miskin [data-bagian='nilai']")).to_have_text("3.375,9")
    expect(page.locator("#a-miskin [data-bagian='perubahan']")).to_have_text("turun 4,6%")
    expect(page.locator("#a-miskin [data-bagian='perubahan']")).to_have_attribute("data-arah", "turun")
    for key in ("batang", "peta", "donat"):
        expect(page.locator(f"#g-{key} img")).to_have_attribute("src", re.compile(f"/grafik-{key}-2019.svg$"))
        expect(page.locator(f"#g-{key} .sebar-grafik__aksi a").first).to_have_attribute(  # SVG (maybe in a hidden tab)
            "href", re.compile(f"/grafik-{key}-2019.svg$")
        )
    expected = round(figures(0.9)["garis"]["data"][0]["y"][0], 1)
    page.wait_for_function(f"document.querySelector('#g-garis .js-plotly-plot').data[0].y[0] === {expected}")
    expect(page.get_by_role("status")).to_have_text("Menampilkan tahun 2019.")
    page.get_by_label("Tahun").select_option("2020")
    expect(page.locator("#a-miskin [data-bagian='nilai']")).to_have_text("4.004,9")


def test_without_javascript_every_panel_shows_under_its_heading(browser: Browser, site: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site, wait_until="load")
    expect(page.get_by_role("tablist")).to_be_hidden()
    for name in ("Grafik", "Peta", "Tabel"):
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.locator("#g-peta img")).to_be_visible()
    expect(page.get_by_role("button", name="Grafik interaktif")).to_have_count(0)
    expect(page.locator("#g-batang").get_by_role("link", name="SVG")).to_be_visible()
    expect(page.locator(".sebar-dasbor__saring")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_chart_page_has_no_wcag_aa_violations(browser: Browser, site: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(site, wait_until="load")
    page.locator("#g-batang .sebar-grafik__gambar").hover()
    live(page, "g-batang")
    page.locator("#g-donat details summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing widens the page
    problems = axe_problems(page)
    page.close()
    assert problems == []
