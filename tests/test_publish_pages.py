"""The pages target readies the built site for actions/upload-pages-artifact; the common entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build import MARKER
from generator.cli import main
from generator.errors import ConfigError
from generator.publish.base import PublishError, publish, sha256


@pytest.fixture
def site(demo_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(demo_site, copy)
    return copy


def test_publish_pages_readies_the_folder_and_lists_every_file_with_its_sha256(demo_portal, site, capsys):
    (site / "dataset" / ".DS_Store").write_bytes(b"\0")
    (site / "index.html~").write_text("cadangan penyunting")
    assert main(["publish", "--root", str(demo_portal), "--site", str(site), "--format", "json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)
    assert result["target"] == "pages"  # portal.yml sets no publikasi: GitHub Pages is the default
    assert (site / ".nojekyll").is_file()
    assert not (site / "dataset" / ".DS_Store").exists() and not (site / "index.html~").exists()
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    expected = {name: sha256(path) for name, path in files.items() if name not in (MARKER, ".nojekyll")}
    assert {item["path"]: item["sha256"] for item in result["uploaded"]} == expected
    assert "pengeluaran-per-kapita-internal" not in json.dumps(result)  # terbatas: not on the site at all


def test_publish_pages_text_output_and_a_site_without_404(demo_portal, site, capsys):
    assert main(["publish", "--root", str(demo_portal), "--site", str(site), "--target", "pages"]) == 0
    assert capsys.readouterr().out.startswith("Terbit: pages -> ")
    (site / "404.html").unlink()
    with pytest.raises(PublishError, match="404.html tidak ada; bangun ulang situs"):
        publish(demo_portal, site, ["pages"])


def test_publish_a_target_not_configured_names_the_key(demo_portal, site, capsys):
    with pytest.raises(ConfigError, match="tujuan `s3` belum diatur: tambahkan `publikasi.s3:`"):
        publish(demo_portal, site, ["s3"])
    assert main(["publish", "--root", str(demo_portal), "--site", str(site), "--target", "folder"]) == 2
    assert "publikasi.folder:" in capsys.readouterr().err


def test_publish_never_sends_a_site_without_its_build_marker(demo_portal, site):
    (site / MARKER).unlink()
    with pytest.raises(PublishError, match=f"tidak ada {MARKER}"):
        publish(demo_portal, site, ["pages"])
    assert not (site / ".nojekyll").exists()
