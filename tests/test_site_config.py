"""mkdocs.yml is read safely and reduced to allowed keys; the portal's templates/ run sandboxed and are flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import InvalidContent, build
from generator.render.pages import Pages, TemplateFailed
from generator.validate import check
from generator.validate.site import THEME, site_config
from tests.helpers import case_portal


def test_site_config_demo_keeps_allowed_keys_and_sebar_theme(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    config, issues = site_config(root)
    assert issues == [] and config is not None
    assert "site_name" not in config and "docs_dir" not in config
    assert config["theme"]["custom_dir"] == str(THEME) and config["theme"]["font"] is False
    assert config["markdown_extensions"][-1] == {"toc": {"permalink": False}}


def test_site_config_python_tag_never_runs(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    proof = tmp_path / "dijalankan"
    text = (root / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(f'{text}\nextra:\n  x: !!python/object/apply:os.system ["touch {proof}"]\n')
    with pytest.raises(InvalidContent) as raised:
        build(root)
    (error,) = raised.value.report.errors
    assert error.slug == "mkdocs-tag" and error.file == "mkdocs.yml"
    assert error.message().startswith("mkdocs.yml memakai tag YAML `!!python/object/apply:os.system` di baris ")
    assert not proof.exists() and not (root / "site").exists()


def test_site_config_problems_all_reported_at_once(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    text = (root / "mkdocs.yml").read_text().replace("plugins: []", "plugins: [search, macros]")
    (root / "mkdocs.yml").write_text(text + "\nhooks: [x.py]\nwatch: [/]\n")
    _, _, report = check(root)
    found = sorted((i.slug, i.column) for i in report.errors)
    assert found == [("mkdocs-key", "hooks"), ("mkdocs-key", "watch"), ("mkdocs-plugin", "plugins")]


def test_site_config_mkdocs_own_validation_is_checked(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    text = (root / "mkdocs.yml").read_text().replace("use_directory_urls: true", "use_directory_urls: kadang")
    (root / "mkdocs.yml").write_text(text)
    _, _, report = check(root)
    (error,) = report.errors
    assert error.slug == "mkdocs-config" and "use_directory_urls" in error.message()


def test_check_templates_override_warned_listed_and_used_by_build(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    (root / "templates").mkdir()
    (root / "templates" / "search.md").write_text("---\ntitle: Cari\n---\n# Cari data portal {{ portal.nama }}\n")
    _, _, report = check(root)
    assert report.valid
    (warning,) = report.issues
    assert warning.slug == "template-override" and warning.message() == (
        "Folder templates/ menimpa templat Sebar: search.md."
    )
    site = build(root).site
    assert "Cari data portal" in (site / "cari" / "index.html").read_text()


def test_pages_sandbox_refuses_python_internals(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    portal, datasets, _ = check(root)
    assert portal is not None
    (root / "templates").mkdir()
    (root / "templates" / "home.md").write_text("{{ (''|attr('__cla' ~ 'ss__')).__mro__ }}\n")
    with pytest.raises(TemplateFailed) as raised:
        list(Pages(root, portal, datasets).all())
    assert raised.value.unsafe and "__class__" in raised.value.detail


def test_check_templates_symlink_refused(tmp_path):
    root = case_portal(tmp_path, "valid/latin1")
    (root / "templates").mkdir()
    (root / "templates" / "home.md").symlink_to(Path("/etc/passwd"))
    _, _, report = check(root)
    assert [(i.slug, i.file) for i in report.errors] == [("template-unsafe", "templates/home.md")]
