"""Roles in portal.yml -> .github/CODEOWNERS, so the forge asks the right PIC to review (SOP step 2)."""

from __future__ import annotations

import re
from pathlib import Path

from generator import load
from generator.config import Person, Portal
from generator.errors import ConfigError
from generator.validate.metadata import check_portal
from generator.validate.report import Issue

FILE = ".github/CODEOWNERS"
COMMAND = "sebar roles"
# A GitHub user name, or an organisation's team (org/team); anything else makes the forge ignore the line.
HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?$")
# Paths the Walidata owns besides the default (`*`): written out so a reader sees them at a glance.
WALIDATA_PATHS = ("/portal.yml", "/mkdocs.yml", "/.github/")


def read_portal(root: Path) -> Portal:
    """portal.yml as the roles need it; an invalid file stops the command with the check's own words."""
    path = root / "portal.yml"
    if not path.is_file() or path.is_symlink():
        raise ConfigError(f"{path}: portal.yml tidak ditemukan; jalankan dari folder teratas repositori portal")
    portal, issues = check_portal(load.read_yaml(path))
    if portal is None:
        raise ConfigError(
            "portal.yml tidak sah: " + "; ".join(i.message() for i in issues) + " (jalankan: sebar check)"
        )
    return portal


def handle(person: Person) -> str:
    """`@name` of a person's forge account, checked: a wrong name would silently route no review."""
    name = person.github.removeprefix("@")
    if not HANDLE.match(name):
        raise ConfigError(
            f"portal.yml: akun GitHub `{person.github}` ({person.nama}) tidak sah; tulis nama pengguna GitHub, "
            "mis. `budi-pic` (huruf, angka dan tanda hubung)"
        )
    return "@" + name


def line(text: str) -> str:
    """A name on one comment line: a newline in portal.yml must not start a rule of its own."""
    return " ".join(text.split())


def codeowners(portal: Portal) -> str:
    """The CODEOWNERS text: deterministic, the last matching line wins (GitHub's rule), so the
    Walidata's default comes first and each producer's folder after it."""
    walidata = handle(portal.walidata)
    lines = [
        f"# Dibuat oleh `{COMMAND}` dari portal.yml: jangan disunting langsung.",
        f"# Ubah peran di portal.yml, lalu jalankan: {COMMAND}",
        "# Baris terakhir yang cocok berlaku: setiap folder produsen ditinjau PIC-nya,",
        "# selebihnya (pengaturan, halaman content/, kode) ditinjau Walidata.",
        "",
        f"# Walidata: {line(portal.walidata.nama)}",
        f"* {walidata}",
        *(f"{path} {walidata}" for path in WALIDATA_PATHS),
        "",
        "# PIC Produsen Data",
    ]
    for producer in sorted(portal.produsen, key=lambda p: p.kode):
        names = ", ".join(p.nama for p in producer.pic)
        lines += [
            f"# {line(producer.nama)}: {line(names)}",
            f"/datasets/{producer.kode}/ " + " ".join(map(handle, producer.pic)),
        ]
    return "\n".join(lines) + "\n"


def write_codeowners(root: Path) -> tuple[Path, bool]:
    """Write .github/CODEOWNERS from portal.yml; True when its content changed."""
    text = codeowners(read_portal(root))
    path = root / FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path, old != text


def codeowners_issues(root: Path, portal: Portal) -> list[Issue]:
    """For `sebar check`: a portal run on GitHub (it has .github/) must route reviews from the roles
    in portal.yml. A portal without .github/ uses no forge workflow and has nothing to route."""
    if not (root / ".github").is_dir():
        return []
    path = root / FILE
    try:
        expected = codeowners(portal)
    except ConfigError as error:
        return [Issue("codeowners-handle", "portal", "portal.yml", params={"detail": str(error)})]
    if not path.is_file() or path.is_symlink():
        return [Issue("codeowners-missing", "portal", FILE, params={"file": FILE})]
    if path.read_text(encoding="utf-8", errors="replace") != expected:
        return [Issue("codeowners-outdated", "portal", FILE, params={"file": FILE})]
    return []
