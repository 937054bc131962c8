"""The front matter of a publication page in content/: `jenis: tabel | dasbor | infografis | buku`.

A page without `jenis` is a plain page and is left as it is (content.py checks its front matter).
A publication page is strict: an unknown key is an issue naming the page, the line and the fix.
"""

from __future__ import annotations

import datetime
import difflib
import posixpath
import re
from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator

from generator import load
from generator.config import SLUG, Name, Strict, Text
from generator.errors import DatasetError
from generator.validate.content import FRONT_MATTER, front_matter_issue
from generator.validate.metadata import DETAIL_ID, dotted
from generator.validate.report import Issue

THEMES = ("biru", "hijau", "merah", "ungu", "oranye", "abu")  # infographic colours (infographic.THEMES)
# words an operator may write for a kind, in English or half-Indonesian
KIND_WORDS = {"dashboard": "dasbor", "infographic": "infografis", "book": "buku", "table": "tabel", "buku-pdf": "buku"}
FieldName = Annotated[str, Field(min_length=1, max_length=100)]


class Halaman(Strict):
    """Keys every publication page may have."""

    judul: Name | None = Field(default=None, description="Judul publikasi (atau `title`).")
    title: Name | None = Field(default=None, description="Judul halaman; sama dengan `judul`.")
    deskripsi: Text | None = Field(default=None, description="Uraian singkat (atau `description`).")
    description: Text | None = Field(default=None, description="Uraian singkat; sama dengan `deskripsi`.")
    produsen: str | None = Field(default=None, pattern=SLUG, description="Kode produsen dari portal.yml.")
    topik: str | None = Field(default=None, pattern=SLUG, description="Kode topik dari portal.yml.")
    tahun: int | None = Field(default=None, ge=1900, le=2100, description="Tahun publikasi, mis. 2026.")
    nomor: Name | None = Field(default=None, description='Nomor publikasi, mis. "3200.2601".')
    tanggal: datetime.date | None = Field(default=None, description="Tanggal terbit, TTTT-BB-HH.")
    hide: list[Literal["navigation", "toc", "footer", "path"]] = Field(
        default=[], description="Bagian tema yang disembunyikan (Material), mis. `[toc]`."
    )

    @property
    def name(self) -> str:
        return self.judul or self.title or ""

    @property
    def summary(self) -> str | None:
        return self.deskripsi or self.description


class Tabel(Halaman):
    jenis: Literal["tabel"]


class Dasbor(Halaman):
    jenis: Literal["dasbor"]
    saring: list[FieldName] = Field(default=[], description="Kolom penyaring di browser, mis. `[tahun]`.")


class Infografis(Halaman):
    jenis: Literal["infografis"]
    tema: Literal["biru", "hijau", "merah", "ungu", "oranye", "abu"] = Field(default="biru", description="Warna.")
    ukuran: Literal["1080x1350"] = Field(default="1080x1350", description="Ukuran gambar (tetap).")


class Buku(Halaman):
    jenis: Literal["buku"]
    bab: list[str] = Field(min_length=1, description="File .md bab-bab buku, berurutan, relatif ke halaman ini.")
    pengantar: Text | None = Field(default=None, description="Kata pengantar: file .md atau teks.")
    subjudul: Name | None = Field(default=None, description="Subjudul di sampul.")
    kota: Name | None = Field(default=None, description="Kota terbit.")
    isbn: str | None = Field(default=None, pattern=r"^(?:97[89][- ]?)?(?:\d[- ]?){9}[\dX]$", description="ISBN.")
    issn: str | None = Field(default=None, pattern=r"^\d{4}-\d{3}[\dX]$", description="ISSN, mis. 0215-2290.")

    @field_validator("bab")
    @classmethod
    def _relative_md(cls, files: list[str]) -> list[str]:
        for name in files:
            if not name.endswith(".md") or name.startswith("/") or "\\" in name or ".." in name.split("/"):
                raise ValueError(f"`{name}` harus file .md di dalam content/, relatif ke halaman ini, mis. `bab-1.md`")
        return files

    def pengantar_file(self) -> str | None:
        """The foreword's file when `pengantar` names one (else it is the text itself)."""
        text = self.pengantar
        return text if text and re.fullmatch(r"[^\s\\]+\.md", text) and ".." not in text.split("/") else None


Front = Tabel | Dasbor | Infografis | Buku
MODELS: dict[str, type[Halaman]] = {"tabel": Tabel, "dasbor": Dasbor, "infografis": Infografis, "buku": Buku}
COMMON = set(Halaman.model_fields)
EXAMPLES = {"judul": "judul: Jawa Barat dalam Angka 2026", "bab": "bab: [bab-1.md, bab-2.md]"}
# the fix for a value of the wrong kind, by key (YAML reads 3200.2601 as a number: digits would be lost)
HINTS = {
    "nomor": (': tulis dalam tanda kutip, mis. `nomor: "3200.2601"`', ': quote it, e.g. `nomor: "3200.2601"`'),
    "tahun": (", mis. `tahun: 2026`", ", e.g. `tahun: 2026`"),
    "tanggal": (", mis. `tanggal: 2026-11-26`", ", e.g. `tanggal: 2026-11-26`"),
    "produsen": (" dengan kode produsen dari portal.yml", " with a producer code from portal.yml"),
    "topik": (" dengan kode topik dari portal.yml", " with a topic code from portal.yml"),
    "saring": (", mis. `saring: [tahun, kode_kabupaten_kota]`", ", e.g. `saring: [tahun, kode_kabupaten_kota]`"),
    "bab": (", mis. `bab: [bab-1.md, bab-2.md]`", ", e.g. `bab: [bab-1.md, bab-2.md]`"),
}


def key_line(text: str, key: str) -> int:
    """The page line of a top-level front matter key (2 when not found: the first line inside)."""
    found = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 2


def detail_of(item: Any) -> str:
    template = DETAIL_ID.get(item["type"])
    detail = template.format(**item.get("ctx", {})) if template else item["msg"]
    return str(detail).replace("' or '", "' atau '")


def read_front(
    text: str,
    file: str,
    producers: Collection[str] | None = None,
    topics: Collection[str] | None = None,
    pages: Collection[str] | None = None,
) -> tuple[Front | None, list[Issue]]:
    """The publication described by a page's front matter, or None for a plain page; never raises.

    `file` is the page as reports name it (content/buku/jabar.md); `producers` and `topics` are the
    codes of portal.yml and `pages` the content/ files (relative to content/), when known: a `bab`
    file or `produsen` code that does not exist is then an issue."""
    if not FRONT_MATTER.match(text):
        return None, []
    problem = front_matter_issue(text, file)  # not YAML, or not key: value pairs
    if problem:
        return None, [problem]
    found = FRONT_MATTER.match(text)
    assert found is not None
    try:
        meta = load.parse_yaml("\n" + (found.group(1) or ""), file)
    except DatasetError:  # pragma: no cover - front_matter_issue reported it
        return None, []
    head = found.group()
    if not isinstance(meta, dict) or "jenis" not in meta:
        return None, []
    jenis = meta["jenis"]
    if not isinstance(jenis, str) or jenis not in MODELS:
        word = KIND_WORDS.get(str(jenis).lower()) or next(iter(difflib.get_close_matches(str(jenis), MODELS)), None)
        params = {"value": jenis, "hint": "", "hint_en": ""}
        if word:
            params.update(hint=f" Maksud Anda `{word}`?", hint_en=f" Did you mean `{word}`?")
        return None, [Issue("publication-kind", "content", file, row=key_line(head, "jenis"), params=params)]
    model = MODELS[jenis]
    try:
        front: Halaman = model.model_validate(meta)
    except ValidationError as error:
        return None, schema_issues(error, model, jenis, head, file)
    issues = reference_issues(front, head, file, producers, topics, pages)
    return front, issues  # type: ignore[return-value]


def schema_issues(error: ValidationError, model: type[Halaman], jenis: str, head: str, file: str) -> list[Issue]:
    issues = []
    own = sorted(k for k in model.model_fields if k not in ("title", "description"))
    for item in error.errors():
        key = dotted(item["loc"])
        top = str(item["loc"][0]) if item["loc"] else "jenis"
        row = key_line(head, top)
        if item["type"] == "missing":
            params = {"jenis": jenis, "key": key, "example": EXAMPLES.get(key, f"{key}: ...")}
            issues.append(Issue("publication-missing", "content", file, row=row, params=params))
        elif item["type"] == "extra_forbidden":
            params = {"key": key, "jenis": jenis, "known": ", ".join(own), "hint": "", "hint_en": ""}
            owner = next((k for k, m in MODELS.items() if top in m.model_fields and top not in COMMON), None)
            close = difflib.get_close_matches(top, list(model.model_fields), n=1, cutoff=0.7)
            if owner:
                params.update(
                    hint=f" Kunci itu hanya untuk `jenis: {owner}`.", hint_en=f" That key is for `jenis: {owner}` only."
                )
            elif close:
                params.update(hint=f" Maksud Anda `{close[0]}`?", hint_en=f" Did you mean `{close[0]}`?")
            issues.append(Issue("publication-unknown-key", "content", file, row=row, params=params))
        else:
            hint, hint_en = HINTS.get(top, ("", ""))
            params = {"key": key, "detail": detail_of(item), "hint": hint, "hint_en": hint_en}
            issues.append(Issue("publication-invalid", "content", file, row=row, params=params))
    return issues


def reference_issues(
    front: Halaman,
    head: str,
    file: str,
    producers: Collection[str] | None,
    topics: Collection[str] | None,
    pages: Collection[str] | None,
) -> list[Issue]:
    """What the schema cannot see: a title, and codes and files that must exist."""
    issues = []
    jenis = getattr(front, "jenis", "")
    if not front.name:
        params = {"jenis": jenis, "key": "judul", "example": EXAMPLES["judul"]}
        issues.append(Issue("publication-missing", "content", file, row=2, params=params))
    elif front.judul and front.title and front.judul != front.title:
        params = {
            "key": "title",
            "detail": "berbeda dengan `judul`; tulis salah satu saja",
            "hint": ": hapus `title` (atau `judul`)",
            "hint_en": ": remove `title` (or `judul`)",
        }
        issues.append(Issue("publication-invalid", "content", file, row=key_line(head, "title"), params=params))
    for key, value, known, where in (
        ("produsen", front.produsen, producers, "`produsen` portal.yml"),
        ("topik", front.topik, topics, "`topik` portal.yml"),
    ):
        if value is not None and known is not None and value not in known:
            params = {"key": key, "value": value, "where": where, "known": ", ".join(sorted(known)) or "-"}
            issues.append(Issue("publication-reference", "content", file, row=key_line(head, key), params=params))
    if isinstance(front, Buku) and pages is not None:
        folder = posixpath.dirname(file.removeprefix("content/"))
        wanted = [("bab", name) for name in front.bab]
        foreword = front.pengantar_file()
        wanted += [("pengantar", foreword)] if foreword else []
        for key, name in wanted:
            if chapter_path(folder, name) not in pages:
                where = "content/" + (folder + "/" if folder else "")
                near = sorted(p for p in pages if posixpath.dirname(p) == folder and p.endswith(".md"))
                params = {"key": key, "value": name, "where": where, "known": ", ".join(near[:20]) or "-"}
                issues.append(Issue("publication-reference", "content", file, row=key_line(head, key), params=params))
    return issues


def chapter_path(folder: str, name: str) -> str:
    """A `bab` or `pengantar` file as a path relative to content/."""
    return posixpath.normpath(posixpath.join(folder, name))
