"""Every issue Sebar reports: slug -> severity, message and fix, Indonesian first, then English.

Placeholders in braces come from Issue.params. The slugs are documented in content/bantuan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Message:
    severity: Severity
    id_message: str
    en_message: str
    id_fix: str
    en_fix: str

    def text(self, lang: str, part: str) -> str:
        return getattr(self, f"{lang}_{part}")


E: Severity = "error"
W: Severity = "warning"

MESSAGES: dict[str, Message] = {
    # --- metadata: portal.yml and datapackage.yaml ---
    "yaml-error": Message(
        E,
        "File tidak dapat dibaca: {detail}",
        "The file cannot be read: {detail}",
        "Periksa penulisan YAML di baris yang disebut: indentasi dengan spasi, titik dua setelah kunci.",
        "Check the YAML at the line given: indent with spaces, a colon after each key.",
    ),
    "portal-missing": Message(
        E,
        "portal.yml tidak ditemukan di `{root}`.",
        "portal.yml was not found in `{root}`.",
        "Jalankan sebar dari folder teratas repositori portal, atau beri `--root FOLDER`.",
        "Run sebar from the top folder of the portal's repository, or give `--root FOLDER`.",
    ),
    "metadata-missing": Message(
        E,
        "Kunci `{key}` wajib diisi tetapi belum ada.",
        "Required key `{key}` is missing.",
        "Tambahkan `{key}` ke file ini (lihat Bantuan > Panduan metadata).",
        "Add `{key}` to this file (see Help > Metadata guide).",
    ),
    "metadata-invalid": Message(
        E,
        "Nilai `{key}` tidak sah: {detail}.",
        "Value of `{key}` is not valid: {detail}.",
        "Perbaiki nilai `{key}`{hint}.",
        "Correct the value of `{key}`{hint_en}.",
    ),
    "placeholder": Message(
        E,
        "Isian `{key}` masih berisi teks contoh: {value}",
        "`{key}` still holds the template's text: {value}",
        "Ganti teks contoh dengan isian yang sebenarnya.",
        "Replace the template's text with the real value.",
    ),
    "metadata-unknown-key": Message(
        E,
        "Kunci `{key}` tidak dikenal.{hint}",
        "Unknown key `{key}`.{hint_en}",
        "Periksa ejaannya atau hapus; kunci yang sah ada di Bantuan > Panduan metadata.",
        "Check its spelling or remove it; valid keys are in Help > Metadata guide.",
    ),
    "name-mismatch": Message(
        E,
        "`name: {name}` berbeda dengan nama folder `{folder}`.",
        "`name: {name}` differs from the folder name `{folder}`.",
        "Samakan `name:` dengan nama folder dataset.",
        "Make `name:` equal to the folder name.",
    ),
    "produsen-folder": Message(
        E,
        "`satudata.produsen: {kode}` berbeda dengan folder produsen `{folder}`.",
        "`satudata.produsen: {kode}` differs from the producer folder `{folder}`.",
        "Pindahkan dataset ke datasets/{kode}/ atau perbaiki `satudata.produsen`.",
        "Move the dataset to datasets/{kode}/ or correct `satudata.produsen`.",
    ),
    "produsen-unknown": Message(
        E,
        "Produsen `{kode}` tidak terdaftar di portal.yml.",
        "Producer `{kode}` is not in portal.yml.",
        "Gunakan salah satu kode: {known}; atau minta Walidata menambahkannya ke portal.yml.",
        "Use one of: {known}; or ask the Walidata to add it to portal.yml.",
    ),
    "topik-unknown": Message(
        E,
        "Topik `{topik}` tidak terdaftar di portal.yml.",
        "Topic `{topik}` is not in portal.yml.",
        "Gunakan salah satu kode topik: {known}.",
        "Use one of these topic codes: {known}.",
    ),
    "cakupan-tingkat": Message(
        E,
        "Kode wilayah `{kode}` bukan kode tingkat {tingkat}.",
        "Region code `{kode}` is not a code of level {tingkat}.",
        "Kode {tingkat} Kemendagri terdiri atas {parts} bagian bertitik, mis. {example}.",
        "A Kemendagri {tingkat} code has {parts} dot-separated parts, e.g. {example}.",
    ),
    "resource-outside": Message(
        E,
        "Path `{path}` menunjuk ke luar folder dataset.",
        "Path `{path}` points outside the dataset folder.",
        "Letakkan file data di folder dataset dan tulis nama filenya saja.",
        "Put the data file in the dataset folder and give its file name only.",
    ),
    "resource-duplicate": Message(
        E,
        "Dua tabel atau lebih bernama `{name}` di `resources`.",
        "Two or more resources are named `{name}`.",
        "Beri setiap tabel `name` yang berbeda: nama itu menjadi nama file unduhannya.",
        "Give every resource its own `name`: it becomes the name of its download files.",
    ),
    "resource-missing": Message(
        E,
        "File data `{path}` tidak ditemukan.",
        "Data file `{path}` was not found.",
        "Salin file ke folder dataset atau perbaiki `path` (huruf besar/kecil berpengaruh).",
        "Copy the file into the dataset folder or correct `path` (case matters).",
    ),
    "resource-unreadable": Message(
        E,
        "File data tidak dapat dibaca: {detail}",
        "The data file cannot be read: {detail}",
        "Simpan ulang sebagai CSV (UTF-8) atau XLSX, lalu periksa `dialect` di datapackage.yaml.",
        "Save it again as CSV (UTF-8) or XLSX, then check `dialect` in datapackage.yaml.",
    ),
    "kontak-missing": Message(
        W,
        "Kontak (`satudata.kontak`) belum diisi.",
        "Contact (`satudata.kontak`) is not given.",
        "Isi nama unit dan surel yang dapat dihubungi publik.",
        "Give a unit name and e-mail the public can reach.",
    ),
    "keywords-missing": Message(
        W,
        "Kata kunci (`keywords`) belum diisi.",
        "No `keywords` given.",
        "Tambahkan 2–5 kata kunci agar dataset mudah dicari.",
        "Add 2–5 keywords so the dataset is easy to find.",
    ),
    # --- content/ pages, links and special files ---
    "symlink": Message(
        E,
        "`{path}` adalah tautan simbolik (symlink) ke `{target}`; Sebar tidak mengikuti tautan.",
        "`{path}` is a symbolic link to `{target}`; Sebar does not follow links.",
        "Ganti tautan dengan file atau folder yang sebenarnya (disalin ke tempat ini), atau hapus.",
        "Replace the link with the real file or folder (copied here), or remove it.",
    ),
    "special-file": Message(
        E,
        "`{path}` bukan file biasa maupun folder (FIFO, soket atau perangkat).",
        "`{path}` is neither a regular file nor a folder (a FIFO, socket or device).",
        "Hapus `{path}` dari repositori; simpan hanya file dan folder biasa.",
        "Remove `{path}` from the repository; keep only regular files and folders.",
    ),
    "content-encoding": Message(
        E,
        "`{path}` bukan teks UTF-8 (byte tidak sah di baris {line}).",
        "`{path}` is not UTF-8 text (an invalid byte at line {line}).",
        "Simpan ulang file sebagai UTF-8 (di editor: Save with Encoding > UTF-8).",
        "Save the file again as UTF-8 (in the editor: Save with Encoding > UTF-8).",
    ),
    "content-front-matter": Message(
        E,
        "Front matter (di antara baris `---`) tidak sah di baris {line}: {detail}",
        "The front matter (between the `---` lines) is not valid at line {line}: {detail}",
        "Tulis front matter sebagai pasangan `kunci: nilai` YAML, mis. `title: Profil Kesehatan`.",
        "Write the front matter as YAML `key: value` pairs, e.g. `title: Profil Kesehatan`.",
    ),
    "content-link": Message(
        E,
        "Tautan `{link}` di baris {line} menuju halaman atau file yang tidak ada.",
        "The link `{link}` at line {line} leads to a page or file that does not exist.",
        "Perbaiki alamatnya (relatif terhadap halaman ini, mis. `../katalog/` atau `metadata.md`) atau hapus.",
        "Correct the address (relative to this page, e.g. `../katalog/` or `metadata.md`) or remove the link.",
    ),
    "content-collision": Message(
        E,
        "`{path}` bertabrakan dengan `{page}` yang dibuat Sebar.",
        "`{path}` collides with `{page}`, which Sebar generates.",
        "Ganti nama atau pindahkan file ini; nama halaman Sebar ada di Bantuan > Panduan operator.",
        "Rename or move this file; Sebar's page names are in Help > Operator guide.",
    ),
    "content-unsafe-html": Message(
        E,
        "Baris {line} berisi {what} yang dapat menjalankan skrip di peramban pembaca.",
        "Line {line} holds {what}, which can run script in a reader's browser.",
        "Hapus bagian itu; HTML boleh untuk tata letak, tanpa skrip, atribut on...= atau alamat javascript:.",
        "Remove it; HTML may shape the layout, without script, on...= attributes or javascript: addresses.",
    ),
    "content-script": Message(
        E,
        "`{path}` adalah file skrip; halaman portal tidak boleh memuat skrip dari content/.",
        "`{path}` is a script file; portal pages may not load script from content/.",
        "Hapus file ini; fitur baru untuk portal ditambahkan ke Sebar, bukan ke content/.",
        "Remove the file; new portal features are added to Sebar, not to content/.",
    ),
    # --- table: header ---
    "blank-label": Message(
        E,
        "Judul kolom ke-{position} kosong.",
        "The header of column {position} is blank.",
        "Isi judul kolom itu sama dengan `name` field ke-{position} di skema (`{field}`).",
        "Give that column the header of field {position} in the schema (`{field}`).",
    ),
    "duplicate-label": Message(
        E,
        "Judul kolom ke-{position} `{label}` sama dengan judul kolom {note}.",
        "The header of column {position} `{label}` repeats column {note}.",
        "Beri setiap kolom judul yang unik, sama dengan `name` di skema.",
        "Give every column a unique header, equal to its `name` in the schema.",
    ),
    "incorrect-label": Message(
        E,
        "Judul kolom ke-{position} adalah `{label}`, tetapi skema mengharapkan `{field}`.",
        "Column {position} is headed `{label}` but the schema expects `{field}`.",
        "Samakan judul kolom di file dengan `name` di skema (atau sebaliknya).",
        "Make the file's header equal to the schema's `name` (or the other way round).",
    ),
    "extra-label": Message(
        E,
        "Kolom ke-{position} `{label}` tidak ada di skema.",
        "Column {position} `{label}` is not in the schema.",
        "Tambahkan field untuk kolom ini ke `schema.fields`, atau hapus kolomnya dari file.",
        "Add a field for it to `schema.fields`, or remove the column from the file.",
    ),
    "missing-label": Message(
        E,
        "Kolom `{field}` dari skema tidak ada di file.",
        "Column `{field}` of the schema is not in the file.",
        "Tambahkan kolom itu ke file, atau hapus field-nya dari skema.",
        "Add that column to the file, or remove its field from the schema.",
    ),
    # --- table: rows and cells ---
    "blank-row": Message(
        E,
        "Baris {row} kosong.",
        "Row {row} is blank.",
        "Hapus baris kosong dari file.",
        "Delete the blank row from the file.",
    ),
    "extra-cell": Message(
        E,
        "Baris {row} berisi nilai lebih (`{cell}`) di kolom ke-{position}, di luar kolom yang ada.",
        "Row {row} has an extra value (`{cell}`) in column {position}, beyond the header.",
        "Hapus nilai lebih itu, atau periksa koma/titik koma di dalam teks (beri tanda kutip).",
        "Remove it, or quote text that contains the separator.",
    ),
    "missing-cell": Message(
        E,
        "Baris {row} tidak punya sel untuk kolom `{field}`.",
        "Row {row} has no cell for column `{field}`.",
        "Lengkapi baris itu; sel kosong tetap perlu pemisah kolom.",
        "Complete the row; an empty cell still needs its separator.",
    ),
    "type-error": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` bukan {type_id}.",
        "Value `{cell}` in column `{field}` is not {type_en}.",
        "Tulis {type_id} (mis. {example}), atau ubah `type` kolom ini di skema.",
        "Write {type_en} (e.g. {example}), or change this column's `type` in the schema.",
    ),
    "decimal-comma": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` memakai koma desimal, tetapi skema kolom ini belum menyatakannya.",
        "Value `{cell}` in column `{field}` uses a decimal comma, which the schema does not declare.",
        'Isi `decimalChar: ","` (dan `groupChar: "."` bila ada titik ribuan) pada field `{field}` di skema, '
        "atau tulis angkanya dengan titik desimal.",
        'Set `decimalChar: ","` (and `groupChar: "."` for thousands dots) on field `{field}`, '
        "or write the number with a decimal point.",
    ),
    "required-error": Message(
        E,
        "Kolom `{field}` wajib diisi, tetapi kosong.",
        "Column `{field}` is required but empty.",
        "Isi sel itu.",
        "Fill in that cell.",
    ),
    "constraint-error": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` melanggar batasan `{constraint}` ({limit}).",
        "Value `{cell}` in column `{field}` breaks the constraint `{constraint}` ({limit}).",
        "Periksa nilai itu, atau ubah `constraints` kolom ini di skema.",
        "Check the value, or change this column's `constraints` in the schema.",
    ),
    "unique-error": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` sudah ada di baris {other}; kolom ini harus unik.",
        "Value `{cell}` in column `{field}` already appears in row {other}; the column must be unique.",
        "Hapus baris ganda atau perbaiki nilainya.",
        "Delete the duplicate row or correct the value.",
    ),
    "primary-key": Message(
        E,
        "Kunci utama baris {row} sama dengan baris {other}.",
        "The primary key of row {row} repeats row {other}.",
        "Hapus baris ganda atau perbaiki nilainya.",
        "Delete the duplicate row or correct the value.",
    ),
    "table-error": Message(
        E,
        "Tabel tidak sah: {detail}",
        "The table is not valid: {detail}",
        "Periksa file data terhadap skema di datapackage.yaml.",
        "Check the data file against the schema.",
    ),
    "too-many-errors": Message(
        E,
        "Pemeriksaan berhenti setelah {limit} galat di file ini.",
        "Checking stopped after {limit} errors in this file.",
        "Perbaiki galat di atas (sering kali satu penyebab), lalu jalankan `sebar check` lagi.",
        "Fix the errors above (often one cause), then run `sebar check` again.",
    ),
}

TYPE_NAMES: dict[str, tuple[str, str, str]] = {
    "integer": ("bilangan bulat", "a whole number", "1250"),
    "number": ("angka", "a number", "451.3"),
    "year": ("tahun empat angka", "a four-digit year", "2024"),
    "date": ("tanggal TTTT-BB-HH", "a date YYYY-MM-DD", "2024-12-31"),
    "boolean": ("nilai benar/salah", "true or false", "true"),
    "string": ("teks", "text", "Bandung"),
}
