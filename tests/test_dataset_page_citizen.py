"""The dataset page as a citizen meets it (issue 9): the number first at 1280 and 360 px, named 44 px
downloads, facets and the filtered download, the pivot, labels in words, citation and the report link.
Headless Chromium on the built demo portal; axe-core for WCAG 2.1 AA."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from generator.config import FieldSpec
from generator.render.datapage import hidden
from tests.test_accessibility import axe_problems

DATASET = "dataset/opendata-jabar/penduduk-jenis-kelamin/"
MEASURE = "jumlah_penduduk"
NAME = "penduduk-jenis-kelamin-2013-2020"
ROOT = Path(__file__).resolve().parents[1]
PUBLIC = sorted(
    f"dataset/{path.parent.parent.name}/{path.parent.name}/"
    for path in (ROOT / "datasets").glob("*/*/datapackage.yaml")
    if yaml.safe_load(path.read_text(encoding="utf-8"))["satudata"]["klasifikasi"] == "terbuka"
)
expect.set_options(timeout=10_000)


@pytest.fixture(params=[360, 1280], ids=["360px", "1280px"])
def page(request: pytest.FixtureRequest, browser: Browser, site_url: str) -> Iterator[Page]:
    width = request.param
    context = browser.new_context(
        base_url=site_url + "/", viewport={"width": width, "height": 800}, locale="id-ID", accept_downloads=True
    )
    p = context.new_page()
    yield p
    context.close()


def open_table(page: Page, path: str = DATASET) -> None:
    page.goto(path, wait_until="load")
    if page.locator(".sebar-tab").count():
        page.get_by_role("tab", name="Tabel").click()
    page.locator(".sebar-tabel__gulir").first.scroll_into_view_if_needed()


def records(site: Path) -> list[dict]:
    return json.loads((site / DATASET / "data.json").read_text(encoding="utf-8"))


def test_dataset_page_measure_column_in_view(page: Page) -> None:
    open_table(page)
    width = page.viewport_size["width"]
    for cell in (page.locator(f'th[data-kolom="{MEASURE}"]'), page.locator(".sebar-tabel tbody tr td.angka").last):
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
    # the row number and codes are hidden; the region's name comes first and stays in view
    expect(page.locator('th[data-kolom="id"]')).to_be_hidden()
    expect(page.locator('th[data-kolom="kode_kabupaten_kota"]')).to_be_hidden()
    first = page.locator(".sebar-tabel thead th:visible").first
    expect(first).to_have_attribute("data-kolom", "nama_kabupaten_kota")
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"


@pytest.mark.parametrize("path", PUBLIC)
def test_dataset_page_no_sideways_scroll_at_360(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(base_url=site_url + "/", viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        p = context.new_page()
        open_table(p, path)
        for pivot in p.locator(".sebar-pivot summary").all():
            pivot.click()
        assert p.evaluate("document.documentElement.scrollWidth") <= 360
        # a table wider than its box says so
        gulir = p.locator(".sebar-tabel__gulir").first
        if gulir.evaluate("e => e.scrollWidth > e.clientWidth + 1"):
            expect(p.locator(".sebar-tabel__geser").first).to_be_visible()
    finally:
        context.close()


def test_dataset_page_download_buttons_named_and_44px(page: Page) -> None:
    page.goto(DATASET, wait_until="load")
    for label, suffix in (("Unduh CSV", "csv"), ("Unduh Excel", "xlsx"), ("Unduh JSON", "json")):
        link = page.get_by_role("link", name=label, exact=True)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("download", f"{NAME}.{suffix}")
        box = link.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, (label, box)
        assert page.request.get(link.evaluate("a => a.href")).status == 200
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV", exact=True).click()
    assert download.value.suggested_filename == f"{NAME}.csv"


def test_dataset_page_facets_filter_and_filtered_download(page: Page, demo_site: Path) -> None:
    open_table(page)
    wanted = [r for r in records(demo_site) if r["jenis_kelamin"] == "PEREMPUAN" and r["tahun"] == 2020]
    assert 0 < len(wanted) < len(records(demo_site))
    sex = page.get_by_role("group", name="Saring menurut Jenis kelamin")
    sex.get_by_role("button", name=re.compile("^PEREMPUAN")).click()
    tahun = page.get_by_role("group", name="Saring menurut Tahun").get_by_role("button", name=re.compile("^2020"))
    tahun.click()
    expect(tahun).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".sebar-tabel__info")).to_have_text(
        f"Baris 1–25 dari {len(wanted)} (tersaring dari {len(records(demo_site))})"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh hasil saringan (CSV)").click()
    assert download.value.suggested_filename == f"{NAME}-saringan.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    site_csv = (demo_site / DATASET / "data.csv").read_text(encoding="utf-8-sig")
    ids = {str(w["id"]) for w in wanted}
    expected = [r for r in csv.DictReader(io.StringIO(site_csv, newline="")) if r["id"] in ids]
    assert rows == expected  # the filtered rows exactly as the site's own CSV writes them, and only them

    tahun.click()  # pressed again: the filter is lifted
    expect(tahun).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".sebar-tabel__info")).to_contain_text(f"(tersaring dari {len(records(demo_site))})")


def test_dataset_page_column_chooser_shows_hidden_column(page: Page) -> None:
    open_table(page)
    page.get_by_text(re.compile(r"^Pilih kolom \(\d+ tersembunyi\)$")).click()
    page.get_by_role("checkbox", name=re.compile("^ID")).check()
    expect(page.locator('th[data-kolom="id"]')).to_be_visible()
    expect(page.locator(".sebar-tabel tbody tr").first.locator("td").first).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("^Nama kabupaten.kota")).uncheck()
    expect(page.locator('th[data-kolom="nama_kabupaten_kota"]')).to_be_hidden()


def test_dataset_page_without_js_shows_every_column(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url + "/", java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(DATASET)
        expect(p.locator(".sebar-tabel thead th:visible")).to_have_count(9)
        expect(p.locator(".sebar-segi").first).to_be_hidden()
        expect(p.locator(".sebar-sitasi__akses")).to_have_text("Diakses pada [tanggal Anda membuka halaman ini].")
    finally:
        context.close()


def test_dataset_page_pivot_has_one_column_per_year(page: Page, demo_site: Path) -> None:
    open_table(page)
    page.locator(".sebar-pivot summary").click()
    table = page.locator(".sebar-pivot table")
    years = [str(y) for y in range(2013, 2021)]
    expect(table.locator("thead th")).to_have_text(["Nama kabupaten/kota", "Jenis kelamin", *years])
    bogor = next(
        r
        for r in records(demo_site)
        if r["kode_kabupaten_kota"] == "3201" and r["jenis_kelamin"] == "LAKI-LAKI" and r["tahun"] == 2020
    )
    row = table.locator("tbody tr").filter(has_text="KABUPATEN BOGOR").filter(has_text="LAKI-LAKI")
    expect(row.locator("td").last).to_have_text(f"{bogor[MEASURE]:,}".replace(",", "."))


def test_dataset_page_summary_labels_citation_and_links(page: Page) -> None:
    page.goto(DATASET, wait_until="load")
    strip = page.locator(".sebar-ringkas")
    for text in ("430 baris × 9 kolom", "2013–2020", "Kabupaten/kota", "Tahunan", "2 November 2026"):
        expect(strip).to_contain_text(text)
    metadata = page.locator("table").filter(has_text="Klasifikasi")
    expect(metadata).to_contain_text("Terbuka")
    expect(metadata).to_contain_text("Tahunan")
    expect(metadata).not_to_contain_text("komit")
    portal = yaml.safe_load((ROOT / "portal.yml").read_text(encoding="utf-8"))
    expect(page.get_by_role("link", name="Tanya atau laporkan data")).to_have_attribute("href", portal["laporan_url"])
    history = page.get_by_role("link", name="Riwayat perubahan").first
    target = history.get_attribute("href")
    assert target and page.locator(target).count() == 1
    expect(page.locator(".sebar-sitasi__akses")).to_have_text(re.compile(r"^Diakses \d{1,2} [A-Z][a-z]+ \d{4}\.$"))
    expect(page.locator(".sebar-sitasi__alamat")).to_have_text(portal["url"] + DATASET)


def test_dataset_page_has_no_wcag_aa_violations(page: Page) -> None:
    open_table(page)
    page.get_by_text(re.compile(r"^Pilih kolom")).click()
    page.locator(".sebar-pivot summary").click()
    page.get_by_role("group", name="Saring menurut Jenis kelamin").get_by_role("button").first.click()
    problems = axe_problems(page)
    assert problems == []


# --- which columns are hidden (no browser) ------------------------------------------------------


def field(name: str, kind: str = "string", **extra: object) -> FieldSpec:
    return FieldSpec(name=name, type=kind, title=name, description=name, **extra)


def test_hidden_row_numbers_codes_beside_names_and_constants() -> None:
    fields = [field("id", "integer"), field("kode_kab"), field("nama_kab"), field("satuan"), field("jumlah", "integer")]
    data = [[1, "3201", "BOGOR", "JIWA", 5], [2, "3202", "SUKABUMI", "JIWA", 5]]
    assert [bool(r) for r in hidden(fields, data)] == [True, True, False, True, False]  # a constant measure stays


def test_hidden_follows_tampil_and_never_hides_everything() -> None:
    fields = [field("id", "integer", tampil={"sembunyi": False}), field("nama", tampil={"sembunyi": True})]
    assert hidden(fields, None) == ["", "disembunyikan produsen data"]
    assert hidden([field("id", "integer")], None) == [""]
