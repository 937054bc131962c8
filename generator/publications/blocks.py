"""Fenced blocks in a content page that Sebar turns into HTML: ```grafik, ```angka, ```tabel, ```ikon.

Only a fence at the start of a line whose info string is exactly the kind is a block. Any other
fence (```yaml, a 4-backtick ````markdown example showing a block) is code shown as it is, and what
it holds is never taken for a block: help pages show examples. A block's YAML is read with the
same safe loader as datapackage.yaml; its model (View, Angka, Tabel, Ikon) is checked by
validate_block, which takes the model classes so that this module does not depend on them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from generator import load
from generator.config import Batas, Name, Strict, Text
from generator.errors import DatasetError
from generator.validate.content import FRONT_MATTER
from generator.validate.metadata import DETAIL_ID, dotted
from generator.validate.report import Issue

KINDS = ("grafik", "angka", "tabel", "ikon")
MAX_BLOCK = 64 * 1024  # characters of one block's YAML: a view is a dozen lines
OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
KEY = re.compile(r"^([^\s#:][^:]*?)[ \t]*:(?:[ \t]|$)")
ICONS = Path(__file__).resolve().parent / "icons"


@dataclass(frozen=True)
class Block:
    """One block of a page: its kind, its YAML as read, where it is."""

    kind: str
    data: dict[str, Any]
    line: int  # page line of the opening fence, 1-based (front matter lines counted)
    ordinal: int  # the n-th block of this kind on the page, 1-based
    keys: dict[str, int] = field(default_factory=dict)  # page line of each top-level key

    @property
    def id(self) -> str:
        """The block's name on its page, the key of `replace`'s HTML: "grafik-2"."""
        return f"{self.kind}-{self.ordinal}"

    @property
    def where(self) -> str:
        return f"blok {self.kind} ke-{self.ordinal}, baris {self.line}"


@dataclass(frozen=True)
class Fence:
    fence: str  # the opening run of ``` or ~~~
    kind: str | None  # a block's kind, or None for any other fence
    start: int  # 0-based index of the opening line
    end: int | None  # 0-based index of the closing line; None when never closed
    ordinal: int = 0


def fences(lines: list[str]) -> Iterator[Fence]:
    """Every fenced code block of a page (CommonMark's rules), after its front matter."""
    head = FRONT_MATTER.match("\n".join(lines) + "\n")
    i = head.group().count("\n") if head else 0
    counts = dict.fromkeys(KINDS, 0)
    while i < len(lines):
        found = OPEN.match(lines[i])
        if not found or (found.group(2)[0] == "`" and "`" in found.group(3)):
            i += 1
            continue
        indent, fence, info = found.groups()
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closing.match(lines[j])), None)
        kind = info.strip() if not indent and info.strip() in KINDS else None
        if kind:
            counts[kind] += 1
        yield Fence(fence, kind, i, end, counts[kind] if kind else 0)
        i = len(lines) if end is None else end + 1


def find_blocks(text: str, file: str, limits: Batas | None = None) -> tuple[list[Block], list[Issue]]:
    """The blocks of a page whose YAML reads as a mapping, and an issue for every other block."""
    limits = limits or Batas()
    lines = text.split("\n")
    blocks: list[Block] = []
    issues: list[Issue] = []
    for fence in fences(lines):
        if fence.kind is None:
            continue
        line = fence.start + 1
        where = {"kind": fence.kind, "ordinal": fence.ordinal, "line": line}
        if fence.end is None:
            issues.append(Issue("block-unclosed", "content", file, row=line, params={**where, "fence": fence.fence}))
            continue
        body = lines[fence.start + 1 : fence.end]
        source = "\n".join(body)
        detail = None
        if len(source) > MAX_BLOCK:
            detail = f"isi blok lebih dari {MAX_BLOCK // 1024} KB"
        else:
            try:  # blank lines first, so that the reader's line numbers are the page's
                data = load.parse_yaml("\n" * (fence.start + 1) + source, file, limits)
            except DatasetError as error:
                detail = error.detail.replace("di akhir file", "di akhir blok")
            else:
                if not isinstance(data, dict) or not data:
                    detail = "isi blok harus berupa kelompok `kunci: nilai`, mis. `dataset: produsen/nama`"
        if detail is not None:
            issues.append(Issue("block-yaml", "content", file, row=line, params={**where, "detail": detail}))
            continue
        keys = {m.group(1): fence.start + 2 + n for n, text_line in enumerate(body) if (m := KEY.match(text_line))}
        blocks.append(Block(fence.kind, data, line, fence.ordinal, keys))
    return blocks, issues


def replace(text: str, rendered: Mapping[str, str]) -> str:
    """The page with each block named in `rendered` (by Block.id) replaced by its HTML.

    The HTML goes in as one raw block that the site's Markdown keeps whole (rawhtml.py): a <div>
    at the start of a line that closes at its end, blank lines around it and none inside. A block
    not named in `rendered` stays as it is."""
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for fence in fences(lines):
        if fence.kind is None or fence.end is None:
            continue
        name = f"{fence.kind}-{fence.ordinal}"
        if name not in rendered:
            continue
        inner = [line for line in rendered[name].replace("\r\n", "\n").split("\n") if line.strip()]
        html = [f'<div class="sebar-blok sebar-blok-{fence.kind}" id="blok-{name}">', *inner, "</div>"]
        out += lines[done : fence.start] + ["", *html, ""]
        done = fence.end + 1
    return "\n".join(out + lines[done:])


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICONS.glob("*.svg"))


class Ikon(Strict):
    """An ```ikon block: a short text beside an icon (infographics, dashboards)."""

    ikon: str = Field(description="Nama ikon, mis. `account-group`.")
    teks: Text = Field(max_length=200, description="Teks singkat di samping ikon.")
    judul: Name | None = Field(default=None, max_length=60, description="Judul singkat (opsional).")

    @field_validator("ikon")
    @classmethod
    def _known(cls, name: str) -> str:
        if name not in icon_names():
            raise ValueError(f"tidak dikenal; pilih salah satu: {', '.join(icon_names())}")
        return name


def validate_block(
    block: Block, models: Mapping[str, type[BaseModel]], file: str
) -> tuple[BaseModel | None, list[Issue]]:
    """The block checked against the model of its kind (`models["grafik"]` is View, ...), or its issues."""
    model = models.get(block.kind)
    if model is None:
        return None, []
    try:
        return model.model_validate(block.data), []
    except ValidationError as error:
        return None, block_issues(error, block, model, file)


def block_issues(error: ValidationError, block: Block, model: type[BaseModel], file: str) -> list[Issue]:
    issues = []
    known = sorted(f.alias or name for name, f in model.model_fields.items())
    where = {"kind": block.kind, "ordinal": block.ordinal, "line": block.line}
    for item in error.errors():
        key = dotted(item["loc"]) or block.kind
        top = str(item["loc"][0]) if item["loc"] else ""
        row = block.keys.get(top, block.line)
        if item["type"] == "missing":
            issues.append(Issue("block-missing", "content", file, row=row, params={**where, "key": key}))
        elif item["type"] == "extra_forbidden":
            close = difflib.get_close_matches(top, known, n=1, cutoff=0.7)
            params = {**where, "key": key, "known": ", ".join(known), "hint": "", "hint_en": ""}
            if close:
                params.update(hint=f" Maksud Anda `{close[0]}`?", hint_en=f" Did you mean `{close[0]}`?")
            issues.append(Issue("block-unknown-key", "content", file, row=row, params=params))
        else:
            template = DETAIL_ID.get(item["type"])
            detail = template.format(**item.get("ctx", {})) if template else item["msg"]
            detail = str(detail).replace("' or '", "' atau '")
            issues.append(
                Issue("block-invalid", "content", file, row=row, params={**where, "key": key, "detail": detail})
            )
    return issues
