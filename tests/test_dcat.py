"""The DCAT-AP 3.0.1 catalogue (JSON-LD, Turtle, RDF/XML) as harvesters and the official SHACL shapes read
it; schema.org on dataset pages; the licence register and its check."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyshacl
import pytest
import rdflib
import yaml
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from generator.config import Portal
from generator.licenses import licence, register
from generator.validate import check
from tests.helpers import DATA, ROOT, case_portal

SITE = "https://satudata.sebar.example/"  # the demo portal.yml's url
SHAPES = DATA / "dcat-ap"
# open namespaces: pytest probes module attributes, which rdflib's closed ones warn about
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
SCHEMA = rdflib.Namespace("https://schema.org/")
FORMATS = {"json-ld": "dcat.jsonld", "turtle": "dcat.ttl", "xml": "dcat.rdf"}


def catalogue(site: Path, kind: str = "json-ld") -> rdflib.Graph:
    # no base IRI: a relative link would come out as file:///..., which the tests below reject
    return rdflib.Graph().parse(site / "katalog" / FORMATS[kind], format=kind)


def shapes() -> rdflib.Graph:
    """The official shapes, without the `sh:property` links to property shapes no file defines
    (tests/data/dcat-ap/README.md): pyshacl stops on those. Nothing else is left out: the EU-vocabulary
    shapes (publisher and place IRIs from EU authority tables) are not in these two files."""
    graph = rdflib.Graph()
    for name in ("dcat-ap-SHACL.ttl", "ranges.ttl"):
        graph.parse(SHAPES / name, format="turtle")
    dangling = [(s, o) for s, o in graph.subject_objects(SH.property) if not any(graph.predicate_objects(o))]
    assert len(dangling) == 5  # the five the shapes name without defining (SOURCES.md, dcat-ap)
    for subject, shape in dangling:
        graph.remove((subject, SH.property, shape))
    return graph


def public_datasets(portal: Path) -> set[str]:
    return {
        f"{p.parent.parent.name}/{p.parent.name}"
        for p in portal.glob("datasets/*/*/datapackage.yaml")
        if yaml.safe_load(p.read_text())["satudata"]["klasifikasi"] == "terbuka"
    }


def test_dcat_catalogue_conforms_to_the_dcat_ap_3_shapes(demo_site):
    conforms, _, text = pyshacl.validate(catalogue(demo_site), shacl_graph=shapes(), advanced=True)
    assert conforms, text


def test_dcat_turtle_and_rdf_xml_are_the_json_ld_graph(demo_site):
    graph = catalogue(demo_site)
    assert len(graph) > 500
    assert isomorphic(graph, catalogue(demo_site, "turtle"))
    assert isomorphic(graph, catalogue(demo_site, "xml"))


HARVEST = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
SELECT ?ds ?id ?licence ?licenceTitle ?start ?end ?place ?code ?contact ?page ?theme WHERE {
  ?catalog a dcat:Catalog ; dcat:dataset ?ds .
  ?ds a dcat:Dataset ; dct:identifier ?id ; dcat:landingPage ?page ;
      dct:temporal [ dcat:startDate ?start ; dcat:endDate ?end ] ;
      dct:spatial [ skos:prefLabel ?place ; dct:identifier ?code ] ;
      dcat:contactPoint [ vcard:fn ?contact ] ;
      dcat:theme [ skos:prefLabel ?theme ] ;
      dcat:distribution [ dct:license ?licence ] .
  ?licence dct:title ?licenceTitle .
  FILTER NOT EXISTS { ?ds dct:type ?kind }  # publications (DCMI Text, StillImage, ...) are datasets too
}
"""


def test_dcat_harvester_reads_licence_period_place_and_contact_of_every_public_dataset(demo_portal, demo_site):
    graph = catalogue(demo_site)
    found = {str(row.id): row for row in graph.query(HARVEST)}
    assert set(found) == public_datasets(demo_portal)  # every published dataset, and nothing else
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(found) + 3  # and the demo's three publications
    poverty = found["opendata-jabar/penduduk-miskin"]
    assert (str(poverty.start), str(poverty.end)) == ("2002-01-01", "2020-12-31")
    assert (str(poverty.place), str(poverty.code)) == ("Provinsi Jawa Barat", "32")
    assert str(found["kemendagri/kode-wilayah-jatim"].licence) == "http://spdx.org/licenses/MIT"
    assert str(poverty.theme) == "Kemiskinan"
    assert str(poverty.page) == SITE + "dataset/opendata-jabar/penduduk-miskin/"
    own = found["bandung/objek-wisata-belanja"]  # `other-at`, the portal's own licence (portal.yml)
    assert str(own.licence) == SITE + "bantuan/lisensi/"
    assert (demo_site / "bantuan" / "lisensi" / "index.html").is_file()
    for row in found.values():
        assert (demo_site / str(row.page).removeprefix(SITE) / "index.html").is_file()
    # every link is absolute, and those into the portal lead to something the site has
    for term in {t for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}:
        assert re.match(r"^(https?://|mailto:)", str(term)), term
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        access = str(graph.value(distribution, DCAT.accessURL))
        assert (demo_site / access.removeprefix(SITE) / "index.html").is_file()
        download = graph.value(distribution, DCAT.downloadURL)
        if download is None:
            continue  # a publication's page itself
        file = demo_site / str(download).removeprefix(SITE)
        assert file.is_file(), download
        assert int(graph.value(distribution, DCAT.byteSize)) == file.stat().st_size
        checksum = graph.value(distribution, SPDX.checksum)
        assert graph.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(graph.value(checksum, SPDX.checksumValue)) == hashlib.sha256(file.read_bytes()).hexdigest()


def test_dcat_catalogue_names_its_publisher_language_themes_and_frequencies(demo_site):
    graph = catalogue(demo_site)
    (root,) = graph.subjects(RDF.type, DCAT.Catalog)
    publisher = graph.value(root, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Dinas Komunikasi dan Informatika (Diskominfo)"
    assert str(graph.value(root, DCTERMS.language)) == "http://publications.europa.eu/resource/authority/language/IND"
    assert str(graph.value(root, FOAF.homepage)) == SITE
    assert str(graph.value(root, DCTERMS.modified)).startswith("2026-11-02")  # the fixture repository's commit
    scheme = graph.value(root, DCAT.themeTaxonomy)
    concepts = set(graph.subjects(SKOS.inScheme, scheme))
    assert len(concepts) == len(yaml.safe_load((ROOT / "portal.yml").read_text())["topik"])
    assert set(graph.objects(None, DCAT.theme)) <= concepts
    frequencies = {str(f).rsplit("/", 1)[1] for f in graph.objects(None, DCTERMS.accrualPeriodicity)}
    assert frequencies <= {"ANNUAL", "IRREG", "MONTHLY"} and "ANNUAL" in frequencies
    distributions = graph.subjects(RDF.type, DCAT.Distribution)
    kinds = {str(graph.value(d, DCAT.mediaType)): str(graph.value(d, DCTERMS["format"])) for d in distributions}
    assert kinds["http://www.iana.org/assignments/media-types/text/csv"].endswith("/file-type/CSV")


def test_home_page_links_the_three_serialisations(demo_site):
    head = (demo_site / "index.html").read_text().split("</head>")[0]
    links = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)" title="Katalog DCAT">', head)
    # relative to the home page (a <link> naming a host is what test_build forbids)
    assert links == [
        ("application/ld+json", "katalog/dcat.jsonld"),
        ("text/turtle", "katalog/dcat.ttl"),
        ("application/rdf+xml", "katalog/dcat.rdf"),
    ]
    assert all((demo_site / href).is_file() for _, href in links)


def test_dcat_files_are_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """rdflib's stores are hash-ordered: two processes with different seeds write the same bytes."""
    root = case_portal(tmp_path, "valid/locale", "valid/latin1")
    script = (
        "import sys; from pathlib import Path; from generator.validate import check; "
        "from generator.render.dcat import dcat_files; portal, datasets, _ = check(Path(sys.argv[1])); "
        "sys.stdout.buffer.write(b''.join(dcat_files(portal, datasets).values()))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(root)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1] and b"dinkes/latin1" in outputs[0]


def test_dataset_page_schema_org_has_what_dataset_search_reads(demo_site):
    html = (demo_site / "dataset" / "opendata-jabar" / "penduduk-miskin" / "index.html").read_text()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    page = SITE + "dataset/opendata-jabar/penduduk-miskin/"
    assert (data["url"], data["identifier"], data["inLanguage"]) == (page, "opendata-jabar/penduduk-miskin", "id")
    assert data["isAccessibleForFree"] is True
    assert data["license"] == SITE + "bantuan/lisensi/"  # `other-at`, defined in the demo portal.yml
    assert data["includedInDataCatalog"] == {
        "@type": "DataCatalog",
        "name": "Portal Satu Data Demo Sebar",
        "url": SITE + "katalog/",
    }
    assert data["publisher"]["name"] == "Open Data Jabar (Diskominfo Provinsi Jawa Barat)"
    measured = {v["propertyID"]: v for v in data["variableMeasured"]}
    assert all(v["@type"] == "PropertyValue" and v["name"] for v in measured.values())
    assert any(v.get("unitText") for v in measured.values())
    for download in data["distribution"]:
        assert (demo_site / download["contentUrl"].removeprefix(SITE)).is_file()
    local = json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}})  # no fetch of the context
    graph = rdflib.Graph().parse(data=local, format="json-ld")
    (dataset,) = graph.subjects(RDF.type, SCHEMA.Dataset)
    assert len(list(graph.objects(dataset, SCHEMA.variableMeasured))) == len(measured)


def test_check_rejects_a_licence_outside_the_register(tmp_path):
    _, _, report = check(case_portal(tmp_path, "invalid/lisensi-tidak-dikenal"))
    (issue,) = [i for i in report.flatten() if i["slug"] == "lisensi-tidak-dikenal"]
    assert issue["file"] == "datasets/dinkes/lisensi-tidak-dikenal/datapackage.yaml"
    assert issue["severity"] == "error"
    assert issue["message"] == (
        "Lisensi `CC-BY-4` di `licenses[0].name` tidak ada di daftar lisensi. "
        "Yang mirip: CC-BY-4.0, CC-BY-3.0, CC-BY-SA-4.0."
    )
    assert "`lisensi`, berisi name, title dan path" in issue["fix"] and "- name: CC-BY-4.0" in issue["fix"]


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("cc0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),  # SPDX ids ignore case
        ("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        ("MIT", "http://spdx.org/licenses/MIT"),
        ("other-at", "https://data.example.go.id/bantuan/lisensi/"),
        ("aturan-kota", "https://kota.example.go.id/syarat"),
        ("CC-BY-4", None),
    ],
)
def test_licence_register_gives_canonical_iris(name, iri):
    portal = Portal.model_validate(
        {
            **yaml.safe_load((DATA / "portal.yml").read_text()),
            "url": "https://data.example.go.id",
            "lisensi": [
                {"name": "other-at", "title": "Syarat sumber", "path": "bantuan/lisensi/"},
                {"name": "aturan-kota", "title": "Aturan kota", "path": "https://kota.example.go.id/syarat"},
            ],
        }
    )
    found = licence(name, portal)
    assert (found.iri if found else None) == iri
    assert {"CC0-1.0", "CC-BY-SA-4.0", "CC-BY-NC-ND-4.0", "ODC-By-1.0", "PDDL-1.0", "other-at"} <= set(register(portal))
