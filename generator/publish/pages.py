"""GitHub Pages: check the built site and ready the folder that actions/upload-pages-artifact takes.

The upload itself is the workflow's (upload-pages-artifact, then deploy-pages): Pages replaces the whole
site at once, so every file is reported as sent.
"""

from __future__ import annotations

from pathlib import Path

from generator.publish.base import Published, PublishError, PublishResult, sha256, site_files

LIMIT = 1 << 30  # GitHub Pages publishes sites of at most 1 GB
STRAY = (".DS_Store", "Thumbs.db", "desktop.ini")  # left by file managers; never part of a build


class PagesTarget:
    name = "pages"

    def publish(self, site: Path) -> PublishResult:
        for path in sorted(site.rglob("*")):
            if path.name in STRAY or path.name.endswith("~"):
                path.unlink()
        files = site_files(site)
        for required in ("index.html", "404.html"):
            if required not in files:
                raise PublishError(f"{site / required} tidak ada; bangun ulang situs dengan `sebar build`")
        size = sum(path.stat().st_size for path in files.values())
        if size > LIMIT:
            raise PublishError(
                f"situs {site} berukuran {size / 2**20:.0f} MB, melebihi batas GitHub Pages 1 GB; "
                "pilih tujuan `s3` atau `folder` di portal.yml"
            )
        # without it Pages runs Jekyll, which drops folders starting with `_`
        (site / ".nojekyll").write_bytes(b"")
        result = PublishResult(self.name, f"{site} (diunggah oleh alur kerja GitHub Pages)")
        result.uploaded = [Published(name, sha256(path)) for name, path in files.items()]
        return result
