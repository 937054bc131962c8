"""Dataset pages = headline + picture + table, on the built demo site: cards, charts and maps with their
SVGs, the map's regions, the page in headless Chromium, WCAG 2.1 AA, declared views checked, rebuilds."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.build import InvalidContent, build
from generator.cli import main
from generator.render.charts import Charts
from generator.render.picture import MAX_ROWS, picture
from generator.validate import check
from generator.views.regions import load as load_boundaries
from generator.views.regions import normalise
from tests.conftest import ROOT, git, make_portal
from tests.test_accessibility import axe_problems
from tests.test_cache import files_of
from tests.test_csp import strict_page

MISKIN = "dataset/opendata-jabar/penduduk-miskin/"
MALL = "dataset/bandung/supermarket-minimarket-mall/"
FIGURE = re.compile(
    r'<figure class="sebar-grafik" id="([^"]+)" data-jenis="([^"]+)" data-figure="([^"]+)">(.*?)</figure>', re.S
)
IMG = re.compile(r'<img src="([^"]+)" width="\d+" height="\d+" alt="([^"]*)"')


def dataset_pages(site: Path) -> list[Path]:
    return sorted(site.glob("dataset/*/*/index.html"))


def figures(page: Path) -> list[tuple[str, str, str, str]]:
    """(id, kind, figure JSON href, inner HTML) of each chart on a built page."""
    return [m.groups() for m in FIGURE.finditer(page.read_text(encoding="utf-8"))]


def test_dataset_page_every_demo_dataset_has_headline_and_chart(demo_portal, demo_site):
    public = {
        f"{p.parent.parent.name}/{p.parent.name}"
        for p in demo_portal.glob("datasets/*/*/datapackage.yaml")
        if "klasifikasi: terbuka" in p.read_text(encoding="utf-8")
    }
    pages = dataset_pages(demo_site)
    assert {f"{p.parent.parent.name}/{p.parent.name}" for p in pages} == public
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="sebar-angka__kartu"' in text, page
        assert re.search(r'class="sebar-angka__nilai"><span data-bagian="nilai">[\d.,]+</span>', text), page
        found = figures(page)
        assert found, page
        for _, _, data, inner in found:
            src, alt = IMG.search(inner).groups()
            assert (page.parent / src).resolve().is_file(), (page, src)
            assert (page.parent / html.unescape(data)).resolve().is_file(), (page, data)
            assert len(html.unescape(alt).strip()) > 20, (page, alt)
            assert (page.parent / src).resolve().read_bytes().lstrip().startswith(b"<svg")
            assert "Lihat data" in inner and 'download="' in inner
        eager = [m for m in re.findall(r"<img [^>]*>", text) if 'loading="lazy"' not in m]
        assert len(eager) == 1, page  # the first picture is the largest paint; the others load when shown
        assert 'role="tablist"' in text and 'id="tab-tabel"' in text  # the table is the last tab
        assert text.index('class="sebar-angka"') < text.index('class="sebar-tab"') < text.index('class="sebar-tabel"')


def test_dataset_page_declared_views_go_to_their_tabs(demo_site):
    miskin = demo_site / MISKIN / "index.html"
    kinds = [(kind, inner) for _, kind, _, inner in figures(miskin)]
    assert [k for k, _ in kinds] == ["garis", "peta"]
    text = miskin.read_text(encoding="utf-8")
    grafik, peta, tabel = (text.index(f'id="tab-{name}"') for name in ("grafik", "peta", "tabel"))
    garis, map_ = text.index('data-jenis="garis"'), text.index('data-jenis="peta"')
    assert grafik < garis < peta < map_ < tabel
    assert "naik 15,3% dibanding 2019" in text  # 3.920,23 ribu jiwa in 2020 against 3.399,20 in 2019
    mall = [kind for _, kind, _, _ in figures(demo_site / MALL / "index.html")]
    assert sorted(mall) == ["batang-mendatar", "peta"]


def test_dataset_page_map_regions_equal_the_data_codes(demo_portal, demo_site):
    page = demo_site / MISKIN / "index.html"
    (data,) = [d for _, kind, d, _ in figures(page) if kind == "peta"]
    figure = json.loads((page.parent / html.unescape(data)).read_text(encoding="utf-8"))
    (trace,) = figure["data"]
    source = next((demo_portal / "datasets/opendata-jabar/penduduk-miskin").glob("*.csv"))
    with source.open(encoding="utf-8") as file:
        codes = {normalise(row["kode_kabupaten_kota"]) for row in csv.DictReader(file) if row["tahun"] == "2020"}
    assert len(codes) == 27
    assert set(trace["locations"]) == codes and len(trace["locations"]) == 27
    assert {f["properties"]["kode"] for f in trace["geojson"]["features"]} == codes


def test_dataset_page_without_a_sensible_view_shows_the_table_as_before(tmp_path):
    root = make_portal(tmp_path / "portal", commit=False)
    for folder in root.glob("datasets/*/*"):
        if folder.name != "kode-wilayah-jatim":
            shutil.rmtree(folder)
    shutil.rmtree(root / "content" / "publikasi")  # the demo's publications name the removed datasets
    # no measure, and no required text column to count per type: nothing to draw
    meta = root / "datasets/kemendagri/kode-wilayah-jatim/datapackage.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("required: true, ", "").replace("{required: true}", "{}"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "uji")
    site = build(root, cache_dir=tmp_path / "cache", jobs=1).site
    page = (site / "dataset/kemendagri/kode-wilayah-jatim/index.html").read_text(encoding="utf-8")
    assert 'class="sebar-grafik"' not in page and 'class="sebar-tab"' not in page
    assert 'class="sebar-angka' not in page and not (site / "grafik").exists()
    assert 'id="data"' in page and 'class="sebar-tabel"' in page


def test_dataset_page_inferred_line_over_3650_days_is_drawn_by_year(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import portals  # the benchmark's synthetic table: a date, a year, a measure, five categories

    root = portals.big_portal(tmp_path / "besar", 5000)
    portal, datasets, report = check(root)
    assert portal is not None and report.valid
    shown = picture(datasets[0], Charts(), load_boundaries(root)[0], None)
    (html_,) = shown.charts
    assert 'data-jenis="garis"' in html_ and "Grafik garis jumlah" in html_
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", html_).group(1)
    assert re.findall(r'<th scope="col">([^<]*)</th>', header)[:2] == ["Tahun", "Kategori"]
    assert html_.count("<tr>") - 1 == 10 * 5 <= MAX_ROWS  # 2015-2024 x five categories, not 3,650 days
    assert 'class="sebar-angka__kartu"' in shown.headlines and "2024" in shown.headlines


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """The penduduk-miskin page; fails on a console error, a CSP violation or a request off the site."""
    with strict_page(browser, urljoin(site_url + "/", MISKIN), site_url) as page:
        yield page


def test_dataset_page_chart_renders_and_goes_live_on_hover(page: Page):
    img = page.locator("#grafik-1 .sebar-grafik__gambar img")
    expect(img).to_be_visible()
    assert img.evaluate("i => i.complete && i.naturalWidth") > 0
    assert page.evaluate("window.Plotly") is None  # plotly.js waits for the reader
    page.locator("#grafik-1 .sebar-grafik__gambar").hover()
    expect(page.locator("#grafik-1 .js-plotly-plot")).to_have_count(1)
    expect(img).to_be_hidden()
    assert page.locator("#grafik-1 .js-plotly-plot path").count() > 0


def test_dataset_page_tabs_switch_between_chart_map_and_table(page: Page):
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(3)
    assert tabs.all_inner_texts() == ["Grafik", "Peta", "Tabel"]
    expect(page.locator("#tab-grafik")).to_be_visible()
    expect(page.locator("#tab-tabel")).to_be_hidden()
    page.get_by_role("tab", name="Peta").click()
    expect(page.locator("#tab-peta")).to_be_visible()
    expect(page.locator("#tab-grafik")).to_be_hidden()
    page.wait_for_function("() => document.querySelector('#tab-peta img').naturalWidth > 0")  # lazy until shown
    page.get_by_role("tab", name="Tabel").click()
    expect(page.locator("#tab-tabel .sebar-tabel tbody tr").first).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("tab", name="Peta")).to_have_attribute("aria-selected", "true")


def test_dataset_page_without_javascript_shows_every_panel(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(urljoin(site_url + "/", MISKIN))
    for name in ("grafik", "peta", "tabel"):
        expect(page.locator(f"#tab-{name}")).to_be_visible()
    expect(page.locator("#tab-grafik img")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", [MISKIN, MALL])
@pytest.mark.parametrize("width", [360, 1280])
def test_dataset_page_has_no_wcag_aa_violations(browser: Browser, site_url: str, path: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(urljoin(site_url + "/", path))
    problems = axe_problems(page)
    page.close()
    assert problems == []


def test_dataset_view_with_a_missing_field_fails_check_and_builds_nothing(tmp_path, capsys):
    root = make_portal(tmp_path / "portal")
    meta = root / "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml"
    text = meta.read_text(encoding="utf-8")
    head, _, views = text.partition("  tampilan:\n")
    meta.write_text(
        head
        + "  tampilan:\n"
        + views.replace("y: jumlah_penduduk_miskin\n      saring", "y: jumlah_miskin\n      saring")
    )
    assert main(["check", "--root", str(root), "--cache", str(tmp_path / "cache")]) == 1
    out = capsys.readouterr().out
    assert "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml" in out
    assert (
        "satudata.tampilan[1]: kolom `jumlah_miskin` (kunci `y`) tidak ada di tabel `data` dataset "
        "`opendata-jabar/penduduk-miskin`. [view-field-unknown]"
    ) in out
    with pytest.raises(InvalidContent) as failed:
        build(root, cache_dir=tmp_path / "cache", jobs=1)
    (issue,) = failed.value.report.errors
    assert (issue.slug, issue.file, issue.params["where"]) == (
        "view-field-unknown",
        "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml",
        "satudata.tampilan[1]",
    )
    assert not (root / "site").exists()


def test_dataset_page_rebuild_keeps_charts_and_equals_a_clean_build(demo_portal, tmp_path):
    root = make_portal(tmp_path / "portal")
    cache = tmp_path / "cache"
    first = files_of(build(root, cache_dir=cache, jobs=1).site)
    assert any(name.startswith("grafik/") and name.endswith(".svg") for name in first)
    warm = build(root, cache_dir=cache, jobs=1)
    assert warm.stats.full_pages is False  # every dataset page kept, its charts with it
    assert files_of(warm.site) == first
    meta = root / "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("saring: {tahun: 2020}", "saring: {tahun: 2019}"))
    git(root, "commit", "-qam", "peta 2019")
    changed = build(root, cache_dir=cache, jobs=1)
    after = files_of(changed.site)
    differs = {name for name in first.keys() | after.keys() if first.get(name) != after.get(name)}
    assert {n for n in differs if n.startswith("dataset/")} >= {MISKIN + "index.html"}
    assert not {n for n in differs if n.startswith(MALL)}  # another dataset's page and charts untouched
    clean = build(root, tmp_path / "bersih", cache_dir=tmp_path / "dingin", jobs=1)
    assert after == files_of(clean.site)
