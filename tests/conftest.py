"""Fixtures shared by the whole suite. Tests run against a real PostGIS."""

from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def seeded(db, settings):
    """The first seed: 27 governorates, 24 sectors and the 60 published clusters of fixtures/clusters.csv.

    ./scripts/run also loads batch 2 (seeded_full, 111 clusters); most tests count on the first 60.
    """
    settings.SEED_CLUSTER_FILES = ("clusters.csv",)
    call_command("seed", verbosity=0)


@pytest.fixture
def seeded_full(db):
    """The seed data as ./scripts/run loads it: 27 governorates, 24 sectors, 111 published clusters."""
    call_command("seed", verbosity=0)


@pytest.fixture
def base_data(db):
    """Governorates and sectors only, for importer tests that bring their own clusters."""
    from clusters.seeding import governorates_seed, sectors_seed

    governorates_seed()
    sectors_seed()


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
