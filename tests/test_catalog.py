"""Machine-readable metadata: the DCAT catalogue and each page's schema.org JSON-LD, read as RDF."""

from __future__ import annotations

import json
import re

import rdflib
import yaml

BASE = "https://satudata.sebar.example/"  # the demo portal.yml's url: every link is absolute
QUERY = """
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?id ?url WHERE {
  ?ds a dcat:Dataset ; dct:identifier ?id ; dcat:distribution/dcat:downloadURL ?url
  FILTER NOT EXISTS { ?ds dct:type ?kind }  # publications (DCMI Text, StillImage, ...) are datasets too
}
"""


def test_dcat_catalogue_lists_every_public_dataset_with_working_downloads(demo_portal, demo_site):
    graph = rdflib.Graph().parse(demo_site / "katalog" / "dcat.jsonld", format="json-ld", publicID=BASE)
    downloads: dict[str, list[str]] = {}
    for identifier, url in graph.query(QUERY):
        downloads.setdefault(str(identifier), []).append(str(url).removeprefix(BASE))
    public = {
        f"{p.parent.parent.name}/{p.parent.name}"
        for p in demo_portal.glob("datasets/*/*/datapackage.yaml")
        if yaml.safe_load(p.read_text())["satudata"]["klasifikasi"] == "terbuka"
    }
    assert set(downloads) == public
    for urls in downloads.values():
        urls = [u for u in urls if not u.endswith("/ms-indikator.json")]  # metadata, not the table
        assert sorted(u.rsplit(".", 1)[1] for u in urls) == ["csv", "json", "parquet", "xlsx"]
        assert all((demo_site / u).is_file() for u in urls)


def test_dataset_page_json_ld_is_a_schema_org_dataset(demo_site):
    html = (demo_site / "dataset" / "opendata-jabar" / "penduduk-miskin" / "index.html").read_text()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    # the same vocabulary inline: nothing is fetched during tests
    local = json.dumps({**data, "@context": {"@vocab": "https://schema.org/"}})
    graph = rdflib.Graph().parse(data=local, format="json-ld", publicID=BASE)
    schema = rdflib.Namespace("https://schema.org/")
    (dataset,) = graph.subjects(rdflib.RDF.type, schema.Dataset)
    assert str(graph.value(dataset, schema.name)) == data["name"]
    assert data["temporalCoverage"] == "2002/2020"
    assert len(list(graph.objects(dataset, schema.distribution))) == 4  # CSV, XLSX, JSON, Parquet
