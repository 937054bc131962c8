"""A folder on the web server, replaced in one step: the new site is copied beside it, then swapped in.

The same staging and swap as `sebar build` (renameat2 RENAME_EXCHANGE): readers see the old site or
the new one, never half; a run killed while copying leaves the old site whole and its staging folder
is removed by the next run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import MARKER, describe, staging, swap
from generator.publish.base import Published, PublishError, PublishResult, sha256, site_files


class FolderTarget:
    name = "folder"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def publish(self, site: Path) -> PublishResult:
        target = self.folder
        if target == site or target.is_relative_to(site) or site.is_relative_to(target):
            raise PublishError(
                f"folder tujuan {target} dan situs {site} saling bertumpuk; pilih `publikasi.folder.path` di luarnya"
            )
        if target.exists() and not target.is_dir():
            raise PublishError(f"{target} adalah file, bukan folder; perbaiki `publikasi.folder.path` di portal.yml")
        if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
            raise PublishError(
                f"folder {target} berisi file tetapi bukan situs Sebar (tidak ada file penanda {MARKER}); "
                "Sebar hanya mengganti situsnya sendiri. Kosongkan folder itu atau pilih folder lain "
                "di `publikasi.folder.path`"
            )
        files = site_files(site)
        before = {name: sha256(path) for name, path in site_files(target).items()} if target.is_dir() else {}
        result = PublishResult(self.name, str(target))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with staging(target.parent) as work:
                staged = work / "site"
                # a copy, not hard links: the web server's files must not change when site/ does
                shutil.copytree(site, staged, symlinks=False)
                for name in files:
                    digest = sha256(staged / name)  # what was actually written, not what we meant to
                    (result.unchanged if before.get(name) == digest else result.uploaded).append(
                        Published(name, digest)
                    )
                swap(staged, target)
        except OSError as error:
            raise PublishError(
                f"situs tidak dapat ditulis ke {target}: {describe(error)}. Situs lama tetap utuh."
            ) from error
        result.deleted = sorted(set(before) - set(files))
        return result
