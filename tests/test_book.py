"""Books: a real book from the demo datasets and kaleido charts, read back with pypdf."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import pypdf
import pytest

from generator.publications.book import (
    Book,
    BookFigure,
    BookTable,
    Chapter,
    DatasetMeta,
    book_document,
    book_html,
    book_pdf,
    markdown_html,
)

ROOT = Path(__file__).resolve().parents[1]
JABAR = ROOT / "datasets" / "opendata-jabar"
SOURCE = "Sumber: Open Data Jabar, {}"
CHAPTERS = {  # chapter title: (dataset folder, measure, unit, the province's figure is a sum)
    "Kependudukan": ("penduduk-jenis-kelamin", "jumlah_penduduk", "jiwa", True),
    "Kemiskinan": ("penduduk-miskin", "jumlah_penduduk_miskin", "ribu jiwa", True),
    "Pengeluaran per Kapita": ("pengeluaran-per-kapita", "pengeluaran_per_kapita", "ribu rupiah", False),
}
HOSTILE = """Teks biasa dengan **tebal**.

<script>alert("bab")</script>

<div onclick="alert(1)">kotak</div> dan <img src=x onerror=alert(2)>

[tautan jahat](javascript:alert(3)) [tautan baik](https://data.jabarprov.go.id/)

![gambar luar](http://pelacak.example/x.png)
"""


def id_number(value: float) -> str:
    """1.234,5 (id-ID); whole numbers without decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.translate(str.maketrans(",.", ".,"))


def rows(folder: str) -> list[dict[str, str]]:
    path = next((JABAR / folder).glob("*.csv"))
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def svg(fig: go.Figure) -> bytes:
    fig.update_layout(separators=",.", width=760, height=420, margin={"t": 30}, yaxis={"tickformat": ",.0f"})
    return bytes(kaleido.calc_fig_sync(fig, opts={"format": "svg"}))


def chapter(title: str, folder: str, measure: str, unit: str, total: bool, n_tables: int, n_figures: int) -> Chapter:
    """n_tables tables of ~30 rows (one per year, the regencies) and n_figures charts, all real data."""
    data = rows(folder)
    name = folder.replace("-", " ")
    by_year: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in data:
        by_year[r["tahun"]][r["nama_kabupaten_kota"].title()] += float(r[measure])
    years = sorted(by_year, reverse=True)
    parts: list[str | BookTable | BookFigure] = [f"Bab ini menyajikan data **{name}** ({unit}).\n\n# Ringkasan\n"]
    for year in years[:n_tables]:
        values = by_year[year]
        parts.append(
            BookTable(
                f"{title} menurut Kabupaten/Kota di Jawa Barat, {year}",
                ("No.", "Kabupaten/Kota", f"{title} ({unit})"),
                tuple((str(n), k, id_number(v)) for n, (k, v) in enumerate(sorted(values.items()), start=1)),
                SOURCE.format(name),
            )
        )
    if n_tables > 1:  # a wide one too: a region per row, a year per column (12 columns and more)
        columns = sorted(by_year)[-12:]
        parts.append(
            BookTable(
                f"{title} menurut Kabupaten/Kota dan Tahun ({unit})",
                ("Kabupaten/Kota", *columns),
                tuple((k, *(id_number(by_year[y].get(k, 0)) for y in columns)) for k in sorted(by_year[years[0]])),
                SOURCE.format(name),
                note="Angka tahun-tahun awal mengikuti sumber.",
            )
        )
    totals = [(y, sum(v.values()) / (1 if total else len(v))) for y, v in sorted(by_year.items())]
    for n in range(n_figures):
        year = years[n]
        fig = (
            go.Figure(go.Scatter(x=[y for y, _ in totals], y=[v for _, v in totals], mode="lines+markers"))
            if n == 0
            else go.Figure(go.Bar(x=list(by_year[year]), y=list(by_year[year].values())))
        )
        label = f"{title} Jawa Barat menurut Tahun" if n == 0 else f"{title} menurut Kabupaten/Kota, {year}"
        parts.append(BookFigure(label, svg(fig), f"Grafik {label.lower()}.", SOURCE.format(name), note="Data contoh."))
    return Chapter(title, parts)


def demo_book(n_tables: int = 2, n_figures: int = 1) -> Book:
    """Three chapters of real demo data; with (7, 4) -> 21 tables of ~27 rows and 12 charts."""
    kaleido.start_sync_server(path="/usr/bin/chromium")
    try:
        chapters = [chapter(t, *spec, n_tables, n_figures) for t, spec in CHAPTERS.items()]
    finally:
        kaleido.stop_sync_server()
    chapters.append(Chapter("Catatan Teknis", [HOSTILE]))
    annex = [
        DatasetMeta(
            f"Data {folder}",
            "Open Data Jabar",
            "2002–2020",
            "Lisensi tidak dinyatakan",
            "Open Data Jabar",
            url,
        )
        for folder, url in (("penduduk-miskin", "https://opendata.jabarprov.go.id/"), ("x", "javascript:alert(4)"))
    ]
    return Book(
        judul="Jawa Barat dalam Angka",
        subjudul="Kependudukan, Kemiskinan dan Pengeluaran",
        produsen="Dinas Komunikasi dan Informatika Provinsi Jawa Barat",
        tahun=2026,
        nomor="3200.2601",
        pengantar="Buku ini menyajikan data **terbuka** Jawa Barat. <script>alert(5)</script>",
        bab=chapters,
        lampiran=annex,
        portal="Portal Satu Data Jawa Barat",
        issn="1234-5678",
        kota="Bandung",
        tanggal=datetime.date(2026, 11, 26),
    )


@pytest.fixture(scope="module")
def book() -> Book:
    return demo_book()


@pytest.fixture(scope="module")
def pdf(book: Book) -> bytes:
    return book_pdf(book)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def first_page(pages: list[str], pattern: str, start: int = 0) -> int:
    """The number (from 1) of the first page from page `start` on whose text matches."""
    return next(n for n, text in enumerate(pages, start=1) if n >= start and re.search(pattern, text))


def chapter_page(pages: list[str], number: int, title: str) -> int:
    """The page of a chapter's heading ("Bab 2" above its title; the TOC has both on one line)."""
    return first_page(pages, rf"(?m)^Bab {number}\n{re.escape(title)}$")


def test_book_pdf_has_every_title(book: Book, pages: list[str]) -> None:
    text = "\n".join(pages)
    assert 12 <= len(pages) <= 30, len(pages)
    for c, chap in enumerate(book.bab, start=1):
        assert f"Bab {c}" in text and chap.judul in text
        numbers = {"Tabel": 0, "Gambar": 0}
        for part in chap.parts:
            if isinstance(part, str):
                continue
            kind = "Tabel" if isinstance(part, BookTable) else "Gambar"
            numbers[kind] += 1
            caption = f"{kind} {c}.{numbers[kind]} {part.title}"
            assert text.count(caption) >= 2, caption  # under the table or figure, and in its list
            assert "Sumber: Open Data Jabar" in text
    for label in ("Kata Pengantar", "Daftar Isi", "Daftar Tabel", "Daftar Gambar", "Lampiran: Metadata Dataset"):
        assert label in text
    cover = pages[0]
    for words in ("Jawa Barat dalam Angka", "Nomor Publikasi: 3200.2601", "2026", "Portal Satu Data Jawa Barat"):
        assert words in cover
    assert "Bandung, 26 November 2026" in cover


def test_book_toc_page_numbers_are_where_chapters_start(book: Book, pages: list[str]) -> None:
    toc = first_page(pages, r"^Daftar Isi")
    for c, chap in enumerate(book.bab, start=1):
        listed = re.search(rf"Bab {c} {re.escape(chap.judul)}\s*\.*\s*(\d+)", pages[toc - 1])
        assert listed, (chap.judul, pages[toc - 1])
        start = chapter_page(pages, c, chap.judul)
        assert int(listed.group(1)) == start, chap.judul
        # the footer prints the same number, the header the book title and the chapter
        assert re.search(rf"(?m)^{start}\s*$", pages[start - 1]) or pages[start - 1].rstrip().endswith(str(start))
    tables_list = first_page(pages, r"^Daftar Tabel")
    first_table = re.search(r"Tabel 1\.1 .*?(\d+)\s*$", pages[tables_list - 1], re.MULTILINE)
    assert first_table and f"Tabel 1.1 {book.bab[0].parts[1].title}" in pages[int(first_table.group(1)) - 1]  # type: ignore[union-attr]


def test_book_running_header_and_page_numbers(book: Book, pages: list[str]) -> None:
    second = chapter_page(pages, 2, book.bab[1].judul)
    page = pages[second]  # a body page inside chapter 2
    assert "Jawa Barat dalam Angka" in page and book.bab[1].judul in page
    assert re.search(rf"(?m)^\s*{second + 1}\s*$", page)
    assert pages[0].count("Jawa Barat dalam Angka") == 1  # the cover: no running header, no number
    assert not re.search(r"(?m)^\s*1\s*$", pages[0])


def test_book_charts_are_vector(pdf: bytes, pages: list[str]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    chart_page = reader.pages[first_page(pages, r"Gambar 1\.1 ", start=chapter_page(pages, 1, "Kependudukan")) - 1]
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject")
        for obj in xobjects.get_object().values() if xobjects else []:
            assert obj.get_object()["/Subtype"] != "/Image"  # nothing rasterised, anywhere
    xobjects = chart_page["/Resources"]["/XObject"].get_object()
    forms = sum(1 for obj in xobjects.values() if obj.get_object()["/Subtype"] == "/Form")
    assert forms >= 1
    assert "/Font" in chart_page["/Resources"]
    assert "2020" in chart_page.extract_text()  # the chart's axis labels are text, not pixels


def test_book_tables_fit_the_page_and_repeat_their_header(book: Book, pages: list[str]) -> None:
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def tables(box: boxes.Box) -> Iterator[boxes.Box]:
        if isinstance(box, boxes.TableBox):
            yield box
        for child in getattr(box, "children", []):
            yield from tables(child)

    document = HTML(string=book_document(book)).render()
    wide = 0
    for page in document.pages:
        content = page._page_box.children[0]  # the html box: the page's content area
        right = content.content_box_x() + content.width
        for table in tables(page._page_box):
            assert table.position_x + table.margin_width() <= right + 0.5
            wide += len(table.column_widths) > 12
    assert wide >= 2  # the wide table of each chapter spans pages: every piece fits
    start = first_page(pages, r"Tabel 2\.3 Kemiskinan", start=chapter_page(pages, 2, "Kemiskinan"))
    header = "Kabupaten/Kota 2009 2010 2011 2012 2013 2014 2015 2016 2017 2018 2019 2020"
    assert header in pages[start - 1] and "Kota Tasikmalaya" not in pages[start - 1].split(header)[1]
    assert header in pages[start] and "Kota Tasikmalaya" in pages[start]  # continued, under its header


def test_book_pdf_metadata_and_bookmarks(book: Book, pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == book.judul and reader.metadata.author == book.produsen
    assert reader.trailer["/Root"]["/Lang"] == "id"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == ["Kata Pengantar", "Daftar Isi"]
    assert "Bab 1 Kependudukan" in outline and "Lampiran: Metadata Dataset" in outline


def test_book_pdf_is_deterministic(book: Book, pdf: bytes) -> None:
    assert book_pdf(book) == pdf


class Elements(HTMLParser):
    """Every element and attribute an HTML text really has (escaped text is not an element)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def test_book_hostile_markdown_does_not_get_through(book: Book, pages: list[str]) -> None:
    fragment = book_html(book, figure_src=lambda f: "grafik.svg")
    for out in (fragment, book_document(book).split("</style>")[1], markdown_html(HOSTILE)):
        found = Elements(out).found
        assert not [tag for tag, _ in found if tag in ("script", "style", "iframe", "object")]
        assert not [a for _, attrs in found for a in attrs if a.startswith("on")]
        hrefs = [attrs["href"] or "" for tag, attrs in found if "href" in attrs]
        assert hrefs and all(h.startswith(("#", "https://")) for h in hrefs), hrefs
        assert all(
            attrs["src"] in ("grafik.svg", None) or attrs["src"].startswith("data:image/svg+xml")
            for tag, attrs in found
            if "src" in attrs
        )  # type: ignore[union-attr]
    assert '<a href="https://data.jabarprov.go.id/">tautan baik</a>' in fragment
    assert "<a>tautan jahat</a>" in fragment and "<span>gambar luar</span>" in fragment
    text = "\n".join(pages)
    assert '<script>alert("bab")</script>' in text and "javascript:alert(4)" in text  # shown as text, never run


def test_book_html_fragment(book: Book) -> None:
    names = {f.key or f.title: f"grafik-{n}.svg" for n, f in enumerate(figures(book))}
    fragment = book_html(book, figure_src=lambda f: names[f.key or f.title])
    assert "<h1" not in fragment and '<h2><span class="nomor-bab">Bab 1</span>' in fragment
    assert fragment.count("<img ") == len(names) and 'src="grafik-0.svg"' in fragment
    assert '<caption id="tabel-1-1-judul"><span class="label">Tabel 1.1</span>' in fragment
    assert "<h3>Ringkasan</h3>" in fragment  # a chapter's `#` sits under its h2
    inline = book_html(book)
    assert inline.count('<svg role="img" aria-label=') == len(names)


def figures(book: Book) -> Iterator[BookFigure]:
    for chap in book.bab:
        yield from (p for p in chap.parts if isinstance(p, BookFigure))
