"""build: the target folder is checked before anything is deleted; environment failures are clear; the
staging folders of killed builds are removed by the next build."""

from __future__ import annotations

import errno
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import MARKER, STAGING_LOCK, build, describe
from generator.cli import main
from tests.conftest import make_portal
from tests.helpers import case_portal
from tests.test_build import tree_hash


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = case_portal(tmp_path, "valid/latin1")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def sources(root: Path) -> dict[str, str]:
    return tree_hash(root)


@pytest.mark.parametrize("target", [".", "..", "content", "content/bantuan", "datasets", "datasets/dinkes", ".git"])
def test_build_target_holding_or_inside_sources_refused(portal, target, capsys):
    before = sources(portal)
    assert main(["build", "--root", str(portal), "--site", str(portal / target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: folder hasil ") and "pilih folder" in err and "Traceback" not in err
    assert sources(portal) == before


def test_build_target_foreign_non_empty_folder_refused(portal, tmp_path, capsys):
    foreign = tmp_path / "dokumen"
    foreign.mkdir()
    (foreign / "laporan.docx").write_text("penting")
    assert main(["build", "--root", str(portal), "--site", str(foreign)]) == 2
    assert f"tidak ada file penanda {MARKER}" in capsys.readouterr().err
    assert (foreign / "laporan.docx").read_text() == "penting"


def test_build_target_empty_folder_or_previous_site_replaced(portal, tmp_path):
    empty = tmp_path / "kosong"
    empty.mkdir()
    site = build(portal, empty).site
    assert (site / MARKER).is_file() and (site / "index.html").is_file()
    (site / "lama.txt").write_text("dari bangunan sebelumnya")
    build(portal, site)
    assert not (site / "lama.txt").exists() and (site / MARKER).is_file()


def test_serve_target_holding_the_portal_refused(portal, capsys):
    before = sources(portal)
    assert main(["serve", "--root", str(portal), "--site", str(portal), "--port", "0"]) == 2
    assert "berisi portal itu sendiri" in capsys.readouterr().err
    assert sources(portal) == before


def test_build_target_is_a_file_exit_2(portal, capsys):
    target = portal.parent / "site"
    target.write_text("bukan situs")
    assert main(["build", "--root", str(portal), "--site", str(target)]) == 2
    assert "adalah file, bukan folder" in capsys.readouterr().err
    assert target.read_text() == "bukan situs"


def test_build_target_under_a_file_exit_2(portal, capsys):
    (portal.parent / "berkas").write_text("x")
    assert main(["build", "--root", str(portal), "--site", str(portal.parent / "berkas" / "site")]) == 2
    err = capsys.readouterr().err
    assert "bukan folder" in err and "Situs lama tetap utuh" in err and "Traceback" not in err


def test_build_describe_disk_full_from_a_real_enospc():
    with pytest.raises(OSError) as raised, open("/dev/full", "w") as full:  # noqa: PTH123
        full.write("x" * 10_000)
        full.flush()
    assert raised.value.errno == errno.ENOSPC
    assert describe(raised.value).startswith("disk penuh")


def test_build_file_size_limit_exit_2_and_previous_site_whole(tmp_path):
    """A write the system refuses (here the file-size limit: EFBIG, as ENOSPC would) ends with exit 2."""
    root = make_portal(tmp_path / "portal")
    site = build(root).site
    before = tree_hash(site)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    # a fresh cache: everything is written again (a warm one would reuse it all, writing nothing big)
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build", "--cache", str(tmp_path / "c")]
    run = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, check=False)  # noqa: PLW1509
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and "batas ukuran file" in run.stderr
    assert "Situs lama tetap utuh" in run.stderr
    assert tree_hash(site) == before
    assert staging_folders(root) == []


def staging_folders(root: Path) -> list[Path]:
    """The staging folders beside the site; the cache (.sebar-cache) is kept on purpose."""
    return [p for p in root.glob(".sebar-*") if p.name != ".sebar-cache"]


def test_build_staging_of_killed_build_removed_by_next_build(tmp_path):
    root = make_portal(tmp_path / "portal")
    site = build(root).site
    before = tree_hash(site)
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(root.glob(".sebar-*/mkdocs.yml")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    (left,) = staging_folders(root)
    assert (left / STAGING_LOCK).is_file()
    assert tree_hash(site) == before
    build(root)
    assert not left.exists() and staging_folders(root) == []
    assert (site / MARKER).is_file()


def test_build_staging_of_running_build_kept(tmp_path):
    """A staging folder whose lock is held (a build still running) is not removed by another build."""
    import fcntl

    root = case_portal(tmp_path, "valid/latin1")
    busy = root / ".sebar-busy"
    busy.mkdir()
    with (busy / STAGING_LOCK).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        other = subprocess.run(
            [sys.executable, "-m", "generator.cli", "--root", str(root), "build"], capture_output=True, check=False
        )
        assert other.returncode == 0, other.stderr
        assert busy.is_dir()
    stranger = root / ".sebar-bukan-milik-sebar"
    stranger.mkdir()
    build(root)
    assert stranger.is_dir() and not busy.exists()
