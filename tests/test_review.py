"""`sebar review`: the PIC's report on two commits of a real Git repository made from the demo portal."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from generator import load
from generator.cli import main
from generator.config import Dialect
from generator.sop import markdown
from generator.sop.review import review
from generator.sop.tablediff import diff_tables
from tests.conftest import ROOT, git
from tests.helpers import DEMO_PUBLICATIONS

DATASETS = (
    "bandung/objek-wisata-belanja",
    "bandung/supermarket-minimarket-mall",
    "bandung/perguruan-tinggi-kecamatan",
    "opendata-jabar/pengeluaran-per-kapita",
    "opendata-jabar/pengeluaran-per-kapita-internal",
)
SECRET_CELL = "NILAI-RAHASIA-7731"
SECRET_META = "URAIAN-RAHASIA-4410"


def portal_repo(target: Path, datasets: tuple[str, ...] = DATASETS) -> Path:
    """portal.yml, mkdocs.yml, content/ and a few demo datasets, committed on `main`."""
    target.mkdir()
    for name in ("portal.yml", "mkdocs.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "content", target / "content", ignore=DEMO_PUBLICATIONS)
    for name in datasets:
        shutil.copytree(ROOT / "datasets" / name, target / "datasets" / name)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Portal demo")
    return target


def csv_file(root: Path, dataset: str) -> Path:
    return next((root / "datasets" / dataset).glob("*.csv"))


def edit_rows(path: Path, change, delimiter: str = ",") -> None:
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    rows = change(rows)
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit_branch(root: Path, message: str = "Usulan") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, str]:
    """One pull request: a changed cell, an added and a removed row, a metadata change, a re-saved CSV,
    a new dataset, a deleted one, a content page, and a change to a `terbatas` dataset."""
    root = portal_repo(tmp_path_factory.mktemp("review") / "portal")
    git(root, "checkout", "-q", "-b", "usulan")

    def shop_rows(rows: list[list[str]]) -> list[list[str]]:
        rows[1][6] = "CIWALK BARU"  # id 1: a changed cell
        del rows[3]  # id 3: a removed row
        return [
            *rows,
            ["999", "32", "JAWA BARAT", "3273", "KOTA BANDUNG", "OUTLET", "PASAR KOSAMBI", "JL. KOSAMBI", "", "2021"],
        ]

    edit_rows(csv_file(root, "bandung/objek-wisata-belanja"), shop_rows)
    supermarket = root / "datasets/bandung/supermarket-minimarket-mall"
    replace_text(supermarket / "datapackage.yaml", 'periode: "2019"', 'periode: "2020"')
    edit_rows(csv_file(root, "bandung/supermarket-minimarket-mall"), lambda rows: rows, delimiter=";")  # same values
    shutil.rmtree(root / "datasets/bandung/perguruan-tinggi-kecamatan")
    shutil.copytree(
        ROOT / "datasets/opendata-jabar/garis-kemiskinan-provinsi",
        root / "datasets/opendata-jabar/garis-kemiskinan-provinsi",
    )
    internal = root / "datasets/opendata-jabar/pengeluaran-per-kapita-internal"
    replace_text(internal / "datapackage.yaml", "Ini salinan internal", f"{SECRET_META} Ini salinan internal")

    def secret(rows: list[list[str]]) -> list[list[str]]:
        rows[5][4] = SECRET_CELL
        return rows[:-1]

    edit_rows(csv_file(root, "opendata-jabar/pengeluaran-per-kapita-internal"), secret)
    with (root / "content/bantuan/index.md").open("a", encoding="utf-8") as file:
        file.write("\nSatu kalimat baru.\n")
    commit_branch(root)
    data = review(root, "main", "usulan", pratinjau="https://example.github.io/pratinjau/12/")
    return root, data, markdown.render(data)


def entry(data: dict, name: str) -> dict:
    return next(d for d in data["dataset"] if d["dataset"] == name)


def test_review_changed_cell_added_and_removed_row(scenario):
    _, data, text = scenario
    table = entry(data, "bandung/objek-wisata-belanja")["tabel"][0]
    assert (table["baris_lama"], table["baris_baru"]) == (326, 326)
    assert (table["ditambah"], table["dihapus"], table["diubah"], table["sel_diubah"]) == (1, 1, 1, 1)
    changed = next(c for c in table["perubahan"] if c["jenis"] == "diubah")
    assert changed["sel"] == {"nama_objek_wisata": ["CIWALK", "CIWALK BARU"]} and changed["baris"] == 2
    added = next(c for c in table["perubahan"] if c["jenis"] == "ditambah")
    assert added["sel"]["nama_objek_wisata"] == [None, "PASAR KOSAMBI"]
    removed = next(c for c in table["perubahan"] if c["jenis"] == "dihapus")
    assert removed["sel"]["id"] == ["3", None] and removed["baris"] == 4
    assert "| diubah | 2 | nama\\_objek\\_wisata: CIWALK → CIWALK BARU |" in text
    assert "PASAR KOSAMBI" in text and "326 → 326 baris: 1 ditambah, 1 dihapus, 1 diubah (1 sel)" in text


def test_review_metadata_change_and_resaved_csv(scenario):
    _, data, text = scenario
    shops = entry(data, "bandung/supermarket-minimarket-mall")
    assert shops["metadata"] == [{"kunci": "satudata.periode", "lama": "2019", "baru": "2020"}]
    assert '- `satudata.periode`: "2019" → "2020"' in text
    # the CSV was re-saved with `;`: the rows Sebar reads are the same
    assert shops["tabel"][0]["diubah"] == shops["tabel"][0]["ditambah"] == shops["tabel"][0]["dihapus"] == 0
    assert "Tabel **data**: isi tidak berubah." in text


def test_review_new_and_deleted_dataset(scenario):
    _, data, text = scenario
    new = entry(data, "opendata-jabar/garis-kemiskinan-provinsi")
    gone = entry(data, "bandung/perguruan-tinggi-kecamatan")
    assert (new["perubahan"], gone["perubahan"]) == ("ditambah", "dihapus")
    assert new["tabel"][0] == {"nama": "data", "tabel": "baru", "baris_lama": 0, "baris_baru": 1}
    assert gone["tabel"][0]["baris_lama"] == 30 and gone["kelengkapan"] is None
    assert data["ringkasan"]["dataset"] == {"ditambah": 1, "diubah": 3, "dihapus": 1, "diganti nama": 0}
    assert "### `opendata-jabar/garis-kemiskinan-provinsi`" in text and "(ditambah)" in text
    assert "### `bandung/perguruan-tinggi-kecamatan`" in text and "tabel dihapus, 30 baris" in text
    pages = data["halaman_situs"]["alamat"]
    assert (
        "/dataset/bandung/perguruan-tinggi-kecamatan/" in pages
        and "/dataset/opendata-jabar/garis-kemiskinan-provinsi/" in pages
    )
    assert {"/", "/katalog/", "/produsen/bandung/", "/topik/pendidikan/", "/bantuan/"} <= set(pages)
    assert "/dataset/opendata-jabar/pengeluaran-per-kapita-internal/" not in pages  # not terbuka: no page
    assert data["halaman_konten"] == [
        {"file": "content/bantuan/index.md", "perubahan": "diubah", "file_lama": None, "alamat": "/bantuan/"}
    ]


def test_review_verdict_preview_and_checklist(scenario):
    _, data, text = scenario
    assert data["status"] == "siap-ditinjau" and data["ringkasan"]["galat"] == 0
    assert text.startswith(
        "## ✅ Laporan review Sebar: siap ditinjau — 1 dataset ditambah, 3 dataset diubah, 1 dataset dihapus"
    )
    assert "**Pratinjau situs:** [buka pratinjau](https://example.github.io/pratinjau/12/)" in text
    check = entry(data, "bandung/objek-wisata-belanja")["kelengkapan"]
    filled = {item["kunci"]: item["terisi"] for item in check["butir"]}
    assert filled["title"] and filled["satudata.sumber.nama"] and not filled["satudata.kontak.email"]
    assert check["data_pribadi"].startswith("tidak ditemukan") and check["lisensi"]
    assert "Wajib: 11 dari 11 terisi ✔" in text


def test_review_restricted_dataset_shows_only_counts(scenario):
    root, data, text = scenario
    internal = entry(data, "opendata-jabar/pengeluaran-per-kapita-internal")
    table = internal["tabel"][0]
    assert (table["diubah"], table["dihapus"], table["ditambah"]) == (1, 1, 0)
    assert "perubahan" not in table and internal["metadata"] == [{"kunci": "description"}]
    assert internal["kelengkapan"]["kontak"] is None
    whole = json.dumps(data, ensure_ascii=False)
    assert SECRET_CELL not in whole and SECRET_META not in whole
    assert SECRET_CELL not in text and SECRET_META not in text
    section = text.split("### `opendata-jabar/pengeluaran-per-kapita-internal`")[1].split("###")[0]
    for private in ("KABUPATEN", "Rina, Operator", "Kontak:", "Lisensi:", "nama_kabupaten_kota"):
        assert private not in section
    assert "294 → 293 baris: 0 ditambah, 1 dihapus, 1 diubah (1 sel)" in section and "<details>" not in section


def test_review_primary_key_alignment_differs_from_row_content(tmp_path):
    name = "opendata-jabar/pengeluaran-per-kapita"
    reports = {}
    for key in (False, True):
        root = tmp_path / f"kunci-{key}"
        spec = ROOT / "datasets" / name / "datapackage.yaml"
        portal_repo(root, (name,))
        if key:
            replace_text(
                root / "datasets" / name / "datapackage.yaml", "    schema:\n", "    schema:\n      primaryKey: [id]\n"
            )
            commit_branch(root, "primaryKey")
        assert spec.exists()
        git(root, "checkout", "-q", "-b", "usulan")

        def renumber(rows: list[list[str]]) -> list[list[str]]:
            rows[10][0] = "5000"  # a new id, every other cell the same
            rows[20][5] = "1.5"
            return rows

        edit_rows(csv_file(root, name), renumber)
        commit_branch(root)
        reports[key] = review(root, "HEAD~1")["dataset"][0]["tabel"][0]
    by_content, by_key = reports[False], reports[True]
    assert by_content["dicocokkan_dengan"] == "isi baris" and by_key["dicocokkan_dengan"] == "primaryKey"
    assert (by_content["diubah"], by_content["ditambah"], by_content["dihapus"]) == (2, 0, 0)
    assert {"id": ["10", "5000"]} in [c["sel"] for c in by_content["perubahan"]]
    assert (by_key["diubah"], by_key["ditambah"], by_key["dihapus"]) == (1, 1, 1)
    changed = next(c for c in by_key["perubahan"] if c["jenis"] == "diubah")
    assert changed["kunci"] == {"id": "20"} and changed["sel"] == {
        "pengeluaran_per_kapita": [changed["sel"]["pengeluaran_per_kapita"][0], "1.5"]
    }


def test_review_big_diff_is_summarised_and_capped(tmp_path):
    name = "opendata-jabar/pengeluaran-per-kapita"
    root = portal_repo(tmp_path / "portal", (name,))
    git(root, "checkout", "-q", "-b", "usulan")
    edit_rows(csv_file(root, name), lambda rows: [rows[0]] + [[*r[:6], "RIBU RUPIAH/BULAN", r[7]] for r in rows[1:]])
    commit_branch(root)
    data = review(root, "main")
    table = data["dataset"][0]["tabel"][0]
    assert (table["diubah"], table["sel_diubah"]) == (294, 294)
    assert len(table["perubahan"]) == 20 and table["perubahan_tidak_ditampilkan"] == 274
    text = markdown.render(data)
    assert "20 perubahan pertama (dan 274 lagi)" in text and len(text) < 20_000
    short = markdown.render(data, limit=1_500)
    assert len(short) <= 1_500 and "**Laporan dipangkas**" in short
    assert short.count("<details>") == short.count("</details>")


def test_review_head_with_validation_error(tmp_path, capsys):
    name = "opendata-jabar/pengeluaran-per-kapita"
    root = portal_repo(tmp_path / "portal", (name,))
    git(root, "checkout", "-q", "-b", "usulan")
    edit_rows(csv_file(root, name), lambda rows: [rows[0], [*rows[1][:5], "banyak", *rows[1][6:]], *rows[2:]])
    commit_branch(root)
    assert main(["review", "--root", str(root), "--base", "main", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ada-galat" and data["ringkasan"]["galat"] >= 1
    issue = next(i for i in data["masalah"] if i["severity"] == "error")
    assert issue["column"] == "pengeluaran_per_kapita" and issue["row"] == 2
    assert main(["review", "--root", str(root), "--base", "main"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## ❌ Laporan review Sebar: ada galat (")
    assert "| **GALAT** | datasets/opendata-jabar/pengeluaran-per-kapita/" in text and "`" + issue["slug"] + "`" in text


def test_review_bad_ref_is_a_clear_error(tmp_path, capsys):
    root = portal_repo(tmp_path / "portal", ("bandung/perguruan-tinggi-kecamatan",))
    assert main(["review", "--root", str(root), "--base", "cabang-yang-tidak-ada"]) == 2
    err = capsys.readouterr().err
    assert "Galat: --base cabang-yang-tidak-ada: revisi tidak ditemukan" in err and "Traceback" not in err
    assert main(["review", "--root", str(tmp_path), "--base", "main"]) == 2
    assert "bukan repositori Git" in capsys.readouterr().err


def test_tablediff_without_daff_pairs_by_key_or_only_counts():
    """Past DAFF_ROWS differing rows: a dict join on the key, or, without one, counts of added and removed."""
    path = ROOT / "datasets/kemendagri/kode-wilayah-jatim/dagri2017.jatim35.csv"
    old = load.read_table(path, Dialect())
    rows = [[*r[:4], r[4] + " BARU", r[5]] for r in old.rows[:100]] + old.rows[100:]
    new = type(old)(old.header, old.header_row, rows, old.line_numbers)
    keyed = diff_tables(old, new, ["code"], daff_rows=50)
    assert (keyed.changed, keyed.added, keyed.removed, keyed.aligned_by) == (100, 0, 0, "primaryKey")
    assert keyed.changes[0].cells == {"name": ("Jawa Timur", "Jawa Timur BARU")} and keyed.changes[0].key == {
        "code": "35"
    }
    loose = diff_tables(old, new, [], daff_rows=50)
    assert (loose.changed, loose.added, loose.removed, loose.paired) == (0, 100, 100, False)
    small = diff_tables(old, new, [])
    assert (small.changed, small.added, small.removed, small.paired) == (100, 0, 0, True)


def test_markdown_cell_values_are_inert():
    text = markdown.md("<img src=x> @budi-pic | `kode` #12 [a](javascript:x)\nbaris https://contoh.id", 200)
    assert "<" not in text and "\n" not in text and "@budi" not in text and "#12" not in text
    assert "\\|" in text and "\\`kode\\`" in text and "\\[a\\]\\(javascript:x\\)" in text and "://" not in text
    assert len(markdown.md("x" * 500)) <= 61
