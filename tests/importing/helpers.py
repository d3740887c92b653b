"""Small files for importer tests: a CSV or GeoJSON built from a few rows."""

import csv
import io
import json

COLUMNS = ["slug", "name_en", "name_ar", "sector", "governorate_iso", "lat", "lon", "location_precision"]


def row(slug="test-cluster", **changes) -> dict:
    values = {"slug": slug, "name_en": "Test cluster", "name_ar": "تجمع تجريبي", "sector": "pottery-ceramics",
              "governorate_iso": "EG-C", "lat": "30.0444", "lon": "31.2357", "location_precision": "locality"}
    values.update(changes)
    return values


def csv_bytes(rows, columns=None, delimiter=",") -> bytes:
    columns = columns or list(rows[0].keys())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def geojson_bytes(features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def errors_of(report, field=None) -> list[str]:
    return [p.message for p in report.errors if field is None or p.field == field]
