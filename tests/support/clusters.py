"""The seed data's folder and a quick way to add one cluster to it."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def add_cluster(slug, **fields):
    """Add one cluster to the seed data: published, in Cairo, unless told otherwise."""
    from django.contrib.gis.geos import Point

    from clusters.models import Cluster, Governorate, Sector

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
