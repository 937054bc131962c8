"""The built site under its Content-Security-Policy in Chromium: every page kind works with zero violations;
links to other hosts carry rel="noopener noreferrer"."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.harden import links, policy
from tests.test_browser import DATASET, TIMEOUT_MS

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


@contextlib.contextmanager
def watched_page(browser: Browser, base_url: str, timeout_ms: int) -> Iterator[Page]:
    """A page that records CSP violations (window.__csp) and console errors (page.console)."""
    context = browser.new_context(base_url=base_url, locale="id-ID")
    context.set_default_timeout(timeout_ms)
    context.add_init_script(WATCH)
    p = context.new_page()
    p.console = []  # type: ignore[attr-defined]
    p.on("console", lambda m: p.console.append(m.text) if m.type in ("error", "warning") else None)  # type: ignore[attr-defined]
    p.on("pageerror", lambda e: p.console.append(str(e)))  # type: ignore[attr-defined]
    try:
        yield p
    finally:
        context.close()


@contextlib.contextmanager
def strict_page(browser: Browser, url: str, origin: str) -> Iterator[Page]:
    """`url` at 1280 x 900 under its own policy. On leaving: no console error, no CSP violation and no
    request outside `origin` (data: and blob: aside)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    away: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else away.append(r.url))
    page.add_init_script(WATCH)
    page.goto(url, wait_until="load")
    yield page
    violations = page.evaluate("window.__csp")
    context.close()
    assert (errors, violations, away) == ([], [], [])


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    with watched_page(browser, site_url + "/", TIMEOUT_MS) as p:
        yield p


def violations(page: Page) -> list[str]:
    found = page.evaluate("window.__csp")
    return found + [m for m in page.console if "Content Security Policy" in m or "Content-Security-Policy" in m]  # type: ignore[attr-defined]


def test_csp_every_page_has_the_policy_in_its_head(demo_site):
    for html_file in demo_site.rglob("*.html"):
        html = html_file.read_text()
        head = html[: html.index("</head>")]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, html_file
        assert "default-src 'self'; script-src 'self'" in head and "object-src 'none'" in head
        assert "unsafe-inline" not in head and "sebar-csp" not in head


def test_csp_home_and_search_work_without_violations(page: Page):
    page.goto("", wait_until="load")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))  # Material's scripts ran
    page.get_by_label("Cari data dan halaman").fill("kemiskinan")
    page.get_by_label("Cari data dan halaman").press("Enter")
    expect(page.locator("#sebar-cari-status")).to_contain_text("hasil untuk “kemiskinan”")  # Pagefind (WASM)
    assert page.locator("#sebar-hasil a").count() > 0
    assert violations(page) == []


def test_csp_catalogue_filter_works_without_violations(page: Page):
    page.goto("katalog/", wait_until="load")
    count = page.locator("#sebar-jumlah")
    before = count.text_content()
    page.select_option("#saring-topik", "kemiskinan")
    expect(count).not_to_have_text(before or "")
    assert violations(page) == []


def test_csp_dataset_table_paging_and_filter_work_without_violations(page: Page):
    page.goto(DATASET, wait_until="load")
    page.get_by_role("tab", name="Tabel").click()  # the picture comes first
    page.get_by_role("button", name="Berikutnya").click()
    expect(page.locator(".sebar-tabel__info")).to_contain_text("Baris 26–50")
    page.get_by_label("Cari di tabel").fill("BANDUNG")
    expect(page.locator(".sebar-tabel__info")).not_to_contain_text("Baris 26–50")
    assert violations(page) == []


def test_csp_help_page_without_violations(page: Page):
    page.goto("bantuan/", wait_until="load")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    assert violations(page) == []


def test_csp_blocks_an_injected_inline_script(page: Page):
    """The policy is live: an inline script the build did not hash does not run."""
    page.goto("bantuan/", wait_until="load")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__ran = true'; document.body.append(s); }""")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in violations(page))


def test_harden_external_links_get_noopener(demo_site):
    html = (demo_site / "bantuan" / "cli" / "index.html").read_text()
    assert '<a href="http://127.0.0.1:8000" rel="noopener noreferrer">' in html
    for page_file in demo_site.rglob("*.html"):
        for tag in re.findall(r"<a\b[^>]*>", page_file.read_text()):
            if re.search(r'href="https?://', tag) and "https://satudata.sebar.example/" not in tag:  # not the portal
                assert re.search(r'rel="[^"]*\bnoopener\b[^"]*\bnoreferrer\b', tag), (page_file, tag)


def test_harden_links_keep_own_host_and_merge_rel():
    html = (
        '<a href="https://data.kota.go.id/x">a</a><a rel="nofollow" href="https://lain.go.id">b</a><a href="../">c</a>'
    )
    assert links(html, "data.kota.go.id") == (
        '<a href="https://data.kota.go.id/x">a</a>'
        '<a rel="nofollow noopener noreferrer" href="https://lain.go.id">b</a><a href="../">c</a>'
    )


def test_harden_policy_hashes_inline_scripts_not_data():
    html = (
        '<meta http-equiv="Content-Security-Policy" content="sebar-csp">'
        '<script>a()</script><script type="application/ld+json">{}</script><script src="x.js"></script>'
    )
    digest = base64.b64encode(hashlib.sha256(b"a()").digest()).decode()
    out = policy(html)
    scripts = re.search(r"script-src ([^;]*);", out)
    assert scripts and scripts.group(1).count("'sha256-") == 1 and f"'sha256-{digest}'" in scripts.group(1)
    assert "sebar-csp" not in out
