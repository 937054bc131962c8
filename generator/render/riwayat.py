"""The site's Riwayat Penyebaran: the page, its CSV and JSON, and the printable PDF log (WeasyPrint)."""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator
from pathlib import Path

from generator.config import Portal
from generator.sop.records import Record, lama, local, to_csv, to_json

FOLDER = "riwayat"
SOP_TITLE = "SOP Penyebarluasan Data"


def downloads(portal: Portal, records: list[Record] | None) -> Iterator[tuple[Path, bytes]]:
    """riwayat.csv, riwayat.json and riwayat.pdf; none while nothing is recorded."""
    if not records:
        return
    yield Path(FOLDER) / "riwayat.csv", to_csv(records).encode("utf-8")
    yield Path(FOLDER) / "riwayat.json", to_json(records).encode("utf-8")
    yield Path(FOLDER) / "riwayat.pdf", pdf(portal, records)


def helpers(portal: Portal) -> dict[str, object]:
    """What the page template needs beyond the records: durations and times in words."""
    jam = f"{portal.jam_kerja.mulai}–{portal.jam_kerja.selesai} {', '.join(portal.jam_kerja.hari)}"
    return {"lama": lama, "local": functools.partial(local, portal=portal), "jam": jam}


CSS = """
@page {
  size: A4; margin: 18mm 15mm 20mm;
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font-size: 8pt; }
}
body { font-family: "Noto Sans", sans-serif; font-size: 9pt; }
h1 { font-size: 14pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 6mm 0 2mm; }
section + section { break-before: page; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #444; padding: 1.2mm; text-align: left; vertical-align: top; }
.tanda { margin-top: 10mm; display: flex; gap: 10mm; }
.tanda div { flex: 1; }
.garis { margin-top: 18mm; border-top: 0.5pt solid #000; padding-top: 1mm; }
"""


def pdf(portal: Portal, records: list[Record]) -> bytes:
    """The paper record: per publication the SOP's steps and signature lines for PIC and Walidata."""
    from weasyprint import HTML

    e = html.escape
    sections = []
    for r in records:
        rows = "".join(
            f"<tr><td>{s.nomor}</td><td>{e(s.kegiatan)}</td><td>{e(s.pelaku)}</td>"
            f"<td>{e(local(s.mulai, portal))}</td><td>{e(local(s.selesai, portal))}</td>"
            f"<td>{e(lama(s.detik))}</td><td>{e(lama(s.detik_kerja))}</td><td>{e(s.mutu_baku)}</td>"
            f"<td>{e(s.status.capitalize())}</td></tr>"
            for s in r.langkah
        )
        pics = ", ".join(r.pic) or "–"
        sections.append(
            f"<section><h1>{e(SOP_TITLE)}: Riwayat Penyebaran</h1>"
            f"<p>{e(portal.nama)}</p>"
            f"<h2>PR #{r.pr}: {e(r.judul)}</h2>"
            f"<p>Dataset: {e(', '.join(r.dataset) or '–')}<br>Komit: {e(r.komit)}<br>"
            f"Staf Operator: {e(r.operator)}<br>PIC Produsen Data: {e(pics)}<br>Walidata: {e(r.walidata)}<br>"
            f"Pemeriksaan: {r.putaran} putaran, {r.tidak_setuju} kali tidak setuju</p>"
            "<table><thead><tr><th>No.</th><th>Kegiatan</th><th>Pelaksana</th><th>Mulai</th><th>Selesai</th>"
            "<th>Lama</th><th>Lama (jam kerja)</th><th>Mutu Baku</th><th>Status</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            '<div class="tanda">'
            f'<div>PIC Produsen Data<div class="garis">{e(pics)}<br>Tanda tangan / Tanggal</div></div>'
            f'<div>Walidata<div class="garis">{e(r.walidata)}<br>Tanda tangan / Tanggal</div></div>'
            "</div></section>"
        )
    document = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{e(SOP_TITLE)}: Riwayat Penyebaran'
        f"</title><style>{CSS}</style></head><body>{''.join(sections)}</body></html>"
    )
    return HTML(string=document).write_pdf()  # type: ignore[no-any-return]
