"""The folder target: swapped in one step; a publish killed while copying leaves the old site whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from generator.build import MARKER
from generator.publish.base import PublishError, publish, sha256

ROOT = Path(__file__).resolve().parents[1]


def portal_with_folder(demo_portal: Path, tmp_path: Path, folder: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(demo_portal, root, ignore=shutil.ignore_patterns("site", ".sebar-cache", ".git"))
    settings = yaml.safe_load((root / "portal.yml").read_text())
    settings["publikasi"] = {"target": ["folder"], "folder": {"path": str(folder)}}
    (root / "portal.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))
    return root


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_publish_folder_killed_while_copying_leaves_the_old_site_whole(demo_portal, demo_site, tmp_path):
    www = tmp_path / "www" / "html"
    root = portal_with_folder(demo_portal, tmp_path, www)
    first = publish(root, demo_site)[0]
    assert snapshot(www) == snapshot(demo_site)
    assert len(first.uploaded) == len(snapshot(demo_site)) - 1  # all but the marker
    old = snapshot(www)

    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    (site / "dataset/bandung/objek-wisata-belanja/data.csv").write_text("id,nama\n1,baru\n")
    (site / "sitemap.xml.gz").unlink()
    copying = tmp_path / "copying"
    # a real `sebar publish` process whose copy is slow, so that it can be killed in the middle of it
    script = textwrap.dedent(f"""
        import pathlib, shutil, sys, time
        copy = shutil.copyfile  # what shutil.copy2, copytree's copier, calls for each file
        def slow(source, target, **kwargs):
            result = copy(source, target, **kwargs)
            pathlib.Path({str(copying)!r}).touch()
            time.sleep(0.05)
            return result
        shutil.copyfile = slow
        from generator.cli import main
        sys.exit(main(["publish", "--root", {str(root)!r}, "--site", {str(site)!r}]))
    """)
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not copying.exists():
        assert process.poll() is None and time.monotonic() < deadline, "publish ended before it was killed"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert snapshot(www) == old  # the old site, whole
    assert list(www.parent.glob(".sebar-*")), "the killed run's staging folder is expected beside the site"

    second = publish(root, site, ["folder"])[0]
    assert snapshot(www) == snapshot(site)
    assert [item.path for item in second.uploaded] == ["dataset/bandung/objek-wisata-belanja/data.csv"]
    assert second.deleted == ["sitemap.xml.gz"]
    assert sorted(p.name for p in www.parent.iterdir()) == ["html"]  # the staging folder was cleaned up


def test_publish_folder_refuses_a_folder_that_is_not_a_sebar_site(demo_portal, demo_site, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.php").write_text("<?php // situs lain")
    root = portal_with_folder(demo_portal, tmp_path, www)
    with pytest.raises(PublishError, match=f"bukan situs Sebar \\(tidak ada file penanda {MARKER}\\)"):
        publish(root, demo_site, ["folder"])
    assert sorted(p.name for p in www.iterdir()) == ["index.php"]
    (www / "index.php").unlink()  # an empty folder is taken
    publish(root, demo_site, ["folder"])
    assert (www / MARKER).is_file() and (www / "index.html").is_file()
