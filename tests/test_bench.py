"""The benchmark (bench/) on tiny sizes: its generated inputs, and the shape of results.json from a real run."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import bench_build  # noqa: E402
import portals  # noqa: E402


def test_bench_grown_portal_marked_with_the_typical_dataset(tmp_path: Path) -> None:
    portal = portals.grown_portal(tmp_path / "katalog", 3)
    metadata = sorted(portal.glob("datasets/*/*/datapackage.yaml"))
    assert len(metadata) == 3
    assert (portal / "datasets" / portals.SMALL_PAGE.removeprefix("dataset/") / "datapackage.yaml") in metadata
    for path in metadata:
        assert portals.MARK in yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
    assert portals.MARK in (portal / "portal.yml").read_text(encoding="utf-8")
    status = subprocess.run(["git", "-C", str(portal), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # all committed: the build dates pages from Git

    changed = portals.change_one_dataset(portal)
    rows = list(csv.reader(changed.open(encoding="utf-8")))
    assert rows[-1][1:] == rows[-2][1:] and int(rows[-1][0]) == max(int(r[0]) for r in rows[1:-1]) + 1


def test_bench_plain_project_has_the_page_count(tmp_path: Path) -> None:
    portal = portals.grown_portal(tmp_path / "katalog", 3)
    plain = portals.plain_project(portal, tmp_path / "polos", 20)
    assert len(list((plain / "content").rglob("*.md"))) == 20
    assert (plain / "mkdocs.yml").read_bytes() == (portal / "mkdocs.yml").read_bytes()


def test_bench_big_table_same_bytes_every_run(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    portals.write_big_csv(first, 1000)
    portals.write_big_csv(second, 1000)
    assert first.read_bytes() == second.read_bytes()
    rows = list(csv.reader(first.open(encoding="utf-8")))
    assert len(rows) == 1001 and rows[0] == [name for name, _ in portals.COLUMNS]
    assert all(len(row) == 10 for row in rows)
    portal = portals.big_portal(tmp_path / "besar", 1000)
    metadata = yaml.safe_load(next(portal.glob("datasets/*/*/datapackage.yaml")).read_text(encoding="utf-8"))
    assert portals.MARK in metadata["title"] and len(metadata["resources"][0]["schema"]["fields"]) == 10


def test_bench_notes_sections_by_target() -> None:
    text = "# Notes\n\nintro\n\n## incremental — rebuild\n\nwhy it is slow\n\n## lighthouse\n\nscores\n"
    found = bench_build.notes(text)
    assert found == {
        "incremental": "**incremental — rebuild**\n\nwhy it is slow",
        "lighthouse": "**lighthouse**\n\nscores",
    }
    written = bench_build.notes(bench_build.NOTES.read_text(encoding="utf-8"))
    for target in ("full_build", "incremental", "big_table_throughput", "big_table_rss", "lighthouse"):
        assert target in written


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium is needed for the page weights")
def test_bench_tiny_run_writes_every_key(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "bench_build.py"), "--out", str(tmp_path)]
    options = ["--datasets", "3", "--rows", "1000", "--repeat", "1", "--lighthouse-runs", "0"]
    done = subprocess.run(command + options, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "s in all" in done.stdout.splitlines()[-1]

    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    for key in ("full_build_ratio", "incremental_ratio", "big_table_throughput_ratio", "big_table_peak_rss_mb"):
        assert isinstance(results[key], float) and results[key] > 0, key
    assert set(results["dataset_page_kb"]) == {"halaman grafik (small dataset)", "1,000 rows dataset"}
    assert all(kb > 0 for kb in results["dataset_page_kb"].values())
    assert set(results["lighthouse"]) == {"home", "catalogue", "halaman grafik (small dataset)", "1,000 rows dataset"}
    assert all("dilewati" in scores["error"] for scores in results["lighthouse"].values())
    assert results["full_build"]["datasets"] == 3 and len(results["full_build"]["sebar_seconds"]) == 1
    assert results["big_tables"][0]["rows"] == 1000 and results["big_tables"][0]["completed"]
    assert results["date"] and results["machine"]["nproc"] >= 1 and results["errors"] == []

    report = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| Measure | Figure | Target | Met | Behind it |" in report


def test_bench_lighthouse_median_run_of_three() -> None:
    runs: list[dict[str, int | str]] = [
        {"performance": 80, "accessibility": 100},
        {"error": "Lighthouse gagal"},
        {"performance": 70, "accessibility": 100},
        {"performance": 90, "accessibility": 95},
    ]
    chosen = bench_build.median_run(runs)
    assert chosen["performance"] == 80 and chosen["accessibility"] == 100
    assert chosen["performance_runs"] == [80, "Lighthouse gagal", 70, 90]
    assert bench_build.median_run([]) == {"error": "dilewati (--lighthouse-runs 0)"}
