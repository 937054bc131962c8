"""Render the portal into a docs folder: Markdown pages, downloads and machine-readable metadata."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from generator.config import Portal
from generator.errors import BuildError
from generator.model import Dataset
from generator.render.catalog import dcat_catalog
from generator.render.downloads import write_downloads
from generator.render.pages import Pages
from generator.render.tablestore import write_browser_tables

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def render(root: Path, portal: Portal, datasets: list[Dataset], docs: Path) -> list[Path]:
    """Write every page and file of the site's source into `docs`; returns the files written."""
    public = [d for d in datasets if d.public]  # only `terbuka` is ever rendered
    pages = Pages(root, portal, public)
    written: dict[Path, str | Path] = {}  # page -> generated text, or the content/ file to copy
    content = root / "content"
    for source in content_files(content):
        written[source.relative_to(content)] = source
    for relative, page in pages.all():
        if relative in written:
            raise BuildError(
                f"content/{relative.as_posix()} bertabrakan dengan halaman yang dibuat Sebar; ganti namanya"
            )
        written[relative] = page
    for relative, item in written.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(item, Path):
            copy_plain(item, target)
        else:
            target.write_text(item, encoding="utf-8")
    shutil.copytree(ASSETS, docs / "assets" / "sebar")
    for dataset in public:
        write_downloads(portal, dataset, docs / dataset.url)
        write_browser_tables(dataset.resources, docs / dataset.url)  # big tables: SQLite replaces the chunks
    (docs / "katalog" / "dcat.jsonld").write_text(dcat_catalog(portal, public), encoding="utf-8")
    return sorted(written)


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


def copy_plain(source: Path, target: Path) -> None:
    """Copy a regular file, refusing a link swapped in after the check (O_NOFOLLOW)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise BuildError(f"{source}: tidak dapat dibaca sebagai file biasa ({error.strerror})") from error
    with os.fdopen(fd, "rb") as reader:
        if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):
            raise BuildError(f"{source}: bukan file biasa")
        with target.open("wb") as writer:
            shutil.copyfileobj(reader, writer)
