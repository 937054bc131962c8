"""Checks of the hand-written pages in content/ and of links in the repository: what `build` would
copy, link or fail on is found here first, so that `check` passing means the build succeeds."""

from __future__ import annotations

import html
import os
import posixpath
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from generator import load
from generator.config import Portal
from generator.errors import DatasetError
from generator.model import Dataset
from generator.validate.report import Issue

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PAGE_SUFFIXES = (".md", ".html", ".htm", ".xhtml", ".svg")  # files a browser may run script from
SCRIPT_SUFFIXES = (".js", ".mjs")
# Sebar's own files in the site; a content/ file there would be overwritten or break the build.
RESERVED = ("assets/sebar/", "dataset/", "pagefind/", "grafik/", "api/")
RESERVED_FILES: tuple[str, ...] = (
    "katalog/dcat.jsonld",
    "katalog/dcat.ttl",
    "katalog/dcat.rdf",
    "sitemap.xml",
    "404.html",
)
# the crawlers' and harvesters' files (render/web.py, render/api.py)
RESERVED_FILES += ("robots.txt", "feed.xml", "sitemap.xml.gz", "katalog/katalog.csv", "katalog/katalog.json")
RESERVED_FILES += ("bantuan/templat-dataset.xlsx",)  # the spreadsheet template (generator/templat.py)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]*`")
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")  # [text](target) and ![alt](target)
MD_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
LINE = re.compile(r"baris (\d+)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Raw HTML in content pages is allowed for layout; what runs script is not.
URL_CONTEXT = r"(?:(?:href|src|action|formaction|data|poster|background|xlink:href)\s*=\s*[\"']?|\]\(\s*<?|\]:\s*<?)"


def scheme(word: str) -> str:
    return "[\t\n\r]*".join(word)  # browsers drop tabs and newlines inside a URL: java\tscript:


UNSAFE = (
    (re.compile(r"<\s*(script|iframe|object|embed|base|meta|frame|frameset|applet)\b", re.I), "elemen <{0}>"),
    (re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.I), "atribut {0}="),
    (
        re.compile(
            URL_CONTEXT + r"[\x00-\x20]*(" + "|".join(map(scheme, ("javascript", "vbscript", "data"))) + "):", re.I
        ),
        "alamat {0}:",
    ),
    (re.compile(r"(expression)\s*\(", re.I), "CSS {0}()"),
)


def walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry below `folder` with its own status (links are not followed), sorted."""
    for entry in sorted(folder.iterdir()):
        info = entry.lstat()
        yield entry, info
        if stat.S_ISDIR(info.st_mode):
            yield from walk(entry)


def link_issues(root: Path, folder: Path, dataset: str) -> list[Issue]:
    """Symbolic links and special files below `folder`: a link could publish /proc/self/environ,
    /etc/passwd or a `terbatas` file, a FIFO or device would hang the build."""
    issues = []
    if not folder.exists() and not folder.is_symlink():
        return []
    entries = [(folder, folder.lstat())]
    if stat.S_ISDIR(entries[0][1].st_mode):
        entries += list(walk(folder))
    for path, info in entries:
        where = path.relative_to(root).as_posix()
        if stat.S_ISLNK(info.st_mode):
            params = {"path": where, "target": os.readlink(path)}
            issues.append(Issue("symlink", dataset, where, params=params))
        elif not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
            issues.append(Issue("special-file", dataset, where, params={"path": where}))
    return issues


def generated_paths(portal: Portal, datasets: list[Dataset]) -> set[str]:
    """The pages Sebar writes into the docs folder (render.pages.Pages.all), as docs paths."""
    pages = [
        "index.md",
        "katalog/index.md",
        "publikasi/index.md",
        "cari/index.md",
        "produsen/index.md",
        "topik/index.md",
        "riwayat/index.md",
    ]
    pages += [f"produsen/{p.kode}/index.md" for p in portal.produsen]
    pages += [f"topik/{code}/index.md" for code in portal.topik]
    for dataset in datasets:
        if dataset.public:
            pages.append(f"{dataset.url}index.md")
            pages.append(f"{dataset.url}datapackage.json")
            for resource in dataset.resources:
                pages += [f"{dataset.url}{resource.spec.name}.{suffix}" for suffix in ("csv", "json", "xlsx")]
    return {*pages, "katalog/dcat.jsonld", "katalog/dcat.ttl", "katalog/dcat.rdf", "bantuan/templat-dataset.xlsx"}


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def front_matter_issue(text: str, file: str) -> Issue | None:
    """Front matter must be YAML key: value pairs (the theme prints some of them in every page)."""
    found = FRONT_MATTER.match(text)
    if not found:
        return None
    try:  # a leading newline for the opening `---`, so that the reader's line numbers are the page's
        meta = load.parse_yaml("\n" + (found.group(1) or ""), file)
    except DatasetError as error:
        where = LINE.search(error.detail)
        line = int(where.group(1)) if where else 1
        return Issue("content-front-matter", "content", file, row=line, params={"line": line, "detail": error.detail})
    if meta is None:
        return None
    detail = None
    if not isinstance(meta, dict):
        detail = "harus berupa kelompok kunci: nilai"
    elif "template" in meta:  # a theme template chosen by a page: a missing one crashes the build
        detail = "kunci `template` tidak diizinkan; halaman memakai tampilan portal"
    else:
        wrong = [key for key in ("title", "description") if key in meta and not isinstance(meta[key], str)]
        if wrong:
            detail = f"`{wrong[0]}` harus berupa teks"
    if detail is None:
        return None
    return Issue("content-front-matter", "content", file, row=2, params={"line": 2, "detail": detail})


def without_code(text: str) -> str:
    """Markdown code blocks and spans blanked out (same lines): they are shown, never run or linked."""
    text = FENCE.sub(lambda m: "\n" * m.group().count("\n"), text)
    return CODE_SPAN.sub(lambda m: " " * len(m.group()), text)


def unsafe_issues(text: str, file: str) -> list[Issue]:
    issues: list[Issue] = []
    # an attribute's entities are decoded by the browser (`&#106;avascript:`); escaped text
    # (`&lt;script&gt;`) is only shown, so only the address pattern looks at the decoded page
    for source, patterns in ((text, UNSAFE), (html.unescape(text), UNSAFE[2:3])):
        for pattern, what in patterns:
            for found in pattern.finditer(source):
                line = line_of(source, found.start())
                if any(i.row == line for i in issues):
                    continue  # one report per line is enough
                name = re.sub(r"\s", "", found.group(1).lower())
                params = {"line": line, "what": what.format(name)}
                issues.append(Issue("content-unsafe-html", "content", file, row=line, params=params))
    return sorted(issues, key=lambda i: i.row or 0)


def broken_links(text: str, page: str, known: set[str], file: str) -> list[Issue]:
    """Relative Markdown links whose target is neither a content file nor a page Sebar writes."""
    issues: list[Issue] = []
    blank = without_code(text)
    targets = [(m.start(1), m.group(1)) for m in MD_LINK.finditer(blank)]
    targets += [(m.start(1), m.group(1)) for m in MD_REFERENCE.finditer(blank)]
    for offset, link in sorted(targets):
        path = unquote(link.split("#", 1)[0].split("?", 1)[0])  # `laporan%202024.pdf` as mkdocs reads it
        if not path or SCHEME.match(path) or path.startswith("/"):
            continue  # an anchor on the same page, a web address or mailto:, or site-absolute
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        candidates = {target, f"{target}/index.md", f"{target}.md" if not target.endswith(".md") else target}
        if target.startswith("../") or target == ".." or not candidates & known:
            line = line_of(text, offset)
            issues.append(Issue("content-link", "content", file, row=line, params={"line": line, "link": link}))
    return issues


def nav_pages(nav: object) -> Iterator[str]:
    """The pages mkdocs.yml's `nav` names (web addresses aside), at any depth."""
    if isinstance(nav, str):
        if not SCHEME.match(nav) and not nav.startswith("/"):
            yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from nav_pages(item)


def check_content(root: Path, portal: Portal, datasets: list[Dataset], nav: object = None) -> list[Issue]:
    """Every problem of content/ (and of the pages `nav` names) that would leak a file, run script,
    or fail the build."""
    folder = root / "content"
    issues = link_issues(root, folder, "content")
    if issues or not folder.is_dir():
        return issues  # never read through a link or from a FIFO
    files = {p.relative_to(folder).as_posix(): p for p, info in walk(folder) if stat.S_ISREG(info.st_mode)}
    generated = generated_paths(portal, datasets)
    known = set(files) | generated | {f"assets/sebar/{p.name}" for p in ASSETS.iterdir()}
    for page, path in files.items():
        file = f"content/{page}"
        clash = page if page in generated else None
        if page.endswith(".md") and page.removesuffix(".md") + "/index.md" in generated:
            clash = page.removesuffix(".md") + "/index.md"  # both would become the same web page
        if page.startswith(RESERVED) or page in RESERVED_FILES:
            clash = page
        if clash:
            issues.append(Issue("content-collision", "content", file, params={"path": file, "page": clash}))
        if page.endswith(SCRIPT_SUFFIXES):
            issues.append(Issue("content-script", "content", file, params={"path": file}))
        if not page.endswith(PAGE_SUFFIXES):
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            issues.append(Issue("content-encoding", "content", file, row=line, params={"path": file, "line": line}))
            continue
        text = text.removeprefix("\ufeff")
        issues += unsafe_issues(without_code(text) if page.endswith(".md") else text, file)
        if page.endswith(".md"):
            problem = front_matter_issue(text, file)
            if problem:
                issues.append(problem)
            issues += broken_links(text, page, known, file)
    from generator.validate.publications import check_publications  # it imports publications/, which imports this
    from generator.views.regions import load as load_boundaries

    issues += check_publications(root, portal, datasets, files, load_boundaries(root)[0])
    for page in nav_pages(nav):
        if posixpath.normpath(page) not in known:
            issues.append(Issue("mkdocs-nav", "portal", "mkdocs.yml", params={"page": page}))
    return issues
