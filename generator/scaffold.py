"""`sebar new dataset`: a dataset folder with its data file and the metadata it implies, for the operator to fill."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator import load
from generator.config import SLUG
from generator.errors import ConfigError
from generator.infer import infer_resource
from generator.validate.metadata import check_portal

HEADER = """\
# Metadata dataset — ganti setiap isian "[ISI: ...]" dengan isian yang sebenarnya, lalu jalankan `sebar check`.
# Nama kolom, tipe, pemisah dan baris judul dibaca dari file data; periksa juga judul kolom (`title`).
# Panduan lengkap: halaman Bantuan > Panduan metadata di portal.
"""
TINGKAT = "provinsi, kabupaten/kota, kecamatan atau desa/kelurahan"


def template(
    nama: str,
    produsen: str,
    topik: list[str],
    resource: dict[str, Any] | None = None,
    found: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The metadata of a new dataset: what the data file says (`infer.infer_resource`), and a placeholder
    (metadata.PLACEHOLDER, refused by `sebar check`) for everything only the operator can decide."""
    found = found or {}
    if resource is None:
        field = {
            "name": "[ISI: judul kolom pertama, persis seperti di file]",
            "type": "string",
            "title": "[ISI: judul kolom untuk pembaca]",
            "description": "[ISI: arti kolom]",
        }
        resource = {
            "name": "data",
            "path": "[ISI: nama file data di folder ini, mis. data.csv]",
            "title": "[ISI: judul tabel]",
            "schema": {"fields": [field]},
        }
    return {
        "name": nama,
        "title": resource["title"] if not str(resource["title"]).startswith("[ISI") else "[ISI: judul dataset]",
        "description": "[ISI: uraian singkat: apa isi data, satuannya, wilayah dan tahunnya]",
        "licenses": [{"name": "[ISI: kode lisensi, mis. CC-BY-4.0 atau CC0-1.0]"}],
        "keywords": ["[ISI: kata kunci, mis. penduduk]"],
        "resources": [resource],
        "satudata": {
            "produsen": produsen,
            "klasifikasi": "[ISI: terbuka, terbatas atau dikecualikan]",
            "frekuensi": "[ISI: mis. tahunan, semesteran, bulanan atau tidak-tetap]",
            "periode": found.get("periode", "[ISI: tahun data, mis. 2020 atau 2013-2020]"),
            "topik": f"[ISI: salah satu dari {', '.join(topik)}]",
            "cakupan": found.get(
                "cakupan",
                {
                    "tingkat": f"[ISI: nasional, {TINGKAT}]",
                    "kode": "[ISI: kode wilayah Kemendagri, mis. 32.73]",
                    "nama": "[ISI: nama wilayah, mis. Kota Bandung]",
                },
            ),
            "sumber": {"nama": "[ISI: asal data: instansi, kegiatan atau publikasi]"},
            "kontak": {"nama": "[ISI: unit yang dapat dihubungi publik]"},
        },
    }


def to_yaml(meta: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=110)


def new_dataset(
    root: Path, produsen: str, nama: str, branch: bool = True, data: Path | None = None
) -> tuple[Path, str | None, list[str]]:
    """Create the dataset folder (with the operator's data file and the metadata it implies); in a Git
    repository, on a new draft branch from the default branch. Returns the folder, the branch and warnings."""
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
    resource = found = None
    if data is not None:
        if not data.is_file():
            raise ConfigError(f"file data {data} tidak ditemukan")
        resource, found = infer_resource(data, portal.batas)  # before any branch or folder: a bad file changes nothing
    name, warnings = draft_branch(root, f"draf/{produsen}/{nama}") if branch else (None, [])
    folder.mkdir(parents=True)
    if data is not None:
        shutil.copyfile(data, folder / data.name)
    meta = template(nama, produsen, list(portal.topik), resource, found)
    (folder / "datapackage.yaml").write_text(to_yaml(meta), encoding="utf-8")
    return folder.relative_to(root), name, warnings


def default_branch(repo: Any) -> str | None:
    """The branch drafts start from: origin/HEAD, else main or master, whichever exists."""
    from git.exc import GitCommandError

    try:
        return str(repo.git.symbolic_ref("--short", "refs/remotes/origin/HEAD"))
    except GitCommandError:
        pass
    names = [head.name for head in repo.heads]
    return next((n for n in ("main", "master") if n in names), None)


def draft_branch(root: Path, name: str) -> tuple[str | None, list[str]]:
    """Switch to a new branch for the draft (SOP step 1), from the default branch, never from another
    draft; warns of uncommitted changes, which Git carries along. (None, []) outside a Git repository."""
    from git import InvalidGitRepositoryError, Repo
    from git.exc import GitCommandError

    try:
        repo = Repo(root, search_parent_directories=True)
    except InvalidGitRepositoryError:
        return None, []
    if name in [head.name for head in repo.heads]:
        raise ConfigError(f"cabang {name} sudah ada; lanjutkan di cabang itu (git switch {name})")
    warnings = []
    current = None if repo.head.is_detached else repo.active_branch.name
    base = default_branch(repo)
    if current and current.startswith("draf/"):
        warnings.append(
            f"Anda sedang di cabang draf lain ({current}); dataset baru dibuat di cabang sendiri "
            f"dari {base or 'HEAD'}, jadi draf {current} tidak ikut. Kembali ke sana dengan `git switch {current}`."
        )
    if repo.is_dirty(untracked_files=True):
        changed = sorted({line[3:] for line in repo.git.status("--porcelain").splitlines()})
        warnings.append(
            "Ada perubahan yang belum di-commit ("
            + ", ".join(changed[:5])
            + (", ..." if len(changed) > 5 else "")
            + "): perubahan itu ikut pindah ke cabang baru dan akan ikut terkirim bila di-commit di sana. "
            "Commit di cabangnya sendiri, atau simpan dulu dengan `git stash`."
        )
    try:
        repo.git.switch("-c", name, *([base] if base else []))
    except GitCommandError as error:
        raise ConfigError(f"cabang {name} tidak dapat dibuat: {error.stderr.strip()}") from error
    return name, warnings
