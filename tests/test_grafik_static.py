"""Figures -> SVG with kaleido and Debian's Chromium: cached by content, byte-identical across runs."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.views import static
from tests.grafik_figures import figures


def test_svgs_draws_every_kind_deterministically_and_reuses_the_cache(tmp_path: Path):
    figs = figures()
    first = static.svgs(figs, cache=tmp_path / "a")
    assert set(first) == set(figs)
    for key, svg in first.items():
        assert svg.startswith(b'<svg class="main-svg"'), key
        uid = static.figure_hash(figs[key])[:6].encode()
        assert b'<defs id="defs-' + uid + b'"' in svg, key
    assert len(re.findall(rb"<path[^>]+class=\"choroplethlocation\"", first["peta"])) == 27  # every regency drawn
    assert b">4.000<" in first["batang"]  # id-ID thousands on the ticks (layout.separators ",.")
    second = static.svgs(figs, cache=tmp_path / "b")  # an empty cache: Chromium draws them again
    assert second == first
    cached = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert cached == sorted(f"{static.figure_hash(f)}.svg" for f in figs.values())
    # a second build finds everything cached: no Chromium (CHROMIUM pointing nowhere proves it)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHROMIUM", "/tidak/ada/chromium")
        assert static.svgs(figs, cache=tmp_path / "a") == first


def test_svgs_without_chromium_is_a_build_error_naming_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(BuildError, match=r"Pasang Chromium .*apt-get install chromium.* CHROMIUM"):
        static.svgs({"batang": figures()["batang"]}, cache=tmp_path)


def test_svgs_uses_the_user_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert static.cache_folder() == tmp_path / "sebar" / "grafik"


def test_stable_uid_touches_only_kaleidos_ids():
    svg = b'<defs id="defs-0b43e5"><clipPath id="legend0b43e5"/></defs><g fill="#0b43e5" class="g0b43e5ff"/>0b43e5'
    assert static.stable(svg, "abcdef" + "0" * 58) == (
        b'<defs id="defs-abcdef"><clipPath id="legendabcdef"/></defs><g fill="#0b43e5" class="g0b43e5ff"/>0b43e5'
    )


def test_many_figures_share_one_chromium(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Not a timed assertion: prints the measured cost for the report (pytest -s)."""
    figs = {f"{key}-{i}": fig for i in range(3) for key, fig in figures(1 + i / 10).items()}
    start = time.perf_counter()
    svgs = static.svgs(figs, cache=tmp_path)
    took = time.perf_counter() - start
    assert len(svgs) == 12 and all(s.startswith(b"<svg") for s in svgs.values())
    with capsys.disabled():
        print(f"\n{len(figs)} figures, one Chromium: {took:.1f} s ({took / len(figs):.2f} s a figure)")
