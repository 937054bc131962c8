"""The review report as Markdown for one pull-request comment: escaped, capped, verdict first."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from generator.validate.report import shown

# GitHub refuses a comment over 65,536 characters; the workflow adds a marker line to find it again.
LIMIT = 60_000
ISSUES_SHOWN = 50
VERB = {"ditambah": "ditambah", "diubah": "diubah", "dihapus": "dihapus", "diganti nama": "diganti nama"}
LINK = re.compile(r"^https?://[^\s<>\"'()\[\]`\\]+$")  # a preview address put in a link as is
MARKDOWN = re.compile(r"([\\`*_\[\]|~!()])")


def md(value: Any, limit: int = 60) -> str:
    """A value as inert Markdown text on one line: no HTML, no link, no @mention, no table break."""
    text = str(shown(value if isinstance(value, str) else str(value), limit))
    text = html.escape(text, quote=False)
    text = MARKDOWN.sub(r"\\\1", text)
    return text.replace("@", "&#64;").replace("#", "&#35;").replace("://", ":&#47;&#47;")


def value(item: Any) -> str:
    return "(tidak ada)" if item is None else md(json.dumps(item, ensure_ascii=False), 120)


def title(data: dict[str, Any]) -> str:
    counts = data["ringkasan"]["dataset"]
    parts = [f"{n} dataset {kind}" for kind, n in counts.items() if n]
    pages = data["ringkasan"]["halaman_konten"]
    parts += [f"{pages} halaman konten berubah"] if pages else []
    what = ", ".join(parts) or "tidak ada dataset atau halaman yang berubah"
    if data["status"] == "ada-galat":
        return f"## ❌ Laporan review Sebar: ada galat ({data['ringkasan']['galat']}) — perbaiki dulu; {what}"
    return f"## ✅ Laporan review Sebar: siap ditinjau — {what}"


def table_lines(table: dict[str, Any], public: bool) -> list[str]:
    name = md(table["nama"])
    if "tidak_terbaca" in table:
        return [f"- Tabel **{name}**: tidak dapat dibaca ({md(table['tidak_terbaca'], 200)}); lihat hasil pemeriksaan."]
    if table["tabel"] != "diubah":
        rows = table["baris_baru"] if table["tabel"] == "baru" else table["baris_lama"]
        return [f"- Tabel **{name}**: tabel {table['tabel']}, {rows} baris."]
    counts = (
        f"{table['baris_lama']} → {table['baris_baru']} baris: {table['ditambah']} ditambah, "
        f"{table['dihapus']} dihapus, {table['diubah']} diubah ({table['sel_diubah']} sel)"
    )
    how = (
        "dicocokkan dengan primaryKey" if table["dicocokkan_dengan"] == "primaryKey" else "dicocokkan menurut isi baris"
    )
    notes = []
    if not table["dipasangkan"]:
        notes.append(
            "terlalu banyak baris berbeda untuk dipasangkan tanpa primaryKey: "
            "baris yang diubah dihitung sebagai dihapus + ditambah"
        )
    if table["urutan_berubah"]:
        notes.append("urutan baris berubah")
    if public:
        for key, word in (("kolom_ditambah", "kolom ditambah"), ("kolom_dihapus", "kolom dihapus")):
            if table[key]:
                notes.append(f"{word}: " + ", ".join(md(c) for c in table[key]))
    else:
        for key, word in (("kolom_ditambah", "kolom ditambah"), ("kolom_dihapus", "kolom dihapus")):
            if table[key]:
                notes.append(f"{table[key]} {word}")
    same = not (table["ditambah"] or table["dihapus"] or table["diubah"]) and not notes
    lines = [
        f"- Tabel **{name}**: "
        + ("isi tidak berubah." if same else f"{counts}; {how}" + "".join(f"; {n}" for n in notes) + ".")
    ]
    if not public or not table.get("perubahan"):
        return lines
    shown_rows, rest = table["perubahan"], table["perubahan_tidak_ditampilkan"]
    summary = f"{len(shown_rows)} perubahan pertama" + (f" (dan {rest} lagi)" if rest else "")
    lines += [
        "",
        f"<details><summary>{summary}</summary>",
        "",
        "| Perubahan | Baris | Isi (lama → baru) |",
        "|---|---|---|",
    ]
    for change in shown_rows:
        where = str(change["baris"]) + (" (berkas lama)" if change["jenis"] == "dihapus" else "")
        if change["kunci"]:
            where += " · " + ", ".join(f"{md(k)}={md(v)}" for k, v in change["kunci"].items())
        if change["jenis"] == "diubah":
            cells = "; ".join(f"{md(c)}: {md(old)} → {md(new)}" for c, (old, new) in change["sel"].items())
        else:
            cells = "; ".join(f"{md(c)}={md(old if new is None else new)}" for c, (old, new) in change["sel"].items())
        lines.append(f"| {change['jenis']} | {where} | {cells} |")
    return [*lines, "", "</details>", ""]


def checklist(check: dict[str, Any]) -> list[str]:
    lines = []
    for required, word in ((True, "Wajib"), (False, "Dianjurkan")):
        items = [i for i in check["butir"] if i["wajib"] == required]
        empty = [f"{i['butir']} (`{i['kunci']}`)" for i in items if not i["terisi"]]
        state = f"{len(items) - len(empty)} dari {len(items)} terisi"
        lines.append(f"  - {word}: {state}" + (f"; belum terisi: {', '.join(empty)}" if empty else " ✔"))
    lines.append(f"  - Data pribadi: {md(check['data_pribadi'], 300)}")
    if check["lisensi"] is not None or check["kontak"] is not None:
        lines.append(f"  - Lisensi: {md(check['lisensi'] or 'belum diisi', 120)}")
        lines.append(f"  - Kontak: {md(check['kontak'] or 'belum diisi', 120)}")
    return lines


def dataset_lines(entry: dict[str, Any]) -> list[str]:
    public = entry["terbuka"]
    head = f"### `{entry['dataset']}` — {md(entry['judul'] or '(tanpa judul)', 200)} ({entry['perubahan']})"
    lines = [head, ""]
    if entry["folder_lama"]:
        lines += [f"Dipindah dari `{entry['folder_lama']}`.", ""]
    if not public:
        lines += [
            f"Klasifikasi **{md(entry['klasifikasi'] or 'tidak terbaca')}**: dataset ini tidak terbuka, jadi laporan "
            "hanya menyebut jumlah — tanpa nilai sel, baris, nama kolom atau isi metadata (kecuali judul).",
            "",
        ]
    if entry["metadata"]:
        if public:
            lines += ["**Metadata** (kunci: lama → baru):", ""]
            lines += [
                f"- `{md(m['kunci'], 120)}`: {value(m.get('lama'))} → {value(m.get('baru'))}" for m in entry["metadata"]
            ]
        else:
            keys = ", ".join(f"`{md(m['kunci'], 120)}`" for m in entry["metadata"])
            lines.append(f"**Metadata**: {len(entry['metadata'])} kunci berubah: {keys}.")
        lines.append("")
    if entry["tabel"]:
        lines += ["**Data**:", ""]
        for table in entry["tabel"]:
            lines += table_lines(table, public)
        lines.append("")
    if entry["kelengkapan"]:
        lines += ["**Kelengkapan**:", ""] + checklist(entry["kelengkapan"]) + [""]
    return lines


def issue_lines(issues: list[dict[str, Any]]) -> list[str]:
    if not issues:
        return ["`sebar check` pada usulan: tidak ada galat atau peringatan.", ""]
    lines = ["| Tingkat | Berkas | Baris | Kolom | Masalah → perbaikan |", "|---|---|---|---|---|"]
    for issue in issues[:ISSUES_SHOWN]:
        level = "**GALAT**" if issue["severity"] == "error" else "peringatan"
        lines.append(
            f"| {level} | {md(issue['file'], 120)} | {issue['row'] or '-'} | {md(issue['column'] or '-')} | "
            # a fix's line to copy follows it on its own line: in a table cell, after a space
            f"{md(issue['message'], 400)} → {md(issue['fix'].replace(chr(10), ' '), 400)} (`{issue['slug']}`) |"
        )
    if len(issues) > ISSUES_SHOWN:
        lines.append(f"\n…dan {len(issues) - ISSUES_SHOWN} lagi: jalankan `sebar check` untuk daftar lengkap.")
    return [*lines, ""]


def render(data: dict[str, Any], limit: int = LIMIT) -> str:
    lines = [title(data), ""]
    lines += [f"Membandingkan `{data['base'][:12]}` (dasar) dengan `{data['head'][:12]}` (usulan).", ""]
    if data["pratinjau"]:
        url = data["pratinjau"]
        link = f"[buka pratinjau]({url})" if LINK.match(url) and len(url) <= 500 else md(url, 500)
        lines += [f"**Pratinjau situs:** {link}", ""]
    if data["dataset"]:
        lines += ["## Dataset", ""]
        for entry in data["dataset"]:
            lines += dataset_lines(entry)
    if data["halaman_konten"]:
        lines += ["## Halaman konten", ""]
        for page in data["halaman_konten"]:
            where = f" → `{page['alamat']}`" if page["alamat"] else ""
            lines.append(f"- `{md(page['file'], 200)}` ({page['perubahan']}){where}")
        lines.append("")
    if data["berkas_lain"]:
        lines += ["## Berkas lain", ""]
        lines += [f"- `{md(f['file'], 200)}` ({f['perubahan']})" for f in data["berkas_lain"]]
        lines.append("")
    lines += ["## Halaman situs yang akan berubah", ""]
    site = data["halaman_situs"]
    if site["semua"]:
        lines.append("- **Semua halaman** dapat berubah: `portal.yml`, `mkdocs.yml` atau `templates/` diubah.")
    lines += [f"- `{md(path, 200)}`" for path in site["alamat"]]
    if not site["semua"] and not site["alamat"]:
        lines.append("Tidak ada halaman publik yang berubah.")
    lines += ["", "## Hasil pemeriksaan (`sebar check` pada usulan)", ""] + issue_lines(data["masalah"])
    lines += [
        "## Pratinjau",
        "",
        ("Buka tautan pratinjau di atas, atau unduh" if data["pratinjau"] else "Unduh")
        + " artefak pratinjau dari halaman *Actions* pull request ini, ekstrak, lalu jalankan "
        "`python3 -m http.server 8000 --directory <folder hasil ekstrak>` dan buka http://127.0.0.1:8000/ . "
        "Dari salinan repositori, `sebar serve` menampilkan pratinjau yang sama.",
    ]
    return cap("\n".join(lines) + "\n", limit)


def cap(text: str, limit: int) -> str:
    """Cut a report that GitHub would refuse, at a line end, closing an open <details>, with a note."""
    if len(text) <= limit:
        return text
    note = (
        "\n\n**Laporan dipangkas** karena melebihi batas komentar GitHub: "
        "jalankan `sebar review --format json` untuk laporan lengkap.\n"
    )
    cut = text[: text.rfind("\n", 0, limit - len(note) - 20)]
    if cut.count("<details>") > cut.count("</details>"):
        cut += "\n\n</details>"
    return cut + note
