"""schema.org JSON-LD for each dataset and publication page (the DCAT catalogue is render/dcat.py)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.config import Portal
from generator.licenses import licence
from generator.model import Dataset
from generator.publications.catalog import Publication
from generator.render.dcat import site_url
from generator.render.downloads import FORMATS

# a publication's kind in schema.org (its kind in DCAT is in render/dcat.py)
SCHEMA_TYPES = {"tabel": "Report", "buku": "Book", "infografis": "CreativeWork", "dasbor": "CreativeWork"}
MEASURES = ("integer", "number")  # the fields schema.org's variableMeasured lists


def schema_org(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """schema.org Dataset for a dataset page, for search engines (Google Dataset Search reads these keys)."""
    spec, meta = dataset.spec, dataset.spec.satudata
    site = site_url(portal)
    page = site + dataset.url
    producer = {"@type": "Organization", "name": portal.producer_name(dataset.produsen)}
    used = licence(spec.licenses[0].name, portal)
    measured = [
        {
            "@type": "PropertyValue",
            "propertyID": field.name,
            "name": field.title,
            "description": field.description,
            **({"unitText": field.unit} if field.unit else {}),
        }
        for resource in dataset.resources
        for field in resource.spec.schema_.fields
        if field.type in MEASURES
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": page + "#dataset",
        "name": spec.title,
        "description": spec.description,
        "url": page,
        "identifier": f"{dataset.produsen}/{dataset.slug}",
        "keywords": spec.keywords,
        "license": used.iri if used else spec.licenses[0].path or spec.licenses[0].name,
        "isAccessibleForFree": True,
        "inLanguage": "id",
        "creator": producer,
        "publisher": producer,
        "includedInDataCatalog": {"@type": "DataCatalog", "name": portal.nama, "url": site + "katalog/"},
        "temporalCoverage": meta.periode.replace("-", "/"),
        "spatialCoverage": {"@type": "Place", "name": meta.cakupan.nama, "identifier": meta.cakupan.kode},
        "isBasedOn": meta.sumber.url or meta.sumber.nama,
        "dateModified": dataset.updated,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media, "contentUrl": f"{page}{r.spec.name}.{ext}"}
            for r in dataset.resources
            for ext, media in FORMATS.items()
            if ext in r.formats
        ],
    }
    if spec.version:
        data["version"] = spec.version
    if measured:
        data["variableMeasured"] = measured
    return data


def used_datasets(publication: Publication, datasets: list[Dataset]) -> list[Dataset]:
    """The published datasets a publication is made from, in the order it names them."""
    by_ref = {f"{d.produsen}/{d.slug}": d for d in datasets}
    return [by_ref[ref] for ref in publication.datasets if ref in by_ref]


def publication_ld(portal: Portal, publication: Publication, datasets: list[Dataset] | None = None) -> dict[str, Any]:
    """schema.org for a publication page (Book, Report or CreativeWork), `isBasedOn` its datasets.
    Without `datasets`, the datasets are named by their page URL (dataset/<produsen>/<nama>/)."""
    site = (portal.url or "").rstrip("/")

    def absolute(url: str) -> str:
        return f"{site}/{url}" if site else url

    if datasets is None:
        based = [{"@type": "Dataset", "url": absolute(f"dataset/{ref}/")} for ref in publication.datasets]
    else:
        based = [
            {"@type": "Dataset", "name": d.spec.title, "url": absolute(d.url)}
            for d in used_datasets(publication, datasets)
        ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[publication.jenis],
        "name": publication.judul,
        "genre": publication.kind,
        "url": absolute(publication.url),
        "inLanguage": "id",
    }
    if publication.deskripsi:
        data["description"] = publication.deskripsi
    if publication.produsen:
        organization = {"@type": "Organization", "name": portal.producer_name(publication.produsen)}
        data["creator"] = organization
        data["publisher"] = organization
    if publication.topik:
        data["about"] = portal.topik[publication.topik]
    if publication.tanggal or publication.tahun:
        data["datePublished"] = publication.tanggal.isoformat() if publication.tanggal else str(publication.tahun)
    if publication.nomor:
        data["identifier"] = publication.nomor
    if publication.isbn and publication.jenis == "buku":
        data["isbn"] = publication.isbn
    if publication.issn:
        data["issn"] = publication.issn
    if based:
        data["isBasedOn"] = based
    if publication.downloads:
        data["associatedMedia"] = [
            {"@type": "MediaObject", "contentUrl": absolute(d.href), "encodingFormat": d.media}
            for d in publication.downloads
        ]
    return data


def publication_html(portal: Portal, publication: Publication, datasets: list[Dataset] | None = None) -> Markup:
    """What a publication page carries for machines: its schema.org JSON-LD, and the kind badge that
    Pagefind reads (filter `jenis: publikasi`, meta `jenis` the kind). Put it at the top of the page."""
    from generator.render.pages import json_ld  # pages imports this module

    ld = json_ld(publication_ld(portal, publication, datasets))
    badge = (
        f'<p class="sebar-lencana sebar-lencana--{publication.jenis}" data-pagefind-filter="jenis:publikasi" '
        f'data-pagefind-meta="jenis:{publication.kind}">{Markup.escape(publication.kind)}</p>'
    )
    return Markup(f'<script type="application/ld+json">{ld}</script>\n{badge}')
