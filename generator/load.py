"""Files -> model: find datasets, read YAML, read CSV/XLSX into text tables. No judging here."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from generator import sheets
from generator.config import Batas, Dialect
from generator.errors import DatasetError
from generator.limits import FileProblem, check_row, over_limit
from generator.model import Table

DELIMITERS = (",", ";", "\t")
SAMPLE_LINES = 50
DEFAULT_LIMITS = Batas()
# `key: "text` or `key: [a, b` left open on its line: the parser trips over it only lines later
UNCLOSED = re.compile(r"""^[^#"':]*:[ \t]+(?:(["'])(?:(?!\1).)*|\[[^\]]*|\{[^}]*)$""")


def discover(root: Path) -> list[Path]:
    """Every datasets/<produsen>/<dataset>/datapackage.yaml, or the filled XLSX template of a folder without
    one (generator/templat.py), in a stable order."""
    from generator.templat import template_in

    found = sorted((root / "datasets").glob("*/*/datapackage.yaml"))
    folders = {path.parent for path in found}
    for folder in sorted({p.parent for p in (root / "datasets").glob("*/*/*.xlsx")} - folders):
        template = template_in(folder)
        if template is not None:
            found.append(template)
    return sorted(found)


FILE_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO (pipa bernama)"), (stat.S_ISSOCK, "soket"))


def file_kind(mode: int) -> str:
    return next((name for test, name in FILE_KINDS if test(mode)), "file perangkat")


def read_regular(path: Path, limits: Batas) -> bytes:
    """The bytes of a regular file of bounded size: a FIFO or device would block or never end."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as error:
        raise DatasetError(path, "file tidak ditemukan") from error
    except OSError as error:
        raise DatasetError(path, f"file tidak dapat dibuka ({error.strerror})") from error
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise DatasetError(path, f"ini sebuah {file_kind(mode)}, bukan file biasa")
    limit = limits.ukuran_file_mb * 1024 * 1024
    with os.fdopen(fd, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise over_limit(
            path, "ukuran_file_mb", limits.ukuran_file_mb, f"file lebih besar dari {limits.ukuran_file_mb} MB"
        )
    return data


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, first: int, second: int) -> None:
        super().__init__(f"key {key!r} on lines {first} and {second}")
        self.key, self.first, self.second = key, first, second


class StrictLoader(yaml.SafeLoader):
    """The safe loader, refusing a key written twice in one mapping (the second would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *defaults` is meant to be overridden
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
                seen[key] = key_node.start_mark.line + 1
            except TypeError:
                continue  # an unhashable key: the safe loader reports it
        return super().construct_mapping(node, deep)


def yaml_size(node: yaml.Node, limit: int, path: object) -> int:
    """The number of nodes with every alias expanded (a "billion laughs" file is tiny until expanded)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(item: yaml.Node) -> int:
        if id(item) in sizes:
            return sizes[id(item)]
        if id(item) in open_nodes:
            line = item.start_mark.line + 1
            raise DatasetError(path, f"baris {line}: alias merujuk ke dirinya sendiri (alias rekursif)")
        open_nodes.add(id(item))
        children: list[yaml.Node] = []
        if isinstance(item, yaml.SequenceNode):
            children = item.value
        elif isinstance(item, yaml.MappingNode):
            children = [part for pair in item.value for part in pair]
        total = 1 + sum(size(child) for child in children)
        open_nodes.discard(id(item))
        if total > limit:
            raise over_limit(
                path,
                "node_yaml",
                limit,
                f"baris {item.start_mark.line + 1}: YAML lebih dari {limit} node setelah alias diuraikan",
            )
        sizes[id(item)] = total
        return total

    return size(node)


def yaml_error(path: object, text: str, error: yaml.YAMLError) -> DatasetError:
    """The problem in plain Indonesian at the line where it starts (an unclosed quote or bracket is found
    only lines later), with the corrected line when the usual mistakes are recognised (yaml_mistake)."""
    if isinstance(error, DuplicateKey):
        detail = f"baris {error.second}: kunci `{error.key}` sudah ditulis di baris {error.first}"
        return FileProblem(path, "yaml-duplicate-key", detail, key=error.key, first=error.first, line=error.second)
    problem = getattr(error, "problem", None) or str(error)
    start, found = getattr(error, "context_mark", None), getattr(error, "problem_mark", None)
    context = getattr(error, "context", None)
    mistake = yaml_mistake(text, error)
    if mistake is not None:
        slug, line, params = mistake
        detail = f"baris {line}: YAML tidak sah ({MISTAKES[slug]}); tulis baris itu: {params['fixed'].strip()}"
        return FileProblem(path, slug, detail, line=line, **params)
    said = said_yaml(problem)
    if start is not None and found is not None and found.index >= len(text.rstrip()):
        # found only at the end of the file: the unclosed quote or bracket starts at the context mark
        where = f"baris {start.line + 1}, kolom {start.column + 1}"
        detail = f"{where}: YAML tidak sah ({said_yaml(context or '')}: {said} di akhir file)"
        return FileProblem(path, "yaml-error", detail, line=start.line + 1)
    if found is not None:
        detail = f"baris {found.line + 1}, kolom {found.column + 1}: YAML tidak sah ({said})"
        return FileProblem(path, "yaml-error", detail, line=found.line + 1)
    return DatasetError(path, f"YAML tidak sah ({said})")


# PyYAML's problems, said in Indonesian (quoted parts are replaced by '…' before the look-up)
YAML_PROBLEMS = {
    "found undefined alias '…'": "alias (*nama) tanpa jangkar (&nama) yang sesuai",
    "expected a single document in the stream": "file berisi lebih dari satu dokumen YAML (baris `---`)",
    "but found another document": "file berisi lebih dari satu dokumen YAML (baris `---`)",
    "found unexpected end of stream": "file berakhir sebelum teks ditutup",
    "found unhashable key": "kunci berupa daftar atau kelompok",
    "while scanning a quoted scalar": "teks bertanda kutip",
    "while parsing a flow sequence": "daftar dalam kurung [ ]",
    "while parsing a flow mapping": "kelompok dalam kurung { }",
    "expected '…' or '…', but got '…'": "daftar [ ] atau kelompok { } belum ditutup dengan benar",
    "while parsing a block mapping": "kelompok kunci",
    "while parsing a block collection": "daftar berbaris `- `",
    "while scanning a simple key": "kunci",
    "could not find expected ':'": "titik dua setelah kunci tidak ada",
    "expected <block end>, but found '…'": "teks ini tidak diharapkan di sini: periksa indentasi dan tanda kutip",
    "mapping values are not allowed here": "titik dua di tempat yang tidak diharapkan",
    "found character '…' that cannot start any token": "karakter yang tidak boleh mengawali nilai",
    "could not determine a constructor for the tag '…'": "tag YAML (!!…) tidak diizinkan",
    "found unknown escape character '…'": "garis miring terbalik (\\) tidak dikenal di dalam teks bertanda kutip ganda",
}


def said_yaml(problem: str) -> str:
    """PyYAML's words in Indonesian when known, else as they are."""
    return YAML_PROBLEMS.get(re.sub(r"'[^']*'", "'…'", problem), problem)


MISTAKES = {  # yaml_mistake's findings, in a few words (for messages that quote the reader's detail)
    "pesan-yaml-tab": "karakter tab; YAML hanya menerima spasi untuk indentasi",
    "pesan-yaml-backtick": "tanda ` tidak boleh mengawali nilai",
    "pesan-yaml-kutip": "tanda kutip atau kurung belum ditutup",
    "pesan-yaml-titik-dua": "nilai yang memuat titik dua harus diberi tanda kutip",
    "pesan-yaml-indentasi": "indentasi tidak sesuai dengan baris di atasnya",
}
KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s#'\"][^:#]*?):(?:\s+(.*))?$")  # `  - key: value`


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def expected_indent(lines: list[str], index: int, actual: int | None) -> int:
    """The indentation line `index` most likely means: one the lines above use, nearest to `actual`;
    under a `key:` that opens a block, two more than that key; under `- key: x`, the column of `key`."""
    above = [line for line in lines[:index] if line.strip() and not line.lstrip().startswith("#")]
    if not above:
        return 0
    previous = above[-1].replace("\t", "  ")
    levels = [indent_of(previous)]
    if previous.lstrip().startswith("- "):
        levels.insert(0, indent_of(previous) + 2)
    if previous.rstrip().endswith(":"):
        levels.insert(0, (levels[0] if previous.lstrip().startswith("- ") else indent_of(previous)) + 2)
    limit = levels[-1]
    for line in reversed(above):  # the parents' levels, from the nearest
        level = indent_of(line.replace("\t", "  "))
        if level < limit:
            levels.append(level)
            limit = level
    if actual is None:  # a tab: its width is unknown, the most likely level is the first
        return levels[0]
    return min(levels, key=lambda level: abs(level - actual))  # the first of equals: the nearest level


def quoted(value: str) -> str:
    """A value as a double-quoted YAML string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yaml_mistake(text: str, error: yaml.YAMLError) -> tuple[str, int, dict[str, Any]] | None:
    """A usual mistake recognised: (slug, line, params with `text`, the line as written, and `fixed`,
    the line corrected); None for any other problem."""
    found = getattr(error, "problem_mark", None)
    if found is None:
        return None
    lines = text.split("\n")
    problem = getattr(error, "problem", None) or ""
    index = min(found.line, len(lines) - 1)
    line = lines[index]
    if problem.startswith("found character '\\t'") or "\t" in line[: indent_of(line) + 1]:
        body = line.lstrip(" \t").replace("\t", " ")
        spaces = expected_indent(lines, index, None if line[:1] == "\t" else indent_of(line))
        return "pesan-yaml-tab", index + 1, {"text": line, "fixed": " " * spaces + body, "spaces": spaces}
    if problem.startswith("found character '`'"):
        match = KEY_LINE.match(line)
        if match and match.group(3):
            value = match.group(3).strip().strip("`")
            fixed = f"{match.group(1)}{match.group(2)}: {quoted(value)}"
            return "pesan-yaml-backtick", index + 1, {"text": line, "fixed": fixed}
    for n, above in enumerate(lines[: index + 1]):  # a quote or bracket left open on its line
        if UNCLOSED.match(above.rstrip()):
            stripped = above.rstrip()
            value = stripped.split(":", 1)[1].strip()
            closing = {"[": "]", "{": "}"}.get(value[0], value[0])
            return "pesan-yaml-kutip", n + 1, {"text": above, "fixed": stripped + closing, "mark": closing}
    match = KEY_LINE.match(line)
    if problem == "mapping values are not allowed here" and match and match.group(3):
        value = match.group(3).strip()
        if ": " in value or value.endswith(":"):  # `judul: Data: 2020`: the value holds a colon
            fixed = f"{match.group(1)}{match.group(2)}: {quoted(value)}"
            return "pesan-yaml-titik-dua", index + 1, {"text": line, "fixed": fixed}
    if problem == "mapping values are not allowed here" or problem.startswith(
        "expected <block end>, but found '<block"
    ):
        actual = indent_of(line)
        spaces = expected_indent(lines, index, actual)
        if spaces != actual:
            params = {"text": line, "fixed": " " * spaces + line.lstrip(" "), "spaces": spaces, "actual": actual}
            return "pesan-yaml-indentasi", index + 1, params
    return None


def read_yaml(path: Path, limits: Batas = DEFAULT_LIMITS) -> Any:
    """One YAML document, read safely: no duplicate keys, no recursive or exploding aliases."""
    data = read_regular(path, limits)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DatasetError(path, f"bukan teks UTF-8 (byte ke-{error.start + 1}); simpan ulang sebagai UTF-8") from error
    return parse_yaml(text, path, limits)


def parse_yaml(text: str, path: object, limits: Batas = DEFAULT_LIMITS) -> Any:
    """YAML text read as read_yaml does (front matter, mkdocs.yml); errors name `path` and the line."""
    try:
        loader = StrictLoader(text)
    except yaml.reader.ReaderError as error:  # a control character: refused before parsing
        line = text.count("\n", 0, error.position) + 1
        raise DatasetError(path, f"baris {line}: karakter kendali #x{error.character:04x} tidak boleh ada") from error
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        yaml_size(node, limits.node_yaml, path)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        raise yaml_error(path, text, error) from error
    except RecursionError as error:
        raise DatasetError(path, "YAML bersarang terlalu dalam") from error
    finally:
        loader.dispose()


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line of every key and list item of a YAML text, by its path (`("resources", 0, "path")`),
    for reports to name the line of a value; {} for a text that does not parse."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[tuple[str | int, ...], int] = {}
    seen: set[int] = set()  # an alias is walked once: it can neither loop nor explode

    def walk(item: yaml.Node, path: tuple[str | int, ...]) -> None:
        if id(item) in seen:
            return
        seen.add(id(item))
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault((*path, key.value), key.start_mark.line + 1)
                    walk(value, (*path, key.value))
        elif isinstance(item, yaml.SequenceNode):
            for n, value in enumerate(item.value):
                lines.setdefault((*path, n), value.start_mark.line + 1)
                walk(value, (*path, n))

    if node is not None:
        walk(node, ())
    return lines


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
    lines = [line for line in text[:65536].splitlines()[:SAMPLE_LINES] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]), default=(1, 0))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


CHUNK_ROWS = 50_000  # data rows handed to the checks at a time: memory is bounded by this, not the file
BLOCK = 1 << 20


def open_regular(path: Path, limits: Batas) -> IO[bytes]:
    """A regular file of bounded size, opened for streaming: a FIFO or device would block or never end."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as error:
        raise DatasetError(path, "file tidak ditemukan") from error
    except OSError as error:
        raise DatasetError(path, f"file tidak dapat dibuka ({error.strerror})") from error
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise DatasetError(path, f"ini sebuah {file_kind(info.st_mode)}, bukan file biasa")
    if info.st_size > limits.ukuran_file_mb * 1024 * 1024:
        os.close(fd)
        raise over_limit(
            path, "ukuran_file_mb", limits.ukuran_file_mb, f"file lebih besar dari {limits.ukuran_file_mb} MB"
        )
    return os.fdopen(fd, "rb")


def blocks(file: IO[bytes], path: Path, limits: Batas) -> Iterator[bytes]:
    """The file's bytes in blocks, refusing a file that grew past the size limit while being read."""
    limit, total = limits.ukuran_file_mb * 1024 * 1024, 0
    while block := file.read(BLOCK):
        total += len(block)
        if total > limit:
            raise over_limit(
                path, "ukuran_file_mb", limits.ukuran_file_mb, f"file lebih besar dari {limits.ukuran_file_mb} MB"
            )
        yield block


def decodes(path: Path, encoding: str, limits: Batas) -> bool:
    """Whether the whole file decodes as `encoding`, read block by block."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with open_regular(path, limits) as file:
        try:
            for block in blocks(file, path, limits):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def stream_encoding(path: Path, limits: Batas) -> str:
    """detect_encoding without holding the file: the first block decides BOMs and UTF-16, a pass decides UTF-8."""
    with open_regular(path, limits) as file:
        head = file.read(4000)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head and head.count(0) > len(head) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    return next((e for e in ("utf-8", "cp1252") if decodes(path, e, limits)), "latin-1")


def csv_lines(path: Path, dialect: Dialect, limits: Batas) -> tuple[Iterator[str], str, str]:
    """The file's lines as text (line ends kept), its encoding and its delimiter, read as a stream."""
    encoding = dialect.encoding or stream_encoding(path, limits)
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise DatasetError(path, f"tidak dapat dibaca sebagai {encoding} ({error})") from error
    if dialect.encoding and not decodes(path, encoding, limits):
        raise DatasetError(path, f"tidak dapat dibaca sebagai {encoding} (ada byte yang bukan {encoding})")
    file = open_regular(path, limits)
    text = io.TextIOWrapper(io.BufferedReader(_Raw(file, path, limits), BLOCK), encoding=encoding, newline="")
    try:
        head = text.read(65536)
        head += text.readline()
    except UnicodeDecodeError as error:  # a BOM promises an encoding the bytes after it do not keep
        text.close()
        raise DatasetError(path, f"tidak dapat dibaca sebagai {encoding} ({error})") from error
    head = head.removeprefix("\ufeff")
    delimiter = dialect.delimiter or detect_delimiter(head)

    def lines() -> Iterator[str]:
        with text:
            yield from io.StringIO(head, newline="")
            yield from text

    return lines(), encoding, delimiter


class _Raw(io.RawIOBase):
    """The file as a raw stream that stops at the size limit (TextIOWrapper reads through it)."""

    def __init__(self, file: IO[bytes], path: Path, limits: Batas) -> None:
        self.file, self.path, self.limits = file, path, limits
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.file.read(len(buffer))
        self.total += len(data)
        if self.total > self.limits.ukuran_file_mb * 1024 * 1024:
            raise over_limit(
                self.path,
                "ukuran_file_mb",
                self.limits.ukuran_file_mb,
                f"file lebih besar dari {self.limits.ukuran_file_mb} MB",
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.file.close()
        super().close()


def csv_rows(path: Path, lines: Iterator[str], delimiter: str, limits: Batas) -> Iterator[list[str]]:
    """The CSV records of `lines`, each checked against the limits as it is read."""
    # no cell is longer than the file: cells are measured below, naming their column
    csv.field_size_limit(max(path.stat().st_size + 1, 131072))
    reader = csv.reader(lines, delimiter=delimiter)
    count = cells = 0
    try:
        for row in reader:
            if count >= limits.baris:
                raise over_limit(path, "baris", limits.baris, f"file berisi lebih dari {limits.baris} baris")
            count += 1
            cells += len(row)
            if cells > limits.sel or len(row) > limits.kolom or max(map(len, row), default=0) > limits.panjang_sel:
                check_row(path, row, count, cells, limits)  # says which limit; not called for a row within them
            yield row
    except csv.Error as error:
        if "field larger" in str(error):
            raise over_limit(
                path,
                "panjang_sel",
                limits.panjang_sel,
                f"baris {count + 1}: sel lebih dari {limits.panjang_sel} karakter (tanda kutip tidak ditutup?)",
            ) from error
        raise DatasetError(path, f"baris {count + 1}: CSV tidak sah ({error})") from error
    except UnicodeDecodeError as error:
        raise DatasetError(path, f"baris {count + 1}: tidak dapat dibaca ({error})") from error


def read_csv_rows(path: Path, dialect: Dialect, limits: Batas = DEFAULT_LIMITS) -> tuple[list[list[str]], str, str]:
    lines, encoding, delimiter = csv_lines(path, dialect, limits)
    return list(csv_rows(path, lines, delimiter, limits)), encoding, delimiter


@dataclass
class TableStream:
    """A table being read: its header now, its data rows in chunks of at most CHUNK_ROWS, read once."""

    header: list[str]
    header_row: int  # the file's row number (1-based) of the (last) header row
    chunks: Iterator[tuple[list[list[str]], list[int]]]  # (rows of text cells, their file row numbers)
    encoding: str | None = None  # None for a spreadsheet
    delimiter: str | None = None
    lines: int = 0  # the file's line count: no fewer than its rows (a cell can hold line ends)


def count_lines(path: Path, limits: Batas) -> int:
    with open_regular(path, limits) as file:
        return sum(block.count(b"\n") for block in blocks(file, path, limits)) + 1


def open_table(path: Path, dialect: Dialect, limits: Batas = DEFAULT_LIMITS, size: int = CHUNK_ROWS) -> TableStream:
    """Open a CSV or spreadsheet file as a stream of text rows, following the resource's dialect."""
    encoding = delimiter = None
    if path.suffix.lower() in (".xlsx", ".xls"):
        whole = sheets.read_sheet_rows(path, read_regular(path, limits), dialect, limits)
        count = len(whole)
        rows: Iterator[list[str]] = iter(whole)
        del whole
    elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
        lines, encoding, delimiter = csv_lines(path, dialect, limits)
        rows = csv_rows(path, lines, delimiter, limits)
        count = count_lines(path, limits)
    else:
        raise DatasetError(path, f"format '{path.suffix}' tidak didukung (gunakan CSV, XLSX atau XLS)")
    last_header = max(dialect.headerRows)
    top = list(itertools.islice(rows, last_header))
    if last_header > len(top):
        raise DatasetError(path, f"baris judul {last_header} tidak ada (file berisi {len(top)} baris)")
    width = max(len(top[i - 1]) for i in dialect.headerRows)
    header = []
    for column in range(width):
        parts = [top[i - 1][column].strip() for i in dialect.headerRows if column < len(top[i - 1])]
        header.append(dialect.headerJoin.join(part for part in parts if part))
    pad = encoding is None  # a spreadsheet has no missing cells, only empty ones
    skipped = set(dialect.commentRows)

    def chunks() -> Iterator[tuple[list[list[str]], list[int]]]:
        batch: list[list[str]] = []
        numbers: list[int] = []
        sent = False
        blank: list[tuple[int, list[str]]] = []  # blank rows held back: dropped if nothing follows them
        for n, row in enumerate(rows, start=last_header + 1):
            if pad and len(row) < width:
                row = row + [""] * (width - len(row))
            if not (row and row[0].strip()) and not "".join(row).strip():  # the first cell decides most rows
                blank.append((n, row))
                continue
            if blank:
                for number, held in blank:
                    if number not in skipped:
                        batch.append(held)
                        numbers.append(number)
                blank.clear()
            if n not in skipped:
                batch.append(row)
                numbers.append(n)
            if len(batch) >= size:
                yield batch, numbers
                batch, numbers, sent = [], [], True
        if batch or not sent:
            yield batch, numbers

    return TableStream(header, last_header, chunks(), encoding, delimiter, count)


def read_table(path: Path, dialect: Dialect, limits: Batas = DEFAULT_LIMITS) -> Table:
    """Read a whole CSV or spreadsheet file into header + text rows (small tables and tests)."""
    stream = open_table(path, dialect, limits)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for batch, lines in stream.chunks:
        rows += batch
        numbers += lines
    return Table(stream.header, stream.header_row, rows, numbers, stream.encoding, stream.delimiter)


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
