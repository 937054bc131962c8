"""Personal data in a public table: NIK, NIP, phone numbers, e-mail addresses. Counts, never values."""

from __future__ import annotations

import re

from generator.config import ResourceSpec
from generator.model import Table
from generator.validate.report import Issue

# Province codes of Kemendagri (the first two digits of a NIK or a region code).
PROVINCES = "1[1-9]|2[1-9]|3[1-6]|5[1-3]|6[1-5]|7[1-6]|8[1-2]|9[1-7]"
DAY = "0[1-9]|[12][0-9]|3[01]"
FEMALE_DAY = "4[1-9]|[56][0-9]|7[01]"  # a woman's NIK adds 40 to the day of birth
MONTH = "0[1-9]|1[0-2]"
# NIK: province, regency, district, birth date DDMMYY, sequence: 16 digits, nothing around them.
NIK = re.compile(rf"(?<![\d.])(?:{PROVINCES})\d{{4}}(?:{DAY}|{FEMALE_DAY})(?:{MONTH})\d{{2}}(?!0000)\d{{4}}(?![\d.])")
# NIP of a civil servant: birth date YYYYMMDD, appointment YYYYMM, sex 1/2, sequence; often with spaces.
NIP = re.compile(
    rf"(?<![\d.])(?:19[3-9]\d|20[01]\d)(?:{MONTH})(?:{DAY})"  # born
    rf" ?(?:19[5-9]\d|20[0-3]\d)(?:{MONTH})"  # appointed
    r" ?[12] ?(?!000)\d{3}(?![\d.])"  # sex, sequence
)
# Indonesian mobile numbers: +62 8.., 62 8.. or 08.., 9 to 13 digits, with optional spaces or dashes.
PHONE = re.compile(r"(?<![\w.+])(?:\+62|62|0)[ -]?8[1-9](?:[ -]?\d){6,10}(?![\d.])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

KINDS = (  # (name, pattern, Indonesian, English)
    ("nik", NIK, "NIK", "NIK (identity numbers)"),
    ("nip", NIP, "NIP", "NIP (civil servant numbers)"),
    ("phone", PHONE, "nomor telepon", "phone numbers"),
    ("email", EMAIL, "alamat surel", "e-mail addresses"),
)


class PrivacyScan:
    """One error per column and kind of personal data found, unless the field allows it
    (`dataPribadi: {alasan: ...}`). Phone numbers are sought in text columns only: a count or an
    amount in rupiah can have the digits of a phone number, never its leading 0 or +.
    A chunk's column is searched cell by cell only when a search over its joined text finds one."""

    def __init__(self, spec: ResourceSpec, dataset: str, file: str) -> None:
        self.fields = spec.schema_.fields
        self.dataset, self.file = dataset, file
        self.kinds = {
            i: [k for k in KINDS if field.type == "string" or k[0] != "phone"]
            for i, field in enumerate(self.fields)
            if field.option("dataPribadi") is None
        }
        self.hits: dict[int, dict[str, list[int]]] = {i: {} for i in self.kinds}  # kind -> [count, first row]

    def scan(self, rows: list[list[str]], lines: list[int]) -> None:
        for i, kinds in self.kinds.items():
            column = [row[i] if i < len(row) else "" for row in rows]
            joined = "\n".join(column)  # no pattern matches across a line end
            if not any(pattern.search(joined) for _, pattern, _, _ in kinds):
                continue
            hits = self.hits[i]
            for cell, row in zip(column, lines, strict=True):
                if not cell:
                    continue
                for name, pattern, _, _ in kinds:
                    if pattern.search(cell):
                        hits.setdefault(name, [0, row])[0] += 1
                        break

    def issues(self) -> list[Issue]:
        issues = []
        for i, kinds in self.kinds.items():
            field = self.fields[i]
            for name, _, kind_id, kind_en in kinds:
                if name in self.hits[i]:
                    count, row = self.hits[i][name]
                    params = {"field": field.name, "count": count, "row": row, "kind_id": kind_id, "kind_en": kind_en}
                    issues.append(Issue("personal-data", self.dataset, self.file, row, field.name, params))
        return issues


def privacy_issues(spec: ResourceSpec, table: Table, dataset: str, file: str) -> list[Issue]:
    """The personal data of a whole table held in memory."""
    scan = PrivacyScan(spec, dataset, file)
    if table.rows:
        scan.scan(table.rows, table.line_numbers)
    return scan.issues()
