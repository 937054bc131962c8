"""An infographic (jenis: infografis): headline figures, short texts, icons and small charts on one
designed page, as HTML for the site and exported as PNG 1080x1350 (Chromium) and PDF (WeasyPrint).

The export is one standalone HTML file (CSS inline, icons and charts as data: URIs): nothing is
fetched while it renders, and the same file gives the PNG and the PDF.
"""

from __future__ import annotations

import base64
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.errors import BuildError
from generator.views import Figure
from generator.views.static import chromium

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
ICONS = HERE / "icons"
CSS = TEMPLATES / "infografis.css"  # also served by the site for the page's fragment
WIDTH, HEIGHT = 1080, 1350
# (dark, light) per theme: white text on dark, dark text on light, both WCAG AA (>= 4.5:1)
THEMES = {
    "biru": ("#0b4a7d", "#e8f1f8"),
    "hijau": ("#1e5e34", "#e9f4ec"),
    "merah": ("#9b1c1f", "#fbeaea"),
    "ungu": ("#4f2f86", "#f1ecf8"),
    "oranye": ("#8a3f00", "#fdf0e4"),
    "abu": ("#37424d", "#eef1f4"),
}
ARROWS = {"naik": "▲", "turun": "▼", "tetap": "■"}
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--disable-lcd-text",
    "--font-render-hinting=none",
    "--disable-font-subpixel-positioning",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no request leaves the machine, whatever the page says
    "--default-background-color=ffffffff",
)


@dataclass(frozen=True)
class Note:
    """A short text beside an icon (an ```ikon block)."""

    text: str
    icon: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Picture:
    """A small chart: SVG bytes rendered at build time (kaleido), its caption and text alternative."""

    title: str
    svg: bytes
    alt: str


@dataclass(frozen=True)
class Infographic:
    title: str
    producer: str  # the producer's name
    portal: str  # the portal's name, printed in the footer
    source: str  # "Sumber: ..."
    figures: tuple[Figure, ...]  # 3 to 6 headline figures
    period: str | None = None  # "2020" or "2013–2020"
    subtitle: str | None = None
    icons: tuple[str | None, ...] = ()  # an icon name per figure, in order (fewer: the rest have none)
    notes: tuple[Note, ...] = ()  # up to 3 short texts
    charts: tuple[Picture, ...] = ()  # up to 3 small charts
    theme: str = "biru"

    def __post_init__(self) -> None:
        # the page is designed for these counts; the page's check says so to the operator first
        if not 3 <= len(self.figures) <= 6:
            raise ValueError(f"infografis memuat 3–6 angka, bukan {len(self.figures)}")
        if len(self.charts) > 3 or len(self.notes) > 3:
            raise ValueError("infografis memuat paling banyak 3 grafik dan 3 teks singkat")
        if self.theme not in THEMES:
            raise ValueError(f"tema {self.theme!r} tidak dikenal; pilih: {', '.join(THEMES)}")
        for name in [*self.icons, *(n.icon for n in self.notes)]:
            if name is not None and not (ICONS / f"{name}.svg").is_file():
                raise ValueError(f"ikon {name!r} tidak ada di {ICONS}")


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICONS.glob("*.svg"))


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def icon_uri(name: str | None, colour: str) -> str | None:
    """An icon in the theme's colour (baked in: an <img> cannot take the page's CSS colour)."""
    if name is None:
        return None
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    return data_uri(svg.replace("<svg ", f'<svg fill="{colour}" ', 1).encode("utf-8"))


def scalable(svg: bytes) -> bytes:
    """The SVG with a viewBox (kaleido writes width and height only): scaled into its box, not cropped."""
    head = re.search(rb"<svg\b[^>]*>", svg)
    if head is None or b"viewBox" in head.group():
        return svg
    width = re.search(rb'\swidth="([\d.]+)', head.group())
    height = re.search(rb'\sheight="([\d.]+)', head.group())
    if not (width and height):
        return svg
    box = b' viewBox="0 0 ' + width.group(1) + b" " + height.group(1) + b'"'
    at = head.start() + len(b"<svg")
    return svg[:at] + box + svg[at:]


ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def render(info: Infographic, standalone: bool) -> str:
    dark = THEMES[info.theme][0]
    icons = list(info.icons) + [None] * (len(info.figures) - len(info.icons))
    return ENV.get_template("infografis.html").render(
        info=info,
        standalone=standalone,
        css=CSS.read_text(encoding="utf-8") if standalone else "",
        figures=[(f, icon_uri(i, dark)) for f, i in zip(info.figures, icons, strict=False)],
        notes=[(n, icon_uri(n.icon, dark)) for n in info.notes],
        charts=[(c, data_uri(scalable(c.svg))) for c in info.charts],
        arrows=ARROWS,
    )


def infographic_html(info: Infographic) -> str:
    """The standalone export page: 1080x1350 px, CSS inline, nothing fetched. Input for PNG and PDF."""
    return render(info, standalone=True)


def infographic_fragment(info: Infographic) -> str:
    """The infographic for the site page: one <article>, styled by infografis.css (CSS) served by the site."""
    return render(info, standalone=False)


def infographic_png(html: str, timeout: float = 120) -> bytes:
    """The page as a 1080x1350 PNG, rendered by the system's headless Chromium (never a downloaded one)."""
    with tempfile.TemporaryDirectory(prefix="sebar-infografis-") as folder:
        page, shot = Path(folder) / "infografis.html", Path(folder) / "infografis.png"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium(),
            *CHROMIUM_ARGS,
            f"--user-data-dir={Path(folder) / 'profil'}",
            f"--window-size={WIDTH},{HEIGHT}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=folder)
        except subprocess.TimeoutExpired as error:
            raise BuildError(f"Chromium tidak selesai membuat PNG infografis dalam {timeout:.0f} detik") from error
        if not shot.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise BuildError(f"Chromium gagal membuat PNG infografis (kode {done.returncode}): {' | '.join(tail)}")
        return shot.read_bytes()


def infographic_pdf(html: str) -> bytes:
    """The page as a one-page PDF of the same size (WeasyPrint: vector text and charts)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()  # type: ignore[no-any-return]


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (IHDR)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("bukan file PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
