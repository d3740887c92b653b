"""Fixtures for the API tests: the seed data plus a draft that must never show."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from tests.support.api import DRAFT_SLUG


@pytest.fixture
def draft(seeded):
    """A draft in Damietta that every filter of the tests below would otherwise select."""
    from clusters.models import Cluster, Governorate, Sector

    square = Polygon.from_bbox((31.80, 31.40, 31.82, 31.42))
    return Cluster.objects.create(
        slug=DRAFT_SLUG, name_ar="مسودة ألبان دمياط", name_en="Secret draft Damietta dairy",
        sector=Sector.objects.get(slug="dairy"), governorate=Governorate.objects.get(iso_code="EG-DT"),
        location=Point(31.81, 31.41, srid=4326), footprint=MultiPolygon(square, srid=4326),
        location_precision="locality", enterprises=999999, employment=999999,
        products_en="cheese", status="draft",
    )


@pytest.fixture
def footprints(draft):
    """Footprints on two published clusters, so that geometry=footprint has something to show."""
    from clusters.models import Cluster

    for slug, box in [("damietta-furniture", (31.80, 31.40, 31.83, 31.43)), ("mahalla-textiles", (31.15, 30.96, 31.18, 30.99))]:
        Cluster.objects.filter(slug=slug).update(footprint=MultiPolygon(Polygon.from_bbox(box), srid=4326))

