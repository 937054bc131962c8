"""Rebuild generator/referensi/ (region codes and the BPS crosswalk) from the copies of their sources.

    python tools/referensi.py SHARED_KODE_WILAYAH_FOLDER

The East Java lists come from kodewilayah/explorer @ 9549551 (MIT); West Java's names from Sebar's
own boundary files and demo datasets. See generator/referensi/README.md.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "generator" / "referensi"
DOTTED = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
BANDUNG = (
    ROOT / "datasets/bandung/supermarket-minimarket-mall/jumlah_supermarket_minimarket_dan_mall_di_kota_bandung.csv"
)


def geojson(name: str) -> list[tuple[str, str]]:
    features = json.loads((ROOT / "generator/boundaries" / name).read_text(encoding="utf-8"))["features"]
    return [(f["properties"]["kode"], f["properties"]["nama"]) for f in features]


def main(source: Path) -> None:
    rows = [("32", "Provinsi", "Jawa Barat")]  # the demo datasets' cakupan: "Provinsi Jawa Barat"
    for code, name in geojson("jabar-kabkota.geojson"):
        kind, _, rest = name.partition(" ")
        rows.append((code, kind, rest))
    rows += [(code, "Kecamatan", name) for code, name in geojson("kota-bandung-kecamatan.geojson")]
    with (source / "dagri2017.jatim35.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if DOTTED.match(row["code"]) and row["code"].count(".") + 1 == int(row["level"]):
                rows.append((row["code"], row["localPrefix"], row["name"]))
            else:
                print(f"dilewati (bukan kode wilayah): {row}", file=sys.stderr)
    known = {code for code, _, _ in rows}
    # the source lost Magetan's line (written as `35.2`, name `0`): its name from the boundary file
    for code, name in geojson("jatim-kabkota.geojson"):
        if code not in known:
            kind, _, rest = name.partition(" ")
            rows.append((code, kind, rest))
            known.add(code)
    assert len(known) == len(rows), "a code twice"
    with (OUT / "kemendagri.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["kode", "jenis", "nama"])
        writer.writerows(sorted(rows))

    pairs, seen = [], set()
    with (source / "bps-to-dagri.jatim35.tsv").open(encoding="utf-8") as file:
        for line in file:
            bps, _, dagri = line.rstrip("\n").partition("\t")
            if (bps, dagri) in seen:
                continue  # the same line twice
            seen.add((bps, dagri))
            if dagri in known:
                pairs.append((bps, dagri))
            else:
                print(f"dilewati (tanpa padanan Kemendagri): {bps!r} -> {dagri!r}", file=sys.stderr)
    with BANDUNG.open(encoding="utf-8", newline="") as file:
        bandung = {(r["bps_kode_kecamatan"], r["kemendagri_kode_kecamatan"]) for r in csv.DictReader(file)}
    assert all(dagri in known for _, dagri in bandung)
    pairs += sorted(bandung)
    with (OUT / "bps-kemendagri.tsv").open("w", encoding="utf-8") as file:
        file.write("bps\tkemendagri\n")
        file.writelines(f"{bps}\t{dagri}\n" for bps, dagri in sorted(pairs))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
