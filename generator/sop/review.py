"""SOP step 2: what a pull request changes, gathered from two commits for the PIC's review report."""

from __future__ import annotations

import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator import load
from generator.config import Batas, ResourceSpec
from generator.errors import DatasetError, SebarError
from generator.limits import bounded, configured_limits
from generator.model import Table
from generator.sop.tablediff import TableDiff, diff_tables
from generator.templat import read_template, template_in
from generator.validate import check
from generator.validate.metadata import resource_path_issue
from generator.validate.report import Report
from generator.validate.table import normalise

# Files whose change can touch every page of the site.
SITE_WIDE = ("portal.yml", "mkdocs.yml")  # and templates/
STATUS = {"A": "ditambah", "M": "diubah", "D": "dihapus", "R": "diganti nama", "T": "diubah", "C": "ditambah"}
# The checklist of a dataset's metadata: (what, dotted key, required). Required keys follow the
# schema (generator/config.py), recommended ones content/bantuan/metadata.md.
KELENGKAPAN = (
    ("Judul", "title", True),
    ("Uraian", "description", True),
    ("Lisensi", "licenses.0.name", True),
    ("Produsen data", "satudata.produsen", True),
    ("Klasifikasi", "satudata.klasifikasi", True),
    ("Frekuensi pembaruan", "satudata.frekuensi", True),
    ("Periode", "satudata.periode", True),
    ("Topik", "satudata.topik", True),
    ("Cakupan wilayah", "satudata.cakupan.kode", True),
    ("Sumber", "satudata.sumber.nama", True),
    ("Kata kunci", "keywords", False),
    ("Nama lisensi yang mudah dibaca", "licenses.0.title", False),
    ("Alamat teks lisensi", "licenses.0.path", False),
    ("Alamat sumber asli", "satudata.sumber.url", False),
    ("Kontak", "satudata.kontak.nama", False),
    ("Surel kontak", "satudata.kontak.email", False),
)


class ReviewError(SebarError):
    """A revision or the repository cannot be read."""


@dataclass(frozen=True)
class Side:
    """One dataset in one commit: its metadata as written and where its files are."""

    raw: Any
    folder: Path

    @property
    def public(self) -> bool:
        satudata = self.raw.get("satudata") if isinstance(self.raw, dict) else None
        return isinstance(satudata, dict) and satudata.get("klasifikasi") == "terbuka"

    def get(self, dotted: str) -> Any:
        value = self.raw
        for part in dotted.split("."):
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return None
        return value

    def resources(self) -> dict[str, ResourceSpec]:
        found = {}
        for raw in self.get("resources") or []:
            try:
                spec = ResourceSpec.model_validate(raw)
            except ValueError:
                continue  # a malformed resource: the head's check reports it
            found[spec.name] = spec
        return found


def open_repo(root: Path) -> Any:
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo

    try:
        return Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError) as error:
        raise ReviewError(
            f"{root}: bukan repositori Git; jalankan `sebar review` di dalam repositori portal"
        ) from error


def resolve(repo: Any, ref: str, option: str) -> str:
    from git.exc import BadName, GitCommandError

    try:
        return str(repo.commit(ref).hexsha)
    except (BadName, GitCommandError, ValueError) as error:
        raise ReviewError(
            f"{option} {ref}: revisi tidak ditemukan di repositori {repo.working_dir}. Tulis nama cabang, tag "
            "atau commit yang ada (mis. `origin/main`); di CI ambil riwayat lengkap (`fetch-depth: 0`)"
        ) from error


def materialise(repo: Any, sha: str, dest: Path) -> None:
    """The commit's files in `dest`, without touching the working tree (git archive)."""

    def safe(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
        try:
            return tarfile.data_filter(member, path)
        except tarfile.FilterError:
            return None  # a link out of the tree is never followed

    with tempfile.TemporaryFile() as file:
        repo.archive(file, treeish=sha, format="tar")
        file.seek(0)
        with tarfile.open(fileobj=file) as tar:
            tar.extractall(dest, filter=safe)


def changed_files(repo: Any, base: str, head: str, prefix: str) -> list[tuple[str, str | None, str | None]]:
    """(status letter, old path, new path) of every changed file, relative to the portal folder."""
    out = repo.git.diff("--name-status", "-M", "-z", "--no-color", base, head, "--", prefix or ".")
    parts = out.split("\0")
    changes: list[tuple[str, str | None, str | None]] = []
    n = 0
    while n < len(parts) and parts[n]:
        status = parts[n][0]
        if status in "RC":
            old, new = parts[n + 1], parts[n + 2]
            n += 3
        else:
            old = new = parts[n + 1]
            n += 2
        strip = len(prefix) + 1 if prefix else 0
        changes.append((status, None if status in "AC" else old[strip:], None if status == "D" else new[strip:]))
    return changes


def dataset_folder(path: str | None) -> str | None:
    parts = PurePosixPath(path or "").parts
    return "/".join(parts[:3]) if len(parts) > 3 and parts[0] == "datasets" else None


def read_side(tree: Path, folder: str | None) -> Side | None:
    """A dataset folder's metadata as written: its datapackage.yaml, else its filled XLSX template."""
    if folder is None:
        return None
    written = tree / folder / "datapackage.yaml"
    template = None if written.is_file() else template_in(tree / folder)
    if not written.is_file() and template is None:
        return None
    try:
        limits = configured_limits(tree)
        raw = load.read_yaml(written, limits) if template is None else read_template(template, limits)[0]
    except DatasetError:
        raw = None  # unreadable metadata: the head's check says why
    return Side(raw, tree / folder)


def read_resource(side: Side | None, spec: ResourceSpec | None, limits: Batas) -> tuple[Table | None, str | None]:
    """The rows Sebar reads (same dialect, same normalisation as `sebar check`), or why not."""
    if side is None or spec is None:
        return None, None
    if resource_path_issue(side.folder, spec.path, "", "") is not None:
        return None, "jalur file tidak sah"
    try:
        table = load.read_table(side.folder / spec.path, spec.dialect, limits)
    except DatasetError as error:
        return None, error.detail
    return Table(table.header, table.header_row, normalise(spec, table.rows), table.line_numbers), None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys -> scalar values; list items with a `name` are keyed by it: resources[data].title."""
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for key, item in value.items():
            found |= flatten(item, f"{prefix}.{key}" if prefix else str(key))
        return found
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        names = [item.get("name") for item in value]
        by_name = all(isinstance(n, str) for n in names) and len(set(names)) == len(names)
        found = {}
        for n, item in enumerate(value):
            found |= flatten(item, f"{prefix}[{names[n] if by_name else n}]")
        return found
    return {prefix: value}


def metadata_diff(old: Side | None, new: Side | None, public: bool) -> list[dict[str, Any]]:
    """Each changed key with its old and new value; values only for a public dataset (and its title)."""
    before = flatten(old.raw) if old and isinstance(old.raw, dict) else {}
    after = flatten(new.raw) if new and isinstance(new.raw, dict) else {}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        if before.get(key, ...) != after.get(key, ...):
            change: dict[str, Any] = {"kunci": key}
            if public or key == "title":
                change |= {"lama": before.get(key), "baru": after.get(key)}
            changes.append(change)
    return changes


def table_json(name: str, status: str, diff: TableDiff | None, problem: str | None, public: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"nama": name, "tabel": status}
    if problem or diff is None:
        return entry | {"tidak_terbaca": problem if public else "berkas tidak dapat dibaca"}
    if status != "diubah":  # a whole table added or removed: its rows are the preview's, not a diff's
        return entry | {"baris_lama": diff.rows_old, "baris_baru": diff.rows_new}
    entry |= {
        "baris_lama": diff.rows_old,
        "baris_baru": diff.rows_new,
        "ditambah": diff.added,
        "dihapus": diff.removed,
        "diubah": diff.changed,
        "sel_diubah": diff.cells_changed,
        "dicocokkan_dengan": diff.aligned_by,
        "dipasangkan": diff.paired,
        "urutan_berubah": diff.reordered,
    }
    if not public:  # counts only: never a value, a column name or a row of a dataset that is not `terbuka`
        return entry | {"kolom_ditambah": len(diff.columns_added), "kolom_dihapus": len(diff.columns_removed)}
    changes = [
        {"jenis": c.kind, "baris": c.line, "kunci": c.key, "sel": {k: list(v) for k, v in c.cells.items()}}
        for c in diff.changes
    ]
    total = diff.added + diff.removed + diff.changed
    return entry | {
        "kolom_ditambah": diff.columns_added,
        "kolom_dihapus": diff.columns_removed,
        "perubahan": changes,
        "perubahan_tidak_ditampilkan": total - len(changes),
    }


def kelengkapan(side: Side, dataset: str, report: Report) -> dict[str, Any]:
    """Which metadata is filled, the personal-data scan, licence and contact of the head's dataset."""
    items = [
        {"butir": label, "kunci": key, "wajib": required, "terisi": side.get(key) not in (None, "", [])}
        for label, key, required in KELENGKAPAN
    ]
    fields = [
        f
        for r in side.get("resources") or []
        if isinstance(r, dict)
        for f in (r.get("schema") or {}).get("fields") or []
        if isinstance(f, dict)
    ]
    items.append(
        {
            "butir": "Judul dan arti setiap kolom",
            "kunci": "resources[].schema.fields[].title/description",
            "wajib": True,
            "terisi": bool(fields) and all(f.get("title") and f.get("description") for f in fields),
        }
    )
    numbers = [f for f in fields if f.get("type") in ("integer", "number")]
    items.append(
        {
            "butir": "Satuan setiap kolom angka",
            "kunci": "resources[].schema.fields[].unit",
            "wajib": False,
            "terisi": all(f.get("unit") for f in numbers),
        }
    )
    found = [i for i in report.issues if i.dataset == dataset and i.slug == "personal-data"]
    if not side.public:
        pribadi = "tidak dipindai: dataset tidak terbuka, tidak tampil di portal"
    elif found:
        pribadi = f"{len(found)} kolom tampak berisi data pribadi: " + ", ".join(str(i.column) for i in found)
    else:
        pribadi = "tidak ditemukan (NIK, NIP, nomor telepon, surel)"
    license = side.get("licenses.0.title") or side.get("licenses.0.name")
    contact = " — ".join(str(v) for v in (side.get("satudata.kontak.nama"), side.get("satudata.kontak.email")) if v)
    return {
        "butir": items,
        "data_pribadi": pribadi,
        "lisensi": license if side.public else None,
        "kontak": (contact or None) if side.public else None,
    }


def site_path(path: str) -> str | None:
    """The page a content/ Markdown file becomes (use_directory_urls), or None for another file."""
    parts = PurePosixPath(path)
    if parts.parts[0] != "content" or parts.suffix != ".md":
        return None
    inner = PurePosixPath(*parts.parts[1:]).with_suffix("")
    page = inner.parent if inner.name == "index" else inner
    return "/" if str(page) == "." else f"/{page}/"


def dataset_pages(side: Side | None) -> set[str]:
    if side is None or not side.public:
        return set()  # a dataset that is not `terbuka` has no page
    produsen, topik = side.get("satudata.produsen"), side.get("satudata.topik")
    pages = {"/", "/katalog/", f"/dataset/{side.folder.parent.name}/{side.folder.name}/"}
    pages |= {f"/produsen/{produsen}/"} if isinstance(produsen, str) else set()
    return pages | ({f"/topik/{topik}/"} if isinstance(topik, str) else set())


def review(
    root: Path, base: str, head: str = "HEAD", pratinjau: str | None = None, jobs: int | None = None
) -> dict[str, Any]:
    """The review report as data (JSON-ready): markdown.render() writes it for the pull request."""
    repo = open_repo(root)
    base_sha, head_sha = resolve(repo, base, "--base"), resolve(repo, head, "--head")
    top = Path(repo.working_tree_dir or repo.working_dir).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix
    changes = changed_files(repo, base_sha, head_sha, prefix)
    with tempfile.TemporaryDirectory(prefix="sebar-review-") as tmp:
        trees = Path(tmp, "base"), Path(tmp, "head")
        for sha, tree in zip((base_sha, head_sha), trees, strict=True):
            materialise(repo, sha, tree)
        old_root, new_root = trees[0] / prefix, trees[1] / prefix
        with bounded(configured_limits(new_root)):  # the pull request's content is untrusted
            _, _, report = check(new_root, None, jobs)
            datasets = gather_datasets(changes, old_root, new_root, report)
    pages: set[str] = set()
    for entry in datasets:
        pages |= entry.pop("_halaman")
    content = []
    others = []
    for status, old, new in changes:
        path = new or old or ""
        if dataset_folder(old) or dataset_folder(new):
            continue
        if path.startswith("content/"):
            page = site_path(path)
            content.append(
                {"file": path, "perubahan": STATUS[status], "file_lama": old if old != new else None, "alamat": page}
            )
            pages |= {p for p in (site_path(old or ""), page) if p}
        else:
            others.append({"file": path, "perubahan": STATUS[status]})
    site_wide = any(o["file"] in SITE_WIDE or o["file"].startswith("templates/") for o in others)
    errors = len(report.errors)
    return {
        "status": "ada-galat" if errors else "siap-ditinjau",
        "base": base_sha,
        "head": head_sha,
        "ringkasan": {
            "dataset": {
                kind: sum(d["perubahan"] == kind for d in datasets)
                for kind in ("ditambah", "diubah", "dihapus", "diganti nama")
            },
            "halaman_konten": len(content),
            "galat": errors,
            "peringatan": len(report.issues) - errors,
        },
        "dataset": datasets,
        "halaman_konten": content,
        "berkas_lain": others,
        "halaman_situs": {"semua": site_wide, "alamat": sorted(pages)},
        "masalah": report.flatten("id"),
        "pratinjau": pratinjau,
    }


def gather_datasets(
    changes: list[tuple[str, str | None, str | None]], old_root: Path, new_root: Path, report: Report
) -> list[dict[str, Any]]:
    """Each changed dataset folder, in order: its change, metadata diff, data diff and checklist."""
    renamed = {
        dataset_folder(new): dataset_folder(old)
        for status, old, new in changes
        if status == "R"
        and old
        and new
        and old.endswith("/datapackage.yaml")
        and dataset_folder(old) != dataset_folder(new)
    }
    folders = dict.fromkeys(f for _, old, new in changes for f in (dataset_folder(old), dataset_folder(new)) if f)
    limits = configured_limits(new_root)
    entries = []
    for folder in sorted(folders):
        if folder in renamed.values() and not (new_root / folder / "datapackage.yaml").is_file():
            continue  # reported under its new name
        old_folder = renamed.get(folder, folder)
        old, new = read_side(old_root, old_folder), read_side(new_root, folder)
        if old is None and new is None:
            continue  # a stray file beside the datasets, no dataset
        kind = "ditambah" if old is None else "dihapus" if new is None else "diubah"
        kind = "diganti nama" if old_folder != folder and old and new else kind
        public = all(side.public for side in (old, new) if side is not None)
        name = folder.removeprefix("datasets/")
        title = (new or old).get("title") if (new or old) else None  # type: ignore[union-attr]
        old_specs, new_specs = (old.resources() if old else {}), (new.resources() if new else {})
        tables = []
        for resource in dict.fromkeys([*old_specs, *new_specs]):
            a, b = old_specs.get(resource), new_specs.get(resource)
            old_table, problem_a = read_resource(old, a, limits)
            new_table, problem_b = read_resource(new, b, limits)
            key = (b or a).schema_.model_extra.get("primaryKey") if (b or a).schema_.model_extra else None  # type: ignore[union-attr]
            keys = [key] if isinstance(key, str) else list(key) if isinstance(key, list) else []
            diff = None if problem_a or problem_b else diff_tables(old_table, new_table, keys)
            status = "baru" if a is None else "dihapus" if b is None else "diubah"
            tables.append(table_json(resource, status, diff, problem_b or problem_a, public))
        entries.append(
            {
                "dataset": name,
                "folder": folder,
                "folder_lama": old_folder if old_folder != folder else None,
                "perubahan": kind,
                "judul": title if isinstance(title, str) else None,
                "terbuka": public,
                "klasifikasi": (new or old).get("satudata.klasifikasi") if (new or old) else None,  # type: ignore[union-attr]
                "metadata": metadata_diff(old, new, public) if old and new else [],
                "tabel": tables,
                "kelengkapan": kelengkapan(new, name, report) if new else None,
                "_halaman": dataset_pages(old) | dataset_pages(new),
            }
        )
    return entries


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
