"""Fixtures for the OGC API tests: plain-function calls, a draft that must never show, a live server."""

import json

import pytest
from django.contrib.gis.geos import Point

BASE = "http://testserver/ogc"
DRAFT_SLUG = "ogc-secret-draft"
FAR_DRAFT_SLUG = "ogc-far-draft"


def body(result) -> dict:
    """A handler's JSON body as a dict, whether the handler built a dict or PostGIS built bytes."""
    return json.loads(result.body) if isinstance(result.body, bytes) else result.body


def ok(result) -> dict:
    assert result.status == 200, (result.status, result.body)
    return body(result)


@pytest.fixture
def draft(seeded):
    """A draft in Damietta that every selection below would otherwise include."""
    from clusters.models import Cluster, Governorate, Sector

    # A second draft past the published clusters' extent: it must not widen it.
    Cluster.objects.create(
        slug=FAR_DRAFT_SLUG, name_ar="مسودة بعيدة", name_en="Far draft", sector=Sector.objects.get(slug="dairy"),
        governorate=Governorate.objects.get(iso_code="EG-ASN"), location=Point(24.8, 21.8, srid=4326),
        status="draft",
    )
    return Cluster.objects.create(
        slug=DRAFT_SLUG, name_ar="مسودة سرية", name_en="Secret draft", sector=Sector.objects.get(slug="dairy"),
        governorate=Governorate.objects.get(iso_code="EG-DT"), location=Point(31.81, 31.41, srid=4326),
        status="draft",
    )


@pytest.fixture
def live_ogc(transactional_db, live_server, draft):
    """The live server with the seed data and a draft; transactional so the server thread sees them.

    The same pattern as tests/browser's live_seeded, kept here so the browser fixtures stay theirs.
    """
    return f"{live_server.url}/ogc/"


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
