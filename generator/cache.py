"""The build's own cache: each dataset's checked result and downloads, keyed by a hash of all it depends on."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.errors import SebarError
from generator.model import Dataset

GENERATOR = Path(__file__).resolve().parent
LIBRARIES = ("frictionless", "pyarrow", "openpyxl", "python-calamine", "mkdocs", "mkdocs-material")
VERSION = b"sebar-cache 1"
DEFAULT = ".sebar-cache"
SOURCES = ("datasets", "content", "templates", ".git")  # the portal's own folders: never a cache or a site


class CacheError(SebarError):
    """The cache folder cannot be used (inside the portal's sources, tracked by Git, or unwritable)."""


@dataclass
class CacheStats:
    """What a run reused: tests and the summary count these."""

    hits: int = 0
    misses: int = 0
    full_pages: bool | None = None  # the page pass: True = every page rebuilt, False = only changed ones


@functools.cache
def generator_hash() -> bytes:
    """The generator's own source files, Python's version and the libraries that shape the output."""
    digest = hashlib.sha256(VERSION)
    for path in sorted(GENERATOR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(GENERATOR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.digest()


def tree_hash(digest: Any, folder: Path) -> None:
    """Every entry below `folder` by name and type; files by their bytes; links and special files never read."""
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if (Path(top) / d).is_symlink()]):
            path = Path(top) / name
            info = path.lstat()
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            if stat.S_ISREG(info.st_mode):
                with path.open("rb") as file:
                    digest.update(b"f" + hashlib.file_digest(file, "sha256").digest())
            elif stat.S_ISLNK(info.st_mode):
                digest.update(b"l" + os.readlink(path).encode(errors="surrogateescape") + b"\0")
            else:
                digest.update(b"s%d\0" % stat.S_IFMT(info.st_mode))


def dataset_key(root: Path, path: Path) -> str:
    """The key of the dataset whose metadata is `path`: its folder's files, portal.yml, the generator."""
    digest = hashlib.sha256(generator_hash())
    try:
        digest.update(b"portal" + (root / "portal.yml").read_bytes())
    except OSError:
        digest.update(b"no portal")
    digest.update(path.relative_to(root).as_posix().encode() + b"\0")
    tree_hash(digest, path.parent)
    return digest.hexdigest()


def source_clash(root: Path, folder: Path) -> str | None:
    """What of the portal writing into `folder` would destroy: "" for the portal itself, the name of
    the source folder it lies in, or None."""
    if root.is_relative_to(folder):
        return ""
    return next((name for name in SOURCES if folder.is_relative_to(root / name)), None)


def check_location(root: Path, folder: Path) -> None:
    """The cache is the build's own state: never inside the portal's sources, never a tracked file."""
    root, folder = root.resolve(), folder.resolve()
    clash = source_clash(root, folder)
    if clash == "":
        raise CacheError(f"folder cache {folder} berisi portal itu sendiri; pilih folder lain, mis. {root}/{DEFAULT}")
    if clash:
        raise CacheError(
            f"folder cache {folder} berada di dalam {clash}/ portal; pilih folder di luarnya, mis. {root}/{DEFAULT}"
        )
    if folder.exists() and not folder.is_dir():
        raise CacheError(f"{folder} adalah file, bukan folder; pilih --cache lain")
    run = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--", str(folder)], capture_output=True, check=False
    )
    if run.returncode == 0 and run.stdout:
        raise CacheError(
            f"folder cache {folder} berisi file yang dilacak Git; cache tidak pernah dibaca dari repositori. "
            f"Hapus file itu dari Git (git rm -r --cached) dan tambahkan foldernya ke .gitignore"
        )


class Cache:
    """Entries under `entries/<key>/` (result.pickle and files/), each complete or absent: an entry is
    built under `tmp/` and renamed into place. The page pass keeps its docs folder and site under `pages/`."""

    def __init__(self, root: Path, folder: Path | None) -> None:
        self.temporary = folder is None
        if folder is None:  # a library caller without a cache: a private folder, gone at exit
            self._keep = tempfile.TemporaryDirectory(prefix="sebar-cache-")
            folder = Path(self._keep.name)
        else:
            check_location(root, folder)
        self.folder = folder.resolve()
        self.stats = CacheStats()
        self.used: set[str] = set()
        try:
            for name in ("entries", "tmp", "pages"):
                (self.folder / name).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheError(f"folder cache {folder} tidak dapat ditulis: {error.strerror}") from error

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One run at a time per cache folder: a second build waits instead of mixing entries."""
        with (self.folder / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def get(self, key: str) -> tuple[Dataset | None, list[Any]] | None:
        entry = self.folder / "entries" / key
        try:
            stored_key, dataset, issues = pickle.loads((entry / "result.pickle").read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return None
        if stored_key != key:
            return None
        self.used.add(key)
        self.stats.hits += 1
        if dataset is not None:
            dataset = replace(dataset, files=entry / "files")
        return dataset, issues

    def new_entry(self) -> Path:
        """A fresh folder for one dataset's work; its `files/` is the `out` of check_dataset."""
        work = Path(tempfile.mkdtemp(dir=self.folder / "tmp"))
        (work / "files").mkdir()
        return work

    def put(self, key: str, work: Path, result: tuple[Dataset | None, list[Any]]) -> tuple[Dataset | None, list[Any]]:
        """Store the result with its downloads (only a valid dataset keeps them) and return it pointing there."""
        self.stats.misses += 1
        self.used.add(key)
        dataset, issues = result
        if dataset is None:
            shutil.rmtree(work / "files")
            (work / "files").mkdir()
        stored = replace(dataset, files=None) if dataset is not None else None
        (work / "result.pickle").write_bytes(pickle.dumps((key, stored, issues), protocol=pickle.HIGHEST_PROTOCOL))
        entry = self.folder / "entries" / key
        try:
            work.rename(entry)
        except OSError:  # an entry of the same key already exists (same content): keep it
            shutil.rmtree(work, ignore_errors=True)
        if dataset is not None:
            dataset = replace(dataset, files=entry / "files")
        return dataset, issues

    def prune(self) -> None:
        """Keep only the entries this run used; half-written work of killed runs goes too."""
        for entry in (self.folder / "entries").iterdir():
            if entry.name not in self.used:
                shutil.rmtree(entry, ignore_errors=True)
        for work in (self.folder / "tmp").iterdir():
            shutil.rmtree(work, ignore_errors=True)
