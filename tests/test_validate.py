"""validate: each broken fixture fails with the exact issues expected; metadata checks."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from generator.validate import check
from tests.helpers import case_portal


def issues(root, lang="id"):
    _, _, report = check(root)
    return [(i["slug"], i["file"].split("/")[-1], i["row"], i["column"], i["message"]) for i in report.flatten(lang)]


def test_check_bad_csv_rows_too_long_too_short_and_mixed_types(tmp_path):
    assert issues(case_portal(tmp_path, "invalid/bad-csv")) == [
        (
            "extra-cell",
            "bad.csv",
            2,
            "ke-4",
            "Baris 2 berisi nilai lebih (`I'm too long!`) di kolom ke-4, di luar kolom yang ada.",
        ),
        ("type-error", "bad.csv", 3, "column_b", "Nilai `I'm too short!` di kolom `column_b` bukan bilangan bulat."),
        ("missing-cell", "bad.csv", 3, "column_c", "Baris 3 tidak punya sel untuk kolom `column_c`."),
        (
            "type-error",
            "bad.csv",
            4,
            "column_b",
            "Nilai `mixed types.... uh oh` di kolom `column_b` bukan bilangan bulat.",
        ),
    ]


def test_check_invalid_csv_blank_and_duplicate_headers_blank_row_extra_cell(tmp_path):
    found = issues(case_portal(tmp_path, "invalid/invalid-csv"))
    assert found[:2] == [
        ("blank-label", "invalid.csv", 1, "keterangan", "Judul kolom ke-3 kosong."),
        ("duplicate-label", "invalid.csv", 1, "name2", "Judul kolom ke-4 `name` sama dengan judul kolom ke-2."),
    ]
    assert ("blank-row", "invalid.csv", 4, None, "Baris 4 kosong.") in found
    assert found[-1] == (
        "extra-cell",
        "invalid.csv",
        5,
        "ke-5",
        "Baris 5 berisi nilai lebih (`3`) di kolom ke-5, di luar kolom yang ada.",
    )


def test_check_duplicate_headers_three_columns_named_id(tmp_path):
    assert [f[0:4] + (f[4],) for f in issues(case_portal(tmp_path, "invalid/duplicate-headers"))] == [
        ("duplicate-label", "duplicate-headers.csv", 1, "id2", "Judul kolom ke-3 `id` sama dengan judul kolom ke-1."),
        (
            "duplicate-label",
            "duplicate-headers.csv",
            1,
            "id3",
            "Judul kolom ke-5 `id` sama dengan judul kolom ke-1, ke-3.",
        ),
    ]


def test_check_english_messages_with_lang_en(tmp_path):
    found = issues(case_portal(tmp_path, "invalid/bad-csv"), lang="en")
    assert found[1][4] == "Value `I'm too short!` in column `column_b` is not a whole number."


def edit_meta(root, name, change):
    path = root / "datasets" / "dinkes" / name / "datapackage.yaml"
    meta = yaml.safe_load(path.read_text())
    change(meta)
    path.write_text(yaml.safe_dump(meta, allow_unicode=True))


def test_check_missing_frekuensi_and_not_a_number(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    edit_meta(root, "latin1", lambda m: m["satudata"].pop("frekuensi"))
    data = root / "datasets" / "dinkes" / "latin1" / "test_latin1.csv"
    data.write_bytes(data.read_bytes().replace(b"4,5", b"4,lima"))
    assert [(f[0], f[2], f[3], f[4]) for f in issues(root)] == [
        ("metadata-missing", 24, None, "Kunci `satudata.frekuensi` wajib diisi tetapi belum ada."),  # under satudata:
        ("type-error", 3, "b", "Nilai `lima` di kolom `b` bukan bilangan bulat."),
    ]


def test_check_unknown_producer_topic_and_classification(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")

    def change(meta):
        meta["satudata"].update(produsen="bappeda", topik="olahraga", klasifikasi="rahasia")

    edit_meta(root, "latin1", change)
    found = issues(root)
    assert [f[0] for f in found] == ["metadata-invalid"]
    assert "harus salah satu dari 'terbuka', 'terbatas' atau 'dikecualikan'" in found[0][4]
    edit_meta(root, "latin1", lambda m: m["satudata"].update(klasifikasi="terbuka"))
    assert [f[4] for f in issues(root)] == [
        "`satudata.produsen: bappeda` berbeda dengan folder produsen `dinkes`.",
        "Produsen `bappeda` tidak terdaftar di portal.yml.",
        "Topik `olahraga` tidak terdaftar di portal.yml.",
    ]


def test_check_resource_path_outside_dataset_folder(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    (root / "rahasia.csv").write_text("a,b,c\n1,2,3\n")
    edit_meta(root, "latin1", lambda m: m["resources"][0].update(path="../../../rahasia.csv"))
    assert [(f[0], f[4]) for f in issues(root)] == [
        ("resource-outside", "Path `../../../rahasia.csv` menunjuk ke luar folder dataset."),
        (  # the file the dataset had: the likely meant path
            "pesan-file-tak-terpakai",
            "File `test_latin1.csv` ada di folder dataset, tetapi tidak dipakai tabel mana pun "
            "(`resources[].path` menyebut ../../../rahasia.csv).",
        ),
    ]


def test_check_misspelt_key_suggests_the_right_one(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    edit_meta(root, "latin1", lambda m: m["satudata"].update(frekwensi=m["satudata"].pop("frekuensi")))
    assert [f[4] for f in issues(root)] == [  # one message, not "unknown frekwensi" + "missing frekuensi"
        "Kunci `frekwensi` tidak dikenal dan kunci wajib `frekuensi` belum ada: tampaknya salah eja. "
        "Maksud Anda `frekuensi`?",
    ]


def test_check_two_resources_with_one_name(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    edit_meta(root, "latin1", lambda m: m["resources"].append(dict(m["resources"][0])))
    assert [(f[0], f[4]) for f in issues(root)] == [
        ("resource-duplicate", "Dua tabel atau lebih bernama `data` di `resources`.")
    ]


def test_check_yaml_syntax_error_names_the_line(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    path = root / "datasets" / "dinkes" / "latin1" / "datapackage.yaml"
    path.write_text("name: latin1\ntitle: [tidak ditutup\n")
    (found,) = issues(root)
    assert found[0] == "pesan-yaml-kutip" and "Baris 2" in found[4]


def run_cli(root, *args):
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def test_cli_check_duplicate_headers_prints_table_and_exits_1(tmp_path):
    run = run_cli(case_portal(tmp_path, "invalid/duplicate-headers"), "check")
    assert run.returncode == 1 and run.stderr == ""
    assert run.stdout == (
        "datasets/dinkes/duplicate-headers/duplicate-headers.csv\n"
        "  TINGKAT  BARIS  KOLOM  MASALAH → PERBAIKAN\n"
        "  GALAT    1      id2    Judul kolom ke-3 `id` sama dengan judul kolom ke-1. [duplicate-label]\n"
        "                         → Beri setiap kolom judul yang unik, sama dengan `name` di skema.\n"
        "  GALAT    1      id3    Judul kolom ke-5 `id` sama dengan judul kolom ke-1, ke-3. [duplicate-label]\n"
        "                         → Beri setiap kolom judul yang unik, sama dengan `name` di skema.\n"
        "2 galat, 0 peringatan.\n"
        "0 dataset sah.\n"
        "Tidak akan tampil di portal (1 dataset):\n"
        "  dinkes/duplicate-headers — belum lolos pemeriksaan (lihat galat di atas); selama ada galat, portal "
        "tidak dibangun sama sekali.\n"
    )


@pytest.mark.parametrize(
    ("case", "file", "line"),
    [
        (
            "invalid/bad-csv",
            "bad.csv",
            "  GALAT    3–4    column_b  Nilai `I'm too short!` di kolom `column_b` bukan bilangan bulat. — baris 3–4 "
            "(2 baris)",
        ),
        ("invalid/invalid-csv", "invalid.csv", "  GALAT    4      -           Baris 4 kosong. [blank-row]"),
        ("invalid/duplicate-headers", "duplicate-headers.csv", "  GALAT    1      id2    Judul kolom ke-3 `id`"),
    ],
)
def test_cli_check_each_broken_fixture_names_file_row_column(tmp_path, case, file, line):
    run = run_cli(case_portal(tmp_path, case), "check")
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout.startswith(f"datasets/dinkes/{case.split('/')[1]}/{file}\n")
    assert any(printed.startswith(line) for printed in run.stdout.splitlines()), run.stdout


def test_cli_missing_portal_yml_is_an_issue_not_a_traceback(tmp_path):
    run = run_cli(tmp_path, "--lang", "en", "check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "portal.yml was not found in `.`." in run.stdout


def test_cli_check_valid_portal_exit_0_json(tmp_path):
    root = case_portal(tmp_path, "valid/latin1", "valid/locale")
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(root), "--lang", "en", "check", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and run.stdout.strip() == "[]"


def test_check_schema_constraints_on_real_population_table(tmp_path):
    """One defect per constraint, typed into a copy of the real Open Data Jabar table."""
    from tests.conftest import make_portal

    root = make_portal(tmp_path / "demo", commit=False)
    (data,) = (root / "datasets/opendata-jabar/penduduk-jenis-kelamin").glob("*.csv")
    lines = data.read_text().split("\n")
    lines[2] = lines[2].replace("PEREMPUAN", "P")  # row 3: not in enum
    lines[3] = lines[3].replace(",1258939,", ",-1258939,")  # row 4: below minimum
    lines[4] = "3" + lines[4][1:]  # row 5: id 3 again
    lines[5] = lines[5].replace(",3203,", ",,")  # row 6: required code left empty
    data.write_text("\n".join(lines))
    assert [(f[0], f[2], f[3], f[4]) for f in issues(root)] == [
        (
            "constraint-error",
            3,
            "jenis_kelamin",
            "Nilai `P` di kolom `jenis_kelamin` melanggar batasan `enum` (LAKI-LAKI, PEREMPUAN).",
        ),
        (
            "constraint-error",
            4,
            "jumlah_penduduk",
            "Nilai `-1258939` di kolom `jumlah_penduduk` melanggar batasan `minimum` (0).",
        ),
        ("unique-error", 5, "id", "Nilai `3` di kolom `id` sudah ada di baris 4; kolom ini harus unik."),
        ("required-error", 6, "kode_kabupaten_kota", "Kolom `kode_kabupaten_kota` wajib diisi, tetapi kosong."),
    ]


def test_check_portal_yml_with_a_producer_code_twice(tmp_path):
    root = case_portal(tmp_path)
    portal = yaml.safe_load((root / "portal.yml").read_text())
    portal["produsen"].append(dict(portal["produsen"][0], nama="Dinas Kesehatan (lagi)"))
    (root / "portal.yml").write_text(yaml.safe_dump(portal, allow_unicode=True))
    line = (root / "portal.yml").read_text().splitlines().index("produsen:") + 1  # safe_dump sorts the keys
    assert issues(root) == [
        ("metadata-invalid", "portal.yml", line, None, "Nilai `produsen` tidak sah: kode produsen harus unik.")
    ]
