"""Calling the OGC API's plain functions and reading what they return."""

import json

BASE = "http://testserver/ogc"
DRAFT_SLUG = "ogc-secret-draft"
FAR_DRAFT_SLUG = "ogc-far-draft"


def body(result) -> dict:
    """A handler's JSON body as a dict, whether the handler built a dict or PostGIS built bytes."""
    return json.loads(result.body) if isinstance(result.body, bytes) else result.body


def ok(result) -> dict:
    assert result.status == 200, (result.status, result.body)
    return body(result)


def links_by_rel(document: dict, rel: str) -> list[dict]:
    return [link for link in document["links"] if link["rel"] == rel]


def feature_ids(document: dict) -> list[str]:
    return [feature["id"] for feature in document["features"]]


def published_slugs(**lookups) -> list[str]:
    from clusters.models import Cluster

    return sorted(Cluster.objects.filter(status="published", **lookups).values_list("slug", flat=True))


def items(collection="clusters", **query) -> dict:
    """The clusters' (or governorates') items for `query`, through the plain function, as a dict."""
    from clusters.ogc import handlers

    return ok(handlers.items(collection, query, BASE, "en"))


def items_error(collection="clusters", **query) -> dict:
    from clusters.ogc import handlers

    result = handlers.items(collection, query, BASE, "en")
    assert result.status == 400, (result.status, result.body)
    return result.body


def polygon(box):
    from django.contrib.gis.geos import Polygon

    box_polygon = Polygon.from_bbox(box)
    box_polygon.srid = 4326
    return box_polygon
