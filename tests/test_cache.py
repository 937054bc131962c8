"""The build's cache, process pool and incremental page pass: reuse never changes a byte of the site."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.cache import CacheError
from generator.cli import main
from tests.conftest import ROOT, git
from tests.helpers import case_portal


def files_of(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def small_portal(tmp_path: Path) -> Path:
    root = case_portal(tmp_path, "valid/latin1", "valid/locale")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "uji")
    return root


def entries(cache: Path) -> set[str]:
    return {p.name for p in (cache / "entries").iterdir()}


def test_cache_change_invalidates_exactly_its_dependents(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    assert build(root, cache_dir=cache, jobs=1).stats.misses == 2
    warm = build(root, cache_dir=cache, jobs=1).stats
    assert (warm.hits, warm.misses, warm.full_pages) == (2, 0, False)
    (root / "datasets/dinkes/latin1/test_latin1.csv").write_text("a,b,c\n1,2,3\n7,8,9\n", encoding="latin-1")
    data = build(root, cache_dir=cache, jobs=1).stats
    assert (data.hits, data.misses) == (1, 1)
    meta = root / "datasets/dinkes/locale/datapackage.yaml"
    meta.write_text(meta.read_text().replace("\n", "\nversion: '2'\n", 1))
    metadata = build(root, cache_dir=cache, jobs=1).stats
    assert (metadata.hits, metadata.misses) == (1, 1)
    (root / "portal.yml").write_text((root / "portal.yml").read_text() + "\n# sebuah komentar\n")
    portal = build(root, cache_dir=cache, jobs=1).stats
    assert (portal.hits, portal.misses, portal.full_pages) == (0, 2, True)
    assert len(entries(cache)) == 2  # the entries of earlier inputs are pruned


def test_cache_generator_change_invalidates_every_entry(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    assert main(["check", "--root", str(root), "--cache", str(cache)]) == 0
    before = entries(cache)
    copy = tmp_path / "kode"
    shutil.copytree(ROOT / "generator", copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "generator" / "model.py").open("a") as file:
        file.write("# the generator changed\n")
    command = [sys.executable, "-m", "generator.cli", "check", "--root", str(root), "--cache", str(cache)]
    env = {**os.environ, "PYTHONPATH": str(copy)}
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=copy, check=False)
    assert run.returncode == 0, run.stderr
    after = entries(cache)
    assert len(after) == 2 and not before & after


def test_cache_warm_build_is_byte_identical_to_clean_build(tmp_path):
    root = small_portal(tmp_path)
    build(root, tmp_path / "a", cache_dir=tmp_path / "warm", jobs=1)
    check_first = main(["check", "--root", str(root), "--cache", str(tmp_path / "warm2")])
    assert check_first == 0
    warm = build(root, tmp_path / "b", cache_dir=tmp_path / "warm", jobs=1)
    warm_from_check = build(root, tmp_path / "c", cache_dir=tmp_path / "warm2", jobs=1)
    assert warm.stats.misses == 0 and warm_from_check.stats.misses == 0  # check filled the build's cache
    clean = build(root, tmp_path / "d", cache_dir=tmp_path / "cold", jobs=1)
    assert files_of(warm.site) == files_of(clean.site) == files_of(warm_from_check.site)


def test_build_parallel_is_byte_identical_to_serial(demo_portal, tmp_path):
    serial = build(demo_portal, tmp_path / "serial", cache_dir=tmp_path / "c1", jobs=1)
    parallel = build(demo_portal, tmp_path / "parallel", cache_dir=tmp_path / "c2", jobs=2)
    assert parallel.stats.misses == len(list(demo_portal.glob("datasets/*/*/datapackage.yaml")))
    assert files_of(serial.site) == files_of(parallel.site)
    assert serial.report.to_json("id") == parallel.report.to_json("id")


def test_build_incremental_after_one_csv_change_republishes_only_that_dataset(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    before = files_of(build(root, cache_dir=cache, jobs=1).site)
    (root / "datasets/dinkes/latin1/test_latin1.csv").write_text("a,b,c\n1,2,3\n7,8,9\n", encoding="latin-1")
    git(root, "commit", "-qam", "data baru")
    result = build(root, cache_dir=cache, jobs=1)
    assert result.stats.full_pages is False
    after = files_of(result.site)
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert "dataset/dinkes/latin1/data.csv" in changed
    assert "dataset/dinkes/latin1/index.html" in changed
    assert not {name for name in changed if name.startswith("dataset/dinkes/locale/")}
    assert b"7,8,9" in (result.site / "dataset/dinkes/latin1/data.csv").read_bytes()
    clean = build(root, tmp_path / "bersih", cache_dir=tmp_path / "dingin", jobs=1)
    assert after == files_of(clean.site)  # the incremental site is the clean one, byte for byte


def test_build_incremental_removed_dataset_leaves_no_page(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    build(root, cache_dir=cache, jobs=1)
    shutil.rmtree(root / "datasets/dinkes/locale")
    result = build(root, cache_dir=cache, jobs=1)
    assert result.stats.full_pages is True
    assert not (result.site / "dataset/dinkes/locale").exists()
    assert files_of(result.site) == files_of(build(root, tmp_path / "bersih", cache_dir=tmp_path / "d", jobs=1).site)


def test_cache_of_killed_check_never_used(demo_portal, tmp_path):
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "generator.cli", "check", "--root", str(demo_portal), "--cache", str(cache)]
    process = subprocess.Popen([*command, "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(cache.glob("tmp/*/files/*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(cache.glob("tmp/*"))  # killed while an entry was being written
    assert all((entry / "result.pickle").is_file() for entry in (cache / "entries").iterdir())
    result = build(demo_portal, tmp_path / "site", cache_dir=cache, jobs=1)
    assert result.stats.hits + result.stats.misses == len(list(demo_portal.glob("datasets/*/*/datapackage.yaml")))
    assert not list(cache.glob("tmp/*"))
    clean = build(demo_portal, tmp_path / "bersih", cache_dir=tmp_path / "dingin", jobs=1)
    assert files_of(result.site) == files_of(clean.site)


def test_cache_of_killed_page_pass_gives_full_rebuild(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    build(root, cache_dir=cache, jobs=1)
    (cache / "pages" / "built").unlink()  # what a build killed during its page pass leaves
    (cache / "pages" / "site" / "index.html").write_text("setengah")
    result = build(root, cache_dir=cache, jobs=1)
    assert result.stats.full_pages is True
    assert "setengah" not in (result.site / "index.html").read_text()


@pytest.mark.parametrize("inside", ["content", "datasets", "templates"])
def test_cache_inside_portal_sources_refused(tmp_path, inside):
    root = small_portal(tmp_path)
    with pytest.raises(CacheError, match=f"di dalam {inside}/"):
        build(root, cache_dir=root / inside / "cache")
    assert main(["check", "--root", str(root), "--cache", str(root / inside / "cache")]) == 2


def test_cache_tracked_by_git_refused(tmp_path, capsys):
    root = small_portal(tmp_path)
    (root / ".sebar-cache").mkdir()
    (root / ".sebar-cache" / "entries").mkdir()
    (root / ".sebar-cache" / "entries" / "palsu").write_text("x")
    git(root, "add", "-f", ".sebar-cache")
    git(root, "commit", "-qm", "cache palsu")
    assert main(["build", "--root", str(root)]) == 2
    assert "dilacak Git" in capsys.readouterr().err
    assert not (root / "site").exists()


def test_build_incremental_keeps_pages_of_unchanged_datasets(tmp_path):
    root = small_portal(tmp_path)
    cache = tmp_path / "cache"
    build(root, cache_dir=cache, jobs=1)
    docs = cache / "pages" / "docs" / "dataset" / "dinkes"
    before = {name: (docs / name / "index.md").stat().st_ino for name in ("latin1", "locale")}
    (root / "datasets/dinkes/latin1/test_latin1.csv").write_text("a,b,c\n1,2,3\n7,8,9\n", encoding="latin-1")
    git(root, "commit", "-qam", "data baru")
    # another process, other string hashes: the page keys must not depend on them
    command = [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--cache", str(cache)]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert (docs / "locale" / "index.md").stat().st_ino == before["locale"]  # kept, not rendered again
    assert (docs / "latin1" / "index.md").stat().st_ino != before["latin1"]
    assert "7,8,9" not in (docs / "locale" / "index.md").read_text()
