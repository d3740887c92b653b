"""`q` matches sector names in both languages (issue 11, item 5 and defect 7)."""

from urllib.parse import quote

import pytest

from clusters.models import Cluster
from clusters.services import cluster_refresh_stale_search_text
from tests.support.api import slugs

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/"


def _pottery():
    return sorted(Cluster.objects.filter(sector__slug="pottery-ceramics", status="published")
                  .values_list("slug", flat=True))


@pytest.mark.parametrize("text", ["خزف", "الخزف", "ceramics", "Pottery & ceramics"])
def test_q_finds_the_clusters_of_a_sector_by_its_name(client, seeded, text):
    found = slugs(client, f"{URL}?q={quote(text)}")
    assert len(_pottery()) == 8
    assert set(_pottery()) <= set(found)
    if text == "خزف":
        # No cluster's own fields say خزف: the sector's name is what finds all eight.
        assert found == _pottery()


def test_old_search_texts_are_brought_up_to_date(client, seeded):
    """Texts written before sector names counted are rebuilt by `manage.py seed`'s one check."""
    Cluster.objects.filter(sector__slug="pottery-ceramics").update(search_text="stale")
    assert slugs(client, f"{URL}?q={quote('خزف')}") == []
    assert cluster_refresh_stale_search_text() == 8
    assert slugs(client, f"{URL}?q={quote('خزف')}") == _pottery()
    assert cluster_refresh_stale_search_text() == 0
