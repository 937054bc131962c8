"""WCAG 2.1 AA: axe-core, run in headless Chromium on the built demo pages, finds no violation."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
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
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    page.close()
    problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == []
