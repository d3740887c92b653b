"""Hostile values through the batched write path (COPY and bulk UPDATE), as a security review tried them.

COPY's text format gives tabs, newlines, backslashes and \\N meanings of their
own: every text column must come back exactly as the file had it, and what
the database cannot hold (a NUL) is refused by row, field and reason before
anything is written. IMPORT_BULK_FROM_ROWS 1 forces batches (of 3 rows, so a
file spans several); one test runs a real 600-row file with the defaults.
"""

import pytest

from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import csv_bytes, errors_of, row

TEXT_COLUMNS = ["name_en", "name_ar", "locality_en", "locality_ar", "products_en", "products_ar",
                "description_en", "description_ar"]
COLUMNS = ["slug", "name_en", "name_ar", "sector", "governorate_iso", "lat", "lon", "location_precision",
           "aliases", "locality_en", "locality_ar", "products_en", "products_ar", "description_en",
           "description_ar", "source"]
# What COPY's text format treats specially, and what a careless escape would turn into something else.
NASTY = ["a\tb", "line one\nline two", "back\\slash", "\\N", "\\.", "ends with a backslash\\", "\\t literal",
         "قرية \\ النخيل\tالجديدة", "null \\0 byte escape", "E'\\x41'",
         "«quoted» \"and\" 'single'", "{a,b}"]


@pytest.fixture(autouse=True)
def batches(settings):
    settings.IMPORT_BULK_FROM_ROWS = 1
    settings.IMPORT_BULK_BATCH_ROWS = 3


def nasty_rows():
    rows = []
    for n, text in enumerate(NASTY):
        values = {name: f"{text} {name}" for name in TEXT_COLUMNS}
        values["aliases"] = f"{text} alias"
        values["source"] = f"https://example.org/{n}/a\\b\"c,{{d}}"
        rows.append(row(f"nasty-{n}", lat=f"{30.0 + n / 1000:.4f}", **values))
    return rows


def test_copy_special_characters_are_stored_exactly_as_the_file_has_them(base_data):
    rows = nasty_rows()
    report = cluster_import(csv_bytes(rows, COLUMNS), "nasty.csv")
    assert report.written, (report.file_error, report.errors)
    for values in rows:
        cluster = Cluster.objects.get(slug=values["slug"])
        for name in TEXT_COLUMNS:
            assert getattr(cluster, name) == values[name], name
        assert cluster.aliases == values["aliases"]
        assert cluster.sources == [values["source"]]
        history = cluster.history.get()
        assert [getattr(history, name) for name in TEXT_COLUMNS] == [values[name] for name in TEXT_COLUMNS]


def test_copy_special_characters_in_an_update_are_stored_exactly(base_data):
    plain = [row(f"nasty-{n}", lat=f"{30.0 + n / 1000:.4f}") for n in range(len(NASTY))]
    assert cluster_import(csv_bytes(plain), "plain.csv").written
    rows = nasty_rows()
    report = cluster_import(csv_bytes(rows, COLUMNS), "nasty.csv")
    assert report.written and report.summary["update"] == len(NASTY), (report.file_error, report.errors)
    for values in rows:
        cluster = Cluster.objects.get(slug=values["slug"])
        assert [getattr(cluster, name) for name in TEXT_COLUMNS] == [values[name] for name in TEXT_COLUMNS]
        assert cluster.sources == [values["source"]]
    # And the same file again changes nothing.
    again = cluster_import(csv_bytes(rows, COLUMNS), "nasty.csv")
    assert again.written and again.summary["unchanged"] == len(NASTY)


@pytest.mark.parametrize("column", TEXT_COLUMNS + ["aliases", "slug"])
def test_a_nul_byte_in_any_text_column_is_refused_by_row_and_field(base_data, column):
    rows = [row(f"row-{n}", lat=f"{30.0 + n / 1000:.4f}") for n in range(5)]
    rows[3][column] = rows[3].get(column, "x") + "\x00tail"
    report = cluster_import(csv_bytes(rows, list(rows[3])), "nul.csv")
    assert not report.written and not report.file_error
    assert {(p.number, p.field) for p in report.errors} == {(5, column)}, report.errors
    assert not Cluster.objects.exists()


def test_long_arabic_text_goes_through_copy_whole(base_data):
    long_text = "نص عربي طويل\t\\ " * 20_000
    rows = [row(f"long-{n}", lat=f"{30.0 + n / 1000:.4f}", description_ar=long_text) for n in range(4)]
    assert cluster_import(csv_bytes(rows), "long.csv").written
    assert set(Cluster.objects.values_list("description_ar", flat=True)) == {long_text.strip()}


@pytest.mark.parametrize("bulk_from", [1, 10**9], ids=["batches", "rows"])
@pytest.mark.parametrize("field", ["slug", "name_en", "description_ar"])
def test_a_lone_surrogate_escape_in_geojson_is_refused_by_feature_not_a_traceback(base_data, settings, bulk_from,
                                                                                   field):
    # json.loads turns "\ud800" into a Python string that no UTF-8 can hold.
    settings.IMPORT_BULK_FROM_ROWS = bulk_from
    features = []
    for n in range(3):
        properties = {"slug": f"s-{n}", "name_en": "x", "name_ar": "ع", "sector": "pottery-ceramics",
                      "governorate_iso": "EG-C", "location_precision": "locality", "description_ar": "d"}
        if n == 1:
            properties[field] += "\\ud800"
        features.append('{"type": "Feature", "geometry": {"type": "Point", "coordinates": [31.2357, 30.0444]}, '
                        '"properties": {%s}}' % ", ".join(f'"{k}": "{v}"' for k, v in properties.items()))
    content = ('{"type": "FeatureCollection", "features": [%s]}' % ", ".join(features)).encode()
    report = cluster_import(content, "broken.geojson")
    assert not report.written and not report.file_error
    assert {p.number for p in report.errors} == {2} and report.errors[0].field == "row", report.errors
    assert field in report.errors[0].message and "broken text" in report.errors[0].message
    assert not Cluster.objects.exists()
    import json

    json.dumps(report.as_dict(), ensure_ascii=False).encode("utf-8")  # printable by the command line
