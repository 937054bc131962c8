"""Machine-readable metadata: the DCAT catalogue (JSON-LD) for harvesters, schema.org for each page."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.config import Portal
from generator.model import Dataset
from generator.publications.catalog import Publication
from generator.render.downloads import FORMATS

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


# a publication's kind in the DCMI Type Vocabulary (dct:type) and in schema.org
DCMI = "http://purl.org/dc/dcmitype/"
DCMI_TYPES = {"tabel": "Text", "buku": "Text", "infografis": "StillImage", "dasbor": "InteractiveResource"}
SCHEMA_TYPES = {"tabel": "Report", "buku": "Book", "infografis": "CreativeWork", "dasbor": "CreativeWork"}


def dcat_catalog(portal: Portal, datasets: list[Dataset], publications: list[Publication] | None = None) -> str:
    """JSON-LD text; links are absolute when portal.yml gives `url`, else relative to the site root.
    Publications are datasets of the catalogue too, told apart by their `dct:type` (DCMI Text,
    StillImage, InteractiveResource), with the page and its PDF/PNG as distributions."""
    site = (portal.url or "").rstrip("/") + "/"
    graph: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": site,
        "@type": "dcat:Catalog",
        "dct:title": portal.nama,
        "dct:description": portal.deskripsi,
        "dct:language": "id",
        "dcat:dataset": [dcat_dataset(portal, d, site) for d in datasets]
        + [dcat_publication(portal, p, datasets, site) for p in publications or []],
    }
    return json.dumps(graph, ensure_ascii=False, indent=1) + "\n"


def dcat_dataset(portal: Portal, dataset: Dataset, site: str) -> dict[str, Any]:
    spec, meta = dataset.spec, dataset.spec.satudata
    page = site + dataset.url
    entry: dict[str, Any] = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": f"{dataset.produsen}/{dataset.slug}",
        "dct:title": spec.title,
        "dct:description": spec.description,
        "dcat:keyword": spec.keywords,
        "dcat:theme": portal.topik[meta.topik],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": portal.producer_name(dataset.produsen)},
        "dct:accrualPeriodicity": meta.frekuensi,
        "dct:temporal": meta.periode,
        "dct:spatial": {
            "@id": f"{site}#wilayah-{meta.cakupan.kode}",
            "dct:identifier": meta.cakupan.kode,
            "dct:title": meta.cakupan.nama,
        },
        "dct:source": meta.sumber.url or meta.sumber.nama,
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{r.spec.title or spec.title} ({ext.upper()})",
                "dcat:downloadURL": {"@id": f"{page}{r.spec.name}.{ext}"},
                "dcat:mediaType": media,
                "dct:license": spec.licenses[0].path or spec.licenses[0].name,
            }
            for r in dataset.resources
            for ext, media in FORMATS.items()
            if ext in r.formats
        ],
    }
    if dataset.updated:
        entry["dct:modified"] = {"@value": dataset.updated, "@type": "xsd:dateTime"}
    return entry


def schema_org(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """schema.org Dataset for a dataset page, for search engines."""
    spec, meta = dataset.spec, dataset.spec.satudata
    site = (portal.url or "").rstrip("/")
    page = f"{site}/{dataset.url}" if site else dataset.url
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": spec.title,
        "description": spec.description,
        "keywords": spec.keywords,
        "license": spec.licenses[0].path or spec.licenses[0].name,
        "creator": {"@type": "Organization", "name": portal.producer_name(dataset.produsen)},
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


def dcat_publication(portal: Portal, publication: Publication, datasets: list[Dataset], site: str) -> dict[str, Any]:
    page = site + publication.url
    entry: dict[str, Any] = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:type": {"@id": DCMI + DCMI_TYPES[publication.jenis]},
        "dct:identifier": publication.nomor or publication.url.rstrip("/"),
        "dct:title": publication.judul,
        "dct:description": publication.deskripsi or publication.judul,
        "dct:language": "id",
        "dcat:keyword": [publication.kind],
        "dcat:landingPage": {"@id": page},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{publication.judul} (HTML)",
                "dcat:accessURL": {"@id": page},
                "dcat:mediaType": "text/html",
            },
            *(
                {
                    "@type": "dcat:Distribution",
                    "dct:title": f"{publication.judul} ({d.href.rsplit('.', 1)[1].upper()})",
                    "dcat:accessURL": {"@id": page},
                    "dcat:downloadURL": {"@id": site + d.href},
                    "dcat:mediaType": d.media,
                }
                for d in publication.downloads
            ),
        ],
    }
    if publication.produsen:
        entry["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": portal.producer_name(publication.produsen)}
    if publication.topik:
        entry["dcat:theme"] = portal.topik[publication.topik]
    if publication.tanggal:
        entry["dct:issued"] = {"@value": publication.tanggal.isoformat(), "@type": "xsd:date"}
    elif publication.tahun:
        entry["dct:issued"] = {"@value": str(publication.tahun), "@type": "xsd:gYear"}
    sources = used_datasets(publication, datasets)
    if sources:
        entry["dct:source"] = [{"@id": site + d.url} for d in sources]
    return entry


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
