"""The keys of a declared view (`satudata.tampilan`, ```grafik), headline figure (```angka) and table (```tabel)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, field_validator

# config.py imports this module (SatuData.tampilan): nothing here may import generator.config

Jenis = Literal["batang", "batang-bertumpuk", "batang-mendatar", "garis", "area", "pai", "donat", "sebar", "peta"]
JENIS: tuple[str, ...] = Jenis.__args__  # type: ignore[attr-defined]
Agregasi = Literal["jumlah", "rata-rata", "min", "maks", "banyak"]
Scalar = str | int | float | bool
NAME_LENGTH = 200


def _columns(value: Any) -> str | list[str]:
    # one plain check, not pydantic's union: a wrong `y` gives one message, not one per member type
    if isinstance(value, str) and 0 < len(value) <= NAME_LENGTH:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and 0 < len(v) <= NAME_LENGTH for v in value):
        return value
    raise ValueError("harus nama kolom atau daftar nama kolom, mis. `jumlah` atau `[laki_laki, perempuan]`")


def _filters(value: Any) -> dict[str, Scalar | list[Scalar]]:
    def scalar(v: Any) -> bool:
        return isinstance(v, (str, int, float, bool))

    if not isinstance(value, dict):
        raise ValueError("harus berupa kelompok kolom: nilai, mis. `{tahun: 2020}`")
    for key, item in value.items():
        if not isinstance(key, str) or not (
            scalar(item) or (isinstance(item, list) and item and all(map(scalar, item)))
        ):
            raise ValueError(
                f"penyaring `{key}` harus satu nilai atau daftar nilai, mis. `{{tahun: 2020}}` atau "
                "`{jenis_kelamin: [LAKI-LAKI, PEREMPUAN]}`"
            )
    return value


Saring = Annotated[dict[str, Scalar | list[Scalar]], PlainValidator(_filters)]
Kolomkolom = Annotated[str | list[str], PlainValidator(_columns)]
Teks = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH)]
Kolom = Annotated[str, Field(min_length=1, max_length=NAME_LENGTH)]  # a field name of the table schema
DATASET = r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"  # produsen/nama


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class View(Strict):
    """A chart or map of one table: what to draw, of which fields, filtered and aggregated how."""

    jenis: Jenis = Field(description="Jenis grafik: batang, garis, peta, ...")
    judul: Teks | None = Field(default=None, description="Judul grafik; bila kosong disusun dari judul kolom.")
    x: Kolom | None = Field(
        default=None,
        description="Kolom sumbu kategori atau waktu; untuk `peta` kolom kode wilayah. Kosong: kolom `y` "
        "(mis. kolom per tahun) menjadi sumbu.",
    )
    y: Kolomkolom = Field(description="Kolom ukuran (satu nama atau daftar nama).")
    seri: Kolom | None = Field(default=None, description="Kolom yang nilainya menjadi seri (warna) tersendiri.")
    saring: Saring = Field(default={}, description="Penyaring: kolom -> nilai atau daftar nilai, mis. {tahun: 2020}.")
    agregasi: Agregasi = Field(default="jumlah", description="Cara menggabungkan baris dengan x (dan seri) sama.")
    satuan: Teks | None = Field(default=None, description="Satuan; bila kosong dari `unit` kolom y.")
    catatan: Annotated[str, Field(max_length=1000)] | None = Field(default=None, description="Catatan di bawah grafik.")
    urut: Literal["naik", "turun"] | None = Field(default=None, description="Urutan batang menurut nilai.")
    teratas: int | None = Field(
        default=None, ge=1, le=100, description="Hanya N nilai x terbesar (setelah agregasi), mis. `teratas: 5`."
    )
    batas: Teks | None = Field(default=None, description="Nama file batas wilayah untuk `peta` (tanpa .geojson).")
    sumber: Kolom | None = Field(default=None, description="Nama sumber daya (tabel); bawaan tabel pertama.")
    dataset: str | None = Field(default=None, pattern=DATASET, description="`produsen/nama`, hanya di halaman konten.")

    @field_validator("jenis", mode="before")
    @classmethod
    def _known_kind(cls, value: Any) -> Any:
        if value not in JENIS:
            raise ValueError(f"jenis grafik `{value}` tidak dikenal; pilih salah satu: {', '.join(JENIS)}")
        return value

    @property
    def measures(self) -> list[str]:
        return [self.y] if isinstance(self.y, str) else list(self.y)


class Angka(Strict):
    """A headline figure: a measure's value in the latest period, and its change against the previous one."""

    dataset: str | None = Field(default=None, pattern=DATASET, description="`produsen/nama` dataset.")
    y: Kolom = Field(description="Kolom ukuran.")
    agregasi: Agregasi = Field(default="jumlah", description="Cara menggabungkan baris periode yang sama.")
    saring: Saring = Field(default={}, description="Penyaring: kolom -> nilai atau daftar nilai.")
    label: Teks | None = Field(default=None, description="Keterangan angka; bila kosong judul kolom y.")
    satuan: Teks | None = Field(default=None, description="Satuan; bila kosong dari `unit` kolom y.")
    x: Kolom | None = Field(default=None, description="Kolom waktu; bila kosong kolom tahun/tanggal pertama.")
    banding: bool = Field(default=False, description="Tampilkan perubahan terhadap periode sebelumnya.")
    sumber: Kolom | None = Field(default=None, description="Nama sumber daya (tabel); bawaan tabel pertama.")


class Pivot(Strict):
    baris: Kolom = Field(description="Kolom yang nilainya menjadi baris.")
    kolom: Kolom = Field(description="Kolom yang nilainya menjadi kolom.")
    nilai: Kolom = Field(description="Kolom ukuran di sel.")
    agregasi: Agregasi = Field(default="jumlah", description="Cara menggabungkan baris yang jatuh di sel sama.")


class Tabel(Strict):
    """A table of a dataset in a content page: chosen columns, filtered, or pivoted."""

    dataset: str = Field(pattern=DATASET, description="`produsen/nama` dataset.")
    kolom: list[Kolom] | None = Field(default=None, description="Kolom yang ditampilkan; bawaan semua.")
    saring: Saring = Field(default={}, description="Penyaring: kolom -> nilai atau daftar nilai.")
    judul: Teks | None = Field(default=None, description="Judul tabel.")
    pivot: Pivot | None = Field(default=None, description="Tabel silang: baris, kolom, nilai.")
    sumber: Kolom | None = Field(default=None, description="Nama sumber daya (tabel); bawaan tabel pertama.")


Block = View | Angka | Tabel
BLOCKS: dict[str, type[View] | type[Angka] | type[Tabel]] = {"grafik": View, "angka": Angka, "tabel": Tabel}
