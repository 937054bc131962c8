"""Stored XSS in a real browser (issue 5, item 4): a portal with script payloads in every value a page
prints (portal.yml, metadata, column titles, cells, a content page) is built, every HTML page is
opened in headless Chromium (Debian's /usr/bin/chromium), the table is paged and filtered and the
search page queried, and no dialog may ever open; the payloads are shown as the text they are.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from generator.build import build
from generator.validate import check
from tests.helpers import DEMO_PUBLICATIONS, ROOT, serving

TIMEOUT_MS = 10_000
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
JS = "javascript:alert(1)"
TEMPLATE = "{{7*7}}"
CLOSE = "</script><script>alert(1)</script>"
MARKDOWN = "\n\n[klik](javascript:alert(1)) ![x](x onerror=alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
PAYLOADS = (SCRIPT, IMG, SVG, JS, TEMPLATE, CLOSE)
NAMA = f"Portal {SCRIPT} & KB"
TITLE = f"Judul {IMG} {CLOSE}"
COLUMN = f"wilayah {SVG}"


def value(label: str) -> str:
    """A short value with two payloads, for keys limited to 200 characters."""
    return f"{label} {IMG} {TEMPLATE}"


def hostile_portal(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=DEMO_PUBLICATIONS)
    person = {"nama": value("Orang"), "github": "rina-operator", "email": "rina@example.go.id"}
    portal = {
        "nama": NAMA,
        "deskripsi": "Deskripsi " + " ".join(PAYLOADS) + MARKDOWN,
        "url": "https://satudata.uji.example/",
        "walidata": person,
        "topik": {"lainnya": value("Topik")},
        "produsen": [{"kode": "dinkes", "nama": value("Dinas"), "operator": [person], "pic": [person]}],
        # a portal licence: its title (text the portal wrote) is what pages show
        "lisensi": [{"name": "syarat-sumber", "title": value("Judul lisensi"), "path": "bantuan/"}],
    }
    (root / "portal.yml").write_text(yaml.safe_dump(portal, allow_unicode=True), encoding="utf-8")
    folder = root / "datasets" / "dinkes" / "serangan"
    folder.mkdir(parents=True)
    meta = {
        "name": "serangan",
        "title": TITLE,
        "description": "Uraian " + " ".join(PAYLOADS) + MARKDOWN,
        "licenses": [
            {"name": "syarat-sumber"},
            {"name": "ODbL-1.0", "title": value("Lisensi")},  # the register's title is shown, not this one
        ],
        "keywords": [SCRIPT, CLOSE, JS, TEMPLATE],
        "version": value("v"),
        "satudata": {
            "produsen": "dinkes",
            "klasifikasi": "terbuka",
            "frekuensi": "tahunan",
            "periode": "2024",
            "topik": "lainnya",
            "cakupan": {"tingkat": "kabupaten/kota", "kode": "35.78", "nama": value("Kota")},
            "sumber": {"nama": value("Sumber"), "url": "https://contoh.go.id/?q=%22%3E%3Cscript%3E"},
            "kontak": {"nama": value("Kontak"), "email": 'x"onfocus=alert(1)autofocus="@contoh.go.id'},
        },
        "resources": [
            {
                "name": "data",
                "path": "data.csv",
                "title": value("Tabel"),
                "schema": {
                    "fields": [
                        {"name": COLUMN, "title": value("Wilayah"), "description": value("Arti")},
                        {
                            "name": "jumlah",
                            "type": "integer",
                            "title": value("Jumlah"),
                            "description": value("Arti"),
                            "unit": value("jiwa"),
                        },
                    ]
                },
            }
        ],
    }
    (folder / "datapackage.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([COLUMN, "jumlah"])
    for n in range(60):  # past the first page, so rows 26-60 are drawn by the table script
        writer.writerow([f"{PAYLOADS[n % len(PAYLOADS)]} baris {n + 1}", n + 1])
    (folder / "data.csv").write_text(out.getvalue(), encoding="utf-8")
    (root / "content" / "uji.md").write_text(
        "# Halaman uji\n\n"
        f"Contoh kode yang ditampilkan: `{SCRIPT}` dan `{IMG}`; templat {TEMPLATE}.\n\n"
        f'```html\n{CLOSE}\n<a href="{JS}">x</a>\n```\n\n'
        "Teks &lt;script&gt;alert(1)&lt;/script&gt; sebagai entitas.\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_portal(tmp_path_factory.mktemp("xss") / "portal")
    _, _, report = check(root)
    assert report.valid, report.to_text()
    return build(root).site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serving(hostile_site) as base:
        yield base + "/"


@pytest.fixture
def page(browser: Browser, hostile_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=hostile_url, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs  # type: ignore[attr-defined]
    yield p
    context.close()
    assert dialogs == [], f"a dialog opened: {dialogs}"


def test_xss_no_dialog_on_any_page_and_no_script_links(page: Page, hostile_site: Path) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        page.goto(path, wait_until="load")
        page.wait_for_timeout(50)
        bad = page.locator("[href^='javascript' i], [src^='javascript' i], img[src='x'], svg[onload], [onerror]")
        assert bad.count() == 0, (path, bad.evaluate_all("els => els.map(e => e.outerHTML)"))
        assert (
            page.locator("script:not([src]):not([type='application/ld+json'])").evaluate_all(
                "els => els.filter(e => e.textContent.includes('alert')).length"
            )
            == 0
        ), path
        assert "49" not in page.title()
        assert page.dialogs == [], path  # type: ignore[attr-defined]


def test_xss_portal_name_is_shown_as_written(page: Page) -> None:
    page.goto("", wait_until="load")
    assert page.title().endswith(f" - {NAMA}")
    expect(page.locator("h1")).to_have_text(NAMA)
    expect(page.locator(".md-header__topic").first).to_contain_text(NAMA)
    expect(page.locator(".sebar-lead")).to_contain_text(f"Deskripsi {SCRIPT} {IMG}")
    expect(page.locator(".sebar-lead")).to_contain_text("[klik](javascript:alert(1))")


def test_xss_dataset_values_are_shown_as_written(page: Page) -> None:
    page.goto("dataset/dinkes/serangan/", wait_until="load")
    page.get_by_role("tab", name="Tabel").click()  # the picture (a chart of these values) comes first
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".sebar-lead")).to_contain_text(f"Uraian {SCRIPT} {IMG} {SVG} {JS} {TEMPLATE} {CLOSE}")
    article = page.locator("article").inner_text()
    printed = ("Kota", "Sumber", "Kontak", "Judul lisensi", "Tabel", "Wilayah", "Arti", "Dinas", "Topik")
    for text in map(value, printed):
        assert text in article, text
    assert value("jiwa") in article
    expect(page.locator(".sebar-tabel tbody tr").first.locator("td").first).to_have_text(f"{SCRIPT} baris 1")


def test_xss_people_producer_and_topic_names_are_shown_as_written(page: Page) -> None:
    page.goto("produsen/dinkes/", wait_until="load")
    expect(page.locator("h1")).to_have_text(value("Dinas"))
    assert page.locator("article").inner_text().count(value("Orang")) >= 3  # operator, PIC, Walidata
    page.goto("topik/", wait_until="load")
    expect(page.locator("article")).to_contain_text(value("Topik"))


def test_xss_table_paging_and_filter_draw_cells_as_text(page: Page) -> None:
    page.goto("dataset/dinkes/serangan/", wait_until="load")
    page.get_by_role("tab", name="Tabel").click()  # the picture (a chart of these values) comes first
    table = page.locator(".sebar-data").first
    page.get_by_role("button", name="Berikutnya").click()
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text(f"{PAYLOADS[25 % 6]} baris 26")
    page.get_by_role("button", name="Berikutnya").click()
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text(f"{PAYLOADS[50 % 6]} baris 51")
    page.get_by_label("Cari di tabel").fill("onerror")
    expect(table.locator("tbody tr").first.locator("td").first).to_have_text(f"{IMG} baris 2")
    cells = table.locator("tbody td:first-child").all_inner_texts()
    assert cells and all(IMG in c for c in cells)
    assert table.locator("img, svg, script").count() == 0


def test_xss_search_results_show_payloads_as_text(page: Page) -> None:
    page.goto("cari/?q=alert", wait_until="load")
    status = page.locator("#sebar-cari-status")
    expect(status).not_to_have_text("Mencari…")
    expect(status).not_to_have_text("")
    results = page.locator("#sebar-hasil")
    assert results.locator("img, svg, script, iframe, [onerror], [onload]").count() == 0
    assert results.locator("a").count() > 0
    assert results.locator("mark").count() > 0
    shown = results.inner_text()
    assert "alert(1)" in shown
    assert any(p in shown for p in ("<script>", "onerror=")), shown  # the page's text, shown as text
    assert "&lt;" not in shown and "&amp;" not in shown  # entities decoded once, not shown raw
