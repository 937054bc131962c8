"""Render the portal into a docs folder: Markdown pages, downloads and machine-readable metadata."""

from __future__ import annotations

import contextlib
import filecmp
import gzip
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator import templat
from generator.config import Portal
from generator.errors import BuildError
from generator.model import Dataset
from generator.publications.catalog import publications as read_publications
from generator.render.api import api_files, catalog_exports
from generator.render.bps import FILE as MS_INDIKATOR
from generator.render.bps import ms_indikator_json
from generator.render.charts import FOLDER as CHARTS_FOLDER
from generator.render.charts import Charts
from generator.render.datapackage import datapackage_json
from generator.render.dcat import dcat_files
from generator.render.pages import Pages
from generator.render.publications import Publisher
from generator.render.riwayat import downloads as riwayat_downloads
from generator.render.web import FEED, atom_feed, git_dates, page_dates, robots_txt, sitemap_xml
from generator.sop.records import Record

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def render(
    root: Path,
    portal: Portal,
    datasets: list[Dataset],
    docs: Path,
    sync: Sync | None = None,
    frame: str | None = None,
    records: list[Record] | None = None,
) -> list[Path]:
    """Bring `docs` to every page and file of the site's source; returns the pages. A file whose bytes
    did not change is left alone (its time too, so that a dirty mkdocs build skips it); files that are
    no longer part of the site are removed. With `frame` (the hash of all every page depends on beyond
    its dataset), a dataset page whose frame and dataset are those of the page in `docs` is kept, not
    rendered again."""
    public = [d for d in datasets if d.public]  # only `terbuka` is ever rendered
    keys_file = docs.with_name(docs.name + ".pages.json")  # dataset page -> key of the text in docs
    previous = read_keys(keys_file)
    keys_file.unlink(missing_ok=True)  # a run killed while writing leaves no claim about the pages
    charts = Charts()  # every chart of the site (dataset and content pages), drawn in one pass at the end
    publications = read_publications(root / "content", portal)
    pages = Pages(root, portal, public, records, publications, charts)
    # a page shows its dataset's record and its downloads' checksums: both are part of its key (the
    # downloads through the cache entry's name, which is the hash of all they are made of; so are the
    # default views, inferred from the data); its maps are drawn with the portal's boundaries
    boundaries = batas_key(root)
    keys = {d.url: page_key(frame + origin(pages, d) + boundaries, d) for d in public} if frame else {}
    kept = {url for url, key in keys.items() if kept_page(docs, url, key, previous.get(url))}
    written: dict[Path, str | Path] = {}  # page -> generated text, or the content/ file to copy
    content = root / "content"
    sources = {source.relative_to(content): source for source in content_files(content)}
    publisher = Publisher(root, portal, public, charts, publications)
    published, parts = publisher.pages({p.as_posix(): s for p, s in sources.items()})
    for relative, source in sources.items():
        if relative not in parts:  # a book's chapters are in the book, not pages of their own
            written[relative] = published.get(relative, source)
    generated: list[tuple[Path, str | Path]] = [
        (Path(url) / "index.md", docs / url / "index.md") for url in sorted(kept)
    ]
    for relative, page in [*generated, *pages.all(skip=kept)]:
        if relative in written:
            raise BuildError(
                f"content/{relative.as_posix()} bertabrakan dengan halaman yang dibuat Sebar; ganti namanya"
            )
        written[relative] = page
    docs.mkdir(parents=True, exist_ok=True)
    sync = sync or Sync(docs)
    for relative, item in written.items():
        if isinstance(item, Path) and item.is_relative_to(docs):
            sync.wanted.add(relative)  # a kept page
        else:
            sync.put_bytes(relative, read_plain(item) if isinstance(item, Path) else item.encode("utf-8"))
    for url in kept:  # a kept page's charts are those its key was recorded with
        for name in previous[url][1]:
            for suffix in (".svg", ".json"):
                sync.wanted.add(Path(CHARTS_FOLDER, name + suffix))
    for source in sorted(ASSETS.rglob("*")):
        if source.is_file():
            sync.put_file(source, Path("assets/sebar") / source.relative_to(ASSETS), link=False)
    for dataset in public:
        if dataset.files is not None:
            for source in sorted(dataset.files.rglob("*")):
                if source.is_file():
                    sync.put_file(source, Path(dataset.url) / source.relative_to(dataset.files), link=True)
        package = Path(dataset.url) / "datapackage.json"
        if dataset.url in kept and (docs / package).is_file():  # made of what the page is made of
            sync.wanted.add(package)
        else:
            sync.put_bytes(package, datapackage_json(portal, dataset).encode("utf-8"))
    for dataset in public:  # BPS statistical metadata: MS-Ind of a dataset that declares its indicator
        ms_ind = ms_indikator_json(portal, dataset)
        if ms_ind is not None:
            sync.put_bytes(Path(dataset.url) / MS_INDIKATOR, ms_ind)
    for relative, data in sorted({**publisher.files, **charts.files()}.items()):
        sync.put_bytes(relative, data)
    for relative, data in dcat_files(portal, public, publications, publisher.files).items():
        sync.put_bytes(relative, data)
    for relative, data in riwayat_downloads(portal, records):
        sync.put_bytes(relative, data)
    # for harvesters, crawlers and feed readers: every link absolute, every date from Git
    dates = git_dates(root)
    for relative, data in [*api_files(portal, public), *catalog_exports(portal, public)]:
        sync.put_bytes(relative, data)
    sync.put_bytes(Path(FEED), atom_feed(portal, public, publications, dates))
    sync.put_bytes(Path("robots.txt"), robots_txt(portal))
    sync.put_bytes(Path("bantuan") / templat.NAME, templat.stable(templat.workbook(portal)))  # the help page links it
    page_list = [page for page in written if page.suffix == ".md"]
    sitemap = sitemap_xml(portal, page_dates(portal, page_list, dates, public, publications, records))
    sync.put_bytes(Path("sitemap.xml"), sitemap)
    sync.put_bytes(Path("sitemap.xml.gz"), gzip.compress(sitemap, mtime=0))  # the same, as mkdocs offers it
    sync.remove_others()
    if keys:
        stems = {url: previous[url][1] if url in kept else pages.chart_stems.get(url, []) for url in keys}
        recorded = {url: [key, stems[url]] for url, key in keys.items()}
        keys_file.write_text(json.dumps(recorded, sort_keys=True), encoding="utf-8")
    return sorted(written)


def kept_page(docs: Path, url: str, key: str, recorded: Any) -> bool:
    """Whether the page in `docs` was made of `key`, and it and its charts' files are still there."""
    if not (isinstance(recorded, list) and len(recorded) == 2 and recorded[0] == key):
        return False
    names = recorded[1]
    return (docs / url / "index.md").is_file() and all(
        (docs / CHARTS_FOLDER / f"{name}{suffix}").is_file() for name in names for suffix in (".svg", ".json")
    )


def batas_key(root: Path) -> str:
    """The portal's own boundary files (batas/*.geojson), which its maps are drawn with."""
    digest = hashlib.sha256()
    folder = root / "batas"
    if folder.is_dir() and not folder.is_symlink():
        for path in sorted(folder.glob("*.geojson")):
            digest.update(path.name.encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(read_plain(path))
    return digest.hexdigest()


def origin(pages: Pages, dataset: Dataset) -> str:
    """What a dataset page shows of its provenance beyond the dataset itself."""
    found = pages.provenance.get(f"{dataset.produsen}/{dataset.slug}")
    entry = dataset.files.parent.name if dataset.files is not None else ""
    return json.dumps([entry, found.to_dict() if found else None], ensure_ascii=False, sort_keys=True)


def page_key(frame: str, dataset: Dataset) -> str:
    """What a dataset page and its datapackage.json are made of: the frame and the dataset (its
    downloads' folder aside)."""
    digest = hashlib.sha256(frame.encode())
    digest.update(json.dumps(canonical(dataset), ensure_ascii=False).encode())
    return digest.hexdigest()


def canonical(value: Any) -> Any:
    """`value` as JSON that is the same in every process (a pickle is not: it keeps sets in an order
    that changes with each process's string hashes)."""
    if isinstance(value, BaseModel):
        return canonical(value.model_dump())
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in fields(value) if f.name != "files"}
    if isinstance(value, dict):
        return [[canonical(k), canonical(v)] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(canonical(v), ensure_ascii=False) for v in value)
    return f"{type(value).__name__}:{value!r}"


def read_keys(path: Path) -> dict[str, Any]:
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


class Sync:
    """Writes into a docs folder only what changed, always as a new file (never in place: a file
    may be a hard link to a cache entry); remembers what it kept, changed, added and removed."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        self.wanted: set[Path] = set()
        self.changed: list[Path] = []
        self.added: list[Path] = []
        self.removed: list[Path] = []

    def _replace(self, relative: Path, make: Callable[[Path], object]) -> None:
        target = self.docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (self.changed if target.exists() else self.added).append(relative)
        temporary = target.with_name(f".{target.name}.baru")
        temporary.unlink(missing_ok=True)
        make(temporary)
        os.utime(temporary)  # newer than the built page: mkdocs' dirty build sees the change
        os.replace(temporary, target)

    def put_bytes(self, relative: Path, data: bytes) -> None:
        self.wanted.add(relative)
        target = self.docs / relative
        with contextlib.suppress(OSError):
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return
        self._replace(relative, lambda path: path.write_bytes(data))

    def put_file(self, source: Path, relative: Path, link: bool) -> None:
        self.wanted.add(relative)
        target = self.docs / relative
        with contextlib.suppress(OSError):
            if target.samefile(source) or (
                target.stat().st_size == source.stat().st_size and filecmp.cmp(source, target, shallow=False)
            ):
                return

        def make(path: Path) -> None:
            try:
                if not link:
                    raise OSError
                os.link(source, path)
            except OSError:  # another file system, or links not allowed: a copy
                shutil.copyfile(source, path)

        self._replace(relative, make)

    def remove_others(self) -> None:
        for top, dirs, files in os.walk(self.docs, topdown=False):
            for name in files:
                relative = (Path(top) / name).relative_to(self.docs)
                if relative not in self.wanted:
                    (self.docs / relative).unlink()
                    self.removed.append(relative)
            for name in dirs:
                with contextlib.suppress(OSError):
                    (Path(top) / name).rmdir()  # only when empty


def content_files(folder: Path) -> list[Path]:
    """The regular files below content/, links not followed; check refuses links and special files,
    and this refuses them again, so that no path to /proc/self/environ or /etc/passwd is ever copied."""
    if not folder.exists() and not folder.is_symlink():
        return []
    if folder.is_symlink() or not folder.is_dir():
        raise BuildError(f"{folder}: bukan folder biasa (tautan simbolik tidak diikuti)")
    found = []
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        if stat.S_ISDIR(info.st_mode):
            found += content_files(entry)
        elif stat.S_ISREG(info.st_mode):
            found.append(entry)
        else:
            raise BuildError(f"{entry}: bukan file biasa (tautan simbolik atau file khusus tidak disalin)")
    return found


def read_plain(source: Path) -> bytes:
    """A regular file's bytes, refusing a link swapped in after the check (O_NOFOLLOW)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise BuildError(f"{source}: tidak dapat dibaca sebagai file biasa ({error.strerror})") from error
    with os.fdopen(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise BuildError(f"{source}: bukan file biasa")
        return reader.read()
