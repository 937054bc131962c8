"""Benchmark: does the portal stay fast and light as the catalogue and the tables grow?

Every number is a ratio against a baseline measured in the same run, so the result does not
depend on the machine. The grown catalogue copies the real demo datasets under new names.

    make bench            # or: .venv/bin/python bench/bench_build.py --copies 10
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build import build  # noqa: E402
from tests.conftest import git, make_portal  # noqa: E402


def grow(portal: Path, copies: int) -> None:
    """Add `copies` renamed copies of every dataset: the same real data, a larger catalogue."""
    for meta_path in sorted(portal.glob("datasets/*/*/datapackage.yaml")):
        folder = meta_path.parent
        for n in range(1, copies):
            twin = folder.with_name(f"{folder.name}-salinan-{n}")
            shutil.copytree(folder, twin)
            meta = yaml.safe_load((twin / "datapackage.yaml").read_text())
            meta["name"] = twin.name
            meta["title"] = f"{meta['title']} (salinan {n})"
            (twin / "datapackage.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))


def timed_build(portal: Path, repeat: int) -> tuple[float, Path]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        site = build(portal).site
        best = min(best, time.perf_counter() - start)
    return best, site


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--copies", type=int, default=10, help="how many times the catalogue grows")
    options.add_argument("--repeat", type=int, default=3, help="builds per measurement (the best counts)")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as work:
        small = make_portal(Path(work) / "kecil")
        large = make_portal(Path(work) / "besar", commit=False)
        grow(large, args.copies)
        for step in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "katalog besar")):
            git(large, *step)
        t_small, site_small = timed_build(small, args.repeat)
        t_large, site_large = timed_build(large, args.repeat)
        n_small = len(list(small.glob("datasets/*/*/datapackage.yaml")))
        n_large = len(list(large.glob("datasets/*/*/datapackage.yaml")))
        size = lambda site, page: (site / page / "index.html").stat().st_size  # noqa: E731
        biggest = "dataset/kemendagri/kode-wilayah-jatim"  # 9,206 rows
        smallest = "dataset/opendata-jabar/garis-kemiskinan-provinsi"  # 1 row
        rows = [
            (f"build time per dataset, catalogue x{args.copies} / x1", (t_large / n_large) / (t_small / n_small), 1.25),
            (f"home page bytes, catalogue x{args.copies} / x1", size(site_large, "") / size(site_small, ""), 1.10),
            (
                f"dataset page bytes, catalogue x{args.copies} / x1",
                size(site_large, smallest) / size(site_small, smallest),
                1.10,
            ),
            ("dataset page bytes, 9,206 rows / 1 row", size(site_small, biggest) / size(site_small, smallest), 2.0),
        ]
    print(f"baseline: {n_small} datasets built in {t_small:.2f} s; grown: {n_large} datasets in {t_large:.2f} s")
    print(f"{'measure':<48} {'ratio':>7} {'target':>7}  result")
    failed = 0
    for name, ratio, target in rows:
        ok = ratio <= target
        failed += not ok
        print(f"{name:<48} {ratio:>7.2f} {'<= ' + str(target):>7}  {'met' if ok else 'NOT MET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
