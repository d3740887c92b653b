"""Pages count their selection once per data version (issue 17, item 2), and never give a stale count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.models import Cluster
from tests.support.api import get_json

pytestmark = pytest.mark.django_db
URL = "/api/v1/clusters/?sector=pottery-ceramics&limit=3"


def _counts(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_the_second_page_does_not_count_again(client, seeded):
    assert get_json(client, URL)["numberMatched"] == 8
    with CaptureQueriesContext(connection) as queries:
        second = get_json(client, URL + "&offset=3")
    assert second["numberMatched"] == 8 and second["numberReturned"] == 3
    assert _counts(queries.captured_queries) == []


def test_a_write_gives_a_fresh_count(client, seeded):
    assert get_json(client, URL)["numberMatched"] == 8
    Cluster.objects.filter(slug="nazla-pottery").update(status="draft")
    with CaptureQueriesContext(connection) as queries:
        assert get_json(client, URL + "&offset=3")["numberMatched"] == 7
    assert len(_counts(queries.captured_queries)) == 1
    Cluster.objects.filter(slug="nazla-pottery").update(status="published")
    assert get_json(client, URL)["numberMatched"] == 8
