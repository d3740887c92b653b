import pytest
from django.contrib.gis.geos import Point

from clusters.models import Cluster, Governorate, Sector


@pytest.fixture
def make_cluster(seeded):
    """Add a cluster to the seed data: published, in Cairo, unless told otherwise."""

    def make(slug, **fields):
        values = {
            "name_ar": "تجمع تجريبي",
            "name_en": "Test cluster",
            "sector": Sector.objects.get(slug="pottery-ceramics"),
            "governorate": Governorate.objects.get(iso_code="EG-C"),
            "location": Point(31.2357, 30.0444, srid=4326),
            "status": Cluster.Status.PUBLISHED,
            **fields,
        }
        return Cluster.objects.create(slug=slug, **values)

    return make
