"""The official region code lists Sebar ships (Kemendagri codes and names, the BPS crosswalk), read once."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from generator.model import Wilayah

FOLDER = Path(__file__).resolve().parent
DOTTED = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
# an undotted Kemendagri code: 2 (province), 4 (regency/city), 6 (district) or 10 digits (village)
UNDOTTED = re.compile(r"^(\d{2})(\d{2})?(\d{2})?(\d{4})?$")
TINGKAT = ("provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan")  # by the number of dotted parts
# the number of digits of a BPS code at each level: 32, 3273, 3273180, 3273180001
BPS_DIGITS = {2: "provinsi", 4: "kabupaten/kota", 7: "kecamatan", 10: "desa/kelurahan"}
Status = Literal["dikenal", "tidak-dikenal", "tidak-diperiksa"]


def normalise(code: Any) -> str | None:
    """A Kemendagri region code dotted (`32.01`), as the lists and boundary files key it, or None when it is not one.

    BPS and Kemendagri codes agree at province and regency/city level (BPS `3201` = `32.01`); below
    that they differ (BPS district `3273180` is Kemendagri `32.73.05`), so a 7-digit code is not a code here.
    """
    text = str(code).strip() if code is not None else ""
    if DOTTED.match(text):
        return text
    found = UNDOTTED.match(text)
    if not found or len(text) not in (2, 4, 6, 10):
        return None
    return ".".join(part for part in found.groups() if part)


@functools.cache
def kemendagri() -> dict[str, Wilayah]:
    """Every shipped region by its dotted Kemendagri code."""
    with (FOLDER / "kemendagri.csv").open(encoding="utf-8", newline="") as file:
        return {row["kode"]: Wilayah(row["kode"], row["jenis"], row["nama"]) for row in csv.DictReader(file)}


@functools.cache
def bps() -> dict[str, str]:
    """BPS code -> Kemendagri code, where they differ (district and village); the first pair of a code wins."""
    found: dict[str, str] = {}
    with (FOLDER / "bps-kemendagri.tsv").open(encoding="utf-8") as file:
        next(file)
        for line in file:
            code, _, target = line.rstrip("\n").partition("\t")
            found.setdefault(code, target)
    return found


def complete(parent: str) -> bool:
    """Whether every child of `parent` is in the list: all of East Java, West Java's regencies and
    cities, Kota Bandung's districts (see README.md). Provinces are not all there."""
    return parent.split(".")[0] == "35" or parent in ("32", "32.73")


@dataclass(frozen=True)
class Lookup:
    status: Status
    tingkat: str | None  # the level the code's shape says, even when it cannot be checked
    wilayah: Wilayah | None = None


def kemendagri_lookup(code: str | None) -> Lookup:
    """A (normalised, dotted) Kemendagri code: known, unknown where its parent's list is complete, or unchecked."""
    if code is None:
        return Lookup("tidak-dikenal", None)
    regions, parts = kemendagri(), code.split(".")
    tingkat = TINGKAT[len(parts) - 1]
    for n in range(1, len(parts) + 1):  # 32.99.01: its regency 32.99 is already unknown
        if ".".join(parts[:n]) not in regions:
            return Lookup("tidak-dikenal" if complete(".".join(parts[: n - 1])) else "tidak-diperiksa", tingkat)
    return Lookup("dikenal", tingkat, regions[code])


def lookup(value: str, sistem: str) -> Lookup:
    """A code as written in the data, in the declared system (`kemendagri` or `bps`)."""
    text = value.strip()
    if sistem == "kemendagri":
        return kemendagri_lookup(normalise(text))
    tingkat = BPS_DIGITS.get(len(text)) if text.isascii() and text.isdigit() else None
    if tingkat is None:
        return Lookup("tidak-dikenal", None)
    if text in bps():
        return kemendagri_lookup(bps()[text])
    if len(text) in (2, 4):  # BPS and Kemendagri agree at province and regency/city level
        return kemendagri_lookup(normalise(text))
    parent = lookup(text[: 4 if len(text) == 7 else 7], "bps")  # district -> its regency, village -> its district
    if parent.status != "dikenal" or parent.wilayah is None:
        return Lookup(parent.status, tingkat)
    return Lookup("tidak-dikenal" if complete(parent.wilayah.kode) else "tidak-diperiksa", tingkat)
