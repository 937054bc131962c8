"""render: generated Markdown and metadata against golden files; number formatting; escaping."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from generator.render import render
from generator.render.pages import angka
from generator.validate import check
from tests.conftest import git
from tests.helpers import case_portal


def test_render_dataset_page_matches_golden(tmp_path, golden):
    root = case_portal(tmp_path, "valid/locale")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "uji")
    portal, datasets, report = check(root)
    assert report.valid
    docs = tmp_path / "docs"
    render(root, portal, datasets, docs)
    page = docs / "dataset" / "dinkes" / "locale"
    sha = re.compile(r"komit <code>[0-9a-f]+</code>")  # the commit id follows the copied help pages
    golden("locale/index.md", sha.sub("komit <code>SHA</code>", (page / "index.md").read_text()))
    golden("locale/datapackage.json", (page / "datapackage.json").read_text())
    golden("locale/data.csv", (page / "data.csv").read_text())
    golden("locale/data.json", (page / "data.json").read_text())
    golden("katalog/index.md", (docs / "katalog" / "index.md").read_text())
    golden("katalog/dcat.jsonld", (docs / "katalog" / "dcat.jsonld").read_text())
    golden("produsen/dinkes/index.md", (docs / "produsen" / "dinkes" / "index.md").read_text())


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1930902, "1.930.902"),
        (Decimal("451.3"), "451,3"),
        (Decimal("0.0"), "0"),
        (1234.5, "1.234,5"),
        (Decimal("-8951.96"), "-8.951,96"),
        (0, "0"),
        (None, ""),
    ],
)
def test_angka_writes_indonesian_numbers(value, text):
    assert angka(value) == text


def test_render_datapackage_points_at_generated_csv(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    portal, datasets, _ = check(root)
    render(root, portal, datasets, tmp_path / "docs")
    meta = json.loads((tmp_path / "docs" / "dataset" / "dinkes" / "latin1" / "datapackage.json").read_text())
    assert [r["path"] for r in meta["resources"]] == ["data.csv", "data.xlsx", "data.json", "data.parquet"]
    assert meta["satudata"]["produsen"] == "dinkes" and "created" not in meta
