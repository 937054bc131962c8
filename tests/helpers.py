"""Small builders for test portals made of real fixture cases."""

from __future__ import annotations

import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parents[1]


def case_portal(tmp_path: Path, *cases: str) -> Path:
    """A portal with tests/data/portal.yml and the named cases (e.g. "invalid/bad-csv") as datasets of dinkes."""
    root = tmp_path / "portal"
    root.mkdir()
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    for case in cases:
        shutil.copytree(DATA / case, root / "datasets" / "dinkes" / Path(case).name)
    return root
