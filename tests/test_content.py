"""content/ pages, symbolic links and special files, portal.yml values: what `check` finds is what
`build` would have failed on or leaked (issue 5, items 2, 4, 9 and 13), on real files and builds."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from generator.build import build
from generator.errors import BuildError
from generator.render import content_files
from generator.render.pages import Pages
from generator.validate import check
from generator.validate.content import generated_paths
from tests.conftest import make_portal
from tests.helpers import case_portal


def slugs(root: Path) -> list[tuple[str, str, int | None]]:
    _, _, report = check(root)
    return [(i.slug, i.file, i.row) for i in report.errors]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_content_fifo_is_reported_without_opening_it(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    os.mkfifo(root / "content" / "pipa.md")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(slugs(root)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert result, "check hung on a FIFO in content/"
    assert ("special-file", "content/pipa.md", None) in result[0]
    with pytest.raises(BuildError):
        build(root, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_check_content_symlink_to_environ_is_an_error_and_not_published(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    os.symlink("/proc/self/environ", root / "content" / "env.txt")
    assert ("symlink", "content/env.txt", None) in slugs(root)
    with pytest.raises(BuildError):
        build(root, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_check_dataset_folder_symlinked_outside_is_not_read(tmp_path):
    root = case_portal(tmp_path)
    outside = tmp_path / "luar" / "rahasia"
    outside.parent.mkdir()
    shutil.copytree(Path(__file__).parent / "data" / "valid" / "latin1", outside)
    (root / "datasets" / "dinkes").mkdir(parents=True)
    os.symlink(outside, root / "datasets" / "dinkes" / "latin1")
    portal, datasets, report = check(root)
    assert [(i.slug, i.file) for i in report.errors] == [("symlink", "datasets/dinkes/latin1")]
    assert datasets == []  # never read through the link


def test_check_portal_yml_symlink_is_not_read(tmp_path):
    root = case_portal(tmp_path)
    (root / "portal.yml").rename(root / "asli.yml")
    os.symlink("asli.yml", root / "portal.yml")
    assert slugs(root) == [("symlink", "portal.yml", None)]


def test_check_content_link_with_escaped_space_passes(tmp_path):
    root = case_portal(tmp_path)
    (root / "content" / "laporan 2024.pdf").write_bytes(b"%PDF-1.4\n")
    write(root / "content" / "a.md", "# A\n\n[laporan](laporan%202024.pdf)\n")
    assert slugs(root) == []


def test_check_content_page_in_windows_1252_names_the_line(tmp_path):
    # kept out of the corpus folder: ruff reads every .md under tests/ and stops on non-UTF-8
    root = case_portal(tmp_path)
    (root / "content" / "profil.md").write_bytes("# Profil\n\nData Kabupaten Ciamis — 2024\n".encode("cp1252"))
    _, _, report = check(root)
    (issue,) = report.errors
    assert (issue.slug, issue.file, issue.row) == ("content-encoding", "content/profil.md", 3)
    assert issue.message() == "`content/profil.md` bukan teks UTF-8 (byte tidak sah di baris 3)."
    with pytest.raises(BuildError):
        build(root, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_render_content_files_refuse_a_link_even_without_check(tmp_path):
    content = tmp_path / "content"
    write(content / "a.md", "# A\n")
    os.symlink("/etc/passwd", content / "passwd.md")
    with pytest.raises(BuildError, match="passwd.md"):
        content_files(content)


def test_generated_paths_match_the_rendered_pages(tmp_path):
    root = make_portal(tmp_path / "demo", commit=False)
    portal, datasets, report = check(root)
    assert portal is not None and report.valid
    rendered = {p.as_posix() for p, _ in Pages(root, portal, [d for d in datasets if d.public]).all()}
    assert rendered <= generated_paths(portal, datasets)


def test_check_content_links_to_generated_pages_and_downloads_pass_and_build(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    portal = yaml.safe_load((root / "portal.yml").read_text(encoding="utf-8"))
    portal["nama"] = 'Dinas Kesehatan & KB <b>"Uji"</b>'
    (root / "portal.yml").write_text(yaml.safe_dump(portal, allow_unicode=True), encoding="utf-8")
    write(
        root / "content" / "profil" / "index.md",
        "---\ntitle: Profil\n---\n# Profil\n\n"
        "[Katalog](../katalog/) · [data](../dataset/dinkes/latin1/) · [CSV](../dataset/dinkes/latin1/data.csv)"
        " · [DCAT](../katalog/dcat.jsonld) · [bantuan](../bantuan/metadata.md#topik-topik) · [atas](#profil)"
        " · [web](https://data.go.id/) · [surel](mailto:data@example.go.id)\n\n"
        "Contoh yang hanya ditampilkan: `<script>alert(1)</script>` dan `[x](javascript:alert(1))`.\n\n"
        "```html\n<img src=x onerror=alert(1)>\n[rusak](tidak-ada.md)\n```\n",
    )
    assert slugs(root) == []
    site = build(root, tmp_path / "site").site
    page = (site / "index.html").read_text(encoding="utf-8")
    # printed once-escaped: the reader sees <b> and & as written, never &amp;amp;
    assert "Dinas Kesehatan &amp; KB &lt;b&gt;&#34;Uji&#34;&lt;/b&gt;" in page or (
        "Dinas Kesehatan &amp; KB &lt;b&gt;&quot;Uji&quot;&lt;/b&gt;" in page
    )
    assert "<b>" not in page.split("<article", 1)[0]
    assert "&amp;amp;" not in page


@pytest.mark.parametrize(
    ("text", "slug", "row"),
    [
        ("# A\n\n[b](b.md)\n", "content-link", 3),
        ("# A\n\n[b](../../rahasia.txt)\n", "content-link", 3),
        ("---\ntitle: [a\n---\n# A\n", "content-front-matter", 2),
        ("# A\n\n<p>ok</p>\n<a href=' java\tscript:alert(1)'>x</a>\n", "content-unsafe-html", 4),
        ("# A\n\n<div><img src=x\nonerror=alert(1)></div>\n", "content-unsafe-html", 3),
        ("# A\n\n<SCRIPT src=//evil.example/x.js></SCRIPT>\n", "content-unsafe-html", 3),
        ('# A\n\n<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>\n', "content-unsafe-html", 3),
    ],
)
def test_check_content_page_problem_names_file_and_line(tmp_path, text, slug, row):
    root = case_portal(tmp_path)
    write(root / "content" / "a.md", text)
    assert (slug, "content/a.md", row) in slugs(root)


def test_check_content_page_messages_name_the_link(tmp_path):
    root = case_portal(tmp_path)
    write(root / "content" / "a.md", "# A\n\nLihat [b](b.md).\n")
    _, _, report = check(root)
    (issue,) = report.errors
    assert issue.message() == "Tautan `b.md` di baris 3 menuju halaman atau file yang tidak ada."
    assert issue.message("en") == "The link `b.md` at line 3 leads to a page or file that does not exist."
