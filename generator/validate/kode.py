"""Region code columns: values checked against the shipped official lists (`kode` on a field), and
code columns typed as numbers (their leading zeros are lost)."""

from __future__ import annotations

import re
from typing import Any

from generator.config import FieldSpec, ResourceSpec
from generator.model import KodeKolom, Wilayah
from generator.referensi import lookup
from generator.validate.report import Issue

CODE_NAME = re.compile(r"(?:^|_)kode(?:_|$)", re.IGNORECASE)  # kode_kabupaten, bps_kode_kecamatan
PER_FIELD = 50  # issues of one column at most: a wholly wrong column says enough with these
SHOWN = 5  # unchecked codes named in the warning
EXAMPLE = {
    "kemendagri": {
        "provinsi": "32",
        "kabupaten/kota": "32.73",
        "kecamatan": "32.73.05",
        "desa/kelurahan": "32.73.05.1001",
    },
    "bps": {"provinsi": "32", "kabupaten/kota": "3273", "kecamatan": "3273180", "desa/kelurahan": "3578020001"},
}
SISTEM = {  # how a message names a code list (id, en)
    "kemendagri": ("Kemendagri", "Kemendagri"),
    "bps": ("BPS (lewat padanan BPS–Kemendagri)", "BPS (through the BPS–Kemendagri crosswalk)"),
}


class KodeScan:
    """Each distinct value of a `kode` column is looked up once, when every row has been seen."""

    def __init__(self, spec: ResourceSpec, dataset: str, file: str) -> None:
        self.dataset, self.file = dataset, file
        fields = spec.schema_.fields
        self.columns = [(i, f) for i, f in enumerate(fields) if f.kode is not None]
        self.seen: dict[int, dict[str, list[int]]] = {i: {} for i, _ in self.columns}  # value -> [first row, rows]
        self.typed = [
            Issue("kode-bertipe-angka", dataset, file, column=f.name, params={"field": f.name, "type": f.type})
            for f in fields
            if f.type in ("integer", "number") and (f.kode is not None or CODE_NAME.search(f.name))
        ]
        self.found: tuple[KodeKolom, ...] = ()

    def scan(self, values: list[list[Any]], lines: list[int]) -> None:
        for i, field in self.columns:
            seen, skip = self.seen[i], set(field.kode.kecuali) if field.kode else set()
            for value, row in zip(values[i], lines, strict=True):
                text = "" if value is None else str(value).strip()
                if not text or text in skip:
                    continue
                entry = seen.get(text)
                if entry is None:
                    seen[text] = [row, 1]
                else:
                    entry[1] += 1

    def issues(self) -> list[Issue]:
        """The issues of every column (the codes found go to `self.found`); called at the end."""
        issues, found = list(self.typed), []
        for i, field in self.columns:
            problems, kolom = self.column(i, field)
            issues += problems
            found.append(kolom)
        self.found = tuple(found)
        return issues

    def column(self, i: int, field: FieldSpec) -> tuple[list[Issue], KodeKolom]:
        assert field.kode is not None
        sistem, tingkat = field.kode.sistem, field.kode.tingkat
        known: list[tuple[str, Wilayah]] = []
        unchecked: list[tuple[int, str]] = []
        problems: list[Issue] = []

        def add(slug: str, row: int, **params: Any) -> None:
            problems.append(Issue(slug, self.dataset, self.file, row, field.name, {"field": field.name, **params}))

        for text, (row, count) in sorted(self.seen[i].items(), key=lambda item: item[1][0]):
            result = lookup(text, sistem)
            also = {"also": "", "also_en": ""}
            if count > 1:
                also = {"also": f" (dan {count - 1} baris lain)", "also_en": f" (and {count - 1} more rows)"}
            if tingkat and result.tingkat and result.tingkat != tingkat:
                example = EXAMPLE[sistem][tingkat]
                add(
                    "kode-tingkat-salah", row, cell=text, found=result.tingkat, tingkat=tingkat, example=example, **also
                )
            elif result.status == "tidak-dikenal":
                label, example = SISTEM[sistem], EXAMPLE[sistem][tingkat or "kecamatan"]
                add("kode-tidak-dikenal", row, cell=text, sistem=label[0], sistem_en=label[1], example=example, **also)
            elif result.status == "tidak-diperiksa":
                unchecked.append((row, text))
            elif result.wilayah is not None:
                known.append((text, result.wilayah))
        problems = problems[:PER_FIELD]
        if unchecked:
            codes = ", ".join(f"`{code}`" for _, code in unchecked[:SHOWN]) + ("…" if len(unchecked) > SHOWN else "")
            add("kode-tidak-diperiksa", unchecked[0][0], count=len(unchecked), codes=codes)
        known.sort(key=lambda pair: (pair[1].kode, pair[0]))
        return problems, KodeKolom(field.name, sistem, tuple(known), len(unchecked))
