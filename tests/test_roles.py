"""Roles -> CODEOWNERS (sebar roles), and `sebar check` catching a missing or stale file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.cli import main
from generator.sop.roles import codeowners, read_portal
from generator.validate import check
from tests.helpers import case_portal

ROOT = Path(__file__).resolve().parents[1]


def test_roles_demo_codeowners_is_committed_and_current():
    # the committed file is exactly what `sebar roles` writes for the demo's portal.yml
    assert (ROOT / ".github" / "CODEOWNERS").read_text() == codeowners(read_portal(ROOT))


def test_roles_writes_codeowners_from_portal_yml(tmp_path, capsys):
    root = case_portal(tmp_path)
    assert main(["roles", "--root", str(root)]) == 0
    assert capsys.readouterr().out.startswith(f"{root}/.github/CODEOWNERS ditulis ulang dari portal.yml.")
    text = (root / ".github" / "CODEOWNERS").read_text()
    rules = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rules == [
        "* @sari-walidata",
        "/portal.yml @sari-walidata",
        "/mkdocs.yml @sari-walidata",
        "/.github/ @sari-walidata",
        "/datasets/dinkes/ @budi-pic",
    ]
    assert text.startswith("# Dibuat oleh `sebar roles` dari portal.yml: jangan disunting langsung.\n")
    assert main(["roles", "--root", str(root)]) == 0  # a second run changes nothing
    assert "sudah sesuai dengan portal.yml" in capsys.readouterr().out
    assert (root / ".github" / "CODEOWNERS").read_text() == text


def test_roles_several_pics_and_a_name_with_a_newline(tmp_path):
    root = case_portal(tmp_path)
    portal = (
        (root / "portal.yml")
        .read_text()
        .replace("nama: Dinas Kesehatan", 'nama: "Dinas\\n* @penyusup Kesehatan"')
        .replace(
            "pic: [{nama: Budi, github: budi-pic}]",
            "pic: [{nama: Budi, github: budi-pic}, {nama: Ani, github: '@ani-pic'}]",
        )
    )
    (root / "portal.yml").write_text(portal)
    text = codeowners(read_portal(root))
    assert "# Dinas * @penyusup Kesehatan: Budi, Ani\n/datasets/dinkes/ @budi-pic @ani-pic\n" in text
    assert "\n* @penyusup" not in text


def test_roles_invalid_handle_is_a_clear_error(tmp_path, capsys):
    root = case_portal(tmp_path)
    portal = (root / "portal.yml").read_text().replace("github: budi-pic", "github: budi pic")
    (root / "portal.yml").write_text(portal)
    assert main(["roles", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "portal.yml: akun GitHub `budi pic` (Budi) tidak sah" in err
    assert not (root / ".github").exists()


def codeowners_issues(root: Path) -> list[dict]:
    _, _, report = check(root)
    return [i for i in report.flatten() if i["slug"].startswith("codeowners")]


def test_check_reports_missing_and_outdated_codeowners(tmp_path, capsys):
    root = case_portal(tmp_path)
    assert codeowners_issues(root) == []  # no .github/: the portal uses no forge workflow
    shutil.copytree(ROOT / ".github" / "workflows", root / ".github" / "workflows")
    (missing,) = codeowners_issues(root)
    assert (missing["severity"], missing["file"]) == ("error", ".github/CODEOWNERS")
    assert missing["message"].startswith(".github/CODEOWNERS tidak ada")
    assert missing["fix"].endswith("Jalankan: sebar roles")
    assert main(["roles", "--root", str(root)]) == 0
    capsys.readouterr()
    assert codeowners_issues(root) == []
    # a new PIC in portal.yml: CODEOWNERS is stale until `sebar roles` runs again
    portal = (root / "portal.yml").read_text().replace("github: budi-pic", "github: budi-pic-baru")
    (root / "portal.yml").write_text(portal)
    assert main(["check", "--root", str(root), "--format", "json"]) == 1
    (outdated,) = [i for i in json.loads(capsys.readouterr().out) if i["slug"].startswith("codeowners")]
    assert outdated["slug"] == "codeowners-outdated"
    assert outdated["message"] == (
        ".github/CODEOWNERS tidak sesuai dengan peran di portal.yml (PIC atau Walidata berubah, "
        "atau file disunting langsung)."
    )
    assert main(["roles", "--root", str(root)]) == 0
    assert codeowners_issues(root) == []
