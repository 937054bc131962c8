"""The in-memory model the pipeline passes between stages: typed and immutable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import DatasetSpec, ResourceSpec

FIRST_ROWS = 25  # rows of a table rendered into its page (Resource.head); the rest load on demand


@dataclass(frozen=True)
class Table:
    """A table as read from its file: header and rows of text cells, before any judging."""

    header: list[str]
    header_row: int  # the file's row number (1-based) of the (last) header row
    rows: list[list[str]]
    line_numbers: list[int]  # the file's row number (1-based) of each data row
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None


@dataclass(frozen=True)
class Wilayah:
    """One region of the official list (generator/referensi): its Kemendagri code and name."""

    kode: str  # dotted Kemendagri code: 32.73.05
    jenis: str  # Provinsi, Kabupaten, Kota, Kecamatan, Desa, Kelurahan
    nama: str  # without its jenis: Andir

    @property
    def tingkat(self) -> str:
        return ("provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan")[self.kode.count(".")]  # as config.Tingkat

    @property
    def nama_resmi(self) -> str:
        return f"{self.jenis} {self.nama}"


@dataclass(frozen=True)
class KodeKolom:
    """The region codes found in a column that declares `kode`, for the dataset page's glossary."""

    field: str
    sistem: str  # kemendagri | bps
    codes: tuple[tuple[str, Wilayah], ...]  # (code as in the data, its region), by Kemendagri code
    unchecked: int = 0  # distinct codes outside the shipped lists

    @property
    def translated(self) -> bool:
        """Whether a code in the data is written otherwise than its Kemendagri code (BPS, undotted)."""
        return any(code != wilayah.kode for code, wilayah in self.codes)


@dataclass(frozen=True)
class Resource:
    """A checked table: its row count and first rows; the rows themselves are in the downloads."""

    spec: ResourceSpec
    rows: int = 0
    head: tuple[dict[str, Any], ...] = ()  # the first FIRST_ROWS typed records, for the page
    formats: tuple[str, ...] = ("csv", "xlsx", "json", "parquet")  # the downloads written
    kode: tuple[KodeKolom, ...] = ()  # region codes of the columns that declare `kode`


@dataclass(frozen=True)
class Dataset:
    spec: DatasetSpec
    folder: Path  # relative to the portal root: datasets/<produsen>/<name>
    resources: tuple[Resource, ...]
    updated: str | None = None  # ISO date of the last commit touching the folder
    commit: str | None = None
    files: Path | None = None  # the folder holding its downloads (written by check, or from the cache)

    @property
    def slug(self) -> str:
        return self.spec.name

    @property
    def produsen(self) -> str:
        return self.spec.satudata.produsen

    @property
    def public(self) -> bool:
        return self.spec.satudata.klasifikasi == "terbuka"

    @property
    def url(self) -> str:
        """Path of the dataset page inside the site, without a leading slash."""
        return f"dataset/{self.produsen}/{self.slug}/"
