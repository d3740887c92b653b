"""Partners get the whole record: aliases, descriptions, sources and products in both languages (issue 11, item 4).

The cluster page showed them and the API, OGC and every download did not
(defect 6). Lists travel as JSON arrays in the API's JSON, and joined by
" | " (as in the seed CSV) in flat formats, so that a download re-imports.
"""

import csv
import io
import subprocess

import pytest

from clusters.geojson import FLAT_COLUMNS
from clusters.importing.columns import column_canonical, EDITABLE_COLUMNS
from clusters.models import Cluster
from clusters.spreadsheet import spreadsheet_cell_safe
from tests.support.api import get_json

pytestmark = pytest.mark.django_db
SLUG = "mit-ghamr-aluminium"
URL = "/api/v1/clusters/"


@pytest.fixture
def described(seeded):
    cluster = Cluster.objects.get(slug=SLUG)
    cluster.description_ar = "أكبر تجمع للألومنيوم في مصر."
    cluster.description_en = "Egypt's largest aluminium cluster."
    cluster.aliases = "Meet Ghamr\n  \nMit Gamr "
    cluster.save()
    return cluster


def _expected(cluster):
    return {
        "aliases": ["Meet Ghamr", "Mit Gamr"],
        "description_ar": cluster.description_ar,
        "description_en": cluster.description_en,
        "sources": cluster.sources,
        "products_ar": cluster.products_ar,
        "products_en": cluster.products_en,
    }


def _pick(properties: dict) -> dict:
    return {key: properties[key] for key in ("aliases", "description_ar", "description_en", "sources",
                                             "products_ar", "products_en")}


def test_the_list_and_the_detail_carry_the_full_record(client, described):
    assert len(described.sources) == 4
    listed = next(f for f in get_json(client, URL)["features"] if f["id"] == SLUG)
    assert _pick(listed["properties"]) == _expected(described)
    detail = get_json(client, f"{URL}{SLUG}/")
    assert _pick(detail["properties"]) == _expected(described)


def test_a_cluster_without_aliases_or_sources_has_empty_lists(client, seeded):
    Cluster.objects.filter(slug=SLUG).update(aliases="", sources=[])
    listed = next(f for f in get_json(client, URL)["features"] if f["id"] == SLUG)
    assert (listed["properties"]["aliases"], listed["properties"]["sources"]) == ([], [])
    assert get_json(client, f"{URL}{SLUG}/")["properties"]["aliases"] == []


def test_ogc_items_carry_the_full_record_flat(client, described):
    feature = get_json(client, f"/ogc/collections/clusters/items/{SLUG}?f=json")
    properties = feature["properties"]
    assert properties["aliases"] == "Meet Ghamr | Mit Gamr"
    assert properties["sources"] == " | ".join(described.sources)
    assert (properties["description_ar"], properties["description_en"]) == (
        described.description_ar, described.description_en)
    schema = get_json(client, "/ogc/collections/clusters/schema?f=json")["properties"]["properties"]["properties"]
    assert {"aliases", "sources", "description_ar", "description_en", "products_ar"} <= set(schema)


def test_csv_has_every_field_in_the_importers_order(client, described):
    content = client.get(f"{URL}?format=csv&q=ghamr").content.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(content))
    header = next(reader)
    # Every column the importer may write comes first, in its order; then the read-only ones it ignores.
    editable = [column_canonical(name) for name in header if column_canonical(name)]
    assert editable == [name for name in EDITABLE_COLUMNS if name in editable]
    assert set(EDITABLE_COLUMNS) - set(editable) == {"footprint"}
    assert all(column_canonical(name) is not None for name in header)
    row = dict(zip(header, next(reader)))
    assert row["aliases"] == "Meet Ghamr | Mit Gamr"
    assert row["sources"] == " | ".join(described.sources)
    assert row["description_en"] == "Egypt's largest aluminium cluster."


@pytest.mark.parametrize("export_format", ["gpkg", "kml"])
def test_gdal_formats_carry_the_full_record(client, described, tmp_path, export_format):
    path = tmp_path / f"one.{export_format}"
    path.write_bytes(client.get(f"{URL}?format={export_format}&q=ghamr").content)
    info = subprocess.run(["ogrinfo", "-ro", "-al", str(path)], capture_output=True, text=True, check=True).stdout
    assert "description_ar (String) = أكبر تجمع للألومنيوم في مصر." in info
    assert "aliases (String) = Meet Ghamr | Mit Gamr" in info
    assert described.sources[0] in info


def test_openapi_describes_the_full_record():
    from clusters.api.schema import CLUSTER_DETAIL, CLUSTER_FEATURE

    properties = CLUSTER_FEATURE["properties"]["properties"]["properties"]
    assert {"aliases", "sources", "description_ar", "description_en", "products_ar", "products_en"} <= set(properties)
    detail = CLUSTER_DETAIL["properties"]["properties"]["properties"]
    assert {"aliases", "sources", "description_ar", "description_en"} <= set(detail)
    assert [name for name, *_rest in FLAT_COLUMNS][:3] == ["slug", "name_en", "name_ar"]


def test_formula_cells_are_neutralised_in_the_public_csv(client, seeded):
    Cluster.objects.filter(slug=SLUG).update(
        name_en='=HYPERLINK("http://evil.example","x")', products_en="+1 cmd", locality_en="-2", aliases="@SUM(A1)",
        description_en="\t=1",
    )
    content = client.get(f"{URL}?format=csv&q=ghamr").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(content)))
    assert row["name_en"] == '\'=HYPERLINK("http://evil.example","x")'
    assert (row["products_en"], row["locality_en"], row["aliases"], row["description_en"]) == (
        "'+1 cmd", "'-2", "'@SUM(A1)", "'\t=1")
    # Numbers stay numbers: only text cells are touched.
    assert row["lat"][0].isdigit() and row["slug"] == SLUG


def test_one_rule_for_every_csv():
    assert [spreadsheet_cell_safe(v) for v in ["=1", "+1", "-1", "@a", "\r=1", "a=1", "", None, 5]] == [
        "'=1", "'+1", "'-1", "'@a", "'\r=1", "a=1", "", "", 5]
