"""Gather all, then write: validate, render into a temporary folder, mkdocs build, swap into site/."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup
from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.cache import DEFAULT, Cache, CacheError, CacheStats, generator_hash, source_clash, tree_hash
from generator.errors import BuildError
from generator.harden import harden
from generator.load import last_commit_time
from generator.model import Dataset
from generator.progress import Progress
from generator.rawhtml import RawBlocksExtension
from generator.render import Sync, render
from generator.sop.records import load_records
from generator.validate import check
from generator.validate.report import Issue, Report
from generator.validate.site import site_config

RENAME_EXCHANGE = 2
MARKER = ".sebar-site"  # in every site Sebar builds: only a folder holding it is ever replaced
STAGING_LOCK = ".sebar-staging"  # locked by the build using a staging folder for as long as it runs


@dataclass(frozen=True)
class BuildResult:
    site: Path
    pages: int
    datasets: int
    report: Report
    stats: CacheStats = field(default_factory=CacheStats)  # what the cache reused
    checked: tuple[Dataset, ...] = ()  # every valid dataset, shown or not (validate.tampil says which are not)


class InvalidContent(BuildError):
    """Validation found errors: nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} galat")
        self.report = report


def build(
    root: Path,
    site: Path | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    preview: str | None = None,
) -> BuildResult:
    """Build the portal at `root` into `site` (default root/site); all or nothing. Unchanged datasets
    and pages are reused from `cache_dir` (default root/.sebar-cache). Every machine-facing link is
    absolute, made of portal.yml's `url`; without one, only a preview builds, with `preview` as its url
    (e.g. http://127.0.0.1:8000/)."""
    root = root.resolve()
    site = (site or root / "site").resolve()
    check_target(root, site)
    cache = Cache(root, (cache_dir or root / DEFAULT).resolve())
    if cache.folder.is_relative_to(site) or site.is_relative_to(cache.folder):
        raise BuildError(f"folder cache {cache.folder} dan folder hasil {site} saling bertumpuk; pisahkan keduanya")
    progress = progress or Progress(enabled=False)
    with progress.stage("Memeriksa dataset"):
        try:
            portal, datasets, report = check(root, cache, jobs)
        except CacheError as error:
            raise BuildError(f"{error}. Situs lama tetap utuh.") from error
        site_settings = site_config(root)[0]  # mkdocs.yml's allowed keys, as check validated them
    if portal is None or site_settings is None or not report.valid:
        raise InvalidContent(report)
    if not portal.url:
        if preview is None:
            raise InvalidContent(Report((*report.issues, Issue("url-missing", "portal", "portal.yml", column="url"))))
        portal = portal.model_copy(update={"url": preview})
    url: str = portal.url or preview or ""
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        with cache.locked(), staging(site.parent) as work:
            kept = cache.folder / "pages"
            docs, built, stamp = kept / "docs", kept / "site", kept / "built"
            frame = frame_key(root, site_settings, url)
            previous = stamp.read_text(encoding="utf-8") if stamp.is_file() else None
            stamp.unlink(missing_ok=True)  # a run killed from here on leaves no claim that pages/ is whole
            with progress.stage("Menulis halaman"):
                sync = Sync(docs)
                records = load_records(root, portal)  # the `riwayat` ref: its page and each dataset's provenance
                pages = render(root, portal, datasets, docs, sync, frame, records)
            # only changed pages are rebuilt when nothing that every page shows (nav, theme, templates,
            # portal.yml, content/) changed, and no page or file left: else all of them
            dirty = (
                previous == frame
                and built.is_dir()
                and not sync.removed
                and not any(path.suffix == ".md" for path in sync.added)
            )
            cache.stats.full_pages = not dirty
            # mkdocs never parses the portal's mkdocs.yml (its loader runs Python tags): it gets ours.
            config_file = work / "mkdocs.yml"
            config_file.write_text(yaml.safe_dump(site_settings, allow_unicode=True), encoding="utf-8")
            started = time.time()
            with (
                progress.stage("Membangun situs (mkdocs)"),
                source_date(root),
                quiet_mkdocs(),
                new_files(docs),
                nav_pages_read(),
            ):
                try:
                    config = load_config(
                        str(config_file),
                        docs_dir=str(docs),
                        site_dir=str(built),
                        # Material prints site_name raw; as Markup, its `| e` does not escape it twice
                        site_name=Markup.escape(portal.nama),
                        strict=True,
                        site_url=url,
                    )
                    config.markdown_extensions.append(RawBlocksExtension())  # type: ignore[arg-type]
                    config.extra["sebar"] = {"walidata": portal.walidata.model_dump()}  # the footer (theme/main.html)
                    # render wrote sitemap.xml(.gz) with each page's Git date; mkdocs' own dates every page today
                    config.theme.static_templates.discard("sitemap.xml")
                    mkdocs_build(config, dirty=dirty)
                except (MkDocsException, SystemExit) as error:
                    raise BuildError(f"mkdocs build gagal: {error}") from error
            with progress.stage("Mengamankan halaman dan indeks pencarian"):
                harden(built, url, since=started - 1 if dirty else None)
                stamp.write_text(frame, encoding="utf-8")
                staged = work / "site"
                link_tree(built, staged)  # the kept site stays intact: every later write makes a new file
                index_search(staged)
                (staged / MARKER).write_text("Situs ini dibangun oleh Sebar (sebar build).\n", encoding="utf-8")
                swap(staged, site)
    except OSError as error:
        raise BuildError(f"situs tidak dapat ditulis ke {site}: {describe(error)}. Situs lama tetap utuh.") from error
    public = sum(d.public for d in datasets)
    return BuildResult(
        site=site, pages=len(pages), datasets=public, report=report, stats=cache.stats, checked=tuple(datasets)
    )


def frame_key(root: Path, site_settings: dict[str, Any], url: str = "") -> str:
    """What every page shows beyond its own text: the generator, mkdocs.yml, portal.yml (and the url a
    preview builds with), templates/, content/."""
    digest = hashlib.sha256(generator_hash())
    digest.update(url.encode() + b"\0")
    digest.update(yaml.safe_dump(site_settings, allow_unicode=True).encode())
    if "nav" not in site_settings:  # without a nav, every page lists every page: never a dirty build
        digest.update(os.urandom(16))
    with contextlib.suppress(OSError):
        digest.update((root / "portal.yml").read_bytes())
    for name in ("templates", "content"):
        digest.update(name.encode() + b"\0")
        if (root / name).is_dir():
            tree_hash(digest, root / name)
    return digest.hexdigest()


@contextlib.contextmanager
def nav_pages_read() -> Iterator[None]:
    """A dirty mkdocs build skips reading unchanged pages, so the nav would show them without a title
    (None) on every rebuilt page: the pages of the nav (a few hand-written ones) are always read."""
    get_navigation, populate = mkdocs_build_module.get_navigation, mkdocs_build_module._populate_page
    in_nav: set[int] = set()

    def navigation(files: Any, config: Any) -> Any:
        nav = get_navigation(files, config)
        in_nav.update(id(page) for page in nav.pages)
        return nav

    def populate_page(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        populate(page, config, files, dirty and id(page) not in in_nav)

    mkdocs_build_module.get_navigation, mkdocs_build_module._populate_page = navigation, populate_page
    try:
        yield
    finally:
        mkdocs_build_module.get_navigation, mkdocs_build_module._populate_page = get_navigation, populate


@contextlib.contextmanager
def new_files(docs: Path) -> Iterator[None]:
    """mkdocs writes and copies into an existing file in place; the kept site shares its files with the
    published one (hard links), so each write must make a new file instead. A file of the docs folder
    (downloads above all) is linked, not copied: the docs folder, too, only ever gets new files."""
    write, copy = mkdocs_utils.write_file, mkdocs_utils.copy_file
    own = str(docs) + os.sep

    def write_file(content: bytes, output_path: str) -> None:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            os.unlink(output_path)
        write(content, output_path)

    def copy_file(source_path: str, output_path: str) -> None:
        if os.path.isdir(output_path):
            copy(source_path, output_path)
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(output_path)
        if os.path.abspath(source_path).startswith(own):
            os.makedirs(os.path.dirname(output_path), exist_ok=True)
            with contextlib.suppress(OSError):  # another file system, or links not allowed: a copy
                os.link(source_path, output_path)
                return
        copy(source_path, output_path)

    mkdocs_utils.write_file, mkdocs_utils.copy_file = write_file, copy_file
    try:
        yield
    finally:
        mkdocs_utils.write_file, mkdocs_utils.copy_file = write, copy


def link_tree(source: Path, target: Path) -> None:
    """A copy of `source` made of hard links (a plain copy across file systems)."""
    for top, _dirs, files in os.walk(source):
        folder = target / Path(top).relative_to(source)
        folder.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(top) / name, folder / name)
            except OSError:
                shutil.copy2(Path(top) / name, folder / name)


def check_target(root: Path, site: Path) -> None:
    """Refuse a target whose replacement would delete the portal's sources or someone else's files."""
    clash = source_clash(root, site)
    if clash == "":
        raise BuildError(f"folder hasil {site} berisi portal itu sendiri ({root}); pilih folder lain, mis. {root}/site")
    if clash:
        raise BuildError(
            f"folder hasil {site} berada di dalam {clash}/ portal; pilih folder di luarnya, mis. {root}/site"
        )
    if site.exists() and not site.is_dir():
        raise BuildError(f"{site} adalah file, bukan folder; hapus atau pindahkan file itu, atau pilih --site lain")
    if site.is_dir() and not (site / MARKER).is_file() and any(site.iterdir()):
        raise BuildError(
            f"folder {site} berisi file tetapi bukan situs yang dibangun Sebar (tidak ada file penanda {MARKER}); "
            "Sebar hanya mengganti situsnya sendiri. Pilih folder kosong atau folder baru, "
            "atau hapus sendiri folder itu bila memang tidak diperlukan"
        )


def describe(error: OSError) -> str:
    """An operating-system error as an operator can act on it."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"disk penuh{where}: kosongkan ruang disk lalu bangun ulang"
    if error.errno == errno.EFBIG:
        return f"file melebihi batas ukuran file sistem{where}"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"tidak ada izin menulis{where}: periksa hak akses folder atau pilih --site lain"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"bagian dari path adalah file, bukan folder{where}"
    return f"{error.strerror or error}{where}"


@contextlib.contextmanager
def staging(parent: Path) -> Iterator[Path]:
    """A `.sebar-*` work folder beside the site, locked while this build runs; stale ones are removed first."""
    clean_stale(parent)
    work = Path(tempfile.mkdtemp(prefix=".sebar-", dir=parent))
    # Locked before it gets its name, so a cleaner never sees the lock file unlocked while we live.
    lock = (work / (STAGING_LOCK + ".tmp")).open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        os.rename(work / (STAGING_LOCK + ".tmp"), work / STAGING_LOCK)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock.close()


def clean_stale(parent: Path) -> None:
    """Remove staging folders of builds that were killed: their lock died with them (flock is per process)."""
    for folder in sorted(parent.glob(".sebar-*")):
        lock_file = folder / STAGING_LOCK
        if folder.is_symlink() or not folder.is_dir() or not lock_file.is_file():
            continue  # not made by Sebar, or a build that is just starting
        with lock_file.open("r") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a build running now
            shutil.rmtree(folder, ignore_errors=True)


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
    # the dirty build is ours, over a kept docs folder whose nav cannot change: not the warned-of misuse
    builder = logging.getLogger("mkdocs.commands.build")
    builder.addFilter(not_dirty_warning)
    try:
        yield
    finally:
        logger.setLevel(level)
        builder.removeFilter(not_dirty_warning)


def not_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()
