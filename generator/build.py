"""Gather all, then write: validate, render into a temporary folder, mkdocs build, swap into site/."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.errors import BuildError, ConfigError
from generator.load import last_commit_time
from generator.render import render
from generator.validate import check
from generator.validate.report import Report

RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class BuildResult:
    site: Path
    pages: int
    datasets: int
    report: Report


class InvalidContent(BuildError):
    """Validation found errors: nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} galat")
        self.report = report


def build(root: Path, site: Path | None = None) -> BuildResult:
    """Build the portal at `root` into `site` (default root/site); all or nothing."""
    root = root.resolve()
    site = (site or root / "site").resolve()
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: file konfigurasi situs tidak ditemukan")
    portal, datasets, report = check(root)
    if portal is None or not report.valid:
        raise InvalidContent(report)
    site.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sebar-", dir=site.parent) as work:
        docs, staged = Path(work) / "docs", Path(work) / "site"
        pages = render(root, portal, datasets, docs)
        with source_date(root), quiet_mkdocs():
            try:
                config = load_config(
                    str(config_file),
                    docs_dir=str(docs),
                    site_dir=str(staged),
                    # Material prints site_name raw; as Markup, its `| e` does not escape it twice
                    site_name=Markup.escape(portal.nama),
                    strict=True,
                    **({"site_url": portal.url} if portal.url else {}),
                )
                mkdocs_build(config)
            except (MkDocsException, SystemExit) as error:
                raise BuildError(f"mkdocs build gagal: {error}") from error
        index_search(staged)
        swap(staged, site)
    public = sum(d.public for d in datasets)
    return BuildResult(site=site, pages=len(pages), datasets=public, report=report)


def index_search(site: Path) -> None:
    """Pagefind's index of the pages' main content (not the data tables), in site/pagefind/."""
    command = [
        sys.executable,
        "-m",
        "pagefind_bin",
        "--site",
        str(site),
        "--root-selector",
        "article",
        "--exclude-selectors",
        ".sebar-tabel",
        "--quiet",
    ]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise BuildError(f"indeks pencarian gagal dibuat: {run.stderr.strip() or run.stdout.strip()}")


def swap(new: Path, site: Path) -> None:
    """Put `new` in place of `site` in one step, so that readers see the old or the new site, never half."""
    if not site.exists():
        new.rename(site)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    at_fdcwd = -100
    if renameat2 and renameat2(at_fdcwd, bytes(new), at_fdcwd, bytes(site), RENAME_EXCHANGE) == 0:
        shutil.rmtree(new)  # now holds the previous site
        return
    old = site.with_name(site.name + ".lama")
    shutil.rmtree(old, ignore_errors=True)
    site.rename(old)
    new.rename(site)
    shutil.rmtree(old)


@contextlib.contextmanager
def source_date(root: Path) -> Iterator[None]:
    """Dates in the built files (sitemap, archives) come from the last commit, not the clock."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = last_commit_time(root)
    os.environ["SOURCE_DATE_EPOCH"] = str(stamp if stamp is not None else 315532800)  # 1980-01-01 outside Git
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextlib.contextmanager
def quiet_mkdocs() -> Iterator[None]:
    """mkdocs' INFO lines are noise for an operator; its warnings still show and fail --strict."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
