"""What every publish target shares: the built site's files with their SHA-256, the result, the entry point."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from generator.build import MARKER
from generator.config import Portal
from generator.errors import ConfigError, SebarError

CHUNK = 1 << 20


class PublishError(SebarError):
    """A target refused or failed; `result` holds what was completed before the failure."""

    def __init__(self, message: str, result: PublishResult | None = None) -> None:
        super().__init__(message)
        self.result = result


@dataclass(frozen=True)
class Published:
    path: str  # relative to the site (or, for ckan, `<produsen>/<dataset>/<resource file>`)
    sha256: str


@dataclass
class PublishResult:
    """What one publish did, for the dissemination record: each file with its SHA-256."""

    target: str
    destination: str
    uploaded: list[Published] = field(default_factory=list)
    unchanged: list[Published] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    def summary(self) -> str:
        return (
            f"{self.target} -> {self.destination}: {len(self.uploaded)} file dikirim, "
            f"{len(self.unchanged)} tidak berubah, {len(self.deleted)} dihapus."
        )


class Target(Protocol):
    """A destination of the built site; `publish` is all or nothing as far as its destination allows."""

    name: str

    def publish(self, site: Path) -> PublishResult: ...


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def site_files(site: Path) -> dict[str, Path]:
    """Every file a reader may fetch, by its path in the site (`/`-separated), sorted; the marker is Sebar's own."""
    found: dict[str, Path] = {}
    for top, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = Path(top) / name
            relative = path.relative_to(site).as_posix()
            if relative == MARKER:
                continue
            if path.is_symlink():
                raise PublishError(
                    f"{path} adalah tautan simbolik; situs yang dibangun Sebar tidak memuatnya. "
                    "Bangun ulang situs dengan `sebar build`"
                )
            found[relative] = path
    return found


def require_built(site: Path) -> Path:
    """Only a site that `sebar build` finished is ever published: the build writes its marker last."""
    site = site.resolve()
    if not (site / MARKER).is_file() or not (site / "index.html").is_file():
        raise PublishError(
            f"{site} bukan situs yang selesai dibangun Sebar (tidak ada {MARKER} atau index.html). "
            "Jalankan `sebar build` sampai berhasil, lalu ulangi `sebar publish`; tidak ada yang dikirim"
        )
    for package in sorted(site.glob("dataset/*/*/datapackage.json")):
        klasifikasi = json.loads(package.read_text(encoding="utf-8")).get("satudata", {}).get("klasifikasi")
        if klasifikasi != "terbuka":  # the build never writes one: a hand-edited site is not published
            raise PublishError(
                f"{package} berklasifikasi `{klasifikasi}`: hanya data `terbuka` yang boleh disebarluaskan. "
                "Bangun ulang situs dengan `sebar build`; tidak ada yang dikirim"
            )
    return site


def read_portal(root: Path) -> Portal:
    from generator.load import read_yaml

    try:
        return Portal.model_validate(read_yaml(root / "portal.yml"))
    except (ValidationError, SebarError, OSError) as error:
        raise ConfigError(
            f"{root / 'portal.yml'} tidak dapat dibaca atau tidak sah; "
            f"jalankan `sebar check` untuk rinciannya ({error})"
        ) from error


def make_target(name: str, root: Path, portal: Portal) -> Target:
    """The target called `name`, configured from portal.yml's `publikasi:`."""
    from generator.publish.ckan import CkanTarget
    from generator.publish.folder import FolderTarget
    from generator.publish.pages import PagesTarget
    from generator.publish.s3 import S3Target

    settings = portal.publikasi
    if name == "pages":
        return PagesTarget()
    missing = ConfigError(
        f"tujuan `{name}` belum diatur: tambahkan `publikasi.{name}:` di {root / 'portal.yml'} "
        "(lihat Bantuan > Penyebarluasan)"
    )
    if name == "s3":
        if settings.s3 is None:
            raise missing
        return S3Target(settings.s3)
    if name == "folder":
        if settings.folder is None:
            raise missing
        return FolderTarget((root / settings.folder.path).resolve())
    if name == "ckan":
        if settings.ckan is None:
            raise missing
        return CkanTarget(settings.ckan)
    raise ConfigError(f"tujuan `{name}` tidak dikenal; pilih pages, s3, folder atau ckan")


def publish(root: Path, site: Path | None = None, targets: list[str] | None = None) -> list[PublishResult]:
    """Publish the built site at `site` (default root/site) to each target in turn (default: portal.yml's)."""
    root = root.resolve()
    built = require_built(site or root / "site")
    portal = read_portal(root)
    chosen = [make_target(name, root, portal) for name in targets or portal.publikasi.target]
    return [target.publish(built) for target in chosen]


def required_env(*names: str) -> dict[str, str]:
    """Secrets come from the environment only; a missing one is named with where to set it."""
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise PublishError(
            f"variabel lingkungan {', '.join(missing)} belum diisi. Simpan sebagai secret lingkungan "
            "(GitHub: Settings > Environments > Secrets), jangan di portal.yml"
        )
    return {name: os.environ[name] for name in names}
