"""The machine-readable catalogue: DCAT (JSON-LD) of every published dataset, for harvesters."""

from __future__ import annotations

import json
from typing import Any

from generator.config import Portal
from generator.model import Dataset

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
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
    producer = next(p for p in portal.produsen if p.kode == dataset.produsen)
    entry: dict[str, Any] = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": f"{dataset.produsen}/{dataset.slug}",
        "dct:title": spec.title,
        "dct:description": spec.description,
        "dcat:keyword": spec.keywords,
        "dcat:theme": portal.topik[meta.topik],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": producer.nama},
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
            for ext, media in MEDIA_TYPES.items()
        ],
    }
    if dataset.updated:
        entry["dct:modified"] = {"@value": dataset.updated, "@type": "xsd:dateTime"}
    return entry
