"""The portal's publications: every page in content/ whose front matter has `jenis`, as the catalogue lists them.

The listing (publikasi/), the home, producer and topic pages, the DCAT catalogue and the search all
read this one list, so a publication is shown the same way everywhere. A page whose front matter
does not read is left out here: `sebar check` reports it and nothing is built.
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass
from pathlib import Path

from generator.config import Portal
from generator.publications.blocks import find_blocks
from generator.publications.front import Buku, read_front

KINDS = {"dasbor": "Dasbor", "infografis": "Infografis", "buku": "Buku", "tabel": "Tabel"}  # the badge
# files written beside a publication's page, by kind: (extension, media type, link text)
DOWNLOADS = {
    "infografis": (("png", "image/png", "Unduh PNG"), ("pdf", "application/pdf", "Unduh PDF")),
    "buku": (("pdf", "application/pdf", "Unduh PDF"),),
}


@dataclass(frozen=True)
class Download:
    href: str  # relative to the site root, e.g. publikasi/infografis-kemiskinan-2020/infografis-kemiskinan-2020.png
    media: str
    label: str


@dataclass(frozen=True)
class Publication:
    """A publication page as the catalogue shows it."""

    source: str  # the page, relative to content/: publikasi/dasbor-kemiskinan.md
    url: str  # the page in the site, without a leading slash: publikasi/dasbor-kemiskinan/
    jenis: str
    judul: str
    deskripsi: str | None
    produsen: str | None
    topik: str | None
    tahun: int | None
    tanggal: datetime.date | None
    nomor: str | None
    isbn: str | None
    issn: str | None
    downloads: tuple[Download, ...]
    datasets: tuple[str, ...]  # `produsen/nama` of every dataset its blocks (and a book's chapters) use

    @property
    def kind(self) -> str:
        return KINDS[self.jenis]

    @property
    def year(self) -> int | None:
        return self.tahun or (self.tanggal.year if self.tanggal else None)

    @property
    def slug(self) -> str:
        """The last part of the page's URL; the downloads are named after it."""
        return posixpath.basename(self.url.rstrip("/")) or "index"


def page_url(source: str) -> str:
    """The URL mkdocs gives a content page (use_directory_urls): a/b.md -> a/b/, a/index.md -> a/."""
    folder, name = posixpath.split(source)
    stem = name.removesuffix(".md")
    if stem in ("index", "README"):
        return folder + "/" if folder else ""
    return posixpath.join(folder, stem) + "/"


def download_files(url: str, jenis: str) -> tuple[Download, ...]:
    """What a publication of this kind has beside its page: <slug>.png, <slug>.pdf (render/publications.py
    writes them under these names)."""
    slug = posixpath.basename(url.rstrip("/")) or "index"
    return tuple(Download(f"{url}{slug}.{ext}", media, label) for ext, media, label in DOWNLOADS.get(jenis, ()))


def publications(content: Path, portal: Portal) -> list[Publication]:
    """Every publication of content/, newest first (then by title)."""
    if not content.is_dir() or content.is_symlink():
        return []
    files = sorted(
        p.relative_to(content).as_posix() for p in content.rglob("*.md") if p.is_file() and not p.is_symlink()
    )
    producers = [p.kode for p in portal.produsen]
    found = []
    parts: set[str] = set()  # chapters and forewords of books: parts of a page, not publications
    for source in files:
        text = (content / source).read_text(encoding="utf-8", errors="replace")
        front, _ = read_front(text, f"content/{source}", producers, list(portal.topik), files)
        if front is None:
            continue
        used = dataset_refs(text, source)
        if isinstance(front, Buku):
            folder = posixpath.dirname(source)
            chapters = [posixpath.normpath(posixpath.join(folder, name)) for name in front.bab]
            foreword = front.pengantar_file()
            chapters += [posixpath.normpath(posixpath.join(folder, foreword))] if foreword else []
            parts.update(chapters)
            for chapter in chapters:
                if (content / chapter).is_file():
                    used += dataset_refs((content / chapter).read_text(encoding="utf-8", errors="replace"), chapter)
        url = page_url(source)
        jenis = front.jenis
        found.append(
            Publication(
                source=source,
                url=url,
                jenis=jenis,
                judul=front.name,
                deskripsi=front.summary,
                produsen=front.produsen,
                topik=front.topik,
                tahun=front.tahun,
                tanggal=front.tanggal,
                nomor=front.nomor,
                isbn=getattr(front, "isbn", None),
                issn=getattr(front, "issn", None),
                downloads=download_files(url, jenis),
                datasets=tuple(dict.fromkeys(used)),
            )
        )
    found = [p for p in found if p.source not in parts]
    found.sort(key=lambda p: p.judul)
    found.sort(key=published, reverse=True)  # stable: the same date keeps A-Z
    return found


def published(publication: Publication) -> datetime.date:
    """When a publication appeared: its `tanggal`, else the end of its `tahun`; undated ones last."""
    if publication.tanggal:
        return publication.tanggal
    return datetime.date(publication.tahun, 12, 31) if publication.tahun else datetime.date.min


def dataset_refs(text: str, source: str) -> list[str]:
    """`produsen/nama` of the datasets named by a page's blocks, in order of appearance."""
    blocks, _ = find_blocks(text, f"content/{source}")
    return [b.data["dataset"] for b in blocks if isinstance(b.data.get("dataset"), str)]
