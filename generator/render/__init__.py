"""Render the portal into a docs folder: Markdown pages, downloads and machine-readable metadata."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.config import Portal
from generator.errors import BuildError
from generator.model import Dataset
from generator.render.catalog import dcat_catalog
from generator.render.downloads import write_downloads
from generator.render.pages import Pages

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def render(root: Path, portal: Portal, datasets: list[Dataset], docs: Path) -> list[Path]:
    """Write every page and file of the site's source into `docs`; returns the files written."""
    public = [d for d in datasets if d.public]  # only `terbuka` is ever rendered
    pages = Pages(root, portal, public)
    written: dict[Path, str | Path] = {}  # page -> generated text, or the content/ file to copy
    content = root / "content"
    for source in sorted(content.rglob("*")) if content.is_dir() else []:
        if source.is_file():
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
            shutil.copyfile(item, target)
        else:
            target.write_text(item, encoding="utf-8")
    shutil.copytree(ASSETS, docs / "assets" / "sebar")
    for dataset in public:
        write_downloads(portal, dataset, docs / dataset.url)
    (docs / "katalog" / "dcat.jsonld").write_text(dcat_catalog(portal, public), encoding="utf-8")
    return sorted(written)
