"""The built demo site in a real browser (Playwright with Debian's Chromium): the data table
(pages, search, sort), the catalogue filter, offline behaviour, downloads, the no-JS
fallback and the mobile layout.

Chromium is never downloaded: the tests use Debian's /usr/bin/chromium, which `make test` installs.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

DATASET = "dataset/opendata-jabar/penduduk-miskin/"
SORT_FIELD = "jumlah_penduduk_miskin"
PER_PAGE = 25
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


# --- helpers -----------------------------------------------------------------------------


def angka(n: int) -> str:
    """An integer as the page writes it (id-ID): 1.234."""
    return f"{n:,}".replace(",", ".")


def parse_angka(text: str) -> float:
    """A displayed Indonesian number back to a float: "1.234,5" -> 1234.5."""
    return float(text.strip().replace(".", "").replace(",", "."))


def records(site: Path) -> list[dict]:
    return json.loads((site / DATASET / "data.json").read_text(encoding="utf-8"))


def fields(site: Path) -> list[dict]:
    package = json.loads((site / DATASET / "datapackage.json").read_text(encoding="utf-8"))
    return package["resources"][0]["schema"]["fields"]


def body_rows(page: Page) -> list[list[str]]:
    return page.locator(".sebar-tabel tbody tr").evaluate_all(
        "trs => trs.map(tr => Array.from(tr.cells, td => td.textContent))"
    )


def info(page: Page):
    return page.locator(".sebar-tabel__info")


def show_table(page: Page) -> None:
    """A dataset page with charts shows its table in the "Tabel" tab (the picture comes first)."""
    if page.locator(".sebar-tab").count():
        page.get_by_role("tab", name="Tabel").click()


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url + "/", locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def dataset_page(page: Page) -> Page:
    page.goto(DATASET, wait_until="domcontentloaded")
    show_table(page)
    return page


# --- 1. pages --------------------------------------------------------------------------------


def test_table_first_page_is_in_html(dataset_page: Page, demo_site: Path) -> None:
    total = len(records(demo_site))
    assert total == 513
    rows = body_rows(dataset_page)
    assert len(rows) == PER_PAGE
    assert [r[0] for r in rows] == [str(i) for i in range(1, PER_PAGE + 1)]
    expect(info(dataset_page)).to_have_text(f"Baris 1–{PER_PAGE} dari {total}")
    # The same rows are in the HTML the server sent, not only in the DOM built by the script.
    html = dataset_page.request.get(DATASET).text()
    tbody = html.split('class="sebar-data"', 1)[1].split("</tbody>", 1)[0]
    assert tbody.count("<tr>") == PER_PAGE + 1  # 25 body rows + the header row


def test_table_next_shows_rows_26_to_50(dataset_page: Page, demo_site: Path) -> None:
    dataset_page.get_by_role("button", name="Berikutnya").click()
    expect(info(dataset_page)).to_have_text(f"Baris 26–50 dari {len(records(demo_site))}")
    first_cell = dataset_page.locator(".sebar-tabel tbody tr").first.locator("td").first
    expect(first_cell).to_have_text(angka(26))
    rows = body_rows(dataset_page)
    assert len(rows) == PER_PAGE
    assert [r[0] for r in rows] == [angka(i) for i in range(26, 51)]
    expect(dataset_page.get_by_role("button", name="Sebelumnya")).to_be_enabled()


def test_table_previous_disabled_on_first_page(dataset_page: Page) -> None:
    expect(dataset_page.get_by_role("button", name="Sebelumnya")).to_be_disabled()
    expect(dataset_page.get_by_role("button", name="Berikutnya")).to_be_enabled()


# --- 2. search -------------------------------------------------------------------------------


def test_search_bandung_filters_rows(dataset_page: Page, demo_site: Path) -> None:
    data = records(demo_site)
    expected = sum(1 for r in data if any("bandung" in str(v).lower() for v in r.values() if v is not None))
    assert 0 < expected < len(data)

    dataset_page.get_by_label("Cari di tabel").fill("BANDUNG")
    expect(info(dataset_page)).to_have_text(
        re.compile(rf"^Baris 1–\d+ dari {re.escape(angka(expected))} \(tersaring dari {re.escape(angka(len(data)))}\)$")
    )
    # Walk every page of the filtered table: each row matches, and together they are all of them.
    seen: list[list[str]] = []
    nxt = dataset_page.get_by_role("button", name="Berikutnya")
    while True:
        rows = body_rows(dataset_page)
        assert 0 < len(rows) <= PER_PAGE
        for row in rows:
            assert "bandung" in " ".join(row).lower(), row
        seen.extend(rows)
        if nxt.is_disabled():
            break
        start = len(seen) + 1
        nxt.click()
        expect(info(dataset_page)).to_have_text(re.compile(rf"^Baris {start}–"))
    assert len(seen) == expected
    assert len({r[0] for r in seen}) == expected  # no row shown twice


def test_search_nonsense_shows_no_match(dataset_page: Page) -> None:
    dataset_page.get_by_label("Cari di tabel").fill("zzqxj-tidak-ada-9137")
    expect(info(dataset_page)).to_have_text("Tidak ada baris yang cocok.")
    expect(dataset_page.locator(".sebar-tabel tbody tr")).to_have_count(0)
    expect(dataset_page.get_by_role("button", name="Sebelumnya")).to_be_disabled()
    expect(dataset_page.get_by_role("button", name="Berikutnya")).to_be_disabled()


# --- 3. sort ---------------------------------------------------------------------------------

WAIT_FIRST_VALUE = """([k, want]) => {
  const row = document.querySelector(".sebar-tabel tbody tr");
  if (!row || !row.cells[k]) return false;
  const v = Number(row.cells[k].textContent.trim().replace(/\\./g, "").replace(",", "."));
  return v === want;
}"""


def test_sort_number_column_ascending_then_descending(dataset_page: Page, demo_site: Path) -> None:
    schema = fields(demo_site)
    title = next(f["title"] for f in schema if f["name"] == SORT_FIELD)
    headers = dataset_page.locator(".sebar-tabel thead th")
    header_texts = headers.all_text_contents()
    assert len(header_texts) == len(schema)
    k = next(i for i, t in enumerate(header_texts) if t.strip().startswith(title))
    assert k == [f["name"] for f in schema].index(SORT_FIELD)  # th order is the schema order

    values = [r[SORT_FIELD] for r in records(demo_site) if r[SORT_FIELD] is not None]
    th = headers.nth(k)
    cell = dataset_page.locator(".sebar-tabel tbody tr").first.locator("td").nth(k)

    th.get_by_role("button").click()
    expect(th).to_have_attribute("aria-sort", "ascending")
    dataset_page.wait_for_function(WAIT_FIRST_VALUE, arg=[k, min(values)])
    assert parse_angka(cell.text_content()) == min(values)
    shown = [parse_angka(r[k]) for r in body_rows(dataset_page)]
    assert shown == sorted(shown)
    for other in range(len(header_texts)):
        if other != k:
            expect(headers.nth(other)).to_have_attribute("aria-sort", "none")
    expect(info(dataset_page)).to_have_text(f"Baris 1–{PER_PAGE} dari {len(values)}")

    th.get_by_role("button").click()
    expect(th).to_have_attribute("aria-sort", "descending")
    dataset_page.wait_for_function(WAIT_FIRST_VALUE, arg=[k, max(values)])
    assert parse_angka(cell.text_content()) == max(values)
    shown = [parse_angka(r[k]) for r in body_rows(dataset_page)]
    assert shown == sorted(shown, reverse=True)


# --- JS-drawn rows equal the HTML rows ----------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = sorted(
    f"{path.parent.parent.name}/{path.parent.name}"
    for path in (ROOT / "datasets").glob("*/*/datapackage.yaml")
    if (yaml.safe_load(path.read_text(encoding="utf-8")).get("satudata") or {}).get("klasifikasi") == "terbuka"
)


@pytest.mark.parametrize("name", PUBLIC)
def test_table_js_rows_match_html_rows(page: Page, name: str) -> None:
    """The script redraws page 1 exactly as the HTML had it: same column order (keys like "2020" in
    garis-kemiskinan-provinsi once came first) and same number format (0.0 once was "0,0" in HTML)."""
    page.goto(f"dataset/{name}/", wait_until="domcontentloaded")
    show_table(page)
    for table in page.locator(".sebar-tabel").all():
        rows = table.locator("tbody tr")
        html_rows = rows.evaluate_all("trs => trs.map(tr => Array.from(tr.cells, td => td.textContent))")
        search = table.locator(".sebar-tabel__cari")
        search.fill("zzqxj-tidak-ada-9137")  # loads the JSON and empties the table ...
        expect(table.locator(".sebar-tabel__info")).to_have_text("Tidak ada baris yang cocok.")
        search.fill("")  # ... then the script draws page 1 again, unsorted
        expect(rows).to_have_count(len(html_rows))
        js_rows = rows.evaluate_all("trs => trs.map(tr => Array.from(tr.cells, td => td.textContent))")
        assert js_rows == html_rows


# --- 4. catalogue ----------------------------------------------------------------------------


def open_datasets(portal: Path, producer: str) -> int:
    n = 0
    for path in sorted((portal / "datasets" / producer).glob("*/datapackage.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if spec.get("satudata", {}).get("klasifikasi") == "terbuka":
            n += 1
    return n


def test_catalog_producer_filter_hides_other_producers(page: Page, demo_portal: Path) -> None:
    page.goto("katalog/", wait_until="domcontentloaded")
    cards = page.locator(".sebar-daftar .sebar-kartu")
    count = page.locator("#sebar-jumlah")
    total = cards.count()
    expect(count).to_have_text(f"{total} dataset")

    producers = [v for v in page.locator("#saring-produsen option").evaluate_all("os => os.map(o => o.value)") if v]
    assert "opendata-jabar" in producers and len(producers) > 1
    for producer in producers:
        expected = open_datasets(demo_portal, producer)
        assert expected > 0
        page.select_option("#saring-produsen", producer)
        expect(count).to_have_text(f"{expected} dataset")
        visible = page.locator(".sebar-daftar .sebar-kartu:visible")
        expect(visible).to_have_count(expected)
        assert set(visible.evaluate_all("ks => ks.map(k => k.dataset.produsen)")) == {producer}
        hidden = cards.evaluate_all("ks => ks.filter(k => k.hidden).map(k => k.dataset.produsen)")
        assert len(hidden) == total - expected and producer not in hidden

    # The terbatas dataset of opendata-jabar is not in the public catalogue.
    all_specs = list((demo_portal / "datasets" / "opendata-jabar").glob("*/datapackage.yaml"))
    assert open_datasets(demo_portal, "opendata-jabar") < len(all_specs)

    page.select_option("#saring-produsen", "")
    expect(count).to_have_text(f"{total} dataset")
    expect(page.locator(".sebar-daftar .sebar-kartu:visible")).to_have_count(total)


def test_catalog_filter_is_in_the_address_and_opens_filtered(page: Page, demo_portal: Path) -> None:
    page.goto("katalog/", wait_until="domcontentloaded")
    page.select_option("#saring-topik", "kemiskinan")
    page.select_option("#saring-tahun", "2019")
    expect(page).to_have_url(re.compile(r"/katalog/\?topik=kemiskinan&tahun=2019$"))
    shown = page.locator(".sebar-daftar .sebar-kartu:visible").count()
    assert shown > 0
    page.goto(page.url, wait_until="domcontentloaded")  # a shared link opens with the same filter
    expect(page.locator("#saring-topik")).to_have_value("kemiskinan")
    expect(page.locator(".sebar-daftar .sebar-kartu:visible")).to_have_count(shown)
    for years in page.locator(".sebar-daftar .sebar-kartu:visible").evaluate_all("ks => ks.map(k => k.dataset.tahun)"):
        assert "2019" in years.split()


# --- 5. offline ------------------------------------------------------------------------------


def test_offline_every_request_is_local_without_console_errors(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url + "/")
    context.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    errors: list[str] = []
    # Anything not on the local server is recorded, then aborted so nothing waits on the network.
    context.route(
        "**/*",
        lambda route: route.continue_() if urlparse(route.request.url).hostname == "127.0.0.1" else route.abort(),
    )
    p = context.new_page()
    p.on("request", lambda r: requests.append(r.url))
    p.on("console", lambda m: errors.append(f"console: {m.text} @ {m.location}") if m.type == "error" else None)
    p.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    try:
        for path in ("", "katalog/", DATASET):
            p.goto(path, wait_until="load")
        show_table(p)
        with p.expect_response(lambda r: r.url.endswith(DATASET + "data.bagian/0.json")) as response:
            p.get_by_label("Cari di tabel").fill("bandung")
        assert response.value.ok
        expect(p.locator(".sebar-tabel__info")).to_contain_text("tersaring")
        p.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert any(u.endswith(DATASET + "data.bagian/0.json") for u in requests)
    foreign = [
        u
        for u in requests
        if urlparse(u).scheme not in ("data", "blob")
        and (urlparse(u).scheme != "http" or urlparse(u).hostname != "127.0.0.1")
    ]
    assert foreign == []
    assert errors == []


# --- 6. downloads ----------------------------------------------------------------------------


def test_downloads_resolve_and_row_counts_match_table(dataset_page: Page) -> None:
    text = info(dataset_page).text_content()
    total = int(re.search(r"dari ([\d.]+)", text).group(1).replace(".", ""))
    assert total == int(dataset_page.locator(".sebar-tabel").get_attribute("data-baris"))

    bodies = {}
    for name in ("CSV", "XLSX", "JSON"):
        label = "Unduh " + ("Excel" if name == "XLSX" else name)
        link = dataset_page.locator(".sebar-unduh").get_by_role("link", name=label, exact=True)
        expect(link).to_be_visible()
        response = dataset_page.request.get(link.evaluate("a => a.href"))
        assert response.status == 200, name
        bodies[name] = response.body()

    rows = list(csv.reader(io.StringIO(bodies["CSV"].decode("utf-8-sig"), newline="")))
    assert len(rows) - 1 == total

    sheet = openpyxl.load_workbook(io.BytesIO(bodies["XLSX"]), read_only=True).worksheets[0]
    xlsx_rows = [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]
    assert list(xlsx_rows[0]) == rows[0]  # same header as the CSV
    assert len(xlsx_rows) - 1 == total

    assert len(json.loads(bodies["JSON"])) == total


# --- 7. no JavaScript ------------------------------------------------------------------------


def test_nojs_dataset_page_shows_first_rows_and_downloads(browser: Browser, site_url: str, demo_site: Path) -> None:
    context = browser.new_context(base_url=site_url + "/", java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(DATASET)
        rows = body_rows(p)  # evaluate_all runs in the utility world, even with page JS off
        assert len(rows) == PER_PAGE
        assert [r[0] for r in rows] == [str(i) for i in range(1, PER_PAGE + 1)]
        expect(p.locator(".sebar-tabel tbody tr")).to_have_count(PER_PAGE)
        expect(p.locator(".sebar-tabel__info")).to_have_text(f"Baris 1–{PER_PAGE} dari {len(records(demo_site))}")
        for name, href in (("Unduh CSV", "data.csv"), ("Unduh Excel", "data.xlsx"), ("Unduh JSON", "data.json")):
            link = p.locator(".sebar-unduh").get_by_role("link", name=name, exact=True)
            expect(link).to_be_visible()
            expect(link).to_have_attribute("href", href)
    finally:
        context.close()


# --- 8. mobile -------------------------------------------------------------------------------


def test_mobile_dataset_page_has_no_horizontal_scroll(browser: Browser, site_url: str) -> None:
    context = browser.new_context(
        base_url=site_url + "/",
        viewport={"width": 360, "height": 740},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
    )
    try:
        p = context.new_page()
        p.goto(DATASET, wait_until="load")
        show_table(p)
        expect(p.locator(".sebar-tabel tbody tr")).to_have_count(PER_PAGE)
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= 360 + 1, f"page is {width}px wide"
        wrapper = p.locator(".sebar-tabel__gulir")
        box = wrapper.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1
        # Redundant columns are hidden: the table fits. With every column shown (the column chooser),
        # the wide table scrolls inside its own wrapper instead of the page, and says so.
        assert wrapper.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        assert not wrapper.evaluate("e => e.scrollWidth > e.clientWidth")
        p.locator(".sebar-tabel__kolom summary").click()
        for box in p.locator(".sebar-tabel__kolom input").all():
            box.check()
        assert wrapper.evaluate("e => e.scrollWidth > e.clientWidth")
        assert p.evaluate("document.documentElement.scrollWidth") <= 360 + 1
        expect(p.locator(".sebar-tabel__geser")).to_be_visible()
        p.screenshot(path="/tmp/sebar-mobile.png", full_page=True)
    finally:
        context.close()


def test_mobile_page_without_material_js_keeps_back_to_top_and_menu(browser: Browser, site_url: str) -> None:
    # the demo's settings need none of Material's JavaScript: pages load only sebar.js (Lighthouse, issue 10)
    context = browser.new_context(base_url=site_url + "/", viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        p = context.new_page()
        scripts: list[str] = []
        p.on("request", lambda r: scripts.append(urlparse(r.url).path) if r.resource_type == "script" else None)
        p.goto("bantuan/", wait_until="load")
        assert not [s for s in scripts if "/javascripts/bundle." in s], scripts
        assert p.evaluate("document.documentElement.classList.contains('sebar-js')")
        top = p.locator(".md-top")  # Material fades it with the hidden attribute (opacity 0)
        expect(top).to_have_attribute("hidden", "")
        p.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        expect(top).not_to_have_attribute("hidden", "")
        top.click()
        p.wait_for_function("window.scrollY === 0")
        p.locator('.md-header label[for="__drawer"]').click()
        expect(p.locator("#__drawer")).to_be_checked()
        p.keyboard.press("Escape")
        expect(p.locator("#__drawer")).not_to_be_checked()
    finally:
        context.close()


# --- 9. large tables: a page turn loads one chunk, never the whole table ------------------------

LARGE = "dataset/kemendagri/kode-wilayah-jatim/"


def test_large_table_paging_loads_one_chunk_search_loads_all(page: Page, demo_site: Path) -> None:
    total = len(json.loads((demo_site / LARGE / "data.json").read_text(encoding="utf-8")))
    chunks = sorted((demo_site / LARGE / "data.bagian").glob("*.json"))
    assert total > 9000 and len(chunks) == -(-total // 1000)
    fetched: list[str] = []
    page.on(
        "request",
        lambda r: fetched.append(urlparse(r.url).path) if ".bagian/" in r.url or r.url.endswith("data.json") else None,
    )
    page.goto(LARGE, wait_until="domcontentloaded")
    show_table(page)
    page.get_by_role("button", name="Berikutnya").click()
    expect(info(page)).to_have_text(f"Baris 26–50 dari {angka(total)}")
    assert fetched == [f"/{LARGE}data.bagian/0.json"]

    table = json.loads((demo_site / LARGE / "data.json").read_text())
    wanted = [r for r in table if any("widoro" in str(v).lower() for v in r.values())]
    page.get_by_label("Cari di tabel").fill("widoro")
    expect(info(page)).to_have_text(f"Baris 1–{len(wanted)} dari {len(wanted)} (tersaring dari {angka(total)})")
    assert sorted(fetched) == sorted(f"/{LARGE}data.bagian/{c.name}" for c in chunks)
    assert not any(path.endswith("/data.json") for path in fetched)


# --- 10. site search (Pagefind, Indonesian stemming), all from the site itself --------------------


def test_search_from_home_finds_stemmed_indonesian_words_locally(page: Page) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("", wait_until="domcontentloaded")
    page.get_by_label("Cari data dan halaman").fill("kemiskinan")
    page.get_by_label("Cari data dan halaman").press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q=kemiskinan$"))
    expect(page.locator("#sebar-cari-status")).to_contain_text("hasil untuk “kemiskinan”")
    links = page.locator("#sebar-hasil a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    # "kemiskinan" and "miskin" share a stem: the poor-population dataset is found by either word
    assert "/dataset/opendata-jabar/penduduk-miskin/" in links
    assert page.locator("#sebar-hasil mark").count() > 0
    assert all(urlparse(u).hostname == "127.0.0.1" for u in requests if urlparse(u).scheme in ("http", "https"))
    assert errors == []


def test_search_never_finds_restricted_dataset(page: Page) -> None:
    page.goto("cari/?q=internal", wait_until="domcontentloaded")
    expect(page.locator("#sebar-cari-status")).not_to_have_text("Mencari…")
    expect(page.locator("#sebar-cari-status")).not_to_have_text("")
    links = page.locator("#sebar-hasil a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert not any("pengeluaran-per-kapita-internal" in link for link in links)
