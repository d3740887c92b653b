"""OGC details from the security review (issue 13, item 8): antimeridian bboxes, datetime offsets,
and the 404 of an unknown collection in the format and language asked."""

import json

import pytest

from clusters.models import Cluster, Governorate
from clusters.ogc import handlers
from tests.support.ogc import BASE, items, items_error


def test_a_bbox_across_the_antimeridian_is_answered_as_two_boxes(seeded):
    published = Cluster.objects.filter(status="published").count()
    # From 20°E eastwards across 180° to 170°W: all of Egypt.
    document = items(bbox="20,20,-170,35", limit="10000")
    assert document["numberMatched"] == published
    # From 170°E to 170°W: nothing of Egypt.
    assert items(bbox="170,-10,-170,10")["numberMatched"] == 0
    assert items("governorates", bbox="20,20,-170,35", limit="100")["numberMatched"] == Governorate.objects.count()
    assert items(bbox="20,20,0,-170,35,100", limit="10000")["numberMatched"] == published  # 3D form too


def test_a_bbox_upside_down_in_latitude_is_still_refused(seeded):
    assert items_error(bbox="20,35,-170,20")["parameter"] == "bbox"


@pytest.mark.parametrize("value", [
    "2024-05-01T10:00:00+99:99", "2024-05-01T10:00:00+24:00", "2024-05-01T10:00:00-23:60",
    "2024-05-01T10:00:00+99:99/..", "../2024-05-01T10:00:00+25:00",
])
def test_datetime_offsets_out_of_range_are_refused(seeded, value):
    assert items_error(datetime=value)["parameter"] == "datetime"


def test_datetime_offsets_in_range_are_taken(seeded):
    assert items(datetime="2020-01-01T00:00:00+23:59/..")["numberMatched"] >= 0
    assert items(datetime="2020-01-01T00:00:00-12:30/..")["numberMatched"] >= 0


@pytest.mark.parametrize("path", ["/ogc/collections/nothing", "/ogc/collections/nothing/items",
                                  "/ogc/collections/nothing/schema", "/ogc/collections/nothing/items/x"])
def test_an_unknown_collection_answers_in_the_format_and_language_asked(client, path):
    english_html = client.get(path, {"f": "html", "lang": "en"})
    assert english_html.status_code == 404
    assert english_html["Content-Type"].startswith("text/html")
    assert english_html["Content-Language"] == "en"
    assert "There is no collection with this id" in english_html.content.decode()

    english_json = client.get(path, {"f": "json", "lang": "en"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert english_json.status_code == 404 and english_json["Content-Type"].startswith("application/json")
    assert json.loads(english_json.content)["description"].startswith("There is no collection")

    arabic = client.get(path, {"lang": "ar"}, HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT="text/html")
    assert arabic.status_code == 404 and arabic["Content-Type"].startswith("text/html")
    assert arabic["Content-Language"] == "ar"
    assert "There is no collection" not in arabic.content.decode()


def test_the_handler_itself_honours_f_and_lang():
    result = handlers.collection("nothing", {"f": "json", "lang": "en"}, BASE, "ar")
    assert result.status == 404 and result.headers["Content-Language"] == "en"
    assert result.body["code"] == "NotFound"
