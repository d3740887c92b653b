"""The map page's filter counts are kept per data version: a write shows at once, never a stale count."""

import re

import pytest
from django.contrib.gis.geos import Point

from clusters.models import Cluster, Governorate, Sector

pytestmark = pytest.mark.django_db


def count_for(client, key):
    page = client.get("/en/").content.decode()
    return int(re.search(rf'data-count-for="{re.escape(key)}">(\d+)<', page).group(1))


def test_counts_follow_a_write(client, seeded):
    before = count_for(client, "dairy"), count_for(client, "EG-DT")
    assert count_for(client, "dairy") == before[0]  # kept: the same answer
    cluster = Cluster(
        slug="kept-counts-dairy", name_ar="ألبان", name_en="Kept counts dairy", sector=Sector.objects.get(slug="dairy"),
        governorate=Governorate.objects.get(iso_code="EG-DT"), location=Point(31.81, 31.41, srid=4326),
        location_precision="locality", status="published",
    )
    cluster.save()
    assert (count_for(client, "dairy"), count_for(client, "EG-DT")) == (before[0] + 1, before[1] + 1)
