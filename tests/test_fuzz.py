"""Property-based fuzzing of the readers: random bytes, random YAML and random spreadsheets never
raise anything but the clean issue path, and each example ends within a time and memory limit.

Deterministic (derandomize) and modest, so CI runs it in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import load
from generator.config import Batas, Dialect
from generator.errors import DatasetError
from generator.limits import bounded
from generator.validate import check
from tests.helpers import DATA, ROOT

FUZZ = settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# every example: at most 10 s and 512 MB more than the test process already holds
GUARD = Batas(memori_mb=512, waktu_detik=10)
META = (DATA / "invalid" / "b-path-absolute" / "datapackage.yaml").read_text()
META = META.replace("b-path-absolute", "kasus").replace("/etc/passwd", "data.xlsx")

# bytes that reach past the first sniffing step of each reader
PREFIXES = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<table><tr><td>", b"\xef\xbb\xbf", b"\xff\xfe"]
random_bytes = st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=2048))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("fuzz") / "portal"
    (root / "datasets" / "dinkes" / "kasus").mkdir(parents=True)
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    yield root


def only_clean_errors(read, *args) -> None:  # type: ignore[no-untyped-def]
    with bounded(GUARD):
        try:
            read(*args)
        except DatasetError:
            pass  # the clean path: check turns it into an issue


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xls"])
@FUZZ
@given(data=random_bytes, dialect=st.sampled_from([Dialect(), Dialect(headerRows=[2, 3], commentRows=[4])]))
def test_fuzz_read_table_random_bytes_only_clean_errors(root, suffix, data, dialect):
    path = root / f"acak{suffix}"
    path.write_bytes(data)
    only_clean_errors(load.read_table, path, dialect)


@FUZZ
@given(data=random_bytes)
def test_fuzz_read_yaml_random_bytes_only_clean_errors(root, data):
    path = root / "acak.yaml"
    path.write_bytes(data)
    only_clean_errors(load.read_yaml, path)


yaml_text = st.lists(
    st.sampled_from(
        ["a:", " b: ", "- ", "&x ", "*x", "[", "]", "{", "}", ",", '"', "'", "\n", "\t", "<<: ", "!!", "#", "1"]
    ),
    max_size=60,
).map("".join)


@FUZZ
@given(text=yaml_text)
def test_fuzz_read_yaml_random_yaml_tokens_only_clean_errors(root, text):
    path = root / "token.yaml"
    path.write_text(text)
    only_clean_errors(load.read_yaml, path)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=20))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
known = st.sampled_from(["name", "resources", "dialect", "headerRows", "schema", "fields", "satudata", "path", "batas"])


@FUZZ
@given(replacement=documents, key=known)
def test_fuzz_check_random_metadata_gives_a_report(root, replacement, key):
    """A valid datapackage.yaml with one part replaced by a random YAML value: check reports, never throws."""
    raw = yaml.safe_load(META)
    raw["resources"][0]["dialect" if key == "headerRows" else key] = replacement
    if key in ("name", "satudata"):
        raw[key] = replacement
    folder = root / "datasets" / "dinkes" / "kasus"
    (folder / "datapackage.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True))
    with bounded(GUARD):
        _, _, report = check(root)
    assert all(issue.message() and issue.fix() for issue in report.issues)


cells = st.one_of(
    st.none(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
    st.sampled_from(["=1+1", "=A1", "#DIV/0!", "1.234,5", ""]),
)


@FUZZ
@given(rows=st.lists(st.lists(cells, max_size=4), max_size=8), header=st.sampled_from([[1], [2], [1, 2]]))
def test_fuzz_check_random_spreadsheet_gives_a_report(root, rows, header):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["tahun", "jumlah"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    folder = root / "datasets" / "dinkes" / "kasus"
    (folder / "data.xlsx").write_bytes(buffer.getvalue())
    (folder / "datapackage.yaml").write_text(
        META.replace("    schema:\n", f"    dialect: {{headerRows: {header}}}\n    schema:\n")
    )
    with bounded(GUARD):
        _, _, report = check(root)
    assert all(issue.message() and issue.fix() for issue in report.issues)


@FUZZ
@given(replacement=documents, key=st.sampled_from(["nama", "produsen", "topik", "batas", "walidata"]))
def test_fuzz_check_random_portal_yml_gives_a_report(tmp_path_factory, replacement, key):
    root = tmp_path_factory.mktemp("portal")
    raw = yaml.safe_load((DATA / "portal.yml").read_text())
    raw[key] = replacement
    (root / "portal.yml").write_text(yaml.safe_dump(raw, allow_unicode=True))
    with bounded(GUARD):
        _, _, report = check(root)
    assert all(issue.message() and issue.fix() for issue in report.issues)
