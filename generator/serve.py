"""`sebar serve`: build, serve the site on localhost, and rebuild when the operator saves a file."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from generator.build import BuildResult, InvalidContent, build
from generator.errors import SebarError
from generator.validate import tampil

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


RANGE = re.compile(r"bytes=(\d*)-(\d*)")


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte of `Range: bytes=a-b` (or `a-`, `-n`) in a file of `size` bytes;
    None when no byte of the file is in it. Raises ValueError when the header is not one such range
    (several ranges, other units): the whole file is then sent, as RFC 9110 allows."""
    match = RANGE.fullmatch(header.strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(header)
    first, last = match.groups()
    if not first:  # the last n bytes
        start, end = max(0, size - int(last)), size - 1
        return (start, end) if int(last) > 0 and size > 0 else None
    start, end = int(first), min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end else None


class Part:
    """The bytes [start, start + length) of an open file, read as a file (for copyfile)."""

    def __init__(self, file: BinaryIO, start: int, length: int) -> None:
        file.seek(start)
        self.file, self.left = file, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.file.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files, with HTTP range requests (a big table is queried a few pages at a time)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing path gets the site's own 404 page (Indonesian, with a search box), with status 404."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> Any:
        header = self.headers.get("Range")
        path = self.translate_path(self.path)
        if header is None or not os.path.isfile(path) or self.path.split("?")[0].endswith("/"):
            return super().send_head()
        file = open(path, "rb")  # noqa: SIM115 - closed by the caller after copying, as in the base class
        size = os.fstat(file.fileno()).st_size
        try:
            found = byte_range(header, size)
        except ValueError:
            file.close()
            return super().send_head()
        if found is None:
            file.close()
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        start, end = found
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return Part(file, start, end - start + 1)


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
    # the port is taken first (the site's links are made of it, a preview without portal.yml's url),
    # but only listened on once the site is built: no request waits on a build
    handler = functools.partial(QuietHandler, directory=str((site or root / "site").resolve()))
    server = http.server.ThreadingHTTPServer((host, port), handler, bind_and_activate=False)
    try:
        server.server_bind()
        address = f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}/"
        result = build(root, site, cache_dir, preview=address)
        server.server_activate()
    except BaseException:
        server.server_close()
        raise
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hidden = tampil.to_text(tampil.not_shown(root, result.checked))
    report(f"Pratinjau: {address}  (Ctrl+C untuk berhenti)" + (f"\n{hidden}" if hidden else ""))
    stop = stop or threading.Event()
    seen = snapshot(root)
    try:
        while not stop.wait(interval):
            now = snapshot(root)
            if now != seen:
                seen = now
                report(rebuild(root, site, cache_dir, address))
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def rebuild(root: Path, site: Path | None, cache_dir: Path | None = None, preview: str | None = None) -> str:
    try:
        result: BuildResult = build(root, site, cache_dir, preview=preview)
    except InvalidContent as error:
        return error.report.to_text() + "\nSitus lama tetap ditampilkan: perbaiki galat di atas lalu simpan lagi."
    except SebarError as error:
        return f"Galat: {error}"
    reused = f"{result.stats.hits} dataset dari cache"
    hidden = tampil.to_text(tampil.not_shown(root, result.checked))
    return f"Dibangun ulang: {result.datasets} dataset, {result.pages} halaman ({reused})." + (
        f"\n{hidden}" if hidden else ""
    )
