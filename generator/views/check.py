"""Issues of declared views and content blocks: missing dataset or field, wrong type, unknown value or region code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from generator import load
from generator.config import FieldSpec
from generator.model import Dataset
from generator.validate.report import Issue
from generator.views import data as views_data
from generator.views import teks
from generator.views.model import Angka, Block, Tabel, View
from generator.views.regions import Boundaries, normalise
from generator.views.regions import load as load_boundaries

NUMBERS = ("integer", "number")
SHOWN = 5  # codes, values or names a message lists before "…"
TYPE_ID = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "year": "tahun", "date": "tanggal"}


@dataclass(frozen=True)
class Placed:
    """A view or block where it is written: its file and a place a person can find."""

    file: str  # datasets/<produsen>/<nama>/datapackage.yaml or content/<page>.md
    where: str  # "satudata.tampilan[1]" or "blok grafik ke-2, baris 14"
    block: Block
    dataset: str | None = None  # produsen/nama of the dataset whose metadata declares it
    line: int | None = None  # the block's first line in a content page


def listed(items: Iterable[Any]) -> str:
    names = [f"`{teks.label(i)}`" for i in items]
    return ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "")


def declared(datasets: Iterable[Dataset]) -> list[Placed]:
    """The views every dataset declares under `satudata.tampilan`."""
    return [
        Placed(f"{d.folder.as_posix()}/datapackage.yaml", f"satudata.tampilan[{n}]", view, f"{d.produsen}/{d.slug}")
        for d in datasets
        for n, view in enumerate(d.spec.satudata.tampilan)
    ]


class Checker:
    def __init__(self, datasets: Iterable[Dataset], root: Path | None, boundaries: Boundaries) -> None:
        self.datasets = {f"{d.produsen}/{d.slug}": d for d in datasets}
        self.root, self.boundaries = root, boundaries
        self.issues: list[Issue] = []
        self.placed: Placed | None = None

    def add(self, slug: str, **params: Any) -> None:
        placed = self.placed
        assert placed is not None
        owner = placed.dataset or "content"
        self.issues.append(Issue(slug, owner, placed.file, row=placed.line, params={"where": placed.where, **params}))

    def check(self, placed: Placed) -> None:
        self.placed = placed
        block = placed.block
        name = block.dataset or placed.dataset
        if name is None:
            return self.add("view-dataset-needed")
        dataset = self.datasets.get(name)
        if dataset is None:
            return self.add("view-dataset-unknown", name=name, known=listed(sorted(self.datasets)))
        if not dataset.public and placed.dataset is None:
            return self.add("view-dataset-closed", name=name, klasifikasi=dataset.spec.satudata.klasifikasi)
        names = [r.name for r in dataset.spec.resources]
        if block.sumber and block.sumber not in names:
            return self.add("view-resource-unknown", name=block.sumber, dataset=name, known=listed(names))
        fields = views_data.fields(dataset, block.sumber)
        if not self.known(block, fields, name, block.sumber or names[0]):
            return None
        if not self.typed(block, fields):
            return None
        self.data(block, dataset, fields)
        return None

    def known(self, block: Block, fields: dict[str, FieldSpec], dataset: str, resource: str) -> bool:
        """Every field the block names exists in its table."""
        keys: list[tuple[str, str]] = [(f"saring.{k}", k) for k in block.saring]
        if isinstance(block, View):
            keys += [("x", block.x or ""), ("seri", block.seri or "")] + [("y", m) for m in block.measures]
        elif isinstance(block, Angka):
            keys += [("y", block.y), ("x", block.x or "")]
        else:
            keys += [("kolom", k) for k in block.kolom or []]
            if block.pivot:
                keys += [(f"pivot.{k}", getattr(block.pivot, k)) for k in ("baris", "kolom", "nilai")]
        ok = True
        for key, name in keys:
            if name and name not in fields:
                self.add(
                    "view-field-unknown", field=name, key=key, resource=resource, dataset=dataset, known=listed(fields)
                )
                ok = False
        return ok

    def typed(self, block: Block, fields: dict[str, FieldSpec]) -> bool:
        def wrong(key: str, name: str, need: str, need_en: str) -> bool:
            kind = fields[name].type
            self.add(
                "view-field-type",
                field=name,
                key=key,
                type=TYPE_ID.get(kind, kind),
                type_en=kind,
                need=need,
                need_en=need_en,
            )
            return False

        if isinstance(block, Tabel):
            pivot = block.pivot
            if pivot and pivot.agregasi != "banyak" and fields[pivot.nilai].type not in NUMBERS:
                return wrong(
                    "pivot.nilai",
                    pivot.nilai,
                    f"agregasi `{pivot.agregasi}` memerlukan kolom angka",
                    f"`{pivot.agregasi}` needs a numeric column",
                )
            return True
        measures = block.measures if isinstance(block, View) else [block.y]
        for name in measures:
            if block.agregasi != "banyak" and fields[name].type not in NUMBERS:
                return wrong(
                    "y",
                    name,
                    f"agregasi `{block.agregasi}` memerlukan kolom angka",
                    f"`{block.agregasi}` needs a numeric column",
                )
        if not isinstance(block, View):
            return True
        if block.jenis in ("pai", "donat", "peta") and len(measures) > 1:
            self.add("view-one-measure", jenis=block.jenis, count=len(measures))
            return False
        if block.jenis == "peta" and (block.x is None or fields[block.x].type != "string"):
            detail = "tidak diisi" if block.x is None else f"bertipe {TYPE_ID.get(fields[block.x].type)}"
            self.add("view-map-code", field=block.x or "-", detail=detail)
            return False
        if block.jenis == "sebar" and (block.x is None or fields[block.x].type == "string"):
            return (
                wrong("x", block.x, "diagram sebar memerlukan kolom angka di `x`", "a scatter needs a numeric `x`")
                if block.x
                else self.missing_x(block)
            )
        if block.x is None and len(measures) == 1:
            return self.missing_x(block)
        return True

    def missing_x(self, view: View) -> bool:
        self.add("view-x-missing", jenis=view.jenis)
        return False

    def data(self, block: Block, dataset: Dataset, fields: dict[str, FieldSpec]) -> None:
        """Filters that match no row, an empty result, and region codes without a boundary."""
        columns = [*block.saring]
        if isinstance(block, View) and block.jenis == "peta" and block.x:
            columns.append(block.x)
        if not columns:
            return
        rows = views_data.frame(dataset, block.sumber, columns)
        for name, wanted in block.saring.items():
            for value in wanted if isinstance(wanted, list) else [wanted]:
                if not views_data.matches(rows[name], value).any():
                    known = sorted(rows[name].dropna().unique())
                    self.add("view-filter-value", field=name, value=teks.label(value), known=listed(known))
                    return
        kept = views_data.filtered(rows, block.saring)
        if kept.empty:
            return self.add("view-empty")
        if isinstance(block, View) and block.jenis == "peta" and block.x:
            self.regions(block, dataset, kept[block.x])
        return None

    def regions(self, view: View, dataset: Dataset, codes: pd.Series) -> None:
        if view.batas and view.batas not in self.boundaries.files:
            return self.add("view-boundary-unknown", name=view.batas, known=listed(sorted(self.boundaries.files)))
        distinct = [str(c) for c in codes.dropna().unique()]
        name = view.batas or self.boundaries.find(c for c in distinct if normalise(c))
        if name is None:  # the file holding most of the codes: the others are the ones to fix
            wanted = {normalise(c) for c in distinct}
            name = max(sorted(self.boundaries.codes), key=lambda n: len(wanted & self.boundaries.codes[n]))
        missing = [c for c in distinct if normalise(c) is None or normalise(c) not in self.boundaries.codes[name]]
        if missing:
            file, lines = self.rows_of(view, dataset, codes, missing)
            shown = [f"`{c}` (baris {lines[c]})" for c in missing[:SHOWN]]
            more = ", …" if len(missing) > SHOWN else ""
            params = {"count": len(missing), "codes": ", ".join(shown) + more, "batas": name, "data": file}
            self.add("view-region-unknown", **params)
        return None

    def rows_of(self, view: View, dataset: Dataset, codes: pd.Series, missing: list[str]) -> tuple[str, dict[str, int]]:
        """Where each missing code first occurs: the source file and its line, else the published CSV and its row."""
        first = {c: int(codes.index[codes.astype(str) == c][0]) for c in missing}  # data row index, 0-based
        spec = views_data.resource(dataset, view.sumber)
        if self.root is not None:
            lines = source_lines(self.root / dataset.folder / spec.path, spec, set(first.values()))
            if len(lines) == len(set(first.values())):
                return (dataset.folder / spec.path).as_posix(), {c: lines[i] for c, i in first.items()}
        return f"unduhan {spec.name}.csv", {c: i + 2 for c, i in first.items()}  # + the header row


def source_lines(path: Path, spec: Any, wanted: set[int]) -> dict[int, int]:
    """The source file's line number of each wanted data row (the published CSV keeps the rows' order)."""
    found: dict[int, int] = {}
    try:
        stream = load.open_table(path, spec.dialect)
        index = 0
        for _, lines in stream.chunks:
            for line in lines:
                if index in wanted:
                    found[index] = line
                index += 1
            if len(found) == len(wanted):
                break
    except Exception:  # noqa: BLE001 - a source that cannot be re-read falls back to the published row
        return {}
    return found


def check_views(
    datasets: Iterable[Dataset],
    placed: Iterable[Placed],
    root: Path | None = None,
    boundaries: Boundaries | None = None,
) -> list[Issue]:
    """Every issue of the views declared in metadata and the blocks in content pages (datasets: the checked ones)."""
    checker = Checker(datasets, root, boundaries or load_boundaries(root)[0])
    for item in placed:
        checker.check(item)
    return checker.issues
