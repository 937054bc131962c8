"""Files -> model: find datasets, read YAML, read CSV/XLSX into text tables. No judging here."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook

from generator.config import Dialect
from generator.errors import DatasetError
from generator.model import Table

DELIMITERS = (",", ";", "\t")
SAMPLE_LINES = 50


def discover(root: Path) -> list[Path]:
    """Every datasets/<produsen>/<dataset>/datapackage.yaml, in a stable order."""
    return sorted((root / "datasets").glob("*/*/datapackage.yaml"))


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"baris {mark.line + 1}, kolom {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DatasetError(path, f"{where}YAML tidak sah ({problem})") from error
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(path, f"file tidak dapat dibaca ({error})") from error


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), else Windows-1252/Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4000]
    if head and head.count(0) > len(head) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"  # decodes any byte


def detect_delimiter(text: str) -> str:
    """The candidate that splits the first lines into the most consistent number of columns."""
    lines = [line for line in text.splitlines()[:SAMPLE_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(1, 0))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_rows(path: Path, dialect: Dialect) -> tuple[list[list[str]], str, str]:
    data = path.read_bytes()
    encoding = dialect.encoding or detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise DatasetError(path, f"tidak dapat dibaca sebagai {encoding} ({error})") from error
    text = text.removeprefix("\ufeff")
    delimiter = dialect.delimiter or detect_delimiter(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows, encoding, delimiter


def cell_text(value: Any) -> str:
    """An XLSX cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def read_xlsx_rows(path: Path, dialect: Dialect) -> list[list[str]]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken file
        raise DatasetError(path, f"bukan file XLSX yang sah ({error})") from error
    try:
        if dialect.sheet and dialect.sheet not in book.sheetnames:
            names = ", ".join(book.sheetnames)
            raise DatasetError(path, f"sheet '{dialect.sheet}' tidak ada (yang ada: {names})")
        sheet = book[dialect.sheet] if dialect.sheet else book.worksheets[0]
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    for row in rows:  # read-only sheets pad every row to the widest one
        while row and row[-1] == "":
            row.pop()
    return rows


def read_table(path: Path, dialect: Dialect) -> Table:
    """Read a CSV or XLSX file into header + text rows, following the resource's dialect."""
    if not path.is_file():
        raise DatasetError(path, "file tidak ditemukan")
    encoding = delimiter = None
    if path.suffix.lower() == ".xlsx":
        rows = read_xlsx_rows(path, dialect)
    elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
        rows, encoding, delimiter = read_csv_rows(path, dialect)
    else:
        raise DatasetError(path, f"format '{path.suffix}' tidak didukung (gunakan CSV atau XLSX)")
    last_header = max(dialect.headerRows)
    if last_header > len(rows):
        raise DatasetError(path, f"baris judul {last_header} tidak ada (file berisi {len(rows)} baris)")
    width = max(len(rows[i - 1]) for i in dialect.headerRows)
    header = []
    for column in range(width):
        parts = [rows[i - 1][column].strip() for i in dialect.headerRows if column < len(rows[i - 1])]
        header.append(dialect.headerJoin.join(part for part in parts if part))
    if encoding is None:  # a spreadsheet has no missing cells, only empty ones
        rows = [row + [""] * (width - len(row)) for row in rows]
    while len(rows) > last_header and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # blank lines after the data (formatted but empty spreadsheet rows, `;;;` lines)
    skipped = set(dialect.commentRows)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if n > last_header and n not in skipped]
    return Table(
        header=header,
        header_row=last_header,
        rows=[row for _, row in numbered],
        line_numbers=[n for n, _ in numbered],
        encoding=encoding,
        delimiter=delimiter,
    )


def last_commit_time(root: Path) -> int | None:
    """Unix time of the last commit, or None outside Git."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    try:
        return Repo(root, search_parent_directories=True).head.commit.committed_date
    except (InvalidGitRepositoryError, NoSuchPathError, ValueError):
        return None  # no repository, or one without commits yet


def git_history(root: Path, folders: list[Path]) -> dict[Path, tuple[str, str]]:
    """The last commit (sha, ISO date) touching each dataset folder, from one `git log` walk."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    from git.exc import GitCommandError

    try:
        repo = Repo(root, search_parent_directories=True)
        if repo.working_tree_dir is None or not folders:
            return {}
        top = Path(repo.working_tree_dir).resolve()
        datasets = (root.resolve() / "datasets").relative_to(top).as_posix()
        log = repo.git.log("--format=@%H %cI", "--name-only", "--", datasets)
    except (InvalidGitRepositoryError, NoSuchPathError, GitCommandError, ValueError):
        return {}
    # a changed file's first parts name its dataset folder: <datasets>/<produsen>/<dataset>/...
    depth = len(Path(datasets).parts) + 2
    wanted = {(root.resolve() / f).relative_to(top).as_posix(): f for f in folders}
    found: dict[Path, tuple[str, str]] = {}
    commit = ("", "")
    for line in log.splitlines():
        if line.startswith("@"):
            sha, date = line[1:].split(" ", 1)
            commit = (sha, date)
        elif line:
            folder = wanted.get("/".join(line.split("/")[:depth]))
            if folder is not None and folder not in found:
                found[folder] = commit
    return found
