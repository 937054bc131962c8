"""`sebar serve`: build, serve the site on localhost, and rebuild when the operator saves a file."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable
from pathlib import Path

from generator.build import BuildResult, InvalidContent, build
from generator.errors import SebarError

WATCHED = ("portal.yml", "mkdocs.yml", "datasets", "content", "templates")


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """Size and modification time of every watched file."""
    found = {}
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(
    root: Path,
    site: Path | None,
    host: str,
    port: int,
    report: Callable[[str], None],
    stop: threading.Event | None = None,
    interval: float = 1.0,
    cache_dir: Path | None = None,
) -> None:
    """Serve until `stop` is set (or Ctrl+C); a failed rebuild keeps the last good site. Rebuilds reuse
    the cache: only the changed datasets are checked again and only the changed pages rebuilt."""
    result = build(root, site, cache_dir)
    handler = functools.partial(QuietHandler, directory=str(result.site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report(f"Pratinjau: http://{host}:{server.server_address[1]}/  (Ctrl+C untuk berhenti)")
    stop = stop or threading.Event()
    seen = snapshot(root)
    try:
        while not stop.wait(interval):
            now = snapshot(root)
            if now != seen:
                seen = now
                report(rebuild(root, site, cache_dir))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def rebuild(root: Path, site: Path | None, cache_dir: Path | None = None) -> str:
    try:
        result: BuildResult = build(root, site, cache_dir)
    except InvalidContent as error:
        return error.report.to_text() + "\nSitus lama tetap ditampilkan: perbaiki galat di atas lalu simpan lagi."
    except SebarError as error:
        return f"Galat: {error}"
    reused = f"{result.stats.hits} dataset dari cache"
    return f"Dibangun ulang: {result.datasets} dataset, {result.pages} halaman ({reused})."
