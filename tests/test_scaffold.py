"""`sebar new dataset`: a draft branch and a template that `sebar check` refuses until it is filled."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import git, make_portal


def sebar(root, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=root, capture_output=True, text=True)


def test_new_dataset_makes_draft_branch_and_template(tmp_path):
    root = make_portal(tmp_path / "portal")
    run = sebar(root, "new", "dataset", "--produsen", "opendata-jabar", "--nama", "imunisasi-dasar-2025")
    assert run.returncode == 0, run.stderr
    assert "Cabang baru: draf/opendata-jabar/imunisasi-dasar-2025" in run.stdout
    assert git(root, "branch", "--show-current").strip() == "draf/opendata-jabar/imunisasi-dasar-2025"
    folder = root / "datasets" / "opendata-jabar" / "imunisasi-dasar-2025"
    # no template data.csv: the check would describe a file the operator never wrote
    assert sorted(p.name for p in folder.iterdir()) == ["datapackage.yaml"]

    check = sebar(root, "check")
    assert check.returncode == 1
    assert "Isian `title` masih berisi teks contoh: [ISI: judul dataset] [placeholder]" in check.stdout
    assert "Isian `satudata.periode` masih berisi teks contoh" in check.stdout  # no plausible default year
    assert "Isian `licenses[0].name` masih berisi teks contoh" in check.stdout
    assert "Isian `satudata.cakupan.kode` masih berisi teks contoh" in check.stdout
    assert "Traceback" not in check.stderr


def test_new_dataset_refuses_unknown_producer_and_existing_folder(tmp_path):
    root = make_portal(tmp_path / "portal")
    run = sebar(root, "new", "dataset", "--produsen", "bappeda", "--nama", "apbd-2025")
    assert run.returncode == 2
    assert "produsen 'bappeda' tidak ada di portal.yml (yang ada: opendata-jabar, bandung, kemendagri)" in run.stderr
    run = sebar(root, "new", "dataset", "--produsen", "bandung", "--nama", "objek-wisata-belanja", "--tanpa-cabang")
    assert run.returncode == 2 and "sudah ada" in run.stderr
    assert git(root, "branch", "--show-current").strip() == "main"
