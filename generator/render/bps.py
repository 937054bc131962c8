"""BPS statistical metadata (Peraturan BPS 5/2020) as published: ms-indikator.json, keys as on the MS-Ind form."""

from __future__ import annotations

import json
from typing import Any

from generator.config import Portal
from generator.model import Dataset

FILE = "ms-indikator.json"  # next to datapackage.json in the dataset's folder
# the values of our keys as BPS's forms write them
CARA_PENGUMPULAN = {
    "pencacahan-lengkap": "Pencacahan Lengkap",
    "survei": "Survei",
    "kompilasi-produk-administrasi": "Kompilasi Produk Administrasi",
    "cara-lain": "Cara Lain Sesuai dengan Perkembangan TI",
}
LEVEL_ESTIMASI = {
    "nasional": "Nasional",
    "provinsi": "Provinsi",
    "kabupaten/kota": "Kabupaten/Kota",
    "kecamatan": "Kecamatan",
    "desa/kelurahan": "Desa/Kelurahan",
}


def ms_indikator(portal: Portal, dataset: Dataset) -> dict[str, Any] | None:
    """The dataset's indicator as the MS-Ind form lays it out (None without `satudata.indikator`):
    the activity that produced it first, then one indicator; empty entries are left out."""
    meta = dataset.spec.satudata
    indikator, kegiatan = meta.indikator, meta.kegiatan
    if indikator is None:
        return None
    titles = {f.name: f.title for r in dataset.spec.resources for f in r.schema_.fields}
    entries: dict[str, Any] = {
        "Jenis Metadata": "Metadata Statistik Indikator (MS-Ind)",
        "Nama Kegiatan": kegiatan.judul_kegiatan if kegiatan else indikator.kegiatan_penghasil,
        "Kode Kegiatan": kegiatan.kode_kegiatan if kegiatan else None,
        "Penyelenggara": kegiatan.penyelenggara if kegiatan else None,
        "Produsen Data": portal.producer_name(dataset.produsen),
        "Nama Indikator": indikator.nama or dataset.spec.title,
        "Konsep": indikator.konsep,
        "Definisi": indikator.definisi,
        "Interpretasi": indikator.interpretasi,
        "Metode/Rumus Perhitungan": indikator.metode_perhitungan,
        "Ukuran": indikator.ukuran,
        "Satuan": indikator.satuan,
        "Klasifikasi Penyajian": indikator.klasifikasi_penyajian,
        "Apakah Indikator Komposit": indikator.komposit,
        "Publikasi Ketersediaan Indikator Pembangun": indikator.publikasi_ketersediaan,
        "Nama Indikator Pembangun": indikator.indikator_pembangun,
        "Kegiatan Penghasil Variabel Pembangun": indikator.kegiatan_penghasil,
        "Nama Variabel Pembangun": [
            {"Kolom": name, "Nama Variabel": titles.get(name, name)} for name in indikator.variabel_pembangun
        ],
        "Level Estimasi": LEVEL_ESTIMASI[indikator.level_estimasi] if indikator.level_estimasi else None,
        "Apakah Indikator Dapat Diakses Umum": dataset.public,
        "Referensi": indikator.referensi,
        "Periode": meta.periode,
        "Frekuensi": meta.frekuensi,
    }
    if kegiatan is not None:
        entries["Cara Pengumpulan Data"] = CARA_PENGUMPULAN[kegiatan.cara_pengumpulan]
    return {key: value for key, value in entries.items() if value not in (None, [])}


def ms_indikator_json(portal: Portal, dataset: Dataset) -> bytes | None:
    found = ms_indikator(portal, dataset)
    return None if found is None else (json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
