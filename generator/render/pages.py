"""The site's generated Markdown pages, from Jinja2 templates (sandboxed, autoescaped, StrictUndefined)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.filters import do_truncate
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from generator.config import Portal
from generator.errors import BuildError
from generator.licenses import registered
from generator.model import FIRST_ROWS, Dataset
from generator.publications.catalog import Publication
from generator.render.catalog import schema_org
from generator.render.charts import Charts
from generator.render.datapage import globals_ as datapage_globals
from generator.render.datapage import table_view
from generator.render.downloads import CHUNK, plain
from generator.render.picture import Picture, drawable, headlines, inferred, picture, views_of
from generator.render.riwayat import helpers as riwayat_helpers
from generator.render.tablestore import BIG_ROWS
from generator.sop.records import Record, provenance, sha256
from generator.validate.messages import TYPE_NAMES
from generator.views import Figure
from generator.views.data import ViewError
from generator.views.html import tabs_html
from generator.views.regions import Boundaries
from generator.views.regions import load as load_boundaries

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CATALOG_PAGE = 50  # dataset cards per catalogue page: 1,000 datasets stay light pages
LATEST = 6


def angka(value: Any) -> str:
    """A cell as Indonesians write it: 1.930.902 and 451,3 (the table script does the same)."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else ("ya" if value else "tidak")
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, (int, Decimal)):
        sign = "-" if value < 0 else ""
        whole, _, fraction = (
            str(abs(value)) if isinstance(value, int) else format(abs(value).normalize(), "f")
        ).partition(".")
        grouped = f"{int(whole):,}".replace(",", ".")
        return sign + grouped + ("," + fraction if fraction else "")
    return str(plain(value))


def front_matter(**values: Any) -> Markup:
    """YAML front matter; strings are HTML-escaped because the theme prints them unescaped."""
    lines = ["---"]
    for key, value in values.items():
        text = str(Markup.escape(value))
        lines.append(f"{key}: {json.dumps(text, ensure_ascii=False)}")
    return Markup("\n".join([*lines, "---", ""]))


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a <script> element: no `<` survives, so no metadata can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def picture_tabs(shown: Picture, tables: str) -> Markup:
    """Grafik / Peta / Tabel: only the panels that exist; the table is the last, and the no-JS fallback."""
    panels = [("Grafik", "tab-grafik", "".join(shown.charts)), ("Peta", "tab-peta", "".join(shown.maps))]
    panels = [panel for panel in panels if panel[2]] + [("Tabel", "tab-tabel", str(tables))]
    html = tabs_html(
        [(label, id, "\n".join(line for line in text.splitlines() if line.strip())) for label, id, text in panels]
    )
    return Markup(html)


class TemplateFailed(BuildError):
    """A portal template (templates/) failed or tried what the sandbox forbids."""

    def __init__(self, name: str, detail: str, unsafe: bool) -> None:
        super().__init__(f"templat templates/{name} gagal: {detail}")
        self.name, self.detail, self.unsafe = name, detail, unsafe


class Pages:
    """Gathers the catalogue once; each method yields (path in docs, Markdown text)."""

    def __init__(
        self,
        root: Path,
        portal: Portal,
        datasets: list[Dataset],
        records: list[Record] | None = None,
        publications: list[Publication] | None = None,
        charts: Charts | None = None,
    ) -> None:
        self.portal = portal
        self.publications = publications or []  # newest first (publications.catalog)
        self.charts = charts or Charts()
        self.chart_stems: dict[str, list[str]] = {}  # dataset page URL -> its charts' file stems
        self._boundaries: Boundaries | None = None
        self.records = records  # None: no `riwayat` ref yet
        self.provenance = provenance(records or [])
        self.root = root
        self.datasets = sorted(datasets, key=lambda d: (d.produsen, d.slug))
        self.overrides = root / "templates"
        # The portal's templates are untrusted input: the sandbox refuses `__class__` and its kin. It
        # costs a tenth of the render, so Sebar's own templates alone run without it.
        untrusted = self.overrides.exists() or self.overrides.is_symlink()
        self.env = (SandboxedEnvironment if untrusted else Environment)(
            loader=ChoiceLoader([FileSystemLoader(root / "templates"), FileSystemLoader(TEMPLATES)]),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["angka"] = angka
        self.env.filters["tipe"] = lambda name: TYPE_NAMES[name][0]
        self.env.filters["lisensi"] = lambda written: registered(written, portal)  # name, title, IRI
        self.env.filters["rincian"] = rincian
        self.env.filters["formats"] = formats
        self.env.globals.update(portal=portal, front_matter=front_matter, json_ld=json_ld, picture_tabs=picture_tabs)
        self.env.globals.update(datapage_globals(portal))

    @property
    def boundaries(self) -> Boundaries:
        if self._boundaries is None:
            self._boundaries = load_boundaries(self.root)[0]  # checked by `sebar check`
        return self._boundaries

    def picture(self, dataset: Dataset) -> Picture:
        """The dataset page's headline figures and charts; remembers the page's chart files."""
        shown = picture(dataset, self.charts, self.boundaries, self.portal.producer_name(dataset.produsen))
        self.chart_stems[dataset.url] = shown.stems
        return shown

    def indicators(self, most: int = 4) -> list[tuple[Dataset, Figure]]:
        """The home page's headline indicators: the first headline figure of the newest datasets, one
        dataset per topic (the figures their pages show, render/picture.py)."""
        found: list[tuple[Dataset, Figure]] = []
        topics: set[str] = set()
        for dataset in newest_first(self.datasets):
            if len(found) == most:
                break
            if dataset.spec.satudata.topik in topics:
                continue
            figure = first_headline(dataset, self.boundaries, self.portal.producer_name(dataset.produsen))
            if figure is not None:
                found.append((dataset, figure))
                topics.add(dataset.spec.satudata.topik)
        return found

    def page(self, path: str, template: str, **context: Any) -> tuple[Path, str]:
        """`path` is the page's URL inside the site; `base` leads from it back to the site root."""
        base = posixpath.relpath(".", path.rstrip("/") or ".") + "/" if path else ""
        names = [template.replace(".md", f"-{context['dataset'].slug}.md")] if "dataset" in context else []
        try:
            chosen = self.env.select_template([*names, template])
            text = chosen.render(base=base, **context)
            if "dataset" in context:
                text = search_front(text, self.portal, context["dataset"])
        except TemplateError as error:
            if not self.overrides.is_dir():
                raise  # Sebar's own templates failing is a bug
            name = getattr(error, "name", None) or template
            raise TemplateFailed(name, str(error), isinstance(error, SecurityError)) from error
        return Path(path) / "index.md", text

    def catalog(
        self, years: list[int], by_producer: dict[str, list[Dataset]], by_topic: dict[str, list[Dataset]]
    ) -> Iterator[tuple[Path, str]]:
        """The catalogue in pages of CATALOG_PAGE cards (katalog/, katalog/2/, ...: every dataset is a
        link away without JavaScript) and, when it has more than one, katalog/indeks.json: every dataset
        in a compact list, which the filter loads to search them all."""
        count = max(1, -(-len(self.datasets) // CATALOG_PAGE))
        ordered = newest_first(self.datasets)  # the catalogue's default order ("Terbaru"), also without JavaScript
        facets = catalog_facets(self.portal, ordered)
        for number in range(1, count + 1):
            yield self.page(
                "katalog/" if number == 1 else f"katalog/{number}/",
                "catalog.md",
                datasets=ordered[(number - 1) * CATALOG_PAGE : number * CATALOG_PAGE],
                total=len(self.datasets),
                number=number,
                count=count,
                years=years,
                by_producer=by_producer,
                by_topic=by_topic,
                facets=facets,
            )
        if count > 1:
            yield Path("katalog/indeks.json"), catalog_index(self.portal, ordered)

    def all(self, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[tuple[Path, str]]:
        """Every page; the pages of the datasets whose URL is in `skip` are left out."""
        by_producer = {p.kode: [d for d in self.datasets if d.produsen == p.kode] for p in self.portal.produsen}
        by_topic = {t: [d for d in self.datasets if d.spec.satudata.topik == t] for t in self.portal.topik}
        by_title = sorted(self.datasets, key=lambda d: d.spec.title)
        latest = sorted(by_title, key=lambda d: d.updated or "", reverse=True)[:LATEST]  # newest, then A-Z
        years = sorted({y for d in self.datasets for y in d.spec.satudata.years}, reverse=True)
        pubs = self.publications
        yield self.page(
            "",
            "home.md",
            datasets=self.datasets,
            latest=latest,
            by_producer=by_producer,
            by_topic=by_topic,
            publications=pubs,
            latest_publications=pubs[:LATEST],
            indicators=self.indicators(),
        )
        yield from self.catalog(years, by_producer, by_topic)
        yield self.page("publikasi/", "publications.md", publications=pubs)
        yield self.page("cari/", "search.md")
        yield self.page("produsen/", "producers.md", by_producer=by_producer)
        for producer in self.portal.produsen:
            yield self.page(
                f"produsen/{producer.kode}/",
                "producer.md",
                producer=producer,
                datasets=by_producer[producer.kode],
                publications=[p for p in pubs if p.produsen == producer.kode],
            )
        yield self.page("riwayat/", "riwayat.md", records=self.records, **riwayat_helpers(self.portal))
        yield self.page("topik/", "topics.md", by_topic=by_topic)
        for code, name in self.portal.topik.items():
            yield self.page(
                f"topik/{code}/",
                "topic.md",
                code=code,
                name=name,
                datasets=by_topic[code],
                publications=[p for p in pubs if p.topik == code],
            )
        for dataset in self.datasets:
            if dataset.url in skip:
                continue
            yield self.page(
                dataset.url,
                "dataset.md",
                dataset=dataset,
                picture=self.picture(dataset),
                views=[table_view(dataset, resource) for resource in dataset.resources],
                first_rows=FIRST_ROWS,
                chunk=CHUNK,
                big_rows=BIG_ROWS,
                ld=schema_org(self.portal, dataset),
                asal=self.provenance.get(f"{dataset.produsen}/{dataset.slug}"),
                checksums=checksums(dataset),
                author=commit_author(self.root, dataset.commit),
                **riwayat_helpers(self.portal),
            )


def catalog_index(portal: Portal, datasets: list[Dataset]) -> str:
    """Every dataset as the catalogue's cards show it, in their order: [url, title, description,
    producer, topic, years, periode, updated, level of detail, formats, licences, keywords], with the
    producers', topics' and licences' names once."""
    entries = [
        [
            d.url,
            d.spec.title,
            truncate(d.spec.description, 160),
            d.produsen,
            d.spec.satudata.topik,
            " ".join(str(y) for y in d.spec.satudata.years),
            d.spec.satudata.periode,
            (d.updated or "")[:10],
            rincian(d),
            " ".join(formats(d)),
            " ".join(lic.name for lic in d.spec.licenses or []),
            " ".join(d.spec.keywords or []),
        ]
        for d in datasets
    ]
    names = {p.kode: portal.producer_name(p.kode) for p in portal.produsen}
    licences = {lic.name: lic.title or lic.name for d in datasets for lic in d.spec.licenses or []}
    index = {"produsen": names, "topik": dict(portal.topik), "lisensi": licences, "dataset": entries}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"


def first_headline(dataset: Dataset, boundaries: Boundaries, produsen: str | None) -> Figure | None:
    """The first headline figure of the dataset's main view (the first that can be drawn), if any."""
    views, declared = views_of(dataset, boundaries)
    for view in views:
        found = (drawable if declared else inferred)(dataset, view, boundaries, produsen)
        if found is None:
            continue
        try:
            figures = headlines(dataset, found[0], produsen)
        except (ViewError, ValueError, KeyError):
            return None
        return figures[0] if figures else None
    return None


FORMATS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "json": "JSON", "parquet": "Parquet"}


def newest_first(datasets: list[Dataset]) -> list[Dataset]:
    """Most recently changed first (dates from Git), then by title."""
    by_title = sorted(datasets, key=lambda d: d.spec.title.casefold())
    return sorted(by_title, key=lambda d: d.updated or "", reverse=True)


def formats(dataset: Dataset) -> list[str]:
    """The download formats every table of the dataset has (a big table has no XLSX)."""
    found = [f for f in FORMATS if all(f in r.formats for r in dataset.resources)]
    return found or ["csv"]


def catalog_facets(portal: Portal, datasets: list[Dataset]) -> dict[str, list[tuple[str, str, int]]]:
    """The catalogue's facets: level of detail, format and licence, each a list of (value, label, count)."""
    levels: dict[str, int] = {}
    kinds: dict[str, int] = {}
    licences: dict[str, tuple[str, int]] = {}
    for d in datasets:
        levels[rincian(d)] = levels.get(rincian(d), 0) + 1
        for f in formats(d):
            kinds[f] = kinds.get(f, 0) + 1
        for lic in d.spec.licenses or []:
            title, n = licences.get(lic.name, (lic.title or lic.name, 0))
            licences[lic.name] = (title, n + 1)
    return {
        "tingkat": [(t, t.capitalize(), levels[t]) for t in TINGKAT if t in levels],
        "format": [(f, FORMATS[f], kinds[f]) for f in FORMATS if f in kinds],
        "lisensi": sorted(((name, title, n) for name, (title, n) in licences.items()), key=lambda x: x[1]),
    }


TINGKAT = ("nasional", "provinsi", "kabupaten/kota", "kecamatan", "desa/kelurahan")  # coarse to fine


def rincian(dataset: Dataset) -> str:
    """The dataset's level of detail: the finest region level its code columns declare (or hold), else
    its indicator's estimation level, else the level of the region it covers."""
    found: list[str] = [
        f.kode.tingkat for r in dataset.resources for f in r.spec.schema_.fields if f.kode and f.kode.tingkat
    ]
    found += [w.tingkat for r in dataset.resources for k in r.kode for _code, w in k.codes]
    meta = dataset.spec.satudata
    if not found:
        found = [meta.indikator.level_estimasi] if meta.indikator and meta.indikator.level_estimasi else []
    return max(found or [meta.cakupan.tingkat], key=TINGKAT.index)


def search_front(text: str, portal: Portal, dataset: Dataset) -> str:
    """The dataset page's search badges (producer, period, level of detail) and keywords (sebar.js ranks a
    page whose keyword the reader typed first) as front matter keys that
    the theme turns into Pagefind metadata (theme/main.html), whatever the page's template."""
    values = {
        "cari_produsen": portal.producer_name(dataset.produsen),
        "cari_periode": dataset.spec.satudata.periode,
        "cari_tingkat": rincian(dataset).capitalize(),
        "cari_kata_kunci": "; ".join(dataset.spec.keywords or []),
    }
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    if text.startswith("---\n"):
        return "---\n" + "\n".join(lines) + "\n" + text[4:]
    return "\n".join(["---", *lines, "---", ""]) + text


def truncate(text: str, length: int) -> str:
    """As Jinja's `truncate` filter (the cards' template) shortens a description."""
    return str(do_truncate(Environment(), text, length))


def checksums(dataset: Dataset) -> list[tuple[str, str]]:
    """(file name, SHA-256) of each download of the dataset, as published beside its page."""
    if dataset.files is None:
        return []
    names = [f"{r.spec.name}.{suffix}" for r in dataset.resources for suffix in r.formats]
    return [(name, sha256(dataset.files / name)) for name in names if (dataset.files / name).is_file()]


def commit_author(root: Path, commit: str | None) -> str | None:
    """The author of a dataset's last commit (its provenance while no record exists)."""
    if not commit:
        return None
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    from git.exc import BadName, GitCommandError

    try:
        return str(Repo(root, search_parent_directories=True).commit(commit).author.name)
    except (InvalidGitRepositoryError, NoSuchPathError, BadName, GitCommandError, ValueError):
        return None
