"""Fixtures for the OGC API tests: a draft that must never show, a live server."""

import pytest
from django.contrib.gis.geos import Point

from tests.support.ogc import DRAFT_SLUG, FAR_DRAFT_SLUG


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

