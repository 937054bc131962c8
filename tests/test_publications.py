"""Publication pages: front matter (jenis: tabel | dasbor | infografis | buku) and fenced blocks,
read from real page text; every wrong input gives its exact Indonesian message and fix."""

from __future__ import annotations

import datetime
from pathlib import Path

import markdown

from generator.config import Strict
from generator.publications.blocks import Ikon, find_blocks, replace, validate_block
from generator.publications.front import Buku, Dasbor, Infografis, Tabel, read_front
from generator.rawhtml import RawBlocksExtension

ROOT = Path(__file__).resolve().parents[1]
PRODUCERS = {"opendata-jabar", "bandung", "kemendagri"}
TOPICS = {"kemiskinan", "kependudukan", "ekonomi"}


def page(front: str, body: str = "# Isi\n") -> str:
    return f"---\n{front.strip()}\n---\n{body}"


def messages(issues) -> list[tuple[str, int | None, str, str]]:
    return [(i.slug, i.row, i.message(), i.fix()) for i in issues]


def test_front_plain_page_is_left_alone():
    assert read_front("# Bantuan\n", "content/bantuan/index.md") == (None, [])
    assert read_front(page("title: Profil\nhide: [toc]\nwarna: bebas"), "content/profil.md") == (None, [])


def test_front_valid_pages_of_each_kind():
    dasbor = page("""
jenis: dasbor
judul: Dasbor Kemiskinan Jawa Barat
deskripsi: Penduduk miskin per kabupaten/kota, 2002–2020.
produsen: opendata-jabar
topik: kemiskinan
tahun: 2026
saring: [tahun, kode_kabupaten_kota]
""")
    front, issues = read_front(dasbor, "content/dasbor/kemiskinan.md", PRODUCERS, TOPICS)
    assert issues == []
    assert isinstance(front, Dasbor) and front.saring == ["tahun", "kode_kabupaten_kota"]
    assert front.name == "Dasbor Kemiskinan Jawa Barat" and front.summary.startswith("Penduduk miskin")

    info = page("jenis: infografis\ntitle: Kemiskinan Jawa Barat 2020\ntema: hijau\ntanggal: 2026-11-26")
    front, issues = read_front(info, "content/infografis.md", PRODUCERS, TOPICS)
    assert issues == [] and isinstance(front, Infografis)
    assert (front.tema, front.ukuran, front.tanggal) == ("hijau", "1080x1350", datetime.date(2026, 11, 26))

    buku = page("""
jenis: buku
judul: Jawa Barat dalam Angka 2026
subjudul: Kependudukan dan Kemiskinan
produsen: opendata-jabar
tahun: 2026
nomor: "3200.2601"
kota: Bandung
issn: 0215-2290
pengantar: pengantar.md
bab: [bab-1.md, bab/bab-2.md]
""")
    pages = {"buku/bab-1.md", "buku/bab/bab-2.md", "buku/pengantar.md", "buku/jabar.md"}
    front, issues = read_front(buku, "content/buku/jabar.md", PRODUCERS, TOPICS, pages)
    assert issues == [] and isinstance(front, Buku)
    assert (front.nomor, front.bab, front.pengantar_file()) == (
        "3200.2601",
        ["bab-1.md", "bab/bab-2.md"],
        "pengantar.md",
    )

    front, issues = read_front(page("jenis: tabel\njudul: Tabel Penduduk"), "content/t.md")
    assert issues == [] and isinstance(front, Tabel)


def test_front_unknown_key_suggests_the_near_miss():
    text = page("jenis: dasbor\njudul: Dasbor\nsarig: [tahun]")
    assert messages(read_front(text, "content/d.md")[1]) == [
        (
            "publication-unknown-key",
            4,
            "Front matter: kunci `sarig` tidak dikenal untuk `jenis: dasbor`. Maksud Anda `saring`?",
            "Perbaiki ejaannya atau hapus kunci itu. Kunci yang dikenal: deskripsi, hide, jenis, judul, nomor, "
            "produsen, saring, tahun, tanggal, topik.",
        )
    ]


def test_front_key_of_another_kind_names_its_kind():
    text = page("jenis: infografis\njudul: Info\nbab: [bab-1.md]")
    (issue,) = read_front(text, "content/i.md")[1]
    assert (
        issue.message()
        == "Front matter: kunci `bab` tidak dikenal untuk `jenis: infografis`. Kunci itu hanya untuk `jenis: buku`."
    )


def test_front_unknown_kind_and_english_word():
    (issue,) = read_front(page("jenis: dashboard\njudul: D"), "content/d.md")[1]
    assert (issue.slug, issue.row, issue.message(), issue.fix()) == (
        "publication-kind",
        2,
        "Front matter: `jenis: dashboard` tidak dikenal. Maksud Anda `dasbor`?",
        "Tulis salah satu: tabel, dasbor, infografis, buku; atau hapus `jenis` untuk halaman biasa.",
    )


def test_front_number_read_as_a_float_asks_for_quotes():
    text = page("jenis: buku\njudul: Buku\nnomor: 3200.2601\nbab: [bab-1.md]")
    (issue,) = read_front(text, "content/buku.md")[1]
    assert (issue.slug, issue.row, issue.message(), issue.fix()) == (
        "publication-invalid",
        4,
        "Front matter: `nomor` harus berupa teks.",
        'Perbaiki nilai `nomor`: tulis dalam tanda kutip, mis. `nomor: "3200.2601"`.',
    )


def test_front_book_missing_chapters_and_wrong_files():
    (issue,) = read_front(page("jenis: buku\njudul: Buku"), "content/buku.md")[1]
    assert (issue.message(), issue.fix()) == (
        "Front matter halaman `jenis: buku` belum berisi `bab`.",
        "Tambahkan `bab`, mis. `bab: [bab-1.md, bab-2.md]`.",
    )
    (issue,) = read_front(page("jenis: buku\njudul: Buku\nbab: [../rahasia.md]"), "content/buku.md")[1]
    assert issue.message() == (
        "Front matter: `bab` `../rahasia.md` harus file .md di dalam content/, relatif ke halaman ini, mis. `bab-1.md`."
    )
    text = page("jenis: buku\njudul: Buku\nbab: [bab-1.md, bab-9.md]")
    (issue,) = read_front(text, "content/buku/jabar.md", pages={"buku/bab-1.md", "buku/jabar.md"})[1]
    assert (issue.slug, issue.row, issue.message(), issue.fix()) == (
        "publication-reference",
        4,
        "Front matter: `bab: bab-9.md` tidak ada di content/buku/.",
        "Tulis salah satu yang ada: buku/bab-1.md, buku/jabar.md.",
    )


def test_front_title_theme_producer():
    (issue,) = read_front(page("jenis: tabel\ndeskripsi: Tanpa judul"), "content/t.md")[1]
    assert issue.message() == "Front matter halaman `jenis: tabel` belum berisi `judul`."
    (issue,) = read_front(page("jenis: infografis\njudul: I\ntema: pink"), "content/i.md")[1]
    assert issue.message() == (
        "Front matter: `tema` harus salah satu dari 'biru', 'hijau', 'merah', 'ungu', 'oranye' atau 'abu'."
    )
    (issue,) = read_front(page("jenis: dasbor\njudul: D\nprodusen: dinkes"), "content/d.md", PRODUCERS, TOPICS)[1]
    assert (issue.message(), issue.fix()) == (
        "Front matter: `produsen: dinkes` tidak ada di `produsen` portal.yml.",
        "Tulis salah satu yang ada: bandung, kemendagri, opendata-jabar.",
    )


def test_front_bad_yaml_is_the_content_issue_not_an_exception():
    (issue,) = read_front("---\njenis: [dasbor\n---\n", "content/d.md")[1]
    assert issue.slug == "content-front-matter" and issue.row == 2


BLOCK_PAGE = """---
jenis: dasbor
judul: Dasbor Kemiskinan
---
# Kemiskinan Jawa Barat

```angka
dataset: opendata-jabar/penduduk-miskin
y: jumlah_penduduk_miskin
label: Penduduk miskin Jawa Barat
```

```grafik
dataset: opendata-jabar/penduduk-miskin
jenis: garis
x: tahun
y: jumlah_penduduk_miskin
```

Teks di antara blok.

```grafik
dataset: opendata-jabar/penduduk-miskin
jenis: peta
x: kode_kabupaten_kota
y: jumlah_penduduk_miskin
saring: {tahun: 2020}
```

```tabel
dataset: opendata-jabar/penduduk-jenis-kelamin
kolom: [nama_kabupaten_kota, jenis_kelamin, jumlah_penduduk]
```
"""


def test_blocks_two_charts_a_figure_and_a_table_with_lines():
    blocks, issues = find_blocks(BLOCK_PAGE, "content/dasbor.md")
    assert issues == []
    assert [(b.id, b.line, b.where) for b in blocks] == [
        ("angka-1", 7, "blok angka ke-1, baris 7"),
        ("grafik-1", 13, "blok grafik ke-1, baris 13"),
        ("grafik-2", 22, "blok grafik ke-2, baris 22"),
        ("tabel-1", 30, "blok tabel ke-1, baris 30"),
    ]
    assert blocks[2].data["saring"] == {"tahun": 2020} and blocks[2].keys["saring"] == 27
    assert blocks[3].data["kolom"] == ["nama_kabupaten_kota", "jenis_kelamin", "jumlah_penduduk"]


def test_blocks_examples_in_help_pages_are_not_blocks():
    text = """# Bantuan

Tulis blok seperti ini:

````markdown
```grafik
dataset: opendata-jabar/penduduk-miskin
jenis: garis
```
````

```yaml
grafik: bukan blok
```

~~~
```angka
y: x
```
~~~

    ```tabel
    kolom: [a]
    ```

Inline ```grafik``` juga bukan.

```grafik
dataset: bandung/supermarket-minimarket-mall
jenis: batang
```
"""
    blocks, issues = find_blocks(text, "content/bantuan/grafik.md")
    assert issues == []
    assert [(b.id, b.line) for b in blocks] == [("grafik-1", 28)]


def test_blocks_real_help_pages_hold_no_block():
    for path in sorted((ROOT / "content" / "bantuan").glob("*.md")):
        assert find_blocks(path.read_text(encoding="utf-8"), f"content/bantuan/{path.name}") == ([], [])


def test_blocks_malformed_yaml_names_page_block_and_line():
    text = BLOCK_PAGE.replace("saring: {tahun: 2020}", "saring: {tahun: 2020")
    blocks, issues = find_blocks(text, "content/dasbor.md")
    assert [b.id for b in blocks] == ["angka-1", "grafik-1", "tabel-1"]
    assert messages(issues) == [
        (
            "block-yaml",
            22,
            "Blok grafik ke-2 (baris 22) tidak dapat dibaca: baris 27: YAML tidak sah (tanda kutip atau kurung "
            "belum ditutup); tulis baris itu: saring: {tahun: 2020}",
            "Tulis isi blok sebagai pasangan `kunci: nilai` YAML, satu per baris, indentasi dengan spasi.",
        )
    ]
    assert issues[0].file == "content/dasbor.md"


def test_blocks_unclosed_empty_anchors_and_duplicates():
    _, issues = find_blocks("# A\n\n```angka\ny: x\n", "content/a.md")
    assert messages(issues) == [
        (
            "block-unclosed",
            3,
            "Blok angka ke-1 (baris 3) tidak ditutup.",
            "Tutup blok dengan baris ``` (sama dengan pembukanya) setelah isinya.",
        )
    ]
    _, issues = find_blocks("```tabel\n```\n", "content/a.md")
    assert issues[0].message() == (
        "Blok tabel ke-1 (baris 1) tidak dapat dibaca: isi blok harus berupa kelompok `kunci: nilai`, "
        "mis. `dataset: produsen/nama`"
    )
    _, issues = find_blocks("```grafik\njudul: a\njudul: b\n```\n", "content/a.md")
    assert "baris 3: kunci `judul` sudah ditulis di baris 2" in issues[0].message()
    levels = zip("abcdef", "bcdefg", strict=True)  # each level 10 aliases of the one before: 10**7 nodes
    bomb = "```grafik\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in levels
    )
    _, issues = find_blocks(bomb + "```\n", "content/a.md")
    assert "node setelah alias diuraikan" in issues[0].message()
    _, issues = find_blocks("```grafik\nx: !!python/object:os.system ls\n```\n", "content/a.md")
    assert issues[0].slug == "block-yaml"


class View(Strict):
    """A stand-in with View's shape for the keys used here (engineer A's model replaces it in phase 2)."""

    dataset: str
    jenis: str
    x: str
    y: str | list[str]
    judul: str | None = None


def test_validate_block_against_given_models():
    blocks, _ = find_blocks(BLOCK_PAGE.replace("x: tahun\n", "x: tahun\nsumbu: 2\n"), "content/d.md")
    model, issues = validate_block(blocks[1], {"grafik": View}, "content/d.md")
    assert model is None
    assert messages(issues) == [
        (
            "block-unknown-key",
            17,
            "Blok grafik ke-1 (baris 13): kunci `sumbu` tidak dikenal.",
            "Perbaiki ejaannya atau hapus kunci itu. Kunci yang dikenal: dataset, jenis, judul, x, y.",
        )
    ]
    model, issues = validate_block(blocks[2], {"grafik": View}, "content/d.md")
    assert issues[0].message() == "Blok grafik ke-2 (baris 23): kunci `saring` tidak dikenal."
    assert validate_block(blocks[0], {"grafik": View}, "content/d.md") == (None, [])  # no model given for angka


def test_validate_ikon_block():
    blocks, _ = find_blocks("```ikon\nikon: account-group\nteks: 3,9 juta penduduk miskin\n```\n", "content/i.md")
    model, issues = validate_block(blocks[0], {"ikon": Ikon}, "content/i.md")
    assert issues == [] and isinstance(model, Ikon) and model.ikon == "account-group"
    blocks, _ = find_blocks("```ikon\nikon: orang\ntek: x\n```\n", "content/i.md")
    found = messages(validate_block(blocks[0], {"ikon": Ikon}, "content/i.md")[1])
    assert [f[:2] for f in found] == [("block-missing", 1), ("block-unknown-key", 3), ("block-invalid", 2)] or [
        f[:2] for f in found
    ] == [("block-invalid", 2), ("block-missing", 1), ("block-unknown-key", 3)]
    assert any("`ikon` tidak dikenal; pilih salah satu: account-group," in f[2] for f in found)
    assert any(f[2] == "Blok ikon ke-1 (baris 1) belum berisi `teks`." for f in found)


def test_replace_puts_html_in_place_and_markdown_keeps_it_whole():
    svg = (
        '<figure class="grafik">\n<svg viewBox="0 0 10 10"><text>1.234,5 *tebal* _miring_</text></svg>\n\n'
        "<figcaption>Peta</figcaption>\n</figure>"
    )
    out = replace(BLOCK_PAGE, {"grafik-2": svg, "angka-1": '<p class="angka">4.004,9</p>'})
    assert "```grafik\ndataset: opendata-jabar/penduduk-miskin\njenis: garis" in out  # grafik-1 left as is
    assert "jenis: peta" not in out and "```angka" not in out
    assert '\n\n<div class="sebar-blok sebar-blok-grafik" id="blok-grafik-2">\n<figure class="grafik">' in out
    body = out.split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=[RawBlocksExtension(), "fenced_code"])
    assert '<svg viewBox="0 0 10 10"><text>1.234,5 *tebal* _miring_</text></svg>' in rendered  # not Markdown
    assert (
        '<div class="sebar-blok sebar-blok-angka" id="blok-angka-1">\n<p class="angka">4.004,9</p>\n</div>' in rendered
    )
    assert "<p>Teks di antara blok.</p>" in rendered
    # what replace left is still a block, under the same name
    assert [b.id for b in find_blocks(out, "content/dasbor.md")[0]] == ["grafik-1", "tabel-1"]
