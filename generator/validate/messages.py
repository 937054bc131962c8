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
    # --- site configuration and templates: mkdocs.yml, templates/ (area A) ---
    "mkdocs-missing": Message(
        E,
        "mkdocs.yml tidak ditemukan di `{root}`.",
        "mkdocs.yml was not found in `{root}`.",
        "Salin mkdocs.yml dari portal contoh Sebar ke folder teratas repositori.",
        "Copy mkdocs.yml from Sebar's demo portal into the repository's top folder.",
    ),
    "mkdocs-nav": Message(
        E,
        "`nav` di mkdocs.yml menyebut halaman `{page}`, tetapi halaman itu tidak ada di content/ "
        "maupun di halaman yang dibuat Sebar.",
        "`nav` in mkdocs.yml names the page `{page}`, which is neither in content/ nor among Sebar's pages.",
        "Buat file content/{page}, perbaiki namanya di `nav`, atau hapus butir itu dari `nav`.",
        "Create content/{page}, correct its name in `nav`, or remove the entry from `nav`.",
    ),
    "mkdocs-tag": Message(
        E,
        "mkdocs.yml memakai tag YAML `{tag}` di baris {line}: tag seperti ini dapat menjalankan kode "
        "atau membaca rahasia dari lingkungan, dan tidak diizinkan.",
        "mkdocs.yml uses the YAML tag `{tag}` on line {line}: such tags can run code or read secrets "
        "from the environment, and are not allowed.",
        "Hapus tag `{tag}` dan tulis nilainya langsung.",
        "Remove the tag `{tag}` and write the value itself.",
    ),
    "mkdocs-key": Message(
        E,
        "Kunci `{key}` di mkdocs.yml tidak diizinkan: {why}.",
        "Key `{key}` in mkdocs.yml is not allowed: {why_en}.",
        "Hapus atau perbaiki `{key}`; pengaturan yang boleh ada di Bantuan > Panduan operator.",
        "Remove or correct `{key}`; the allowed settings are in Help > Operator guide.",
    ),
    "mkdocs-plugin": Message(
        E,
        "Plugin `{name}` di mkdocs.yml tidak diizinkan: plugin menjalankan kode saat situs dibangun.",
        "Plugin `{name}` in mkdocs.yml is not allowed: plugins run code while the site is built.",
        "Hapus `{name}` dari `plugins`. Plugin yang boleh: {allowed}.",
        "Remove `{name}` from `plugins`. Allowed plugins: {allowed}.",
    ),
    "mkdocs-extension": Message(
        E,
        "Ekstensi Markdown `{name}` di mkdocs.yml tidak diizinkan (dapat membaca file atau menjalankan kode).",
        "Markdown extension `{name}` in mkdocs.yml is not allowed (it may read files or run code).",
        "Hapus `{name}` dari `markdown_extensions`. Ekstensi yang boleh: {allowed}.",
        "Remove `{name}` from `markdown_extensions`. Allowed extensions: {allowed}.",
    ),
    "mkdocs-config": Message(
        E,
        "mkdocs menolak pengaturan di mkdocs.yml: {detail}",
        "mkdocs refuses a setting in mkdocs.yml: {detail}",
        "Perbaiki pengaturan yang disebut (lihat dokumentasi mkdocs dan Material for MkDocs).",
        "Correct the setting named (see the mkdocs and Material for MkDocs documentation).",
    ),
    "template-override": Message(
        W,
        "Folder templates/ menimpa templat Sebar: {names}.",
        "The templates/ folder overrides Sebar's templates: {names}.",
        "PIC dan Walidata: periksa setiap perubahan templat ini sebelum menyetujui; hapus yang tidak perlu.",
        "PIC and Walidata: review every change to these templates before approving; remove those not needed.",
    ),
    "template-unsafe": Message(
        E,
        "Templat ini memakai {what}, yang ditolak oleh sandbox templat.",
        "This template uses {what_en}, which the template sandbox refuses.",
        "Hapus bagian itu: templat portal hanya boleh memakai data halaman, bukan isi internal Python.",
        "Remove it: a portal template may use the page's data only, not Python internals.",
    ),
    "template-error": Message(
        E,
        "Templat `{name}` tidak dapat dipakai: {detail}",
        "Template `{name}` cannot be used: {detail}",
        "Perbaiki templat di baris yang disebut, atau hapus file itu agar templat Sebar dipakai.",
        "Correct the template at the line given, or delete the file so that Sebar's template is used.",
    ),
    "metadata-missing": Message(
        E,
        "Kunci `{key}`{where} wajib diisi tetapi belum ada.",
        "Required key `{key}`{where_en} is missing.",
        "Tambahkan `{key}` ke file ini (lihat Bantuan > Panduan metadata).",
        "Add `{key}` to this file (see Help > Metadata guide).",
    ),
    "metadata-invalid": Message(
        E,
        "Nilai `{key}`{where} tidak sah: {detail}.",
        "Value of `{key}`{where_en} is not valid: {detail}.",
        "Perbaiki nilai `{key}`{hint}.{contoh}",
        "Correct the value of `{key}`{hint_en}.{contoh_en}",
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
        "Kunci `{key}`{where} tidak dikenal.{hint}",
        "Unknown key `{key}`{where_en}.{hint_en}",
        "Periksa ejaannya atau hapus; kunci yang sah ada di Bantuan > Panduan metadata.",
        "Check its spelling or remove it; valid keys are in Help > Metadata guide.",
    ),
    "name-mismatch": Message(
        E,
        "`name: {name}` berbeda dengan nama folder `{folder}`.",
        "`name: {name}` differs from the folder name `{folder}`.",
        "Samakan `name` dengan nama folder dataset; tulis:\nname: {folder}",
        "Make `name` equal to the folder name; write:\nname: {folder}",
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
        "Kode {tingkat} Kemendagri terdiri atas {parts} bagian bertitik, ditulis di antara tanda kutip, mis.:\n"
        'kode: "{example}"',
        'A Kemendagri {tingkat} code has {parts} dot-separated parts, written in quotes, e.g.:\nkode: "{example}"',
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
    # --- readers: YAML, spreadsheets, limits (area B) ---
    "yaml-duplicate-key": Message(
        E,
        "Kunci `{key}` ditulis dua kali: baris {first} dan baris {line}. Yang kedua diam-diam menimpa yang pertama.",
        "Key `{key}` is written twice: lines {first} and {line}. The second would silently replace the first.",
        "Hapus salah satunya (gabungkan isinya di baris {first}), lalu jalankan `sebar check` lagi.",
        "Delete one of them (merge their content at line {first}), then run `sebar check` again.",
    ),
    "limit-exceeded": Message(
        E,
        "File melewati batas `{key}` ({limit}): {detail}.",
        "The file is beyond the limit `{key}` ({limit}): {detail}.",
        "Periksa apakah file ini memang benar (file rusak atau sengaja dibuat sering begini); bila benar, "
        "pecah menjadi beberapa tabel atau minta Walidata menaikkan `batas.{key}` di portal.yml.",
        "Check that the file is what it should be (broken or hostile files look like this); if it is, "
        "split it into several tables or ask the Walidata to raise `batas.{key}` in portal.yml.",
    ),
    "formula-no-value": Message(
        E,
        "Sel {cell} berisi rumus `={formula}` tanpa nilai tersimpan; sel itu akan terbit kosong.",
        "Cell {cell} holds the formula `={formula}` without a stored value; it would be published empty.",
        "Buka file di Excel atau LibreOffice, biarkan rumus dihitung, lalu simpan ulang; "
        "atau salin lalu tempel sebagai nilai (Paste Special > Values).",
        "Open the file in Excel or LibreOffice, let the formulas calculate, then save it again; "
        "or copy and paste as values (Paste Special > Values).",
    ),
    "resource-not-file": Message(
        E,
        "Path `{path}` menunjuk ke {kind}, bukan file data.",
        "Path `{path}` points to {kind_en}, not a data file.",
        "Tulis nama file data di dalam folder dataset, mis. `data.csv` atau `tabel/data.xlsx`.",
        "Give the name of a data file in the dataset folder, e.g. `data.csv` or `tables/data.xlsx`.",
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
        "Tulis front matter sebagai pasangan kunci: nilai YAML, satu per baris, mis.:\ntitle: Profil Kesehatan",
        "Write the front matter as YAML key: value pairs, one a line, e.g.:\ntitle: Profil Kesehatan",
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
        "Tulis angkanya dengan titik desimal, atau tambahkan baris ini pada kolom `{field}` di `schema.fields` "
        '(dan groupChar: "." bila ada titik ribuan):\ndecimalChar: ","',
        "Write the number with a decimal point, or add this line to column `{field}` in `schema.fields` "
        '(and groupChar: "." for thousands dots):\ndecimalChar: ","',
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
    # --- cell values: control characters, numbers, patterns, personal data ---
    "cell-control": Message(
        E,
        "Sel di kolom `{field}` berisi karakter kendali tak terlihat {char} (`{cell}`).",
        "The cell in column `{field}` holds the invisible control character {char} (`{cell}`).",
        "Hapus karakter itu dari sel (sering terbawa dari salin-tempel atau ekspor sistem lama), lalu simpan ulang.",
        "Remove that character from the cell (often left by copy-paste or an old export), then save again.",
    ),
    "spreadsheet-error": Message(
        E,
        "Sel di kolom `{field}` berisi galat rumus spreadsheet `{cell}`, bukan nilai.",
        "The cell in column `{field}` holds the spreadsheet formula error `{cell}`, not a value.",
        "Perbaiki rumus di spreadsheet asal (mis. pembagian dengan nol), atau kosongkan sel itu.",
        "Fix the formula in the source spreadsheet (e.g. a division by zero), or leave the cell empty.",
    ),
    "number-not-finite": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` bukan angka terhingga (NaN/tak hingga).",
        "Value `{cell}` in column `{field}` is not a finite number (NaN/infinity).",
        "Tulis angka yang sebenarnya, atau kosongkan sel bila datanya tidak ada.",
        "Write the real number, or leave the cell empty when there is no data.",
    ),
    "number-out-of-range": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` terlalu besar atau terlalu kecil untuk disimpan sebagai angka.",
        "Value `{cell}` in column `{field}` is too large or too small to store as a number.",
        "Periksa nilai itu (mungkin salah ketik eksponen); bila memang kode, ubah `type` kolom menjadi `string`.",
        "Check the value (perhaps a mistyped exponent); if it is a code, make the column's `type` `string`.",
    ),
    "group-char-invalid": Message(
        E,
        "Nilai `{cell}` di kolom `{field}` tidak ditulis dengan pemisah ribuan `{group}` yang benar.",
        "Value `{cell}` in column `{field}` is not written with correct `{group}` thousands separators.",
        "Tulis angka dengan kelompok tiga angka, mis. `1{group}234{group}567`; pecahan tidak boleh di kolom `integer`.",
        "Write the number in groups of three digits, e.g. `1{group}234{group}567`; "
        "no fractions in an `integer` column.",
    ),
    "number-thousands-dot": Message(
        W,
        "{count} nilai di kolom `{field}` (pertama `{cell}`) tampak memakai titik ribuan, "
        "tetapi dibaca sebagai pecahan desimal.",
        "{count} values in column `{field}` (first `{cell}`) look like thousands dots but are read as decimals.",
        "Bila titik itu pemisah ribuan, tambahkan dua baris ini pada kolom `{field}` di `schema.fields`:\n"
        'groupChar: "."\ndecimalChar: ","',
        "If the dot separates thousands, add these two lines to column `{field}` in `schema.fields`:\n"
        'groupChar: "."\ndecimalChar: ","',
    ),
    "pattern-invalid": Message(
        E,
        "`constraints.pattern` kolom `{field}` bukan ekspresi reguler yang sah ({detail}).",
        "`constraints.pattern` of column `{field}` is not a valid regular expression ({detail}).",
        "Perbaiki pola itu, mis. `^[0-9]{{4}}$`, atau hapus `pattern`.",
        "Correct the pattern, e.g. `^[0-9]{{4}}$`, or remove `pattern`.",
    ),
    "pattern-timeout": Message(
        E,
        "`constraints.pattern` kolom `{field}` terlalu lambat diperiksa (lebih dari {seconds} detik).",
        "`constraints.pattern` of column `{field}` is too slow to check (over {seconds} s).",
        "Sederhanakan pola itu: hindari pengulangan bersarang seperti `(a+)+` atau `(a|a)*`.",
        "Simplify the pattern: avoid nested repetition such as `(a+)+` or `(a|a)*`.",
    ),
    "schema-field-duplicate": Message(
        E,
        "Nama kolom `{field}` dipakai lebih dari sekali di `schema.fields`.",
        "The column name `{field}` appears more than once in `schema.fields`.",
        "Beri setiap field `name` yang unik, sama dengan judul kolomnya di file.",
        "Give every field a unique `name`, equal to its column header in the file.",
    ),
    "primary-key-unknown": Message(
        E,
        "`schema.primaryKey` menyebut kolom `{field}` yang tidak ada di `schema.fields`.",
        "`schema.primaryKey` names the column `{field}`, which is not in `schema.fields`.",
        "Tulis nama kolom yang ada di `schema.fields` (yang ada: {known}), atau hapus `primaryKey`.",
        "Name a column of `schema.fields` (there are: {known}), or remove `primaryKey`.",
    ),
    "personal-data": Message(
        E,
        "Kolom `{field}` tampak berisi data pribadi: {count} sel seperti {kind_id} (pertama di baris {row}). "
        "Dataset terbuka tidak boleh memuatnya.",
        "Column `{field}` looks like personal data: {count} cells like {kind_en} (first in row {row}). "
        "An open dataset must not hold it.",
        "Hapus atau samarkan kolom itu; bila memang boleh terbit, tulis alasannya pada kolom itu di "
        '`schema.fields`:\ndataPribadi: {{alasan: "..."}}',
        "Remove or mask the column; if it may be published, give the reason on that column in "
        '`schema.fields`:\ndataPribadi: {{alasan: "..."}}',
    ),
    "personal-data-reason": Message(
        E,
        "`dataPribadi` pada kolom `{field}` tidak berisi `alasan`.",
        "`dataPribadi` on column `{field}` gives no `alasan` (reason).",
        'Hapus `dataPribadi`, atau tulis alasan terbitnya data pribadi itu:\ndataPribadi: {{alasan: "..."}}',
        'Remove `dataPribadi`, or give the reason it may be published:\ndataPribadi: {{alasan: "..."}}',
    ),
    # --- roles: .github/CODEOWNERS generated from portal.yml (sebar roles) ---
    "codeowners-missing": Message(
        E,
        "{file} tidak ada: tanpa file itu PIC tidak diminta meninjau pull request secara otomatis.",
        "{file} is missing: without it no PIC is asked to review a pull request.",
        "Buat dari peran di portal.yml, lalu commit hasilnya. Jalankan: sebar roles",
        "Generate it from the roles in portal.yml, then commit it. Run: sebar roles",
    ),
    "codeowners-outdated": Message(
        E,
        "{file} tidak sesuai dengan peran di portal.yml (PIC atau Walidata berubah, atau file disunting langsung).",
        "{file} does not match the roles in portal.yml (a PIC or the Walidata changed, or it was edited by hand).",
        "Tulis ulang dari portal.yml, lalu commit hasilnya. Jalankan: sebar roles",
        "Rewrite it from portal.yml, then commit it. Run: sebar roles",
    ),
    "codeowners-handle": Message(
        E,
        "{detail}",
        "{detail}",
        "Perbaiki akun `github` di portal.yml, lalu jalankan: sebar roles",
        "Correct the `github` account in portal.yml, then run: sebar roles",
    ),
    # --- publications: front matter of content pages (jenis: tabel | dasbor | infografis | buku) ---
    "publication-kind": Message(
        E,
        "Front matter: `jenis: {value}` tidak dikenal.{hint}",
        "Front matter: `jenis: {value}` is unknown.{hint_en}",
        "Tulis salah satu: tabel, dasbor, infografis, buku; atau hapus `jenis` untuk halaman biasa.",
        "Write one of: tabel, dasbor, infografis, buku; or remove `jenis` for a plain page.",
    ),
    "publication-unknown-key": Message(
        E,
        "Front matter: kunci `{key}` tidak dikenal untuk `jenis: {jenis}`.{hint}",
        "Front matter: the key `{key}` is unknown for `jenis: {jenis}`.{hint_en}",
        "Perbaiki ejaannya atau hapus kunci itu. Kunci yang dikenal: {known}.",
        "Correct its spelling or remove the key. Known keys: {known}.",
    ),
    "publication-invalid": Message(
        E,
        "Front matter: `{key}` {detail}.",
        "Front matter: `{key}` is not valid ({detail}).",
        "Perbaiki nilai `{key}`{hint}.",
        "Correct the value of `{key}`{hint_en}.",
    ),
    "publication-missing": Message(
        E,
        "Front matter halaman `jenis: {jenis}` belum berisi `{key}`.",
        "The front matter of a `jenis: {jenis}` page has no `{key}`.",
        "Tambahkan `{key}`, mis. `{example}`.",
        "Add `{key}`, e.g. `{example}`.",
    ),
    "publication-reference": Message(
        E,
        "Front matter: `{key}: {value}` tidak ada di {where}.",
        "Front matter: `{key}: {value}` is not in {where}.",
        "Tulis salah satu yang ada: {known}.",
        "Write one that exists: {known}.",
    ),
    # --- fenced blocks in content pages: ```grafik, ```angka, ```tabel, ```ikon ---
    "block-yaml": Message(
        E,
        "Blok {kind} ke-{ordinal} (baris {line}) tidak dapat dibaca: {detail}",
        "The {kind} block no. {ordinal} (line {line}) cannot be read: {detail}",
        "Tulis isi blok sebagai pasangan `kunci: nilai` YAML, satu per baris, indentasi dengan spasi.",
        "Write the block as YAML `key: value` pairs, one a line, indented with spaces.",
    ),
    "block-unclosed": Message(
        E,
        "Blok {kind} ke-{ordinal} (baris {line}) tidak ditutup.",
        "The {kind} block no. {ordinal} (line {line}) is not closed.",
        "Tutup blok dengan baris {fence} (sama dengan pembukanya) setelah isinya.",
        "Close the block with a {fence} line (as it opens) after its content.",
    ),
    "block-unknown-key": Message(
        E,
        "Blok {kind} ke-{ordinal} (baris {line}): kunci `{key}` tidak dikenal.{hint}",
        "The {kind} block no. {ordinal} (line {line}): the key `{key}` is unknown.{hint_en}",
        "Perbaiki ejaannya atau hapus kunci itu. Kunci yang dikenal: {known}.",
        "Correct its spelling or remove the key. Known keys: {known}.",
    ),
    "block-invalid": Message(
        E,
        "Blok {kind} ke-{ordinal} (baris {line}): `{key}` {detail}.",
        "The {kind} block no. {ordinal} (line {line}): `{key}` is not valid ({detail}).",
        "Perbaiki nilai `{key}` di blok itu.",
        "Correct the value of `{key}` in that block.",
    ),
    "block-missing": Message(
        E,
        "Blok {kind} ke-{ordinal} (baris {line}) belum berisi `{key}`.",
        "The {kind} block no. {ordinal} (line {line}) has no `{key}`.",
        "Tambahkan `{key}: ...` ke blok itu.",
        "Add `{key}: ...` to that block.",
    ),
    # --- charts, maps and content blocks (generator/views/check.py) ---
    "view-dataset-needed": Message(
        E,
        "{where}: blok tidak menyebut `dataset`.",
        "{where}: the block names no `dataset`.",
        "Tambahkan `dataset: produsen/nama`, mis. `dataset: opendata-jabar/penduduk-miskin`.",
        "Add `dataset: produsen/nama`, e.g. `dataset: opendata-jabar/penduduk-miskin`.",
    ),
    "view-dataset-unknown": Message(
        E,
        "{where}: dataset `{name}` tidak ada atau belum lolos pemeriksaan.",
        "{where}: dataset `{name}` does not exist or has not passed the check.",
        "Tulis `produsen/nama` dataset yang ada ({known}), atau perbaiki dulu galat dataset itu.",
        "Name an existing dataset as `produsen/nama` ({known}), or fix that dataset's errors first.",
    ),
    "view-dataset-closed": Message(
        E,
        "{where}: dataset `{name}` berklasifikasi `{klasifikasi}`; halaman portal hanya boleh memuat data terbuka.",
        "{where}: dataset `{name}` is classified `{klasifikasi}`; portal pages may show open data only.",
        "Pakai dataset berklasifikasi `terbuka`, atau hapus blok ini.",
        "Use a dataset classified `terbuka`, or remove this block.",
    ),
    "view-resource-unknown": Message(
        E,
        "{where}: tabel `{name}` (kunci `sumber`) tidak ada di dataset `{dataset}`.",
        "{where}: table `{name}` (key `sumber`) is not in dataset `{dataset}`.",
        "Tulis nama tabel yang ada ({known}), atau hapus `sumber` agar tabel pertama dipakai.",
        "Name an existing table ({known}), or remove `sumber` to use the first table.",
    ),
    "view-field-unknown": Message(
        E,
        "{where}: kolom `{field}` (kunci `{key}`) tidak ada di tabel `{resource}` dataset `{dataset}`.",
        "{where}: column `{field}` (key `{key}`) is not in table `{resource}` of dataset `{dataset}`.",
        "Tulis nama kolom persis seperti di `schema.fields`: {known}.",
        "Write the column's name exactly as in `schema.fields`: {known}.",
    ),
    "view-field-type": Message(
        E,
        "{where}: kolom `{field}` (kunci `{key}`) bertipe {type}; {need}.",
        "{where}: column `{field}` (key `{key}`) is of type {type_en}; {need_en}.",
        "Pilih kolom bertipe `integer` atau `number`, atau pakai `agregasi: banyak` untuk menghitung baris.",
        "Choose an `integer` or `number` column, or use `agregasi: banyak` to count rows.",
    ),
    "view-map-code": Message(
        E,
        "{where}: `x` sebuah peta harus kolom kode wilayah bertipe teks; kolom `{field}` {detail}.",
        "{where}: a map's `x` must be a text column of region codes; column `{field}`: {detail}.",
        "Tulis di `x` kolom kode wilayah Kemendagri, mis. `kode_kabupaten_kota` (3201 atau 32.01).",
        "Set `x` to a Kemendagri region-code column, e.g. `kode_kabupaten_kota` (3201 or 32.01).",
    ),
    "view-one-measure": Message(
        E,
        "{where}: `{jenis}` menggambar satu ukuran, tetapi `y` menyebut {count} kolom.",
        "{where}: `{jenis}` draws one measure, but `y` names {count} columns.",
        "Tulis satu kolom di `y`, atau pakai `batang` atau `garis` untuk beberapa ukuran.",
        "Name one column in `y`, or use `batang` or `garis` for several measures.",
    ),
    "view-x-missing": Message(
        E,
        "{where}: grafik `{jenis}` memerlukan `x`.",
        "{where}: a `{jenis}` chart needs `x`.",
        "Tambahkan `x`: kolom kategori atau waktu (mis. `tahun`); tanpa `x`, `y` harus daftar kolom "
        "(mis. kolom per tahun).",
        "Add `x`: a category or time column (e.g. `tahun`); without `x`, `y` must list columns (e.g. one per year).",
    ),
    "view-filter-value": Message(
        E,
        "{where}: penyaring `{field}: {value}` tidak cocok dengan baris mana pun.",
        "{where}: the filter `{field}: {value}` matches no row.",
        "Tulis nilai yang ada di kolom `{field}`, mis. {known}.",
        "Use a value that column `{field}` holds, e.g. {known}.",
    ),
    "view-empty": Message(
        E,
        "{where}: tidak ada baris tersisa setelah semua penyaring (`saring`) diterapkan bersama.",
        "{where}: no row is left once all filters (`saring`) apply together.",
        "Longgarkan `saring`: setiap nilai cocok sendiri-sendiri, tetapi tidak ada baris yang cocok dengan semuanya.",
        "Loosen `saring`: each value matches on its own, but no row matches them all.",
    ),
    "view-region-unknown": Message(
        E,
        "{where}: {count} kode wilayah di {data} tidak punya batas wilayah di `{batas}`: {codes}.",
        "{where}: {count} region codes in {data} have no boundary in `{batas}`: {codes}.",
        "Perbaiki kodenya di data (kode Kemendagri, mis. 32.01 atau 3201), atau tambahkan file batas GeoJSON "
        "(properti `kode` dan `nama`) ke folder `batas/` portal.",
        "Correct the codes in the data (Kemendagri codes, e.g. 32.01 or 3201), or add a GeoJSON boundary file "
        "(properties `kode` and `nama`) to the portal's `batas/` folder.",
    ),
    "view-boundary-unknown": Message(
        E,
        "{where}: batas wilayah `{name}` tidak ada.",
        "{where}: boundary `{name}` does not exist.",
        "Tulis salah satu: {known}, atau hapus `batas` agar dipilih otomatis dari kode wilayah.",
        "Name one of: {known}, or remove `batas` to choose it from the region codes.",
    ),
    "batas-invalid": Message(
        E,
        "File batas wilayah `{path}` tidak dapat dipakai: {detail}.",
        "Boundary file `{path}` cannot be used: {detail}.",
        "Simpan sebagai GeoJSON FeatureCollection berisi Polygon/MultiPolygon dengan properti `kode` "
        "(kode Kemendagri bertitik, mis. `32.73.05`) dan `nama`.",
        "Save it as a GeoJSON FeatureCollection of Polygons/MultiPolygons with properties `kode` "
        "(a dotted Kemendagri code, e.g. `32.73.05`) and `nama`.",
    ),
    "infographic-blocks": Message(
        E,
        "Infografis memuat {count} blok `{kind}`; halamannya dirancang untuk {low}–{high}.",
        "The infographic has {count} `{kind}` blocks; its page is designed for {low}–{high}.",
        "Tambah atau kurangi blok ```{kind} sampai {low}–{high} (angka: 3–6, grafik dan ikon: paling banyak 3).",
        "Add or remove ```{kind} blocks to have {low}–{high} (angka: 3–6, grafik and ikon: at most 3).",
    ),
    "dashboard-filter-field": Message(
        E,
        "Penyaring dasbor `{field}` (`saring`) bukan kolom dataset blok mana pun di halaman ini.",
        "Dashboard filter `{field}` (`saring`) is not a column of any block's dataset on this page.",
        "Tulis nama kolom yang ada di dataset blok-bloknya, mis. `saring: [tahun]`, atau hapus penyaring itu.",
        "Name a column of the blocks' datasets, e.g. `saring: [tahun]`, or remove that filter.",
    ),
    # --- region codes: a field's `kode` key, checked against generator/referensi (issue 8) ---
    "kode-tidak-dikenal": Message(
        E,
        "Kode wilayah `{cell}` di kolom `{field}`{also} tidak ada di daftar kode {sistem}.",
        "Region code `{cell}` in column `{field}`{also_en} is not in the {sistem_en} code list.",
        "Perbaiki kodenya di file data (mis. `{example}`, tanpa salah ketik dan dengan angka nol di depan), "
        "periksa `kode.sistem` kolom itu, atau bila nilai itu memang bukan kode wilayah (mis. baris jumlah) "
        "tulis di `kode.kecuali`.",
        "Correct the code in the data file (e.g. `{example}`, without typos and with its leading zeros), check "
        "the column's `kode.sistem`, or when the value is not a region code (e.g. a total row) list it in "
        "`kode.kecuali`.",
    ),
    "kode-tingkat-salah": Message(
        E,
        "Kode wilayah `{cell}` di kolom `{field}`{also} adalah kode {found}, padahal kolom itu berisi kode {tingkat}.",
        "Region code `{cell}` in column `{field}`{also_en} is a {found} code, but the column holds {tingkat} codes.",
        "Tulis kode {tingkat} (mis. `{example}`), perbaiki `kode.tingkat` kolom itu, atau bila baris itu "
        "sengaja (mis. baris jumlah) tulis nilainya di `kode.kecuali`.",
        "Write a {tingkat} code (e.g. `{example}`), correct the column's `kode.tingkat`, or when the row is "
        "meant to be there (e.g. a total row) list its value in `kode.kecuali`.",
    ),
    "kode-tidak-diperiksa": Message(
        W,
        "{count} kode wilayah di kolom `{field}` tidak dapat diperiksa: daftar bawaan Sebar hanya lengkap untuk "
        "Jawa Timur (35), kabupaten/kota Jawa Barat (32) dan kecamatan Kota Bandung (32.73): {codes}.",
        "{count} region codes in column `{field}` cannot be checked: Sebar's lists are complete only for East "
        "Java (35), West Java's regencies/cities (32) and Kota Bandung's districts (32.73): {codes}.",
        "Periksa sendiri kode-kode itu terhadap daftar resmi Kemendagri/BPS; namanya tidak tampil di halaman dataset.",
        "Check these codes against the official Kemendagri/BPS list yourself; their names are not shown on the page.",
    ),
    "kode-bertipe-angka": Message(
        W,
        "Kolom kode `{field}` bertipe `{type}`: angka nol di depan hilang (`0301` menjadi `301`) dan halaman "
        "menampilkan `3201` sebagai `3.201`.",
        "Code column `{field}` is typed `{type}`: leading zeros are lost (`0301` becomes `301`) and the page "
        "shows `3201` as `3.201`.",
        "Ganti tipe kolom `{field}` di datapackage.yaml; tulis:\ntype: string",
        "Change the type of column `{field}` in datapackage.yaml; write:\ntype: string",
    ),
    # --- BPS statistical metadata (MS-Indikator, MS-Variabel, MS-Kegiatan) ---
    "bps-variabel-pembangun": Message(
        E,
        "`satudata.indikator.variabel_pembangun` menyebut `{name}`, tetapi dataset ini tidak punya kolom itu.",
        "`satudata.indikator.variabel_pembangun` names `{name}`, but this dataset has no such column.",
        "Tulis nama kolom yang ada ({known}); indikator lain yang membangunnya ditulis di "
        "`satudata.indikator.indikator_pembangun`.",
        "Name an existing column ({known}); other indicators it is built from go in "
        "`satudata.indikator.indikator_pembangun`.",
    ),
    "lisensi-tidak-dikenal": Message(
        E,
        "Lisensi `{name}` di `{key}` tidak ada di daftar lisensi. Yang mirip: {close}.",
        "Licence `{name}` in `{key}` is not in the licence register. Close matches: {close}.",
        "Tulis kode SPDX dari daftar lisensi (mis. CC-BY-4.0, CC0-1.0, ODbL-1.0; lihat Panduan metadata, "
        "bagian Daftar lisensi), atau daftarkan lisensi portal di portal.yml (`lisensi`, berisi name, title "
        "dan path). Contoh:\n- name: CC-BY-4.0",
        "Write an SPDX id from the licence register (e.g. CC-BY-4.0, CC0-1.0, ODbL-1.0; see the metadata "
        "guide, section Daftar lisensi), or define a portal licence in portal.yml (`lisensi`, with name, title "
        "and path). For example:\n- name: CC-BY-4.0",
    ),
    "url-missing": Message(
        E,
        "portal.yml belum memuat `url`, alamat publik portal: tanpa alamat itu peta situs, API, umpan Atom "
        "dan katalog DCAT tidak punya tautan mutlak.",
        "portal.yml has no `url`, the portal's public address: without it the sitemap, API, Atom feed and "
        "DCAT catalogue have no absolute links.",
        "Untuk pratinjau di komputer sendiri pakai sebar serve atau sebar build --pratinjau. Untuk terbit, "
        "tambahkan satu baris di portal.yml, mis.:\nurl: https://satudata.kotaanda.go.id/",
        "For a preview on your own computer use sebar serve or sebar build --pratinjau. To publish, add one "
        "line to portal.yml, e.g.:\nurl: https://satudata.kotaanda.go.id/",
    ),
    # --- messages that teach: YAML mistakes, misspelt keys, unused files, future periods (issue 9) ---
    "pesan-yaml-tab": Message(
        E,
        "Baris {line} memakai karakter tab; YAML hanya menerima spasi untuk indentasi.",
        "Line {line} uses a tab character; YAML accepts only spaces for indentation.",
        "Ganti tab dengan spasi ({spaces} spasi di depan); tulis baris {line} menjadi:\n{fixed}",
        "Replace the tab with spaces ({spaces} at the start); write line {line} as:\n{fixed}",
    ),
    "pesan-yaml-titik-dua": Message(
        E,
        "Nilai di baris {line} memuat titik dua (:) tanpa tanda kutip, sehingga YAML membacanya sebagai kunci baru.",
        "The value on line {line} holds a colon (:) without quotes, so YAML reads it as a new key.",
        "Beri tanda kutip ganda di sekeliling nilainya; tulis baris {line} menjadi:\n{fixed}",
        "Put double quotes around the value; write line {line} as:\n{fixed}",
    ),
    "pesan-yaml-indentasi": Message(
        E,
        "Baris {line} menjorok {actual} spasi, tidak sejajar dengan baris di atasnya; YAML membaca letak "
        "sebuah kunci dari jumlah spasi di depannya.",
        "Line {line} is indented {actual} spaces, out of line with the lines above; YAML reads where a key "
        "belongs from the spaces before it.",
        "Tulis baris {line} dengan {spaces} spasi di depan:\n{fixed}",
        "Write line {line} with {spaces} spaces at the start:\n{fixed}",
    ),
    "pesan-yaml-kutip": Message(
        E,
        "Baris {line} membuka tanda kutip atau kurung yang tidak ditutup, sehingga baris-baris sesudahnya "
        "terbaca sebagai bagian dari nilainya.",
        "Line {line} opens a quote or bracket it does not close, so the lines after it are read as part of its value.",
        "Tutup dengan {mark} di akhir baris; tulis baris {line} menjadi:\n{fixed}",
        "Close it with {mark} at the end of the line; write line {line} as:\n{fixed}",
    ),
    "pesan-yaml-backtick": Message(
        E,
        "Nilai di baris {line} diawali tanda ` (backtick), yang tidak boleh ada di YAML; tanda itu sering "
        "ikut tersalin dari pesan atau dokumen.",
        "The value on line {line} starts with a ` (backtick), which YAML does not allow; it is often copied "
        "along from a message or a document.",
        "Hapus tanda ` dan pakai tanda kutip ganda; tulis baris {line} menjadi:\n{fixed}",
        "Remove the ` and use double quotes; write line {line} as:\n{fixed}",
    ),
    "pesan-kunci-salah-eja": Message(
        E,
        "Kunci `{name}`{where} tidak dikenal dan kunci wajib `{close}` belum ada: tampaknya salah eja. "
        "Maksud Anda `{close}`?",
        "Key `{name}`{where_en} is unknown and the required key `{close}` is missing: it looks misspelt. "
        "Did you mean `{close}`?",
        "Perbaiki ejaan kuncinya; tulis baris itu menjadi:\n{fixed}",
        "Correct the key's spelling; write the line as:\n{fixed}",
    ),
    "pesan-periode-masa-depan": Message(
        E,
        '`satudata.periode: "{periode}"` berakhir pada {tahun}, sesudah tahun ini ({sekarang}): data dari '
        "masa depan belum ada.",
        '`satudata.periode: "{periode}"` ends in {tahun}, after this year ({sekarang}): data from the future '
        "does not exist yet.",
        "Tulis tahun data yang sebenarnya (paling lambat {sekarang}), di antara tanda kutip, mis.:\n"
        'periode: "{sekarang}"',
        'Write the years the data really covers (at the latest {sekarang}), in quotes, e.g.:\nperiode: "{sekarang}"',
    ),
    "pesan-file-tak-terpakai": Message(
        W,
        "File `{path}` ada di folder dataset, tetapi tidak dipakai tabel mana pun (`resources[].path` "
        "menyebut {used}).",
        "File `{path}` is in the dataset folder but no table uses it (`resources[].path` names {used}).",
        "Bila tidak dipakai, hapus file itu. Bila ini file data Anda (maksud Anda path: {path}?), tulis "
        "di tabel `{name}`:\npath: {path}",
        "If it is not needed, delete it. If it is your data file (did you mean path: {path}?), write in "
        "table `{name}`:\npath: {path}",
    ),
    "susun-templat-rusak": Message(
        E,
        "Templat XLSX dataset tidak dapat dibaca: {detail}",
        "The dataset's XLSX template cannot be read: {detail}",
        "Unduh templat baru (Bantuan > templat-dataset.xlsx atau `sebar template`), salin isian Anda ke "
        "sheet metadata, kolom dan data, lalu simpan sebagai .xlsx.",
        "Download a new template (Bantuan > templat-dataset.xlsx or `sebar template`), copy your entries into "
        "the metadata, kolom and data sheets, then save as .xlsx.",
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
