"""The in-memory model the pipeline passes between stages: typed and immutable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import DatasetSpec, ResourceSpec

FIRST_ROWS = 25  # typed rows a Resource keeps for its page; the rest load on demand from the downloads


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
class Resource:
    spec: ResourceSpec
    rows: int  # the table's row count
    head: tuple[dict[str, Any], ...] = ()  # the first rows (FIRST_ROWS), typed, for the page


@dataclass(frozen=True)
class Dataset:
    spec: DatasetSpec
    folder: Path  # relative to the portal root: datasets/<produsen>/<name>
    resources: tuple[Resource, ...]
    updated: str | None = None  # ISO date of the last commit touching the folder
    commit: str | None = None
    files: Path | None = None  # the folder holding its downloads (written by check_dataset, or from the cache)

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
