"""Figures -> SVG at build time: kaleido drives the system Chromium; each SVG is cached by its content.

A page shows the static SVG first (no JavaScript needed; vector in books); plotly.js loads only when
the reader asks for interaction. Chromium starts once per build (one kaleido server for every
missing figure, ~0.5 s a figure once warm), and never for a figure drawn before: the cache folder is
keyed by the figure's JSON and the plotly/kaleido versions, shared by builds and tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.errors import BuildError

# plotly asks for <scope>_<resolution>m.json even when geo.visible is false; ours are empty
TOPOJSON = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "plotly" / "topojson"
# kaleido names the SVG's clip paths and defs with a random 6-hex uid (clip4d23d7xy, defs-4d23d7)
UID = re.compile(rb'<defs id="defs-([0-9a-f]{6})"')


def svgs(figures: Mapping[str, dict[str, Any]], cache: Path | None = None) -> dict[str, bytes]:
    """The SVG of each figure (key -> bytes); figures not in the cache are drawn by one Chromium."""
    folder = cache or cache_folder()
    hashes = {key: figure_hash(figure) for key, figure in figures.items()}
    result: dict[str, bytes] = {}
    missing: dict[str, str] = {}
    for key, digest in hashes.items():
        path = folder / f"{digest}.svg"
        if path.is_file():
            result[key] = path.read_bytes()
        else:
            missing[key] = digest
    if missing:
        drawn = draw({key: with_uids(figures[key], missing[key]) for key in missing})
        folder.mkdir(parents=True, exist_ok=True)
        for key, svg in drawn.items():
            result[key] = stable(svg, missing[key])
            write_atomically(folder / f"{missing[key]}.svg", result[key])
    return {key: result[key] for key in figures}


def draw(figures: Mapping[str, dict[str, Any]]) -> dict[str, bytes]:
    """Draw figures with one kaleido server (one Chromium), stopped even when a figure fails."""
    import kaleido  # imported late: loading it costs ~0.3 s and most builds find every SVG cached

    browser = chromium()
    topojson = TOPOJSON.as_uri() + "/"
    drawn: dict[str, bytes] = {}
    # mathjax=False: kaleido would fetch MathJax from a CDN (offline here; our figures have no TeX)
    kaleido.start_sync_server(path=browser, mathjax=False, silence_warnings=True)
    try:
        for key, figure in figures.items():
            try:
                drawn[key] = kaleido.calc_fig_sync(figure, opts={"format": "svg"}, topojson=topojson)
            except Exception as error:  # kaleido reports plotly.js errors as its own exception types
                raise BuildError(f"Grafik {key} gagal digambar oleh kaleido/Chromium: {error}") from error
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return drawn


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "/usr/bin/chromium")


def chromium() -> str:
    """The Chromium that draws charts and infographics: $CHROMIUM, else the first of Debian's `chromium`,
    Ubuntu's `chromium-browser` or Google Chrome (GitHub's runners) on PATH."""
    wanted = os.environ.get("CHROMIUM")
    names = (wanted,) if wanted else BROWSERS
    found = next(filter(None, map(shutil.which, names)), None)
    if not found:
        where = f"CHROMIUM={wanted!r} tidak menunjuk ke program yang ada" if wanted else "Chromium tidak ditemukan"
        raise BuildError(
            f"Grafik tidak dapat digambar: {where}. Pasang Chromium (Debian/Ubuntu: "
            "`apt-get install chromium`) atau isi variabel lingkungan CHROMIUM dengan path programnya."
        )
    return found


def figure_hash(figure: Mapping[str, Any]) -> str:
    """sha256 of the figure's canonical JSON and the versions that draw it: names its cached SVG."""
    text = json.dumps(figure, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(f"{versions()}\n{text}".encode()).hexdigest()


def versions() -> str:
    return f"plotly {metadata.version('plotly')} kaleido {metadata.version('kaleido')}"


def with_uids(figure: Mapping[str, Any], digest: str) -> dict[str, Any]:
    """plotly.js names each trace's SVG group (and a colour bar's) after the trace's uid, random when
    the figure has none: the copy drawn gets uids taken from the figure's hash."""
    data = [
        {**trace, "uid": trace.get("uid") or f"{digest[:6]}{i}"} for i, trace in enumerate(figure.get("data") or [])
    ]
    return {**figure, "data": data}


def stable(svg: bytes, digest: str) -> bytes:
    """The same figure gives the same bytes: the page's random uid (defs-4d23d7, clip4d23d7xy,
    legend4d23d7) becomes one taken from the hash."""
    match = UID.search(svg)
    if match is None:
        return svg
    # only as part of a name (after a letter or "-"): a colour (#4d23d7) or a number is never touched
    return re.sub(rb"(?<=[A-Za-z-])" + match.group(1) + rb"(?![0-9a-fA-F])", digest[:6].encode(), svg)


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sebar" / "grafik"


def write_atomically(path: Path, data: bytes) -> None:
    """Two builds (pytest -n 2) may draw the same figure: each writes a temporary file, then renames."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".baru")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
