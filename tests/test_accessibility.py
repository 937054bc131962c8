"""WCAG 2.1 AA: axe-core, run in headless Chromium on the built demo pages, finds no violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_problems(page: Page) -> list[tuple[str, str, list[Any]]]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now: rule, help text, first targets.
    axe is evaluated, not added as a <script>, so the page's own CSP stays in force."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


PAGES = [
    "",
    "katalog/",
    "produsen/opendata-jabar/",
    "topik/kemiskinan/",
    "dataset/opendata-jabar/penduduk-miskin/",
    "bantuan/metadata/",
]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [360, 1280])
def test_accessibility_page_has_no_wcag_aa_violations(browser, site_url, path, width):
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)  # axe is injected inline
    page.goto(f"{site_url}/{path}")
    problems = axe_problems(page)
    page.close()
    assert problems == []
