"""The portal works offline: no script or stylesheet Sebar ships names an address outside the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parents[1] / "generator" / "assets"
URL = re.compile(r"""https?://[^\s"'`)\\<>]*""")
# XML namespace names: identifiers that createElementNS needs, never fetched
NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/2000/xmlns/",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/XML/1998/namespace",
}
CODE = sorted(p for p in ASSETS.rglob("*") if p.suffix in (".js", ".mjs", ".css", ".json", ".svg"))


def test_offline_assets_are_found():
    names = {p.name for p in CODE}
    assert {"sebar.js", "sebar.css", "sebar-grafik.js", "plotly-sebar.min.js", "world_110m.json"} <= names


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ASSETS).as_posix())
def test_offline_asset_names_no_outside_address(path: Path):
    found = set(URL.findall(path.read_text(encoding="utf-8", errors="replace"))) - NAMESPACES
    assert found == set(), f"{path.relative_to(ASSETS)} names {sorted(found)[:5]}"


def test_offline_plotly_defaults_point_into_the_site():
    bundle = (ASSETS / "vendor" / "plotly" / "plotly-sebar.min.js").read_text(encoding="utf-8")
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/sebar/vendor/plotly/topojson/"' in bundle
    assert 'plotlyServerURL:{valType:"string",dflt:""' in bundle
    assert "//cdn.plot.ly" not in bundle and "//plotly.com" not in bundle and "//cloud.plotly.com" not in bundle
