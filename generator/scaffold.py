"""`sebar new dataset`: a dataset folder with a metadata template for the operator to fill."""

from __future__ import annotations

import re
from pathlib import Path

from generator import load
from generator.config import SLUG, Portal
from generator.errors import ConfigError

TEMPLATE = """\
# Metadata dataset — lengkapi setiap isian bertanda ISI, lalu jalankan `sebar check`.
# Panduan lengkap: halaman Bantuan > Panduan metadata di portal.
name: {nama}
title: ISI judul dataset
description: ISI uraian singkat isi dataset, satuan dan cakupannya.
licenses:
  - name: CC-BY-4.0
    title: Creative Commons Atribusi 4.0
    path: https://creativecommons.org/licenses/by/4.0/deed.id
keywords: []
satudata:
  produsen: {produsen}
  klasifikasi: terbatas   # ganti ke `terbuka` bila data boleh dipublikasikan
  frekuensi: tahunan
  periode: "{tahun}"
  topik: {topik}
  cakupan:
    tingkat: kabupaten/kota
    kode: "ISI kode Kemendagri, mis. 32.73"
    nama: ISI nama wilayah
  sumber:
    nama: ISI asal data
  kontak:
    nama: ISI unit yang dapat dihubungi
resources:
  - name: data
    path: data.csv
    title: ISI judul tabel
    schema:
      fields:
        - name: tahun
          type: year
          title: Tahun
          description: Tahun data.
"""


def new_dataset(root: Path, produsen: str, nama: str) -> Path:
    portal = Portal.model_validate(load.read_yaml(root / "portal.yml"))
    if portal.producer(produsen) is None:
        known = ", ".join(p.kode for p in portal.produsen)
        raise ConfigError(f"produsen '{produsen}' tidak ada di portal.yml (yang ada: {known})")
    if not re.match(SLUG, nama):
        raise ConfigError(f"nama '{nama}' tidak sah: gunakan huruf kecil, angka dan tanda hubung")
    folder = root / "datasets" / produsen / nama
    if folder.exists():
        raise ConfigError(f"{folder} sudah ada")
    folder.mkdir(parents=True)
    topik = next(iter(portal.topik))
    (folder / "datapackage.yaml").write_text(
        TEMPLATE.format(nama=nama, produsen=produsen, topik=topik, tahun=2025), encoding="utf-8"
    )
    (folder / "data.csv").write_text("tahun\n", encoding="utf-8")
    return folder.relative_to(root)
