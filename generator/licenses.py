"""The licence register: the licences `licenses[].name` may name, with their titles and canonical IRIs."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

from generator.config import License, Portal

REGISTER = Path(__file__).resolve().parent / "licenses.yaml"


@dataclass(frozen=True)
class Licence:
    id: str  # as the register spells it: CC-BY-4.0
    title: str
    iri: str  # absolute when the portal has a `url` (a portal licence's page is a page of the site)


@functools.cache
def builtin() -> dict[str, Licence]:
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    return {name: Licence(name, title, iri) for name, (title, iri) in data.items()}


def register(portal: Portal) -> dict[str, Licence]:
    """Every licence a dataset of the portal may use, by id: Sebar's register, then the portal's own
    (`lisensi` in portal.yml; one of them with a register id replaces the register's)."""
    found = dict(builtin())
    for own in portal.lisensi:
        found[own.name] = Licence(own.name, own.title, urljoin(portal.url or "", own.path))
    return found


def licence(name: str, portal: Portal) -> Licence | None:
    """The licence `name` stands for (case does not matter, as in SPDX ids), or None."""
    known = register(portal)
    if name in known:
        return known[name]
    folded = {key.casefold(): value for key, value in known.items()}
    return folded.get(name.casefold())


def registered(written: License, portal: Portal) -> dict[str, str | None]:
    """A licence as the register names it (its id, title and canonical IRI); as written if unknown."""
    known = licence(written.name, portal)
    if known is None:
        return {"name": written.name, "path": written.path, "title": written.title}
    return {"name": known.id, "path": known.iri, "title": known.title}
