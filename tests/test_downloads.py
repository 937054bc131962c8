"""The streaming engine: the same downloads as before it, Parquet and XLSX read back, a big table in bounded memory."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.parquet as pq
from openpyxl import load_workbook

from generator.validate import check
from tests.helpers import DATA, ROOT, case_portal
from tests.test_cells import table_portal

GOLDEN = DATA.parent / "golden" / "downloads.json"


def manifest(root: Path, prefix: str, out: Path) -> dict[str, str]:
    """sha256 of every download (an XLSX by its cells and their types: its bytes changed writer)."""
    portal, datasets, report = check(root)
    assert report.valid, report.flatten()
    found = {}
    for dataset in datasets:
        folder = out / prefix / dataset.produsen / dataset.slug
        assert dataset.files is not None
        shutil.copytree(dataset.files, folder)
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or path.suffix == ".parquet" or path.name == "datapackage.json":
                continue
            data = path.read_bytes()
            name = path.relative_to(out).as_posix()
            if path.suffix == ".xlsx":
                sheet = load_workbook(path).active
                cells = [[[c.value, c.data_type] for c in row] for row in sheet.iter_rows()]
                cells = [[[v.isoformat() if hasattr(v, "isoformat") else v, t] for v, t in r] for r in cells]
                data, name = (json.dumps(cells, ensure_ascii=False) + "\n").encode(), name + ".json"
            found[name] = hashlib.sha256(data).hexdigest()
    return found


def test_downloads_streaming_equals_main_on_demo_and_fixtures(tmp_path):
    found = manifest(ROOT, "demo", tmp_path / "out")
    found |= manifest(case_portal(tmp_path, "valid/latin1", "valid/locale"), "valid", tmp_path / "out")
    assert found == json.loads(GOLDEN.read_text())


def test_downloads_parquet_reads_back_as_the_json(tmp_path):
    portal, datasets, report = check(ROOT)
    for dataset in datasets:
        for resource in dataset.resources:
            folder = dataset.files
            assert folder is not None and "parquet" in resource.formats
            table = pq.read_table(folder / f"{resource.spec.name}.parquet").to_pylist()
            records = json.loads((folder / f"{resource.spec.name}.json").read_text(encoding="utf-8"))
            dates = {f.name for f in resource.spec.schema_.fields if f.type == "date"}
            table = [{k: v.isoformat() if k in dates and v else v for k, v in r.items()} for r in table]
            assert table == records, dataset.slug


def test_downloads_xlsx_written_twice_is_byte_identical_text_and_numbers_typed(tmp_path):
    data = "kode,nama,jumlah,nilai\n3273,=1+1,12,1.5\n0042,Kota,7,2\n"
    fields = [
        "name: kode, type: string",
        "name: nama, type: string",
        "name: jumlah, type: integer",
        "name: nilai, type: number",
    ]
    files = []
    for n in range(2):
        (tmp_path / str(n)).mkdir()
        root = table_portal(tmp_path / str(n), fields, data)
        _, datasets, report = check(root)
        assert report.valid, report.flatten()
        files.append((datasets[0].files / "data.xlsx").read_bytes())
    assert files[0] == files[1]
    path = tmp_path / "data.xlsx"
    path.write_bytes(files[0])
    rows = [[(c.value, c.data_type) for c in row] for row in load_workbook(path).active.iter_rows()]
    assert rows[1] == [("3273", "s"), ("'=1+1", "s"), (12, "n"), (1.5, "n")]
    assert rows[2] == [("0042", "s"), ("Kota", "s"), (7, "n"), (2, "n")]


# The address-space limit only stops a runaway early: it counts reservations never used (pyarrow's
# allocator, the SQLite store thread's malloc arena and stack). The bound is on the peak RSS.
BIG = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
from generator.validate import check
portal, datasets, report = check(Path(sys.argv[1]))
assert report.valid, report.flatten()[:3]
r = datasets[0].resources[0]
files = datasets[0].files
print(r.rows, sorted(r.formats), (files / "data.sqlite3").is_file(), (files / "data.bagian").exists())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_check_two_million_rows_within_a_memory_limit(tmp_path):
    fields = [
        "name: id, type: integer",
        "name: nama, type: string",
        "name: nilai, type: number",
        "name: tanggal, type: date",
    ]
    root = table_portal(tmp_path, fields, "")
    with (root / "datasets" / "dinkes" / "sel" / "data.csv").open("w") as file:
        file.write("id,nama,nilai\n".replace("nilai", "nilai,tanggal"))
        for start in range(0, 2_000_000, 100_000):
            file.write(
                "".join(f"{n},baris {n},{n % 997}.25,2024-01-{n % 28 + 1:02d}\n" for n in range(start, start + 100_000))
            )
    portal = root / "portal.yml"
    portal.write_text(portal.read_text() + "batas: {baris: 3000000, sel: 20000000, ukuran_file_mb: 200}\n")
    script = BIG.replace("MEMORY", str(2048 * 1024 * 1024))
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    *formats, peak_mb = result.stdout.split()
    assert formats == ["2000000", "['csv',", "'json',", "'parquet']", "True", "False"]
    assert int(peak_mb) < 1024
