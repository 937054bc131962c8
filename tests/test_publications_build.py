"""Publications built from content/: blocks in pages, the demo dashboard, infographic and book, and
the check that stops a wrong block before anything is written."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from generator.build import InvalidContent, build
from generator.cli import main
from generator.publications.infographic import png_size
from generator.validate import check
from generator.validate.publications import read_pages
from generator.views.data import apply, frame
from generator.views.model import View
from tests.conftest import make_portal

DASBOR = "publikasi/dasbor-kemiskinan"
INFOGRAFIS = "publikasi/infografis-kemiskinan-2020"
BUKU = "publikasi/jabar-dalam-angka"


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_publication_wrong_block_fails_check_with_page_block_line_and_fix(tmp_path, capsys):
    root = make_portal(tmp_path / "portal", commit=False)
    page = root / "content" / f"{DASBOR}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("y: pengeluaran_per_kapita\nurut", "y: pengeluaran\nurut"), encoding="utf-8")
    _, _, report = check(root)
    (issue,) = report.errors
    assert (issue.slug, issue.file, issue.row) == ("view-field-unknown", f"content/{DASBOR}.md", 47)
    assert issue.message() == (
        "blok grafik ke-2, baris 47: kolom `pengeluaran` (kunci `y`) tidak ada di tabel `data` dataset "
        "`opendata-jabar/pengeluaran-per-kapita`."
    )
    assert issue.fix().startswith("Tulis nama kolom persis seperti di `schema.fields`: `id`, `kode_provinsi`")
    assert main(["check", "--root", str(root)]) == 1
    assert "blok grafik ke-2, baris 47" in capsys.readouterr().out
    with pytest.raises(InvalidContent):
        build(root, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert not (tmp_path / "site").exists()


def test_publication_infographic_counts_and_dashboard_filter_checked(tmp_path):
    root = make_portal(tmp_path / "portal", commit=False)
    info = root / "content" / f"{INFOGRAFIS}.md"
    info.write_text(re.sub(r"```angka\n.*?```\n", "", info.read_text(encoding="utf-8"), count=1, flags=re.S))
    dash = root / "content" / f"{DASBOR}.md"
    dash.write_text(dash.read_text(encoding="utf-8").replace("saring: [tahun]", "saring: [tahun, kecamatan]"))
    issues = {(i.slug, i.file, i.message()) for i in check(root)[2].errors}
    assert issues == {
        (
            "infographic-blocks",
            f"content/{INFOGRAFIS}.md",
            "Infografis memuat 2 blok `angka`; halamannya dirancang untuk 3–6.",
        ),
        (
            "dashboard-filter-field",
            f"content/{DASBOR}.md",
            "Penyaring dasbor `kecamatan` (`saring`) bukan kolom dataset blok mana pun di halaman ini.",
        ),
    }


def test_publication_examples_in_help_pages_stay_examples(tmp_path):
    """Blocks shown inside a 4-backtick or ```yaml fence are code: never checked, never rendered."""
    root = Path(__file__).resolve().parents[1]
    portal = check(root)[0]
    assert portal is not None
    text = "# Contoh\n\n````markdown\n```grafik\njenis: tidak-ada\n```\n````\n\n```yaml\njenis: x\n```\n"
    pages, issues, placed = read_pages(portal, {"bantuan/contoh.md": _write(tmp_path / "contoh.md", text)})
    assert issues == [] and placed == [] and not pages["bantuan/contoh.md"].published


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_view_teratas_keeps_the_largest(tmp_path):
    datasets = {f"{d.produsen}/{d.slug}": d for d in check(Path(__file__).resolve().parents[1])[1]}
    miskin = datasets["opendata-jabar/penduduk-miskin"]
    view = View(
        jenis="batang-mendatar", x="nama_kabupaten_kota", y="jumlah_penduduk_miskin", saring={"tahun": 2020}, teratas=5
    )
    rows = apply(view, frame(miskin, None, ["nama_kabupaten_kota", "jumlah_penduduk_miskin", "tahun"]))
    top = rows.sort_values("jumlah_penduduk_miskin", ascending=False)
    assert len(rows) == 5
    assert top["nama_kabupaten_kota"].iloc[0] == "KABUPATEN BOGOR"


def test_publication_demo_dashboard_built_with_filter_for_every_year(demo_site):
    page = html(demo_site, DASBOR)
    assert page.count('class="sebar-grafik"') == 4 and page.count('class="sebar-angka__kartu"') == 3
    assert 'data-src="saring.json"' in page and '<option value="2020" selected>' in page
    data = json.loads((demo_site / DASBOR / "saring.json").read_text(encoding="utf-8"))
    assert data["saring"] == ["tahun"] and sorted(data["nilai"]) == [str(y) for y in range(2013, 2021)]
    for year, entry in data["nilai"].items():
        # the line over years follows no filter: three charts and three headlines per year
        assert sorted(entry["grafik"]) == ["grafik-1", "grafik-2", "grafik-3"]
        assert {v["periode"] for v in entry["angka"].values()} == {year}
        for chart in entry["grafik"].values():
            assert (demo_site / DASBOR / chart["svg"]).resolve().is_file()
            assert (demo_site / DASBOR / chart["json"]).resolve().is_file()
    assert data["nilai"]["2020"]["angka"]["angka-1"]["perubahan"] == "naik 15,3% dibanding 2019"
    for src in re.findall(r'<img src="([^"]+\.svg)"', page):
        assert (demo_site / DASBOR / src).resolve().is_file()


def test_publication_demo_infographic_png_and_pdf_downloadable(demo_site):
    page = html(demo_site, INFOGRAFIS)
    assert 'href="infografis-kemiskinan-2020.png" download>Unduh PNG</a>' in page
    assert 'href="infografis-kemiskinan-2020.pdf" download>Unduh PDF</a>' in page
    assert 'class="infografis tema-biru' in page and "infografis.css" in page
    assert (demo_site / "assets/sebar/infografis.css").is_file()
    png = (demo_site / INFOGRAFIS / "infografis-kemiskinan-2020.png").read_bytes()
    assert png_size(png) == (1080, 1350)
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(1_000_000)
    assert colours is not None and len(colours) > 50  # not blank: text, cards and charts
    pdf = PdfReader(demo_site / INFOGRAFIS / "infografis-kemiskinan-2020.pdf")
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for words in ("Kemiskinan Jawa Barat 2020", "Penduduk miskin", "3.920,23", "Kabupaten Bogor"):
        assert words in text


def test_publication_demo_book_pdf_toc_and_titles(demo_site):
    page = html(demo_site, BUKU)
    assert 'href="jabar-dalam-angka.pdf" download>Unduh PDF</a>' in page
    assert not (demo_site / BUKU / "kemiskinan").exists()  # chapters are parts of the book, not pages
    pdf = PdfReader(demo_site / BUKU / "jabar-dalam-angka.pdf")
    pages = [p.extract_text() for p in pdf.pages]
    assert 10 <= len(pages) <= 40
    text = "\n".join(pages)
    titles = [
        "Penduduk menurut kabupaten/kota dan jenis kelamin, 2020",
        "Penduduk Jawa Barat menurut jenis kelamin, 2013–2020",
        "Penduduk menurut kabupaten/kota, 2018–2020",
        "Penduduk miskin per kabupaten/kota, 2020",
        "Penduduk miskin menurut kabupaten/kota, 2016–2020 (ribu jiwa)",
        "Penduduk miskin Jawa Barat, 2002–2020",
        "Garis kemiskinan per kapita per bulan Jawa Barat, 2018–2020",
        "Pengeluaran per kapita menurut kabupaten/kota, 2020",
        "Pengeluaran per kapita menurut kabupaten/kota, 2018–2020 (ribu rupiah)",
    ]
    for title in ["Kependudukan", "Kemiskinan", "Pengeluaran per Kapita", "Kata Pengantar", *titles]:
        assert title in text, title
    # the table of contents: each chapter with the page it starts on
    toc = next(n for n, t in enumerate(pages) if "Daftar Isi" in t)
    for number, chapter in enumerate(["Kependudukan", "Kemiskinan", "Pengeluaran per Kapita"], start=1):
        found = re.search(rf"Bab {number} {re.escape(chapter)}[ .]*?(\d+)\s*$", pages[toc], re.M)
        assert found, chapter
        start = int(found.group(1))
        assert f"Bab {number}" in pages[start - 1] and chapter in pages[start - 1]
    for title in titles:  # in the book's HTML too, figures by their SVG files
        assert title in page
    for src in re.findall(r'<img src="(\.\./\.\./grafik/[^"]+\.svg)"', page):
        assert (demo_site / BUKU / src).resolve().is_file()


def test_publication_rebuild_byte_identical(demo_portal, demo_site, tmp_path):
    again = build(demo_portal, tmp_path / "site", cache_dir=tmp_path / "cache").site
    for page in (DASBOR, INFOGRAFIS, BUKU):
        for file in sorted((demo_site / page).iterdir()):
            assert (again / page / file.name).read_bytes() == file.read_bytes(), file
