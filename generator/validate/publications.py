"""Check of every page in content/: its front matter (publications/front.py) and its blocks
(```grafik, ```angka, ```tabel, ```ikon: their model, then their data with views/check.py), so that
`check` passing means every publication page renders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.config import Portal
from generator.load import discover
from generator.model import Dataset
from generator.publications.blocks import Block, Ikon, find_blocks, validate_block
from generator.publications.front import Buku, Dasbor, Front, Infografis, chapter_path, key_line, read_front
from generator.validate.report import Issue
from generator.views.check import Placed, check_views
from generator.views.model import Angka, Tabel, View
from generator.views.regions import Boundaries

MODELS: dict[str, type[BaseModel]] = {"grafik": View, "angka": Angka, "tabel": Tabel, "ikon": Ikon}
# what an infographic's page is designed for (publications/infographic.Infographic)
INFOGRAPHIC = {"angka": (3, 6), "grafik": (0, 3), "ikon": (0, 3)}


@dataclass
class Page:
    """A content page as the check read it: what render needs to publish it."""

    file: str  # content/<page>.md
    text: str
    front: Front | None
    blocks: list[tuple[Block, BaseModel]] = field(default_factory=list)  # every block that passed its model

    @property
    def published(self) -> bool:
        """Rendered by publications.py rather than copied: a publication, or a page with blocks."""
        return self.front is not None or bool(self.blocks)


def read_pages(portal: Portal, files: Mapping[str, Path]) -> tuple[dict[str, Page], list[Issue], list[Placed]]:
    """Every .md page of content/ (files: relative to content/) with its front matter and blocks."""
    producers = [p.kode for p in portal.produsen]
    topics = list(portal.topik)
    known = set(files)
    pages: dict[str, Page] = {}
    issues: list[Issue] = []
    placed: list[Placed] = []
    for name, path in sorted(files.items()):
        if not name.endswith(".md"):
            continue
        file = f"content/{name}"
        try:
            text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError):
            continue  # content.py reports it
        front, found = read_front(text, file, producers, topics, known)
        issues += found
        blocks, found = find_blocks(text, file, portal.batas)
        issues += found
        page = Page(file, text, front)
        for block in blocks:
            model, found = validate_block(block, MODELS, file)
            issues += found
            if model is None:
                continue
            page.blocks.append((block, model))
            if not isinstance(model, Ikon):
                placed.append(Placed(file, block.where, model, None, block.line))  # type: ignore[arg-type]
        pages[name] = page
    return pages, issues, placed


def shape_issues(pages: Mapping[str, Page], datasets: list[Dataset]) -> list[Issue]:
    """What each kind of publication needs of its blocks: an infographic's counts, a dashboard's filters."""
    issues: list[Issue] = []
    fields = {f"{d.produsen}/{d.slug}": {f.name for r in d.spec.resources for f in r.schema_.fields} for d in datasets}
    for page in pages.values():
        front = page.front
        if isinstance(front, Infografis):
            for kind, (low, high) in INFOGRAPHIC.items():
                count = sum(1 for b, _ in page.blocks if b.kind == kind)
                if not low <= count <= high:
                    params = {"kind": kind, "count": count, "low": low, "high": high}
                    issues.append(Issue("infographic-blocks", "content", page.file, row=2, params=params))
        elif isinstance(front, Dasbor):
            for name in front.saring:
                names = [getattr(m, "dataset", None) for _, m in page.blocks]
                if not any(name in fields.get(str(d), set()) for d in names):
                    params = {"field": name}
                    row = key_line(page.text, "saring")
                    issues.append(Issue("dashboard-filter-field", "content", page.file, row=row, params=params))
    return issues


def chapters(pages: Mapping[str, Page]) -> dict[str, str]:
    """Chapter and foreword files of books (relative to content/) -> the book's page: parts of the
    book, not pages of the site."""
    found: dict[str, str] = {}
    for name, page in pages.items():
        if isinstance(page.front, Buku):
            folder = name.rpartition("/")[0]
            for part in [*page.front.bab, *filter(None, [page.front.pengantar_file()])]:
                found[chapter_path(folder, part)] = name
    return found


def check_publications(
    root: Path, portal: Portal, datasets: list[Dataset], files: Mapping[str, Path], boundaries: Boundaries
) -> list[Issue]:
    """Every issue of content pages' front matter and blocks."""
    pages, issues, placed = read_pages(portal, files)
    # a dataset that exists but has errors of its own: those errors stop the build, one report is enough
    failed = {f"{p.parent.parent.name}/{p.parent.name}" for p in discover(root)}
    failed -= {f"{d.produsen}/{d.slug}" for d in datasets}
    issues += [
        i
        for i in check_views(datasets, placed, root, boundaries)
        if not (i.slug == "view-dataset-unknown" and i.params.get("name") in failed)
    ]
    issues += shape_issues(pages, datasets)
    return issues
