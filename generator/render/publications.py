"""Content pages into site pages: blocks (```grafik, ```angka, ```tabel, ```ikon) become HTML in any
page; `jenis: dasbor` gets its filter, `infografis` its PNG and PDF, `buku` its PDF and chapters.

The check (validate/publications.py) has read every page and block before this runs: here a page's
blocks are valid and their data is there. Slow exports (PNG, PDF) are cached by content.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import posixpath
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from generator.config import Portal
from generator.model import Dataset
from generator.publications import book as books
from generator.publications import infographic as infographics
from generator.publications.blocks import Block, Ikon, fences, replace
from generator.publications.catalog import Publication, page_url
from generator.publications.front import Buku, Dasbor, Infografis, chapter_path
from generator.render.catalog import publication_html
from generator.render.charts import Charts
from generator.validate.publications import Page, chapters, read_pages
from generator.views import Chart, Figure, teks
from generator.views import data as views_data
from generator.views.describe import headline, time_field
from generator.views.figure import chart as make_chart
from generator.views.html import chart_html, dashboard_filter_html, headline_html, headlines_html
from generator.views.model import Angka, Tabel, View
from generator.views.regions import Boundaries
from generator.views.regions import load as load_boundaries
from generator.views.static import cache_folder, svgs, write_atomically

CSS = Path("assets/sebar/infografis.css")  # the infographic's stylesheet in the site (no inline style: CSP)
ICON_COLOUR = "#1d5fa8"
Rendered = dict[Path, bytes]


def export_cache(kind: str, *parts: bytes | str) -> tuple[Path, str]:
    """The cache file of an export (PNG or PDF) made of `parts`, by their hash and the tools' versions."""
    digest = hashlib.sha256(f"{kind} weasyprint {metadata.version('weasyprint')}".encode())
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    folder = cache_folder().parent / "publikasi"
    return folder / f"{digest.hexdigest()}.{kind}", digest.hexdigest()


def cached(kind: str, make: Any, *parts: bytes | str) -> bytes:
    path, _ = export_cache(kind, *parts)
    if path.is_file():
        return path.read_bytes()
    data: bytes = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return data


class Publisher:
    """The content pages of one render: call `pages()` once; `files` then holds what they link to."""

    def __init__(
        self,
        root: Path,
        portal: Portal,
        datasets: list[Dataset],
        charts: Charts,
        publications: Sequence[Publication] = (),
    ) -> None:
        self.root, self.portal, self.charts = root, portal, charts
        self.datasets = {f"{d.produsen}/{d.slug}": d for d in datasets}
        self.publications = {p.url: p for p in publications}
        self.names = {p.kode: p.nama for p in portal.produsen}
        self.boundaries: Boundaries | None = None
        self.files: Rendered = {}

    def pages(self, files: dict[str, Path]) -> tuple[dict[Path, str], set[Path]]:
        """(page -> Markdown text) of every page with blocks or a `jenis`, and the book chapter files
        that are not pages of their own."""
        pages, _, _ = read_pages(self.portal, files)
        parts = chapters(pages)
        out: dict[Path, str] = {}
        for name, page in pages.items():
            if name in parts or not page.published:
                continue
            out[Path(name)] = self.page(Path(name), page, pages)
        return out, {Path(p) for p in parts}

    # ------------------------------------------------------------ blocks

    def dataset(self, model: BaseModel) -> Dataset:
        return self.datasets[str(getattr(model, "dataset", ""))]

    def producer(self, dataset: Dataset) -> str:
        return self.names.get(dataset.produsen, dataset.produsen)

    def chart(self, view: View) -> Chart:
        if self.boundaries is None:
            self.boundaries = load_boundaries(self.root)[0]
        dataset = self.dataset(view)
        return make_chart(dataset, view, self.boundaries, self.producer(dataset))

    def headline(self, angka: Angka) -> Figure:
        dataset = self.dataset(angka)
        return headline(dataset, angka, self.producer(dataset))

    def chart_block(self, view: View, url: str, id: str) -> str:
        chart = self.chart(view)
        svg, data = self.charts.add(chart, url)
        return chart_html(chart, svg, data, id)

    def table(self, tabel: Tabel) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], str]:
        """(title, header, rows, source) of a ```tabel block, cells in id-ID."""
        dataset = self.dataset(tabel)
        fields = views_data.fields(dataset, tabel.sumber)
        wanted = list(tabel.kolom or fields) if not tabel.pivot else []
        if tabel.pivot:
            wanted = [tabel.pivot.baris, tabel.pivot.kolom, tabel.pivot.nilai]
        rows = views_data.frame(dataset, tabel.sumber, [*wanted, *tabel.saring])
        rows = views_data.filtered(rows, tabel.saring)
        if tabel.pivot:
            frame = views_data.pivot(rows, tabel.pivot)
            header = (fields[tabel.pivot.baris].title, *[teks.label(c) for c in frame.columns[1:]])
            number_columns = set(frame.columns[1:])
            places = {c: teks.decimals(frame[c].dropna()) for c in number_columns}
        else:
            frame = rows[[c for c in fields if c in wanted]] if not tabel.kolom else rows[list(tabel.kolom)]
            header = tuple(fields[c].title for c in frame.columns)
            number_columns = {c for c in frame.columns if fields[c].type in ("integer", "number")}
            places = {c: teks.decimals(frame[c].dropna()) for c in number_columns}
        body = []
        for record in frame.itertuples(index=False):
            cells = []
            for column, value in zip(frame.columns, record, strict=True):
                value = views_data.plain(value)
                cells.append(teks.number(value, places[column]) if column in number_columns else teks.label(value))
            body.append(tuple("–" if c in ("None", "nan") else c for c in cells))
        title = tabel.judul or dataset.spec.title
        source = f"Sumber: {self.producer(dataset)}, {dataset.spec.title}"
        return title, header, tuple(body), source

    def table_html(self, tabel: Tabel, id: str) -> str:
        title, header, rows, source = self.table(tabel)
        head = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in header)
        lines = []
        for row in rows:
            cells = [Markup('<th scope="row">{}</th>').format(row[0])]
            for cell in row[1:]:
                number = NUMBER_CELL if views_html_number(cell) else Markup("")
                cells.append(Markup("<td{}>{}</td>").format(number, cell))
            lines.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
        return Markup(
            '<div class="sebar-grafik__tabel sebar-tabel" id="{id}" role="region" tabindex="0" '
            'aria-labelledby="{id}-judul">'
            '<table>\n<caption id="{id}-judul">{title}</caption>\n<thead><tr>{head}</tr></thead>\n'
            "<tbody>\n{body}\n</tbody>\n</table></div>\n"
            '<p class="sebar-tabel__sumber">{source}</p>\n'
        ).format(id=id, title=title, head=head, body=Markup("\n").join(lines), source=source)

    def icon_html(self, ikon: Ikon, id: str) -> str:
        src = infographics.icon_uri(ikon.ikon, ICON_COLOUR)
        title = Markup("<strong>{}</strong> ").format(ikon.judul) if ikon.judul else ""
        return Markup(
            '<div class="sebar-ikon" id="{id}"><img src="{src}" alt="" width="40" height="40">'
            "<p>{title}{text}</p></div>\n"
        ).format(id=id, src=src, title=title, text=ikon.teks)

    def block_html(self, block: Block, model: BaseModel, url: str) -> str:
        if isinstance(model, View):
            return self.chart_block(model, url, block.id)
        if isinstance(model, Angka):
            return headline_html(self.headline(model), block.id)
        if isinstance(model, Tabel):
            return self.table_html(model, block.id)
        assert isinstance(model, Ikon)
        return self.icon_html(model, block.id)

    # ------------------------------------------------------------ pages

    def page(self, relative: Path, page: Page, pages: dict[str, Page]) -> str:
        url = page_url(relative.as_posix())
        if isinstance(page.front, Dasbor):
            text = self.dashboard(relative, url, page)
        elif isinstance(page.front, Infografis):
            text = self.infographic(relative, url, page)
        elif isinstance(page.front, Buku):
            text = self.book(relative, url, page, pages)
        else:
            html = {block.id: self.block_html(block, model, url) for block, model in page.blocks}
            text = replace(page.text, grouped(page, html, ("angka",)))
        publication = self.publications.get(url)
        if publication is not None:  # its schema.org JSON-LD and the kind badge that search filters on
            used = [self.datasets[name] for name in publication.datasets if name in self.datasets]
            head, body = split_front(text)
            text = f"{head}\n{publication_html(self.portal, publication, used)}\n\n{body}"
        return titled(text, page)

    def dashboard(self, relative: Path, url: str, page: Page) -> str:
        front = page.front
        assert isinstance(front, Dasbor)
        filtered = {block.id: self.filter_fields(model, front.saring) for block, model in page.blocks}
        values = self.filter_values(page, front.saring, filtered)
        latest = tuple(v[-1] for v in values.values())
        choices: dict[str, dict[str, Any]] = {}
        html: dict[str, str] = {}
        for combination in itertools.product(*values.values()):
            key = "|".join(teks.label(v) for v in combination)
            entry: dict[str, Any] = {"grafik": {}, "angka": {}}
            for block, model in page.blocks:
                own = filtered[block.id]
                if not own and combination != latest:
                    continue
                chosen = dict(zip(values, combination, strict=True))
                narrowed = self.narrowed(model, {f: chosen[f] for f in own})
                if isinstance(narrowed, View):
                    chart = self.chart(narrowed)
                    svg, data = self.charts.add(chart, url)
                    if own:
                        entry["grafik"][block.id] = {"svg": svg, "json": data}
                    if combination == latest:
                        html[block.id] = chart_html(chart, svg, data, block.id)
                elif isinstance(narrowed, Angka):
                    figure = self.headline(narrowed)
                    if own:
                        entry["angka"][block.id] = {
                            "nilai": figure.value,
                            "periode": figure.period or "",
                            "perubahan": figure.change or "",
                            "arah": figure.direction or "",
                        }
                    if combination == latest:
                        html[block.id] = headline_html(figure, block.id)
                elif combination == latest:
                    html[block.id] = self.block_html(block, narrowed, url)
            choices[key] = entry
        data_file = Path(url) / "saring.json"
        self.files[data_file] = json.dumps(
            {"saring": list(values), "nilai": choices}, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        labels = {f: self.field_title(page, f) for f in values}
        form = dashboard_filter_html(
            {f: [teks.label(v) for v in vs] for f, vs in values.items()},
            "saring.json",
            labels,
            {f: teks.label(v) for f, v in zip(values, latest, strict=True)},
        )
        html = grouped(page, html, ("angka", "grafik"))
        first = page.blocks[0][0].id if page.blocks else None
        if first:
            html[first] = form + html[first]
        return replace(page.text, html)

    def filter_fields(self, model: BaseModel, wanted: Iterable[str]) -> list[str]:
        """The dashboard filters a block follows: those its table has, but not its own x (a line over years)."""
        if not isinstance(model, (View, Angka)):
            return []
        fields = views_data.fields(self.dataset(model), model.sumber)
        x = model.x if isinstance(model, View) else None
        return [f for f in wanted if f in fields and f != x and f not in model.saring]

    def filter_values(self, page: Page, wanted: list[str], filtered: dict[str, list[str]]) -> dict[str, list[Any]]:
        """Each filter's choices: the values every block that follows it has (sorted; the last is shown first)."""
        values: dict[str, list[Any]] = {}
        for name in wanted:
            common: set[Any] | None = None
            for block, model in page.blocks:
                if name not in filtered[block.id]:
                    continue
                assert isinstance(model, (View, Angka))
                column = views_data.frame(self.dataset(model), model.sumber, [name])[name]
                present = {views_data.plain(v) for v in column.dropna().unique()}
                common = present if common is None else common & present
            values[name] = sorted(common or [])
        return {k: v for k, v in values.items() if v}

    def narrowed(self, model: BaseModel, chosen: dict[str, Any]) -> BaseModel:
        """The block with the dashboard's choice added to its `saring`. A headline filtered on its own
        period column keeps the periods up to the choice, so that it still compares with the one before."""
        if not chosen or not isinstance(model, (View, Angka)):
            return model
        saring = dict(model.saring)
        period = time_field(self.dataset(model), model.sumber, model.x) if isinstance(model, Angka) else None
        for name, value in chosen.items():
            if name == period:  # every period of the block's own table up to the choice
                column = views_data.frame(self.dataset(model), model.sumber, [name])[name]
                saring[name] = sorted(v for v in {views_data.plain(x) for x in column.dropna().unique()} if v <= value)
            else:
                saring[name] = value
        return model.model_copy(update={"saring": saring})

    def field_title(self, page: Page, name: str) -> str:
        for _, model in page.blocks:
            fields = views_data.fields(self.dataset(model), getattr(model, "sumber", None))
            if name in fields and getattr(model, "dataset", None):
                return fields[name].title
        return name.replace("_", " ").capitalize()

    def infographic(self, relative: Path, url: str, page: Page) -> str:
        front = page.front
        assert isinstance(front, Infografis)
        figures = tuple(self.headline(m) for _, m in page.blocks if isinstance(m, Angka))
        charts = [self.chart(m) for _, m in page.blocks if isinstance(m, View)]
        drawn = svgs({c.key: c.figure for c in charts})
        notes = tuple(infographics.Note(m.teks, m.ikon, m.judul) for _, m in page.blocks if isinstance(m, Ikon))
        producers = sorted({self.producer(self.dataset(m)) for _, m in page.blocks if not isinstance(m, Ikon)})
        producer = self.names.get(front.produsen or "", "") or ", ".join(producers)
        titles = sorted({self.dataset(m).spec.title for _, m in page.blocks if not isinstance(m, Ikon)})
        info = infographics.Infographic(
            title=front.name,
            producer=producer,
            portal=self.portal.nama,
            source=f"Sumber: {', '.join(producers)} ({'; '.join(titles)})",
            figures=figures,
            period=str(front.tahun) if front.tahun else None,
            notes=notes,
            charts=tuple(infographics.Picture(c.title, drawn[c.key], c.alt) for c in charts),
            theme=front.tema,
        )
        standalone = infographics.infographic_html(info)
        stem = relative.with_suffix("").name if relative.name != "index.md" else relative.parent.name
        png = cached("png", lambda: infographics.infographic_png(standalone), standalone)
        pdf = cached("pdf", lambda: infographics.infographic_pdf(standalone), standalone)
        self.files[Path(url) / f"{stem}.png"] = png
        self.files[Path(url) / f"{stem}.pdf"] = pdf
        self.files[CSS] = infographics.CSS.read_bytes()
        css = posixpath.relpath(CSS.as_posix(), url.rstrip("/") or ".")
        fragment = infographics.infographic_fragment(info)
        downloads = Markup(
            '<link rel="stylesheet" href="{css}">\n'
            '<p class="sebar-unduh">Unduh: <a href="{png}" download>Unduh PNG</a> (1080×1350 piksel, {png_kb} KB) · '
            '<a href="{pdf}" download>Unduh PDF</a> ({pdf_kb} KB)</p>\n'
        ).format(css=css, png=f"{stem}.png", pdf=f"{stem}.pdf", png_kb=kb(png), pdf_kb=kb(pdf))
        head, body = split_front(page.text)
        return head + raw_block("sebar-infografis", downloads + Markup(fragment)) + "\n"

    def book(self, relative: Path, url: str, page: Page, pages: dict[str, Page]) -> str:
        front = page.front
        assert isinstance(front, Buku)
        folder = relative.parent.as_posix() if relative.parent != Path(".") else ""
        used: dict[str, Dataset] = {}
        read = [self.chapter_parts(pages[chapter_path(folder, name)], used) for name in front.bab]
        pictures = [p for _, parts in read for p in parts if isinstance(p, Chart)]
        drawn = svgs({c.key: c.figure for c in pictures})
        for chart in pictures:
            self.charts.add(chart, url)
        chapters_ = [
            books.Chapter(
                title,
                [books.BookFigure.from_chart(p, drawn[p.key]) if isinstance(p, Chart) else p for p in parts],
            )
            for title, parts in read
        ]
        foreword = front.pengantar_file()
        pengantar = pages[chapter_path(folder, foreword)].text if foreword else (front.pengantar or "")
        producer = self.names.get(front.produsen or "", front.produsen or "")
        annex = tuple(
            books.DatasetMeta(
                judul=d.spec.title,
                produsen=self.producer(d),
                periode=d.spec.satudata.periode,
                lisensi=d.spec.licenses[0].title or d.spec.licenses[0].name,
                sumber=d.spec.satudata.sumber.nama,
                url=(self.portal.url.rstrip("/") + "/" + d.url) if self.portal.url else f"/{d.url}",
            )
            for _, d in sorted(used.items())
        )
        book = books.Book(
            judul=front.name,
            produsen=producer,
            tahun=front.tahun or (front.tanggal.year if front.tanggal else 0),
            bab=chapters_,
            subjudul=front.subjudul,
            nomor=front.nomor,
            pengantar=pengantar,
            lampiran=annex,
            portal=self.portal.nama,
            issn=front.issn,
            isbn=front.isbn,
            kota=front.kota,
            tanggal=front.tanggal,
        )
        stem = relative.with_suffix("").name if relative.name != "index.md" else relative.parent.name
        document = books.book_document(book)
        pdf = cached("pdf", lambda: books.book_pdf(book), document)
        self.files[Path(url) / f"{stem}.pdf"] = pdf
        base = posixpath.relpath("grafik", url.rstrip("/") or ".")
        html = books.book_html(book, lambda f: f"{base}/{f.key[:16]}.svg")
        link = Markup('<p class="sebar-unduh"><a href="{pdf}" download>Unduh PDF</a> ({kb} KB)</p>\n').format(
            pdf=f"{stem}.pdf", kb=kb(pdf)
        )
        head, body = split_front(page.text)
        heading = body.strip() or f"# {front.name}"
        return head + heading + "\n\n" + raw_block("sebar-buku", link + Markup(html)) + "\n"

    def chapter_parts(self, chapter: Page, used: dict[str, Dataset]) -> tuple[str, list[books.Part | Chart]]:
        """A chapter file's title (its first `# heading`) and its parts: text, tables and figures."""
        lines = chapter.text.split("\n")
        models = {block.id: model for block, model in chapter.blocks}
        parts: list[books.Part | Chart] = []
        done = 0
        title = ""
        for fence in fences(lines):
            if fence.kind is None or fence.end is None:
                continue
            parts.append("\n".join(lines[done : fence.start]))
            done = fence.end + 1
            model = models.get(f"{fence.kind}-{fence.ordinal}")
            if model is None:
                continue
            if getattr(model, "dataset", None):
                used[str(model.dataset)] = self.dataset(model)  # type: ignore[attr-defined]
            if isinstance(model, Tabel):
                name, header, rows, source = self.table(model)
                parts.append(books.BookTable(name, header, rows, source))
            elif isinstance(model, View):
                parts.append(self.chart(model))
            elif isinstance(model, Angka):
                figure = self.headline(model)
                unit = f" {figure.unit}" if figure.unit else ""
                parts.append(f"**{figure.label}**: {figure.value}{unit} ({figure.period or ''})")
            elif isinstance(model, Ikon):
                parts.append(model.teks)
        parts.append("\n".join(lines[done:]))
        first = parts[0] if parts and isinstance(parts[0], str) else ""
        text_lines = first.split("\n")
        for n, line in enumerate(text_lines):
            if line.startswith("# "):
                title = line[2:].strip()
                parts[0] = "\n".join(text_lines[:n] + text_lines[n + 1 :])
                break
        parts = [p for p in parts if not isinstance(p, str) or p.strip()]
        return title or "Bab", parts


NUMBER_CELL = Markup(' class="angka"')


def views_html_number(cell: str) -> bool:
    from generator.views.html import NUMBER

    return bool(NUMBER.match(cell))


def grouped(page: Page, html: dict[str, str], kinds: tuple[str, ...]) -> dict[str, str]:
    """Consecutive blocks of one kind (only blank lines between) form one grid: the first block holds
    the grid (headline cards: div.sebar-angka; dashboard charts: div.sebar-dasbor), the others nothing."""
    lines = page.text.split("\n")
    runs: list[list[str]] = []
    previous: tuple[str, int] | None = None
    for fence in fences(lines):
        if fence.kind is None or fence.end is None:
            previous = None
            continue
        name = f"{fence.kind}-{fence.ordinal}"
        joined = (
            previous is not None
            and previous[0] == fence.kind
            and all(not line.strip() for line in lines[previous[1] + 1 : fence.start])
        )
        if joined:
            runs[-1].append(name)
        else:
            runs.append([name])
        previous = (fence.kind, fence.end)
    out = dict(html)
    for run in runs:
        kind = run[0].rsplit("-", 1)[0]
        if kind not in kinds or not all(n in html for n in run):
            continue
        inner = Markup("").join(Markup(html[n]) for n in run)
        out[run[0]] = headlines_html([html[n] for n in run]) if kind == "angka" else wrap("sebar-dasbor", inner)
        for name in run[1:]:
            out[name] = ""
    return out


def wrap(css: str, inner: str) -> str:
    return Markup('<div class="{}">\n{}</div>\n').format(css, Markup(inner))


def raw_block(css: str, inner: str) -> str:
    """HTML the site's Markdown keeps whole (rawhtml.py): a <div> from the start of a line, no blank line inside."""
    lines = [line for line in str(inner).replace("\r\n", "\n").split("\n") if line.strip()]
    return "\n".join([f'<div class="{css}">', *lines, "</div>"]) + "\n"


def split_front(text: str) -> tuple[str, str]:
    from generator.validate.content import FRONT_MATTER

    found = FRONT_MATTER.match(text)
    return (found.group(), text[found.end() :]) if found else ("", text)


def titled(text: str, page: Page) -> str:
    """The theme reads `title` and `description`: a publication's `judul` and `deskripsi` become them."""
    front = page.front
    if front is None:
        return text
    head, body = split_front(text)
    extra = []
    if not front.title and front.name:
        extra.append(f"title: {json.dumps(front.name, ensure_ascii=False)}")
    if not front.description and front.summary:
        extra.append(f"description: {json.dumps(front.summary, ensure_ascii=False)}")
    if not extra or not head:
        return text
    first, rest = head.split("\n", 1)
    return "\n".join([first, *extra, rest]) + body


def kb(data: bytes) -> str:
    return teks.number(max(1, round(len(data) / 1024)), 0)
