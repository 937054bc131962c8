"""A big table in the browser: search, sort and page turns read a bounded part of its SQLite store over
HTTP range requests (recorded on the server), with the right rows and no CSP violation."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.build import build
from generator.config import ResourceSpec
from generator.render.downloads import ResourceWriter
from generator.render.tablestore import BIG_ROWS, write_table_store
from generator.serve import QuietHandler
from tests.conftest import git, make_portal
from tests.helpers import serving
from tests.test_accessibility import axe_problems
from tests.test_csp import violations, watched_page

ROWS = 100_000
BIG = "dataset/opendata-jabar/tabel-besar/"
MB = 1024 * 1024
SOURCE = "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml"


JABAR = [*range(3201, 3219), *range(3271, 3280)]  # West Java's 27 real regency/city codes (they are checked)


def big_rows() -> Iterator[list[str]]:
    """Generated rows (clearly test data): every 1,000th row is in "Cibiru", amounts are scrambled."""
    for i in range(1, ROWS + 1):
        place = "Kecamatan Cibiru" if i % 1000 == 7 else f"Wilayah Uji {i % 97}"
        amount = f"{(i * 7919) % 100003 / 10:.1f}"
        yield [str(i), "32", "JAWA BARAT", str(JABAR[i % 27]), place, amount, "RIBU JIWA", "2020"]


@pytest.fixture(scope="module")
def big_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_portal(tmp_path_factory.mktemp("besar") / "portal", commit=False)
    folder = root / "datasets/opendata-jabar/tabel-besar"
    folder.mkdir()
    meta = (root / SOURCE).read_text(encoding="utf-8")
    meta = meta.replace("name: penduduk-miskin", "name: tabel-besar", 1)
    meta = meta.replace("path: jumlah_penduduk_miskin_berdasarkan_kabupatenkota_data.csv", "path: besar.csv")
    meta = meta.replace("title: Jumlah Penduduk Miskin", "title: Tabel Uji Besar Penduduk Miskin", 1)
    meta = meta.partition("  tampilan:\n")[0]  # the demo's map: these made-up codes have no boundary
    (folder / "datapackage.yaml").write_text(meta, encoding="utf-8")
    header = (
        "id,kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,jumlah_penduduk_miskin,satuan,tahun"
    )
    with (folder / "besar.csv").open("w", encoding="utf-8", newline="") as file:
        file.write(header + "\n")
        csv.writer(file, lineterminator="\n").writerows(big_rows())
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Portal demo dengan tabel besar")
    return root


@pytest.fixture(scope="module")
def big_site(big_portal: Path) -> Path:
    return build(big_portal).site


class Recorder(QuietHandler):
    log: list[tuple[str, str | None, int]] = []  # (path, Range header, bytes sent)

    def send_header(self, keyword: str, value: str) -> None:
        if keyword == "Content-Length" and self.command == "GET":
            self.log.append((self.path, self.headers.get("Range"), int(value)))
        super().send_header(keyword, value)


@pytest.fixture(scope="module")
def big_url(big_site: Path) -> Iterator[str]:
    with serving(big_site, Recorder) as base:
        yield base + "/"


@pytest.fixture
def page(browser: Browser, big_url: str) -> Iterator[Page]:
    with watched_page(browser, big_url, 60_000) as p:
        p.goto(BIG, wait_until="load")
        p.get_by_role("tab", name="Tabel").click()  # the picture (a default chart) comes first
        yield p


def fetched() -> tuple[int, int, list[tuple[str, str | None, int]]]:
    """Bytes sent since the last call: in all, and of the table's store; then forget them (and print
    them: `pytest -s` shows what each action cost)."""
    log = list(Recorder.log)
    Recorder.log.clear()
    total, store = sum(n for _, _, n in log), sum(n for path, _, n in log if path.endswith(".sqlite3"))
    print(f"{len(log)} requests, {total} bytes, {store} of them from the store")
    return total, store, log


def table(page: Page) -> list[list[str]]:
    return page.locator(".sebar-tabel tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent))"
    )


def shown(value: str) -> str:
    """A number as the page writes it (id-ID): 1.234,5."""
    whole, _, fraction = value.partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    return text + ("," + fraction if fraction and fraction != "0" else "")


def test_bigtable_store_replaces_chunks_and_page_is_light(big_site: Path):
    folder = big_site / BIG
    store = folder / "data.sqlite3"
    assert store.is_file() and not (folder / "data.bagian").exists()
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'data-toko="data.sqlite3"' in html and "data.bagian" not in html
    assert len(html.encode()) < 150 * 1024
    assert ROWS > BIG_ROWS
    small = big_site / "dataset/opendata-jabar/penduduk-miskin"
    assert (small / "data.bagian/0.json").is_file() and not (small / "data.sqlite3").exists()


def test_bigtable_page_load_fetches_no_store(page: Page):
    page.wait_for_load_state("networkidle")
    _, store, log = fetched()
    assert store == 0 and not [p for p, _, _ in log if "sql" in p], log


def test_bigtable_page_turn_reads_bounded_bytes(page: Page):
    page.wait_for_load_state("networkidle")
    fetched()
    page.get_by_role("button", name="Berikutnya").click()
    expect(page.locator(".sebar-tabel__info")).to_contain_text("Baris 26–50 dari 100.000")
    total, store, log = fetched()
    assert total < 2 * MB and store < 256 * 1024, log
    rows = table(page)
    assert [r[0] for r in rows] == [str(i) for i in range(26, 51)]
    assert violations(page) == []


def test_bigtable_search_finds_rows_with_bounded_bytes(page: Page):
    page.wait_for_load_state("networkidle")
    fetched()
    page.get_by_label("Cari di tabel").fill("cibiru")
    expect(page.locator(".sebar-tabel__info")).to_contain_text("Baris 1–25 dari 100 (tersaring dari 100.000)")
    total, store, log = fetched()
    assert total < 2 * MB and store < 256 * 1024, log
    expected = [i for i in range(1, ROWS + 1) if i % 1000 == 7][:25]
    assert [int(r[0].replace(".", "")) for r in table(page)] == expected
    assert all(r[4] == "Kecamatan Cibiru" for r in table(page))
    page.get_by_role("button", name="Berikutnya").click()
    expect(page.locator(".sebar-tabel__info")).to_contain_text("Baris 26–50 dari 100")
    assert int(table(page)[0][0].replace(".", "")) == expected[-1] + 1000
    assert violations(page) == []


def test_bigtable_sort_number_column_with_bounded_bytes(page: Page):
    page.wait_for_load_state("networkidle")
    fetched()
    values = sorted((row[5] for row in big_rows()), key=float)
    header = page.locator('th[data-kolom="jumlah_penduduk_miskin"]')
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator(".sebar-tabel__info")).to_contain_text("Baris 1–25 dari 100.000")
    expect(page.locator(".sebar-tabel tbody tr").first.locator("td").nth(5)).to_have_text(shown(values[0]))
    total, store, log = fetched()
    assert total < 2 * MB and store < 256 * 1024, log
    assert [r[5] for r in table(page)] == [shown(v) for v in values[:25]]
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(page.locator(".sebar-tabel tbody tr").first.locator("td").nth(5)).to_have_text(shown(values[-1]))
    assert [r[5] for r in table(page)] == [shown(v) for v in values[::-1][:25]]
    total, store, log = fetched()
    assert total < 2 * MB and store < 256 * 1024, log
    assert violations(page) == []


def test_tablestore_same_csv_gives_same_bytes(tmp_path: Path):
    spec = ResourceSpec.model_validate(
        {
            "name": "data",
            "path": "x.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "integer", "title": "ID", "description": "x"},
                    {"name": "nama", "type": "string", "title": "Nama", "description": "x"},
                    {"name": "nilai", "type": "number", "title": "Nilai", "description": "x"},
                ]
            },
        }
    )
    source = tmp_path / "data.csv"
    lines = "".join(f"{i},Nama {i},{i / 4}\r\n" for i in range(20_000))
    source.write_text("id,nama,nilai\r\n" + lines, encoding="utf-8")
    assert write_table_store(spec, source, tmp_path / "a.sqlite3") == 20_000
    assert write_table_store(spec, source, tmp_path / "b.sqlite3") == 20_000
    assert (tmp_path / "a.sqlite3").read_bytes() == (tmp_path / "b.sqlite3").read_bytes()


def test_bigtable_page_has_no_wcag_aa_violations_after_a_search(browser: Browser, big_url: str):
    page = browser.new_page(viewport={"width": 360, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(big_url + BIG, wait_until="load")
    page.get_by_role("tab", name="Tabel").click()  # the picture (a default chart) comes first
    page.get_by_label("Cari di tabel").fill("cibiru")
    expect(page.locator(".sebar-tabel__info")).to_contain_text("dari 100 (tersaring")
    problems = axe_problems(page)
    page.close()
    assert problems == []


def test_store_written_while_streaming_matches_the_store_of_the_csv(tmp_path: Path):
    """Rows held while the table looked small (chunks of fewer than BIG_ROWS) reach the store unchanged."""
    spec = ResourceSpec.model_validate(
        {
            "name": "data",
            "path": "x.csv",
            "schema": {
                "fields": [
                    {"name": "id", "type": "integer", "title": "ID", "description": "x"},
                    {"name": "nilai", "type": "number", "title": "Nilai", "description": "x"},
                ]
            },
        }
    )
    writer = ResourceWriter(spec, tmp_path / "out", xlsx=False)
    for start in range(0, BIG_ROWS + 2000, 6000):
        ids = list(range(start, start + 6000))
        writer.write([ids, [Decimal(f"{i}.1234567") for i in ids]])
    writer.close()
    assert write_table_store(spec, tmp_path / "out" / "data.csv", tmp_path / "b.sqlite3") == 12_000
    assert (tmp_path / "out" / "data.sqlite3").read_bytes() == (tmp_path / "b.sqlite3").read_bytes()
    assert not (tmp_path / "out" / "data.bagian").exists()
