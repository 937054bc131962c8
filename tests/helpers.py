"""Small builders for test portals made of real fixture cases."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.serve import QuietHandler

DATA = Path(__file__).resolve().parent / "data"
ROOT = DATA.parents[1]
# the demo's publications name the demo's datasets: portals with other datasets leave them out
DEMO_PUBLICATIONS = shutil.ignore_patterns("publikasi")
CASE_FILE = shutil.ignore_patterns("case.yaml")


def case_portal(tmp_path: Path, *cases: str) -> Path:
    """A portal with tests/data/portal.yml and the named cases (e.g. "invalid/bad-csv") as datasets of dinkes."""
    root = tmp_path / "portal"
    root.mkdir()
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=DEMO_PUBLICATIONS)
    for case in cases:
        # a case's case.yaml describes the test, it is no file of the dataset
        shutil.copytree(DATA / case, root / "datasets" / "dinkes" / Path(case).name, ignore=CASE_FILE)
    return root


@contextlib.contextmanager
def listening(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local HTTP server answering with `handler` (a fake API, a folder) in a thread; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serving(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`folder` over HTTP on localhost (serve's handler: range requests, no log); yields the base address."""
    with listening(functools.partial(handler, directory=str(folder))) as address:
        yield address
