"""Machine-readable metadata: the DCAT catalogue (JSON-LD) for harvesters, schema.org for each page."""

from __future__ import annotations

import json
from typing import Any

from generator.config import Portal
from generator.model import Dataset
from generator.render.downloads import FORMATS

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def dcat_catalog(portal: Portal, datasets: list[Dataset]) -> str:
    """JSON-LD text; links are absolute when portal.yml gives `url`, else relative to the site root."""
    site = (portal.url or "").rstrip("/") + "/"
    graph: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": site,
        "@type": "dcat:Catalog",
        "dct:title": portal.nama,
        "dct:description": portal.deskripsi,
        "dct:language": "id",
        "dcat:dataset": [dcat_dataset(portal, d, site) for d in datasets],
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
