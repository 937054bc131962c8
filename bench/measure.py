"""How the benchmark measures: child processes timed with their own peak RSS, a local HTTP server,
Lighthouse, and the bytes a page loads on first view."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
SHARED = ("/assets/", "/pagefind/", "/search/", "/favicon")  # loaded by every page, cached after the first


class Crash(Exception):
    """A command the benchmark needs failed: the run stops with a non-zero exit."""


@dataclass(frozen=True)
class Run:
    """One child process: wall and CPU seconds, and its peak resident memory."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def run(command: list[str], cwd: Path | None = None, check: bool = True) -> Run:
    """Run `command` as a child and wait for it with wait4, which gives this child's own rusage
    (RUSAGE_CHILDREN would give the largest of all children so far, not this one's)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    result = Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        returncode=child.returncode,
        output=output[-2000:],
    )
    if check and result.returncode != 0:
        raise Crash(f"{' '.join(command)} gagal (kode {result.returncode}):\n{result.output}")
    return result


def sebar(*args: str) -> list[str]:
    """The public CLI, as CI runs it: `sebar <args>` from this source tree."""
    return [sys.executable, "-m", "generator.cli", *args]


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """`site` over HTTP on localhost (Python's http.server in a child process) for as long as the block runs."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def lighthouse(urls: list[str], reports: Path) -> list[dict[str, int | str]]:
    """Lighthouse's mobile performance and accessibility scores (0-100) of each page, or why it could
    not run: one Node process and one Chromium for all of them (bench/lighthouse.mjs)."""
    if not LIGHTHOUSE.exists():
        why = "Lighthouse tidak terpasang: jalankan `npm ci --prefix bench` (make bench melakukannya)"
        return [{"error": why}] * len(urls)
    pages = [f"{n}={url}" for n, url in enumerate(urls)]
    command = ["node", str(ROOT / "bench" / "lighthouse.mjs"), str(reports), *pages]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False, timeout=120 * len(urls) + 60
        )
    except subprocess.TimeoutExpired as error:  # a figure missing, not a crash: the pages done so far count
        done = subprocess.CompletedProcess(command, -9, "", f"Lighthouse terhenti setelah {error.timeout:.0f} detik")
    return [scores(reports / f"{n}.json", done) for n in range(len(urls))]


def scores(report: Path, done: subprocess.CompletedProcess[str]) -> dict[str, int | str]:
    if not report.exists():
        error = report.with_suffix(".error")
        why = error.read_text(encoding="utf-8") if error.exists() else done.stderr
        return {"error": f"Lighthouse gagal (kode {done.returncode}): {why.strip()[-500:]}"}
    found = json.loads(report.read_text(encoding="utf-8"))
    categories = found["categories"]
    # Lighthouse's own measure of the machine's speed while it ran (a loaded machine scores lower)
    result: dict[str, int | str] = {"benchmark_index": round(found["environment"]["benchmarkIndex"])}
    for name in ("performance", "accessibility"):
        score = categories[name]["score"]
        result[name] = round(score * 100) if score is not None else "tanpa skor (Lighthouse tidak dapat menilai)"
    return result


def first_view_bytes(urls: list[str]) -> list[dict[str, float]]:
    """What a first visit to each URL loads that is the page's own: its HTML and every same-site file
    it fetches while loading, except the assets all pages share. Sizes gzip-compressed, in KB. One
    browser, a fresh context (empty cache) a page."""
    from playwright.sync_api import sync_playwright

    found: list[dict[str, float]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for url in urls:
            sizes: dict[str, int] = {}

            def keep(response: object, url: str = url, sizes: dict[str, int] = sizes) -> None:
                address = urlsplit(response.url)  # type: ignore[attr-defined]
                if address.netloc == urlsplit(url).netloc and not address.path.startswith(SHARED):
                    with contextlib.suppress(Exception):  # a redirect or an aborted request has no body
                        sizes[address.path] = len(gzip.compress(response.body(), 9))  # type: ignore[attr-defined]

            context = browser.new_context()
            page = context.new_page()
            page.on("response", keep)
            page.goto(url, wait_until="networkidle")
            context.close()
            found.append({path: size / 1024 for path, size in sizes.items()})
        browser.close()
    return found
