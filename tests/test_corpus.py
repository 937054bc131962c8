"""The hostile-input corpus: every case in tests/data/invalid/ is refused by `check` and by `build`
with the error it names, and nothing is written.

A case is a folder with a `case.yaml`:

    defect: what is wrong, in a few words (and the issue item it covers)
    slug: the issue slug `sebar check` must report as an error
    message: a part of the Indonesian message that names the problem

Beside it, either a dataset (a `datapackage.yaml` and its data: it becomes datasets/dinkes/<case>)
or a `root/` folder laid over the test portal (portal.yml, content/, mkdocs.yml, templates/...).
Symlinks are kept as links.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.helpers import DATA, DEMO_PUBLICATIONS, ROOT

CORPUS = DATA / "invalid"
CASES = sorted(p.parent.name for p in CORPUS.glob("*/case.yaml"))


def corpus_portal(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "portal"
    root.mkdir()
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=DEMO_PUBLICATIONS)
    folder = CORPUS / case
    if (folder / "datapackage.yaml").exists():
        shutil.copytree(
            folder, root / "datasets" / "dinkes" / case, symlinks=True, ignore=shutil.ignore_patterns("case.yaml")
        )
    if (folder / "root").is_dir():
        for item in (folder / "root").rglob("*"):  # a case's file replaces the portal's (a link cannot overwrite)
            target = root / item.relative_to(folder / "root")
            if target.is_file() and not target.is_dir():
                target.unlink()
        shutil.copytree(folder / "root", root, symlinks=True, dirs_exist_ok=True)
    return root


def test_corpus_is_large_and_every_case_names_one_defect():
    assert len(CASES) >= 80, f"{len(CASES)} cases"
    for case in CASES:
        spec = yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))
        assert set(spec) == {"defect", "slug", "message"}, case


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_refused_by_check_and_build(case, tmp_path, capsys):
    spec = yaml.safe_load((CORPUS / case / "case.yaml").read_text(encoding="utf-8"))
    root = corpus_portal(tmp_path, case)
    assert main(["check", "--root", str(root), "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    errors = [(i["slug"], i["message"]) for i in found if i["severity"] == "error"]
    assert any(slug == spec["slug"] and spec["message"] in message for slug, message in errors), errors
    site = tmp_path / "site"
    assert main(["build", "--root", str(root), "--site", str(site)]) == 1
    assert not site.exists()
    assert not list(tmp_path.glob(".sebar-*"))
