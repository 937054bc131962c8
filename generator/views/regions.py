"""Boundary files (GeoJSON keyed by Kemendagri code): those shipped with Sebar and a portal's own `batas/`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.referensi import DOTTED, normalise  # noqa: F401  (normalise: the views' code reader)
from generator.validate.report import Issue

BUILTIN = Path(__file__).resolve().parent.parent / "boundaries"
PORTAL_FOLDER = "batas"  # a portal's own boundary files, at the repository root
MAX_BYTES = 20 * 1024 * 1024  # a boundary file is read whole: beyond this it is refused, not parsed
LEVELS = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
GEOMETRIES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Region:
    code: str  # dotted Kemendagri code
    name: str
    file: str  # the boundary's name: its file name without .geojson
    level: str  # provinsi | kabupaten/kota | kecamatan | desa/kelurahan


@dataclass
class Boundaries:
    """Every boundary file known to a portal; a portal's file of the same name replaces Sebar's."""

    files: dict[str, Path] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)  # code -> region (the first file naming it)
    codes: dict[str, frozenset[str]] = field(default_factory=dict)  # file -> its codes

    def find(self, codes: Iterable[str]) -> str | None:
        """The smallest boundary file holding every one of `codes` (normalised), or None."""
        wanted = {normalise(c) or str(c) for c in codes}
        fits = [name for name, have in self.codes.items() if wanted <= have]
        return min(fits, key=lambda name: (len(self.codes[name]), name)) if fits else None

    def missing(self, codes: Iterable[str], name: str | None = None) -> list[str]:
        """The codes (as given) with no boundary: in file `name`, or in any file."""
        have = self.codes.get(name, frozenset()) if name else frozenset(self.regions)
        return [c for c in codes if (normalise(c) or str(c)) not in have]

    def features(self, name: str, codes: Iterable[str]) -> dict[str, Any]:
        """A FeatureCollection of file `name` holding only the features of `codes`, sorted by code."""
        wanted = {normalise(c) or str(c) for c in codes}
        collection = json.loads(self.files[name].read_text(encoding="utf-8"))
        kept = [f for f in collection["features"] if f["properties"]["kode"] in wanted]
        kept.sort(key=lambda f: f["properties"]["kode"])
        return {"type": "FeatureCollection", "features": kept}


def read(path: Path, where: str) -> tuple[list[tuple[str, str]], list[Issue]]:
    """The (code, name) pairs of one boundary file, or the issues that make it unusable."""

    def issue(detail: str) -> tuple[list[tuple[str, str]], list[Issue]]:
        return [], [Issue("batas-invalid", "portal", where, params={"path": where, "detail": detail})]

    if path.is_symlink() or not path.is_file():
        return issue("bukan file biasa")
    if path.stat().st_size > MAX_BYTES:
        return issue(f"lebih dari {MAX_BYTES // (1024 * 1024)} MB")
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return issue(f"bukan JSON yang sah ({error})")
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        return issue('bukan GeoJSON FeatureCollection (`"type": "FeatureCollection"`)')
    features = collection.get("features")
    if not isinstance(features, list):
        return issue("`features` bukan daftar")
    pairs = []
    for n, feature in enumerate(features, 1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kode = props.get("kode")
        if not isinstance(kode, str) or not DOTTED.match(kode):
            return issue(f"fitur ke-{n} tidak punya properti `kode` berupa kode Kemendagri bertitik, mis. `32.73.05`")
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            return issue(f"fitur ke-{n} ({kode}) bukan Polygon atau MultiPolygon")
        pairs.append((kode, str(props.get("nama") or kode)))
    if not pairs:
        return issue("tidak berisi fitur")
    return pairs, []


def load(root: Path | None = None) -> tuple[Boundaries, list[Issue]]:
    """Sebar's boundaries and the portal's `batas/*.geojson` (checked: a bad file is an issue, never read further)."""
    found = Boundaries()
    issues: list[Issue] = []
    paths = {p.stem: (p, f"generator/boundaries/{p.name}") for p in sorted(BUILTIN.glob("*.geojson"))}
    if root is not None and (root / PORTAL_FOLDER).is_dir():
        for path in sorted((root / PORTAL_FOLDER).glob("*.geojson")):
            paths[path.stem] = (path, f"{PORTAL_FOLDER}/{path.name}")
    for name, (path, where) in paths.items():
        pairs, problems = read(path, where)
        issues += problems
        if problems:
            continue
        found.files[name] = path
        found.codes[name] = frozenset(code for code, _ in pairs)
        for code, label in pairs:
            found.regions.setdefault(code, Region(code, label, name, LEVELS[code.count(".") + 1]))
    return found, issues
