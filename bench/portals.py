"""The benchmark's inputs, made in a temporary folder: the grown demo, its plain-MkDocs twin, a big table.

Everything made here is marked BENCHMARK DATA, NOT REAL (in the portal name and every generated
title) and lives only in the temporary folder the benchmark deletes at the end.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PORTAL_FILES = ("portal.yml", "mkdocs.yml", "content")
MARK = "DATA BENCHMARK, BUKAN DATA ASLI (BENCHMARK DATA, NOT REAL)"
GIT_DATE = "2026-11-02T08:00:00+07:00"  # fixed, so two runs build the same bytes
BIG = "tabel-besar"  # the big table's dataset name; its producer and topic are the demo's
BIG_PRODUCER = "opendata-jabar"
SMALL_PAGE = "dataset/opendata-jabar/penduduk-miskin/"  # 513 rows, one table: a typical dataset page


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE}
    command = ["git", "-C", str(repo), "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid", *args]
    subprocess.run(command, check=True, capture_output=True, env=env)


def commit(repo: Path, message: str) -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
        shutil.copy(ROOT / ".gitignore", repo / ".gitignore")  # the build's cache and site are never committed
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def new_portal(target: Path, limits: dict[str, int] | None = None) -> Path:
    """The demo's portal.yml, mkdocs.yml and content/, renamed as benchmark data; no datasets yet."""
    target.mkdir(parents=True)
    for name in PORTAL_FILES:
        source = ROOT / name
        if source.is_dir():  # the demo's publications name datasets a benchmark portal may not have
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("publikasi"))
        else:
            shutil.copy(source, target / name)
    portal = yaml.safe_load((target / "portal.yml").read_text(encoding="utf-8"))
    portal["nama"] = f"Portal {MARK}"
    if limits:
        portal["batas"] = limits
    (target / "portal.yml").write_text(yaml.safe_dump(portal, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def grown_portal(target: Path, count: int) -> Path:
    """The demo's real datasets, copied under new names until the catalogue holds `count` of them."""
    portal = new_portal(target)
    demo = sorted(p.parent for p in (ROOT / "datasets").glob("*/*/datapackage.yaml"))
    small = ROOT / "datasets" / SMALL_PAGE.removeprefix("dataset/").rstrip("/")
    demo.sort(key=lambda folder: folder != small)  # the typical dataset first: any catalogue has it
    made = 0
    for n in range(count):
        for folder in demo:
            if made == count:
                break
            twin = portal / "datasets" / folder.parent.name / (folder.name if n == 0 else f"{folder.name}-salinan-{n}")
            shutil.copytree(folder, twin)
            meta = yaml.safe_load((twin / "datapackage.yaml").read_text(encoding="utf-8"))
            meta["name"] = twin.name
            meta["title"] = f"{meta['title']} ({MARK}{f', salinan {n}' if n else ''})"
            (twin / "datapackage.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
            made += 1
    commit(portal, "katalog benchmark")
    return portal


def change_one_dataset(portal: Path) -> Path:
    """Append one valid row to the typical dataset's CSV and commit it: the change of an ordinary day."""
    data = next((portal / "datasets" / SMALL_PAGE.removeprefix("dataset/")).glob("*.csv"))
    rows = list(csv.reader(data.open(encoding="utf-8", newline="")))
    last = rows[-1]
    last[0] = str(max(int(r[0]) for r in rows[1:]) + 1)  # the id column is unique
    with data.open("a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow(last)
    commit(portal, "tambah satu baris")
    return data


def plain_project(portal: Path, target: Path, pages: int) -> Path:
    """A plain MkDocs project with the portal's own mkdocs.yml and content/ plus generated pages,
    `pages` Markdown pages in all, each about the size of a dataset page (a 25-row table)."""
    target.mkdir(parents=True)
    shutil.copy(portal / "mkdocs.yml", target / "mkdocs.yml")
    docs = target / "content"  # the docs_dir of the portal's mkdocs.yml
    shutil.copytree(portal / "content", docs)
    shutil.copytree(ROOT / "generator" / "assets", docs / "assets" / "sebar")
    tables = [p for p in sorted(portal.glob("datasets/*/*/*.csv"))] or [ROOT / "README.md"]
    for n in range(pages - len(list(docs.rglob("*.md")))):  # each Markdown file is one page
        source = tables[n % len(tables)]
        rows = list(csv.reader(source.open(encoding="utf-8", newline="")))[:26]
        page = docs / "data" / f"halaman-{n}" / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(markdown_page(f"Halaman {n} ({MARK})", rows), encoding="utf-8")
    return target


def markdown_page(title: str, rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"

    width = len(rows[0]) if rows else 1
    table = [line(rows[0]), line(["---"] * width), *(line(r) for r in rows[1:])] if rows else []
    columns = [line(["Kolom", "Judul", "Tipe"]), line(["---"] * 3), *(line([c, c.title(), "string"]) for c in rows[0])]
    parts = [f"# {title}", "Deskripsi dataset. " * 10, "## Data", "\n".join(table), "### Kolom", "\n".join(columns)]
    return "\n\n".join(parts)


def big_portal(target: Path, rows: int) -> Path:
    """A portal of one generated table of `rows` rows x 10 typed columns, with limits raised to hold it."""
    # check's own limits are raised so that the measure is the engine, not portal.yml's guard rails
    limits = {"ukuran_file_mb": 4096, "baris": 50_000_000, "sel": 500_000_000, "memori_mb": 20_000, "waktu_detik": 7200}
    portal = new_portal(target, limits)
    folder = portal / "datasets" / BIG_PRODUCER / BIG
    folder.mkdir(parents=True)
    write_big_csv(folder / "data.csv", rows)
    (folder / "datapackage.yaml").write_text(yaml.safe_dump(big_metadata(rows), allow_unicode=True), encoding="utf-8")
    commit(portal, "tabel besar benchmark")
    return portal


COLUMNS = [  # name, Table Schema type
    ("id", "integer"),
    ("kode_wilayah", "string"),
    ("tanggal", "date"),
    ("nama", "string"),
    ("kategori", "string"),
    ("jumlah", "integer"),
    ("nilai", "number"),
    ("persen", "number"),
    ("tahun", "year"),
    ("keterangan", "string"),
]


def write_big_csv(path: Path, rows: int) -> None:
    """Seeded random rows: the same file in every run."""
    pick = random.Random(2026)
    names = ["Andi", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi"]
    kinds = ["pasar", "sekolah", "puskesmas", "kantor", "taman"]
    start = dt.date(2015, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in COLUMNS])
        for n in range(1, rows + 1):
            day = start + dt.timedelta(days=pick.randrange(3650))
            writer.writerow(
                [
                    n,
                    f"32{pick.randrange(1, 28):02d}{pick.randrange(1, 40):02d}{pick.randrange(1, 2000):04d}",
                    day.isoformat(),
                    f"{pick.choice(names)} {pick.choice(names)}",
                    pick.choice(kinds),
                    pick.randrange(100_000),
                    f"{pick.uniform(0, 1e6):.2f}",
                    f"{pick.uniform(0, 100):.1f}",
                    day.year,
                    "" if n % 7 else "catatan benchmark",
                ]
            )


def big_metadata(rows: int) -> dict[str, object]:
    return {
        "name": BIG,
        "title": f"Tabel besar {rows:,} baris ({MARK})",
        "description": f"{MARK}. Baris acak (benih tetap) untuk mengukur kecepatan dan memori Sebar.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "keywords": ["benchmark"],
        "resources": [
            {
                "name": "data",
                "path": "data.csv",
                "title": f"Tabel besar ({MARK})",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "title": name.replace("_", " ").capitalize(), "description": MARK}
                        | ({"constraints": {"required": True, "unique": True}} if name == "id" else {})
                        for name, kind in COLUMNS
                    ]
                },
            }
        ],
        "satudata": {
            "produsen": BIG_PRODUCER,
            "klasifikasi": "terbuka",
            "frekuensi": "tahunan",
            "periode": "2015-2024",
            "topik": "ekonomi",
            "cakupan": {"tingkat": "provinsi", "kode": "32", "nama": "Provinsi Jawa Barat"},
            "sumber": {"nama": MARK},
            "kontak": {"nama": "Benchmark"},
        },
    }
