"""The DCAT-AP 3.0.1 catalogue for harvesters: one RDF graph, written as JSON-LD, Turtle and RDF/XML.

Every node has an IRI made of the portal's `url` and what it stands for (no blank nodes), so the
same input gives the same bytes. The IRIs of outside vocabularies that DCAT-AP ranges check (media
types, file types, frequencies, licences, ...) are typed here too: a harvester or a SHACL validator
reads the catalogue alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from generator.config import Portal
from generator.errors import BuildError
from generator.licenses import licence
from generator.model import Dataset
from generator.publications.catalog import Publication
from generator.render.bps import FILE as MS_IND
from generator.render.bps import ms_indikator_json
from generator.render.downloads import FORMATS
from generator.sop.records import sha256

DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # not in rdflib's closed DCAT namespace
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCMITYPE = Namespace("http://purl.org/dc/dcmitype/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"
INDONESIAN = URIRef(EU + "language/IND")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
# satudata.frekuensi -> the EU frequency vocabulary
FREQUENCY = {
    "harian": "DAILY",
    "mingguan": "WEEKLY",
    "bulanan": "MONTHLY",
    "triwulanan": "QUARTERLY",
    "semesteran": "ANNUAL_2",
    "tahunan": "ANNUAL",
    "dua-tahunan": "BIENNIAL",
    "lima-tahunan": "QUINQUENNIAL",
    "sepuluh-tahunan": "DECENNIAL",
    "tidak-tetap": "IRREG",
}
FILE_TYPES = {
    "csv": "CSV",
    "xlsx": "XLSX",
    "json": "JSON",
    "parquet": "PARQUET",
    "pdf": "PDF",
    "png": "PNG",
    "html": "HTML",
}
DCMI_TYPES = {"tabel": "Text", "buku": "Text", "infografis": "StillImage", "dasbor": "InteractiveResource"}
DCMI_LABELS = {"Text": "Text", "StillImage": "Still Image", "InteractiveResource": "Interactive Resource"}
PREFIXES = {
    "rdf": RDF,
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "rdfs": RDFS,
    "skos": SKOS,
    "spdx": SPDX,
    "vcard": VCARD,
    "xsd": XSD,
}
FILES = {"json-ld": "katalog/dcat.jsonld", "turtle": "katalog/dcat.ttl", "xml": "katalog/dcat.rdf"}


def site_url(portal: Portal) -> str:
    """The portal's public address, ending in `/`: the base of every machine-facing link."""
    if not isinstance(portal.url, str):
        raise BuildError(
            "portal.yml tidak punya `url`: katalog DCAT dan schema.org memerlukan alamat publik portal untuk "
            "tautan mutlak. Tambahkan mis. `url: https://satudata.kotaanda.go.id/` di portal.yml."
        )
    return portal.url.rstrip("/") + "/"


def dcat_files(
    portal: Portal,
    datasets: list[Dataset],
    publications: list[Publication] | None = None,
    files: Mapping[Path, bytes] | None = None,
) -> dict[Path, bytes]:
    """katalog/dcat.jsonld, .ttl and .rdf: the same graph (only `terbuka` datasets are ever in it).
    `files` are the publications' downloads (path in the site -> bytes), for their size and checksum."""
    graph = dcat_graph(portal, [d for d in datasets if d.public], publications or [], files or {})
    return {Path(name): serialise(graph, kind) for kind, name in FILES.items()}


def serialise(graph: Graph, kind: str) -> bytes:
    """Stable bytes: the triples are added to a fresh graph in sorted order (rdflib's serialisers walk
    the store in insertion order), and the JSON-LD nodes and values are sorted."""
    ordered = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        ordered.bind(prefix, namespace)
    for triple in sorted(graph):
        ordered.add(triple)
    if kind == "turtle":  # the Turtle serialiser sorts subjects, predicates and objects itself
        return ordered.serialize(format=kind, encoding="utf-8")
    if kind == "xml":  # flat rdf:Descriptions, one per subject, in the store's (hash) order: sort them
        text = ordered.serialize(format=kind)
        start, end = text.index("  <rdf:Description"), text.rindex("</rdf:RDF>")
        blocks = re.findall(r"  <rdf:Description .*?</rdf:Description>\n", text[start:end], re.DOTALL)
        return (text[:start] + "".join(sorted(blocks)) + text[end:]).encode("utf-8")
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    data = json.loads(ordered.serialize(format="json-ld", context=context, auto_compact=True))
    return (json.dumps(sorted_json(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((sorted_json(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def iri(url: str) -> str:
    """A web address from portal.yml as an IRI: the characters RDF forbids in one ({, }, |, ^, `, \\)
    percent-encoded, the rest kept."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


class Catalogue:
    """Adds the catalogue's nodes to one graph."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.site = iri(site_url(portal))
        self.graph = Graph()
        self.id = URIRef(self.site + "katalog/")
        self.scheme = URIRef(self.site + "topik/")

    def add(self, subject: URIRef, *pairs: tuple[URIRef, Any]) -> URIRef:
        """Triples of `subject`; a value None is left out, a str becomes a literal."""
        for predicate, value in pairs:
            if value is not None:
                self.graph.add((subject, predicate, value if isinstance(value, (URIRef, Literal)) else Literal(value)))
        return subject

    def typed(self, iri: str, kind: URIRef, label: str | None = None) -> URIRef:
        """An IRI of an outside vocabulary, with the class DCAT-AP expects of it."""
        return self.add(URIRef(iri), (RDF.type, kind), (SKOS.prefLabel, label))

    def agent(self, iri: str, name: str) -> URIRef:
        return self.add(URIRef(iri), (RDF.type, FOAF.Agent), (RDF.type, FOAF.Organization), (FOAF.name, name))

    def document(self, url: str) -> URIRef:
        return self.add(URIRef(url), (RDF.type, FOAF.Document))

    def producer(self, kode: str | None) -> URIRef:
        """A producer's organisation; without one, the catalogue's publisher (the Walidata's agency)."""
        if kode is None or self.portal.producer(kode) is None:
            name = self.portal.walidata.instansi or self.portal.nama
            return self.agent(self.site + "#penerbit", name)
        return self.agent(f"{self.site}produsen/{kode}/#organisasi", self.portal.producer_name(kode))

    def catalogue(self, modified: str | None) -> None:
        portal, topics = self.portal, self.portal.topik
        self.add(self.scheme, (RDF.type, SKOS.ConceptScheme), (DCTERMS.title, "Topik"), (SKOS.prefLabel, "Topik"))
        for code, name in topics.items():
            concept = URIRef(f"{self.site}topik/{code}/")
            self.add(concept, (RDF.type, SKOS.Concept), (SKOS.prefLabel, name), (SKOS.inScheme, self.scheme))
        self.add(
            self.id,
            (RDF.type, DCAT.Catalog),
            (DCTERMS.title, portal.nama),
            (DCTERMS.description, portal.deskripsi),
            (DCTERMS.publisher, self.producer(None)),
            (DCTERMS.language, self.typed(str(INDONESIAN), DCTERMS.LinguisticSystem)),
            (FOAF.homepage, self.document(self.site)),
            (DCAT.themeTaxonomy, self.scheme),
            (DCTERMS.modified, Literal(modified, datatype=XSD.dateTime) if modified else None),
        )

    def distribution(
        self, dataset: URIRef, iri: str, title: str, page: str, download: str | None, media: str, ext: str
    ) -> URIRef:
        node = self.add(
            URIRef(iri),
            (RDF.type, DCAT.Distribution),
            (DCTERMS.title, title),
            (DCAT.accessURL, URIRef(page)),
            (DCAT.downloadURL, URIRef(download) if download else None),
            (DCAT.mediaType, self.typed(IANA + media, DCTERMS.MediaType)),
            (DCTERMS.format, self.typed(EU + "file-type/" + FILE_TYPES[ext], DCTERMS.MediaTypeOrExtent)),
        )
        self.add(dataset, (DCAT.distribution, node))
        return node

    def size(self, distribution: URIRef, size: int, digest: str) -> None:
        checksum = self.add(
            URIRef(f"{distribution}-sha256"),
            (RDF.type, SPDX.Checksum),
            (SPDX.algorithm, self.typed(str(SPDX.checksumAlgorithm_sha256), SPDX.ChecksumAlgorithm)),
            (SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)),
        )
        self.add(
            distribution,
            (DCAT.byteSize, Literal(str(size), datatype=XSD.nonNegativeInteger)),
            (SPDX.checksum, checksum),
        )

    def dataset(self, dataset: Dataset) -> URIRef:
        spec, meta = dataset.spec, dataset.spec.satudata
        page = self.site + dataset.url
        node = URIRef(page + "#dataset")
        kontak = meta.kontak
        contact = self.add(
            URIRef(page + "#kontak"),
            (RDF.type, VCARD.Kind),
            (VCARD.fn, kontak.nama if kontak else self.portal.producer_name(dataset.produsen)),
            (VCARD.hasEmail, URIRef("mailto:" + quote(kontak.email, safe="@")) if kontak and kontak.email else None),
            (VCARD.hasURL, None if kontak else URIRef(f"{self.site}produsen/{dataset.produsen}/")),
        )
        first, last = meta.years[0], meta.years[-1]
        period = self.add(
            URIRef(page + "#periode"),
            (RDF.type, DCTERMS.PeriodOfTime),
            (DCAT.startDate, Literal(f"{first}-01-01", datatype=XSD.date)),
            (DCAT.endDate, Literal(f"{last}-12-31", datatype=XSD.date)),
        )
        place = self.add(
            URIRef(f"{self.site}#wilayah-{meta.cakupan.kode}"),
            (RDF.type, DCTERMS.Location),
            (SKOS.prefLabel, meta.cakupan.nama),
            (DCTERMS.title, meta.cakupan.nama),
            (DCTERMS.identifier, meta.cakupan.kode),
        )
        source = meta.sumber.nama + (f" ({meta.sumber.url})" if meta.sumber.url else "")
        provenance = self.add(
            URIRef(page + "#asal"), (RDF.type, DCTERMS.ProvenanceStatement), (RDFS.label, f"Sumber: {source}")
        )
        self.add(
            node,
            (RDF.type, DCAT.Dataset),
            (DCTERMS.identifier, f"{dataset.produsen}/{dataset.slug}"),
            (DCTERMS.title, spec.title),
            (DCTERMS.description, spec.description),
            *((DCAT.keyword, Literal(word)) for word in spec.keywords),
            (DCAT.theme, URIRef(f"{self.site}topik/{meta.topik}/")),
            (DCTERMS.publisher, self.producer(dataset.produsen)),
            (DCAT.contactPoint, contact),
            (DCTERMS.accessRights, self.typed(str(PUBLIC), DCTERMS.RightsStatement)),
            (DCTERMS.accrualPeriodicity, self.typed(EU + "frequency/" + FREQUENCY[meta.frekuensi], DCTERMS.Frequency)),
            (DCTERMS.temporal, period),
            (DCTERMS.spatial, place),
            (DCTERMS.language, INDONESIAN),
            (DCAT_VERSION, spec.version),
            (DCTERMS.provenance, provenance),
            (DCAT.landingPage, self.document(page)),
            (DCTERMS.modified, Literal(dataset.updated, datatype=XSD.dateTime) if dataset.updated else None),
        )
        used = licence(spec.licenses[0].name, self.portal)  # `sebar check` lets no unknown name through
        terms = None
        if used is not None:
            terms = self.add(URIRef(iri(used.iri)), (RDF.type, DCTERMS.LicenseDocument), (DCTERMS.title, used.title))
            self.add(terms, (DCTERMS.identifier, used.id))
        for resource in dataset.resources:
            for ext, media in FORMATS.items():
                if ext not in resource.formats:
                    continue
                name = f"{resource.spec.name}.{ext}"
                title = f"{resource.spec.title or spec.title} ({ext.upper()})"
                distribution = self.distribution(node, f"{page}#{name}", title, page, page + name, media, ext)
                self.add(distribution, (DCTERMS.license, terms))
                path = dataset.files / name if dataset.files else None
                if path is not None and path.is_file():
                    self.size(distribution, path.stat().st_size, sha256(path))
        form = ms_indikator_json(self.portal, dataset)  # BPS statistical metadata, as its own file
        if form is not None:
            title = "Metadata Statistik Indikator (MS-Ind)"
            distribution = self.distribution(
                node, f"{page}#{MS_IND}", title, page, page + MS_IND, FORMATS["json"], "json"
            )
            self.add(distribution, (DCTERMS.license, terms))
            self.size(distribution, len(form), hashlib.sha256(form).hexdigest())
        return node

    def publication(self, publication: Publication, datasets: list[Dataset], files: Mapping[Path, bytes]) -> None:
        page = self.site + publication.url
        node = URIRef(page + "#dataset")
        name = DCMI_TYPES[publication.jenis]
        kind = self.typed(str(DCMITYPE[name]), SKOS.Concept, DCMI_LABELS[name])
        issued = None
        if publication.tanggal:
            issued = Literal(publication.tanggal.isoformat(), datatype=XSD.date)
        elif publication.tahun:
            issued = Literal(str(publication.tahun), datatype=XSD.gYear)
        by_ref = {f"{d.produsen}/{d.slug}": d for d in datasets}
        self.add(
            node,
            (RDF.type, DCAT.Dataset),
            (DCTERMS.type, kind),
            (DCTERMS.identifier, publication.nomor or publication.url.rstrip("/")),
            (DCTERMS.title, publication.judul),
            (DCTERMS.description, publication.deskripsi or publication.judul),
            (DCTERMS.language, INDONESIAN),
            (DCAT.keyword, publication.kind),
            (DCTERMS.publisher, self.producer(publication.produsen)),
            (DCTERMS.accessRights, self.typed(str(PUBLIC), DCTERMS.RightsStatement)),
            (DCAT.theme, URIRef(f"{self.site}topik/{publication.topik}/") if publication.topik else None),
            (DCTERMS.issued, issued),
            (DCAT.landingPage, self.document(page)),
            *(
                (DCTERMS.source, URIRef(self.site + by_ref[ref].url + "#dataset"))
                for ref in publication.datasets
                if ref in by_ref
            ),
        )
        self.distribution(node, page + "#html", f"{publication.judul} (HTML)", page, None, "text/html", "html")
        for download in publication.downloads:
            ext = download.href.rsplit(".", 1)[1]
            title = f"{publication.judul} ({ext.upper()})"
            iri = f"{page}#{ext}"
            distribution = self.distribution(node, iri, title, page, self.site + download.href, download.media, ext)
            data = files.get(Path(download.href))
            if data is not None:
                self.size(distribution, len(data), hashlib.sha256(data).hexdigest())


def dcat_graph(
    portal: Portal, datasets: list[Dataset], publications: list[Publication], files: Mapping[Path, bytes]
) -> Graph:
    catalogue = Catalogue(portal)
    catalogue.catalogue(max((d.updated for d in datasets if d.updated), default=None))
    for dataset in sorted(datasets, key=lambda d: d.url):
        catalogue.add(catalogue.id, (DCAT.dataset, catalogue.dataset(dataset)))
    for publication in publications:
        catalogue.publication(publication, datasets, files)
        catalogue.add(catalogue.id, (DCAT.dataset, URIRef(catalogue.site + publication.url + "#dataset")))
    return catalogue.graph
