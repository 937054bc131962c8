"""What crawlers and feed readers read: sitemap.xml with each page's own Git date, robots.txt, the Atom feed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.config import Portal
from generator.errors import BuildError
from generator.model import Dataset
from generator.publications.catalog import Publication, page_url
from generator.sop.records import Record

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
OUTSIDE_GIT = "1980-01-01T00:00:00+00:00"  # as build.source_date: a portal outside Git has no dates


@dataclass(frozen=True)
class GitDates:
    """The ISO date of the last commit of each file below a folder; `head` (the last commit's date) for a
    file that is not committed as it is (changed, new) and for anything else without a date of its own."""

    files: dict[str, str]  # path relative to the folder -> ISO date
    head: str

    def of(self, relative: str) -> str:
        return self.files.get(relative, self.head)


def git_dates(root: Path, folder: str = "content") -> GitDates:
    """One `git log` over `root/folder` (and one `git status`), never a process per file."""
    from git import InvalidGitRepositoryError, NoSuchPathError, Repo
    from git.exc import GitCommandError

    try:
        repo = Repo(root, search_parent_directories=True)
        head = repo.git.log("-1", "--format=%cI").strip()
        if repo.working_tree_dir is None or not head:
            return GitDates({}, OUTSIDE_GIT)
        top = Path(repo.working_tree_dir).resolve()
        prefix = (root.resolve() / folder).relative_to(top).as_posix()
        log = repo.git.log("--format=@%cI", "--name-only", "--no-renames", "--", prefix)
        status = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", prefix)
    except (InvalidGitRepositoryError, NoSuchPathError, GitCommandError, ValueError):
        return GitDates({}, OUTSIDE_GIT)
    files: dict[str, str] = {}
    date = head
    for line in log.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and line not in files:  # newest first: the first date seen is the last commit's
            files[line] = date
    for entry in status.split("\0"):
        if len(entry) > 3:
            files.pop(entry[3:], None)  # changed and not committed: the tree is newer than its commit
    start = len(prefix) + 1
    return GitDates({path[start:]: when for path, when in files.items() if path.startswith(prefix + "/")}, head)


def newest(dates: Iterable[str | None], default: str) -> str:
    """The latest of ISO dates written with any offset; `default` when there is none."""
    found = [d for d in dates if d]
    return max(found, key=datetime.datetime.fromisoformat) if found else default


def page_dates(
    portal: Portal,
    pages: Iterable[Path],
    content: GitDates,
    datasets: list[Dataset],
    publications: list[Publication],
    records: list[Record] | None = None,
) -> dict[str, str]:
    """Page URL (inside the site) -> the Git date of what the page is made of: a dataset page its dataset's,
    a content/ page its source file's, a listing page the newest of what it lists."""
    head = content.head
    dataset_dates = {d.url: d.updated or head for d in datasets}
    sources = {p.url: p.source for p in publications}

    def pub_date(publication: Publication) -> str:
        return content.of(publication.source)

    def listed(items: list[Dataset], pubs: list[Publication]) -> str:
        return newest([*(dataset_dates[d.url] for d in items), *(pub_date(p) for p in pubs)], head)

    fixed = {
        "": listed(datasets, publications),
        "cari/": listed(datasets, publications),
        "produsen/": listed(datasets, publications),
        "topik/": listed(datasets, publications),
        "publikasi/": listed([], publications),
        "riwayat/": newest((r.tersebar for r in records or []), head),
    }
    for producer in portal.produsen:
        own = [p for p in publications if p.produsen == producer.kode]
        fixed[f"produsen/{producer.kode}/"] = listed([d for d in datasets if d.produsen == producer.kode], own)
    for code in portal.topik:
        fixed[f"topik/{code}/"] = listed(
            [d for d in datasets if d.spec.satudata.topik == code], [p for p in publications if p.topik == code]
        )
    found: dict[str, str] = {}
    for page in pages:
        if page.suffix != ".md":
            continue
        url = page_url(page.as_posix())
        if url in dataset_dates:
            found[url] = dataset_dates[url]
        elif url in sources:
            found[url] = pub_date(next(p for p in publications if p.url == url))
        elif url in fixed:
            found[url] = fixed[url]
        elif url.startswith("katalog/"):  # every catalogue page counts and filters all datasets
            found[url] = listed(datasets, [])
        else:
            found[url] = content.of(page.as_posix())
    return found


def sitemap_xml(portal: Portal, dates: dict[str, str]) -> bytes:
    """sitemaps.org 0.9: every page with its date, in URL order; nothing else (no assets, no 404)."""
    site = absolute(portal, "")
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for url in sorted(dates):
        entry = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = site + url
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = dates[url]
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(portal: Portal) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(portal, 'sitemap.xml')}\n".encode()


def atom_feed(portal: Portal, datasets: list[Dataset], publications: list[Publication], content: GitDates) -> bytes:
    """RFC 4287: one entry per published dataset and publication, newest first, dated from Git."""
    entries = [
        (
            d.updated or content.head,
            d.url,
            d.spec.title,
            d.spec.description,
            portal.producer_name(d.produsen),
        )
        for d in datasets
    ] + [
        (
            content.of(p.source),
            p.url,
            p.judul,
            p.deskripsi or f"{p.kind}: {p.judul}",
            portal.producer_name(p.produsen) if p.produsen else portal.nama,
        )
        for p in publications
    ]
    entries.sort(key=lambda e: (datetime.datetime.fromisoformat(e[0]), e[1]), reverse=True)

    def add(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", attributes)
        element.text = text
        return element

    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "id")
    add(feed, "id", absolute(portal, FEED))
    add(feed, "title", f"{portal.nama}: dataset dan publikasi terbaru")
    add(feed, "subtitle", portal.deskripsi)
    add(feed, "updated", newest((e[0] for e in entries), content.head))
    add(feed, "link", rel="self", type="application/atom+xml", href=absolute(portal, FEED))
    add(feed, "link", rel="alternate", type="text/html", href=absolute(portal, ""))
    add(add(feed, "author"), "name", portal.walidata.nama)
    add(feed, "generator", "Sebar")
    for updated, url, title, summary, author in entries:
        entry = add(feed, "entry")
        add(entry, "id", absolute(portal, url))
        add(entry, "title", title)
        add(entry, "updated", updated)
        add(entry, "link", rel="alternate", type="text/html", href=absolute(portal, url))
        add(add(entry, "author"), "name", author)
        add(entry, "summary", summary)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def absolute(portal: Portal, url: str) -> str:
    """A path inside the site as an absolute link (build sets portal.url, a preview's included)."""
    if not portal.url:
        raise BuildError("`url` belum diisi di portal.yml, mis. `url: https://satudata.kotaanda.go.id/`")
    return portal.url.rstrip("/") + "/" + url.lstrip("/")
