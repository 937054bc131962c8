"""Benchmark: every target of issue 10 as a ratio against a baseline measured in the same run.

Sebar is driven only through its public CLI (`sebar build`, `sebar check`, default options) in child
processes, so the benchmark measures any version of the engine. Writes bench/results.json and
bench/RESULTS.md; asserts no times (exit 0 whatever the figures, non-zero only if a step crashed).

    make bench                              # quick: 100 datasets, 100,000 rows (CI, under 3 minutes)
    .venv/bin/python bench/bench_build.py --full   # 1,000 datasets, 1,000,000 and 5,000,000 rows
    .venv/bin/python bench/bench_build.py --full --rows 1000000   # the same without the long 5M run

Why a missed target is missed (the profile) is written by hand in bench/NOTES.md, one `## <target>`
section each; RESULTS.md quotes the section of every target the run misses.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import portals
from measure import Crash, Run, first_view_bytes, lighthouse, median, run, sebar, serving

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "bench"
NOTES = HERE / "NOTES.md"
PANDAS = """
import sys, pandas
frame = pandas.read_csv(sys.argv[1])
frame.to_csv(sys.argv[2], index=False)
frame.to_json(sys.argv[3], orient="records")
"""


@dataclass(frozen=True)
class Mode:
    datasets: int
    rows: list[int]  # big tables; the first is the one the targets name
    repeat: int  # each full-build figure is the median of this many runs, Sebar and plain MkDocs interleaved
    lighthouse_runs: int  # each page's scores are those of the median-performance run (0: Lighthouse skipped)


# Quick mode fits CI's 3 minutes with Lighthouse once a page (its runs were the slowest part);
# --full takes the median of 3 Lighthouse runs as well as of 3 builds, as issue 10 measured them.
# the typical dataset page: headline figures, a line chart and a map (its declared views) above its table
CHART_PAGE = "halaman grafik (small dataset)"
QUICK = Mode(datasets=100, rows=[100_000], repeat=3, lighthouse_runs=1)
FULL = Mode(datasets=1000, rows=[1_000_000, 5_000_000], repeat=3, lighthouse_runs=3)
LIBRARIES = ("mkdocs", "mkdocs-material", "frictionless", "openpyxl", "jinja2", "pyarrow", "pandas", "pagefind-bin")


@dataclass(frozen=True)
class FullBuild:
    datasets: int
    sebar_pages: int  # HTML pages in each site: the plain project is made with as many
    plain_pages: int
    sebar_seconds: list[float]
    plain_seconds: list[float]
    sebar_cpu_seconds: float  # median
    sebar_peak_rss_mb: float  # largest of the runs
    plain_peak_rss_mb: float
    cold_options: list[str]
    ratio: float  # median Sebar seconds / median plain MkDocs seconds


@dataclass(frozen=True)
class Incremental:
    changed: str
    full_seconds: float
    rebuild_seconds: float
    rebuild_peak_rss_mb: float
    ratio: float  # rebuild / full build


@dataclass(frozen=True)
class BigTable:
    rows: int
    csv_mb: float
    completed: bool
    check_seconds: float
    build_seconds: float
    check_peak_rss_mb: float
    build_peak_rss_mb: float
    pandas_seconds: float
    pandas_peak_rss_mb: float
    throughput_ratio: float  # pandas seconds / (check + build seconds): 1.0 = as fast as pandas
    error: str = ""

    @property
    def peak_rss_mb(self) -> float:
        return max(self.check_peak_rss_mb, self.build_peak_rss_mb)


@dataclass(frozen=True)
class PageWeight:
    url: str
    files_kb: dict[str, float]  # path -> gzip KB: the HTML and the data the page fetches on first view
    total_kb: float


@dataclass
class Results:
    mode: str
    date: str
    machine: dict[str, object]
    full_build: FullBuild | None = None
    incremental: Incremental | None = None
    big_tables: list[BigTable] = field(default_factory=list)
    pages: dict[str, PageWeight] = field(default_factory=dict)
    lighthouse: dict[str, dict[str, object]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    steps: dict[str, float] = field(default_factory=dict)  # wall seconds of each step of the benchmark
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        """The keys the issue names, then everything behind them."""
        big = self.big_tables[0] if self.big_tables else None
        return {
            "full_build_ratio": self.full_build.ratio if self.full_build else None,
            "incremental_ratio": self.incremental.ratio if self.incremental else None,
            "big_table_throughput_ratio": big.throughput_ratio if big else None,
            "big_table_peak_rss_mb": big.peak_rss_mb if big else None,
            "dataset_page_kb": {name: page.total_kb for name, page in self.pages.items()},
            "lighthouse": self.lighthouse,
            "mode": self.mode,
            "date": self.date,
            "bench_seconds": self.seconds,
            "steps_seconds": self.steps,
            "machine": self.machine,
            "full_build": asdict(self.full_build) if self.full_build else None,
            "incremental": asdict(self.incremental) if self.incremental else None,
            "big_tables": [asdict(b) | {"peak_rss_mb": b.peak_rss_mb} for b in self.big_tables],
            "pages": {name: asdict(page) for name, page in self.pages.items()},
            "errors": self.errors,
        }


def machine() -> dict[str, object]:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    memory = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    cpu = re.search(r"model name\s*:\s*(.*)", info)
    total = re.search(r"MemTotal:\s*(\d+)", memory)
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    lighthouse_package = HERE / "node_modules" / "lighthouse" / "package.json"
    if lighthouse_package.exists():
        versions["lighthouse"] = json.loads(lighthouse_package.read_text())["version"]
    chromium = shutil.which("chromium")
    if chromium:
        versions["chromium"] = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gb": round(int(total.group(1)) / 1024**2, 1) if total else None,
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],  # the machine may be shared
        "sebar_commit": commit.strip(),
        "versions": versions,
    }


@functools.cache
def build_help() -> str:
    return run(sebar("build", "--help")).output


def cold_options(root: Path) -> list[str]:
    """Options that make `sebar build` start from nothing, on versions that keep a cache."""
    shutil.rmtree(root / ".sebar-cache", ignore_errors=True)
    help_text = build_help()
    if "--no-cache" in help_text:
        return ["--no-cache"]
    if re.search(r"--cache[ =][A-Z]", help_text):  # a cache folder: point it at an empty one
        empty = Path(tempfile.mkdtemp(prefix="bench-cache-", dir=root.parent))
        return ["--cache", str(empty)]
    return []


def html_pages(site: Path) -> int:
    """Pages of a site built with directory URLs: one index.html each (404.html aside)."""
    return sum(1 for _ in site.rglob("index.html"))


def measure_full_build(work: Path, count: int, repeat: int) -> tuple[FullBuild, Path]:
    """`sebar build` of the grown demo vs plain `mkdocs build` of as many pages with the same mkdocs.yml.
    Every Sebar build starts from nothing; the last uses the default cache (just deleted, so as cold)
    and leaves it warm for the incremental build that follows."""
    portal = portals.grown_portal(work / "katalog", count)
    sebar_runs: list[Run] = []
    plain_runs: list[Run] = []
    plain: Path | None = None
    options: list[str] = []
    for n in range(repeat):
        options = cold_options(portal)
        shutil.rmtree(portal / "site", ignore_errors=True)
        last = n == repeat - 1
        sebar_runs.append(run(sebar("build", "--root", str(portal), *([] if last else options))))
        if plain is None:
            plain = portals.plain_project(portal, work / "polos", html_pages(portal / "site"))
        shutil.rmtree(plain / "site", ignore_errors=True)
        plain_runs.append(run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")]))
    assert plain is not None
    result = FullBuild(
        datasets=count,
        sebar_pages=html_pages(portal / "site"),
        plain_pages=html_pages(plain / "site"),
        sebar_seconds=[round(r.seconds, 2) for r in sebar_runs],
        plain_seconds=[round(r.seconds, 2) for r in plain_runs],
        sebar_cpu_seconds=round(statistics.median(r.cpu_seconds for r in sebar_runs), 2),
        sebar_peak_rss_mb=round(max(r.peak_rss_mb for r in sebar_runs), 1),
        plain_peak_rss_mb=round(max(r.peak_rss_mb for r in plain_runs), 1),
        cold_options=options,
        ratio=round(median(sebar_runs) / median(plain_runs), 2),
    )
    return result, portal


def measure_incremental(portal: Path, full: FullBuild) -> Incremental:
    """After the last full build (default options, so any cache it keeps is warm), one CSV gains a row;
    the rebuild is compared with the median full build."""
    full_seconds = statistics.median(full.sebar_seconds)
    changed = portals.change_one_dataset(portal)
    rebuild = run(sebar("build", "--root", str(portal)))
    return Incremental(
        changed=str(changed.relative_to(portal)),
        full_seconds=round(full_seconds, 2),
        rebuild_seconds=round(rebuild.seconds, 2),
        rebuild_peak_rss_mb=round(rebuild.peak_rss_mb, 1),
        ratio=round(rebuild.seconds / full_seconds, 3),
    )


def measure_big_table(work: Path, rows: int, must_finish: bool) -> tuple[BigTable, Path]:
    """`sebar check` + `sebar build` of one table of `rows` rows vs pandas reading and writing it. The two
    run as CI runs them, with default options: the build reuses what check wrote into the cache."""
    portal = portals.big_portal(work / f"besar-{rows}", rows)
    data = next(portal.glob("datasets/*/*/data.csv"))
    out = work / f"pandas-{rows}"
    out.mkdir()
    pandas = run([sys.executable, "-c", PANDAS, str(data), str(out / "data.csv"), str(out / "data.json")])
    shutil.rmtree(out)
    check = run(sebar("check", "--root", str(portal)), check=must_finish)
    build = run(sebar("build", "--root", str(portal)), check=must_finish)
    failed = next((r for r in (check, build) if r.returncode != 0), None)
    result = BigTable(
        rows=rows,
        csv_mb=round(data.stat().st_size / 1024**2, 1),
        completed=failed is None,
        check_seconds=round(check.seconds, 2),
        build_seconds=round(build.seconds, 2),
        check_peak_rss_mb=round(check.peak_rss_mb, 1),
        build_peak_rss_mb=round(build.peak_rss_mb, 1),
        pandas_seconds=round(pandas.seconds, 2),
        pandas_peak_rss_mb=round(pandas.peak_rss_mb, 1),
        throughput_ratio=round(pandas.seconds / (check.seconds + build.seconds), 3),
        error=failed.output[-1000:] if failed else "",
    )
    return result, portal / "site"


def measure_pages(
    sites: dict[str, tuple[Path, str]], lighthouse_runs: int
) -> tuple[dict[str, PageWeight], dict[str, dict[str, object]]]:
    """For each named page (site, path): its first-view weight (dataset pages) and Lighthouse scores,
    the run of median performance out of `lighthouse_runs` (the pages taken in turn, run after run)."""
    weights: dict[str, PageWeight] = {}
    runs: dict[str, list[dict[str, int | str]]] = {name: [] for name in sites}
    with contextlib.ExitStack() as stack:
        bases = {site: stack.enter_context(serving(site)) for site in {site for site, _ in sites.values()}}
        datasets = {name: (site, path) for name, (site, path) in sites.items() if path.startswith("dataset/")}
        found = first_view_bytes([bases[site] + path for site, path in datasets.values()])
        for (name, (_, path)), files in zip(datasets.items(), found, strict=True):
            rounded = {p: round(kb, 1) for p, kb in files.items()}
            weights[name] = PageWeight(url=path, files_kb=rounded, total_kb=round(sum(files.values()), 1))
        if lighthouse_runs:
            reports = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            names = list(sites) * lighthouse_runs
            urls = [bases[sites[name][0]] + sites[name][1] for name in names]
            for name, scores in zip(names, lighthouse(urls, reports), strict=True):
                runs[name].append(scores)
    return weights, {name: median_run(scores) for name, scores in runs.items()}


def median_run(runs: list[dict[str, int | str]]) -> dict[str, object]:
    """The run of median performance, with every run's performance beside it."""
    if not runs:
        return {"error": "dilewati (--lighthouse-runs 0)"}
    scored = sorted((r for r in runs if isinstance(r.get("performance"), int)), key=lambda r: r["performance"])
    chosen: dict[str, object] = dict(scored[(len(scored) - 1) // 2] if scored else runs[0])
    if len(runs) > 1:
        chosen["performance_runs"] = [r.get("performance", r.get("error")) for r in runs]
    return chosen


@dataclass(frozen=True)
class Row:
    """One line of the results table. `target` names its section in bench/NOTES.md; `met` is None
    where one run cannot judge (peak RSS "flat" needs two catalogue sizes)."""

    target: str
    measure: str
    figure: str
    goal: str
    met: bool | None
    behind: str  # the raw figures behind it


def table(results: Results) -> list[Row]:
    rows: list[Row] = []
    full, inc = results.full_build, results.incremental
    if full:
        sebar_s, plain_s = statistics.median(full.sebar_seconds), statistics.median(full.plain_seconds)
        behind = f"sebar {sebar_s:.1f} s vs mkdocs {plain_s:.1f} s ({full.sebar_pages} and {full.plain_pages} pages)"
        name = f"full build, {full.datasets} datasets / plain mkdocs"
        rows.append(Row("full_build", name, f"{full.ratio:.2f}x", "<= 1.5x", full.ratio <= 1.5, behind))
        behind = f"mkdocs {full.plain_peak_rss_mb:.0f} MB; sebar CPU {full.sebar_cpu_seconds:.0f} s"
        figure = f"{full.sebar_peak_rss_mb:.0f}"
        rows.append(Row("full_build_rss", "full build peak RSS (MB)", figure, "flat", None, behind))
    if inc:
        behind = f"{inc.rebuild_seconds:.1f} s / {inc.full_seconds:.1f} s"
        name = "one dataset changed: rebuild / full build"
        rows.append(Row("incremental", name, f"{inc.ratio:.2f}", "<= 0.10", inc.ratio <= 0.10, behind))
    for big in results.big_tables:
        name = f"{big.rows:,} rows"
        if not big.completed:
            why = big.error[-80:]
            rows.append(Row("big_table_rss", f"{name}: check + build", "did not complete", "completes", False, why))
            continue
        behind = f"pandas {big.pandas_seconds:.1f} s vs check {big.check_seconds:.1f} + build {big.build_seconds:.1f} s"
        ratio, measure = big.throughput_ratio, f"{name}: throughput / pandas"
        rows.append(Row("big_table_throughput", measure, f"{ratio:.3f}", ">= 0.5", ratio >= 0.5, behind))
        behind = f"pandas {big.pandas_peak_rss_mb:.0f} MB; CSV {big.csv_mb} MB"
        rss = big.peak_rss_mb
        rows.append(Row("big_table_rss", f"{name}: peak RSS (MB)", f"{rss:.0f}", "<= 1024", rss <= 1024, behind))
    for name, page in results.pages.items():
        behind = ", ".join(f"{path} {kb} KB" for path, kb in page.files_kb.items())
        kb = page.total_kb
        rows.append(Row("dataset_page", f"dataset page, {name}: KB gzip", f"{kb:.1f}", "<= 150", kb <= 150, behind))
    for name, scores in results.lighthouse.items():
        perf, a11y = scores.get("performance"), scores.get("accessibility")
        figure = "error" if "error" in scores else f"{perf} / {a11y}"
        met = None if "error" in scores else isinstance(perf, int) and perf >= 95 and a11y == 100
        behind = f"Lighthouse benchmark index {scores.get('benchmark_index')}"
        if "performance_runs" in scores:
            behind += f"; performance of each run {scores['performance_runs']}"
        measure = f"Lighthouse mobile {name}: perf / a11y"
        rows.append(Row("lighthouse", measure, figure, ">= 95 / 100", met, str(scores.get("error", behind))))
    return rows


def notes(text: str) -> dict[str, str]:
    """bench/NOTES.md's `## <target> ...` sections: the target's first word -> the text under it."""
    sections: dict[str, str] = {}
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        sections[heading.split()[0] if heading.split() else ""] = f"**{heading.strip()}**\n\n{body.strip()}"
    return sections


def markdown(results: Results, notes_text: str) -> str:
    m = results.machine
    rows = table(results)
    mark = {True: "yes", False: "**no**", None: "-"}
    lines = [
        "# Sebar benchmark results",
        "",
        f"Written by `make bench` ({results.mode} mode) on {results.date} in {results.seconds:.0f} s. "
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"load average {m['load_average_at_start']} at start, {m.get('load_average_at_end')} at end "
        "(the machine may be shared: wall times and Lighthouse scores suffer, ratios less so). "
        f"Sebar at `{str(m['sebar_commit'])[:10]}`. Figures and versions in full: results.json.",
        "",
        "Targets are issue 10's, set for `--full` (1,000 datasets, 1,000,000 rows); quick mode shows the trend.",
        "",
        "| Measure | Figure | Target | Met | Behind it |",
        "|---|---|---|---|---|",
        *(f"| {r.measure} | {r.figure} | {r.goal} | {mark[r.met]} | {cell(r.behind)} |" for r in rows),
    ]
    missed = list(dict.fromkeys(r.target for r in rows if r.met is False))
    if missed:
        written = notes(notes_text)
        lines += ["", "## Why the missed targets are missed", "", "From bench/NOTES.md, written by hand.", ""]
        for target in missed:
            unexplained = f"**{target}**: not explained yet: add a `## {target}` section to bench/NOTES.md."
            lines += [written.get(target, unexplained), ""]
    if results.errors:
        lines += ["", "## Steps that crashed", "", *(f"- {e}" for e in results.errors)]
    return "\n".join(lines).rstrip("\n") + "\n"


def cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def lap(start: float, steps: dict[str, float] | None = None) -> float:
    """Seconds since `start` not yet counted in `steps`."""
    return round(time.perf_counter() - start - sum((steps or {}).values()), 1)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--full", action="store_true", help="1,000 datasets and 1M/5M rows (about an hour or more)")
    options.add_argument("--out", type=Path, default=HERE, help="where results.json and RESULTS.md go")
    options.add_argument("--datasets", type=int, help="catalogue size instead of the mode's")
    options.add_argument("--rows", type=int, nargs="+", help="big-table row counts instead of the mode's")
    options.add_argument("--repeat", type=int, help="full builds to take the median of (quick 3, full 3)")
    options.add_argument("--lighthouse-runs", type=int, help="Lighthouse runs a page (quick 1, full 3; 0 skips it)")
    args = options.parse_args()
    start = time.perf_counter()
    mode = FULL if args.full else QUICK
    big_rows = args.rows or mode.rows
    repeat = max(1, args.repeat or mode.repeat)
    lighthouse_runs = mode.lighthouse_runs if args.lighthouse_runs is None else args.lighthouse_runs
    results = Results(
        mode="full" if args.full else "quick",
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        machine=machine(),
    )

    def done(step: str) -> None:
        results.steps[step] = lap(start, results.steps)
        print(f"bench: {step} {results.steps[step]:.0f} s", flush=True)  # CI logs show where the time goes

    with tempfile.TemporaryDirectory(prefix="sebar-bench-") as folder:
        work = Path(folder)
        pages: dict[str, tuple[Path, str]] = {}
        try:
            results.full_build, grown = measure_full_build(work, args.datasets or mode.datasets, repeat)
            done("full build")
            pages |= {"home": (grown / "site", ""), "catalogue": (grown / "site", "katalog/")}
            results.incremental = measure_incremental(grown, results.full_build)
            done("incremental")
            pages[CHART_PAGE] = (grown / "site", portals.SMALL_PAGE)
            if 'class="sebar-grafik"' not in (grown / "site" / portals.SMALL_PAGE / "index.html").read_text("utf-8"):
                results.errors.append(f"{CHART_PAGE}: {portals.SMALL_PAGE} tidak memuat grafik")
        except Crash as error:
            results.errors.append(f"katalog: {error}")
        for n, rows in enumerate(big_rows):
            try:
                big, site = measure_big_table(work, rows, must_finish=n == 0)
                results.big_tables.append(big)
                done(f"big table {rows:,}")
                if n == 0:
                    pages[f"{rows:,} rows dataset"] = (site, f"dataset/{portals.BIG_PRODUCER}/{portals.BIG}/")
                else:  # only the first table's pages are scored: the rest need no disk
                    shutil.rmtree(site.parent)
            except Crash as error:
                results.errors.append(f"tabel {rows:,} baris: {error}")
            if n == 0:  # the pages before any larger table, whose run may be long
                try:
                    results.pages, results.lighthouse = measure_pages(pages, lighthouse_runs)
                except Exception as error:  # noqa: BLE001 - a crash is reported with the figures so far
                    results.errors.append(f"halaman: {error!r}")
                done("pages")
    results.seconds = round(time.perf_counter() - start, 1)
    results.machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.mkdir(parents=True, exist_ok=True)
    summary = json.dumps(results.summary(), indent=2, ensure_ascii=False)
    (args.out / "results.json").write_text(summary + "\n", encoding="utf-8")
    notes_text = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    (args.out / "RESULTS.md").write_text(markdown(results, notes_text), encoding="utf-8")
    for row in table(results):
        met = {True: "", False: "missed", None: ""}[row.met]
        print(f"{row.measure:<48} {row.figure:>16} {row.goal:>12} {met:>6}  {row.behind}")
    print("steps:", ", ".join(f"{name} {seconds:.0f} s" for name, seconds in results.steps.items()))
    print(f"bench: {results.mode}, {results.seconds:.0f} s in all; written to {args.out}/results.json and RESULTS.md")
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
