"""Declarative schemas: the portal configuration (portal.yml) and a dataset's metadata."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from generator.views.model import View

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Kemendagri region codes: 32, 32.73, 32.73.05, 32.73.05.1001
KODE_WILAYAH = r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$"
PERIODE = r"^(\d{4})(?:-(\d{4}))?$"
URL = r"^https?://[^\s<>\"']+$"  # only web links reach a page: no javascript: or data:
EMAIL = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"

Klasifikasi = Literal["terbuka", "terbatas", "dikecualikan"]
Frekuensi = Literal[
    "harian",
    "mingguan",
    "bulanan",
    "triwulanan",
    "semesteran",
    "tahunan",
    "dua-tahunan",
    "lima-tahunan",
    "sepuluh-tahunan",
    "tidak-tetap",
]
Tingkat = Literal["nasional", "provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan"]
# The number of dot-separated parts a Kemendagri code has at each level.
TINGKAT_BAGIAN = {"provinsi": 1, "kabupaten/kota": 2, "kecamatan": 3, "desa/kelurahan": 4}

# Bidi overrides and isolates reorder what a reader sees (a name that reads differently than it is
# stored); zero-width characters make two equal-looking names differ. Neither belongs in metadata.
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def visible(value: str) -> str:
    found = INVISIBLE.search(value)
    if found:
        raise ValueError(
            f"berisi karakter tak terlihat U+{ord(found.group()):04X} (pengarah teks atau lebar nol)"
            f" di posisi {found.start() + 1}; hapus karakter itu"
        )
    return value


# Every text a page prints has a limit: a 10 MB title would repeat on every listing page.
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(visible)]  # names and titles
Text = Annotated[str, Field(min_length=1, max_length=5000), AfterValidator(visible)]  # descriptions
Citation = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(visible)]  # a source as cited
Keyword = Annotated[str, Field(min_length=1, max_length=50), AfterValidator(visible)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- portal.yml -------------------------------------------------------------------------


class Person(Strict):
    nama: Name = Field(description="Nama lengkap.")
    github: Name = Field(description="Nama pengguna di forge (GitHub).")
    email: str | None = Field(default=None, pattern=EMAIL, description="Surel kedinasan (opsional).")


class Walidata(Person):
    instansi: Name | None = Field(
        default=None, description="Instansi Walidata, penerbit katalog DCAT; bila kosong: nama portal."
    )


class Lisensi(Strict):
    """A licence the portal defines for its datasets, beside the register's (generator/licenses.yaml)."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$", description="Kode lisensi, mis. other-at.")
    title: Name = Field(description="Nama lisensi yang dibaca manusia.")
    path: str = Field(
        pattern=r"^(?:https?://[^\s<>\"']+|[a-z0-9][a-z0-9_/-]*/)$",
        description="Halaman yang menjelaskan syaratnya: alamat web, atau halaman situs mis. `bantuan/lisensi/`.",
    )


class Producer(Strict):
    kode: str = Field(pattern=SLUG, description="Kode produsen data; nama folder di datasets/.")
    nama: Name = Field(description="Nama perangkat daerah / instansi.")
    operator: list[Person] = Field(min_length=1, description="Staf Operator Produsen Data.")
    pic: list[Person] = Field(min_length=1, description="PIC Produsen Data yang memeriksa.")


class Batas(Strict):
    """Limits on what one input may cost: every reader stops with a clear error beyond them."""

    ukuran_file_mb: int = Field(default=50, ge=1, description="Ukuran terbesar satu file data atau YAML (MB).")
    ukuran_terurai_mb: int = Field(default=500, ge=1, description="Ukuran terbesar isi XLSX setelah diurai (MB).")
    baris: int = Field(default=500_000, ge=1, description="Jumlah baris terbanyak satu tabel.")
    kolom: int = Field(default=1_000, ge=1, description="Jumlah kolom terbanyak satu tabel.")
    sel: int = Field(default=10_000_000, ge=1, description="Jumlah sel terbanyak satu tabel (baris x kolom).")
    panjang_sel: int = Field(default=32_767, ge=1, description="Jumlah karakter terbanyak satu sel.")
    node_yaml: int = Field(default=100_000, ge=1, description="Jumlah node terbanyak satu file YAML (alias dihitung).")
    memori_mb: int = Field(default=4_096, ge=64, description="Memori tambahan terbesar untuk `sebar check` (MB).")
    waktu_detik: int = Field(default=1_800, ge=1, description="Waktu terlama untuk `sebar check` (detik).")


Hari = Literal["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]
JAM = r"^([01]\d|2[0-3]):[0-5]\d$"


class JamKerja(Strict):
    """Working hours against which the SOP's Mutu Baku is measured (Riwayat Penyebaran)."""

    zona: str = Field(default="Asia/Jakarta", description="Zona waktu IANA, mis. Asia/Jakarta, Asia/Makassar.")
    mulai: str = Field(default="08:00", pattern=JAM, description="Jam kerja mulai (JJ:MM).")
    selesai: str = Field(default="16:00", pattern=JAM, description="Jam kerja selesai (JJ:MM).")
    hari: list[Hari] = Field(
        default=["senin", "selasa", "rabu", "kamis", "jumat"], min_length=1, description="Hari kerja."
    )

    @field_validator("zona")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"zona waktu `{value}` tidak dikenal; gunakan mis. `Asia/Jakarta`") from error
        return value

    @field_validator("selesai")
    @classmethod
    def _after_start(cls, value: str, info: Any) -> str:
        if value <= info.data.get("mulai", "00:00"):
            raise ValueError("jam selesai harus sesudah jam mulai")
        return value


class PublikasiS3(Strict):
    """An S3-compatible bucket; its keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, never from here."""

    bucket: Name = Field(description="Nama bucket.")
    prefix: str = Field(
        default="",
        pattern=r"^(?:[A-Za-z0-9._-]+/)*$",
        description="Folder di dalam bucket, diakhiri `/`; kosong = akar.",
    )
    endpoint_url: str | None = Field(default=None, pattern=URL, description="Alamat layanan S3 (kosong = AWS).")
    region: str | None = Field(default=None, description="Region bucket, mis. `ap-southeast-3`.")


class PublikasiFolder(Strict):
    path: str = Field(min_length=1, description="Folder situs di server web (relatif terhadap portal atau mutlak).")


class PublikasiCkan(Strict):
    """A CKAN portal; its API key comes from CKAN_API_KEY, never from here."""

    url: str = Field(pattern=URL, description="Alamat portal CKAN, mis. https://data.example.go.id.")
    organisasi: dict[str, str] = Field(min_length=1, description="Kode produsen -> nama organisasi di CKAN.")


class Publikasi(Strict):
    """Where `sebar publish` sends the built site (SOP step 5)."""

    target: list[Literal["pages", "s3", "folder", "ckan"]] = Field(
        default=["pages"], min_length=1, description="Tujuan yang dipakai bila `--target` tidak diberikan."
    )
    s3: PublikasiS3 | None = Field(default=None, description="Pengaturan tujuan `s3`.")
    folder: PublikasiFolder | None = Field(default=None, description="Pengaturan tujuan `folder`.")
    ckan: PublikasiCkan | None = Field(default=None, description="Pengaturan tujuan `ckan`.")


class Portal(Strict):
    nama: Name = Field(description="Nama portal, tampil di setiap halaman.")
    deskripsi: Text = Field(description="Satu kalimat tentang portal.")
    url: str | None = Field(default=None, pattern=URL, description="Alamat publik portal (untuk sitemap).")
    walidata: Walidata = Field(description="Walidata yang menyebarluaskan data.")
    produsen: list[Producer] = Field(min_length=1, description="Produsen data.")
    topik: dict[str, Name] = Field(min_length=1, description="Kode topik -> nama topik.")
    batas: Batas = Field(default=Batas(), description="Batas ukuran masukan (opsional; nilai bawaan cukup).")
    jam_kerja: JamKerja = Field(default=JamKerja(), description="Jam kerja untuk mengukur Mutu Baku SOP.")
    hari_libur: list[datetime.date] = Field(
        default=[], description="Hari libur tambahan (cuti bersama, libur daerah) di luar libur nasional."
    )
    publikasi: Publikasi = Field(default=Publikasi(), description="Tujuan penyebarluasan (`sebar publish`).")
    lisensi: list[Lisensi] = Field(default=[], description="Lisensi buatan portal, di samping daftar lisensi Sebar.")
    laporan_url: str | None = Field(
        default=None, pattern=URL, description="Halaman laporan/pertanyaan data, mis. halaman issue repositori."
    )

    @field_validator("topik")
    @classmethod
    def _topic_codes(cls, value: dict[str, str]) -> dict[str, str]:
        # a code becomes a folder and a link: `../katalog` or `javascript:` must never get that far
        for code in value:
            if not re.match(SLUG, str(code)):
                raise ValueError(
                    f"kode topik `{code}` tidak sah: gunakan huruf kecil, angka dan tanda hubung, mis. `kesehatan`"
                )
        return value

    @field_validator("produsen")
    @classmethod
    def _unique_codes(cls, value: list[Producer]) -> list[Producer]:
        codes = [p.kode for p in value]
        if len(codes) != len(set(codes)):
            raise ValueError("kode produsen harus unik")
        return value

    def producer(self, kode: str) -> Producer | None:
        return next((p for p in self.produsen if p.kode == kode), None)

    def producer_name(self, kode: str) -> str:
        producer = self.producer(kode)
        return producer.nama if producer else kode


# --- datapackage.yaml -------------------------------------------------------------------


class Cakupan(Strict):
    tingkat: Tingkat = Field(description="Tingkat wilayah yang dicakup data.")
    kode: str = Field(pattern=KODE_WILAYAH, description="Kode wilayah Kemendagri, mis. 32.73.")
    nama: Name = Field(description="Nama wilayah, mis. Kota Bandung.")


class Sumber(Strict):
    nama: Citation = Field(description="Asal data: instansi, publikasi atau portal.")
    url: str | None = Field(default=None, pattern=URL, description="Alamat sumber asli (opsional).")


class Kontak(Strict):
    nama: Name = Field(description="Nama unit atau petugas yang dapat dihubungi.")
    email: str | None = Field(default=None, pattern=EMAIL, description="Surel kontak (opsional).")


# --- BPS statistical metadata (Peraturan BPS 5/2020: MS-Kegiatan, MS-Variabel, MS-Indikator) --------
# Keys follow the labels of BPS's forms; docs: content/bantuan/metadata.md, "Metadata statistik".

# Standar Data Statistik Nasional code (Peraturan BPS 4/2021): indicator type, concept, definition,
# classification, e.g. SP00055.00.00
KODE_SDSN = r"^[A-Z]{1,2}\d{5}\.\d{2}\.\d{2}$"
CaraPengumpulan = Literal["pencacahan-lengkap", "survei", "kompilasi-produk-administrasi", "cara-lain"]
MetodePengumpulan = Literal["wawancara", "mengisi-kuesioner-sendiri", "pengamatan", "data-sekunder", "lainnya"]


class PenanggungJawab(Strict):
    unit: Name = Field(description="Unit kerja penanggung jawab kegiatan (mis. Bidang Statistik).")
    nama: Name | None = Field(default=None, description="Nama penanggung jawab teknis (opsional).")
    jabatan: Name | None = Field(default=None, description="Jabatan penanggung jawab teknis (opsional).")
    email: str | None = Field(default=None, pattern=EMAIL, description="Surel penanggung jawab (opsional).")


class Kegiatan(Strict):
    """MS-Keg: the statistical activity that produced the data."""

    judul_kegiatan: Name = Field(description="Judul kegiatan statistik, mis. Survei Sosial Ekonomi Nasional.")
    kode_kegiatan: Name | None = Field(default=None, description="Kode kegiatan statistik dari BPS (opsional).")
    tahun: int | None = Field(default=None, ge=1900, le=2100, description="Tahun kegiatan (opsional).")
    jenis_statistik: Literal["dasar", "sektoral", "khusus"] | None = Field(
        default=None, description="Jenis statistik menurut UU 16/1997: `dasar`, `sektoral` atau `khusus`."
    )
    cara_pengumpulan: CaraPengumpulan = Field(
        description="Cara pengumpulan data: `pencacahan-lengkap` (sensus), `survei`, "
        "`kompilasi-produk-administrasi` atau `cara-lain`."
    )
    metode_pengumpulan: list[MetodePengumpulan] = Field(
        default=[], description="Metode pengumpulan data, mis. `wawancara`, `data-sekunder` (opsional)."
    )
    penyelenggara: Name | None = Field(default=None, description="Instansi penyelenggara kegiatan (opsional).")
    penanggung_jawab: PenanggungJawab | None = Field(default=None, description="Penanggung jawab kegiatan.")
    tujuan: Text | None = Field(default=None, description="Tujuan kegiatan (opsional).")
    url: str | None = Field(default=None, pattern=URL, description="Alamat metadata kegiatan, mis. di Indah BPS.")


class Indikator(Strict):
    """MS-Ind: what the dataset measures, as an indicator."""

    nama: Name | None = Field(default=None, description="Nama indikator; bila kosong, judul dataset.")
    konsep: Text = Field(description="Konsep: ide yang mendasari indikator.")
    definisi: Text = Field(description="Definisi indikator.")
    interpretasi: Text | None = Field(default=None, description="Cara membaca nilai indikator (opsional).")
    metode_perhitungan: Text | None = Field(default=None, description="Metode/rumus perhitungan (opsional).")
    ukuran: Name | None = Field(default=None, description="Ukuran, mis. Jumlah, Persentase, Rata-rata, Indeks.")
    satuan: Name | None = Field(default=None, description="Satuan, mis. Orang, Persen, Rupiah/kapita/bulan.")
    klasifikasi_penyajian: list[Name] = Field(
        default=[], description="Rincian penyajian, mis. Kabupaten/Kota, Jenis Kelamin (opsional)."
    )
    komposit: bool = Field(default=False, description="`true` bila indikator disusun dari indikator lain.")
    indikator_pembangun: list[Name] = Field(
        default=[], description="Nama indikator pembangun (hanya untuk indikator komposit)."
    )
    variabel_pembangun: list[Name] = Field(default=[], description="Nama kolom dataset yang membangun indikator ini.")
    kegiatan_penghasil: Name | None = Field(
        default=None, description="Kegiatan penghasil variabel pembangun, mis. Susenas (opsional)."
    )
    publikasi_ketersediaan: Citation | None = Field(
        default=None, description="Publikasi tempat indikator pembangun tersedia (opsional)."
    )
    level_estimasi: Tingkat | None = Field(
        default=None, description="Level estimasi: wilayah terkecil yang angkanya masih dapat diandalkan."
    )
    referensi: Citation | None = Field(
        default=None, description="Rujukan konsep dan definisi, mis. publikasi atau halaman BPS (opsional)."
    )

    @model_validator(mode="after")
    def _composite_parts(self) -> Indikator:
        if self.indikator_pembangun and not self.komposit:
            raise ValueError("`indikator_pembangun` hanya untuk indikator komposit; tulis `komposit: true`")
        return self


class Variabel(Strict):
    """MS-Var: one column as a statistical variable."""

    konsep: Text | None = Field(default=None, description="Konsep variabel (opsional).")
    definisi: Text = Field(description="Definisi variabel.")
    alias: Name | None = Field(default=None, description="Nama lain variabel (opsional).")
    klasifikasi: Name | None = Field(
        default=None, description="Klasifikasi isian, mis. KBLI 2020, Kode Wilayah Kemendagri (opsional)."
    )
    referensi_waktu: Name | None = Field(default=None, description="Referensi waktu, mis. Maret 2020 (opsional).")
    aturan_validasi: Text | None = Field(default=None, description="Aturan validasi isian (opsional).")
    kalimat_pertanyaan: Text | None = Field(default=None, description="Kalimat pertanyaan di kuesioner (opsional).")
    kode_sdsn: str | None = Field(
        default=None, pattern=KODE_SDSN, description="Kode Standar Data Statistik Nasional, mis. SP00055.00.00."
    )


class SatuData(Strict):
    produsen: str = Field(description="Kode produsen data dari portal.yml.")
    klasifikasi: Klasifikasi = Field(description="Hanya `terbuka` yang tampil di portal.")
    frekuensi: Frekuensi = Field(description="Seberapa sering data diperbarui.")
    periode: str = Field(pattern=PERIODE, description="Tahun data: `2020` atau `2013-2020`.")
    topik: str = Field(description="Kode topik dari portal.yml.")
    cakupan: Cakupan = Field(description="Cakupan wilayah data.")
    sumber: Sumber = Field(description="Sumber data, dikutip di halaman dataset.")
    kontak: Kontak | None = Field(default=None, description="Kontak untuk pertanyaan data.")
    tampilan: list[View] = Field(default=[], description="Grafik dan peta dataset; yang pertama gambar utamanya.")
    indikator: Indikator | None = Field(default=None, description="Metadata statistik indikator (MS-Ind, BPS).")
    kegiatan: Kegiatan | None = Field(default=None, description="Metadata statistik kegiatan (MS-Keg, BPS).")

    @property
    def years(self) -> list[int]:
        start, end = re.match(PERIODE, self.periode).groups()  # type: ignore[union-attr]
        return list(range(int(start), int(end or start) + 1))


class License(Strict):
    name: Name = Field(description="Kode lisensi, mis. CC-BY-4.0.")
    title: Name | None = Field(default=None, description="Nama lisensi yang dibaca manusia.")
    path: str | None = Field(default=None, pattern=URL, description="Alamat teks lisensi.")


class KodeWilayah(Strict):
    """The region code list a column carries: its values are checked against the official list."""

    sistem: Literal["kemendagri", "bps"] = Field(
        description="Sistem kode: `kemendagri` (32.73.05 atau 327305) atau `bps` (3273180)."
    )
    tingkat: Literal["provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan"] | None = Field(
        default=None, description="Tingkat wilayah setiap kode; kosong = tingkat mana pun."
    )
    kecuali: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(
        default=[], max_length=100, description="Nilai yang bukan kode wilayah dan tidak diperiksa, mis. `9999`."
    )


class Tampil(Strict):
    """How the dataset page shows a column (a Table Schema extension; the downloads keep every column)."""

    sembunyi: bool | None = Field(
        default=None,
        description="`true`: kolom disembunyikan di tabel (pembaca dapat menampilkannya); `false`: selalu tampil.",
    )


class FieldSpec(BaseModel):
    """A Table Schema field; Table Schema keys we do not use pass through to frictionless."""

    model_config = ConfigDict(extra="allow", frozen=True)
    name: str = Field(min_length=1, description="Nama kolom, sama persis dengan judul kolom.")
    type: Literal["string", "integer", "number", "boolean", "date", "year"] = Field(
        default="string", description="Tipe data kolom."
    )
    title: Name = Field(description="Judul kolom untuk pembaca.")
    description: Text = Field(description="Arti kolom.")
    unit: Name | None = Field(default=None, description="Satuan, mis. jiwa, ribu rupiah.")
    kode: KodeWilayah | None = Field(default=None, description="Daftar kode wilayah yang dipakai kolom ini.")
    variabel: Variabel | None = Field(default=None, description="Metadata statistik variabel (MS-Var, BPS).")
    tampil: Tampil | None = Field(default=None, description="Cara kolom tampil di tabel halaman dataset (opsional).")

    def option(self, key: str) -> Any:
        """A Table Schema key passed through as written (decimalChar, groupChar, constraints...)."""
        return (self.model_extra or {}).get(key)


class TableSchema(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)
    fields: list[FieldSpec] = Field(min_length=1, description="Kolom-kolom tabel.")


RowNumber = Annotated[int, Field(ge=1)]


class Dialect(Strict):
    headerRows: list[RowNumber] = Field(default=[1], min_length=1, description="Baris judul (1 = baris pertama).")
    headerJoin: str = Field(default=" ", description="Penyambung judul bertingkat.")
    commentRows: list[RowNumber] = Field(default=[], description="Baris yang dilewati (catatan kaki).")
    delimiter: str | None = Field(default=None, description="Pemisah kolom CSV; otomatis bila kosong.")
    encoding: str | None = Field(default=None, description="Pengodean CSV; otomatis bila kosong.")
    sheet: str | None = Field(default=None, description="Nama sheet XLSX; sheet pertama bila kosong.")

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        if value is not None and (len(value) != 1 or value in '"\r\n'):
            raise ValueError("harus satu karakter, mis. `,` `;` atau `\\t` (bukan tanda kutip atau baris baru)")
        return value


class ResourceSpec(Strict):
    name: str = Field(pattern=SLUG, description="Nama sumber daya, dipakai untuk nama file unduhan.")
    path: str = Field(min_length=1, description="File CSV atau XLSX di folder dataset.")
    title: Name | None = Field(default=None, description="Judul tabel.")
    dialect: Dialect = Field(default=Dialect(), description="Cara membaca file.")
    schema_: TableSchema = Field(alias="schema", description="Table Schema: kolom dan tipenya.")


class DatasetSpec(Strict):
    name: str = Field(pattern=SLUG, description="Nama dataset; sama dengan nama foldernya.")
    title: Name = Field(description="Judul dataset.")
    description: Text = Field(description="Uraian isi dataset.")
    licenses: list[License] = Field(min_length=1, description="Lisensi penggunaan data.")
    keywords: list[Keyword] = Field(default=[], max_length=30, description="Kata kunci pencarian.")
    version: Name | None = Field(default=None, description="Versi dataset (opsional).")
    resources: list[ResourceSpec] = Field(min_length=1, description="Tabel data.")
    satudata: SatuData = Field(description="Metadata Satu Data Indonesia.")
