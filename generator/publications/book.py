"""Books (`jenis: buku`): chapters, numbered tables and vector charts as a print-grade PDF and as HTML.

The PDF is WeasyPrint's CSS paged media (templates/buku.css): cover, foreword, table of contents
and lists of tables and figures with page numbers (target-counter), running headers (string-set),
page numbers, a metadata annex, bookmarks from headings. Chapter text is untrusted Markdown: raw
HTML is escaped, links keep only safe schemes, pictures in the text are dropped (a book's pictures
are its figures), and WeasyPrint may fetch nothing but the data: URIs of the charts we embed.
Same book in -> same PDF bytes out: no dates but the book's own, no identifier.
"""

from __future__ import annotations

import base64
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

if TYPE_CHECKING:
    from generator.views import Chart

TEMPLATES = Path(__file__).resolve().parent / "templates"
SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
MONTHS = ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember").split()


@dataclass(frozen=True)
class BookTable:
    """A numbered table ("Tabel 2.1"): cells are already formatted (id-ID numbers)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str  # "Sumber: ..." is added when the text does not start with it
    note: str | None = None


@dataclass(frozen=True)
class BookFigure:
    """A numbered chart ("Gambar 2.3"): the SVG kaleido wrote, drawn as vectors in the PDF."""

    title: str
    svg: bytes
    alt: str
    source: str
    note: str | None = None
    key: str = ""  # the chart's key (names its files on the site); empty for figures made by hand

    @classmethod
    def from_chart(cls, chart: Chart, svg: bytes) -> BookFigure:
        return cls(chart.title, svg, chart.alt, chart.source, chart.note, chart.key)


Part = str | BookTable | BookFigure  # a str is Markdown text


@dataclass(frozen=True)
class Chapter:
    judul: str
    parts: Sequence[Part]


@dataclass(frozen=True)
class DatasetMeta:
    """One row of the annex "Lampiran: Metadata Dataset"."""

    judul: str
    produsen: str
    periode: str
    lisensi: str
    sumber: str
    url: str


@dataclass(frozen=True)
class Book:
    judul: str
    produsen: str
    tahun: int
    bab: Sequence[Chapter]
    subjudul: str | None = None
    nomor: str | None = None  # publication number, e.g. "3200.2601"
    pengantar: str = ""  # the foreword, Markdown (untrusted like the chapters)
    lampiran: Sequence[DatasetMeta] = ()
    portal: str = ""  # the portal's name, on the cover
    issn: str | None = None
    isbn: str | None = None
    kota: str | None = None  # place of publication
    tanggal: datetime.date | None = None  # date of publication: shown, and the PDF's creation date
    bab_halaman_kanan: bool = False  # chapters start on a right-hand page (blank pages between)
    bahasa: str = "id"
    kata_kunci: Sequence[str] = field(default_factory=tuple)


# ---------------------------------------------------------------- Markdown (untrusted)


class _Harden(Treeprocessor):
    """Headings shift under the chapter's; unsafe links lose their href; pictures become their text."""

    def __init__(self, md: markdown.Markdown, shift: int) -> None:
        super().__init__(md)
        self.shift = shift

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            for n, el in enumerate(list(parent)):
                if re.fullmatch(r"h[1-6]", el.tag):
                    el.tag = f"h{min(int(el.tag[1]) + self.shift, 6)}"
                elif el.tag == "a":
                    href = (el.get("href") or "").strip()
                    el.attrib.clear()
                    if href.lower().startswith(SAFE_SCHEMES) and not re.search(r"[\x00-\x20]", href):
                        el.set("href", href)
                elif el.tag == "img":
                    text = ElementTree.Element("span")
                    text.text, text.tail = el.get("alt", ""), el.tail
                    parent[n] = text


class _HardenExtension(markdown.Extension):
    def __init__(self, shift: int) -> None:
        super().__init__()
        self.shift = shift

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.deregister("html_block")  # raw HTML stays text: escaped on output
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Harden(md, self.shift), "sebar_harden", 0)


def markdown_html(text: str, shift: int = 1) -> Markup:
    """Untrusted Markdown -> safe HTML; `#` becomes h(1+shift)."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", _HardenExtension(shift)])
    return Markup(md.convert(text))  # noqa: S704 (raw HTML escaped, links checked above)


# ---------------------------------------------------------------- numbering


@dataclass(frozen=True)
class _Numbered:
    """A table or figure with its place: "Tabel 2.1", anchor "tabel-2-1"."""

    label: str
    anchor: str
    item: BookTable | BookFigure


@dataclass(frozen=True)
class _Chapter:
    number: int
    anchor: str
    judul: str
    parts: tuple[Markup | _Numbered, ...]


def _number(book: Book, shift: int) -> list[_Chapter]:
    chapters = []
    for c, chapter in enumerate(book.bab, start=1):
        counts = {"Tabel": 0, "Gambar": 0}
        parts: list[Markup | _Numbered] = []
        for part in chapter.parts:
            if isinstance(part, str):
                parts.append(markdown_html(part, shift))
                continue
            kind = "Tabel" if isinstance(part, BookTable) else "Gambar"
            counts[kind] += 1
            label = f"{kind} {c}.{counts[kind]}"
            parts.append(_Numbered(label, f"{kind.lower()}-{c}-{counts[kind]}", part))
        chapters.append(_Chapter(c, f"bab-{c}", chapter.judul, tuple(parts)))
    return chapters


def source_line(text: str) -> str:
    return text if text.lower().startswith("sumber") else f"Sumber: {text}"


def date_id(day: datetime.date) -> str:
    """26 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _width_class(table: BookTable) -> str:
    """Smaller type for wide tables, so no table runs off the page."""
    n = len(table.header)
    return "lebar-3" if n > 12 else "lebar-2" if n > 8 else "lebar-1" if n > 5 else ""


def _data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _inline_svg(figure: BookFigure) -> Markup:
    """Our own kaleido SVG, inline, named for assistive technology (the caption says the rest)."""
    svg = figure.svg.decode("utf-8")
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    label = str(Markup(' role="img" aria-label="{}"').format(figure.alt))  # str: Markup would escape "<svg"
    return Markup(re.sub(r"<svg\b", lambda _: "<svg" + label, svg, count=1))  # noqa: S704 (built by kaleido)


# ---------------------------------------------------------------- output


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sumber"] = source_line
    env.filters["lebar"] = _width_class
    env.tests["table"] = lambda part: isinstance(part, _Numbered) and isinstance(part.item, BookTable)
    env.tests["figure"] = lambda part: isinstance(part, _Numbered) and isinstance(part.item, BookFigure)
    env.tests["url"] = lambda url: str(url).lower().startswith(("http://", "https://"))
    return env


def _context(book: Book, shift: int) -> dict[str, object]:
    chapters = _number(book, shift)
    numbered = [p for c in chapters for p in c.parts if isinstance(p, _Numbered)]
    return {
        "book": book,
        "chapters": chapters,
        "tables": [p for p in numbered if isinstance(p.item, BookTable)],
        "figures": [p for p in numbered if isinstance(p.item, BookFigure)],
        "pengantar": markdown_html(book.pengantar, shift) if book.pengantar.strip() else None,
        "tanggal": date_id(book.tanggal) if book.tanggal else None,
    }


def book_document(book: Book) -> str:
    """The whole book as one HTML document for WeasyPrint (figures as data: URIs)."""
    css = (TEMPLATES / "buku.css").read_text(encoding="utf-8")
    return (
        _environment()
        .get_template("buku.html")
        .render(**_context(book, shift=1), css=Markup(css), src=lambda n: _data_uri(n.item.svg), inline=None, pdf=True)
    )


def book_pdf(book: Book) -> bytes:
    """The print-grade PDF; byte-identical for the same book."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})  # nothing leaves the machine, no local files
    document = HTML(string=book_document(book), url_fetcher=fetcher)
    return document.write_pdf(pdf_identifier=False)  # type: ignore[no-any-return]


def book_html(book: Book, figure_src: Callable[[BookFigure], str] | None = None) -> str:
    """The book for the site's page, as one HTML fragment (the page gives its h1 and the PDF link).

    Chapters are h2. figure_src gives a figure's picture URL (e.g. the SVG file the site wrote);
    without it the SVG is inline.
    """
    template = _environment().get_template("_buku_isi.html")
    if figure_src is None:
        src, inline = None, _inline_svg
    else:
        src, inline = (lambda n: figure_src(n.item)), None
    return template.render(**_context(book, shift=2), src=src, inline=inline, pdf=False)
