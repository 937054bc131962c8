"""Messages that teach (issue 9): every YAML mistake in plain Indonesian at its line with the corrected
line to copy, row errors grouped, unused files flagged, one message for a misspelt key, no periode in
the future, and no dataset left out of the portal without a word."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.validate import check
from generator.validate.report import Issue, Report
from tests.conftest import make_portal
from tests.helpers import case_portal

CASE = "format-indonesia"  # a real-shaped dataset: `;`, decimal comma, thousands dots (tests/data/SOURCES.md)


def dataset_file(root: Path) -> Path:
    return root / "datasets" / "dinkes" / CASE / "datapackage.yaml"


def found(root: Path, file: str = f"datasets/dinkes/{CASE}/datapackage.yaml") -> list[Issue]:
    return [issue for issue in check(root)[2].issues if issue.file == file]


def edited(tmp_path: Path, old: str, new: str) -> Path:
    root = case_portal(tmp_path, f"valid/{CASE}")
    path = dataset_file(root)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


# (what the operator typed, slug, line, message, the corrected line the fix ends with)
YAML_MISTAKES = [
    (
        ("  produsen: dinkes", "\tprodusen: dinkes"),
        "pesan-yaml-tab",
        10,
        "Baris 10 memakai karakter tab; YAML hanya menerima spasi untuk indentasi.",
        "Ganti tab dengan spasi (2 spasi di depan); tulis baris 10 menjadi:\n  produsen: dinkes",
    ),
    (
        ("title: Uji format Indonesia", "title: Data: 2020"),
        "pesan-yaml-titik-dua",
        2,
        "Nilai di baris 2 memuat titik dua (:) tanpa tanda kutip, sehingga YAML membacanya sebagai kunci baru.",
        'Beri tanda kutip ganda di sekeliling nilainya; tulis baris 2 menjadi:\ntitle: "Data: 2020"',
    ),
    (
        ("  frekuensi: tahunan", "   frekuensi: tahunan"),
        "pesan-yaml-indentasi",
        12,
        "Baris 12 menjorok 3 spasi, tidak sejajar dengan baris di atasnya; YAML membaca letak sebuah kunci "
        "dari jumlah spasi di depannya.",
        "Tulis baris 12 dengan 2 spasi di depan:\n  frekuensi: tahunan",
    ),
    (
        ("title: Uji format Indonesia", 'title: "Uji format Indonesia'),
        "pesan-yaml-kutip",
        2,
        "Baris 2 membuka tanda kutip atau kurung yang tidak ditutup, sehingga baris-baris sesudahnya terbaca "
        "sebagai bagian dari nilainya.",
        'Tutup dengan " di akhir baris; tulis baris 2 menjadi:\ntitle: "Uji format Indonesia"',
    ),
    (  # the backticks copied from a message that said `2020`
        ('  periode: "2024"', "  periode: `2024`"),
        "pesan-yaml-backtick",
        13,
        "Nilai di baris 13 diawali tanda ` (backtick), yang tidak boleh ada di YAML; tanda itu sering ikut "
        "tersalin dari pesan atau dokumen.",
        'Hapus tanda ` dan pakai tanda kutip ganda; tulis baris 13 menjadi:\n  periode: "2024"',
    ),
    (
        ("  frekuensi: tahunan", "  frekuensi: tahunan\n  frekuensi: bulanan"),
        "yaml-duplicate-key",
        13,
        "Kunci `frekuensi` ditulis dua kali: baris 12 dan baris 13. Yang kedua diam-diam menimpa yang pertama.",
        "Hapus salah satunya (gabungkan isinya di baris 12), lalu jalankan `sebar check` lagi.",
    ),
]


@pytest.mark.parametrize(("edit", "slug", "line", "message", "fix"), YAML_MISTAKES, ids=[m[1] for m in YAML_MISTAKES])
def test_messages_yaml_mistake_named_at_its_line_with_the_corrected_line(tmp_path, edit, slug, line, message, fix):
    root = edited(tmp_path, *edit)
    (issue,) = found(root)
    assert (issue.slug, issue.row, issue.message(), issue.fix()) == (slug, line, message, fix)
    if "\n" in fix:  # the corrected line, pasted over the broken one, makes the file valid again
        path = dataset_file(root)
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = fix.split("\n")[1]
        path.write_text("\n".join(lines), encoding="utf-8")
        assert found(root) == []


def test_messages_yaml_error_in_text_output_in_baris_column_and_fix_on_its_own_line(tmp_path, capsys):
    root = edited(tmp_path, "title: Uji format Indonesia", "title: Data: 2020")
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[2].startswith("  GALAT    2      -      Nilai di baris 2 memuat titik dua (:)")
    assert out[3].strip() == "→ Beri tanda kutip ganda di sekeliling nilainya; tulis baris 2 menjadi:"
    assert out[4].strip() == 'title: "Data: 2020"'  # copied as it is: no backticks around it


def test_messages_other_yaml_problems_said_in_indonesian(tmp_path):
    root = edited(tmp_path, "name: format-indonesia", "name: format-indonesia\n---\nname: lagi")
    (issue,) = found(root)
    assert (issue.slug, issue.row) == ("yaml-error", 2)
    assert "lebih dari satu dokumen YAML" in issue.message() and "expected" not in issue.message()


def test_messages_number_where_text_is_wanted_fix_quotes_it(tmp_path):
    root = edited(tmp_path, '  periode: "2024"', "  periode: 2024")
    (issue,) = found(root)
    assert (issue.slug, issue.row) == ("metadata-invalid", 13)
    assert issue.fix() == (
        "Perbaiki nilai `satudata.periode` dengan tahun atau rentang tahun, di antara tanda kutip. "
        'Tulis:\nperiode: "2024"'
    )


def test_messages_column_named_by_its_header_and_choices_with_atau(tmp_path):
    root = edited(tmp_path, "{name: kecamatan, type: string", "{name: kecamatan, type: teks")
    (issue,) = found(root)
    assert (issue.slug, issue.column) == ("metadata-invalid", "kecamatan")
    assert issue.message() == (
        'Nilai `type` pada kolom "kecamatan" tidak sah: harus salah satu dari '
        "'string', 'integer', 'number', 'boolean', 'date' atau 'year'."
    )
    assert "fields[1]" not in issue.message() and " or " not in issue.message()


def test_messages_misspelt_key_gives_one_message(tmp_path):
    root = edited(tmp_path, "description: >-", "descripton: >-")
    (issue,) = found(root)
    assert (issue.slug, issue.row) == ("pesan-kunci-salah-eja", 3)
    assert issue.message() == (
        "Kunci `descripton` tidak dikenal dan kunci wajib `description` belum ada: tampaknya salah eja. "
        "Maksud Anda `description`?"
    )
    assert issue.fix() == "Perbaiki ejaan kuncinya; tulis baris itu menjadi:\ndescription:"


def test_messages_misspelt_portal_key_gives_one_message(tmp_path):
    root = case_portal(tmp_path)
    path = root / "portal.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("deskripsi:", "deskipsi:"), encoding="utf-8")
    (issue,) = found(root, "portal.yml")
    assert issue.slug == "pesan-kunci-salah-eja" and "Maksud Anda `deskripsi`?" in issue.message()
    assert issue.fix().endswith("\ndeskripsi: Portal untuk pengujian Sebar.")


def test_messages_periode_in_the_future_is_an_error(tmp_path):
    year = dt.date.today().year  # the check's own clock: periode speaks of the real world
    root = edited(tmp_path, '  periode: "2024"', f'  periode: "2020-{year + 1}"')
    (issue,) = found(root)
    assert (issue.slug, issue.severity, issue.row) == ("pesan-periode-masa-depan", "error", 13)
    assert issue.message().startswith(f'`satudata.periode: "2020-{year + 1}"` berakhir pada {year + 1}')
    assert issue.fix().endswith(f'\nperiode: "{year}"')
    path = dataset_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace(f"2020-{year + 1}", f"2020-{year}"), encoding="utf-8")
    assert found(root) == []


def test_messages_unused_file_in_dataset_folder_suggests_its_path(tmp_path):
    """The template's data.csv is checked while the operator's own file sits beside it, unused."""
    root = case_portal(tmp_path, f"valid/{CASE}")
    folder = dataset_file(root).parent
    (folder / "data.csv").rename(folder / "data-saya.csv")
    (folder / "data.csv").write_text("tahun\n", encoding="utf-8")  # what `sebar new` leaves
    (folder / ".gitkeep").write_text("")  # hidden files are no data
    (folder / "README.md").write_text("Catatan.\n")
    issues = check(root)[2].issues
    unused = [i for i in issues if i.slug == "pesan-file-tak-terpakai"]
    assert [(i.file, i.severity, i.message()) for i in unused] == [
        (
            f"datasets/dinkes/{CASE}/datapackage.yaml",
            "warning",
            "File `data-saya.csv` ada di folder dataset, tetapi tidak dipakai tabel mana pun "
            "(`resources[].path` menyebut data.csv).",
        )
    ]
    assert unused[0].fix() == (
        "Bila tidak dipakai, hapus file itu. Bila ini file data Anda (maksud Anda path: data-saya.csv?), "
        "tulis di tabel `data`:\npath: data-saya.csv"
    )
    (folder / "data.csv").unlink()
    (folder / "data-saya.csv").rename(folder / "data.csv")
    assert not any(i.slug == "pesan-file-tak-terpakai" for i in check(root)[2].issues)


def test_messages_terbatas_dataset_listed_as_not_shown_by_check(tmp_path, capsys):
    root = edited(tmp_path, "klasifikasi: terbuka", "klasifikasi: terbatas")
    assert main(["check", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "1 dataset sah.\n"
        "Tidak akan tampil di portal (1 dataset):\n"
        f"  dinkes/{CASE} — klasifikasi terbatas: hanya dataset berklasifikasi terbuka yang mendapat halaman "
        "dan unduhan di portal.\n"
        "Bila data berklasifikasi terbatas memang boleh dipublikasikan, Walidata dapat mengubahnya menjadi:\n"
        "    klasifikasi: terbuka\n"
    )
    assert main(["check", "--root", str(root), "--format", "json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"  # JSON stays the report's data


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_portal(tmp_path_factory.mktemp("teach") / "portal", commit=False)


def test_messages_repeated_row_errors_grouped_with_ranges_and_count(demo, tmp_path, capsys):
    """A real Open Data Jabar table whose numbers were typed the Indonesian-Excel way in rows 3–29 and 31."""
    root = Path(shutil.copytree(demo, tmp_path / "portal"))
    folder = root / "datasets" / "opendata-jabar" / "penduduk-miskin"
    (data,) = folder.glob("*.csv")
    lines = data.read_text(encoding="utf-8").split("\n")
    for n in [*range(2, 29), 30]:  # file rows 3–29 and 31
        cells = lines[n].split(",")
        cells[5] = '"' + cells[5].replace(".", ",") + '"'
        lines[n] = ",".join(cells)
    data.write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "[decimal-comma]" in line]
    assert rows == [
        "  GALAT    3–29, 31  jumlah_penduduk_miskin  Nilai `362,2` di kolom `jumlah_penduduk_miskin` memakai "
        "koma desimal, tetapi skema kolom ini belum menyatakannya. — baris 3–29, 31 (28 baris) [decimal-comma]"
    ]
    assert "2 galat" not in out and "28 galat, 0 peringatan." in out
    assert out.count('decimalChar: ","') == 1
    # the JSON report keeps one issue per row, for tools
    assert main(["check", "--root", str(root), "--format", "json"]) == 1
    report = yaml.safe_load(capsys.readouterr().out)
    assert [i["row"] for i in report if i["slug"] == "decimal-comma"] == [*range(3, 30), 31]
    # and the datasets that will not appear are named, with why
    assert "  opendata-jabar/penduduk-miskin — belum lolos pemeriksaan" in out
    assert "  opendata-jabar/pengeluaran-per-kapita-internal — klasifikasi terbatas" in out


def test_messages_text_wrapped_to_width_but_lines_to_copy_never(tmp_path):
    issue = Issue(
        "pesan-file-tak-terpakai",
        "dinkes/x",
        "d.yaml",
        params={"path": "a" * 10 + ".csv", "used": "data.csv", "name": "data"},
    )
    text = Report((issue,)).to_text(width=60)
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines), text
    assert "                                path: aaaaaaaaaa.csv" in lines
    assert Report((issue,)).to_text().count("\n") == 5  # no width: one line each, as in a CI log


def test_messages_serve_rebuild_names_the_datasets_not_shown(tmp_path):
    from generator.serve import rebuild

    root = edited(tmp_path, "klasifikasi: terbuka", "klasifikasi: terbatas")
    said = rebuild(root, tmp_path / "site", preview="http://127.0.0.1:8000/")
    assert said.startswith("Dibangun ulang: 0 dataset")
    assert f"Tidak akan tampil di portal (1 dataset):\n  dinkes/{CASE} — klasifikasi terbatas" in said
