"""The operator's first `sebar check` from SCENARIO.md, on a real dataset with two defects.

The output is the example printed in content/bantuan/operator.md: the docs show what Sebar says.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, make_portal

DATASET = Path("datasets/opendata-jabar/penduduk-miskin")


def run_check(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator.cli", "check", *options]
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def test_scenario_check_names_missing_frekuensi_and_decimal_comma_at_row_14(tmp_path):
    root = make_portal(tmp_path / "portal", commit=False)
    # the example is printed on the public help page: no restricted dataset's name may appear in it
    shutil.rmtree(root / "datasets/opendata-jabar/pengeluaran-per-kapita-internal")
    meta_path = root / DATASET / "datapackage.yaml"
    meta = yaml.safe_load(meta_path.read_text())
    del meta["satudata"]["frekuensi"], meta["satudata"]["kontak"]
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False))
    (data,) = (root / DATASET).glob("*.csv")
    lines = data.read_text().split("\n")
    lines[13] = lines[13].replace(",224.3,", ',"224,3",')  # row 14: typed with a decimal comma
    data.write_text("\n".join(lines))

    run = run_check(root)
    assert run.returncode == 1 and run.stderr == ""
    documented = re.search(
        r"<!-- sebar-check-contoh -->\n```text\n(.*?)```", (ROOT / "content/bantuan/operator.md").read_text(), re.S
    )
    assert documented, "the example block is missing from content/bantuan/operator.md"
    assert run.stdout == documented.group(1)
    assert "Nilai `224,3` di kolom `jumlah_penduduk_miskin` memakai koma desimal" in run.stdout
    assert "Kunci `satudata.frekuensi` wajib diisi tetapi belum ada." in run.stdout
