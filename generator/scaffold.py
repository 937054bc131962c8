"""`sebar new dataset`: a dataset folder with a metadata template for the operator to fill."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator import load
from generator.config import SLUG
from generator.errors import ConfigError
from generator.validate.metadata import check_portal

# Every value the operator must replace holds metadata.PLACEHOLDER: `sebar check` refuses it until replaced.
TEMPLATE = """\
# Metadata dataset — ganti setiap isian "[ISI: ...]", lalu jalankan `sebar check`.
# Panduan lengkap: halaman Bantuan > Panduan metadata di portal.
name: {nama}
title: "[ISI: judul dataset]"
description: "[ISI: uraian singkat isi dataset, satuan dan cakupannya]"
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
    kode: "[ISI: kode Kemendagri, mis. 32.73]"
    nama: "[ISI: nama wilayah]"
  sumber:
    nama: "[ISI: asal data]"
  kontak:
    nama: "[ISI: unit yang dapat dihubungi]"
resources:
  - name: data
    path: data.csv
    title: "[ISI: judul tabel]"
    schema:
      fields:
        - name: tahun
          type: year
          title: Tahun
          description: Tahun data.
"""


def new_dataset(root: Path, produsen: str, nama: str, branch: bool = True) -> tuple[Path, str | None]:
    """Create the dataset folder from the template; in a Git repository, on a new draft branch."""
    portal, problems = check_portal(load.read_yaml(root / "portal.yml"))
    if portal is None:
        raise ConfigError("portal.yml tidak sah: " + "; ".join(p.message() for p in problems))
    if portal.producer(produsen) is None:
        known = ", ".join(p.kode for p in portal.produsen)
        raise ConfigError(f"produsen '{produsen}' tidak ada di portal.yml (yang ada: {known})")
    if not re.match(SLUG, nama):
        raise ConfigError(f"nama '{nama}' tidak sah: gunakan huruf kecil, angka dan tanda hubung")
    folder = root / "datasets" / produsen / nama
    if folder.exists():
        raise ConfigError(f"{folder} sudah ada")
    name = f"draf/{produsen}/{nama}" if branch else None
    if name:
        name = draft_branch(root, name)
    folder.mkdir(parents=True)
    topik = next(iter(portal.topik))
    text = TEMPLATE.format(nama=nama, produsen=produsen, topik=topik, tahun=dt.date.today().year)
    (folder / "datapackage.yaml").write_text(text, encoding="utf-8")
    (folder / "data.csv").write_text("tahun\n", encoding="utf-8")
    return folder.relative_to(root), name


def draft_branch(root: Path, name: str) -> str | None:
    """Switch to a new branch for the draft (SOP step 1); None outside a Git repository."""
    from git import InvalidGitRepositoryError, Repo
    from git.exc import GitCommandError

    try:
        repo = Repo(root, search_parent_directories=True)
    except InvalidGitRepositoryError:
        return None
    if name in [head.name for head in repo.heads]:
        raise ConfigError(f"cabang {name} sudah ada; lanjutkan di cabang itu (git switch {name})")
    try:
        repo.git.switch("-c", name)
    except GitCommandError as error:
        raise ConfigError(f"cabang {name} tidak dapat dibuat: {error.stderr.strip()}") from error
    return name
