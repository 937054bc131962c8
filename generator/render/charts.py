"""Every chart of one build in one place: pages name their charts' files as they render, and one
kaleido pass at the end draws the SVGs not drawn before (static.svgs caches them by content)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from generator.views import Chart
from generator.views.static import svgs

FOLDER = "grafik"  # in the site: grafik/<key>.svg and grafik/<key>.json, shared by every page


class Charts:
    """The charts of a build, by key: a chart drawn on several pages is one pair of files."""

    def __init__(self) -> None:
        self.figures: dict[str, dict[str, Any]] = {}

    def add(self, chart: Chart, page: str) -> tuple[str, str]:
        """Register `chart`; returns the hrefs of its SVG and its figure JSON relative to the page at
        URL `page` (e.g. "dataset/bandung/x/" or "publikasi/dasbor/")."""
        self.figures[chart.key] = chart.figure
        base = posixpath.relpath(FOLDER, page.rstrip("/") or ".")
        name = stem(chart.key)
        return f"{base}/{name}.svg", f"{base}/{name}.json"

    def files(self) -> dict[Path, bytes]:
        """Every chart's SVG and figure JSON, by path inside the site; draws what is missing (the
        only step here that may start Chromium)."""
        drawn = svgs(self.figures)
        out: dict[Path, bytes] = {}
        for key in sorted(self.figures):
            name = stem(key)
            out[Path(FOLDER, f"{name}.svg")] = drawn[key]
            text = json.dumps(self.figures[key], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            out[Path(FOLDER, f"{name}.json")] = text.encode("utf-8")
        return out


def stem(key: str) -> str:
    return key[:16]
